#ifndef BURNRATE_TESTS_CORE_BUDGET_BUDGETRIG_H
#define BURNRATE_TESTS_CORE_BUDGET_BUDGETRIG_H

// The budget engine as the app holds it, over a ledger folder and a fixed clock; reopen() is a restart.

#include "budget/budgetengine.h"
#include "budget/ledgerspendsource.h"
#include "budgettestutil.h"
#include "util/clock.h"

namespace burnrate::test {

struct Rig
{
    // Anomalies are off unless asked for, so that budget tests see budget notifications only.
    explicit Rig(const QString &dir, const char *now, bool anomalies = false)
        : path(dir)
        , clock(QDateTime::fromMSecsSinceEpoch(at(now), QTimeZone::utc()))
    {
        if (!anomalies) {
            options.anomalyFloorNano = 1'000'000'000 * Usd;
        }
        reopen();
    }

    void reopen()
    {
        engine.reset();
        spend.reset();
        ledger.reset();
        ledger = openLedger(path);
        spend = std::make_unique<LedgerSpendSource>(*ledger);
        engine = std::make_unique<BudgetEngine>(*ledger, *spend, clock, options);
    }

    void setNow(const char *rfc3339) { clock.set(QDateTime::fromMSecsSinceEpoch(at(rfc3339), QTimeZone::utc())); }

    Budget addBudget(const QString &name, qint64 amountNano, const QString &scope = QStringLiteral("global"),
                     BudgetPeriod period = BudgetPeriod::Monthly, int startDay = 1)
    {
        Budget b;
        b.name = name;
        b.amountNano = amountNano;
        b.scope = *BudgetScope::parse(scope);
        b.period = period;
        b.startDay = startDay;
        auto saved = BudgetStore(ledger->db()).save(b, clock.nowMs());
        if (!saved) {
            qFatal("cannot save the budget: %s", qPrintable(saved.error()));
        }
        return *saved;
    }

    QList<BudgetNotification> check()
    {
        auto result = engine->check();
        if (!result) {
            qFatal("check failed: %s", qPrintable(result.error()));
        }
        last = *result;
        return result->notifications;
    }

    QString path;
    FixedClock clock;
    BudgetOptions options;
    std::unique_ptr<Ledger> ledger;
    std::unique_ptr<LedgerSpendSource> spend;
    std::unique_ptr<BudgetEngine> engine;
    BudgetCheck last;
};

} // namespace burnrate::test

#endif // BURNRATE_TESTS_CORE_BUDGET_BUDGETRIG_H
