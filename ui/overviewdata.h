#ifndef BURNRATE_UI_OVERVIEWDATA_H
#define BURNRATE_UI_OVERVIEWDATA_H

#include "budget/budgetengine.h"
#include "budget/forecast.h"
#include "ledger/balancespend.h"
#include "ledger/reportquery.h"
#include "providers/syncstore.h"
#include "util/result.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace burnrate {
class Clock;
class Ledger;
} // namespace burnrate

namespace burnrate::ui {

// One provider's sync, in short: the oldest last success of its endpoints and the errors in words.
struct ProviderSync
{
    QString provider;
    std::optional<std::int64_t> lastSuccessMs; // nullopt: never succeeded
    std::optional<std::int64_t> lastAttemptMs;
    QStringList errors; // "<endpoint>: <error>"
};

// What the overview page shows: spend today, this week and this month (local calendar of the ledger), the
// month's forecast, the credit left, every budget, this month by provider and by model, and the sync status.
struct Overview
{
    QDate today;
    QDate weekStart;
    QDate monthStart;
    QDate monthEnd; // the month's last day
    QString timezone;
    ReportRow todayTotal;
    ReportRow weekTotal;
    ReportRow monthTotal;
    // Where each total's amounts come from (ReportRow::provenance of its rows, subscription left out).
    QStringList todayProvenance;
    QStringList weekProvenance;
    QStringList monthProvenance;
    std::int64_t monthSubscriptionNano = 0; // equivalent value of subscription use this month, never spend
    Forecast monthForecast; // this month's spend + the last 7 × 24 hours' rate × time left (as the budgets)
    QList<CreditLeft> credits;
    QList<BudgetStatus> budgets;
    QList<ProviderSync> sync;
    QList<ReportRow> byProvider; // this month
    QList<ReportRow> byModel;    // this month
    QStringList unpricedModels;  // this month, models with requests that have no price
};

// `withBudgets` false leaves Overview::budgets empty (the app's BudgetMonitor has them already).
Result<Overview> loadOverview(Ledger &ledger, const Clock &clock, bool withBudgets = true);

// The per-provider trend: spend per bucket (days of the last 30 days, weeks of the last 12, months of the last 12)
// and provider. Every bucket of the range is there, with 0 where nothing was spent.
struct Trend
{
    ReportBy by = ReportBy::Day;
    QStringList buckets;                          // ReportQuery's keys: "2026-11-18", the week's Monday, "2026-11"
    QStringList providers;                        // most spend first
    QHash<QString, QList<std::int64_t>> costNano; // provider → per bucket
    QStringList provenance;
    // The sums, checked by loadTrend() (it fails when one does not fit 64 bits).
    QList<std::int64_t> bucketTotalNano;            // all providers, per bucket
    QHash<QString, std::int64_t> providerTotalNano; // all buckets, per provider
    std::int64_t totalNano = 0;

    std::int64_t providerTotal(const QString &provider) const;
};

Result<Trend> loadTrend(Ledger &ledger, const Clock &clock, ReportBy by);

} // namespace burnrate::ui

#endif // BURNRATE_UI_OVERVIEWDATA_H
