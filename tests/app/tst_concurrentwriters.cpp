// Every writer at once on one ledger: the app running (real binary, harness), a command-line import of 150,000
// events, a sync of a local fake OpenAI and a re-pricing of the 100,000 events already there all finish, each with
// exit code 0; the app is still running; the ledger passes integrity_check and holds every event once; and none of
// them held the write lock past 250 ms (their burnrate.ledger debug log says when one does; checked in the optimised
// build).
#include "../ui/guitest.h"
#include "fakeproviders.h"
#include "fixturetest.h"
#include "ledger/database.h"
#include "ledger/ledger.h"
#include "onboarding/onboardingstate.h"
#include "util/clock.h"
#include "util/settings.h"

#include <QProcess>
#include <QTemporaryDir>

namespace burnrate::test {

namespace {

// `count` envelope lines from number `first` on, a minute apart from 1 November 2026, over four models.
QByteArray envelopeLines(int first, int count)
{
    static const char *const Models[] = {"gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5", "claude-haiku-4-5"};
    static const char *const Providers[] = {"openai", "openai", "anthropic", "anthropic"};
    const QDateTime start(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
    QByteArray out;
    for (int i = first; i < first + count; ++i) {
        const int m = i % 4;
        // Plain (not raw) string literals: moc, which reads this file, miscounts braces inside raw strings.
        out += "{\"request_id\":\"r" + QByteArray::number(i) + "\",\"provider\":\"" + Providers[m] + "\",\"model\":\"" +
               Models[m] + "\",\"started_at\":\"" +
               start.addSecs(static_cast<qint64>(i) * 60).toString(Qt::ISODate).toUtf8() +
               "\",\"input_tokens\":" + QByteArray::number(1000 + i % 977) +
               ",\"output_tokens\":" + QByteArray::number(100 + i % 313) + ",\"workflow_type\":\"wf" +
               QByteArray::number(i % 3) + "\",\"conversation_id\":\"c" + QByteArray::number(i / 20) + "\"}\n";
    }
    return out;
}

} // namespace

class ConcurrentWritersTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyWriterAtOnceFinishes();

private:
    QProcessEnvironment environment() const;
    QProcess *startCli(const QStringList &args);

