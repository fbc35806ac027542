#ifndef BURNRATE_CORE_REPORT_REPORTVALUES_H
#define BURNRATE_CORE_REPORT_REPORTVALUES_H

// The values every rendering of a report shows the same way (the JSON and CSV exports here, the command line's
// table): exact decimal money, local times, ratios, cost per success, average latency, grouped integers.

#include "ledger/reportquery.h"
#include "money/money.h"

#include <QDateTime>
#include <QTimeZone>

#include <optional>

namespace burnrate::reportvalues {

inline QString usd(std::int64_t nano)
{
    return Money::fromNano(nano).toDecimalString();
}

inline QString localTime(std::optional<std::int64_t> ms, const QString &zone)
{
    if (!ms) {
        return QString();
    }
    return QDateTime::fromMSecsSinceEpoch(*ms, QTimeZone(zone.toUtf8())).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

inline QString ratio(std::int64_t num, std::int64_t den)
{
    if (den == 0) {
        return QString();
    }
    return QString::number(static_cast<double>(num) / static_cast<double>(den), 'f', 4);
}

// Cost per success in nano, rounded half-up; empty when there is no success.
inline std::optional<std::int64_t> costPerSuccess(const ReportRow &r)
{
    if (r.successes == 0) {
        return std::nullopt;
    }
    return (r.costNano + r.successes / 2) / r.successes;
}

inline std::optional<std::int64_t> avgLatency(const ReportRow &r)
{
    if (r.latencyCount == 0) {
        return std::nullopt;
    }
    return (r.latencySumMs + r.latencyCount / 2) / r.latencyCount;
}

inline QString grouped(std::int64_t v)
{
    QString s = QString::number(v);
    for (auto pos = s.size() - 3; pos > (v < 0 ? 1 : 0); pos -= 3) {
        s.insert(pos, QLatin1Char(','));
    }
    return s;
}

inline QString keyOrNone(const QString &key)
{
    return key.isEmpty() ? QStringLiteral("(none)") : key;
}

inline bool isEventView(ReportBy by)
{
    return by == ReportBy::Conversation || by == ReportBy::Project || by == ReportBy::Workflow;
}

} // namespace burnrate::reportvalues

#endif // BURNRATE_CORE_REPORT_REPORTVALUES_H
