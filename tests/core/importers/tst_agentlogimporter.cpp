// Claude Code and Codex imports against tests/fixtures/agent-logs (totals stated in docs/agent-logs.md §7 and
// the fixtures README) and against a generated tree whose ground truth the generator knows.
#include "agentloggenerator.h"
#include "agentlogtestutil.h"
#include "importers/agentlogpricing.h"
#include "importers/claudecodeparser.h"
#include "ledger/reportquery.h"
#include "util/clock.h"

#include <QCryptographicHash>
#include <QTemporaryDir>

using namespace burnrate;
using namespace burnrate::test;

namespace {

// "Now" for the reports: the local requests here count the same on any day.
const FixedClock reportClock(QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC));

} // namespace

class TestAgentLogImporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fixturesAreTheOriginals();
    void claudeRealSession();
    void claudeCcusageFixture();
    void codexRealRollout();
    void codexCcusageFixture();
    void generatedTreeMatchesItsTruth_data();
    void generatedTreeMatchesItsTruth();
    void reportsPerConversation();
    void pricingHookRunsOnParserThreads();
    void activeBookLoadsOnlyWhenSomethingChanged();
    void conversationFromNameOrContent();
    void usagePrefilterFindsEveryPlace();

private:
    std::unique_ptr<Ledger> open(const QTemporaryDir &dir)
    {
        auto ledger = Ledger::open(dir.filePath(QStringLiteral("data")), *LocalCalendar::forZoneId("UTC"));
        return ledger ? std::move(ledger).value() : nullptr;
    }
};

void TestAgentLogImporter::initTestCase()
{
    REQUIRE_FIXTURES(agentLogFixtureFiles());
}

void TestAgentLogImporter::fixturesAreTheOriginals()
{
    const std::pair<const char *, const char *> expected[] = {
        {"claude-code-2.1.38-real-session-short.jsonl",
         "237dc80e7f705386591cee61b21fa209a59a11c6366d20fda227ec878848c74b"},
        {"codex-0.104-real-rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl",
         "0ebca88fa2362da7ae1b4f69e24655a99ce1c56a7b985ea97f672d6838cae668"},
        {"ccusage-test-claude-chat.jsonl", "51630a7a447f13a5fd673f0989eda1bace2a4f03a27dc1841afb9524afd49fa9"},
        {"ccusage-test-codex-session-alpha.jsonl", "40b8a4911215d2b2f7258955430ae795200236d6403e42e7fbec5f02146d9b53"},
    };
    for (const auto &[name, sha] : expected) {
        QFile f(AgentFixtures + QLatin1String(name));
        QVERIFY2(f.open(QIODevice::ReadOnly), name);
        QCOMPARE(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex(), QByteArray(sha));
    }
}

void TestAgentLogImporter::claudeRealSession()
{
    QTemporaryDir dir;
    const QString projects = dir.filePath(QStringLiteral("claude/projects"));
    QVERIFY(copyFixture(
        QStringLiteral("claude-code-2.1.38-real-session-short.jsonl"),
        projects + QStringLiteral("/-home-marco-projects-spotter/55604662-cf2a-4331-851a-ec234028f8ca.jsonl")));
    auto ledger = open(dir);
    auto s = importInto(*ledger, AgentLogSource::ClaudeCode, {projects});
    QVERIFY2(s.ok(), qPrintable(s.error()));
    // Five content-block lines of one response: one request of 25,366 tokens.
    QCOMPARE(s->usageLines, 5);
    QCOMPARE(s->inserted, 1);
    QCOMPARE(s->duplicates, 4);
    QCOMPARE(s->malformed, 0);
    const LedgerTotals t = ledgerTotals(*ledger, QStringLiteral("claude-code"));
    QCOMPARE(t.rows, 1);
    QCOMPARE(t.tokens.total(), 25366);
    QCOMPARE(t.tokens.inputUncached, 3);
    QCOMPARE(t.tokens.cacheRead, 11515);
    QCOMPARE(t.tokens.cacheWrite1h, 13835);
    QCOMPARE(t.tokens.cacheWrite5m, 0);
    QCOMPARE(t.tokens.output, 13);
    QCOMPARE(t.pricedRows, 0); // no pricing hook: unpriced, never $0
    auto row = ledger->db().prepare("SELECT source_key, provider, model, conversation_id, project, agent, billing"
                                    " FROM events");
    QVERIFY(row->step() == Statement::Step::Row);
    QCOMPARE(row->text(0), QStringLiteral("req_011CY15QS2LGwAeBxdfa6e1V/msg_01MKH1ccEGrZGNPvu8pYiiQa"));
    QCOMPARE(row->text(1), QStringLiteral("anthropic"));
    QCOMPARE(row->text(2), QStringLiteral("claude-opus-4-6"));
    QCOMPARE(row->text(3), QStringLiteral("55604662-cf2a-4331-851a-ec234028f8ca"));
    QCOMPARE(row->text(4), QStringLiteral("/home/marco/projects/spotter"));
    QVERIFY(row->isNull(5));
    QCOMPARE(row->text(6), QStringLiteral("api"));
    verifyRollupsMatchEvents(*ledger);
}

