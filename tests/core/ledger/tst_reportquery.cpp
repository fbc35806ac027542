#include "ledger/eventwriter.h"
#include "ledger/reportquery.h"
#include "ledgertestutil.h"

#include <QHash>
#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

class TestReportQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void byWeekAndMonth();
    void byModelKeepsProvidersApart();
    void topKeepsTotal();
    void subscriptionIsNotSpend();
    void unpricedIsCountedNotZero();
    void workflowMetrics();
    void sinceUntilInclusive();
    void timeBucketsPerProvider();

private:
    Report run(ReportBy by, int top = 0, std::optional<QDate> since = {}, std::optional<QDate> until = {});

    QTemporaryDir m_dir;
    std::unique_ptr<Ledger> m_ledger;
};

Report TestReportQuery::run(ReportBy by, int top, std::optional<QDate> since, std::optional<QDate> until)
{
    ReportRequest r;
    r.by = by;
    r.top = top;
    r.since = since;
    r.until = until;
    auto report = ReportQuery(*m_ledger, reportClock()).run(r);
    if (!report) {
        qFatal("report failed: %s", qPrintable(report.error()));
    }
    return *report;
}

void TestReportQuery::initTestCase()
{
    m_ledger = std::move(Ledger::open(m_dir.path(), *LocalCalendar::forZoneId("UTC", Qt::Monday))).value();
    EventWriter w(m_ledger->db(), m_ledger->calendar());
    auto add = [&](EventRecord e) {
        QVERIFY(w.upsert(e).ok());
    };
    add(makeEvent(QStringLiteral("1"), "2026-10-31T10:00:00Z", 100, 10, 1000)); // Saturday, October
    add(makeEvent(QStringLiteral("2"), "2026-11-01T10:00:00Z", 100, 10, 2000)); // Sunday, same week
    add(makeEvent(QStringLiteral("3"), "2026-11-02T10:00:00Z", 100, 10, 4000)); // Monday, next week
    auto other = makeEvent(QStringLiteral("4"), "2026-11-02T11:00:00Z", 100, 10, 8000);
    other.provider = QStringLiteral("openrouter"); // same model name, other provider
    add(other);
    add(makeEvent(QStringLiteral("5"), "2026-11-03T10:00:00Z", 300, 30, std::nullopt, QStringLiteral("mystery-1")));
    auto sub = makeEvent(QStringLiteral("6"), "2026-11-03T11:00:00Z", 100, 10, 50000, QStringLiteral("claude-opus"));
    sub.billing = Billing::Subscription;
    add(sub);
    // Workflow runs: two runs of "extract", one failed with retries; one rejected "plan".
    for (auto [key, wf, type, status, outcome, retries, latency, cost] :
         {std::tuple{"w1", "run-a", "extract", "success", "accepted", 0, 1000, 100},
          std::tuple{"w2", "run-a", "extract", "error", "", 2, 3000, 300},
          std::tuple{"w3", "run-b", "extract", "success", "edited", 1, 2000, 200},
          std::tuple{"w4", "run-c", "plan", "success", "rejected", 0, 500, 50}}) {
        auto e = makeEvent(QLatin1String(key), "2026-11-04T10:00:00Z", 10, 1, cost);
        e.workflowId = QLatin1String(wf);
        e.workflowType = QLatin1String(type);
        e.status = QLatin1String(status);
        e.outcome = QLatin1String(outcome);
        e.retries = retries;
        e.latencyMs = latency;
        e.toolCalls = 2;
        add(e);
    }
    QVERIFY(w.commit());
}

void TestReportQuery::byWeekAndMonth()
{
    const Report weeks = run(ReportBy::Week);
    QCOMPARE(weeks.rows.size(), 3); // two weeks of spend, and the subscription row of the second apart
    QCOMPARE(weeks.rows.at(0).key, QStringLiteral("2026-10-26"));
    QCOMPARE(weeks.rows.at(0).costNano, std::int64_t(3000));
    const Report months = run(ReportBy::Month);
    QCOMPARE(months.rows.at(0).key, QStringLiteral("2026-10"));
    QCOMPARE(months.rows.at(0).costNano, std::int64_t(1000));
    QCOMPARE(months.total.costNano, std::int64_t(1000 + 2000 + 4000 + 8000 + 650));
}

void TestReportQuery::byModelKeepsProvidersApart()
{
    const Report r = run(ReportBy::Model);
    int gpt4o = 0;
    for (const auto &row : r.rows) {
        if (row.key == QLatin1String("gpt-4o")) {
            ++gpt4o;
            QVERIFY(row.provider == QLatin1String("openai") || row.provider == QLatin1String("openrouter"));
        }
    }
    QCOMPARE(gpt4o, 2);
}

