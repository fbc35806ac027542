#ifndef BURNRATE_CORE_REPORT_REPORTFORMAT_H
#define BURNRATE_CORE_REPORT_REPORTFORMAT_H

#include "ledger/reportquery.h"

#include <QByteArray>
#include <QString>

namespace burnrate {

// The machine-readable renderings of a report, the same for `burnrate report --format json|csv` and the desktop
// app's export. JSON follows docs/architecture.md §8: money both as an exact decimal string and as integer nano-USD;
// fields are only ever added, never renamed.
QByteArray reportAsJson(const Report &report);
QString reportAsCsv(const Report &report);

} // namespace burnrate

#endif // BURNRATE_CORE_REPORT_REPORTFORMAT_H
