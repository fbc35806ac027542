// The conversation rollups: kept in step with the events by EventWriter under inserts, updates and
// removals (first/last activity included), rebuilt by Ledger, and read by the conversation and
// project reports.
#include "ledger/eventwriter.h"
#include "ledger/reportquery.h"
#include "ledgertestutil.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace burnrate;
using namespace burnrate::test;

namespace {

// The conversation rollups as sorted text lines.
QStringList rollupRows(Database &db)
{
    auto s = db.prepare("SELECT conversation_id, day, source, project, model, provider, billing, events, requests,"
                        " input_uncached, cache_read, cache_write_5m, cache_write_1h, output, reasoning, cost_nano,"
                        " unpriced_requests, unpriced_tokens, first_at, last_at FROM conversation_rollups");
    QStringList out;
    while (s->step() == Statement::Step::Row) {
        QStringList cells;
        for (int c = 0; c < 20; ++c) {
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
        std::int64_t v[11] = {};
        std::int64_t first = std::numeric_limits<std::int64_t>::max();
        std::int64_t last = std::numeric_limits<std::int64_t>::min();
    };
    std::map<QString, Acc> rows;
    auto s = ledger.db().prepare(
        "SELECT COALESCE(conversation_id, ''), occurred_at, source, COALESCE(project, ''), model, provider, billing,"
        " requests, input_uncached, cache_read, cache_write_5m, cache_write_1h, output, reasoning, cost_nano FROM "
        "events");
    while (s->step() == Statement::Step::Row) {
        const std::int64_t day = ledger.calendar().dayOf(s->int64(1));
        const QString key =
            QStringList{s->text(0), QString::number(day), s->text(2), s->text(3), s->text(4), s->text(5), s->text(6)}
                .join(QLatin1Char('|'));
        Acc &a = rows[key];
        const bool priced = !s->isNull(14);
        const std::int64_t tokens = s->int64(8) + s->int64(9) + s->int64(10) + s->int64(11) + s->int64(12);
        a.v[0] += 1;
        a.v[1] += s->int64(7);
        for (int i = 0; i < 6; ++i) {
            a.v[2 + i] += s->int64(8 + i);
        }
        a.v[8] += priced ? s->int64(14) : 0;
        a.v[9] += priced ? 0 : s->int64(7);
        a.v[10] += priced ? 0 : tokens;
        a.first = std::min(a.first, s->int64(1));
        a.last = std::max(a.last, s->int64(1));
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

} // namespace

class TestConversationRollups : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void boundsFollowRemovalsAndUpdates();
    void randomChangesMatchTheEvents();
    void rebuildGivesTheSameRows();
    void reportsByConversationAndProject();
};

void TestConversationRollups::boundsFollowRemovalsAndUpdates()
{
    QTemporaryDir dir;
    auto ledger = Ledger::open(dir.path(), *LocalCalendar::forZoneId("UTC"));
    QVERIFY(ledger.ok());
    auto event = [](const char *key, const char *at) {
        EventRecord e = makeEvent(QLatin1String(key), at, 10, 5, std::nullopt);
        e.conversationId = QStringLiteral("c1");
        e.project = QStringLiteral("/src/p");
        return e;
    };
    {
        EventWriter w((*ledger)->db(), (*ledger)->calendar());
        for (const auto &e : {event("a", "2026-11-02T08:00:00Z"), event("b", "2026-11-02T09:00:00Z"),
                              event("c", "2026-11-02T10:00:00Z")}) {
            QVERIFY(w.upsert(e).ok());
        }
        QVERIFY(w.commit());
    }
    QCOMPARE(rollupRows((*ledger)->db()), expectedRows(**ledger));
    {
        // The first event goes, the last one moves earlier: both bounds shrink.
        EventWriter w((*ledger)->db(), (*ledger)->calendar());
        QVERIFY(*w.remove(QStringLiteral("events"), QStringLiteral("a")));
        QCOMPARE(*w.upsert(event("c", "2026-11-02T09:30:00Z")), EventWriter::Change::Updated);
        QVERIFY(w.commit());
    }
    const QStringList rows = rollupRows((*ledger)->db());
    QCOMPARE(rows, expectedRows(**ledger));
    QCOMPARE(rows.size(), 1);
    QVERIFY(rows.first().endsWith(QStringLiteral("|%1|%2")
                                      .arg(*parseRfc3339Ms("2026-11-02T09:00:00Z"))
                                      .arg(*parseRfc3339Ms("2026-11-02T09:30:00Z"))));
    {
        EventWriter w((*ledger)->db(), (*ledger)->calendar());
        QVERIFY(*w.remove(QStringLiteral("events"), QStringLiteral("b")));
        QVERIFY(*w.remove(QStringLiteral("events"), QStringLiteral("c")));
        QVERIFY(w.commit());
    }
    QCOMPARE(rollupRows((*ledger)->db()), QStringList());
}

void TestConversationRollups::randomChangesMatchTheEvents()
{
    QTemporaryDir dir;
    auto ledger = Ledger::open(dir.path(), *LocalCalendar::forZoneId("Europe/Berlin"));
    QVERIFY(ledger.ok());
    QRandomGenerator rng(7);
    const std::int64_t base = *parseRfc3339Ms("2026-10-24T12:00:00Z"); // spans the DST change
    for (int batch = 0; batch < 30; ++batch) {
        EventWriter w((*ledger)->db(), (*ledger)->calendar());
        for (int i = 0; i < 40; ++i) {
            const QString key = QString::number(rng.bounded(60));
            if (rng.bounded(6) == 0) {
                QVERIFY(w.remove(QStringLiteral("events"), key).ok());
                continue;
            }
            EventRecord e = makeEvent(key, "2026-10-24T12:00:00Z", rng.bounded(1000), rng.bounded(100),
                                      rng.bounded(3) == 0 ? std::nullopt : std::optional<std::int64_t>(rng.bounded(99)),
                                      rng.bounded(2) ? QStringLiteral("gpt-4o") : QStringLiteral("o3"));
            e.occurredAtMs = base + static_cast<std::int64_t>(rng.bounded(3 * 24 * 3600)) * 1000;
            const int conv = static_cast<int>(rng.bounded(5));
            if (conv > 0) {
                e.conversationId = QStringLiteral("c%1").arg(conv);
            }
            if (rng.bounded(3) > 0) {
                e.project = QStringLiteral("p%1").arg(rng.bounded(2));
            }
            e.tokens.cacheRead = rng.bounded(500);
            e.tokens.cacheWrite1h = rng.bounded(50);
            e.billing = rng.bounded(4) == 0 ? Billing::Subscription : Billing::Api;
            QVERIFY(w.upsert(e).ok());
        }
        QVERIFY(w.commit());
        QCOMPARE(rollupRows((*ledger)->db()), expectedRows(**ledger));
    }
    QVERIFY(rollupRows((*ledger)->db()).size() > 20);
}

void TestConversationRollups::rebuildGivesTheSameRows()
{
    QTemporaryDir dir;
    auto ledger = Ledger::open(dir.path(), *LocalCalendar::forZoneId("Asia/Kolkata"));
    {
        EventWriter w((*ledger)->db(), (*ledger)->calendar());
        for (int i = 0; i < 50; ++i) {
            EventRecord e = makeEvent(QString::number(i), "2026-11-02T18:00:00Z", i, 1, i % 3 ? 100 : 0);
            e.occurredAtMs += i * 1800 * 1000LL;
            e.conversationId = QStringLiteral("c%1").arg(i % 4);
            QVERIFY(w.upsert(e).ok());
        }
        QVERIFY(w.commit());
    }
    const QStringList before = rollupRows((*ledger)->db());
    QVERIFY((*ledger)->db().exec("DELETE FROM conversation_rollups"));
    QVERIFY((*ledger)->rebuildRollups());
    QCOMPARE(rollupRows((*ledger)->db()), before);
    QCOMPARE(before, expectedRows(**ledger));
}

void TestConversationRollups::reportsByConversationAndProject()
{
    QTemporaryDir dir;
    auto ledger = Ledger::open(dir.path(), *LocalCalendar::forZoneId("UTC"));
    {
        EventWriter w((*ledger)->db(), (*ledger)->calendar());
        auto add = [&](const char *key, const char *at, const char *conv, const char *project, const char *model,
                       std::int64_t cost) {
            EventRecord e = makeEvent(QLatin1String(key), at, 100, 10, cost, QLatin1String(model));
            e.conversationId = QLatin1String(conv);
            e.project = QLatin1String(project);
            QVERIFY(w.upsert(e).ok());
        };
        add("1", "2026-11-01T10:00:00Z", "a", "/p1", "gpt-4o", 100);
        add("2", "2026-11-03T11:00:00Z", "a", "/p1", "o3", 200);
        add("3", "2026-11-02T12:00:00Z", "b", "/p2", "gpt-4o", 1000);
        add("4", "2026-11-02T13:00:00Z", "c", "/p1", "gpt-4o", 50);
        QVERIFY(w.commit());
    }
    ReportRequest request;
    request.by = ReportBy::Conversation;
    auto report = ReportQuery(**ledger, reportClock()).run(request);
    QVERIFY(report.ok());
    QCOMPARE(report->rows.size(), 3);
    QCOMPARE(report->rows[0].key, QStringLiteral("b"));
    QCOMPARE(report->rows[1].key, QStringLiteral("a"));
    QCOMPARE(report->rows[1].costNano, std::int64_t(300));
    QCOMPARE(report->rows[1].models, QStringList({QStringLiteral("gpt-4o"), QStringLiteral("o3")}));
    QCOMPARE(report->rows[1].project, QStringLiteral("/p1"));
    QCOMPARE(*report->rows[1].firstAtMs, *parseRfc3339Ms("2026-11-01T10:00:00Z"));
    QCOMPARE(*report->rows[1].lastAtMs, *parseRfc3339Ms("2026-11-03T11:00:00Z"));
    // A date range keeps the days inside it only.
    request.since = QDate(2026, 11, 2);
    request.until = QDate(2026, 11, 2);
    report = ReportQuery(**ledger, reportClock()).run(request);
    QCOMPARE(report->rows.size(), 2);
    QCOMPARE(report->total.costNano, std::int64_t(1050));
    request = ReportRequest();
    request.by = ReportBy::Project;
    request.top = 1;
    report = ReportQuery(**ledger, reportClock()).run(request);
    QCOMPARE(report->rows.size(), 1);
    QCOMPARE(report->rowsBeforeTop, 2);
    QCOMPARE(report->rows[0].key, QStringLiteral("/p2"));
    QCOMPARE(report->total.costNano, std::int64_t(1350));
}

QTEST_GUILESS_MAIN(TestConversationRollups)
#include "tst_conversationrollups.moc"
