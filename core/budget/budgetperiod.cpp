#include "budget/budgetperiod.h"

#include "util/localcalendar.h"

#include <algorithm>

namespace burnrate {

QDate clampedDay(int year, int month, int startDay)
{
    const QDate firstOfMonth(year, month, 1);
    return QDate(year, month, std::min(startDay, firstOfMonth.daysInMonth()));
}

PeriodWindow periodContaining(const Budget &budget, const LocalCalendar &calendar, QDate date)
{
    PeriodWindow w;
    switch (budget.period) {
    case BudgetPeriod::Daily:
        w.first = date;
        w.end = date.addDays(1);
        break;
    case BudgetPeriod::Weekly:
        w.first = calendar.weekStartOf(date);
        w.end = w.first.addDays(7);
        break;
    case BudgetPeriod::Monthly: {
        const QDate thisMonth = clampedDay(date.year(), date.month(), budget.startDay);
        if (date >= thisMonth) {
            w.first = thisMonth;
        } else {
            const QDate previous = date.addMonths(-1);
            w.first = clampedDay(previous.year(), previous.month(), budget.startDay);
        }
        const QDate next = QDate(w.first.year(), w.first.month(), 1).addMonths(1);
        w.end = clampedDay(next.year(), next.month(), budget.startDay);
        break;
    }
    }
    w.startMs = calendar.startOfDayUtcMs(w.first);
    w.endMs = calendar.startOfDayUtcMs(w.end);
    return w;
}

PeriodWindow periodAt(const Budget &budget, LocalCalendar &calendar, std::int64_t utcMs)
{
    return periodContaining(budget, calendar, calendar.dateOf(utcMs));
}

} // namespace burnrate