void TestAgentLogImporter::claudeCcusageFixture()
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("claude"));
    QVERIFY(copyFixture(QStringLiteral("ccusage-test-claude-chat.jsonl"),
                        config + QStringLiteral("/projects/project-alpha/session-alpha/chat.jsonl")));
    auto ledger = open(dir);
    // The config folder itself is a valid PATH: its projects/ is read.
    auto roots = LogDiscovery::rootsForPaths(AgentLogSource::ClaudeCode, {config});
    QVERIFY(roots.ok());
    auto s = importInto(*ledger, AgentLogSource::ClaudeCode, *roots);
    QVERIFY2(s.ok(), qPrintable(s.error()));
    QCOMPARE(s->inserted, 3);
    const LedgerTotals t = ledgerTotals(*ledger, QStringLiteral("claude-code"));
    QCOMPARE(t.tokens.inputUncached, 600);
    QCOMPARE(t.tokens.output, 250);
    QCOMPARE(t.tokens.cacheWrite5m, 75); // no 5m/1h split in these old lines: the 5-minute class
    QCOMPARE(t.tokens.cacheWrite1h, 0);
    QCOMPARE(t.tokens.cacheRead, 70);
    QCOMPARE(t.tokens.total(), 995);
    QCOMPARE(t.reportedCostNano, 1'020'000'000); // costUSD 0.12 + 0.34 + 0.56, exact
    QCOMPARE(t.pricedRows, 0);
    QCOMPARE(ledger->db().queryInt64("SELECT COUNT(*) FROM events WHERE conversation_id = 'session-alpha'"
                                     " AND project = 'project-alpha'"),
             std::optional<std::int64_t>(3));
    QCOMPARE(ledger->db().queryInt64("SELECT reported_cost_nano FROM events WHERE service_tier = 'fast'"),
             std::optional<std::int64_t>(340'000'000));
}

void TestAgentLogImporter::codexRealRollout()
{
    QTemporaryDir dir;
    const QString home = dir.filePath(QStringLiteral("codex"));
    const QString name =
        QStringLiteral("codex-0.104-real-rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl");
    QVERIFY(copyFixture(name, home + QStringLiteral("/sessions/2026/02/23/") + name));
    auto ledger = open(dir);
    auto roots = LogDiscovery::rootsForPaths(AgentLogSource::Codex, {home});
    QVERIFY(roots.ok());
    auto s = importInto(*ledger, AgentLogSource::Codex, *roots);
    QVERIFY2(s.ok(), qPrintable(s.error()));
    // 11 token_count events with usage, 10 of them in repeated pairs: 6 requests.
    QCOMPARE(s->inserted, 6);
    const LedgerTotals t = ledgerTotals(*ledger, QStringLiteral("codex"));
    QCOMPARE(t.tokens.total(), 299496); // the final cumulative total, not the 535,265 of summing last usage
    QCOMPARE(t.tokens.inputUncached, 59525);
    QCOMPARE(t.tokens.cacheRead, 238848);
    QCOMPARE(t.tokens.output, 1123);
    QCOMPARE(t.tokens.reasoning, 483);
    QCOMPARE(t.requests, 6);
    QCOMPARE(ledger->db().queryInt64("SELECT COUNT(*) FROM events WHERE model = 'gpt-5.3-codex' AND provider = 'openai'"
                                     " AND conversation_id = '019c8bfe-ec25-79e0-97d7-bda6a9c575ff'"
                                     " AND project = '/redacted/path/ea96e59ed9'"),
             std::optional<std::int64_t>(6));
    verifyRollupsMatchEvents(*ledger);
}

