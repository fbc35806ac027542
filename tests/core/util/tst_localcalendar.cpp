#include "util/localcalendar.h"
#include "util/timestamp.h"

#include <QTest>

using namespace burnrate;

namespace {

qint64 at(const char *rfc3339)
{
    return *parseRfc3339Ms(rfc3339);
}

QDate d(int y, int m, int day)
{
    return QDate(y, m, day);
}

} // namespace

class TestLocalCalendar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dayOf_data();
    void dayOf();
    void dstDayLengths();
    void midnightDstGap();
    void cacheNeverLies();
    void weekStart();
    void invalidZone();
    void noSystemZoneMeansUtc();
};

void TestLocalCalendar::dayOf_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<qint64>("instant");
    QTest::addColumn<QDate>("date");
    // Berlin, spring forward on 2026-03-29 (02:00 CET -> 03:00 CEST, i.e. 01:00 UTC).
    QTest::addRow("berlin before spring midnight")
        << QByteArray("Europe/Berlin") << at("2026-03-28T22:59:59.999Z") << d(2026, 3, 28);
    QTest::addRow("berlin spring midnight")
        << QByteArray("Europe/Berlin") << at("2026-03-28T23:00:00Z") << d(2026, 3, 29);
    QTest::addRow("berlin spring late evening")
        << QByteArray("Europe/Berlin") << at("2026-03-29T21:59:59Z") << d(2026, 3, 29);
    QTest::addRow("berlin after spring day")
        << QByteArray("Europe/Berlin") << at("2026-03-29T22:00:00Z") << d(2026, 3, 30);
    // Berlin, fall back on 2026-10-25 (03:00 CEST -> 02:00 CET, i.e. 01:00 UTC): a 25-hour day.
    QTest::addRow("berlin fall midnight")
        << QByteArray("Europe/Berlin") << at("2026-10-24T22:00:00Z") << d(2026, 10, 25);
    QTest::addRow("berlin fall repeated hour")
        << QByteArray("Europe/Berlin") << at("2026-10-25T01:30:00Z") << d(2026, 10, 25);
    QTest::addRow("berlin fall last ms") << QByteArray("Europe/Berlin") << at("2026-10-25T22:59:59.999Z")
                                         << d(2026, 10, 25);
    QTest::addRow("berlin after fall day")
        << QByteArray("Europe/Berlin") << at("2026-10-25T23:00:00Z") << d(2026, 10, 26);
    // Kolkata is UTC+05:30 all year.
    QTest::addRow("kolkata before midnight")
        << QByteArray("Asia/Kolkata") << at("2026-11-02T18:29:59.999Z") << d(2026, 11, 2);
    QTest::addRow("kolkata midnight") << QByteArray("Asia/Kolkata") << at("2026-11-02T18:30:00Z") << d(2026, 11, 3);
    // New York, fall back 2026-11-01.
    QTest::addRow("new york fall") << QByteArray("America/New_York") << at("2026-11-02T04:59:59Z") << d(2026, 11, 1);
    QTest::addRow("new york next") << QByteArray("America/New_York") << at("2026-11-02T05:00:00Z") << d(2026, 11, 2);
    QTest::addRow("utc") << QByteArray("UTC") << at("2026-11-02T23:59:59Z") << d(2026, 11, 2);
}

void TestLocalCalendar::dayOf()
{
    QFETCH(QByteArray, zone);
    QFETCH(qint64, instant);
    QFETCH(QDate, date);
    auto cal = LocalCalendar::forZoneId(zone);
    QVERIFY(cal.has_value());
    QCOMPARE(cal->dateOf(instant), date);
}

