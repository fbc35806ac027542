// The baseline comparison of the workflow view: each API-billed request's tokens priced at a baseline model's
// prices in force at the request's time, against its recorded cost. Expected values are worked out by hand
// from the rates of the little book below.
#include "../ledger/ledgertestutil.h"
#include "ledger/eventwriter.h"
#include "ledger/reportquery.h"
#include "pricing/baselinecost.h"
#include "pricing/pricebook.h"

#include <QHash>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

namespace {

// p/base: $1.00 in, $0.10 cache read, $4.00 out per MTok until 10 Nov 2026, then half that. No cache-write rate
// (writes fall back to the input rate) and no batch prices.
constexpr char BookJson[] = R"({
  "format": "llm-spend-pricing", "format_version": 1, "snapshot": {"id": "t"},
  "providers": [{"id": "p", "models": [{"id": "base", "versions": [
    {"effective_from": null, "rates": {"input": "1.00", "cache_read": "0.10", "output": "4.00"}},
    {"effective_from": "2026-11-10T00:00:00Z", "rates": {"input": "0.50", "cache_read": "0.05", "output": "2.00"}}
  ]}]}]})";

std::shared_ptr<const PriceBook> book()
{
    auto b = PriceBook::fromDocument(QJsonDocument::fromJson(BookJson).object());
    if (!b) {
        qFatal("%s", qPrintable(b.error()));
    }
    return *b;
}

EventRecord workflowEvent(const char *key, const char *at, const char *workflow, std::optional<std::int64_t> cost)
{
    EventRecord e = makeEvent(QLatin1String(key), at, 1000, 500, cost);
    e.tokens.cacheRead = 2000;
    e.workflowType = QLatin1String(workflow);
    e.workflowId = QStringLiteral("run-") + QLatin1String(key);
    return e;
}

} // namespace

class TestBaselineCost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pricesEachRequestAtItsTime();
    void keysMatchTheWorkflowReport();
    void filtersNarrowTheRequests();
    void unknownBaselineFails();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Ledger> m_ledger;
    std::shared_ptr<const PriceBook> m_book;
    UtcRange m_range{};
};

void TestBaselineCost::initTestCase()
{
    m_book = book();
    auto ledger = Ledger::open(m_dir.path(), *LocalCalendar::forZoneId("UTC"));
    QVERIFY(ledger.ok());
    m_ledger = std::move(ledger).value();
    EventWriter w(m_ledger->db(), m_ledger->calendar());
    // alpha: two priced requests either side of the price change, one without a recorded cost.
    QVERIFY(w.upsert(workflowEvent("a1", "2026-11-05T10:00:00Z", "alpha", 10'000'000)).ok());
    QVERIFY(w.upsert(workflowEvent("a2", "2026-11-12T10:00:00Z", "alpha", 10'000'000)).ok());
    QVERIFY(w.upsert(workflowEvent("a3", "2026-11-12T11:00:00Z", "alpha", std::nullopt)).ok());
    // Subscription usage is not spend; a request after the range does not count.
    EventRecord sub = workflowEvent("a4", "2026-11-12T12:00:00Z", "alpha", 99);
    sub.billing = Billing::Subscription;
    QVERIFY(w.upsert(sub).ok());
    QVERIFY(w.upsert(workflowEvent("a5", "2026-11-20T10:00:00Z", "alpha", 99)).ok());
    // beta: a cache write (priced at the input rate), a batch request (no baseline price) and a tiny request
    // that costs less than the baseline.
    EventRecord write = workflowEvent("b1", "2026-11-06T10:00:00Z", "beta", 5'000'000);
    write.tokens.cacheWrite5m = 1000;
    QVERIFY(w.upsert(write).ok());
    EventRecord batch = workflowEvent("b2", "2026-11-06T11:00:00Z", "beta", 2'000'000);
    batch.serviceTier = QStringLiteral("batch");
    QVERIFY(w.upsert(batch).ok());
    EventRecord tiny = makeEvent(QStringLiteral("b3"), "2026-11-07T10:00:00Z", 3, 1, 7, QStringLiteral("gpt-4o-mini"));
    tiny.workflowType = QStringLiteral("beta");
    QVERIFY(w.upsert(tiny).ok());
    // A workflow named by its id only.
    EventRecord byId = makeEvent(QStringLiteral("c1"), "2026-11-08T10:00:00Z", 2'000'000, 0, 1'000'000);
    byId.workflowId = QStringLiteral("wf_x");
    QVERIFY(w.upsert(byId).ok());
    QVERIFY(w.commit());
    m_range = utcRangeOf(m_ledger->calendar(), QDate(2026, 11, 1), QDate(2026, 11, 15));
}

