// OpenRouter's answers through the parsers its client uses: /api/v1/key (parseOpenRouterKey), /api/v1/credits
// (parseOpenRouterCredits) and /api/v1/activity (parseOpenRouterActivity), each on the same input.
#include "fuzzcheck.h"
#include "providers/balanceparsers.h"

using namespace burnrate;

namespace {

constexpr std::int64_t AtMs = 1'767'225'600'000; // 2026-01-01T00:00:00Z

void checkSnapshot(const BalanceSnapshot &s, const QString &source)
{
    FUZZ_CHECK(s.provider == QLatin1String("openrouter") && s.source == source);
    FUZZ_CHECK(s.currency == QLatin1String("USD") && s.atMs == AtMs);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::quietLogging();
    const QByteArray body = fuzz::bytesOf(data, size);
    if (auto key = parseOpenRouterKey(body, AtMs)) {
        checkSnapshot(key->snapshot, QStringLiteral("key"));
    } else {
        FUZZ_CHECK(!key.error().isEmpty());
    }
    if (auto credits = parseOpenRouterCredits(body, AtMs)) {
        checkSnapshot(*credits, QStringLiteral("credits"));
        FUZZ_CHECK(credits->creditNano && credits->usedNano);
    } else {
        FUZZ_CHECK(!credits.error().isEmpty());
    }
    if (auto activity = parseOpenRouterActivity(body)) {
        for (const BilledCost &c : *activity) {
            FUZZ_CHECK(c.provider == QLatin1String("openrouter") && c.day.isValid());
            (void)c.naturalKey();
        }
    } else {
        FUZZ_CHECK(!activity.error().isEmpty());
    }
    return 0;
}