void TestLocalCalendar::dstDayLengths()
{
    auto cal = *LocalCalendar::forZoneId("Europe/Berlin");
    const auto length = [&](QDate day) {
        return cal.startOfDayUtcMs(day.addDays(1)) - cal.startOfDayUtcMs(day);
    };
    QCOMPARE(length(d(2026, 3, 29)), qint64(23 * 3600 * 1000));
    QCOMPARE(length(d(2026, 10, 25)), qint64(25 * 3600 * 1000));
    QCOMPARE(length(d(2026, 11, 2)), qint64(24 * 3600 * 1000));
    auto kolkata = *LocalCalendar::forZoneId("Asia/Kolkata");
    QCOMPARE(kolkata.startOfDayUtcMs(d(2026, 11, 3)), at("2026-11-02T18:30:00Z"));
}

void TestLocalCalendar::midnightDstGap()
{
    // Havana springs forward at midnight: 2026-03-08 00:00 does not exist; the day starts at 01:00.
    auto cal = LocalCalendar::forZoneId("America/Havana");
    QVERIFY(cal.has_value());
    const qint64 start = cal->startOfDayUtcMs(d(2026, 3, 8));
    QCOMPARE(cal->dateOf(start), d(2026, 3, 8));
    QCOMPARE(cal->dateOf(start - 1), d(2026, 3, 7));
}

void TestLocalCalendar::cacheNeverLies()
{
    // Walk back and forth over a DST change in uneven steps; compare with an uncached calendar.
    auto cached = *LocalCalendar::forZoneId("Europe/Berlin");
    const qint64 from = at("2026-10-23T00:00:00Z");
    const qint64 to = at("2026-10-28T00:00:00Z");
    for (qint64 ms = from; ms < to; ms += 977 * 1000 + 3) {
        auto fresh = *LocalCalendar::forZoneId("Europe/Berlin");
        QCOMPARE(cached.dayOf(ms), fresh.dayOf(ms));
        const qint64 back = ms - 13 * 3600 * 1000;
        QCOMPARE(cached.dayOf(back), fresh.dayOf(back));
    }
}

void TestLocalCalendar::weekStart()
{
    LocalCalendar monday(QTimeZone("UTC"), Qt::Monday);
    LocalCalendar sunday(QTimeZone("UTC"), Qt::Sunday);
    QCOMPARE(monday.weekStartOf(d(2026, 11, 22)), d(2026, 11, 16)); // a Sunday
    QCOMPARE(sunday.weekStartOf(d(2026, 11, 22)), d(2026, 11, 22));
    QCOMPARE(monday.weekStartOf(d(2026, 11, 16)), d(2026, 11, 16));
    QCOMPARE(sunday.weekStartOf(d(2026, 11, 21)), d(2026, 11, 15));
    QCOMPARE(LocalCalendar::monthStartOf(d(2026, 11, 22)), d(2026, 11, 1));
}

void TestLocalCalendar::invalidZone()
{
    QVERIFY(!LocalCalendar::forZoneId("Mars/Olympus_Mons").has_value());
}

// A system without a time-zone database (a minimal container without tzdata) has no valid system zone; TZ naming a
// zone that does not exist gives Qt the same answer.
void TestLocalCalendar::noSystemZoneMeansUtc()
{
    const QByteArray saved = qgetenv("TZ");
    const bool hadTz = qEnvironmentVariableIsSet("TZ");
    qputenv("TZ", "Nowhere/Nothing");
    const bool systemValid = QTimeZone::systemTimeZone().isValid();
    auto cal = LocalCalendar::forZoneId(QByteArray());
    if (hadTz) {
        qputenv("TZ", saved);
    } else {
        qunsetenv("TZ");
    }
    QVERIFY(!systemValid);
    QVERIFY(cal.has_value());
    QVERIFY(cal->zone().isValid());
    QCOMPARE(cal->zoneId(), QByteArray("UTC"));
    QCOMPARE(cal->dateOf(at("2026-11-02T23:59:59Z")), d(2026, 11, 2));
}

QTEST_GUILESS_MAIN(TestLocalCalendar)
#include "tst_localcalendar.moc"
