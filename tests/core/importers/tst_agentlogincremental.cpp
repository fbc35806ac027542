// Incremental agent-log imports: unchanged, grown, half-written, truncated, replaced and deleted
// files; duplicates that meet across imports; Codex state carried across a checkpoint.
#include "agentloggenerator.h"
#include "agentlogtestutil.h"

#include <QDirIterator>
#include <QTemporaryDir>

#include <limits>

using namespace burnrate;
using namespace burnrate::test;

namespace {

const QByteArray Session = "11111111-2222-3333-4444-555555555555";

QByteArray line(int n, std::int64_t output = 100, const QByteArray &session = Session)
{
    return claudeLine(session, "msg_" + QByteArray::number(n), "req_" + QByteArray::number(n), 10 * n, 1000, 0, output,
                      "2026-11-02T10:00:" + QByteArray::number(10 + n) + ".000Z");
}

QString codexName()
{
    return QStringLiteral("codex-0.104-real-rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl");
}

} // namespace

class TestAgentLogIncremental : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void unchangedReadsNothing();
    void grownFileReadsOnlyNewBytes();
    void halfWrittenLineWaits();
    void finalOutputArrivesLater();
    void truncatedFileReplacesItsRows();
    void beyondTheLimitsIsMalformed();
    void replacedFileReplacesItsRows();
    void rewrittenInPlaceWithSameSize();
    void deletedFileKeepsItsRows();
    void copiesAcrossFilesAndImports();
    void generatedTreeGrowsInSteps();
    void codexStateCarriesAcrossCheckpoints();
    void codexForkCopiesCountOnce();

private:
    Result<AgentLogImportSummary> importClaude() { return importInto(*m_ledger, AgentLogSource::ClaudeCode, {m_root}); }
    LedgerTotals totals() { return ledgerTotals(*m_ledger, QStringLiteral("claude-code")); }
    QString file(const QString &name) { return m_root + QStringLiteral("/-work-app/") + name; }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Ledger> m_ledger;
    QString m_root;
};

void TestAgentLogIncremental::initTestCase()
{
    REQUIRE_FIXTURES(agentLogFixtureFiles());
}

void TestAgentLogIncremental::init()
{
    m_ledger.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    m_root = m_dir->filePath(QStringLiteral("projects"));
    QDir().mkpath(m_root);
    m_ledger =
        std::move(Ledger::open(m_dir->filePath(QStringLiteral("data")), *LocalCalendar::forZoneId("UTC"))).value();
}

void TestAgentLogIncremental::unchangedReadsNothing()
{
    QVERIFY(writeFile(file(QString::fromLatin1(Session) + QStringLiteral(".jsonl")), line(1) + line(2)));
    QCOMPARE(importClaude()->inserted, 2);
    const auto again = importClaude();
    QCOMPARE(again->bytesRead, 0);
    QCOMPARE(again->filesUnchanged, 1);
    QCOMPARE(again->inserted + again->updated + again->duplicates, 0);
    // A touch (new mtime, same bytes) reads nothing new either: the checkpoint is at the end.
    const QString path = file(QString::fromLatin1(Session) + QStringLiteral(".jsonl"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(60), QFileDevice::FileModificationTime));
    f.close();
    const auto touched = importClaude();
    QCOMPARE(touched->bytesRead, 0);
    QCOMPARE(touched->filesRewritten, 0);
    QCOMPARE(totals().rows, 2);
}

void TestAgentLogIncremental::grownFileReadsOnlyNewBytes()
{
    const QString path = file(QString::fromLatin1(Session) + QStringLiteral(".jsonl"));
    QVERIFY(writeFile(path, line(1) + line(2)));
    QCOMPARE(importClaude()->inserted, 2);
    const QByteArray more = line(3) + line(4);
    QVERIFY(writeFile(path, more, QIODevice::Append));
    const auto s = importClaude();
    QCOMPARE(s->filesGrown, 1);
    QCOMPARE(s->bytesRead, more.size());
    QCOMPARE(s->inserted, 2);
    QCOMPARE(s->duplicates, 0);
    QCOMPARE(totals().rows, 4);
    QCOMPARE(totals().tokens.inputUncached, 100);
    verifyRollupsMatchEvents(*m_ledger);
}

