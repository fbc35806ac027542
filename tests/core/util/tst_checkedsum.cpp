// Checked sums: a total beyond int64 is an error that names it, never a wrapped number.
#include "util/checkedsum.h"

#include <QTest>

#include <limits>

using namespace burnrate;

namespace {

constexpr std::int64_t Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t Min = std::numeric_limits<std::int64_t>::min();

} // namespace

class TestCheckedSum : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addsUpToTheEdges();
    void overflowLeavesTheTotal();
    void firstOverflowIsNamed();
};

void TestCheckedSum::addsUpToTheEdges()
{
    std::int64_t total = Max - 1;
    QVERIFY(checkedAdd(total, 1));
    QCOMPARE(total, Max);
    total = Min + 1;
    QVERIFY(checkedAdd(total, -1));
    QCOMPARE(total, Min);
    total = Max;
    QVERIFY(checkedAdd(total, Min));
    QCOMPARE(total, qint64(-1));
}

void TestCheckedSum::overflowLeavesTheTotal()
{
    std::int64_t total = Max;
    QVERIFY(!checkedAdd(total, 1));
    QCOMPARE(total, Max);
    total = Min;
    QVERIFY(!checkedAdd(total, -1));
    QCOMPARE(total, Min);
}

void TestCheckedSum::firstOverflowIsNamed()
{
    SumCheck sums;
    std::int64_t input = Max / 2 + 1;
    std::int64_t cost = Max;
    sums.add(input, Max / 2, "input tokens");
    QVERIFY(sums.ok());
    QVERIFY(sums.error().isEmpty());
    QCOMPARE(input, Max);
    sums.add(input, 1, "input tokens");
    sums.add(cost, 1, "cost in nano-USD");
    QVERIFY(!sums.ok());
    QCOMPARE(input, Max);
    QCOMPARE(sums.error(), QStringLiteral("the total of input tokens exceeds the largest number Burnrate can count "
                                          "(9223372036854775807)"));
    QCOMPARE(sumOverflowMessage(u"cost in nano-USD"),
             QStringLiteral("the total of cost in nano-USD exceeds the largest number Burnrate can count "
                            "(9223372036854775807)"));
    QCOMPARE(beyondInt64Message(u"the forecast spend in nano-USD"),
             QStringLiteral("the forecast spend in nano-USD exceeds the largest number Burnrate can count "
                            "(9223372036854775807)"));
}

QTEST_GUILESS_MAIN(TestCheckedSum)
#include "tst_checkedsum.moc"
