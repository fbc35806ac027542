#ifndef BURNRATE_CORE_BUDGET_BUDGETENGINE_H
#define BURNRATE_CORE_BUDGET_BUDGETENGINE_H

#include "budget/budget.h"
#include "budget/budgetperiod.h"
#include "budget/budgetstore.h"
#include "budget/forecast.h"
#include "money/money.h"
#include "util/result.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace burnrate {

class Clock;
class Ledger;
class Settings;
class SpendSource;

struct BudgetOptions
{
    int runRateDays = 7;                               // the trailing window of the forecast's run rate
    int anomalyWindowDays = 14;                        // the trailing days whose median is "usual"
    int anomalyFactor = 3;                             // today above this many times the median is unusual...
    std::int64_t anomalyFloorNano = Money::NanoPerUsd; // ...and above this floor
};

// The options from the user's settings (the anomaly floor); defaults for what is not set or not valid.
BudgetOptions budgetOptionsFrom(const Settings &settings);

// Where one budget stands now.
struct BudgetStatus
{
    Budget budget;
    PeriodWindow period;
    Forecast forecast; // forecast.spendNano is the period's spend so far
    QList<int> firedThresholds;
    bool forecastAlerted = false;

    std::int64_t spendNano() const { return forecast.spendNano; }
    // Spend ÷ amount in hundredths of a percent, rounded down (8041 = 80.41 %).
    std::int64_t basisPoints() const;
    // The thresholds the spend has reached, fired or not.
    QList<int> reachedThresholds() const;
};

// Today's spend against the usual day.
struct AnomalyStatus
{
    QDate day;
    std::int64_t todayNano = 0;
    std::int64_t twiceMedianNano = 0; // 2 × the median of the trailing days (exact)
    // The median, rounded half up, without the overflow of (twiceMedianNano + 1) / 2.
    std::int64_t medianNano() const { return twiceMedianNano / 2 + (twiceMedianNano % 2 == 1 ? 1 : 0); }
    int windowDays = 0;
    bool hasHistory = false; // any spend in the trailing days; without it nothing is "unusual"
    bool anomalous = false;
    bool alerted = false;
};

// One notification to show. The text says what happened and the number; text() is the whole of it in one
// line ("Burnrate: 80 % of your $100 November budget used ($80.41); forecast $131 by Nov 30").
struct BudgetNotification
{
    enum class Kind
    {
        Threshold,
        Forecast,
        Anomaly
    };
    Kind kind = Kind::Threshold;
    std::int64_t budgetId = 0; // 0 for an anomaly
    QString budgetName;
    int threshold = 0;   // the highest threshold newly reached (Kind::Threshold)
    bool urgent = false; // the budget is used up
    QString summary;     // "Burnrate"
    QString body;

    QString text() const { return summary + QStringLiteral(": ") + body; }
};

struct BudgetCheck
{
    QList<BudgetStatus> statuses;            // every budget, in id order
    QList<BudgetNotification> notifications; // at most one per budget, then the anomaly
    AnomalyStatus anomaly;
};

// Budgets, forecasts and anomalies over a SpendSource, in the ledger's calendar, at the clock's "now".
class BudgetEngine final
{
public:
    BudgetEngine(Ledger &ledger, SpendSource &spend, const Clock &clock, BudgetOptions options = {});

    // New options (the user changed the anomaly floor); the next check uses them.
    void setOptions(const BudgetOptions &options) { m_options = options; }

    // Read-only views: nothing is recorded.
    Result<BudgetStatus> status(const Budget &budget);
    Result<QList<BudgetStatus>> statuses();
    Result<AnomalyStatus> anomaly();

    // The check to run after every sync and import and at each period start: finds thresholds newly
    // reached, a forecast newly over budget and an unusual day, records them as sent and returns the
    // notifications for them, all in one transaction. Running it again on the same data returns none:
    // each (budget, period, threshold) is notified at most once, whatever restarts or re-imports happen.
    Result<BudgetCheck> check();

    // The next instant something can change without new data: the next local midnight (every period
    // starts at one, and so does a new day for the anomaly check).
    std::int64_t nextBoundaryMs();

    // The budget the tray shows: the first global monthly one, else the first global, else the first.
    static std::optional<qsizetype> primaryIndex(const QList<BudgetStatus> &statuses);

private:
    Result<BudgetStatus> statusAt(const Budget &budget, std::int64_t nowMs);
    Result<QList<BudgetStatus>> statusesAt(std::int64_t nowMs);
    Status loadAlerts(BudgetStatus &status);
    Result<AnomalyStatus> anomalyAt(std::int64_t nowMs);
    Status checkBudget(BudgetStatus &status, std::int64_t nowMs, QList<BudgetNotification> &out);

    Ledger &m_ledger;
    SpendSource &m_spend;
    const Clock &m_clock;
    BudgetOptions m_options;
    BudgetStore m_store;
};

} // namespace burnrate

#endif // BURNRATE_CORE_BUDGET_BUDGETENGINE_H