void TestAgentLogIncremental::halfWrittenLineWaits()
{
    const QString path = file(QString::fromLatin1(Session) + QStringLiteral(".jsonl"));
    const QByteArray third = line(3);
    QVERIFY(writeFile(path, line(1) + line(2) + third.left(40)));
    auto s = importClaude();
    QCOMPARE(s->inserted, 2);
    QCOMPARE(s->malformed, 0); // a line being written is not damage
    QVERIFY(writeFile(path, third.mid(40), QIODevice::Append));
    s = importClaude();
    QCOMPARE(s->inserted, 1);
    QCOMPARE(s->malformed, 0);
    // A complete last line without its newline counts now, and once.
    QVERIFY(writeFile(path, line(4).chopped(1), QIODevice::Append));
    QCOMPARE(importClaude()->inserted, 1);
    QVERIFY(writeFile(path, "\n" + line(5), QIODevice::Append));
    s = importClaude();
    QCOMPARE(s->inserted, 1);
    QCOMPARE(totals().rows, 5);
}

void TestAgentLogIncremental::finalOutputArrivesLater()
{
    // One response's content blocks, split across two imports: partial output first, final later.
    const QString path = file(QString::fromLatin1(Session) + QStringLiteral(".jsonl"));
    QVERIFY(writeFile(path, line(1, 7)));
    QCOMPARE(importClaude()->inserted, 1);
    QVERIFY(writeFile(path, line(1, 7) + line(1, 480), QIODevice::Append));
    const auto s = importClaude();
    QCOMPARE(s->updated, 1);
    QCOMPARE(totals().rows, 1);
    QCOMPARE(totals().tokens.output, 480);
    verifyRollupsMatchEvents(*m_ledger);
}

void TestAgentLogIncremental::truncatedFileReplacesItsRows()
{
    const QString path = file(QString::fromLatin1(Session) + QStringLiteral(".jsonl"));
    QVERIFY(writeFile(path, line(1) + line(2) + line(3)));
    QCOMPARE(importClaude()->inserted, 3);
    QVERIFY(QFile::resize(path, line(1).size()));
    const auto s = importClaude();
    QCOMPARE(s->filesRewritten, 1);
    QCOMPARE(s->removed, 3);
    QCOMPARE(totals().rows, 1);
    QCOMPARE(totals().tokens.inputUncached, 10);
    verifyRollupsMatchEvents(*m_ledger);
    // Growing again from there reads the new bytes only.
    QVERIFY(writeFile(path, line(9), QIODevice::Append));
    const auto grown = importClaude();
    QCOMPARE(grown->filesGrown, 1);
    QCOMPARE(grown->bytesRead, line(9).size());
    QCOMPARE(totals().rows, 2);
}

void TestAgentLogIncremental::beyondTheLimitsIsMalformed()
{
    // A count beyond the limit of one request (int64's largest) and a model name of 100,000 characters: each line is
    // counted as malformed with its reason, and the other requests are imported.
    const QString path = file(QString::fromLatin1(Session) + QStringLiteral(".jsonl"));
    const QByteArray huge = claudeLine(Session, "msg_huge", "req_huge", std::numeric_limits<std::int64_t>::max(), 0, 0,
                                       10, "2026-11-02T10:00:20.000Z");
    QByteArray longModel = line(3);
    longModel.replace("claude-sonnet-4-5", QByteArray(100'000, 'm'));
    QVERIFY(writeFile(path, line(1) + huge + longModel + line(4)));
    const auto s = importClaude();
    QVERIFY(s.ok());
    QCOMPARE(s->inserted, 2);
    QCOMPARE(s->malformed, 2);
    QCOMPARE(s->issues.size(), 2);
    QCOMPARE(s->issues.at(0).location, path + QStringLiteral(":2"));
    QCOMPARE(s->issues.at(1).location, path + QStringLiteral(":3"));
    QVERIFY2(s->issues.at(1).reason == QStringLiteral("model is 100000 characters long (at most 256)"),
             qPrintable(s->issues.at(1).reason));
    QCOMPARE(totals().rows, 2);
}

void TestAgentLogIncremental::replacedFileReplacesItsRows()
{
    const QString path = file(QString::fromLatin1(Session) + QStringLiteral(".jsonl"));
    QVERIFY(writeFile(path, line(1) + line(2) + line(3)));
    QCOMPARE(importClaude()->inserted, 3);
    // An editor-style replace: a new file renamed over the old one, longer than it.
    const QString tmp = path + QStringLiteral(".tmp");
    QVERIFY(writeFile(tmp, line(2, 999) + line(7) + line(8) + line(9)));
    // (Windows cannot rename over an existing file: the old one goes first; the new file keeps its identity.)
    QVERIFY(QFile::remove(path));
    QVERIFY(QFile::rename(tmp, path));
    const auto s = importClaude();
    QCOMPARE(s->filesRewritten, 1);
    QCOMPARE(totals().rows, 4); // 2 (new version), 7, 8, 9; never 1 or 3 any more, never doubled
    QCOMPARE(m_ledger->db().queryInt64("SELECT output FROM events WHERE source_key = 'req_2/msg_2'"),
             std::optional<std::int64_t>(999));
    QCOMPARE(
        m_ledger->db().queryInt64("SELECT COUNT(*) FROM events WHERE source_key IN ('req_1/msg_1', 'req_3/msg_3')"),
        std::optional<std::int64_t>(0));
    verifyRollupsMatchEvents(*m_ledger);
    verifyRollupsEqualRebuild(*m_ledger);
}

void TestAgentLogIncremental::rewrittenInPlaceWithSameSize()
{
    const QString path = file(QString::fromLatin1(Session) + QStringLiteral(".jsonl"));
    QVERIFY(writeFile(path, line(1) + line(2)));
    QCOMPARE(importClaude()->inserted, 2);
    QByteArray other = line(5) + line(6);
    QCOMPARE(other.size(), (line(1) + line(2)).size());
    QVERIFY(writeFile(path, other)); // same inode, same size, other bytes
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(120), QFileDevice::FileModificationTime));
    f.close();
    const auto s = importClaude();
    QCOMPARE(s->filesRewritten, 1);
    QCOMPARE(
        m_ledger->db().queryInt64("SELECT COUNT(*) FROM events WHERE source_key IN ('req_5/msg_5', 'req_6/msg_6')"),
        std::optional<std::int64_t>(2));
    QCOMPARE(totals().rows, 2);
}

