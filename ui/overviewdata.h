#ifndef BURNRATE_UI_OVERVIEWDATA_H
#define BURNRATE_UI_OVERVIEWDATA_H

#include "ledger/reportquery.h"
#include "util/result.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace burnrate {
class Clock;
class Ledger;
} // namespace burnrate

namespace burnrate::ui {

// What the overview page shows: spend today, this week and this month (local calendar of the
// ledger), and this month by provider and by model.
struct Overview
{
    QDate today;
    QDate weekStart;
    QDate monthStart;
    QString timezone;
    ReportRow todayTotal;
    ReportRow weekTotal;
    ReportRow monthTotal;
    QList<ReportRow> byProvider; // this month
    QList<ReportRow> byModel;    // this month
    QStringList unpricedModels;  // this month, models with requests that have no price
};

Result<Overview> loadOverview(Ledger &ledger, const Clock &clock);

} // namespace burnrate::ui

#endif // BURNRATE_UI_OVERVIEWDATA_H
