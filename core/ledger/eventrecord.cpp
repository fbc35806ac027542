#include "ledger/eventrecord.h"

#include <QByteArray>

namespace burnrate {

namespace {

// FNV-1a, 64 bit: stable across runs, platforms and Qt versions.
class Fnv
{
public:
    void bytes(const void *data, size_t n)
    {
        const auto *p = static_cast<const unsigned char *>(data);
        for (size_t i = 0; i < n; ++i) {
            m_h ^= p[i];
            m_h *= 0x100000001b3ULL;
        }
    }
    void str(const QString &s)
    {
        const bool null = s.isNull();
        bytes(&null, 1);
        const auto n = static_cast<std::uint64_t>(s.size());
        bytes(&n, sizeof n);
        bytes(s.constData(), static_cast<size_t>(s.size()) * sizeof(QChar));
    }
    void num(std::int64_t v) { bytes(&v, sizeof v); }
    void opt(const std::optional<std::int64_t> &v)
    {
        const bool has = v.has_value();
        bytes(&has, 1);
        num(v.value_or(0));
    }
    std::uint64_t value() const { return m_h; }

private:
    std::uint64_t m_h = 0xcbf29ce484222325ULL;
};

} // namespace

QString billingName(Billing b)
{
    return b == Billing::Subscription ? QStringLiteral("subscription") : QStringLiteral("api");
}

std::uint64_t EventRecord::fingerprint() const
{
    Fnv h;
    for (const QString *s :
         {&source, &sourceKey, &provider, &model, &conversationId, &project, &workflowId, &workflowType, &agent,
          &userId, &feature, &environment, &promptVersion, &tagsJson, &status, &outcome, &serviceTier, &priceRef}) {
        h.str(*s);
    }
    for (std::int64_t v :
         {occurredAtMs, tokens.inputUncached, tokens.cacheRead, tokens.cacheWrite5m, tokens.cacheWrite1h, tokens.output,
          tokens.reasoning, requests, toolCalls, retries, static_cast<std::int64_t>(billing)}) {
        h.num(v);
    }
    for (const auto *o : {&endedAtMs, &latencyMs, &payloadBytes, &reportedCostNano, &costNano}) {
        h.opt(*o);
    }
    return h.value();
}

} // namespace burnrate
