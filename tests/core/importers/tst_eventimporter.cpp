#include "agentlogtestutil.h"
#include "fixturetest.h"
#include "importers/eventimporter.h"
#include "ledger/database.h"
#include "ledger/ledger.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

namespace {

const QString Sample = fixturePath(QStringLiteral("events/sample.jsonl"));

std::int64_t count(Ledger &l, const char *sql)
{
    return l.db().queryInt64(sql).value_or(-1);
}

// `count` envelope lines with ids key0..: conversations of ~7 requests, two models, over three days.
// `variant` changes the tokens of every third line and the model of every fifth.
QByteArray envelopes(int first, int count, int variant)
{
    QByteArray out;
    for (int i = first; i < first + count; ++i) {
        const bool changed = variant != 0 && i % 3 == 0;
        const char *model = variant != 0 && i % 5 == 0 ? "gpt-4o-mini" : (i % 2 ? "gpt-4o" : "o3");
        const int hour = (i / 40) % 72;
        out += QStringLiteral(
                   R"({"request_id":"key%1","provider":"openai","model":"%2","started_at":"2026-11-%3T%4:%5:00Z",)"
                   R"("input_tokens":%6,"output_tokens":%7,"conversation_id":"c%8","estimated_cost_usd":"0.00%9"})"
                   "\n")
                   .arg(i)
                   .arg(QLatin1String(model))
                   .arg(10 + hour / 24)
                   .arg(hour % 24, 2, 10, QLatin1Char('0'))
                   .arg(i % 60, 2, 10, QLatin1Char('0'))
                   .arg(1000 + i + (changed ? 7 : 0))
                   .arg(100 + i % 13)
                   .arg(i / 7)
                   .arg(1 + i % 9)
                   .toUtf8();
    }
    return out;
}

} // namespace

class TestEventImporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void sampleKeepsGoodLinesAndNamesBadOnes();
    void importingTwiceChangesNothing();
    void batchesDoNotChangeTotals();
    void csvMatchesJsonl();
    void laterLineUpdatesEarlierOne();
    void missingFileIsOneLine();
    void rollupsMatchARebuildAfterMixedImports();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Ledger> m_ledger;
};

void TestEventImporter::initTestCase()
{
    REQUIRE_FIXTURES({QStringLiteral("events/sample.jsonl")});
}

void TestEventImporter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ledger = std::move(Ledger::open(m_dir->path(), *LocalCalendar::forZoneId("UTC"))).value();
}

void TestEventImporter::cleanup()
{
    m_ledger.reset();
    m_dir.reset();
}

void TestEventImporter::sampleKeepsGoodLinesAndNamesBadOnes()
{
    EventImporter importer(*m_ledger, QStringLiteral("events"));
    ImportSummary s;
    QVERIFY(importer.importPath(Sample, EventImporter::Format::Auto, s));
    QCOMPARE(s.inserted, 5);
    QCOMPARE(s.rejected, 4);
    QCOMPARE(s.issues.size(), 4);
    QStringList reasons;
    for (const auto &issue : s.issues) {
        reasons << issue.location.section(QLatin1Char('/'), -1) + QStringLiteral(": ") + issue.reason;
    }
    QCOMPARE(reasons, QStringList({
                          QStringLiteral("sample.jsonl:6: not valid JSON: the object is not closed (truncated line?)"),
                          QStringLiteral("sample.jsonl:7: missing required field \"request_id\""),
                          QStringLiteral("sample.jsonl:8: input_tokens must not be negative (-5)"),
                          QStringLiteral("sample.jsonl:9: cached_input_tokens (500) exceeds input_tokens (100)"),
                      }));
    QCOMPARE(count(*m_ledger, "SELECT COUNT(*) FROM events"), 5);
    QCOMPARE(count(*m_ledger, "SELECT reported_cost_nano FROM events WHERE source_key = 'req_0001'"), 34'200'000);
    QCOMPARE(count(*m_ledger, "SELECT SUM(cost_nano) FROM rollups"), 34'200'000);
    QCOMPARE(count(*m_ledger, "SELECT SUM(unpriced_requests) FROM rollups"), 4);
    QCOMPARE(count(*m_ledger, "SELECT cache_read FROM events WHERE source_key = 'req_0003'"), 12800);
    QCOMPARE(count(*m_ledger, "SELECT input_uncached FROM events WHERE source_key = 'req_0003'"), 2200);
}

void TestEventImporter::importingTwiceChangesNothing()
{
    EventImporter importer(*m_ledger, QStringLiteral("events"));
    ImportSummary first;
    QVERIFY(importer.importPath(Sample, EventImporter::Format::Auto, first));
    const auto events = count(*m_ledger, "SELECT COUNT(*) FROM events");
    const auto rollups = count(*m_ledger, "SELECT SUM(requests) * 1000000 + SUM(cost_nano) FROM rollups");
    ImportSummary second;
    QVERIFY(importer.importPath(Sample, EventImporter::Format::Auto, second));
    QCOMPARE(second.inserted, 0);
    QCOMPARE(second.updated, 0);
    QCOMPARE(second.unchanged, 5);
    QCOMPARE(count(*m_ledger, "SELECT COUNT(*) FROM events"), events);
    QCOMPARE(count(*m_ledger, "SELECT SUM(requests) * 1000000 + SUM(cost_nano) FROM rollups"), rollups);
}

