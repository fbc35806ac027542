// The demo month generator (core/demo): realistic, complete, exactly priced and deterministic.
#include "demoledger.h"
#include "ledger/database.h"
#include "ledger/reportquery.h"

#include <QTest>

namespace burnrate::test {

class DemoDataTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void summaryMatchesTheLedger();
    void coversTheMonthUpToNow();
    void hasARealisticMix();
    void hasWorkflowsWithOutcomes();
    void pricesFromTheRateTable();
    void leavesAFewRequestsUnpriced();
    void monthToDateSpendIsPlausible();
    void isDeterministic();
    void differentSeedsDiffer();
    void writingAgainChangesNothing();

private:
    std::int64_t queryInt(const char *sql);
    QString digest(Ledger &ledger);

    std::unique_ptr<DemoLedger> m_demo;
};

void DemoDataTest::initTestCase()
{
    m_demo = makeLedger(true);
    QVERIFY2(m_demo->ok(), qPrintable(m_demo->error));
}

std::int64_t DemoDataTest::queryInt(const char *sql)
{
    const auto value = m_demo->ledger->db().queryInt64(sql);
    if (!value) {
        qWarning("query failed: %s: %s", sql, qPrintable(m_demo->ledger->db().lastError()));
        return -1;
    }
    return *value;
}

QString DemoDataTest::digest(Ledger &ledger)
{
    auto stmt = ledger.db().prepare(
        "SELECT group_concat(source_key || ':' || occurred_at || ':' || model || ':' || input_uncached || ':' ||"
        " cache_read || ':' || output || ':' || COALESCE(cost_nano, 'x') || ':' || COALESCE(workflow_id, '') || ':' ||"
        " COALESCE(conversation_id, '') || ':' || COALESCE(status, ''), '|') FROM"
        " (SELECT * FROM events ORDER BY source_key)");
    if (!stmt || stmt->step() != Statement::Step::Row) {
        return {};
    }
    return stmt->text(0);
}

void DemoDataTest::summaryMatchesTheLedger()
{
    const DemoSummary &s = m_demo->summary;
    QCOMPARE(queryInt("SELECT COUNT(*) FROM events"), s.events);
    QCOMPARE(queryInt("SELECT COUNT(*) FROM events WHERE source = 'demo'"), s.events);
    QCOMPARE(queryInt("SELECT COALESCE(SUM(cost_nano), 0) FROM events"), s.costNano);
    QCOMPARE(queryInt("SELECT COUNT(*) FROM events WHERE cost_nano IS NULL"), s.unpricedEvents);
    QCOMPARE(queryInt("SELECT COUNT(DISTINCT conversation_id) FROM events"), s.conversations);
    QCOMPARE(queryInt("SELECT COUNT(DISTINCT workflow_id) FROM events"), s.workflowRuns);
    QCOMPARE(queryInt("SELECT MIN(occurred_at) FROM events"), s.firstAtMs);
    QCOMPARE(queryInt("SELECT MAX(occurred_at) FROM events"), s.lastAtMs);

    // The rollups agree with the events.
    auto report = ReportQuery(*m_demo->ledger, m_demo->clock).run(ReportRequest{ReportBy::Provider, {}, {}, 0});
    QVERIFY2(report.ok(), qPrintable(report.error()));
    QCOMPARE(report->total.requests, s.events);
    QCOMPARE(report->total.costNano, s.costNano);
    QCOMPARE(report->total.unpricedRequests, s.unpricedEvents);
}

void DemoDataTest::coversTheMonthUpToNow()
{
    const std::int64_t now = m_demo->clock.nowMs();
    const std::int64_t day = 24 * 3600 * 1000;
    QVERIFY(m_demo->summary.lastAtMs <= now);
    QVERIFY(m_demo->summary.lastAtMs > now - day); // today has requests
    QVERIFY(m_demo->summary.firstAtMs >= now - 31 * day);
    QVERIFY(m_demo->summary.firstAtMs < now - 29 * day);
    QVERIFY(queryInt("SELECT COUNT(*) FROM events WHERE ended_at < occurred_at") == 0);
    // Every one of the 31 local days has some spend.
    auto report = ReportQuery(*m_demo->ledger, m_demo->clock).run(ReportRequest{ReportBy::Day, {}, {}, 0});
    QVERIFY2(report.ok(), qPrintable(report.error()));
    QCOMPARE(report->rows.size(), 31);
    QCOMPARE(report->timezone, QStringLiteral("Europe/Berlin"));
}

