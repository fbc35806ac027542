// The real binary keeps the ledger current with the agent logs the user agreed to import: started on a ledger
// whose Claude Code source is agreed to and billed as a subscription, it imports the file there in the background
// and then a line appended while it runs, within seconds.
#include "../core/importers/agentlogtestutil.h"
#include "guitest.h"
#include "importers/sourcebilling.h"
#include "onboarding/onboardingstate.h"
#include "util/settings.h"

#include <QProcess>
#include <QTemporaryDir>

namespace burnrate::test {

namespace {

const QByteArray Session = "11111111-2222-3333-4444-555555555555";

QByteArray line(int n)
{
    return claudeLine(Session, "msg_" + QByteArray::number(n), "req_" + QByteArray::number(n), 10, 1000, 0, 50,
                      "2026-11-02T10:00:00.000Z");
}

} // namespace

class AppAgentLogsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void watchedLogsReachTheLedger();
};

void AppAgentLogsTest::initTestCase()
{
    BURNRATE_REQUIRE_HARNESS();
    QVERIFY2(QFile::exists(QStringLiteral(BURNRATE_EXE)), BURNRATE_EXE);
}

void AppAgentLogsTest::watchedLogsReachTheLedger()
{
    QTemporaryDir home;
    for (const char *sub : {"run", "tmp"}) {
        QVERIFY(QDir(home.path()).mkpath(QLatin1String(sub)));
    }
    QFile::setPermissions(home.filePath(QStringLiteral("run")), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QString data = home.filePath(QStringLiteral("data"));
    const QString claude = home.filePath(QStringLiteral("claude"));
    const QString file =
        claude + QStringLiteral("/projects/-work-app/") + QString::fromLatin1(Session) + QStringLiteral(".jsonl");
    QVERIFY(writeFile(file, line(1)));
    auto opened = Ledger::open(data, *LocalCalendar::forZoneId("UTC"));
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    std::unique_ptr<Ledger> ledger = std::move(opened).value();
    QVERIFY(SourceBilling::set(*ledger, QStringLiteral("claude-code"), Billing::Subscription).ok());
    Settings settings(data);
    OnboardingState::markCompleted(settings);
    OnboardingState::setAgreed(settings, AgentLogSource::ClaudeCode, true);
    const auto rows = [&ledger] {
        return ledger->db().queryInt64("SELECT COUNT(*) FROM events WHERE source = 'claude-code'").value_or(-1);
    };

    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("run")));
    env.insert(QStringLiteral("TMPDIR"), home.filePath(QStringLiteral("tmp")));
    env.insert(QStringLiteral("BURNRATE_DATA_DIR"), data);
    env.insert(QStringLiteral("BURNRATE_TIMEZONE"), QStringLiteral("UTC"));
    env.insert(QStringLiteral("CLAUDE_CONFIG_DIR"), claude);
    env.insert(QStringLiteral("CODEX_HOME"), home.filePath(QStringLiteral("no-codex")));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::ForwardedChannels);
    app.start(QStringLiteral(BURNRATE_EXE), {});
    QVERIFY(app.waitForStarted(5000));
    QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 30000);

    QVERIFY(writeFile(file, line(2), QIODevice::Append));
    QElapsedTimer took;
    took.start();
    QTRY_COMPARE_WITH_TIMEOUT(rows(), 2, 15000);
    qInfo("an appended line reached the ledger after %lld ms", took.elapsed());
    QCOMPARE(ledger->db().queryInt64("SELECT COUNT(*) FROM events WHERE billing = 'subscription'").value_or(-1), 2);
    QCOMPARE(app.state(), QProcess::Running);
    app.terminate();
    QVERIFY(app.waitForFinished(10000));
}

} // namespace burnrate::test

BURNRATE_GUI_TEST_MAIN(burnrate::test::AppAgentLogsTest)
#include "tst_appagentlogs.moc"