void TestEventImporter::batchesDoNotChangeTotals()
{
    EventImporter importer(*m_ledger, QStringLiteral("events"), nullptr, 2);
    ImportSummary s;
    QVERIFY(importer.importPath(Sample, EventImporter::Format::Auto, s));
    QCOMPARE(s.inserted, 5);
    QCOMPARE(count(*m_ledger, "SELECT SUM(requests) FROM rollups"), 5);
}

void TestEventImporter::csvMatchesJsonl()
{
    QByteArray csv("request_id,provider,model,started_at,input_tokens,cached_input_tokens,output_tokens,"
                   "estimated_cost_usd,workflow_type\n"
                   "req_0001,anthropic,claude-sonnet-4-5,2026-11-02T18:00:00Z,8200,,640,0.0342,customer_support_reply\n"
                   "\n"
                   "req_0002,anthropic,claude-sonnet-4-5,2026-11-02T18:01:10Z,9100,8000,410,,customer_support_reply\n"
                   "req_0009,openai,gpt-4o-mini,2026-11-05T10:03:00Z,100,500,20,,\n");
    QBuffer buffer(&csv);
    buffer.open(QIODevice::ReadOnly);
    EventImporter importer(*m_ledger, QStringLiteral("events"));
    ImportSummary s;
    QVERIFY(importer.importDevice(buffer, QStringLiteral("<stdin>"), EventImporter::Format::Auto, s));
    QCOMPARE(s.inserted, 2);
    QCOMPARE(s.rejected, 1);
    QCOMPARE(s.issues.first().location, QStringLiteral("<stdin>:5"));
    // The same two requests from JSONL are recognised as the same facts.
    ImportSummary again;
    QVERIFY(importer.importPath(Sample, EventImporter::Format::Auto, again));
    QCOMPARE(again.inserted, 3);
    QCOMPARE(again.updated, 2); // the JSONL lines carry more fields (latency, tools...)
}

void TestEventImporter::laterLineUpdatesEarlierOne()
{
    QByteArray jsonl(
        R"({"request_id":"a","provider":"openai","model":"gpt-4o","started_at":"2026-11-02T18:00:00Z","estimated_cost_usd":"1"}
{"request_id":"a","provider":"openai","model":"gpt-4o","started_at":"2026-11-03T18:00:00Z","estimated_cost_usd":"2"}
)");
    QBuffer buffer(&jsonl);
    buffer.open(QIODevice::ReadOnly);
    EventImporter importer(*m_ledger, QStringLiteral("events"));
    ImportSummary s;
    QVERIFY(importer.importDevice(buffer, QStringLiteral("x"), EventImporter::Format::Jsonl, s));
    QCOMPARE(s.inserted, 1);
    QCOMPARE(s.updated, 1);
    QCOMPARE(count(*m_ledger, "SELECT COUNT(*) FROM rollups"), 1);
    QCOMPARE(count(*m_ledger, "SELECT SUM(cost_nano) FROM rollups"), 2'000'000'000);
}

void TestEventImporter::missingFileIsOneLine()
{
    EventImporter importer(*m_ledger, QStringLiteral("events"));
    ImportSummary s;
    const auto st = importer.importPath(m_dir->filePath(QStringLiteral("nope.jsonl")), EventImporter::Format::Auto, s);
    QVERIFY(!st.ok());
    QVERIFY(st.error().startsWith(QStringLiteral("cannot read ")));
    QVERIFY(!st.error().contains(QLatin1Char('\n')));
}

void TestEventImporter::rollupsMatchARebuildAfterMixedImports()
{
    // The parser gathers each batch's rollup changes as though every event were new; the writer takes
    // them as they are only when that holds. A second import that mixes unchanged, changed, new and
    // repeated lines across several batches must leave exactly the rollups a rebuild computes.
    EventImporter importer(*m_ledger, QStringLiteral("events"), nullptr, 1500);
    for (const QByteArray &input : {envelopes(0, 3000, 0), envelopes(2000, 3000, 1) + envelopes(4500, 100, 0)}) {
        QByteArray copy = input;
        QBuffer buffer(&copy);
        buffer.open(QIODevice::ReadOnly);
        ImportSummary s;
        QVERIFY(importer.importDevice(buffer, QStringLiteral("x"), EventImporter::Format::Jsonl, s));
        QCOMPARE(s.rejected, 0);
    }
    QCOMPARE(count(*m_ledger, "SELECT COUNT(*) FROM events"), 5000);
    const QStringList rollups = tableRows(*m_ledger, "rollups");
    const QStringList conversations = tableRows(*m_ledger, "conversation_rollups");
    QCOMPARE(rollups.size(), 9); // three models on three days
    QVERIFY(conversations.size() > 700);
    QVERIFY(m_ledger->rebuildRollups());
    QCOMPARE(tableRows(*m_ledger, "rollups"), rollups);
    QCOMPARE(tableRows(*m_ledger, "conversation_rollups"), conversations);
}

QTEST_GUILESS_MAIN(TestEventImporter)
#include "tst_eventimporter.moc"
