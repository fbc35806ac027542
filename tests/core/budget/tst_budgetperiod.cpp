// Budget periods in the user's time zone: monthly from any start day (clamped to short months), weekly from
// the configured week start, daily; bounded by local midnights, so DST changes make them shorter or longer.
#include "budget/budgetperiod.h"
#include "util/localcalendar.h"
#include "util/timestamp.h"

#include <QTest>

using namespace burnrate;

namespace {

constexpr qint64 Hour = 3'600'000;
constexpr qint64 Day = 24 * Hour;

qint64 at(const char *rfc3339)
{
    return *parseRfc3339Ms(rfc3339);
}

Budget budget(BudgetPeriod period, int startDay = 1)
{
    Budget b;
    b.name = QStringLiteral("b");
    b.period = period;
    b.startDay = startDay;
    b.amountNano = 1;
    return b;
}

LocalCalendar berlin(Qt::DayOfWeek weekStart = Qt::Monday)
{
    return *LocalCalendar::forZoneId("Europe/Berlin", weekStart);
}

} // namespace

class TestBudgetPeriod : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void monthly_data();
    void monthly();
    void startDay31InFebruary();
    void weeklyFollowsTheWeekStart();
    void daily();
    void dstMakesPeriodsShorterAndLonger();
    void boundaryInstants();
    void otherZones();
};

void TestBudgetPeriod::monthly_data()
{
    QTest::addColumn<int>("startDay");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QDate>("first");
    QTest::addColumn<QDate>("end");
    QTest::addRow("day 1") << 1 << QDate(2026, 11, 18) << QDate(2026, 11, 1) << QDate(2026, 12, 1);
    QTest::addRow("day 1, first day") << 1 << QDate(2026, 11, 1) << QDate(2026, 11, 1) << QDate(2026, 12, 1);
    QTest::addRow("day 1, last day") << 1 << QDate(2026, 11, 30) << QDate(2026, 11, 1) << QDate(2026, 12, 1);
    QTest::addRow("day 15, after") << 15 << QDate(2026, 11, 20) << QDate(2026, 11, 15) << QDate(2026, 12, 15);
    QTest::addRow("day 15, before") << 15 << QDate(2026, 11, 14) << QDate(2026, 10, 15) << QDate(2026, 11, 15);
    QTest::addRow("day 15, over new year") << 15 << QDate(2027, 1, 3) << QDate(2026, 12, 15) << QDate(2027, 1, 15);
    QTest::addRow("day 30, March") << 30 << QDate(2026, 3, 1) << QDate(2026, 2, 28) << QDate(2026, 3, 30);
    QTest::addRow("day 31, April 29") << 31 << QDate(2026, 4, 29) << QDate(2026, 3, 31) << QDate(2026, 4, 30);
    QTest::addRow("day 31, April 30") << 31 << QDate(2026, 4, 30) << QDate(2026, 4, 30) << QDate(2026, 5, 31);
    QTest::addRow("day 31, May 1") << 31 << QDate(2026, 5, 1) << QDate(2026, 4, 30) << QDate(2026, 5, 31);
}

void TestBudgetPeriod::monthly()
{
    QFETCH(int, startDay);
    QFETCH(QDate, date);
    QFETCH(QDate, first);
    QFETCH(QDate, end);
    const LocalCalendar cal = berlin();
    const PeriodWindow w = periodContaining(budget(BudgetPeriod::Monthly, startDay), cal, date);
    QCOMPARE(w.first, first);
    QCOMPARE(w.end, end);
    QCOMPARE(w.last(), end.addDays(-1));
    QCOMPARE(w.startMs, cal.startOfDayUtcMs(first));
    QCOMPARE(w.endMs, cal.startOfDayUtcMs(end));
    // Consecutive periods tile the calendar: the day before the start belongs to the previous period.
    QCOMPARE(periodContaining(budget(BudgetPeriod::Monthly, startDay), cal, first.addDays(-1)).end, first);
    QCOMPARE(periodContaining(budget(BudgetPeriod::Monthly, startDay), cal, end).first, end);
}

void TestBudgetPeriod::startDay31InFebruary()
{
    const LocalCalendar cal = berlin();
    const Budget b = budget(BudgetPeriod::Monthly, 31);
    // 2026 is not a leap year: Jan 31 → Feb 28 → Mar 31.
    QCOMPARE(periodContaining(b, cal, QDate(2026, 2, 10)).first, QDate(2026, 1, 31));
    QCOMPARE(periodContaining(b, cal, QDate(2026, 2, 10)).end, QDate(2026, 2, 28));
    QCOMPARE(periodContaining(b, cal, QDate(2026, 2, 28)).first, QDate(2026, 2, 28));
    QCOMPARE(periodContaining(b, cal, QDate(2026, 2, 28)).end, QDate(2026, 3, 31));
    QCOMPARE(periodContaining(b, cal, QDate(2026, 3, 30)).first, QDate(2026, 2, 28));
    QCOMPARE(periodContaining(b, cal, QDate(2026, 3, 31)).first, QDate(2026, 3, 31));
    // 2028 is: Feb 29.
    QCOMPARE(periodContaining(b, cal, QDate(2028, 2, 28)).first, QDate(2028, 1, 31));
    QCOMPARE(periodContaining(b, cal, QDate(2028, 2, 29)).first, QDate(2028, 2, 29));
    QCOMPARE(periodContaining(b, cal, QDate(2028, 2, 29)).end, QDate(2028, 3, 31));
    // Every day of two years lies in exactly one period, and periods follow each other without a gap.
    QDate d(2026, 1, 1);
    PeriodWindow previous = periodContaining(b, cal, d);
    for (int i = 0; i < 730; ++i, d = d.addDays(1)) {
        const PeriodWindow w = periodContaining(b, cal, d);
        QVERIFY(w.first <= d && d < w.end);
        QVERIFY(w == previous || w.first == previous.end);
        previous = w;
    }
}

