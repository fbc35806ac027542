// Exact integer maths of the budget engine: a × b ÷ c with a 128-bit middle, the forecast and its crossing
// instant, the median and the anomaly rule.
#include "budget/budgetmath.h"
#include "budget/forecast.h"

#include <QTest>

#include <limits>

using namespace burnrate;

class TestBudgetMath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mulDivRounds_data();
    void mulDivRounds();
    void mulDivNeedsMoreThan64Bits();
    void compareProducts();
    void forecastSpendPlusRateTimesTimeLeft();
    void forecastCrossingInstant();
    void forecastWithoutRateOrOverBudget();
    void forecastBeyondInt64IsAnError();
    void median();
    void anomalyRule();
};

void TestBudgetMath::mulDivRounds_data()
{
    QTest::addColumn<qint64>("a");
    QTest::addColumn<qint64>("b");
    QTest::addColumn<qint64>("c");
    QTest::addColumn<qint64>("down");
    QTest::addColumn<qint64>("halfUp");
    QTest::addColumn<qint64>("up");
    QTest::addRow("exact") << qint64(6) << qint64(7) << qint64(3) << qint64(14) << qint64(14) << qint64(14);
    QTest::addRow("below half") << qint64(10) << qint64(1) << qint64(3) << qint64(3) << qint64(3) << qint64(4);
    QTest::addRow("half") << qint64(5) << qint64(1) << qint64(2) << qint64(2) << qint64(3) << qint64(3);
    QTest::addRow("above half") << qint64(5) << qint64(1) << qint64(3) << qint64(1) << qint64(2) << qint64(2);
    QTest::addRow("zero") << qint64(0) << qint64(99) << qint64(7) << qint64(0) << qint64(0) << qint64(0);
    QTest::addRow("odd divisor half") << qint64(7) << qint64(1) << qint64(2) << qint64(3) << qint64(4) << qint64(4);
}

void TestBudgetMath::mulDivRounds()
{
    QFETCH(qint64, a);
    QFETCH(qint64, b);
    QFETCH(qint64, c);
    QFETCH(qint64, down);
    QFETCH(qint64, halfUp);
    QFETCH(qint64, up);
    QCOMPARE(mulDiv(a, b, c, Rounding::Down), down);
    QCOMPARE(mulDiv(a, b, c, Rounding::HalfUp), halfUp);
    QCOMPARE(mulDiv(a, b, c, Rounding::Up), up);
}

void TestBudgetMath::mulDivNeedsMoreThan64Bits()
{
    // $5,000 spent over 7 days, times 31 days left in ms: the product is ~1.3e22, far beyond int64.
    const qint64 trailing = 5'000'000'000'000;
    const qint64 week = 7 * MsPerDay;
    const qint64 left = 31 * MsPerDay;
    QCOMPARE(mulDiv(trailing, left, week, Rounding::Down), qint64(22'142'857'142'857));
    QCOMPARE(mulDiv(trailing, left, week, Rounding::HalfUp), qint64(22'142'857'142'857));
    QCOMPARE(mulDiv(trailing, left, week, Rounding::Up), qint64(22'142'857'142'858));
    constexpr qint64 Max = std::numeric_limits<qint64>::max();
    QCOMPARE(mulDiv(Max, Max, Max, Rounding::Down), Max);
    QCOMPARE(mulDiv(Max, 2, 4, Rounding::Down), Max / 2);
    QCOMPARE(mulDiv(Max, 2, 4, Rounding::HalfUp), Max / 2 + 1);
    // A quotient beyond int64 saturates; the checked variant says so instead.
    QCOMPARE(mulDiv(Max, Max, 2, Rounding::Down), Max);
    QCOMPARE(mulDiv(Max, 3, 2, Rounding::Down), Max);
    QVERIFY(!checkedMulDiv(Max, Max, 2, Rounding::Down));
    QVERIFY(!checkedMulDiv(Max, 3, 2, Rounding::Down));
    QCOMPARE(checkedMulDiv(Max, Max, Max, Rounding::Up), Max);
    QCOMPARE(checkedMulDiv(Max, 2, 2, Rounding::Up), Max);
    QVERIFY(!checkedMulDiv(Max / 2 + 1, 2, 1, Rounding::Down));
    // 65535 x 281479271743489 = 2^64 - 1: halved, the quotient is the largest value with 1 left over, and rounding it
    // up would step past it.
    QCOMPARE(checkedMulDiv(65535, 281'479'271'743'489, 2, Rounding::Down), Max);
    QVERIFY(!checkedMulDiv(65535, 281'479'271'743'489, 2, Rounding::Up));
    QVERIFY(!checkedMulDiv(65535, 281'479'271'743'489, 2, Rounding::HalfUp));
    QCOMPARE(mulDiv(65535, 281'479'271'743'489, 2, Rounding::Up), Max);
    QCOMPARE(checkedMulDiv(trailing, left, week, Rounding::Up), qint64(22'142'857'142'858));
}