void TestAgentLogImporter::codexCcusageFixture()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("codex/sessions/project-alpha/session-alpha.jsonl"));
    QVERIFY(copyFixture(QStringLiteral("ccusage-test-codex-session-alpha.jsonl"), file));
    auto ledger = open(dir);
    auto s = importInto(*ledger, AgentLogSource::Codex, {file}); // a single file is a valid root
    QVERIFY2(s.ok(), qPrintable(s.error()));
    QCOMPARE(s->inserted, 2);
    const LedgerTotals t = ledgerTotals(*ledger, QStringLiteral("codex"));
    // Cumulative input 3,500 of which 750 cached; output 425 of which 275 reasoning. (The fixture's
    // total_tokens, 4,200, adds reasoning a second time; real rollouts do not.)
    QCOMPARE(t.tokens.inputUncached, 2750);
    QCOMPARE(t.tokens.cacheRead, 750);
    QCOMPARE(t.tokens.output, 425);
    QCOMPARE(t.tokens.reasoning, 275);
    QCOMPARE(t.tokens.total(), 3925);
    // Each token_count names its model, which wins over turn_context.
    QCOMPARE(ledger->db().queryInt64("SELECT output FROM events WHERE model = 'gpt-5.2-codex'"),
             std::optional<std::int64_t>(125));
    QCOMPARE(ledger->db().queryInt64("SELECT output FROM events WHERE model = 'gpt-5.3-codex'"),
             std::optional<std::int64_t>(300));
    QCOMPARE(ledger->db().queryInt64("SELECT COUNT(*) FROM events WHERE conversation_id = 'session-alpha'"),
             std::optional<std::int64_t>(2));
}

void TestAgentLogImporter::generatedTreeMatchesItsTruth_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("chunk");
    QTest::addRow("1 thread") << 1 << 4096;
    QTest::addRow("4 threads, small chunks") << 4 << 7;
}

void TestAgentLogImporter::generatedTreeMatchesItsTruth()
{
    QFETCH(int, threads);
    QFETCH(int, chunk);
    QTemporaryDir dir;
    const QString projects = dir.filePath(QStringLiteral("claude/projects"));
    ClaudeTreeSpec spec;
    spec.sessions = 14;
    const ClaudeTruth truth = ClaudeTreeGenerator(projects, spec).generate();
    auto ledger = open(dir);
    AgentLogImportOptions options;
    options.threads = threads;
    options.chunkEvents = chunk;
    options.batchEvents = 50;
    auto s = AgentLogImporter(*ledger, AgentLogSource::ClaudeCode, options).importRoots({projects});
    QVERIFY2(s.ok(), qPrintable(s.error()));
    QCOMPARE(s->files, truth.files);
    QCOMPARE(s->malformed, truth.malformed);
    std::map<QString, std::int64_t> malformed;
    for (const auto &[path, n] : s->malformedByFile) {
        malformed[QDir(projects).relativeFilePath(path)] = n;
    }
    QCOMPARE(malformed, truth.malformedByFile);
    QVERIFY(s->replays > 0);
    QVERIFY(s->duplicates > 0);
    const LedgerTotals t = ledgerTotals(*ledger, QStringLiteral("claude-code"));
    QCOMPARE(t.requests, truth.requests);
    QCOMPARE(t.rows, truth.requests);
    QCOMPARE(t.tokens, truth.tokens);
    QCOMPARE(t.reportedCostNano, truth.reportedCostNano);
    const auto convs = byConversation(*ledger, QStringLiteral("claude-code"));
    QCOMPARE(convs.size(), truth.byConversation.size());
    for (const auto &[conv, tokens] : truth.byConversation) {
        QVERIFY2(convs.count(conv), qPrintable(conv));
        QCOMPARE(convs.at(conv).first, tokens);
        QCOMPARE(convs.at(conv).second, truth.requestsByConversation.at(conv));
        QCOMPARE(ledger->db().queryInt64(
                     QStringLiteral("SELECT COUNT(*) FROM events WHERE conversation_id = '%1' AND project <> '%2'")
                         .arg(conv, truth.projectOf.at(conv))
                         .toStdString()),
                 std::optional<std::int64_t>(0));
    }
    verifyRollupsMatchEvents(*ledger);
    // Again: nothing changed, nothing is read.
    auto again = AgentLogImporter(*ledger, AgentLogSource::ClaudeCode, options).importRoots({projects});
    QVERIFY(again.ok());
    QCOMPARE(again->bytesRead, 0);
    QCOMPARE(again->filesUnchanged, truth.files);
    QCOMPARE(again->inserted + again->updated, 0);
    QCOMPARE(ledgerTotals(*ledger, QStringLiteral("claude-code")).tokens, truth.tokens);
}

