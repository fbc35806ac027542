#include "budget/budgetlog.h"

namespace burnrate {

Q_LOGGING_CATEGORY(lcBudget, "burnrate.budget", QtInfoMsg)

} // namespace burnrate
