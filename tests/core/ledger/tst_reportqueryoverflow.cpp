// Report totals beyond int64: rollup, conversation, event and provider rows whose sums do not fit 64 bits make the
// report (and the reconciliation) fail with one line that names the total, never a wrapped, negative or clamped
// number. The rows are written straight into the tables of a real ledger file: no importer lets one request get near
// these values (ledger/eventlimits.h), but ten million requests at the limits would.
#include "ledger/reconcilequery.h"
#include "ledger/reportquery.h"
#include "ledgertestutil.h"
#include "syncseed.h"
#include "util/checkedsum.h"

#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace burnrate;
using namespace burnrate::test;

namespace {

constexpr std::int64_t Max = std::numeric_limits<std::int64_t>::max();
// Two of these do not fit 64 bits; one does, with room.
constexpr std::int64_t Half = Max / 2 + 1;

std::unique_ptr<Ledger> openLedger(const QTemporaryDir &dir)
{
    return std::move(Ledger::open(dir.path(), *LocalCalendar::forZoneId("UTC"))).value();
}

struct Totals
{
    std::int64_t requests = 1;
    std::int64_t input = 0;
    std::int64_t output = 0;
    std::int64_t cacheWrite5m = 0;
    std::int64_t cacheWrite1h = 0;
    std::int64_t cost = 0;
};

// One row of the daily rollups (a local day, here UTC).
void rollup(Ledger &l, QDate day, const char *model, const Totals &t, const char *billing = "api")
{
    exec(l, QStringLiteral("INSERT INTO rollups (day, utc_day, provider, model, source, billing, requests,"
                           " input_uncached, cache_write_5m, cache_write_1h, output, cost_nano)"
                           " VALUES (%1, %1, 'openai', '%2', 'events', '%3', %4, %5, %6, %7, %8, %9)")
                .arg(day.toJulianDay())
                .arg(QLatin1String(model), QLatin1String(billing))
                .arg(t.requests)
                .arg(t.input)
                .arg(t.cacheWrite5m)
                .arg(t.cacheWrite1h)
                .arg(t.output)
                .arg(t.cost));
}

Result<Report> run(Ledger &l, ReportBy by, const char *now = "2026-11-20T12:00:00Z")
{
    const FixedClock clock(QDateTime::fromMSecsSinceEpoch(at(now), Qt::UTC));
    ReportRequest r;
    r.by = by;
    return ReportQuery(l, clock).run(r);
}

QString overflowOf(const char *what)
{
    return sumOverflowMessage(QString::fromLatin1(what));
}

} // namespace

class TestReportQueryOverflow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fitsUpToTheLargestValue();
    void sqlSumIsNamed_data();
    void sqlSumIsNamed();
    void bucketMergeFails();
    void totalFails();
    void subscriptionValueFails();
    void rowTokensMustAddUp();
    void conversationSumFails();
    void workflowSumFails();
    void providerFactsFail();
    void reconcileFails();
};

void TestReportQueryOverflow::fitsUpToTheLargestValue()
{
    // Half and Half - 1 add up to exactly the largest value: no error.
    QTemporaryDir dir;
    auto l = openLedger(dir);
    rollup(*l, QDate(2026, 11, 2), "a", Totals{1, Half, 0, 0, 0, Half});
    rollup(*l, QDate(2026, 11, 3), "b", Totals{1, Half - 1, 0, 0, 0, Half - 1});
    for (ReportBy by : {ReportBy::Day, ReportBy::Week, ReportBy::Model, ReportBy::Provider}) {
        const auto r = run(*l, by);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->total.costNano, Max);
        QCOMPARE(r->total.tokens.inputUncached, Max);
    }
}

void TestReportQueryOverflow::sqlSumIsNamed_data()
{
    QTest::addColumn<int>("by");
    QTest::addRow("provider") << int(ReportBy::Provider);
    QTest::addRow("day") << int(ReportBy::Day);
    QTest::addRow("source") << int(ReportBy::Source);
}

