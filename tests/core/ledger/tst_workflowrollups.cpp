// The workflow rollups: kept in step with the events by EventWriter under inserts, updates and removals (first/last
// activity included), rebuilt by Ledger, and read by the workflow view, which gives what the events themselves give.
#include "ledger/eventwriter.h"
#include "ledger/reportquery.h"
#include "ledgertestutil.h"
#include "util/clock.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace burnrate;
using namespace burnrate::test;

namespace {

constexpr int Columns = 26;

// The workflow rollups as sorted text lines.
QStringList rollupRows(Database &db)
{
    auto s = db.prepare("SELECT workflow_key, workflow_id, day, source, project, model, billing, events, requests,"
                        " input_uncached, cache_read, cache_write_5m, cache_write_1h, output, reasoning, cost_nano,"
                        " unpriced_requests, unpriced_tokens, successes, retried_requests, retries, tool_calls,"
                        " latency_sum_ms, latency_count, first_at, last_at FROM workflow_rollups");
    QStringList out;
    while (s->step() == Statement::Step::Row) {
        QStringList cells;
        for (int c = 0; c < Columns; ++c) {
            cells << s->text(c);
        }
        out << cells.join(QLatin1Char('|'));
    }
    out.sort();
    return out;
}

// What the rollups must hold, computed from the events table itself.
QStringList expectedRows(Ledger &ledger)
{
    struct Acc
    {
        std::int64_t v[17] = {};
        std::int64_t first = std::numeric_limits<std::int64_t>::max();
        std::int64_t last = std::numeric_limits<std::int64_t>::min();
    };
    std::map<QString, Acc> rows;
    auto s = ledger.db().prepare(
        "SELECT COALESCE(NULLIF(workflow_type, ''), NULLIF(workflow_id, ''), ''), COALESCE(workflow_id, ''),"
        " occurred_at, source, COALESCE(project, ''), model, billing, requests, input_uncached, cache_read,"
        " cache_write_5m, cache_write_1h, output, reasoning, cost_nano, COALESCE(status, 'success'),"
        " COALESCE(outcome, 'accepted'), retries, tool_calls, latency_ms FROM events");
    while (s->step() == Statement::Step::Row) {
        const std::int64_t day = ledger.calendar().dayOf(s->int64(2));
        const QString key =
            QStringList{s->text(0), s->text(1), QString::number(day), s->text(3), s->text(4), s->text(5), s->text(6)}
                .join(QLatin1Char('|'));
        Acc &a = rows[key];
        const std::int64_t requests = s->int64(7);
        const bool priced = !s->isNull(14);
        const std::int64_t tokens = s->int64(8) + s->int64(9) + s->int64(10) + s->int64(11) + s->int64(12);
        a.v[0] += 1;
        a.v[1] += requests;
        for (int i = 0; i < 6; ++i) {
            a.v[2 + i] += s->int64(8 + i);
        }
        a.v[8] += priced ? s->int64(14) : 0;
        a.v[9] += priced ? 0 : requests;
        a.v[10] += priced ? 0 : tokens;
        const bool success = s->text(15) == QLatin1String("success") &&
                             (s->text(16) == QLatin1String("accepted") || s->text(16) == QLatin1String("edited"));
        a.v[11] += success ? requests : 0;
        a.v[12] += s->int64(17) > 0 ? requests : 0;
        a.v[13] += s->int64(17);
        a.v[14] += s->int64(18);
        a.v[15] += s->isNull(19) ? 0 : s->int64(19);
        a.v[16] += s->isNull(19) ? 0 : 1;
        a.first = std::min(a.first, s->int64(2));
        a.last = std::max(a.last, s->int64(2));
    }
    QStringList out;
    for (const auto &[key, a] : rows) {
        QStringList cells = {key};
        for (std::int64_t v : a.v) {
            cells << QString::number(v);
        }
        cells << QString::number(a.first) << QString::number(a.last);
        out << cells.join(QLatin1Char('|'));
    }
    out.sort();
    return out;
}

// The workflow view over [since, until] as computed from the events of the range directly: key, billing, requests,
// cost, runs, successes, retried requests, retries, tool calls, latency sum and count, first and last, models.
QStringList viewFromEvents(Ledger &ledger, QDate since, QDate until)
{
    auto s = ledger.db().prepare(
        "SELECT COALESCE(NULLIF(workflow_type, ''), NULLIF(workflow_id, ''), '') AS k, billing, SUM(requests),"
        " SUM(COALESCE(cost_nano, 0)), COUNT(DISTINCT NULLIF(workflow_id, '')),"
        " SUM(CASE WHEN COALESCE(status, 'success') = 'success' AND COALESCE(outcome, 'accepted') IN ('accepted',"
        " 'edited') THEN requests ELSE 0 END), SUM(CASE WHEN retries > 0 THEN requests ELSE 0 END), SUM(retries),"
        " SUM(tool_calls), SUM(COALESCE(latency_ms, 0)), COUNT(latency_ms), MIN(occurred_at), MAX(occurred_at)"
        " FROM events WHERE occurred_at >= ?1 AND occurred_at < ?2 GROUP BY k, billing");
    s->bind(1, ledger.calendar().startOfDayUtcMs(since));
    s->bind(2, ledger.calendar().startOfDayUtcMs(until.addDays(1)));
    QStringList out;
    while (s->step() == Statement::Step::Row) {
        QStringList cells;
        for (int c = 0; c < 13; ++c) {
            cells << s->text(c);
        }
        out << cells.join(QLatin1Char('|'));
    }
    out.sort();
    return out;
}

QStringList viewFromReport(Ledger &ledger, QDate since, QDate until)
{
    const FixedClock clock(QDateTime(QDate(2026, 11, 30), QTime(12, 0), Qt::UTC));
    ReportRequest request;
    request.by = ReportBy::Workflow;
    request.since = since;
    request.until = until;
    auto report = ReportQuery(ledger, clock).run(request);
    if (!report) {
        qWarning("%s", qPrintable(report.error()));
        return {};
    }
    QStringList out;
    for (const ReportRow &r : std::as_const(report->rows)) {
        out << QStringList{r.key,
                           r.provenance == QLatin1String("subscription") ? QStringLiteral("subscription")
                                                                         : QStringLiteral("api"),
                           QString::number(r.requests),
                           QString::number(r.costNano),
                           QString::number(r.runs),
                           QString::number(r.successes),
                           QString::number(r.retriedRequests),
                           QString::number(r.retries),
                           QString::number(r.toolCalls),
                           QString::number(r.latencySumMs),
                           QString::number(r.latencyCount),
                           QString::number(r.firstAtMs.value_or(-1)),
                           QString::number(r.lastAtMs.value_or(-1))}
                   .join(QLatin1Char('|'));
    }
    out.sort();
    return out;
}

// A random event of one of a few workflows, over three days around the DST change in Berlin.
EventRecord randomEvent(QRandomGenerator &rng, const QString &key)
{
    const std::int64_t base = *parseRfc3339Ms("2026-10-24T12:00:00Z");
    EventRecord e = makeEvent(key, "2026-10-24T12:00:00Z", rng.bounded(1000), rng.bounded(100),
                              rng.bounded(3) == 0 ? std::nullopt : std::optional<std::int64_t>(rng.bounded(99)),
                              rng.bounded(2) ? QStringLiteral("gpt-4o") : QStringLiteral("o3"));
    e.occurredAtMs = base + static_cast<std::int64_t>(rng.bounded(3 * 24 * 3600)) * 1000;
    switch (rng.bounded(4)) {
    case 0:
        break; // no workflow
    case 1:
        e.workflowId = QStringLiteral("run-%1").arg(rng.bounded(6)); // an id without a type
        break;
    default:
        e.workflowType = rng.bounded(2) ? QStringLiteral("extract") : QStringLiteral("plan");
        e.workflowId = QStringLiteral("run-%1").arg(rng.bounded(6));
        break;
    }
    if (rng.bounded(3) > 0) {
        e.project = QStringLiteral("p%1").arg(rng.bounded(2));
    }
    e.requests = 1 + rng.bounded(3);
    e.retries = rng.bounded(4) == 0 ? rng.bounded(1, 3) : 0;
    e.toolCalls = rng.bounded(5);
    if (rng.bounded(3) > 0) {
        e.latencyMs = rng.bounded(1, 20'000);
    }
    const int st = static_cast<int>(rng.bounded(4));
    e.status = st == 0 ? QStringLiteral("error") : st == 1 ? QStringLiteral("success") : QString();
    const int oc = static_cast<int>(rng.bounded(4));
    e.outcome = oc == 0 ? QStringLiteral("rejected") : oc == 1 ? QStringLiteral("edited") : QString();
    e.billing = rng.bounded(4) == 0 ? Billing::Subscription : Billing::Api;
    return e;
}

} // namespace

class TestWorkflowRollups : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void randomChangesMatchTheEvents();
    void rebuildGivesTheSameRows();
};

