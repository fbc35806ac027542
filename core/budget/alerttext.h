#ifndef BURNRATE_CORE_BUDGET_ALERTTEXT_H
#define BURNRATE_CORE_BUDGET_ALERTTEXT_H

#include "budget/budgetengine.h"

#include <QCoreApplication>
#include <QString>

namespace burnrate {

class LocalCalendar;

// The words of the budget notifications, translatable, in the default QLocale's month names.
class AlertText final
{
    Q_DECLARE_TR_FUNCTIONS(AlertText)

public:
    // "80 % of your $100 November budget used ($80.41); forecast $131 by Nov 30"
    static QString threshold(const BudgetStatus &status, int threshold);
    // "your $100 November budget is on course for $131 by Nov 30 ($62.10 so far); at this rate it runs out on
    // Nov 24"
    static QString forecast(const BudgetStatus &status, LocalCalendar &calendar);
    // "unusual spend today: $14.20 so far, 5.3× the 14-day median of $2.68 a day"
    static QString anomaly(const AnomalyStatus &anomaly);

    // "$100 November budget", "$25 weekly budget on openai", "$100 budget for Nov 15 – Dec 14 on tag team=ml"
    static QString budgetPhrase(const Budget &budget, const PeriodWindow &period);
    // A budget amount: "$100", "$99.50".
    static QString amount(std::int64_t nano);
    // A forecast: whole dollars from $100 up ("$131"), cents below ("$12.40").
    static QString rounded(std::int64_t nano);
    // "Nov 30"
    static QString shortDate(QDate date);
};

} // namespace burnrate

#endif // BURNRATE_CORE_BUDGET_ALERTTEXT_H