void TestAgentLogImporter::reportsPerConversation()
{
    QTemporaryDir dir;
    const QString projects = dir.filePath(QStringLiteral("claude/projects"));
    const ClaudeTruth truth = ClaudeTreeGenerator(projects, ClaudeTreeSpec()).generate();
    auto ledger = open(dir);
    QVERIFY(importInto(*ledger, AgentLogSource::ClaudeCode, {projects}).ok());
    ReportRequest request;
    request.by = ReportBy::Conversation;
    request.top = 3;
    auto report = ReportQuery(*ledger, reportClock).run(request);
    QVERIFY(report.ok());
    QCOMPARE(report->rows.size(), 3);
    QCOMPARE(report->rowsBeforeTop, static_cast<qsizetype>(truth.byConversation.size()));
    QCOMPARE(report->total.tokens, truth.tokens);
    for (const ReportRow &row : report->rows) {
        QCOMPARE(row.tokens, truth.byConversation.at(row.key));
        QCOMPARE(row.project, truth.projectOf.at(row.key));
        QVERIFY(!row.models.isEmpty());
        QVERIFY(row.firstAtMs && row.lastAtMs && *row.firstAtMs <= *row.lastAtMs);
    }
    request.by = ReportBy::Project;
    request.top = 0;
    report = ReportQuery(*ledger, reportClock).run(request);
    QCOMPARE(report->rows.size(), 3); // three projects
    QCOMPARE(report->total.tokens, truth.tokens);
}

void TestAgentLogImporter::pricingHookRunsOnParserThreads()
{
    QTemporaryDir dir;
    const QString projects = dir.filePath(QStringLiteral("claude/projects"));
    const ClaudeTruth truth = ClaudeTreeGenerator(projects, ClaudeTreeSpec()).generate();
    auto ledger = open(dir);
    std::atomic<int> hooks{0};
    AgentLogImportOptions options;
    options.threads = 3;
    options.pricing = [&hooks]() -> PricingHook {
        ++hooks;
        auto seen = std::make_shared<std::int64_t>(0); // per-thread state, never shared
        return [seen](EventRecord &e) {
            ++*seen;
            e.costNano = e.tokens.total(); // 1 nano-USD per token
            e.priceRef = QStringLiteral("test");
        };
    };
    auto s = AgentLogImporter(*ledger, AgentLogSource::ClaudeCode, options).importRoots({projects});
    QVERIFY(s.ok());
    QCOMPARE(hooks.load(), 3);
    const LedgerTotals t = ledgerTotals(*ledger, QStringLiteral("claude-code"));
    QCOMPARE(t.pricedRows, truth.requests);
    QCOMPARE(ledger->db().queryInt64("SELECT SUM(cost_nano) FROM rollups"),
             std::optional<std::int64_t>(t.tokens.total()));
}