void TestWorkflowRollups::randomChangesMatchTheEvents()
{
    QTemporaryDir dir;
    auto ledger = Ledger::open(dir.path(), *LocalCalendar::forZoneId("Europe/Berlin"));
    QVERIFY(ledger.ok());
    QRandomGenerator rng(11);
    std::set<QString> workflows;
    for (int batch = 0; batch < 30; ++batch) {
        EventWriter w((*ledger)->db(), (*ledger)->calendar());
        for (int i = 0; i < 40; ++i) {
            const QString key = QString::number(rng.bounded(80));
            if (rng.bounded(6) == 0) {
                QVERIFY(w.remove(QStringLiteral("events"), key).ok());
                continue;
            }
            const EventRecord e = randomEvent(rng, key);
            workflows.insert(e.workflowType);
            QVERIFY(w.upsert(e).ok());
        }
        QVERIFY(w.commit());
        QCOMPARE(rollupRows((*ledger)->db()), expectedRows(**ledger));
    }
    QVERIFY(rollupRows((*ledger)->db()).size() > 20);
    QVERIFY(workflows.size() == 3);
    // The view over each day, the whole span and a range across the DST change equals the events'.
    for (const auto &[since, until] :
         {std::pair{QDate(2026, 10, 24), QDate(2026, 10, 24)}, std::pair{QDate(2026, 10, 25), QDate(2026, 10, 25)},
          std::pair{QDate(2026, 10, 24), QDate(2026, 10, 27)}, std::pair{QDate(2026, 10, 26), QDate(2026, 10, 30)}}) {
        const QStringList expected = viewFromEvents(**ledger, since, until);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(viewFromReport(**ledger, since, until), expected);
    }
}

void TestWorkflowRollups::rebuildGivesTheSameRows()
{
    QTemporaryDir dir;
    auto ledger = Ledger::open(dir.path(), *LocalCalendar::forZoneId("Asia/Kolkata"));
    QRandomGenerator rng(5);
    {
        EventWriter w((*ledger)->db(), (*ledger)->calendar());
        for (int i = 0; i < 200; ++i) {
            QVERIFY(w.upsert(randomEvent(rng, QString::number(i))).ok());
        }
        QVERIFY(w.commit());
    }
    const QStringList before = rollupRows((*ledger)->db());
    QVERIFY((*ledger)->db().exec("DELETE FROM workflow_rollups"));
    QVERIFY((*ledger)->rebuildRollups());
    QCOMPARE(rollupRows((*ledger)->db()), before);
    QCOMPARE(before, expectedRows(**ledger));
}

QTEST_GUILESS_MAIN(TestWorkflowRollups)
#include "tst_workflowrollups.moc"
