// End to end on the harness's real dunst: an import that crosses 80 % of a budget produces exactly one
// notification with the expected text, read back through dunstctl; importing the same data again, or restarting,
// produces none. First in-process (EventImporter, then the check entry point the sync will call), then with the
// real `burnrate` binary started twice on a ledger over 80 %.
#include "budget/budgetstore.h"
#include "budget/ledgerspendsource.h"
#include "dunst.h"
#include "guitest.h"
#include "importers/eventimporter.h"
#include "ledger/database.h"
#include "ledger/eventwriter.h"
#include "ledger/ledger.h"
#include "ui/budgetmonitor.h"
#include "ui/notify/notifier.h"
#include "util/clock.h"
#include "util/timestamp.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QProcess>
#include <QTemporaryDir>

namespace burnrate::test {

namespace {

constexpr qint64 Usd = 1'000'000'000;

std::unique_ptr<Ledger> openBerlinLedger(const QString &dir)
{
    auto ledger = Ledger::open(dir, *LocalCalendar::forZoneId("Europe/Berlin"));
    if (!ledger) {
        qFatal("%s", qPrintable(ledger.error()));
    }
    return std::move(ledger).value();
}

void addBudget(Ledger &ledger, qint64 nowMs)
{
    Budget b;
    b.name = QStringLiteral("monthly");
    b.amountNano = 100 * Usd;
    QVERIFY(BudgetStore(ledger.db()).save(b, nowMs).ok());
}

// The app as main.cpp wires it, minus the window: ledger, spend, funnel to the desktop, monitor.
struct App
{
    App(const QString &dir, const Clock &clock)
        : ledger(openBerlinLedger(dir))
        , spend(*ledger)
        , notifier(ui::createPlatformNotificationBackend())
        , monitor(*ledger, spend, clock)
    {
        monitor.setNotifier(&notifier);
        monitor.setPollInterval(0);
    }
    std::unique_ptr<Ledger> ledger;
    LedgerSpendSource spend;
    ui::Notifier notifier;
    ui::BudgetMonitor monitor;
};

} // namespace

class BudgetNotificationsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void importCrossing80NotifiesExactlyOnce();
    void appNotifiesOnceAcrossRestarts();

private:
    QProcess *startApp(const QString &home, const QString &dataDir);
};

void BudgetNotificationsTest::initTestCase()
{
    BURNRATE_REQUIRE_HARNESS();
    QVERIFY2(QFile::exists(QStringLiteral(BURNRATE_EXE)), BURNRATE_EXE);
    QLocale::setDefault(QLocale::c());
}