void TestAgentLogImporter::activeBookLoadsOnlyWhenSomethingChanged()
{
    QTemporaryDir dir;
    const QString projects = dir.filePath(QStringLiteral("claude/projects"));
    QVERIFY(copyFixture(QStringLiteral("claude-code-2.1.38-real-session-short.jsonl"),
                        projects + QStringLiteral("/-p/55604662-cf2a-4331-851a-ec234028f8ca.jsonl")));
    auto ledger = open(dir);
    AgentLogImportOptions options;
    priceWithActiveBook(options, *ledger);
    int loads = 0;
    const auto load = options.prepare;
    options.prepare = [&loads, load] {
        ++loads;
        return load();
    };
    QVERIFY(AgentLogImporter(*ledger, AgentLogSource::ClaudeCode, options).importRoots({projects}).ok());
    QCOMPARE(loads, 1);
    QVERIFY(AgentLogImporter(*ledger, AgentLogSource::ClaudeCode, options).importRoots({projects}).ok());
    QCOMPARE(loads, 1); // nothing changed: no book
    // claude-opus-4-6 with a 1-hour cache write, priced from the shipped book.
    QCOMPARE(ledger->db().queryInt64("SELECT cost_nano FROM events"), std::optional<std::int64_t>(144447500));
    QCOMPARE(ledger->db().queryInt64("SELECT COUNT(*) FROM events WHERE price_ref LIKE '%anthropic/claude-opus-4-6%'"),
             std::optional<std::int64_t>(1));
}

void TestAgentLogImporter::conversationFromNameOrContent()
{
    QTemporaryDir dir;
    const QString projects = dir.filePath(QStringLiteral("projects"));
    QByteArray bare = claudeLine("s", "msg_1", "req_1", 1, 2, 3, 4, "2026-11-02T10:00:00Z");
    bare.replace(R"("sessionId":"s",)", ""); // no session id in the line either
    QVERIFY(writeFile(projects + QStringLiteral("/-p/notes.jsonl"), bare));
    QVERIFY(writeFile(projects + QStringLiteral("/-p/chat.jsonl"),
                      claudeLine("sess-7", "msg_2", "req_2", 1, 2, 3, 4, "2026-11-02T10:00:00Z")));
    auto ledger = open(dir);
    QVERIFY(importInto(*ledger, AgentLogSource::ClaudeCode, {projects}).ok());
    const auto convs = byConversation(*ledger, QStringLiteral("claude-code"));
    QCOMPARE(convs.size(), size_t(2));
    QVERIFY(convs.count(QStringLiteral("notes")));  // the file name, when nothing else names it
    QVERIFY(convs.count(QStringLiteral("sess-7"))); // the lines' sessionId, when the name is no UUID
}

// The prefilter looks at 16 bytes at a time, then at the rest byte by byte: the needle must be found
// wherever it starts (each offset in and across the blocks, in the tail, at the very end), and
// near-misses must not pass.
void TestAgentLogImporter::usagePrefilterFindsEveryPlace()
{
    const std::string needle = R"("usage":)";
    for (size_t length = 0; length <= 80; ++length) {
        const std::string filler(length, 'u');
        QVERIFY(!ClaudeCodeParser::mayCarryUsage(filler));
        for (size_t at = 0; at + needle.size() <= length; ++at) {
            std::string line = filler;
            line.replace(at, needle.size(), needle);
            QVERIFY2(ClaudeCodeParser::mayCarryUsage(line), line.c_str());
            for (size_t broken = 0; broken < needle.size(); ++broken) {
                std::string miss = line;
                miss[at + broken] = miss[at + broken] == 'x' ? 'y' : 'x';
                QVERIFY2(!ClaudeCodeParser::mayCarryUsage(miss), miss.c_str());
            }
        }
    }
    // Many candidates ('u', then ':' six bytes on) before the real one.
    std::string decoys;
    for (int i = 0; i < 20; ++i) {
        decoys += R"("uxxxx":1,)";
    }
    QVERIFY(!ClaudeCodeParser::mayCarryUsage(decoys));
    QVERIFY(ClaudeCodeParser::mayCarryUsage(decoys + needle + "{}"));
}

QTEST_GUILESS_MAIN(TestAgentLogImporter)
#include "tst_agentlogimporter.moc"
