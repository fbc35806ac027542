#ifndef BURNRATE_CORE_CLI_REPORTFORMAT_H
#define BURNRATE_CORE_CLI_REPORTFORMAT_H

#include "ledger/reportquery.h"

#include <QByteArray>
#include <QString>

namespace burnrate::cli {

// The three renderings of a report. JSON follows docs/architecture.md §8: money both as an exact decimal string
// and as integer nano-USD; fields are only ever added, never renamed.
QString reportAsTable(const Report &report);
QByteArray reportAsJson(const Report &report);
QString reportAsCsv(const Report &report);

} // namespace burnrate::cli

#endif // BURNRATE_CORE_CLI_REPORTFORMAT_H
