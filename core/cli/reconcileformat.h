#ifndef BURNRATE_CORE_CLI_RECONCILEFORMAT_H
#define BURNRATE_CORE_CLI_RECONCILEFORMAT_H

#include "ledger/reconcilequery.h"

#include <QByteArray>
#include <QString>

namespace burnrate::cli {

// `report --reconcile`: one row per provider and UTC day, billed beside estimated with the drift in percent.
QString reconcileAsTable(const Reconcile &reconcile);
QByteArray reconcileAsJson(const Reconcile &reconcile);
QString reconcileAsCsv(const Reconcile &reconcile);

} // namespace burnrate::cli

#endif // BURNRATE_CORE_CLI_RECONCILEFORMAT_H
