#ifndef BURNRATE_CORE_BUDGET_BUDGETPERIOD_H
#define BURNRATE_CORE_BUDGET_BUDGETPERIOD_H

#include "budget/budget.h"

#include <QDate>

#include <cstdint>

namespace burnrate {

class LocalCalendar;

// One period of a budget in the user's time zone: local days [first, end), and the UTC instants of the
// local midnights that bound it (a period across a DST change is an hour shorter or longer).
struct PeriodWindow
{
    QDate first;
    QDate end; // the first day of the next period
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;

    QDate last() const { return end.addDays(-1); }
    bool contains(std::int64_t utcMs) const { return utcMs >= startMs && utcMs < endMs; }
    friend bool operator==(const PeriodWindow &, const PeriodWindow &) = default;
};

// The period of `budget` that contains local day `date`. A monthly period starts on the budget's start day,
// or on the last day of a month too short for it (start day 31: Jan 31, Feb 28, Mar 31, ...). A weekly
// period starts on the calendar's week start.
PeriodWindow periodContaining(const Budget &budget, const LocalCalendar &calendar, QDate date);
// The period that contains the instant `utcMs`.
PeriodWindow periodAt(const Budget &budget, LocalCalendar &calendar, std::int64_t utcMs);

// The day `startDay` of a month, or its last day when the month is shorter.
QDate clampedDay(int year, int month, int startDay);

} // namespace burnrate

#endif // BURNRATE_CORE_BUDGET_BUDGETPERIOD_H
