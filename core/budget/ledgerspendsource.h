#ifndef BURNRATE_CORE_BUDGET_LEDGERSPENDSOURCE_H
#define BURNRATE_CORE_BUDGET_LEDGERSPENDSOURCE_H

#include "budget/spendsource.h"

namespace burnrate {

class Ledger;

// Spend from the ledger as it stands today: the priced, API-billed local events. Whole local days of the
// global and per-provider scopes come from the rollups; partial days, workflows and tags from the events.
// Provider-billed data and the per-provider-day spend rule of DESIGN §2 belong here when they arrive.
class LedgerSpendSource final : public SpendSource
{
public:
    explicit LedgerSpendSource(Ledger &ledger);

    Result<std::int64_t> spendNano(const BudgetScope &scope, std::int64_t fromUtcMs, std::int64_t toUtcMs) override;

private:
    Result<std::int64_t> fromEvents(const BudgetScope &scope, std::int64_t fromUtcMs, std::int64_t toUtcMs);
    Result<std::int64_t> fromRollups(const BudgetScope &scope, std::int64_t firstDay, std::int64_t lastDay);

    Ledger &m_ledger;
};

} // namespace burnrate

#endif // BURNRATE_CORE_BUDGET_LEDGERSPENDSOURCE_H