void TestBudgetMath::compareProducts()
{
    QVERIFY(burnrate::compareProducts(80, 100, 100, 80) == 0);
    QVERIFY(burnrate::compareProducts(79'999'999'999, 100, 100'000'000'000, 80) < 0);
    QVERIFY(burnrate::compareProducts(80'000'000'001, 100, 100'000'000'000, 80) > 0);
    constexpr qint64 Max = std::numeric_limits<qint64>::max();
    QVERIFY(burnrate::compareProducts(Max, Max, Max, Max - 1) > 0);
    QVERIFY(burnrate::compareProducts(Max - 1, Max, Max, Max) < 0);
}

void TestBudgetMath::forecastSpendPlusRateTimesTimeLeft()
{
    // $70 in the last 7 days is $10 a day; 10.5 days left; $40 so far: $40 + $105 = $145.
    const qint64 now = 1'000'000'000'000;
    const Forecast f = *forecastPeriod(40'000'000'000, 70'000'000'000, 7 * MsPerDay, now,
                                       now + 10 * MsPerDay + MsPerDay / 2, 100'000'000'000);
    QCOMPARE(f.spendNano, qint64(40'000'000'000));
    QCOMPARE(f.runRatePerDayNano, qint64(10'000'000'000));
    QCOMPARE(f.forecastNano, qint64(145'000'000'000));
    QVERIFY(!f.overBudget);
    // $60 to go at $10 a day: 6 days from now.
    QVERIFY(f.crossingMs.has_value());
    QCOMPARE(*f.crossingMs, now + 6 * MsPerDay);
}

void TestBudgetMath::forecastCrossingInstant()
{
    // A rate that does not divide evenly: the crossing is the first millisecond at which the budget is reached.
    const qint64 now = 0;
    const Forecast f = *forecastPeriod(0, 3, 7 * MsPerDay, now, 30 * MsPerDay, 1);
    // 1 nano at 3 nano per week: 7 days / 3, rounded up to the millisecond.
    QCOMPARE(*f.crossingMs, (7 * MsPerDay + 2) / 3);
    // Not within the period: no crossing date, and the forecast holds.
    const Forecast holds =
        *forecastPeriod(10'000'000'000, 7'000'000'000, 7 * MsPerDay, now, 5 * MsPerDay, 100'000'000'000);
    QVERIFY(!holds.crossingMs);
    QCOMPARE(holds.forecastNano, qint64(15'000'000'000));
    // Exactly at the end of the period counts as not crossing inside it.
    const Forecast atEnd = *forecastPeriod(0, 7'000'000'000, 7 * MsPerDay, now, 10 * MsPerDay, 10'000'000'000);
    QCOMPARE(atEnd.forecastNano, qint64(10'000'000'000));
    QVERIFY(!atEnd.crossingMs);
}

void TestBudgetMath::forecastWithoutRateOrOverBudget()
{
    const Forecast idle = *forecastPeriod(12'000'000'000, 0, 7 * MsPerDay, 0, 10 * MsPerDay, 100'000'000'000);
    QCOMPARE(idle.forecastNano, qint64(12'000'000'000));
    QCOMPARE(idle.runRatePerDayNano, qint64(0));
    QVERIFY(!idle.crossingMs);
    const Forecast over =
        *forecastPeriod(120'000'000'000, 7'000'000'000, 7 * MsPerDay, 0, 2 * MsPerDay, 100'000'000'000);
    QVERIFY(over.overBudget);
    QVERIFY(!over.crossingMs);
    QCOMPARE(over.forecastNano, qint64(122'000'000'000));
    // The last instant of the period: nothing left to add.
    const Forecast last = *forecastPeriod(5, 7'000'000'000, 7 * MsPerDay, 100, 100, 1000);
    QCOMPARE(last.forecastNano, qint64(5));
}

void TestBudgetMath::forecastBeyondInt64IsAnError()
{
    constexpr qint64 Max = std::numeric_limits<qint64>::max();
    // $4 billion a week for 20 more days: about $15 billion, beyond int64 nano-USD.
    const auto far = forecastPeriod(0, 4'000'000'000'000'000'000, 7 * MsPerDay, 0, 20 * MsPerDay, 100);
    QVERIFY(!far.ok());
    QCOMPARE(far.error(), QStringLiteral("the forecast spend in nano-USD exceeds the largest number Burnrate can count "
                                         "(9223372036854775807)"));
    // The spend so far plus a rate that fits alone.
    const auto sum = forecastPeriod(Max - 10, 7, 7 * MsPerDay, 0, 11 * MsPerDay, Max);
    QVERIFY(!sum.ok());
    QCOMPARE(sum.error(), far.error());
    // Exactly the largest value fits.
    const auto edge = forecastPeriod(Max - 10, 7, 7 * MsPerDay, 0, 10 * MsPerDay, Max);
    QVERIFY2(edge.ok(), qPrintable(edge.error()));
    QCOMPARE(edge->forecastNano, Max);
    // A rate per day beyond int64 (a window shorter than a day).
    const auto rate = forecastPeriod(0, Max, MsPerDay / 2, 0, MsPerDay / 4, Max);
    QVERIFY(!rate.ok());
    QVERIFY2(rate.error().startsWith(QStringLiteral("the run rate per day")), qPrintable(rate.error()));
    // The amount left of a budget after a large refund (negative spend).
    const auto left = forecastPeriod(-Max, 1, 7 * MsPerDay, 0, 10 * MsPerDay, Max);
    QVERIFY(!left.ok());
    QVERIFY2(left.error().startsWith(QStringLiteral("the amount left")), qPrintable(left.error()));
}

void TestBudgetMath::median()
{
    QCOMPARE(*twiceMedian({}), qint64(0));
    QCOMPARE(*twiceMedian({5}), qint64(10));
    QCOMPARE(*twiceMedian({9, 1, 5}), qint64(10));
    QCOMPARE(*twiceMedian({4, 1, 3, 2}), qint64(5)); // (2 + 3) / 2 = 2.5
    QList<std::int64_t> fourteen = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1};
    QCOMPARE(*twiceMedian(fourteen), qint64(1)); // (0 + 1) / 2
    // Twice a median beyond half of int64 does not fit: an error, never a negative number.
    constexpr qint64 Max = std::numeric_limits<qint64>::max();
    QCOMPARE(*twiceMedian({Max / 2, 0, Max}), Max - 1);
    QCOMPARE(*twiceMedian({Max / 2, Max / 2 + 1}), Max);
    QVERIFY(!twiceMedian({Max / 2 + 1, 0, Max}).ok());
    QVERIFY(!twiceMedian({Max, Max}).ok());
}

void TestBudgetMath::anomalyRule()
{
    const qint64 floor = 1'000'000'000; // $1
    // Median $2.50 (twice: $5): 3× is $7.50. $7.50 is not above it; $7.51 is.
    QVERIFY(!isAnomalous(7'500'000'000, 5'000'000'000, 3, floor));
    QVERIFY(isAnomalous(7'500'000'001, 5'000'000'000, 3, floor));
    // Far above a tiny median but not above the floor.
    QVERIFY(!isAnomalous(1'000'000'000, 2'000, 3, floor));
    QVERIFY(isAnomalous(1'000'000'001, 2'000, 3, floor));
    // A median of nothing: anything above the floor.
    QVERIFY(isAnomalous(1'500'000'000, 0, 3, floor));
}

QTEST_GUILESS_MAIN(TestBudgetMath)
#include "tst_budgetmath.moc"
