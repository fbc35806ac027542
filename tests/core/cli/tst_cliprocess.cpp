// Runs the real `burnrate` binary: exit codes, stdin, and that no command ever needs a display.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString Binary = QStringLiteral(BURNRATE_BINARY_DIR "/app/burnrate");
const QString Sample = QStringLiteral(BURNRATE_FIXTURES_DIR "/events/sample.jsonl");

struct Outcome
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Outcome burnrate(const QStringList &args, const QByteArray &stdinData = {}, const QString &dataDir = {})
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
    void exitCodes();
    void importsFromStdinWithEnvDataDir();
};

void TestCliProcess::exitCodes()
{
    QTemporaryDir dir;
    const Outcome version = burnrate({QStringLiteral("--version")});
    QCOMPARE(version.code, 0);
    QVERIFY(version.out.startsWith("burnrate "));
    const Outcome usage = burnrate({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("report"),
                                    QStringLiteral("--by"), QStringLiteral("galaxy")});
    QCOMPARE(usage.code, 2);
    QCOMPARE(usage.err.count('\n'), 1);
    const Outcome rejected = burnrate(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("import"), QStringLiteral("events"), Sample});
    QCOMPARE(rejected.code, 1);
    QVERIFY(rejected.out.contains("5 new"));
    const Outcome report = burnrate({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("report"),
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
        burnrate({QStringLiteral("import"), QStringLiteral("events"), QStringLiteral("-")}, line, dir.path());
    QCOMPARE(imported.code, 0);
    QVERIFY2(imported.out.contains("1 new"), imported.out.constData());
    const Outcome report =
        burnrate({QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("json")}, {}, dir.path());
    QCOMPARE(report.code, 0);
    QVERIFY(report.out.contains("\"cost_nano\": 123000"));
}

QTEST_GUILESS_MAIN(TestCliProcess)
#include "tst_cliprocess.moc"
