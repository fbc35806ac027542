#ifndef BURNRATE_CORE_LEDGER_LEDGERLOG_H
#define BURNRATE_CORE_LEDGER_LEDGERLOG_H

#include <QLoggingCategory>

namespace burnrate {

// The log category of this module, "burnrate.ledger" (see util/logging.h).
Q_DECLARE_LOGGING_CATEGORY(lcLedger)

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_LEDGERLOG_H