void TestBaselineCost::pricesEachRequestAtItsTime()
{
    auto report = BaselineCost(*m_ledger, *m_book).run(QStringLiteral("p"), QStringLiteral("base"), m_range);
    QVERIFY2(report.ok(), qPrintable(report.error().message));
    QCOMPARE(report->rows.size(), 3);
    const BaselineRow &alpha = report->rows.at(0);
    QCOMPARE(alpha.key, QStringLiteral("alpha"));
    QCOMPARE(alpha.requests, 3);
    QCOMPARE(alpha.comparedRequests, 2);
    QCOMPARE(alpha.unpricedActual, 1);
    QCOMPARE(alpha.unpricedAtBaseline, 0);
    QCOMPARE(alpha.actualNano, 20'000'000);
    // 5 Nov: 1000 × $1 + 2000 × $0.10 + 500 × $4 per MTok = $0.001 + $0.0002 + $0.002 = 3,200,000 nano.
    // 12 Nov: half of that, 1,600,000 nano.
    QCOMPARE(alpha.baselineNano, 4'800'000);
    QCOMPARE(alpha.savingNano(), 15'200'000);

    const BaselineRow &beta = report->rows.at(1);
    QCOMPARE(beta.key, QStringLiteral("beta"));
    QCOMPARE(beta.requests, 3);
    QCOMPARE(beta.unpricedAtBaseline, 1);
    QCOMPARE(beta.comparedRequests, 2);
    QCOMPARE(beta.actualNano, 5'000'007);
    // The write: (1000 in + 1000 written) × $1 + 2000 × $0.10 + 500 × $4 per MTok = 4,200,000 nano. The tiny one:
    // 3 × $1 + 1 × $4 per MTok = 3,000 + 4,000 nano, more than its 7 nano (alone a negative saving).
    QCOMPARE(beta.baselineNano, 4'207'000);
    QCOMPARE(beta.savingNano(), 793'007);

    const BaselineRow &byId = report->rows.at(2);
    QCOMPARE(byId.key, QStringLiteral("wf_x"));
    QCOMPARE(byId.baselineNano, 2'000'000'000); // 2 M input tokens at $1 per MTok: $2

    QCOMPARE(report->total.requests, 7);
    QCOMPARE(report->total.actualNano, 20'000'000 + 5'000'007 + 1'000'000);
    QCOMPARE(report->total.baselineNano, 4'800'000 + 4'207'000 + 2'000'000'000);
    QCOMPARE(report->total.unpricedAtBaseline, 1);
    QCOMPARE(report->total.unpricedActual, 1);
}

void TestBaselineCost::keysMatchTheWorkflowReport()
{
    auto baseline = BaselineCost(*m_ledger, *m_book).run(QStringLiteral("p"), QStringLiteral("base"), m_range);
    auto report = ReportQuery(*m_ledger, reportClock())
                      .run(ReportRequest{ReportBy::Workflow, QDate(2026, 11, 1), QDate(2026, 11, 15), 0});
    QVERIFY(baseline.ok() && report.ok());
    QHash<QString, std::int64_t> apiRequests;
    for (const ReportRow &row : report->rows) {
        if (row.provenance != QLatin1String("subscription")) {
            apiRequests.insert(row.key, row.requests);
        }
    }
    QHash<QString, std::int64_t> baselineRequests;
    for (const BaselineRow &row : baseline->rows) {
        baselineRequests.insert(row.key, row.requests);
    }
    QCOMPARE(baselineRequests, apiRequests);
    QCOMPARE(report->total.requests, baseline->total.requests);
}

void TestBaselineCost::filtersNarrowTheRequests()
{
    ReportFilter filter;
    filter.models = QStringList{QStringLiteral("gpt-4o-mini")};
    auto report = BaselineCost(*m_ledger, *m_book).run(QStringLiteral("p"), QStringLiteral("base"), m_range, filter);
    QVERIFY(report.ok());
    QCOMPARE(report->rows.size(), 1);
    QCOMPARE(report->rows.at(0).key, QStringLiteral("beta"));
    QCOMPARE(report->rows.at(0).requests, 1);
    QCOMPARE(report->rows.at(0).baselineNano, 7'000);
    QCOMPARE(report->rows.at(0).savingNano(), -6'993);
}

void TestBaselineCost::unknownBaselineFails()
{
    auto report = BaselineCost(*m_ledger, *m_book).run(QStringLiteral("p"), QStringLiteral("nope"), m_range);
    QVERIFY(!report.ok());
    QVERIFY(report.error().message.contains(QStringLiteral("p/nope")));
}

QTEST_GUILESS_MAIN(TestBaselineCost)
#include "tst_baselinecost.moc"