void TestBudgetPeriod::weeklyFollowsTheWeekStart()
{
    const Budget b = budget(BudgetPeriod::Weekly);
    // 2026-11-18 is a Wednesday.
    const PeriodWindow monday = periodContaining(b, berlin(Qt::Monday), QDate(2026, 11, 18));
    QCOMPARE(monday.first, QDate(2026, 11, 16));
    QCOMPARE(monday.end, QDate(2026, 11, 23));
    const PeriodWindow sunday = periodContaining(b, berlin(Qt::Sunday), QDate(2026, 11, 18));
    QCOMPARE(sunday.first, QDate(2026, 11, 15));
    QCOMPARE(sunday.end, QDate(2026, 11, 22));
    QCOMPARE(periodContaining(b, berlin(Qt::Sunday), QDate(2026, 11, 15)).first, QDate(2026, 11, 15));
    QCOMPARE(periodContaining(b, berlin(Qt::Sunday), QDate(2026, 11, 14)).first, QDate(2026, 11, 8));
}

void TestBudgetPeriod::daily()
{
    const PeriodWindow w = periodContaining(budget(BudgetPeriod::Daily), berlin(), QDate(2026, 11, 18));
    QCOMPARE(w.first, QDate(2026, 11, 18));
    QCOMPARE(w.end, QDate(2026, 11, 19));
    QCOMPARE(w.endMs - w.startMs, Day);
    QCOMPARE(w.startMs, at("2026-11-17T23:00:00Z"));
}

void TestBudgetPeriod::dstMakesPeriodsShorterAndLonger()
{
    const LocalCalendar cal = berlin();
    // Clocks go forward on 2026-03-29 and back on 2026-10-25 in Berlin.
    const PeriodWindow spring = periodContaining(budget(BudgetPeriod::Daily), cal, QDate(2026, 3, 29));
    QCOMPARE(spring.endMs - spring.startMs, 23 * Hour);
    const PeriodWindow autumn = periodContaining(budget(BudgetPeriod::Daily), cal, QDate(2026, 10, 25));
    QCOMPARE(autumn.endMs - autumn.startMs, 25 * Hour);
    const PeriodWindow march = periodContaining(budget(BudgetPeriod::Monthly), cal, QDate(2026, 3, 15));
    QCOMPARE(march.startMs, at("2026-02-28T23:00:00Z")); // CET
    QCOMPARE(march.endMs, at("2026-03-31T22:00:00Z"));   // CEST
    QCOMPARE(march.endMs - march.startMs, 31 * Day - Hour);
    const PeriodWindow october = periodContaining(budget(BudgetPeriod::Monthly), cal, QDate(2026, 10, 31));
    QCOMPARE(october.endMs - october.startMs, 31 * Day + Hour);
    const PeriodWindow week = periodContaining(budget(BudgetPeriod::Weekly), cal, QDate(2026, 10, 25));
    QCOMPARE(week.first, QDate(2026, 10, 19));
    QCOMPARE(week.endMs - week.startMs, 7 * Day + Hour);
}

void TestBudgetPeriod::boundaryInstants()
{
    LocalCalendar cal = berlin();
    const Budget b = budget(BudgetPeriod::Monthly);
    // The last millisecond of November in Berlin is still November; the next is December.
    QCOMPARE(periodAt(b, cal, at("2026-11-30T22:59:59.999Z")).first, QDate(2026, 11, 1));
    QCOMPARE(periodAt(b, cal, at("2026-11-30T23:00:00Z")).first, QDate(2026, 12, 1));
    // In UTC that instant is still November 30th.
    LocalCalendar utc = *LocalCalendar::forZoneId("UTC");
    QCOMPARE(periodAt(b, utc, at("2026-11-30T23:00:00Z")).first, QDate(2026, 11, 1));
    QVERIFY(periodAt(b, cal, at("2026-11-18T12:00:00Z")).contains(at("2026-11-30T22:59:59.999Z")));
    QVERIFY(!periodAt(b, cal, at("2026-11-18T12:00:00Z")).contains(at("2026-11-30T23:00:00Z")));
}

void TestBudgetPeriod::otherZones()
{
    // Half-hour offset, and a zone whose DST change happens at midnight (America/Havana: the day starts at 01:00).
    LocalCalendar kolkata = *LocalCalendar::forZoneId("Asia/Kolkata");
    QCOMPARE(periodAt(budget(BudgetPeriod::Daily), kolkata, at("2026-11-18T18:29:59Z")).first, QDate(2026, 11, 18));
    QCOMPARE(periodAt(budget(BudgetPeriod::Daily), kolkata, at("2026-11-18T18:30:00Z")).first, QDate(2026, 11, 19));
    LocalCalendar havana = *LocalCalendar::forZoneId("America/Havana");
    // 2026-03-08 00:00 does not exist there; the day starts at 01:00 local = 05:00 UTC.
    const PeriodWindow w = periodContaining(budget(BudgetPeriod::Daily), havana, QDate(2026, 3, 8));
    QCOMPARE(w.startMs, at("2026-03-08T05:00:00Z"));
    QCOMPARE(w.endMs - w.startMs, 23 * Hour);
}

QTEST_GUILESS_MAIN(TestBudgetPeriod)
#include "tst_budgetperiod.moc"
