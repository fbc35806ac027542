#include "ledger/eventlimits.h"

#include <initializer_list>
#include <tuple>
#include <utility>

namespace burnrate {

namespace {

std::optional<QString> tooLarge(const char *name, std::int64_t value, std::int64_t max)
{
    if (value <= max) {
        return std::nullopt;
    }
    return QStringLiteral("%1 is %2 (at most %3)").arg(QLatin1String(name)).arg(value).arg(max);
}

} // namespace

std::optional<QString> tooLong(const char *name, const QString &value, qsizetype max)
{
    if (value.size() <= max) {
        return std::nullopt;
    }
    return QStringLiteral("%1 is %2 characters long (at most %3)").arg(QLatin1String(name)).arg(value.size()).arg(max);
}

std::optional<QString> outOfBounds(const EventRecord &e)
{
    using namespace limits;
    const std::initializer_list<std::pair<const char *, std::int64_t>> tokens = {
        {"uncached input tokens", e.tokens.inputUncached},
        {"cache read tokens", e.tokens.cacheRead},
        {"cache write tokens (5 minutes)", e.tokens.cacheWrite5m},
        {"cache write tokens (1 hour)", e.tokens.cacheWrite1h},
        {"output tokens", e.tokens.output},
        {"reasoning tokens", e.tokens.reasoning}};
    for (const auto &[name, value] : tokens) {
        if (auto why = tooLarge(name, value, MaxTokens)) {
            return why;
        }
    }
    const std::initializer_list<std::pair<const char *, std::int64_t>> counts = {
        {"requests", e.requests}, {"tool calls", e.toolCalls}, {"retries", e.retries}};
    for (const auto &[name, value] : counts) {
        if (auto why = tooLarge(name, value, MaxCount)) {
            return why;
        }
    }
    if (auto why = tooLarge("latency_ms", e.latencyMs.value_or(0), MaxLatencyMs)) {
        return why;
    }
    if (auto why = tooLarge("payload_bytes", e.payloadBytes.value_or(0), MaxPayloadBytes)) {
        return why;
    }
    if (auto why = tooLarge("the reported cost in nano-USD", e.reportedCostNano.value_or(0), MaxCostNano)) {
        return why;
    }
    const std::initializer_list<std::tuple<const char *, const QString *, qsizetype>> texts = {
        {"source", &e.source, MaxNameLength},
        {"provider", &e.provider, MaxNameLength},
        {"service tier", &e.serviceTier, MaxNameLength},
        {"status", &e.status, MaxNameLength},
        {"outcome", &e.outcome, MaxNameLength},
        {"model", &e.model, MaxModelLength},
        {"the request's key", &e.sourceKey, MaxIdLength},
        {"conversation", &e.conversationId, MaxIdLength},
        {"workflow", &e.workflowId, MaxIdLength},
        {"workflow type", &e.workflowType, MaxIdLength},
        {"agent", &e.agent, MaxIdLength},
        {"user", &e.userId, MaxIdLength},
        {"feature", &e.feature, MaxIdLength},
        {"environment", &e.environment, MaxIdLength},
        {"prompt version", &e.promptVersion, MaxIdLength},
        {"project", &e.project, MaxProjectLength},
        {"tags", &e.tagsJson, MaxTagsJsonLength}};
    for (const auto &[name, value, max] : texts) {
        if (auto why = tooLong(name, *value, max)) {
            return why;
        }
    }
    return std::nullopt;
}

} // namespace burnrate
