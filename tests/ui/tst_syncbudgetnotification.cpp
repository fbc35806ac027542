// With provider sync as the source of the money: a sync that brings the month's spend over 80 % of the
// budget gives exactly one notification in the harness's real dunst (read back through dunstctl); a second sync of
// the same data gives none. The spend is what the fake OpenAI organisation bills, counted under the spend rule.
#include "../core/providers/syncrig.h"
#include "budget/budgetstore.h"
#include "budget/ledgerspendsource.h"
#include "dunst.h"
#include "guitest.h"
#include "money/money.h"
#include "ui/budgetmonitor.h"
#include "ui/notify/notifier.h"

#include <QLocale>

namespace burnrate::test {

namespace {

// The month so far, as the budget counts it after one sync of the fake OpenAI organisation.
std::int64_t monthSpendAfterOneSync(SyncRig &rig)
{
    const QList<ProviderResult> results = rig.sync({QStringLiteral("openai")});
    if (results.size() != 1 || results.front().status != ProviderResult::Status::Synced) {
        qWarning("the sync failed");
        return -1;
    }
    LedgerSpendSource spend(*rig.ledger);
    const std::int64_t monthStart = utcMs(2026, 11, 1);
    const auto s = spend.spendNano(BudgetScope{}, monthStart, rig.clock.nowMs());
    return s ? *s : -1;
}

void prepare(SyncRig &rig)
{
    rig.backfillDays = 30;
    rig.startAll();
}

} // namespace

class SyncBudgetNotificationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void syncCrossing80NotifiesExactlyOnce();
};

void SyncBudgetNotificationTest::initTestCase()
{
    REQUIRE_FIXTURES(FakeProvider::servedFixtures());
    BURNRATE_REQUIRE_HARNESS();
    QLocale::setDefault(QLocale::c());
}

void SyncBudgetNotificationTest::syncCrossing80NotifiesExactlyOnce()
{
    // What the organisation's month comes to: the fake is a pure function of time, so a first rig learns it.
    std::int64_t monthSpend = 0;
    {
        SyncRig probe;
        prepare(probe);
        monthSpend = monthSpendAfterOneSync(probe);
    }
    QVERIFY2(monthSpend > 0, "the synced month has no spend");

    SyncRig rig;
    prepare(rig);
    // A budget the synced month fills to about 90 %.
    Budget budget;
    budget.name = QStringLiteral("monthly");
    budget.amountNano = (monthSpend / 9 * 10 / Money::NanoPerUsd + 1) * Money::NanoPerUsd; // whole dollars
    QVERIFY(monthSpend * 100 >= budget.amountNano * 80 && monthSpend < budget.amountNano);
    QVERIFY(BudgetStore(rig.ledger->db()).save(budget, rig.clock.nowMs()).ok());

    LedgerSpendSource spend(*rig.ledger);
    ui::Notifier notifier(ui::createPlatformNotificationBackend());
    ui::BudgetMonitor monitor(*rig.ledger, spend, rig.clock);
    monitor.setNotifier(&notifier);
    monitor.setPollInterval(0);
    const qint64 before = dunstLastId();
    monitor.start(); // nothing synced, nothing spent
    QTest::qWait(500);
    QCOMPARE(dunstSince(before).size(), 0);

    // The sync, then the check that runs after every sync.
    QCOMPARE(monthSpendAfterOneSync(rig), monthSpend);
    monitor.check();
    QList<DunstNotification> shown;
    QTRY_COMPARE_WITH_TIMEOUT((shown = dunstSince(before)).size(), 1, 10000);
    QCOMPARE(shown[0].summary, QStringLiteral("Burnrate"));
    const QString expectedStart =
        QStringLiteral("80 % of your %1 November budget used (%2)")
            .arg(Money::fromNano(budget.amountNano).toDisplayString(0), Money::fromNano(monthSpend).toDisplayString(2));
    QVERIFY2(shown[0].body.startsWith(expectedStart),
             qPrintable(shown[0].body + QStringLiteral(" / ") + expectedStart));

    // The same data synced again: nothing new.
    QCOMPARE(monthSpendAfterOneSync(rig), monthSpend);
    monitor.check();
    QTest::qWait(1000); // time for a notification that should not come
    QCOMPARE(dunstSince(before).size(), 1);
}

} // namespace burnrate::test

BURNRATE_GUI_TEST_MAIN(burnrate::test::SyncBudgetNotificationTest)
#include "tst_syncbudgetnotification.moc"
