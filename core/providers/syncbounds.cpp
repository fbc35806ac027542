#include "providers/syncbounds.h"

#include "ledger/eventlimits.h"

#include <initializer_list>
#include <tuple>
#include <utility>

namespace burnrate {

namespace {

std::optional<QString> outOfRange(const char *name, std::int64_t value, std::int64_t min, std::int64_t max)
{
    if (value >= min && value <= max) {
        return std::nullopt;
    }
    return QStringLiteral("%1 is %2 (from %3 to %4)").arg(QLatin1String(name)).arg(value).arg(min).arg(max);
}

std::optional<QString> firstOf(std::initializer_list<std::optional<QString>> checks)
{
    for (const auto &c : checks) {
        if (c) {
            return c;
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<QString> outOfBounds(const UsageBucket &b)
{
    using namespace synclimits;
    const std::initializer_list<std::pair<const char *, std::int64_t>> tokens = {
        {"uncached input tokens", b.tokens.inputUncached},
        {"cache read tokens", b.tokens.cacheRead},
        {"cache write tokens (5 minutes)", b.tokens.cacheWrite5m},
        {"cache write tokens (1 hour)", b.tokens.cacheWrite1h},
        {"output tokens", b.tokens.output},
        {"reasoning tokens", b.tokens.reasoning}};
    for (const auto &[name, value] : tokens) {
        if (auto why = outOfRange(name, value, 0, MaxTokens)) {
            return why;
        }
    }
    if (auto why = firstOf({outOfRange("requests", b.requests, 0, MaxCount),
                            outOfRange("web searches", b.webSearches, 0, MaxCount)})) {
        return why;
    }
    if (b.extra.size() > MaxExtraFields) {
        return QStringLiteral("the row has %1 other metrics (at most %2)").arg(b.extra.size()).arg(MaxExtraFields);
    }
    for (auto it = b.extra.cbegin(); it != b.extra.cend(); ++it) {
        if (auto why = firstOf({tooLong("a metric's name", it.key(), MaxNameLength),
                                outOfRange("a metric", it.value(), 0, MaxTokens)})) {
            return why;
        }
    }
    const std::initializer_list<std::tuple<const char *, const QString *, qsizetype>> texts = {
        {"account", &b.account, MaxIdLength},
        {"width", &b.width, MaxNameLength},
        {"model", &b.model, MaxModelLength},
        {"project", &b.project, MaxIdLength},
        {"api key id", &b.apiKey, MaxIdLength},
        {"workspace", &b.workspace, MaxIdLength},
        {"service tier", &b.serviceTier, MaxNameLength},
        {"context window", &b.contextWindow, MaxNameLength}};
    for (const auto &[name, value, max] : texts) {
        if (auto why = tooLong(name, *value, max)) {
            return why;
        }
    }
    return std::nullopt;
}

std::optional<QString> outOfBounds(const BilledCost &c)
{
    using namespace synclimits;
    return firstOf({outOfRange("amount in nano-USD", c.amountNano, -MaxAmountNano, MaxAmountNano),
                    tooLong("account", c.account, MaxIdLength), tooLong("project", c.project, MaxIdLength),
                    tooLong("line item", c.lineItem, MaxIdLength), tooLong("api key id", c.apiKey, MaxIdLength),
                    tooLong("model", c.model, MaxModelLength), tooLong("detail", c.detail, MaxDetailLength)});
}

std::optional<QString> outOfBounds(const BalanceSnapshot &s)
{
    using namespace synclimits;
    const std::initializer_list<std::pair<const char *, std::optional<std::int64_t>>> amounts = {
        {"credit in nano-USD", s.creditNano},
        {"used in nano-USD", s.usedNano},
        {"used today in nano-USD", s.usedTodayNano},
        {"granted in nano-USD", s.grantedNano},
        {"topped up in nano-USD", s.toppedUpNano}};
    for (const auto &[name, value] : amounts) {
        if (value) {
            if (auto why = outOfRange(name, *value, -MaxAmountNano, MaxAmountNano)) {
                return why;
            }
        }
    }
    return firstOf({tooLong("account", s.account, MaxIdLength), tooLong("source", s.source, MaxNameLength),
                    tooLong("currency", s.currency, MaxNameLength)});
}

} // namespace burnrate
