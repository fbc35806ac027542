#ifndef BURNRATE_CORE_LEDGER_REPORTFILTER_H
#define BURNRATE_CORE_LEDGER_REPORTFILTER_H

#include <QDate>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace burnrate {

class LocalCalendar;
class Statement;

// The UTC instants [from, until) of the local dates since..until, both inclusive; an open end is unbounded.
struct UtcRange
{
    std::int64_t fromMs;
    std::int64_t untilMs;
};
UtcRange utcRangeOf(const LocalCalendar &calendar, std::optional<QDate> since, std::optional<QDate> until);

// Narrows a report to some requests: those of the sources, models and project named (each empty = all). It
// applies to the tables that hold those columns per request or per rollup row: events and conversation_rollups.
struct ReportFilter
{
    QStringList sources;
    QStringList models;
    std::optional<QString> project; // "" = requests without a project

    bool isEmpty() const { return sources.isEmpty() && models.isEmpty() && !project; }

    // " AND source IN (?n, ...) AND model IN (...) AND COALESCE(project, '') = ?m" with parameters numbered
    // from `firstParam`; empty when nothing is filtered.
    QString sqlCondition(int firstParam) const;
    // How many parameters sqlCondition() uses.
    int paramCount() const { return static_cast<int>(sources.size() + models.size()) + (project ? 1 : 0); }
    // Binds the parameters of sqlCondition(firstParam).
    void bind(Statement &statement, int firstParam) const;
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_REPORTFILTER_H
