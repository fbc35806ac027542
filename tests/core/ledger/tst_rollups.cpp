#include "ledger/database.h"
#include "ledger/eventwriter.h"
#include "ledger/reportquery.h"
#include "ledgertestutil.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace burnrate;
using namespace burnrate::test;

namespace {

// Local-day totals of cost, as "YYYY-MM-DD=nano" lines.
QStringList dayTotals(Ledger &ledger)
{
    ReportRequest request;
    request.by = ReportBy::Day;
    auto report = ReportQuery(ledger, reportClock()).run(request);
    QStringList out;
    for (const auto &row : report->rows) {
        out << QStringLiteral("%1=%2").arg(row.key).arg(row.costNano);
    }
    return out;
}

void writeEvents(Ledger &ledger, const QList<EventRecord> &events)
{
    EventWriter w(ledger.db(), ledger.calendar());
    for (const auto &e : events) {
        QVERIFY(w.upsert(e).ok());
    }
    QVERIFY(w.commit());
}

} // namespace

class TestRollups : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bucketsAcrossBerlinDst();
    void bucketsInHalfHourZone();
    void rebuildsWhenTheZoneChanges();
    void setCalendarRebucketsAnOpenLedger();
    void totalsBeyond64BitsFailTheWrite();
};

void TestRollups::bucketsAcrossBerlinDst()
{
    QTemporaryDir dir;
    auto ledger = Ledger::open(dir.path(), *LocalCalendar::forZoneId("Europe/Berlin"));
    QVERIFY(ledger.ok());
    writeEvents(**ledger, {
                              // Spring forward: 2026-03-29 runs from 03-28T23:00Z to 03-29T22:00Z (23 h).
                              makeEvent(QStringLiteral("a"), "2026-03-28T22:59:59Z", 1, 1, 1),
                              makeEvent(QStringLiteral("b"), "2026-03-28T23:00:00Z", 1, 1, 10),
                              makeEvent(QStringLiteral("c"), "2026-03-29T21:59:59Z", 1, 1, 100),
                              makeEvent(QStringLiteral("d"), "2026-03-29T22:00:00Z", 1, 1, 1000),
                              // Fall back: 2026-10-25 runs from 10-24T22:00Z to 10-25T23:00Z (25 h).
                              makeEvent(QStringLiteral("e"), "2026-10-24T21:59:59Z", 1, 1, 2),
                              makeEvent(QStringLiteral("f"), "2026-10-24T22:00:00Z", 1, 1, 20),
                              makeEvent(QStringLiteral("g"), "2026-10-25T01:30:00Z", 1, 1, 200), // repeated hour
                              makeEvent(QStringLiteral("h"), "2026-10-25T22:59:59Z", 1, 1, 2000),
                              makeEvent(QStringLiteral("i"), "2026-10-25T23:00:00Z", 1, 1, 20000),
                          });
    QCOMPARE(dayTotals(**ledger), QStringList({QStringLiteral("2026-03-28=1"), QStringLiteral("2026-03-29=110"),
                                               QStringLiteral("2026-03-30=1000"), QStringLiteral("2026-10-24=2"),
                                               QStringLiteral("2026-10-25=2220"), QStringLiteral("2026-10-26=20000")}));
}

void TestRollups::bucketsInHalfHourZone()
{
    QTemporaryDir dir;
    auto ledger = Ledger::open(dir.path(), *LocalCalendar::forZoneId("Asia/Kolkata"));
    QVERIFY(ledger.ok());
    writeEvents(**ledger, {
                              makeEvent(QStringLiteral("a"), "2026-11-02T18:29:59.999Z", 1, 1, 1),
                              makeEvent(QStringLiteral("b"), "2026-11-02T18:30:00Z", 1, 1, 10),
                              makeEvent(QStringLiteral("c"), "2026-11-01T18:30:00Z", 1, 1, 100),
                          });
    QCOMPARE(dayTotals(**ledger), QStringList({QStringLiteral("2026-11-02=101"), QStringLiteral("2026-11-03=10")}));
    // --since/--until are local days; the event views use the same boundaries.
    ReportRequest request;
    request.by = ReportBy::Conversation;
    request.since = QDate(2026, 11, 3);
    request.until = QDate(2026, 11, 3);
    auto report = ReportQuery(**ledger, reportClock()).run(request);
    QCOMPARE(report->total.costNano, std::int64_t(10));
}

void TestRollups::rebuildsWhenTheZoneChanges()
{
    QTemporaryDir dir;
    const QList<EventRecord> events = {
        makeEvent(QStringLiteral("a"), "2026-11-02T18:29:59Z", 1, 1, 1),
        makeEvent(QStringLiteral("b"), "2026-11-02T18:30:00Z", 1, 1, 10),
        makeEvent(QStringLiteral("c"), "2026-11-02T23:30:00Z", 1, 1, 100),
    };
    {
        auto ledger = Ledger::open(dir.path(), *LocalCalendar::forZoneId("UTC"));
        writeEvents(**ledger, events);
        QCOMPARE(dayTotals(**ledger), QStringList({QStringLiteral("2026-11-02=111")}));
    }
    {
        auto ledger = Ledger::open(dir.path(), *LocalCalendar::forZoneId("Asia/Kolkata"));
        QVERIFY(ledger.ok());
        QCOMPARE((*ledger)->meta(QStringLiteral("rollup_timezone")), QStringLiteral("Asia/Kolkata"));
        QCOMPARE(dayTotals(**ledger), QStringList({QStringLiteral("2026-11-02=1"), QStringLiteral("2026-11-03=110")}));
    }
    {
        auto ledger = Ledger::open(dir.path(), *LocalCalendar::forZoneId("America/Los_Angeles"));
        QCOMPARE(dayTotals(**ledger), QStringList({QStringLiteral("2026-11-02=111")}));
    }
}

