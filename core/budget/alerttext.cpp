#include "budget/alerttext.h"

#include "budget/budgetmath.h"
#include "util/localcalendar.h"

#include <QLocale>

namespace burnrate {

QString AlertText::amount(std::int64_t nano)
{
    const Money m = Money::fromNano(nano);
    return m.toDisplayString(nano % Money::NanoPerUsd == 0 ? 0 : 2);
}

QString AlertText::rounded(std::int64_t nano)
{
    return Money::fromNano(nano).toDisplayString(nano >= 100 * Money::NanoPerUsd ? 0 : 2);
}

QString AlertText::shortDate(QDate date)
{
    return QLocale().toString(date, QStringLiteral("MMM d"));
}

QString AlertText::budgetPhrase(const Budget &budget, const PeriodWindow &period)
{
    QString phrase;
    switch (budget.period) {
    case BudgetPeriod::Monthly:
        if (budget.startDay == 1) {
            //: %1 amount, %2 month name: "$100 November budget"
            phrase =
                tr("%1 %2 budget").arg(amount(budget.amountNano), QLocale().standaloneMonthName(period.first.month()));
        } else {
            //: %1 amount, %2 and %3 the period's first and last day: "$100 budget for Nov 15 – Dec 14"
            phrase = tr("%1 budget for %2 – %3")
                         .arg(amount(budget.amountNano), shortDate(period.first), shortDate(period.last()));
        }
        break;
    case BudgetPeriod::Weekly:
        phrase = tr("%1 weekly budget").arg(amount(budget.amountNano));
        break;
    case BudgetPeriod::Daily:
        phrase = tr("%1 daily budget").arg(amount(budget.amountNano));
        break;
    }
    if (budget.scope.kind != BudgetScope::Kind::Global) {
        //: a budget limited to a provider, workflow or tag: "$100 November budget on openai"
        phrase = tr("%1 on %2").arg(phrase, budget.scope.describe());
    }
    return phrase;
}

QString AlertText::threshold(const BudgetStatus &status, int threshold)
{
    //: %1 threshold percent, %2 the budget, %3 spend so far, %4 forecast, %5 the period's last day
    return tr("%1 % of your %2 used (%3); forecast %4 by %5")
        .arg(QString::number(threshold), budgetPhrase(status.budget, status.period),
             Money::fromNano(status.spendNano()).toDisplayString(2), rounded(status.forecast.forecastNano),
             shortDate(status.period.last()));
}

QString AlertText::forecast(const BudgetStatus &status, LocalCalendar &calendar)
{
    QString text = tr("your %1 is on course for %2 by %3 (%4 so far)")
                       .arg(budgetPhrase(status.budget, status.period), rounded(status.forecast.forecastNano),
                            shortDate(status.period.last()), Money::fromNano(status.spendNano()).toDisplayString(2));
    if (status.forecast.crossingMs) {
        text += tr("; at this rate it runs out on %1").arg(shortDate(calendar.dateOf(*status.forecast.crossingMs)));
    }
    return text;
}

QString AlertText::anomaly(const AnomalyStatus &anomaly)
{
    const QString today = Money::fromNano(anomaly.todayNano).toDisplayString(2);
    if (anomaly.twiceMedianNano <= 0) {
        return tr("unusual spend today: %1 so far, when on most of the last %2 days you spent nothing")
            .arg(today)
            .arg(anomaly.windowDays);
    }
    // today ÷ median = 2 × today ÷ twiceMedian, in tenths, rounded down.
    const std::int64_t tenths = mulDiv(anomaly.todayNano, 20, anomaly.twiceMedianNano, Rounding::Down);
    const QString factor = QStringLiteral("%1.%2").arg(tenths / 10).arg(tenths % 10);
    const std::int64_t median = anomaly.medianNano();
    //: %1 today's spend, %2 how many times the median, %3 number of days, %4 the median day
    return tr("unusual spend today: %1 so far, %2× the %3-day median of %4 a day")
        .arg(today, factor)
        .arg(anomaly.windowDays)
        .arg(Money::fromNano(median).toDisplayString(2));
}

} // namespace burnrate
