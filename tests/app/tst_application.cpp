// The real binary applies changed settings while it runs, with no restart: a new time zone written to settings.ini
// re-buckets the rollups of the open ledger (the same process, still running), and a new week start and sync
// interval are taken up, as its --verbose log says.
#include "../core/ledger/ledgertestutil.h"
#include "../ui/guitest.h"
#include "ledger/eventwriter.h"
#include "onboarding/onboardingstate.h"
#include "util/settings.h"

#include <QProcess>
#include <QTemporaryDir>

namespace burnrate::test {

class ApplicationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void settingsApplyWithoutARestart();
};

void ApplicationTest::initTestCase()
{
    BURNRATE_REQUIRE_HARNESS();
    QVERIFY2(QFile::exists(QStringLiteral(BURNRATE_EXE)), BURNRATE_EXE);
}

void ApplicationTest::settingsApplyWithoutARestart()
{
    QTemporaryDir home;
    for (const char *sub : {"run", "tmp"}) {
        QVERIFY(QDir(home.path()).mkpath(QLatin1String(sub)));
    }
    QFile::setPermissions(home.filePath(QStringLiteral("run")), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QString data = home.filePath(QStringLiteral("data"));
    Settings settings(data);
    settings.setValue(Settings::Key::Timezone, QStringLiteral("UTC"));
    OnboardingState::markCompleted(settings);
    auto opened = Ledger::open(data, *LocalCalendar::forZoneId("UTC"));
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    std::unique_ptr<Ledger> ledger = std::move(opened).value();
    {
        EventWriter writer(ledger->db(), ledger->calendar());
        // 23:30 UTC on 1 November: 08:30 on 2 November in Tokyo.
        QVERIFY(writer.upsert(makeEvent(QStringLiteral("late"), "2026-11-01T23:30:00Z", 1000, 100, 5'000'000)).ok());
        QVERIFY(writer.commit().ok());
    }
    const auto rollupDays = [&ledger] {
        QStringList days;
        auto s = ledger->db().prepare("SELECT DISTINCT day FROM rollups ORDER BY day");
        while (s && s->step() == Statement::Step::Row) {
            days << QDate::fromJulianDay(s->int64(0)).toString(Qt::ISODate);
        }
        return days;
    };
    QCOMPARE(rollupDays(), QStringList{QStringLiteral("2026-11-01")});

    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("run")));
    env.insert(QStringLiteral("TMPDIR"), home.filePath(QStringLiteral("tmp")));
    env.insert(QStringLiteral("CLAUDE_CONFIG_DIR"), home.filePath(QStringLiteral("no-claude")));
    env.insert(QStringLiteral("CODEX_HOME"), home.filePath(QStringLiteral("no-codex")));
    env.remove(QStringLiteral("BURNRATE_TIMEZONE")); // the setting decides
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    app.setProcessEnvironment(env);
    QString log;
    connect(&app, &QProcess::readyReadStandardError, this,
            [&] { log += QString::fromLocal8Bit(app.readAllStandardError()); });
    app.start(QStringLiteral(BURNRATE_EXE), {QStringLiteral("--data-dir"), data, QStringLiteral("--verbose")});
    QVERIFY(app.waitForStarted(5000));
    const qint64 pid = app.processId();
    QTRY_VERIFY2_WITH_TIMEOUT(log.contains(QStringLiteral("opened")), qPrintable(log), 20000);
    QTest::qWait(500); // the settings watch is set up right after the ledger opens

    settings.setValue(Settings::Key::Timezone, QStringLiteral("Asia/Tokyo"));
    QTRY_COMPARE_WITH_TIMEOUT(ledger->meta(QStringLiteral("rollup_timezone")), QStringLiteral("Asia/Tokyo"), 15000);
    QCOMPARE(rollupDays(), QStringList{QStringLiteral("2026-11-02")});
    QTRY_VERIFY2_WITH_TIMEOUT(log.contains(QStringLiteral("calendar: \"Asia/Tokyo\" week starts on day 1")),
                              qPrintable(log), 10000);

    settings.setValue(Settings::Key::WeekStart, 7);
    QTRY_VERIFY2_WITH_TIMEOUT(log.contains(QStringLiteral("calendar: \"Asia/Tokyo\" week starts on day 7")),
                              qPrintable(log), 10000);
    settings.setValue(Settings::Key::SyncIntervalMinutes, 45);
    QTRY_VERIFY2_WITH_TIMEOUT(log.contains(QStringLiteral("sync every 45 minutes")), qPrintable(log), 10000);

    QCOMPARE(app.state(), QProcess::Running);
    QCOMPARE(app.processId(), pid); // the same process all along: nothing restarted
    app.terminate();
    QVERIFY(app.waitForFinished(10000));
}

} // namespace burnrate::test

BURNRATE_GUI_TEST_MAIN(burnrate::test::ApplicationTest)
#include "tst_application.moc"