void TestReportQuery::topKeepsTotal()
{
    const Report all = run(ReportBy::Model);
    const Report top = run(ReportBy::Model, 1);
    QCOMPARE(top.rows.size(), 1);
    QCOMPARE(top.total.costNano, all.total.costNano);
    QCOMPARE(top.rowsBeforeTop, all.rows.size());
    QCOMPARE(top.rows.first().costNano, all.rows.first().costNano);
    for (const auto &row : all.rows) {
        QVERIFY(row.costNano <= top.rows.first().costNano);
    }
}

void TestReportQuery::subscriptionIsNotSpend()
{
    const Report r = run(ReportBy::Provider);
    QCOMPARE(r.subscriptionValueNano, std::int64_t(50000));
    QCOMPARE(r.total.costNano, std::int64_t(15650));
    bool seen = false;
    for (const auto &row : r.rows) {
        seen = seen || row.provenance == QLatin1String("subscription");
    }
    QVERIFY(seen);
}

void TestReportQuery::unpricedIsCountedNotZero()
{
    const Report r = run(ReportBy::Model);
    QCOMPARE(r.total.unpricedRequests, std::int64_t(1));
    QCOMPARE(r.total.unpricedTokens, std::int64_t(330));
    for (const auto &row : r.rows) {
        if (row.key == QLatin1String("mystery-1")) {
            QCOMPARE(row.unpricedRequests, std::int64_t(1));
            QCOMPARE(row.costNano, std::int64_t(0));
        }
    }
}

void TestReportQuery::workflowMetrics()
{
    const Report r = run(ReportBy::Workflow, 0, QDate(2026, 11, 4), QDate(2026, 11, 4));
    QCOMPARE(r.rows.size(), 2);
    const ReportRow &extract = r.rows.at(0);
    QCOMPARE(extract.key, QStringLiteral("extract"));
    QCOMPARE(extract.runs, std::int64_t(2));
    QCOMPARE(extract.requests, std::int64_t(3));
    QCOMPARE(extract.successes, std::int64_t(2)); // the error does not count
    QCOMPARE(extract.costNano, std::int64_t(600));
    QCOMPARE(extract.retriedRequests, std::int64_t(2));
    QCOMPARE(extract.retries, std::int64_t(3));
    QCOMPARE(extract.latencySumMs, std::int64_t(6000));
    QCOMPARE(extract.toolCalls, std::int64_t(6));
    const ReportRow &plan = r.rows.at(1);
    QCOMPARE(plan.successes, std::int64_t(0)); // rejected downstream is not a success
}

void TestReportQuery::sinceUntilInclusive()
{
    const Report r = run(ReportBy::Day, 0, QDate(2026, 11, 1), QDate(2026, 11, 2));
    QCOMPARE(r.total.costNano, std::int64_t(2000 + 4000 + 8000));
    const Report conv = run(ReportBy::Conversation, 0, QDate(2026, 11, 1), QDate(2026, 11, 2));
    QCOMPARE(conv.total.costNano, r.total.costNano);
}

// The overview's trend: week buckets split by provider add up to the unsplit buckets, provider by provider.
void TestReportQuery::timeBucketsPerProvider()
{
    ReportRequest r;
    r.by = ReportBy::Week;
    r.perProvider = true;
    const Report split = *ReportQuery(*m_ledger, reportClock()).run(r);
    const Report whole = run(ReportBy::Week);
    QCOMPARE(split.total.costNano, whole.total.costNano);
    QCOMPARE(split.total.requests, whole.total.requests);
    QHash<QString, std::int64_t> byBucket;
    QHash<QString, std::int64_t> expected;
    for (const ReportRow &row : whole.rows) {
        expected[row.key + row.provenance] += row.costNano;
    }
    for (const ReportRow &row : split.rows) {
        QVERIFY(!row.provider.isEmpty());
        byBucket[row.key + row.provenance] += row.costNano;
    }
    QCOMPARE(byBucket, expected);
    // Week of 2 November (Monday): openai 4000 + 300 unpriced-free + workflow events, openrouter 8000 alone.
    const auto find = [&](const QString &provider) -> const ReportRow * {
        for (const ReportRow &row : split.rows) {
            if (row.key == QLatin1String("2026-11-02") && row.provider == provider &&
                row.provenance == QLatin1String("local")) {
                return &row;
            }
        }
        return nullptr;
    };
    QVERIFY(find(QStringLiteral("openrouter")));
    QCOMPARE(find(QStringLiteral("openrouter"))->costNano, 8000);
    QCOMPARE(find(QStringLiteral("openrouter"))->requests, 1);
    QVERIFY(find(QStringLiteral("openai")));
    QCOMPARE(find(QStringLiteral("openai"))->costNano + 8000, expected.value(QStringLiteral("2026-11-02local")));
}

QTEST_GUILESS_MAIN(TestReportQuery)
#include "tst_reportquery.moc"
