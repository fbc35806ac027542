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

// num ÷ den (den > 0) rounded half away from zero, from the quotient and remainder: (num + den / 2) / den would
// overflow for a total near the largest int64.
inline std::int64_t roundedQuotient(std::int64_t num, std::int64_t den)
{
    const std::int64_t q = num / den;
    const std::int64_t r = num % den; // |r| < den, and has num's sign
    if (r >= 0) {
        return r >= den - r ? q + 1 : q;
    }
    return -r >= den + r ? q - 1 : q;
}

// Cost per success in nano, rounded half away from zero; empty when there is no success.
inline std::optional<std::int64_t> costPerSuccess(const ReportRow &r)
{
    if (r.successes <= 0) {
        return std::nullopt;
    }
    return roundedQuotient(r.costNano, r.successes);
}

inline std::optional<std::int64_t> avgLatency(const ReportRow &r)
{
    if (r.latencyCount <= 0) {
        return std::nullopt;
    }
    return roundedQuotient(r.latencySumMs, r.latencyCount);
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