void TestReportQueryOverflow::sqlSumIsNamed()
{
    // Two models of one provider on one day: SQL sums them into one row, and that sum does not fit.
    QFETCH(int, by);
    QTemporaryDir dir;
    auto l = openLedger(dir);
    rollup(*l, QDate(2026, 11, 2), "a", Totals{1, Half, 0, 0, 0, 0});
    rollup(*l, QDate(2026, 11, 2), "b", Totals{1, Half, 0, 0, 0, 0});
    const auto r = run(*l, ReportBy(by));
    QVERIFY(!r.ok());
    QCOMPARE(r.error(), overflowOf("input tokens"));
    QCOMPARE(r.error(), QStringLiteral("the total of input tokens exceeds the largest number Burnrate can count "
                                       "(9223372036854775807)"));
}

void TestReportQueryOverflow::bucketMergeFails()
{
    // Two days of one week: each day's row fits, the week's does not.
    QTemporaryDir dir;
    auto l = openLedger(dir);
    rollup(*l, QDate(2026, 11, 2), "a", Totals{1, 0, 0, 0, 0, Half});
    rollup(*l, QDate(2026, 11, 3), "a", Totals{1, 0, 0, 0, 0, Half});
    QCOMPARE(run(*l, ReportBy::Day).error(), overflowOf("cost in nano-USD")); // the total of the two days
    const auto week = run(*l, ReportBy::Week);
    QVERIFY(!week.ok());
    QCOMPARE(week.error(), overflowOf("cost in nano-USD"));
    QCOMPARE(run(*l, ReportBy::Month).error(), overflowOf("cost in nano-USD"));
}

void TestReportQueryOverflow::totalFails()
{
    // Two models: each row fits, the total does not.
    QTemporaryDir dir;
    auto l = openLedger(dir);
    rollup(*l, QDate(2026, 11, 2), "a", Totals{Half, 0, 0, 0, 0, 1});
    rollup(*l, QDate(2026, 11, 2), "b", Totals{Half, 0, 0, 0, 0, 1});
    const auto r = run(*l, ReportBy::Model);
    QVERIFY(!r.ok());
    QCOMPARE(r.error(), overflowOf("requests"));
}

void TestReportQueryOverflow::subscriptionValueFails()
{
    // Subscription usage is not spend, but its equivalent value is summed all the same.
    QTemporaryDir dir;
    auto l = openLedger(dir);
    rollup(*l, QDate(2026, 11, 2), "a", Totals{1, 0, 0, 0, 0, Half}, "subscription");
    rollup(*l, QDate(2026, 11, 2), "b", Totals{1, 0, 0, 0, 0, Half}, "subscription");
    rollup(*l, QDate(2026, 11, 2), "c", Totals{1, 0, 0, 0, 0, 5});
    const auto r = run(*l, ReportBy::Model);
    QVERIFY(!r.ok());
    QCOMPARE(r.error(), overflowOf("subscription-equivalent value in nano-USD"));
}

void TestReportQueryOverflow::rowTokensMustAddUp()
{
    // Every class fits, their sum (a row's "tokens", the table's folded cache writes) does not.
    QTemporaryDir dir;
    auto l = openLedger(dir);
    rollup(*l, QDate(2026, 11, 2), "a", Totals{1, Half, Half, 0, 0, 1});
    auto r = run(*l, ReportBy::Model);
    QVERIFY(!r.ok());
    QCOMPARE(r.error(), overflowOf("tokens"));
    QTemporaryDir other;
    auto m = openLedger(other);
    rollup(*m, QDate(2026, 11, 2), "a", Totals{1, 0, 0, Half, Half, 1});
    r = run(*m, ReportBy::Model);
    QVERIFY(!r.ok());
    QVERIFY2(r.error() == overflowOf("tokens") || r.error() == overflowOf("cache write tokens"), qPrintable(r.error()));
}

