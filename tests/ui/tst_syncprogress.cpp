// Long work shows progress and can be cancelled — here a provider sync (backfill). The status bar's
// SyncProgress counts providers done out of those started and names the ones still running; Cancel stops the run,
// the cut-off provider writes nothing of its unfinished window and the others keep what they synced.
#include "../core/providers/syncrig.h"
#include "guitest.h"
#include "screenshot.h"
#include "ui/widgets/syncprogress.h"

#include <QHBoxLayout>
#include <QPushButton>

namespace burnrate::test {

class SyncProgressTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void countsProvidersAndCancelStopsTheRun();
};

void SyncProgressTest::initTestCase()
{
    REQUIRE_FIXTURES(FakeProvider::servedFixtures());
    BURNRATE_REQUIRE_HARNESS();
}

void SyncProgressTest::countsProvidersAndCancelStopsTheRun()
{
    SyncRig rig;
    rig.backfillDays = 30;
    rig.startAll();
    // OpenAI's cost report never answers: the run stays open until it is cancelled.
    HttpResponse hang;
    hang.hang = true;
    rig.openai->pushFault(QStringLiteral("/v1/organization/costs"), hang, 1000);

    SyncService::Options options;
    options.policy = rig.policy;
    options.backfillDays = rig.backfillDays;
    options.env = [&rig](const QString &name) {
        return rig.env.value(name);
    };
    SyncService service(rig.ledger->db(), rig.secrets, rig.nam, rig.clock, options);
    QWidget window;
    auto *layout = new QHBoxLayout(&window);
    auto *progress = new ui::SyncProgress(service, &window);
    layout->addWidget(progress);
    window.resize(640, 40);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!progress->isVisible()); // nothing runs yet

    QList<ProviderResult> results;
    bool done = false;
    connect(&service, &SyncService::finished, this, [&](const QList<ProviderResult> &r) {
        results = r;
        done = true;
    });
    QVERIFY(service.start({}));
    QVERIFY(progress->isVisible());
    QCOMPARE(progress->total(), 4);
    QVERIFY2(QTest::qWaitFor([&] { return progress->done() == 3; }, 60000), qPrintable(progress->text()));
    QVERIFY(service.isRunning());
    QCOMPARE(progress->text(), QStringLiteral("Syncing providers: 3 of 4 done (waiting for openai)"));
    QVERIFY(progress->cancelButton()->isEnabled());
    checkScreenshot(&window, QStringLiteral("sync-progress"));

    QTest::mouseClick(progress->cancelButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return done; }, 10000));
    QVERIFY(!progress->isVisible());
    QVERIFY(service.wasCancelled());
    QCOMPARE(results.size(), 4);
    for (const ProviderResult &r : results) {
        QCOMPARE(r.status, r.provider == QLatin1String("openai") ? ProviderResult::Status::Failed
                                                                 : ProviderResult::Status::Synced);
    }
    // The cut-off cost window wrote nothing; the providers that finished kept theirs.
    QCOMPARE(rig.scalar("SELECT COUNT(*) FROM billed_costs WHERE provider = 'openai'"), 0);
    QVERIFY(rig.scalar("SELECT COUNT(*) FROM billed_costs WHERE provider = 'anthropic'") > 0);

    // A new run starts clean.
    rig.openai->clearFaults();
    done = false;
    QVERIFY(service.start({QStringLiteral("openai")}));
    QVERIFY(!service.wasCancelled());
    QCOMPARE(progress->text(), QStringLiteral("Syncing providers: 0 of 1 done (waiting for openai)"));
    QVERIFY(QTest::qWaitFor([&] { return done; }, 60000));
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.front().status, ProviderResult::Status::Synced);
    QVERIFY(rig.scalar("SELECT COUNT(*) FROM billed_costs WHERE provider = 'openai'") > 0);
}

} // namespace burnrate::test

QTEST_MAIN(burnrate::test::SyncProgressTest)
#include "tst_syncprogress.moc"
