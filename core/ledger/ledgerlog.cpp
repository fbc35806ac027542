#include "ledger/ledgerlog.h"

namespace burnrate {

Q_LOGGING_CATEGORY(lcLedger, "burnrate.ledger", QtInfoMsg)

} // namespace burnrate
