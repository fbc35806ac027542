#include "providers/syncdata.h"

namespace burnrate {

QString UsageBucket::naturalKey() const
{
    const QChar sep(0x1f);
    return QString::number(startMs) + sep + width + sep + model + sep + project + sep + apiKey + sep + workspace + sep +
           serviceTier + sep + (batch ? QLatin1Char('1') : QLatin1Char('0')) + sep + contextWindow;
}

QString BilledCost::naturalKey() const
{
    const QChar sep(0x1f);
    return day.toString(Qt::ISODate) + sep + project + sep + lineItem + sep + apiKey + sep + model + sep + detail;
}

} // namespace burnrate
