// Runs the real `burnrate` binary: exit codes, stdin, and that no command ever needs a display.
#include "fixturetest.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
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

// `program` runs instead of burnrate itself when given (a wrapper such as prlimit that then starts it).
Outcome runBurnrate(const QStringList &args, const QByteArray &stdinData = {}, const QString &dataDir = {},
                    const QString &program = {})
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
    p.start(program.isEmpty() ? Binary : program, args);
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

// Another process that holds the ledger's write lock: the sqlite3 shell inside BEGIN IMMEDIATE, until release().
class LockHolder
{
public:
    explicit LockHolder(const QString &ledgerPath)
    {
        m_shell.start(QStringLiteral("sqlite3"), {ledgerPath});
        m_shell.waitForStarted();
        m_shell.write("BEGIN IMMEDIATE;\nSELECT 'held';\n");
    }
    ~LockHolder() { release(); }
    LockHolder(const LockHolder &) = delete;
    LockHolder &operator=(const LockHolder &) = delete;

    // True once the shell reports that it holds the lock.
    bool holds()
    {
        while (!m_output.contains("held")) {
            if (!m_shell.waitForReadyRead(10000)) {
                return false;
            }
            m_output += m_shell.readAllStandardOutput();
        }
        return true;
    }
    void release()
    {
        if (m_shell.state() == QProcess::Running) {
            m_shell.write("COMMIT;\n.quit\n");
            m_shell.closeWriteChannel();
            m_shell.waitForFinished(10000);
        }
    }

private:
    QProcess m_shell;
    QByteArray m_output;
};

QString writeEvents(const QString &path, int count)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return {};
    }
    for (int i = 0; i < count; ++i) {
        f.write(QStringLiteral("{\"request_id\":\"w%1\",\"provider\":\"openai\",\"model\":\"gpt-4o\","
                               "\"started_at\":\"2026-11-10T10:00:00Z\",\"input_tokens\":100,\"output_tokens\":7}\n")
                    .arg(i)
                    .toUtf8());
    }
    return path;
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
    void waitsForAnotherWriterAndSaysSo();
    void givesUpAfterTheWaitWithNothingWritten();
    void damagedLedgerIsMovedAsideAndABackupOffered();
    void fullDiskFailsCleanlyAndLosesNothing();
    void killedRepriceIsUndoneAndAFullRunMatches();
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
    QVERIFY2(verbose.err.contains("burnrate.ledger: ledger") && verbose.err.contains("migrated to schema 8"),
             verbose.err.constData());
    QVERIFY2(verbose.err.contains("burnrate.ledger: opened"), verbose.err.constData());
    QVERIFY2(verbose.err.contains("burnrate.importers: events"), verbose.err.constData());

    // The same for --verbose after the command (it also lists every rejected line there).
    const Outcome after =
        runBurnrate({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("b")), QStringLiteral("import"),
                     QStringLiteral("events"), QStringLiteral("--verbose"), sample});
    QVERIFY2(after.err.contains("burnrate.ledger: opened") && !after.err.contains("migrated"), after.err.constData());
}

