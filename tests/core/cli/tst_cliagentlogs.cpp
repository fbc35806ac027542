// `burnrate import claude-code|codex` and `report --by conversation|project` on the command line.
#include "cli/cli.h"
#include "clitestutil.h"
#include "fixturetest.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace burnrate::cli;
using namespace burnrate::test;

namespace {

const QString Fixtures = fixturePath(QStringLiteral("agent-logs/"));
const QString ClaudeFixture = QStringLiteral("claude-code-2.1.38-real-session-short.jsonl");
const QString CodexFixture =
    QStringLiteral("codex-0.104-real-rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl");

void put(const QString &from, const QString &to, const QByteArray &extra = {})
{
    QDir().mkpath(QFileInfo(to).absolutePath());
    QFile in(from);
    QFile out(to);
    QVERIFY(in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly));
    out.write(in.readAll() + extra);
}

} // namespace

class TestCliAgentLogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void claudeFromHomeWithBillingNotice();
    void billingIsRememberedAndReapplied();
    void malformedLinesCountedAndListed();
    void codexFromItsHome();
    void usageErrors();
    void reportByConversationTopN();

private:
    CliRun run(const QStringList &args) { return runCli(m_dir->filePath(QStringLiteral("data")), args); }
    QString home() const { return m_dir->filePath(QStringLiteral("home")); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliAgentLogs::initTestCase()
{
    REQUIRE_FIXTURES({QStringLiteral("agent-logs/") + ClaudeFixture, QStringLiteral("agent-logs/") + CodexFixture,
                      QStringLiteral("agent-logs/ccusage-test-claude-chat.jsonl")});
}

void TestCliAgentLogs::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    qputenv("HOME", home().toUtf8());
    qunsetenv("CLAUDE_CONFIG_DIR");
    qunsetenv("XDG_CONFIG_HOME");
    qunsetenv("CODEX_HOME");
    qputenv("BURNRATE_TIMEZONE", "UTC");
}

void TestCliAgentLogs::claudeFromHomeWithBillingNotice()
{
    CliRun r = run({QStringLiteral("import"), QStringLiteral("claude-code")});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY2(r.out.startsWith(QStringLiteral("no claude-code logs found (looked in ")), qPrintable(r.out));
    put(Fixtures + ClaudeFixture,
        home() + QStringLiteral(
                     "/.claude/projects/-home-marco-projects-spotter/55604662-cf2a-4331-851a-ec234028f8ca.jsonl"));
    r = run({QStringLiteral("import"), QStringLiteral("claude-code")});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(
        r.out.contains(QStringLiteral("claude-code: 1 log file (1 new, 0 grown, 0 rewritten, 0 unchanged, 0 gone)")));
    QVERIFY(r.out.contains(QStringLiteral("claude-code: 1 new requests, 0 updated, 4 duplicate copies, 0 replays; 0 "
                                          "malformed lines; billed as api")));
    // Nobody said how it is billed: API spend, said clearly, with the way to change it.
    QVERIFY(r.err.contains(QStringLiteral("counted as API spend because its billing is not set")));
    QVERIFY(r.err.contains(QStringLiteral("--billing subscription")));
    r = run({QStringLiteral("import"), QStringLiteral("claude-code")});
    QVERIFY(r.out.contains(QStringLiteral("(0 new, 0 grown, 0 rewritten, 1 unchanged, 0 gone), 0.0 MB read")));
}

void TestCliAgentLogs::billingIsRememberedAndReapplied()
{
    const QString projects = m_dir->filePath(QStringLiteral("logs/projects"));
    put(Fixtures + ClaudeFixture, projects + QStringLiteral("/-p/55604662-cf2a-4331-851a-ec234028f8ca.jsonl"));
    CliRun r = run({QStringLiteral("import"), QStringLiteral("claude-code"), projects});
    QCOMPARE(r.code, int(ExitOk));
    r = run({QStringLiteral("import"), QStringLiteral("claude-code"), projects, QStringLiteral("--billing"),
             QStringLiteral("subscription")});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY2(
        r.err.contains(QStringLiteral("claude-code is now billed as subscription; 1 earlier requests were re-marked")),
        qPrintable(r.err));
    r = run({QStringLiteral("import"), QStringLiteral("claude-code"), projects});
    QVERIFY(r.err.isEmpty()); // decided: no notice any more
    QVERIFY(r.out.contains(QStringLiteral("billed as subscription")));
    r = run({QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("source"), QStringLiteral("--format"),
             QStringLiteral("json")});
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o.value(QStringLiteral("total")).toObject().value(QStringLiteral("requests")).toInt(), 0);
    QCOMPARE(
        o.value(QStringLiteral("rows")).toArray().first().toObject().value(QStringLiteral("provenance")).toString(),
        QStringLiteral("subscription"));
    r = run({QStringLiteral("import"), QStringLiteral("claude-code"), projects, QStringLiteral("--billing"),
             QStringLiteral("free")});
    QCOMPARE(r.code, int(ExitUsage));
}