void TestAgentLogIncremental::deletedFileKeepsItsRows()
{
    const QString path = file(QString::fromLatin1(Session) + QStringLiteral(".jsonl"));
    QVERIFY(writeFile(path, line(1) + line(2)));
    QCOMPARE(importClaude()->inserted, 2);
    QVERIFY(QFile::remove(path));
    const auto s = importClaude();
    QCOMPARE(s->filesGone, 1);
    QCOMPARE(totals().rows, 2); // Claude Code deletes old transcripts; the ledger keeps their history
    QCOMPARE(m_ledger->db().queryInt64("SELECT COUNT(*) FROM import_checkpoints"), std::optional<std::int64_t>(0));
    // The same file coming back (restored from a backup) changes nothing.
    QVERIFY(writeFile(path, line(1) + line(2)));
    const auto back = importClaude();
    QCOMPARE(back->inserted + back->updated, 0);
    QCOMPARE(back->duplicates, 2);
    QCOMPARE(totals().rows, 2);
    // ... and the restored file now holds those rows: rewriting it replaces them.
    QVERIFY(writeFile(path, line(3)));
    const auto rewritten = importClaude();
    QVERIFY2(rewritten.ok(), qPrintable(rewritten.error()));
    QCOMPARE(totals().rows, 1);
}

void TestAgentLogIncremental::copiesAcrossFilesAndImports()
{
    const QByteArray other = "99999999-2222-3333-4444-555555555555";
    QVERIFY(writeFile(file(QString::fromLatin1(Session) + QStringLiteral(".jsonl")), line(1) + line(2)));
    QCOMPARE(importClaude()->inserted, 2);
    // A resumed session copies both responses (keeping their session id) and adds one.
    QVERIFY(writeFile(file(QString::fromLatin1(other) + QStringLiteral(".jsonl")),
                      line(1) + line(2) + line(3, 100, other)));
    const auto s = importClaude();
    QCOMPARE(s->inserted, 1);
    QCOMPARE(s->duplicates, 2);
    QCOMPARE(totals().rows, 3);
    const auto convs = byConversation(*m_ledger, QStringLiteral("claude-code"));
    QCOMPARE(convs.at(QString::fromLatin1(Session)).second, 2); // credit stays where the responses were made
    QCOMPARE(convs.at(QString::fromLatin1(other)).second, 1);
    verifyRollupsEqualRebuild(*m_ledger);
}