void TestReportQueryOverflow::conversationSumFails()
{
    QTemporaryDir dir;
    auto l = openLedger(dir);
    for (int day : {2, 3}) {
        exec(*l, QStringLiteral("INSERT INTO conversation_rollups (conversation_id, day, source, project, model,"
                                " provider, billing, events, requests, output, first_at, last_at)"
                                " VALUES ('conv', %1, 'events', 'p', 'm', 'openai', 'api', 1, 1, %2, 0, 0)")
                     .arg(QDate(2026, 11, day).toJulianDay())
                     .arg(Half));
    }
    for (ReportBy by : {ReportBy::Conversation, ReportBy::Project}) {
        const auto r = run(*l, by);
        QVERIFY(!r.ok());
        QCOMPARE(r.error(), overflowOf("output tokens"));
    }
}

void TestReportQueryOverflow::workflowSumFails()
{
    QTemporaryDir dir;
    auto l = openLedger(dir);
    for (int day : {2, 3}) {
        exec(*l, QStringLiteral("INSERT INTO workflow_rollups (workflow_key, workflow_id, day, source, project, model,"
                                " billing, events, requests, cost_nano, first_at, last_at)"
                                " VALUES ('wf', '', %1, 'events', '', 'm', 'api', 1, 1, %2, 0, 0)")
                     .arg(QDate(2026, 11, day).toJulianDay())
                     .arg(Half));
    }
    const auto r = run(*l, ReportBy::Workflow);
    QVERIFY(!r.ok());
    QCOMPARE(r.error(), overflowOf("cost in nano-USD"));
}

void TestReportQueryOverflow::providerFactsFail()
{
    // Billed costs of two closed days: each day's fact fits, the week's row does not.
    QTemporaryDir dir;
    auto l = openLedger(dir);
    billed(*l, "openai", "2026-11-02", Half, "gpt-4o");
    billed(*l, "openai", "2026-11-03", Half, "gpt-4o");
    cover(*l, "openai", "costs", "2026-11-01T00:00:00Z", "2026-11-09T00:00:00Z");
    const auto week = run(*l, ReportBy::Week, "2026-11-09T00:00:00Z");
    QVERIFY(!week.ok());
    QCOMPARE(week.error(), overflowOf("cost in nano-USD"));
    const auto model = run(*l, ReportBy::Model, "2026-11-09T00:00:00Z");
    QVERIFY(!model.ok());
    QCOMPARE(model.error(), overflowOf("cost in nano-USD"));
}

void TestReportQueryOverflow::reconcileFails()
{
    // Two billed lines of one provider-day, and two usage estimates of another.
    QTemporaryDir dir;
    auto l = openLedger(dir);
    billed(*l, "openai", "2026-11-02", Half, "a");
    billed(*l, "openai", "2026-11-02", Half, "b");
    cover(*l, "openai", "costs", "2026-11-01T00:00:00Z", "2026-11-09T00:00:00Z");
    const FixedClock clock(QDateTime::fromMSecsSinceEpoch(at("2026-11-09T00:00:00Z"), Qt::UTC));
    auto rec = ReconcileQuery(*l, clock).run(std::nullopt, std::nullopt);
    QVERIFY(!rec.ok());
    QCOMPARE(rec.error(), overflowOf("billed cost in nano-USD"));

    QTemporaryDir other;
    auto m = openLedger(other);
    usage(*m, "openai", "2026-11-02T10:00:00Z", "1h", 1, Half, "a");
    usage(*m, "openai", "2026-11-02T11:00:00Z", "1h", 1, Half, "a");
    cover(*m, "openai", "usage/completions", "2026-11-01T00:00:00Z", "2026-11-09T00:00:00Z");
    rec = ReconcileQuery(*m, clock).run(std::nullopt, std::nullopt);
    QVERIFY(!rec.ok());
    QCOMPARE(rec.error(), overflowOf("estimated cost in nano-USD"));
}

QTEST_GUILESS_MAIN(TestReportQueryOverflow)
#include "tst_reportqueryoverflow.moc"
