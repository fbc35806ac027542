// DeepSeek's /user/balance through parseDeepSeekBalance; every snapshot must name its currency and balance.
#include "fuzzcheck.h"
#include "providers/balanceparsers.h"

using namespace burnrate;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::quietLogging();
    constexpr std::int64_t AtMs = 1'767'225'600'000; // 2026-01-01T00:00:00Z
    auto balance = parseDeepSeekBalance(fuzz::bytesOf(data, size), AtMs);
    if (!balance) {
        FUZZ_CHECK(!balance.error().isEmpty());
        return 0;
    }
    for (const BalanceSnapshot &s : balance->snapshots) {
        FUZZ_CHECK(s.provider == QLatin1String("deepseek") && s.atMs == AtMs);
        FUZZ_CHECK(!s.currency.isEmpty() && s.currency == s.currency.trimmed().toUpper());
        FUZZ_CHECK(s.creditNano.has_value());
    }
    return 0;
}