void TestCliAgentLogs::malformedLinesCountedAndListed()
{
    const QString projects = m_dir->filePath(QStringLiteral("logs/projects"));
    const QString file = projects + QStringLiteral("/-p/55604662-cf2a-4331-851a-ec234028f8ca.jsonl");
    put(Fixtures + ClaudeFixture, file, "garbage line\n{\"message\":{\"usage\":{\"input_tokens\":\"x\"}}}\n");
    CliRun r = run({QStringLiteral("import"), QStringLiteral("claude-code"), projects, QStringLiteral("--billing"),
                    QStringLiteral("api")});
    QCOMPARE(r.code, int(ExitFailure)); // some lines could not be read
    QVERIFY(r.out.contains(QStringLiteral("1 new requests")));
    const QString canonical = QFileInfo(file).canonicalFilePath();
    QVERIFY2(r.err.contains(canonical + QStringLiteral(": 2 malformed lines")), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("--verbose")));
    // Listed line by line with --verbose (a fresh ledger reads them again).
    QVERIFY(QDir(m_dir->filePath(QStringLiteral("data"))).removeRecursively());
    r = run({QStringLiteral("import"), QStringLiteral("claude-code"), projects, QStringLiteral("--verbose"),
             QStringLiteral("--billing"), QStringLiteral("api")});
    QVERIFY2(r.err.contains(canonical + QStringLiteral(":16: not a JSON object")), qPrintable(r.err));
    QVERIFY(r.err.contains(canonical + QStringLiteral(":17: usage.input_tokens is not a whole number")));
}

