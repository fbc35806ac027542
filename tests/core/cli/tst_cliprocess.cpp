// Runs the real `burnrate` binary: exit codes, stdin, and that no command ever needs a display.
#include "fixturetest.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using burnrate::test::fixturePath;

namespace {

const QString Binary = QStringLiteral(BURNRATE_EXE);
const QString Sample = fixturePath(QStringLiteral("events/sample.jsonl"));

struct Outcome
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Outcome runBurnrate(const QStringList &args, const QByteArray &stdinData = {}, const QString &dataDir = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    if (!dataDir.isEmpty()) {
        env.insert(QStringLiteral("BURNRATE_DATA_DIR"), dataDir);
    }
    p.setProcessEnvironment(env);
    p.start(Binary, args);
    p.waitForStarted();
    p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace

class TestCliProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exitCodes();
    void importsFromStdinWithEnvDataDir();
    void killedImportLeavesAConsistentLedger();
    void verboseTurnsOnTheModuleLogs();
};

void TestCliProcess::initTestCase()
{
    REQUIRE_FIXTURES({QStringLiteral("events/sample.jsonl")});
}

void TestCliProcess::exitCodes()
{
    QTemporaryDir dir;
    const Outcome version = runBurnrate({QStringLiteral("--version")});
    QCOMPARE(version.code, 0);
    QVERIFY(version.out.startsWith("burnrate "));
    const Outcome usage = runBurnrate({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("report"),
                                       QStringLiteral("--by"), QStringLiteral("galaxy")});
    QCOMPARE(usage.code, 2);
    QCOMPARE(usage.err.count('\n'), 1);
    const Outcome rejected = runBurnrate(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("import"), QStringLiteral("events"), Sample});
    QCOMPARE(rejected.code, 1);
    QVERIFY(rejected.out.contains("5 new"));
    const Outcome report = runBurnrate({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("report"),
                                        QStringLiteral("--by"), QStringLiteral("provider")});
    QCOMPARE(report.code, 0);
    QVERIFY(report.out.contains("anthropic"));
}

void TestCliProcess::importsFromStdinWithEnvDataDir()
{
    QTemporaryDir dir;
    const QByteArray line =
        R"({"request_id":"s1","provider":"deepseek","model":"deepseek-chat","started_at":"2026-11-02T18:00:00Z","input_tokens":10,"output_tokens":2,"estimated_cost_usd":"0.000123"})"
        "\n";
    const Outcome imported =
        runBurnrate({QStringLiteral("import"), QStringLiteral("events"), QStringLiteral("-")}, line, dir.path());
    QCOMPARE(imported.code, 0);
    QVERIFY2(imported.out.contains("1 new"), imported.out.constData());
    const Outcome report =
        runBurnrate({QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("json")}, {}, dir.path());
    QCOMPARE(report.code, 0);
    // Priced by the shipped book, not taken from estimated_cost_usd: deepseek-chat at 18:00 UTC is
    // off-peak, 10 x 0.135 + 2 x 0.55 USD per 1M tokens = 2,450 nano-USD.
    QVERIFY2(report.out.contains("\"cost_nano\": 2450"), report.out.constData());
}

void TestCliProcess::killedImportLeavesAConsistentLedger()
{
    // A file big enough that the import is still running when it is killed.
    QTemporaryDir dir;
    const QString input = dir.filePath(QStringLiteral("events.jsonl"));
    {
        QFile f(input);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 150000; ++i) {
            f.write(QStringLiteral("{\"request_id\":\"k%1\",\"provider\":\"openai\",\"model\":\"gpt-4o-%2\","
                                   "\"started_at\":\"2026-11-%3T10:00:00Z\",\"input_tokens\":%4,\"output_tokens\":7,"
                                   "\"estimated_cost_usd\":\"0.00%5\"}\n")
                        .arg(i)
                        .arg(i % 5)
                        .arg(10 + i % 9)
                        .arg(100 + i % 1000)
                        .arg(i % 97 + 1)
                        .toUtf8());
        }
    }
    const QString clean = dir.filePath(QStringLiteral("clean"));
    QCOMPARE(
        runBurnrate({QStringLiteral("--data-dir"), clean, QStringLiteral("import"), QStringLiteral("events"), input})
            .code,
        0);
    const QByteArray expected =
        runBurnrate({QStringLiteral("--data-dir"), clean, QStringLiteral("report"), QStringLiteral("--by"),
                     QStringLiteral("model"), QStringLiteral("--format"), QStringLiteral("json")})
            .out;
    QVERIFY(expected.contains("\"requests\": 150000"));

    for (int killAfterMs : {30, 120, 400}) {
        const QString killed = dir.filePath(QStringLiteral("killed-%1").arg(killAfterMs));
        QProcess p;
        p.start(Binary,
                {QStringLiteral("--data-dir"), killed, QStringLiteral("import"), QStringLiteral("events"), input});
        QVERIFY(p.waitForStarted());
        QTest::qWait(killAfterMs);
        p.kill(); // SIGKILL: no chance to clean up
        p.waitForFinished();
        // Whatever was committed is consistent, and finishing the import gives the uninterrupted result.
        const Outcome again = runBurnrate(
            {QStringLiteral("--data-dir"), killed, QStringLiteral("import"), QStringLiteral("events"), input});
        QCOMPARE(again.code, 0);
        const QByteArray report =
            runBurnrate({QStringLiteral("--data-dir"), killed, QStringLiteral("report"), QStringLiteral("--by"),
                         QStringLiteral("model"), QStringLiteral("--format"), QStringLiteral("json")})
                .out;
        QCOMPARE(report, expected);
    }
}

void TestCliProcess::verboseTurnsOnTheModuleLogs()
{
    QTemporaryDir dir;
    const QString sample = fixturePath(QStringLiteral("events/sample.jsonl"));
    // Quiet by default: only the rejected lines and nothing of the modules' logs.
    const Outcome quiet = runBurnrate({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("a")),
                                       QStringLiteral("import"), QStringLiteral("events"), sample});
    QCOMPARE(quiet.code, 1);
    QVERIFY2(!quiet.err.contains("burnrate."), quiet.err.constData());

    // --verbose before the command: the ledger's migrations and opening, the importer's summary.
    const Outcome verbose =
        runBurnrate({QStringLiteral("--verbose"), QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("b")),
                     QStringLiteral("import"), QStringLiteral("events"), sample});
    QCOMPARE(verbose.code, 1);
    QCOMPARE(verbose.out, quiet.out);
    QVERIFY2(verbose.err.contains("burnrate.ledger: ledger") && verbose.err.contains("migrated to schema 7"),
             verbose.err.constData());
    QVERIFY2(verbose.err.contains("burnrate.ledger: opened"), verbose.err.constData());
    QVERIFY2(verbose.err.contains("burnrate.importers: events"), verbose.err.constData());

    // The same for --verbose after the command (it also lists every rejected line there).
    const Outcome after =
        runBurnrate({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("b")), QStringLiteral("import"),
                     QStringLiteral("events"), QStringLiteral("--verbose"), sample});
    QVERIFY2(after.err.contains("burnrate.ledger: opened") && !after.err.contains("migrated"), after.err.constData());
}

QTEST_GUILESS_MAIN(TestCliProcess)
#include "tst_cliprocess.moc"