void DemoDataTest::hasARealisticMix()
{
    const DemoSummary &s = m_demo->summary;
    QVERIFY2(s.events >= 500 && s.events <= 5000, qPrintable(QString::number(s.events)));
    QCOMPARE(queryInt("SELECT COUNT(DISTINCT provider) FROM events"), 4);
    QCOMPARE(queryInt("SELECT COUNT(*) FROM events WHERE provider NOT IN ('anthropic', 'openai', 'openrouter',"
                      " 'deepseek')"),
             0);
    const auto models = queryInt("SELECT COUNT(DISTINCT model) FROM events");
    QVERIFY2(models >= 6 && models <= 10, qPrintable(QString::number(models)));
    QVERIFY2(s.conversations >= 15 && s.conversations <= 25, qPrintable(QString::number(s.conversations)));
    QCOMPARE(queryInt("SELECT COUNT(*) FROM events WHERE conversation_id IS NOT NULL AND project IS NULL"), 0);
    QVERIFY(queryInt("SELECT COUNT(DISTINCT project) FROM events") >= 5);

    // Claude reads most of its context from the prompt cache and writes the rest; OpenAI reasoning models reason.
    QVERIFY(queryInt("SELECT SUM(cache_read) FROM events WHERE provider = 'anthropic'") >
            3 * queryInt("SELECT SUM(input_uncached) FROM events WHERE provider = 'anthropic'"));
    QVERIFY(queryInt("SELECT SUM(cache_write_5m) FROM events WHERE provider = 'anthropic'") > 0);
    QCOMPARE(queryInt("SELECT SUM(cache_write_5m + cache_write_1h) FROM events WHERE provider <> 'anthropic'"), 0);
    QVERIFY(queryInt("SELECT MIN(reasoning) FROM events WHERE model IN ('o3', 'gpt-5')") > 0);
    QCOMPARE(queryInt("SELECT SUM(reasoning) FROM events WHERE provider = 'anthropic'"), 0);
    QCOMPARE(queryInt("SELECT COUNT(*) FROM events WHERE reasoning > output"), 0);
    QCOMPARE(queryInt("SELECT COUNT(*) FROM events WHERE input_uncached < 0 OR cache_read < 0 OR output <= 0"), 0);
    QCOMPARE(queryInt("SELECT COUNT(*) FROM events WHERE latency_ms IS NULL OR latency_ms <= 0"), 0);
    QCOMPARE(queryInt("SELECT COUNT(*) FROM events WHERE billing <> 'api'"), 0);
}

void DemoDataTest::hasWorkflowsWithOutcomes()
{
    const auto types = queryInt("SELECT COUNT(DISTINCT workflow_type) FROM events");
    QVERIFY2(types >= 4 && types <= 5, qPrintable(QString::number(types)));
    QVERIFY(m_demo->summary.workflowRuns > 100);
    // Multi-step runs, each run under one type.
    QVERIFY(queryInt("SELECT COUNT(*) FROM (SELECT workflow_id FROM events WHERE workflow_id IS NOT NULL"
                     " GROUP BY workflow_id HAVING COUNT(*) > 1)") > 50);
    QCOMPARE(queryInt("SELECT COUNT(*) FROM (SELECT workflow_id FROM events WHERE workflow_id IS NOT NULL"
                      " GROUP BY workflow_id HAVING COUNT(DISTINCT workflow_type) > 1)"),
             0);
    for (const char *status : {"success", "error", "timeout"}) {
        QVERIFY2(queryInt(qPrintable(
                     QStringLiteral("SELECT COUNT(*) FROM events WHERE status = '%1'").arg(QLatin1String(status)))) > 0,
                 status);
    }
    for (const char *outcome : {"accepted", "edited", "rejected", "escalated"}) {
        QVERIFY2(queryInt(qPrintable(
                     QStringLiteral("SELECT COUNT(*) FROM events WHERE outcome = '%1'").arg(QLatin1String(outcome)))) >
                     0,
                 outcome);
    }
    QVERIFY(queryInt("SELECT COUNT(*) FROM events WHERE retries > 0") > 20);
    QVERIFY(queryInt("SELECT SUM(tool_calls) FROM events") > 100);
    QVERIFY(queryInt("SELECT COUNT(*) FROM events WHERE status = 'success'") >
            20 * queryInt("SELECT COUNT(*) FROM events WHERE status <> 'success'"));

    auto report = ReportQuery(*m_demo->ledger, m_demo->clock).run(ReportRequest{ReportBy::Workflow, {}, {}, 0});
    QVERIFY2(report.ok(), qPrintable(report.error()));
    bool sawSupport = false;
    for (const ReportRow &row : std::as_const(report->rows)) {
        if (row.key == QLatin1String("customer_support_reply")) {
            sawSupport = true;
            QVERIFY(row.runs > 100);
            QVERIFY(row.successes > 0 && row.successes < row.requests);
            QVERIFY(row.latencyCount == row.requests);
        }
    }
    QVERIFY(sawSupport);
}

