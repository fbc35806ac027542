#ifndef BURNRATE_CORE_CLI_BUDGETFORMAT_H
#define BURNRATE_CORE_CLI_BUDGETFORMAT_H

#include "budget/budgetengine.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace burnrate {
class LocalCalendar;
}

namespace burnrate::cli {

// What `budget status` shows: every budget as of `asOfMs`, and today against the usual day.
struct BudgetStatusReport
{
    QString timezone;
    std::int64_t asOfMs = 0;
    QList<BudgetStatus> statuses;
    AnomalyStatus today;
};

// JSON follows docs/architecture.md §8: money as an exact decimal string and as integer nano-USD; fields are only ever
// added, never renamed.
QByteArray budgetStatusJson(const BudgetStatusReport &report, LocalCalendar &calendar);
QString budgetStatusTable(const BudgetStatusReport &report, LocalCalendar &calendar);
QByteArray budgetListJson(const QList<Budget> &budgets);
QString budgetListTable(const QList<Budget> &budgets);
// "$100 a month from day 1, global, alerts at 50/80/100 %"
QString describeBudget(const Budget &budget);

} // namespace burnrate::cli

#endif // BURNRATE_CORE_CLI_BUDGETFORMAT_H