    QTemporaryDir m_home;
    QString m_data;
    SystemClock m_clock;
    std::unique_ptr<FakeOrg> m_org;
    std::unique_ptr<FakeOpenAi> m_openai;
    std::vector<std::unique_ptr<QProcess>> m_processes;
};

void ConcurrentWritersTest::initTestCase()
{
    REQUIRE_FIXTURES(FakeProvider::servedFixtures());
    BURNRATE_REQUIRE_HARNESS();
    QVERIFY2(QFile::exists(QStringLiteral(BURNRATE_EXE)), BURNRATE_EXE);
    for (const char *sub : {"run", "tmp"}) {
        QVERIFY(QDir(m_home.path()).mkpath(QLatin1String(sub)));
    }
    QFile::setPermissions(m_home.filePath(QStringLiteral("run")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    m_data = m_home.filePath(QStringLiteral("data"));
    m_org = std::make_unique<FakeOrg>(QStringLiteral("gpt-fake"), 8, 3);
    m_openai = std::make_unique<FakeOpenAi>(*m_org, m_clock);
}

QProcessEnvironment ConcurrentWritersTest::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.filePath(QStringLiteral("run")));
    env.insert(QStringLiteral("TMPDIR"), m_home.filePath(QStringLiteral("tmp")));
    env.insert(QStringLiteral("CLAUDE_CONFIG_DIR"), m_home.filePath(QStringLiteral("no-claude")));
    env.insert(QStringLiteral("CODEX_HOME"), m_home.filePath(QStringLiteral("no-codex")));
    env.insert(QStringLiteral("BURNRATE_OPENAI_BASE_URL"), m_openai->origin());
    env.insert(QStringLiteral("BURNRATE_OPENAI_ADMIN_KEY"), FakeOpenAi::adminKey());
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("burnrate.ledger.debug=true"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    return env;
}

QProcess *ConcurrentWritersTest::startCli(const QStringList &args)
{
    auto p = std::make_unique<QProcess>();
    p->setProcessEnvironment(environment());
    p->start(QStringLiteral(BURNRATE_EXE), QStringList{QStringLiteral("--data-dir"), m_data} + args);
    m_processes.push_back(std::move(p));
    return m_processes.back().get();
}

void ConcurrentWritersTest::everyWriterAtOnceFinishes()
{
    Settings settings(m_data);
    settings.setValue(Settings::Key::Timezone, QStringLiteral("UTC"));
    OnboardingState::markCompleted(settings);
    const QString first = m_home.filePath(QStringLiteral("first.jsonl"));
    const QString second = m_home.filePath(QStringLiteral("second.jsonl"));
    for (const auto &[path, from, count] : {std::tuple{first, 0, 100'000}, std::tuple{second, 100'000, 150'000}}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(envelopeLines(from, count));
    }
    QProcess *seed = startCli({QStringLiteral("import"), QStringLiteral("events"), first});
    QVERIFY(seed->waitForFinished(120000));
    QCOMPARE(seed->exitCode(), 0);

    QProcess app;
    app.setProcessEnvironment(environment());
    QByteArray appLog;
    connect(&app, &QProcess::readyReadStandardError, this, [&] { appLog += app.readAllStandardError(); });
    app.start(QStringLiteral(BURNRATE_EXE), {QStringLiteral("--data-dir"), m_data, QStringLiteral("--verbose")});
    QVERIFY(app.waitForStarted(5000));
    QTRY_VERIFY2_WITH_TIMEOUT(appLog.contains("opened"), appLog.right(2000).constData(), 30000);

    QProcess *import = startCli({QStringLiteral("import"), QStringLiteral("events"), second});
    QProcess *sync = startCli({QStringLiteral("sync"), QStringLiteral("openai")});
    QProcess *reprice = startCli({QStringLiteral("reprice")});
    // The fake provider answers from this process's event loop: wait with it running.
    QVERIFY(QTest::qWaitFor(
        [&] {
            return import->state() == QProcess::NotRunning && sync->state() == QProcess::NotRunning &&
                   reprice->state() == QProcess::NotRunning;
        },
        300000));
    for (QProcess *p : {import, sync, reprice}) {
        const QByteArray err = p->readAllStandardError();
        QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0,
                 qPrintable(p->arguments().join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(err)));
        // Each commits in chunks short enough for the others (timed in the optimised build only: ASan's slowdown is
        // no measure).
#if !defined(__SANITIZE_ADDRESS__)
        QVERIFY2(!err.contains("held the write lock"), err.constData());
#endif
    }
    QVERIFY(m_openai->requestCount() > 0);
    QCOMPARE(app.state(), QProcess::Running);
    app.terminate();
    QVERIFY(app.waitForFinished(20000));

    auto ledger = Ledger::open(m_data, *LocalCalendar::forZoneId("UTC"));
    QVERIFY2(ledger.ok(), qPrintable(ledger.error()));
    auto check = (*ledger)->db().prepare("PRAGMA integrity_check");
    QVERIFY(check && check->step() == Statement::Step::Row);
    QCOMPARE(check->text(0), QStringLiteral("ok"));
    QCOMPARE((*ledger)->db().queryInt64("SELECT COUNT(*) FROM events"), std::optional<std::int64_t>(250'000));
    QCOMPARE((*ledger)->db().queryInt64("SELECT SUM(events) FROM workflow_rollups"),
             std::optional<std::int64_t>(250'000));
    QVERIFY((*ledger)->db().queryInt64("SELECT COUNT(*) FROM usage_buckets").value_or(0) > 0);
}

} // namespace burnrate::test

BURNRATE_GUI_TEST_MAIN(burnrate::test::ConcurrentWritersTest)
#include "tst_concurrentwriters.moc"