void TestAgentLogIncremental::generatedTreeGrowsInSteps()
{
    // The same tree imported in pieces (each file cut at arbitrary byte offsets, then completed)
    // ends exactly where a single import of the whole tree ends.
    QTemporaryDir whole;
    const QString full = whole.filePath(QStringLiteral("projects"));
    const ClaudeTruth truth = ClaudeTreeGenerator(full, ClaudeTreeSpec()).generate();
    QStringList files;
    QDirIterator it(full, {QStringLiteral("*.jsonl")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        files << QDir(full).relativeFilePath(it.next());
    }
    for (const double share : {0.3, 0.55, 0.8, 1.0}) {
        for (const QString &rel : files) {
            QFile in(full + QLatin1Char('/') + rel);
            QVERIFY(in.open(QIODevice::ReadOnly));
            const QByteArray all = in.readAll();
            const QString out = m_root + QLatin1Char('/') + rel;
            const auto have = QFileInfo(out).exists() ? QFileInfo(out).size() : 0;
            const auto want = static_cast<qsizetype>(static_cast<double>(all.size()) * share);
            if (want > have) {
                QVERIFY(writeFile(out, all.mid(have, want - have), QIODevice::Append));
            }
        }
        QVERIFY(importClaude().ok());
    }
    const LedgerTotals t = totals();
    QCOMPARE(t.tokens, truth.tokens);
    QCOMPARE(t.requests, truth.requests);
    const auto convs = byConversation(*m_ledger, QStringLiteral("claude-code"));
    for (const auto &[conv, tokens] : truth.byConversation) {
        QCOMPARE(convs.at(conv).first, tokens);
    }
    QCOMPARE(m_ledger->db().queryInt64("SELECT SUM(bad_lines) FROM import_checkpoints"),
             std::optional<std::int64_t>(truth.malformed));
    verifyRollupsMatchEvents(*m_ledger);
    verifyRollupsEqualRebuild(*m_ledger);
}

void TestAgentLogIncremental::codexStateCarriesAcrossCheckpoints()
{
    QFile in(AgentFixtures + codexName());
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = in.readAll().split('\n');
    const QString path = m_dir->filePath(QStringLiteral("codex/sessions/2026/02/23/") + codexName());
    // Import after every 9 lines: model, cumulative usage and session carry over in the checkpoint.
    for (qsizetype i = 0; i < lines.size(); i += 9) {
        QByteArray part;
        for (qsizetype j = i; j < std::min(i + 9, lines.size()); ++j) {
            if (!lines[j].isEmpty()) {
                part += lines[j] + '\n';
            }
        }
        QVERIFY(writeFile(path, part, QIODevice::Append));
        QVERIFY(importInto(*m_ledger, AgentLogSource::Codex, {path}).ok());
    }
    const LedgerTotals t = ledgerTotals(*m_ledger, QStringLiteral("codex"));
    QCOMPARE(t.tokens.total(), 299496);
    QCOMPARE(t.rows, 6);
    QCOMPARE(m_ledger->db().queryInt64("SELECT COUNT(*) FROM events WHERE model = 'gpt-5.3-codex'"
                                       " AND conversation_id = '019c8bfe-ec25-79e0-97d7-bda6a9c575ff'"),
             std::optional<std::int64_t>(6));
}

void TestAgentLogIncremental::codexForkCopiesCountOnce()
{
    QFile in(AgentFixtures + codexName());
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QByteArray original = in.readAll();
    const QString sessions = m_dir->filePath(QStringLiteral("codex/sessions/2026/02/24/"));
    QVERIFY(writeFile(sessions + codexName(), original));
    // A fork: a new session whose rollout starts with the parent's history, then goes on.
    QByteArray fork = original;
    fork.replace("\"id\":\"019c8bfe-ec25-79e0-97d7-bda6a9c575ff\"", "\"id\":\"019c9999-0000-7000-8000-000000000001\"");
    fork.replace("\"timestamp\":\"2026-02-23T19:34:25.573Z\"", "\"timestamp\":\"2026-02-23T20:00:00.000Z\"");
    fork +=
        R"({"timestamp":"2026-02-23T20:01:00.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":300373,"cached_input_tokens":238848,"output_tokens":1223,"reasoning_output_tokens":483,"total_tokens":301596},"last_token_usage":{"input_tokens":2000,"cached_input_tokens":0,"output_tokens":100,"reasoning_output_tokens":0,"total_tokens":2100}}}})"
        "\n";
    QVERIFY(writeFile(
        sessions + QStringLiteral("rollout-2026-02-23T21-00-00-019c9999-0000-7000-8000-000000000001.jsonl"), fork));
    QVERIFY(importInto(*m_ledger, AgentLogSource::Codex, {m_dir->filePath(QStringLiteral("codex"))}, 2).ok());
    const LedgerTotals t = ledgerTotals(*m_ledger, QStringLiteral("codex"));
    QCOMPARE(t.rows, 7);
    QCOMPARE(t.tokens.total(), 299496 + 2100);
    // The copied history stays with the session that made it; the fork has its own request only.
    QCOMPARE(m_ledger->db().queryInt64("SELECT COUNT(*) FROM events WHERE conversation_id ="
                                       " '019c9999-0000-7000-8000-000000000001'"),
             std::optional<std::int64_t>(1));
}

QTEST_GUILESS_MAIN(TestAgentLogIncremental)
#include "tst_agentlogincremental.moc"
