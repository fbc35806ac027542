#ifndef BURNRATE_CORE_BUDGET_BUDGETLOG_H
#define BURNRATE_CORE_BUDGET_BUDGETLOG_H

#include <QLoggingCategory>

namespace burnrate {

// The log category of this module, "burnrate.budget" (see util/logging.h).
Q_DECLARE_LOGGING_CATEGORY(lcBudget)

} // namespace burnrate

#endif // BURNRATE_CORE_BUDGET_BUDGETLOG_H