void DemoDataTest::pricesFromTheRateTable()
{
    // Integer list prices in nano-USD per token: Sonnet 4.5 $3 / $0.30 / $3.75 / $6 / $15 per million tokens,
    // GPT-5 $1.25 / $0.125 / $10.
    QVERIFY(queryInt("SELECT COUNT(*) FROM events WHERE model = 'claude-sonnet-4-5'") > 0);
    QCOMPARE(queryInt("SELECT COUNT(*) FROM events WHERE model = 'claude-sonnet-4-5' AND cost_nano <>"
                      " input_uncached * 3000 + cache_read * 300 + cache_write_5m * 3750 + cache_write_1h * 6000"
                      " + output * 15000"),
             0);
    QVERIFY(queryInt("SELECT COUNT(*) FROM events WHERE model = 'gpt-5'") > 0);
    QCOMPARE(queryInt("SELECT COUNT(*) FROM events WHERE model = 'gpt-5' AND cost_nano <>"
                      " input_uncached * 1250 + cache_read * 125 + output * 10000"),
             0);
    QCOMPARE(queryInt("SELECT COUNT(*) FROM events WHERE cost_nano IS NOT NULL AND (reported_cost_nano IS NULL"
                      " OR reported_cost_nano <> cost_nano OR price_ref IS NOT 'demo')"),
             0);
    QCOMPARE(queryInt("SELECT COUNT(*) FROM events WHERE cost_nano IS NOT NULL AND cost_nano <= 0"), 0);
}

void DemoDataTest::leavesAFewRequestsUnpriced()
{
    const DemoSummary &s = m_demo->summary;
    QVERIFY(s.unpricedEvents > 0);
    // About 2 %: between 1 and 4 %.
    QVERIFY2(s.unpricedEvents * 100 >= s.events && s.unpricedEvents * 100 <= 4 * s.events,
             qPrintable(QStringLiteral("%1 of %2").arg(s.unpricedEvents).arg(s.events)));
    QCOMPARE(queryInt("SELECT COUNT(DISTINCT model) FROM events WHERE cost_nano IS NULL"), 1);
    QCOMPARE(queryInt("SELECT COUNT(*) FROM events WHERE cost_nano IS NULL AND (reported_cost_nano IS NOT NULL OR"
                      " price_ref IS NOT NULL)"),
             0);
}

void DemoDataTest::monthToDateSpendIsPlausible()
{
    // An indie builder's month: tens to hundreds of dollars, never cents or thousands.
    auto report = ReportQuery(*m_demo->ledger, m_demo->clock)
                      .run(ReportRequest{ReportBy::Provider, QDate(2026, 11, 1), QDate(2026, 11, 18), 0});
    QVERIFY2(report.ok(), qPrintable(report.error()));
    const std::int64_t usd = report->total.costNano / 1'000'000'000;
    QVERIFY2(usd >= 30 && usd <= 600, qPrintable(QString::number(usd)));
    QCOMPARE(report->rows.size(), 4);
}

void DemoDataTest::isDeterministic()
{
    auto again = makeLedger(true);
    QVERIFY2(again->ok(), qPrintable(again->error));
    QCOMPARE(again->summary.events, m_demo->summary.events);
    QCOMPARE(again->summary.costNano, m_demo->summary.costNano);
    QCOMPARE(again->summary.unpricedEvents, m_demo->summary.unpricedEvents);
    const QString a = digest(*m_demo->ledger);
    QVERIFY(!a.isEmpty());
    QCOMPARE(digest(*again->ledger), a);
}

void DemoDataTest::differentSeedsDiffer()
{
    auto other = makeLedger(true, DefaultDemoSeed + 1);
    QVERIFY2(other->ok(), qPrintable(other->error));
    QVERIFY(digest(*other->ledger) != digest(*m_demo->ledger));
}

void DemoDataTest::writingAgainChangesNothing()
{
    const QString before = digest(*m_demo->ledger);
    auto summary = generateDemoMonth(*m_demo->ledger, m_demo->clock);
    QVERIFY2(summary.ok(), qPrintable(summary.error()));
    QCOMPARE(summary->events, m_demo->summary.events);
    QCOMPARE(queryInt("SELECT COUNT(*) FROM events"), m_demo->summary.events);
    QCOMPARE(digest(*m_demo->ledger), before);
    auto report = ReportQuery(*m_demo->ledger, m_demo->clock).run(ReportRequest{ReportBy::Provider, {}, {}, 0});
    QVERIFY2(report.ok(), qPrintable(report.error()));
    QCOMPARE(report->total.costNano, m_demo->summary.costNano);
}

} // namespace burnrate::test

QTEST_GUILESS_MAIN(burnrate::test::DemoDataTest)
#include "tst_demodata.moc"
