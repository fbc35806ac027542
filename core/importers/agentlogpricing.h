#ifndef BURNRATE_CORE_IMPORTERS_AGENTLOGPRICING_H
#define BURNRATE_CORE_IMPORTERS_AGENTLOGPRICING_H

#include "importers/agentlogimporter.h"

namespace burnrate {

class Ledger;

// Makes an agent-log import price every request with the ledger's active price book (base snapshot,
// corrections and the user's prices): the book is loaded once, only when some file changed, and
// each parser thread gets its own Pricer over it. `ledger` must outlive the import.
void priceWithActiveBook(AgentLogImportOptions &options, Ledger &ledger);

} // namespace burnrate

#endif // BURNRATE_CORE_IMPORTERS_AGENTLOGPRICING_H