void TestRollups::setCalendarRebucketsAnOpenLedger()
{
    QTemporaryDir dir;
    auto ledger = std::move(Ledger::open(dir.path(), *LocalCalendar::forZoneId("UTC"))).value();
    writeEvents(*ledger, {makeEvent(QStringLiteral("a"), "2026-11-02T18:29:59Z", 1, 1, 1),
                          makeEvent(QStringLiteral("b"), "2026-11-02T18:30:00Z", 1, 1, 10)});
    QCOMPARE(dayTotals(*ledger), QStringList({QStringLiteral("2026-11-02=11")}));

    // The week start alone changes no rollup.
    QVERIFY(ledger->setCalendar(*LocalCalendar::forZoneId("UTC", Qt::Sunday)).ok());
    QCOMPARE(ledger->calendar().weekStart(), Qt::Sunday);
    QCOMPARE(ledger->meta(QStringLiteral("rollup_timezone")), QStringLiteral("UTC"));

    // A new zone re-buckets the open ledger, as opening it in that zone does; events written next use it too.
    QVERIFY(ledger->setCalendar(*LocalCalendar::forZoneId("Asia/Kolkata")).ok());
    QCOMPARE(ledger->calendar().zoneId(), QByteArray("Asia/Kolkata"));
    QCOMPARE(ledger->meta(QStringLiteral("rollup_timezone")), QStringLiteral("Asia/Kolkata"));
    QCOMPARE(dayTotals(*ledger), QStringList({QStringLiteral("2026-11-02=1"), QStringLiteral("2026-11-03=10")}));
    writeEvents(*ledger, {makeEvent(QStringLiteral("c"), "2026-11-02T23:30:00Z", 1, 1, 100)});
    QCOMPARE(dayTotals(*ledger), QStringList({QStringLiteral("2026-11-02=1"), QStringLiteral("2026-11-03=110")}));

    // When the rebuild cannot run (another connection holds the write lock), the ledger keeps its zone and rollups.
    auto other = Database::open(QDir(dir.path()).filePath(Ledger::fileName()));
    QVERIFY(other.ok());
    QVERIFY((*other)->exec("BEGIN IMMEDIATE").ok());
    (void)ledger->db().exec("PRAGMA busy_timeout = 0");
    QVERIFY(!ledger->setCalendar(*LocalCalendar::forZoneId("America/Los_Angeles")).ok());
    QCOMPARE(ledger->calendar().zoneId(), QByteArray("Asia/Kolkata"));
    QVERIFY((*other)->exec("ROLLBACK").ok());
    QCOMPARE(ledger->meta(QStringLiteral("rollup_timezone")), QStringLiteral("Asia/Kolkata"));
    QCOMPARE(dayTotals(*ledger), QStringList({QStringLiteral("2026-11-02=1"), QStringLiteral("2026-11-03=110")}));
}

void TestRollups::totalsBeyond64BitsFailTheWrite()
{
    // Two costs whose sum does not fit 64 bits: in one write, or the second after the first is stored. Each failing
    // write commits nothing, and what was stored before keeps its exact totals (no wrap, no floating point).
    QTemporaryDir dir;
    auto ledger = std::move(Ledger::open(dir.path(), *LocalCalendar::forZoneId("UTC"))).value();
    constexpr std::int64_t Max = std::numeric_limits<std::int64_t>::max();
    {
        EventWriter w(ledger->db(), ledger->calendar());
        QVERIFY(w.upsert(makeEvent(QStringLiteral("a"), "2026-11-02T10:00:00Z", 1, 1, Max - 5)).ok());
        QVERIFY(w.upsert(makeEvent(QStringLiteral("b"), "2026-11-02T11:00:00Z", 1, 1, 10)).ok());
        const Status st = w.commit();
        QVERIFY(!st);
        QVERIFY2(st.error().contains(QStringLiteral("too large to hold in 64 bits")), qPrintable(st.error()));
    }
    QCOMPARE(ledger->db().queryInt64("SELECT count(*) FROM events"), std::optional<std::int64_t>(0));
    QCOMPARE(ledger->db().queryInt64("SELECT count(*) FROM rollups"), std::optional<std::int64_t>(0));

    writeEvents(*ledger, {makeEvent(QStringLiteral("a"), "2026-11-02T10:00:00Z", 1, 1, Max - 5)});
    const QStringList before = rollupLines(ledger->db());
    {
        EventWriter w(ledger->db(), ledger->calendar());
        QVERIFY(w.upsert(makeEvent(QStringLiteral("b"), "2026-11-02T11:00:00Z", 1, 1, 10)).ok());
        const Status st = w.commit();
        QVERIFY(!st);
        QVERIFY2(st.error().contains(QStringLiteral("too large to hold in 64 bits")), qPrintable(st.error()));
    }
    QCOMPARE(ledger->db().queryInt64("SELECT count(*) FROM events"), std::optional<std::int64_t>(1));
    QCOMPARE(rollupLines(ledger->db()), before);
    QCOMPARE(ledger->db().queryInt64("SELECT cost_nano FROM rollups"), std::optional<std::int64_t>(Max - 5));
    QCOMPARE(ledger->db().queryInt64("SELECT typeof(cost_nano) = 'integer' FROM rollups"),
             std::optional<std::int64_t>(1));
}

QTEST_GUILESS_MAIN(TestRollups)
#include "tst_rollups.moc"
