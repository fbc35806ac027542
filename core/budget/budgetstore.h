#ifndef BURNRATE_CORE_BUDGET_BUDGETSTORE_H
#define BURNRATE_CORE_BUDGET_BUDGETSTORE_H

#include "budget/budget.h"
#include "util/result.h"

#include <QDate>
#include <QList>

#include <optional>

namespace burnrate {

class Database;
class Statement;

// The budgets and the alerts already sent, in the ledger. An alert row is the memory that a notification
// went out: (budget, period, threshold), (budget, period) for a forecast, and (local day) for an anomaly
// are each unique, so whatever runs the check again never sends one twice.
class BudgetStore final
{
public:
    explicit BudgetStore(Database &db);

    Result<QList<Budget>> list();
    Result<std::optional<Budget>> find(const QString &name);
    // Stores `budget` under its name, new or replacing; a changed definition (amount, scope, period,
    // start day, thresholds) starts its alerts afresh. Returns the stored budget with its id.
    Result<Budget> save(Budget budget, std::int64_t nowMs);
    // Removes the budget and its alerts. Returns whether it existed.
    Result<bool> remove(const QString &name);

    Result<QList<int>> firedThresholds(std::int64_t budgetId, QDate periodStart);
    Result<bool> forecastAlerted(std::int64_t budgetId, QDate periodStart);
    Result<bool> anomalyAlerted(QDate day);

    // Each returns whether the row is new (false: it was there already and nothing changed).
    Result<bool> recordThreshold(std::int64_t budgetId, QDate periodStart, int threshold, std::int64_t firedAtMs,
                                 std::int64_t spendNano);
    Result<bool> recordForecast(std::int64_t budgetId, QDate periodStart, std::int64_t firedAtMs,
                                std::int64_t forecastNano);
    Result<bool> recordAnomaly(QDate day, std::int64_t firedAtMs, std::int64_t spendNano, std::int64_t twiceMedianNano);

private:
    Result<bool> insert(Statement &s);
    static Budget read(const Statement &s);

    Database &m_db;
};

} // namespace burnrate

#endif // BURNRATE_CORE_BUDGET_BUDGETSTORE_H
