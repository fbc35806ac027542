#include "providers/syncdata.h"

namespace burnrate {

QString UsageBucket::naturalKey() const
{
    const QChar sep(0x1f);
    return QString::number(startMs) + sep + width + sep + model + sep + project + sep + apiKey + sep + workspace + sep +
           serviceTier + sep + (batch ? QLatin1Char('1') : QLatin1Char('0')) + sep + contextWindow;
}

void UsageBucket::add(const UsageBucket &other, SumCheck &sums)
{
    endMs = std::max(endMs, other.endMs);
    tokens.add(other.tokens, sums);
    sums.add(requests, other.requests, "requests");
    sums.add(webSearches, other.webSearches, "web searches");
    for (auto it = other.extra.cbegin(); it != other.extra.cend(); ++it) {
        sums.add(extra[it.key()], it.value(), "usage metrics");
    }
}

QString BilledCost::naturalKey() const
{
    const QChar sep(0x1f);
    return day.toString(Qt::ISODate) + sep + project + sep + lineItem + sep + apiKey + sep + model + sep + detail;
}

} // namespace burnrate