void TestCliProcess::waitsForAnotherWriterAndSaysSo()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QString input = writeEvents(dir.filePath(QStringLiteral("w.jsonl")), 20);
    QCOMPARE(runBurnrate({QStringLiteral("--data-dir"), data, QStringLiteral("report")}).code, 0); // creates it

    LockHolder holder(data + QStringLiteral("/ledger.sqlite3"));
    QVERIFY(holder.holds());
    QProcess import;
    import.start(Binary,
                 {QStringLiteral("--data-dir"), data, QStringLiteral("import"), QStringLiteral("events"), input});
    QVERIFY(import.waitForStarted());
    QByteArray err;
    QElapsedTimer waited;
    waited.start();
    while (!err.contains("waiting for another Burnrate process") && waited.elapsed() < 10000) {
        import.waitForReadyRead(200);
        err += import.readAllStandardError();
    }
    QVERIFY2(err.contains("waiting for another Burnrate process"), err.constData());
    QCOMPARE(import.state(), QProcess::Running); // still waiting, not failed
    holder.release();
    QVERIFY(import.waitForFinished(30000));
    err += import.readAllStandardError();
    QCOMPARE(import.exitCode(), 0);
    QCOMPARE(err.count('\n'), 1); // the notice once, and nothing else
    const Outcome report = runBurnrate({QStringLiteral("--data-dir"), data, QStringLiteral("report"),
                                        QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(report.out.contains("\"requests\": 20"), report.out.constData());
}

void TestCliProcess::givesUpAfterTheWaitWithNothingWritten()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QString input = writeEvents(dir.filePath(QStringLiteral("w.jsonl")), 20);
    QCOMPARE(runBurnrate({QStringLiteral("--data-dir"), data, QStringLiteral("report")}).code, 0);

    LockHolder holder(data + QStringLiteral("/ledger.sqlite3"));
    QVERIFY(holder.holds());
    QElapsedTimer took;
    took.start();
    const Outcome gaveUp = runBurnrate({QStringLiteral("--wait"), QStringLiteral("1"), QStringLiteral("--data-dir"),
                                        data, QStringLiteral("import"), QStringLiteral("events"), input});
    QCOMPARE(gaveUp.code, 1);
    QVERIFY2(took.elapsed() >= 1000 && took.elapsed() < 20000, QByteArray::number(took.elapsed()).constData());
    QVERIFY2(gaveUp.err.contains("kept the ledger locked for more than 1 s"), gaveUp.err.constData());
    holder.release();
    const Outcome report = runBurnrate({QStringLiteral("--data-dir"), data, QStringLiteral("report"),
                                        QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(!report.out.contains("gpt-4o"), report.out.constData());

    const Outcome bad = runBurnrate({QStringLiteral("--wait"), QStringLiteral("soon"), QStringLiteral("report")});
    QCOMPARE(bad.code, 2);
    QVERIFY2(bad.err.contains("--wait needs a number of seconds"), bad.err.constData());
}

void TestCliProcess::damagedLedgerIsMovedAsideAndABackupOffered()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QString input = writeEvents(dir.filePath(QStringLiteral("w.jsonl")), 20);
    QCOMPARE(
        runBurnrate({QStringLiteral("--data-dir"), data, QStringLiteral("import"), QStringLiteral("events"), input})
            .code,
        0);
    const Outcome backup =
        runBurnrate({QStringLiteral("--data-dir"), data, QStringLiteral("backup"), QStringLiteral("now")});
    QCOMPARE(backup.code, 0);
    QVERIFY2(backup.out.startsWith("Backup ") && backup.out.contains("written and checked"), backup.out.constData());
    const QByteArray id = backup.out.split(' ').at(1);

    // The first page overwritten: SQLite no longer sees a database.
    const QString ledger = data + QStringLiteral("/ledger.sqlite3");
    QFile::remove(ledger + QStringLiteral("-wal"));
    QFile::remove(ledger + QStringLiteral("-shm"));
    {
        QFile f(ledger);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.write(QByteArray(4096, 'x'));
    }
    const Outcome report = runBurnrate({QStringLiteral("--data-dir"), data, QStringLiteral("report")});
    QCOMPARE(report.code, 1);
    QVERIFY2(
        report.err.contains("burnrate: the ledger is damaged (file is not a database); it is moved, untouched, to "),
        report.err.constData());
    QVERIFY2(report.err.contains("restore it with: burnrate backup restore " + id), report.err.constData());
    const QStringList aside = QDir(data).entryList({QStringLiteral("damaged-*")}, QDir::Dirs);
    QCOMPARE(aside.size(), 1);
    QVERIFY(QFile::exists(data + QLatin1Char('/') + aside.first() + QStringLiteral("/ledger.sqlite3")));
    QVERIFY(!QFile::exists(ledger));

    const Outcome restore = runBurnrate({QStringLiteral("--data-dir"), data, QStringLiteral("backup"),
                                         QStringLiteral("restore"), QString::fromUtf8(id)});
    QCOMPARE(restore.code, 0);
    QVERIFY2(restore.out.startsWith("Restored the ledger from backup " + id), restore.out.constData());
    const Outcome after = runBurnrate({QStringLiteral("--data-dir"), data, QStringLiteral("report"),
                                       QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(after.code, 0);
    QVERIFY2(after.out.contains("\"requests\": 20"), after.out.constData());
    const Outcome list = runBurnrate({QStringLiteral("--data-dir"), data, QStringLiteral("backup"),
                                      QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(list.out.contains("\"id\": \"" + id + "\""), list.out.constData());
}

void TestCliProcess::fullDiskFailsCleanlyAndLosesNothing()
{
    // RLIMIT_FSIZE stands in for a full disk: a write past the limit fails (EFBIG) instead of killing burnrate.
    if (QStandardPaths::findExecutable(QStringLiteral("prlimit")).isEmpty()) {
        QSKIP("needs prlimit (util-linux)");
    }
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QString small = writeEvents(dir.filePath(QStringLiteral("small.jsonl")), 20);
    QCOMPARE(
        runBurnrate({QStringLiteral("--data-dir"), data, QStringLiteral("import"), QStringLiteral("events"), small})
            .code,
        0);
    const QStringList reportArgs = {QStringLiteral("--data-dir"), data,
                                    QStringLiteral("report"),     QStringLiteral("--by"),
                                    QStringLiteral("model"),      QStringLiteral("--format"),
                                    QStringLiteral("json")};
    const QByteArray before = runBurnrate(reportArgs).out;

    const QString big = dir.filePath(QStringLiteral("big.jsonl"));
    {
        QFile f(big);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 60000; ++i) {
            f.write(QStringLiteral("{\"request_id\":\"b%1\",\"provider\":\"openai\",\"model\":\"gpt-4o-mini\","
                                   "\"started_at\":\"2026-11-%2T10:00:00Z\",\"input_tokens\":%3,\"output_tokens\":9,"
                                   "\"project\":\"p%4\"}\n")
                        .arg(i)
                        .arg(10 + i % 9)
                        .arg(100 + i)
                        .arg(i % 50)
                        .toUtf8());
        }
    }
    // Room for a few of the import's batches, not for all of them; then no room for a copy of the ledger.
    const qint64 room = QFileInfo(data + QStringLiteral("/ledger.sqlite3")).size() + 3'000'000;
    const auto limited = [&](qint64 bytes, const QStringList &args) {
        return runBurnrate(QStringList{QStringLiteral("--fsize=%1").arg(bytes), Binary} + args, {}, {},
                           QStringLiteral("prlimit"));
    };
    const Outcome import =
        limited(room, {QStringLiteral("--data-dir"), data, QStringLiteral("import"), QStringLiteral("events"), big});
    QCOMPARE(import.code, 1);
    QVERIFY2(import.err.contains("the disk is full or refuses the write"), import.err.constData());
    QCOMPARE(import.err.count('\n'), 1);

    const Outcome backup =
        limited(100000, {QStringLiteral("--data-dir"), data, QStringLiteral("backup"), QStringLiteral("now")});
    QCOMPARE(backup.code, 1);
    QVERIFY2(backup.err.contains("cannot write the backup"), backup.err.constData());
    QCOMPARE(QDir(data + QStringLiteral("/backups")).entryList(QDir::Files), QStringList()); // no partial copy

    // The ledger is whole: it passes integrity_check, its rollups match its events, and the import finishes
    // once there is room, with the same figures as an import that never failed.
    QProcess check;
    check.start(QStringLiteral("sqlite3"),
                {data + QStringLiteral("/ledger.sqlite3"),
                 QStringLiteral("PRAGMA integrity_check; SELECT (SELECT count(*) FROM events)"
                                " = (SELECT sum(requests) FROM rollups);")});
    QVERIFY(check.waitForFinished(60000));
    QCOMPARE(check.readAllStandardOutput(), QByteArray("ok\n1\n"));
    QCOMPARE(
        runBurnrate({QStringLiteral("--data-dir"), data, QStringLiteral("import"), QStringLiteral("events"), big}).code,
        0);
    const QString clean = dir.filePath(QStringLiteral("clean"));
    for (const QString &file : {small, big}) {
        QCOMPARE(
            runBurnrate({QStringLiteral("--data-dir"), clean, QStringLiteral("import"), QStringLiteral("events"), file})
                .code,
            0);
    }
    QByteArray expected = runBurnrate(QStringList{QStringLiteral("--data-dir"), clean} + reportArgs.mid(2)).out;
    QCOMPARE(runBurnrate(reportArgs).out, expected);
    QVERIFY(expected != before);
}

void TestCliProcess::killedRepriceIsUndoneAndAFullRunMatches()
{
    // Requests for a model the shipped book does not know; the user's price for it makes every one change.
    QTemporaryDir dir;
    const QString input = dir.filePath(QStringLiteral("own.jsonl"));
    {
        QFile f(input);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 40000; ++i) {
            f.write(QStringLiteral("{\"request_id\":\"o%1\",\"provider\":\"acme\",\"model\":\"my-model\","
                                   "\"started_at\":\"2026-11-%2T10:00:00Z\",\"input_tokens\":%3,\"output_tokens\":5}\n")
                        .arg(i)
                        .arg(10 + i % 9)
                        .arg(1000 + i)
                        .toUtf8());
        }
    }
    const QByteArray userPrices =
        R"({"format": "llm-spend-pricing-overlay", "format_version": 1, "id": "user", "providers": [{"id": "acme",
            "name": "Acme", "models": [{"id": "my-model", "name": "My model", "versions": [{"effective_from": null,
            "rates": {"input": "1", "output": "2"}}]}]}]})";
    const auto prepare = [&](const QString &data) {
        if (runBurnrate({QStringLiteral("--data-dir"), data, QStringLiteral("import"), QStringLiteral("events"), input})
                .code != 0) {
            return false;
        }
        QFile prices(data + QStringLiteral("/prices.user.json"));
        return prices.open(QIODevice::WriteOnly) && prices.write(userPrices) == userPrices.size();
    };
    const auto report = [&](const QString &data) {
        return runBurnrate({QStringLiteral("--data-dir"), data, QStringLiteral("report"), QStringLiteral("--by"),
                            QStringLiteral("day"), QStringLiteral("--format"), QStringLiteral("json")})
            .out;
    };
    const QString clean = dir.filePath(QStringLiteral("clean"));
    QVERIFY(prepare(clean));
    const QByteArray unpriced = report(clean);
    const Outcome full = runBurnrate({QStringLiteral("--data-dir"), clean, QStringLiteral("reprice")});
    QCOMPARE(full.code, 0);
    const QByteArray repriced = report(clean);
    QVERIFY(repriced != unpriced);

    int undone = 0;
    for (int killAfterMs : {100, 250, 500, 800}) {
        const QString data = dir.filePath(QStringLiteral("killed-%1").arg(killAfterMs));
        QVERIFY(prepare(data));
        QProcess p;
        p.start(Binary, {QStringLiteral("--data-dir"), data, QStringLiteral("reprice")});
        QVERIFY(p.waitForStarted());
        QTest::qWait(killAfterMs);
        p.kill();
        p.waitForFinished();
        // The next command finds the run interrupted and puts everything back (or it had finished).
        const QByteArray after = report(data);
        QVERIFY(after == unpriced || after == repriced);
        undone += after == unpriced ? 1 : 0;
        QCOMPARE(runBurnrate({QStringLiteral("--data-dir"), data, QStringLiteral("reprice")}).code, 0);
        QCOMPARE(report(data), repriced);
        QProcess check;
        check.start(QStringLiteral("sqlite3"),
                    {data + QStringLiteral("/ledger.sqlite3"),
                     QStringLiteral("PRAGMA integrity_check; SELECT count(*) FROM reprice_undo;")});
        QVERIFY(check.waitForFinished(60000));
        QCOMPARE(check.readAllStandardOutput(), QByteArray("ok\n0\n"));
    }
    QVERIFY2(undone > 0, "no kill landed inside a run");
}

QTEST_GUILESS_MAIN(TestCliProcess)
#include "tst_cliprocess.moc"