void TestCliAgentLogs::codexFromItsHome()
{
    const QString codexHome = m_dir->filePath(QStringLiteral("codexhome"));
    put(Fixtures + CodexFixture, codexHome + QStringLiteral("/archived_sessions/") + CodexFixture);
    qputenv("CODEX_HOME", codexHome.toUtf8());
    const CliRun r = run({QStringLiteral("import"), QStringLiteral("codex"), QStringLiteral("--billing"),
                          QStringLiteral("subscription")});
    QCOMPARE(r.code, int(ExitOk));
    QVERIFY(r.out.contains(QStringLiteral("codex: 6 new requests")));
    QVERIFY(r.err.isEmpty()); // nothing was imported before: nothing to re-mark
    const CliRun rep = run({QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("project"),
                            QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonObject row =
        QJsonDocument::fromJson(rep.out.toUtf8()).object().value(QStringLiteral("rows")).toArray().first().toObject();
    QCOMPARE(row.value(QStringLiteral("key")).toString(), QStringLiteral("/redacted/path/ea96e59ed9"));
    QCOMPARE(row.value(QStringLiteral("provenance")).toString(), QStringLiteral("subscription"));
    const QJsonObject tokens = row.value(QStringLiteral("tokens")).toObject();
    qint64 sum = 0;
    for (const char *k : {"input", "cache_read", "cache_write_5m", "cache_write_1h", "output"}) {
        sum += tokens.value(QLatin1String(k)).toInteger();
    }
    QCOMPARE(sum, 299496);
    // Priced at import (the active book knows gpt-5.3-codex), and shown as equivalent value, not spend.
    QCOMPARE(row.value(QStringLiteral("unpriced_requests")).toInt(), 0);
    QVERIFY(row.value(QStringLiteral("cost_nano")).toInteger() > 0);
    const QJsonObject report = QJsonDocument::fromJson(rep.out.toUtf8()).object();
    QCOMPARE(report.value(QStringLiteral("total")).toObject().value(QStringLiteral("cost_nano")).toInteger(), 0);
    QCOMPARE(report.value(QStringLiteral("subscription_equivalent_nano")).toInteger(),
             row.value(QStringLiteral("cost_nano")).toInteger());
}

void TestCliAgentLogs::usageErrors()
{
    QCOMPARE(run({QStringLiteral("import"), QStringLiteral("claude-code"), QStringLiteral("--format"),
                  QStringLiteral("csv")})
                 .code,
             int(ExitUsage));
    QCOMPARE(run({QStringLiteral("import"), QStringLiteral("events"), QStringLiteral("x.jsonl"),
                  QStringLiteral("--billing"), QStringLiteral("api")})
                 .code,
             int(ExitUsage));
    const CliRun missing =
        run({QStringLiteral("import"), QStringLiteral("codex"), m_dir->filePath(QStringLiteral("nope"))});
    QCOMPARE(missing.code, int(ExitFailure));
    QVERIFY(missing.err.contains(QStringLiteral("no such file or folder")));
    qputenv("CLAUDE_CONFIG_DIR", m_dir->filePath(QStringLiteral("none")).toUtf8());
    const CliRun badEnv = run({QStringLiteral("import"), QStringLiteral("claude-code")});
    QCOMPARE(badEnv.code, int(ExitFailure));
    QCOMPARE(badEnv.err.count(QLatin1Char('\n')), 1);
}

void TestCliAgentLogs::reportByConversationTopN()
{
    const QString projects = m_dir->filePath(QStringLiteral("logs/projects"));
    put(Fixtures + ClaudeFixture, projects + QStringLiteral("/-p/55604662-cf2a-4331-851a-ec234028f8ca.jsonl"));
    put(Fixtures + QStringLiteral("ccusage-test-claude-chat.jsonl"),
        projects + QStringLiteral("/project-alpha/session-alpha.jsonl"));
    QCOMPARE(run({QStringLiteral("import"), QStringLiteral("claude-code"), projects, QStringLiteral("--billing"),
                  QStringLiteral("api")})
                 .code,
             int(ExitOk));
    const CliRun table = run({QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("conversation"),
                              QStringLiteral("--top"), QStringLiteral("1")});
    QCOMPARE(table.code, int(ExitOk));
    for (const char *column : {"CONVERSATION", "PROJECT", "FIRST", "LAST", "MODELS", "REQUESTS", "INPUT", "CACHE READ",
                               "CACHE WRITE 5M", "CACHE WRITE 1H", "OUTPUT", "COST"}) {
        QVERIFY2(table.out.contains(QLatin1String(column)), column);
    }
    QVERIFY(table.out.contains(QStringLiteral("(top 1 of 2 rows; the total covers all)")));
    const CliRun json = run({QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("conversation"),
                             QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonArray rows = QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("rows")).toArray();
    QCOMPARE(rows.size(), 2);
    // Most expensive first. session-alpha's fast-mode line has no book price: its own costUSD counts.
    const QJsonObject first = rows.at(0).toObject();
    QVERIFY(first.value(QStringLiteral("cost_nano")).toInteger() >=
            rows.at(1).toObject().value(QStringLiteral("cost_nano")).toInteger());
    QCOMPARE(first.value(QStringLiteral("key")).toString(), QStringLiteral("session-alpha"));
    QCOMPARE(first.value(QStringLiteral("project")).toString(), QStringLiteral("project-alpha"));
    QCOMPARE(first.value(QStringLiteral("models")).toArray().size(), 2);
    QCOMPARE(first.value(QStringLiteral("first_activity")).toString(), QStringLiteral("2026-01-09 10:00"));
    QCOMPARE(first.value(QStringLiteral("last_activity")).toString(), QStringLiteral("2026-01-10 09:15"));
    const QJsonObject second = rows.at(1).toObject();
    QCOMPARE(second.value(QStringLiteral("tokens")).toObject().value(QStringLiteral("cache_write_1h")).toInt(), 13835);
    // claude-opus-4-6 at $5 / $25 per MTok, cache read $0.50, 1-hour cache write at 2x input ($10):
    // 3 x 5 + 11,515 x 0.5 + 13,835 x 10 + 13 x 25 = 144,447.5 micro-USD.
    QCOMPARE(second.value(QStringLiteral("cost_nano")).toInteger(), 144447500);
}

QTEST_GUILESS_MAIN(TestCliAgentLogs)
#include "tst_cliagentlogs.moc"
