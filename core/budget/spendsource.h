#ifndef BURNRATE_CORE_BUDGET_SPENDSOURCE_H
#define BURNRATE_CORE_BUDGET_SPENDSOURCE_H

#include "budget/budget.h"
#include "util/result.h"

#include <cstdint>

namespace burnrate {

// Where the budget engine gets spend from: the one place that decides what counts. Spend is money billed
// to the user's API keys; a subscription's "equivalent value" never counts against a budget (docs/architecture.md §2).
class SpendSource
{
public:
    virtual ~SpendSource() = default;
    // The spend of `scope` in the UTC instants [fromUtcMs, toUtcMs), in nano-USD.
    virtual Result<std::int64_t> spendNano(const BudgetScope &scope, std::int64_t fromUtcMs, std::int64_t toUtcMs) = 0;
};

} // namespace burnrate

#endif // BURNRATE_CORE_BUDGET_SPENDSOURCE_H