void BudgetNotificationsTest::importCrossing80NotifiesExactlyOnce()
{
    QTemporaryDir dir;
    // Nov 20, 00:00 in Berlin: $48.21 early in November and $4.60 a day in the last 7 days make $80.41, and a
    // forecast of $131 for the month.
    const FixedClock clock(QDateTime::fromMSecsSinceEpoch(*parseRfc3339Ms("2026-11-19T23:00:00Z"), QTimeZone::utc()));
    QString jsonl = QStringLiteral("{\"request_id\":\"early\",\"provider\":\"openai\",\"model\":\"gpt-4o\","
                                   "\"started_at\":\"2026-11-05T12:00:00Z\",\"estimated_cost_usd\":\"48.21\"}\n");
    for (int day = 13; day <= 19; ++day) {
        jsonl += QStringLiteral("{\"request_id\":\"d%1\",\"provider\":\"openai\",\"model\":\"gpt-4o\","
                                "\"started_at\":\"2026-11-%1T11:00:00Z\",\"estimated_cost_usd\":4.60}\n")
                     .arg(day);
    }
    const QString file = dir.filePath(QStringLiteral("events.jsonl"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(jsonl.toUtf8());
    }
    const QString data = dir.filePath(QStringLiteral("data"));
    const qint64 before = dunstLastId();
    {
        App app(data, clock);
        addBudget(*app.ledger, clock.nowMs());
        app.monitor.start(); // nothing spent yet
        // The import, then the check that runs after every import and sync.
        ImportSummary summary;
        QVERIFY(EventImporter(*app.ledger, QStringLiteral("events"))
                    .importPath(file, EventImporter::Format::Jsonl, summary));
        QCOMPARE(summary.inserted, 8);
        app.monitor.check();
        QList<DunstNotification> shown;
        QTRY_COMPARE_WITH_TIMEOUT((shown = dunstSince(before)).size(), 1, 10000);
        QCOMPARE(shown[0].summary, QStringLiteral("Burnrate"));
        QCOMPARE(shown[0].body,
                 QStringLiteral("80 % of your $100 November budget used ($80.41); forecast $131 by Nov 30"));

        // A second run over the same data: nothing new.
        summary = {};
        QVERIFY(EventImporter(*app.ledger, QStringLiteral("events"))
                    .importPath(file, EventImporter::Format::Jsonl, summary));
        QCOMPARE(summary.unchanged, 8);
        app.monitor.check();
    }
    // And after a restart (new objects over the same ledger file) neither.
    {
        App app(data, clock);
        app.monitor.start();
    }
    QTest::qWait(1000); // time for a notification that should not come
    QCOMPARE(dunstSince(before).size(), 1);
}

QProcess *BudgetNotificationsTest::startApp(const QString &home, const QString &dataDir)
{
    auto *p = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), QDir(home).filePath(QStringLiteral("run")));
    env.insert(QStringLiteral("TMPDIR"), QDir(home).filePath(QStringLiteral("tmp")));
    env.insert(QStringLiteral("BURNRATE_DATA_DIR"), dataDir);
    env.insert(QStringLiteral("BURNRATE_TIMEZONE"), QStringLiteral("Europe/Berlin"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    p->setProcessEnvironment(env);
    p->setProcessChannelMode(QProcess::ForwardedChannels);
    p->start(QStringLiteral(BURNRATE_EXE), {});
    return p;
}

void BudgetNotificationsTest::appNotifiesOnceAcrossRestarts()
{
    QTemporaryDir home;
    for (const char *sub : {"run", "tmp"}) {
        QVERIFY(QDir(home.path()).mkpath(QLatin1String(sub)));
    }
    QFile::setPermissions(home.filePath(QStringLiteral("run")), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QString data = home.filePath(QStringLiteral("data"));
    // $85 of a $100 monthly budget, spent a second ago (the app runs on the real clock).
    const SystemClock clock;
    QString month;
    {
        auto ledger = openBerlinLedger(data);
        addBudget(*ledger, clock.nowMs());
        EventWriter writer(ledger->db(), ledger->calendar());
        EventRecord e;
        e.source = QStringLiteral("events");
        e.sourceKey = QStringLiteral("big");
        e.occurredAtMs = clock.nowMs() - 1000;
        e.provider = QStringLiteral("openai");
        e.model = QStringLiteral("gpt-4o");
        e.costNano = 85 * Usd;
        QVERIFY(writer.upsert(e).ok());
        QVERIFY(writer.commit().ok());
        month = QLocale::c().standaloneMonthName(ledger->calendar().dateOf(clock.nowMs()).month());
    }
    const QString expected = QStringLiteral("80 % of your $100 %1 budget used ($85.00); forecast ").arg(month);

    const qint64 before = dunstLastId();
    QProcess *first = startApp(home.path(), data);
    QVERIFY(first->waitForStarted(5000));
    QList<DunstNotification> shown;
    QTRY_COMPARE_WITH_TIMEOUT((shown = dunstSince(before)).size(), 1, 30000);
    QVERIFY2(shown[0].body.startsWith(expected), qPrintable(shown[0].body));
    first->terminate();
    QVERIFY(first->waitForFinished(10000));

    // Started again on the same ledger: the alert is remembered, nothing is sent.
    QProcess *second = startApp(home.path(), data);
    QVERIFY(second->waitForStarted(5000));
    QTest::qWait(4000);
    QCOMPARE(second->state(), QProcess::Running);
    QCOMPARE(dunstSince(before).size(), 1);
    second->terminate();
    QVERIFY(second->waitForFinished(10000));
    auto ledger = openBerlinLedger(data);
    QCOMPARE(ledger->db().queryInt64("SELECT COUNT(*) FROM alerts"), std::optional<std::int64_t>(2));
}

} // namespace burnrate::test

BURNRATE_GUI_TEST_MAIN(burnrate::test::BudgetNotificationsTest)
#include "tst_budgetnotifications.moc"
