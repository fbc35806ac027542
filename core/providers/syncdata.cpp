#include "providers/syncdata.h"

#include <QtNumeric>

#include <algorithm>

namespace burnrate {

QString UsageBucket::naturalKey() const
{
    const QChar sep(0x1f);
    return QString::number(startMs) + sep + width + sep + model + sep + project + sep + apiKey + sep + workspace + sep +
           serviceTier + sep + (batch ? QLatin1Char('1') : QLatin1Char('0')) + sep + contextWindow;
}

bool UsageBucket::add(const UsageBucket &other)
{
    UsageBucket sum = *this;
    const auto plus = [](std::int64_t &a, std::int64_t b) {
        return !qAddOverflow(a, b, &a);
    };
    bool ok = plus(sum.tokens.inputUncached, other.tokens.inputUncached) &&
              plus(sum.tokens.cacheRead, other.tokens.cacheRead) &&
              plus(sum.tokens.cacheWrite5m, other.tokens.cacheWrite5m) &&
              plus(sum.tokens.cacheWrite1h, other.tokens.cacheWrite1h) &&
              plus(sum.tokens.output, other.tokens.output) && plus(sum.tokens.reasoning, other.tokens.reasoning) &&
              plus(sum.requests, other.requests) && plus(sum.webSearches, other.webSearches);
    for (auto it = other.extra.cbegin(); ok && it != other.extra.cend(); ++it) {
        ok = plus(sum.extra[it.key()], it.value());
    }
    if (!ok) {
        return false;
    }
    sum.endMs = std::max(endMs, other.endMs);
    *this = std::move(sum);
    return true;
}

QString BilledCost::naturalKey() const
{
    const QChar sep(0x1f);
    return day.toString(Qt::ISODate) + sep + project + sep + lineItem + sep + apiKey + sep + model + sep + detail;
}

} // namespace burnrate
