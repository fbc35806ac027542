#ifndef BURNRATE_CORE_BUDGET_LEDGERSPENDSOURCE_H
#define BURNRATE_CORE_BUDGET_LEDGERSPENDSOURCE_H

#include "budget/spendsource.h"

#include <optional>

namespace burnrate {

class Ledger;

// Spend from the ledger: API-billed spend only (a subscription's equivalent value never counts). The global and
// per-provider scopes follow the spend rule (docs/architecture.md §2) once provider sync has stored anything (billed
// costs, the usage API's estimate, balance falls, else local events, per provider and day): whole local days come from
// the spend facts; a partial first day counts the share of that day's spend after `from`, and a last day that reaches
// the present counts whole (nothing is later than now). Without provider data, whole days come from the rollups
// and partial days from the events. Workflows and tags exist only on local events and are read from them.
class LedgerSpendSource final : public SpendSource
{
public:
    explicit LedgerSpendSource(Ledger &ledger);

    Result<std::int64_t> spendNano(const BudgetScope &scope, std::int64_t fromUtcMs, std::int64_t toUtcMs) override;

private:
    Result<std::int64_t> fromEvents(const BudgetScope &scope, std::int64_t fromUtcMs, std::int64_t toUtcMs);
    Result<std::int64_t> fromRollups(const BudgetScope &scope, std::int64_t firstDay, std::int64_t lastDay);
    // std::nullopt when provider sync has stored nothing (the rollups and events answer alone).
    std::optional<Result<std::int64_t>> fromSpendRule(const BudgetScope &scope, std::int64_t fromUtcMs,
                                                      std::int64_t toUtcMs);

    Ledger &m_ledger;
};

} // namespace burnrate

#endif // BURNRATE_CORE_BUDGET_LEDGERSPENDSOURCE_H
