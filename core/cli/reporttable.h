#ifndef BURNRATE_CORE_CLI_REPORTTABLE_H
#define BURNRATE_CORE_CLI_REPORTTABLE_H

#include "ledger/reportquery.h"

#include <QString>

namespace burnrate::cli {

// A report as the terminal table of `burnrate report` (the default format), with its footnotes on unpriced usage.
QString reportAsTable(const Report &report);

} // namespace burnrate::cli

#endif // BURNRATE_CORE_CLI_REPORTTABLE_H
