#include "money/money.h"

#include <QTest>

#include <limits>

using burnrate::Money;
using burnrate::MoneyAccumulator;

class TestMoney : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void parseRejects_data();
    void parseRejects();
    void decimalString_data();
    void decimalString();
    void display_data();
    void display();
    void roundTripsExtremes();
    void checkedArithmetic();
    void accumulatorOverflow();
};

void TestMoney::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("nano");
    QTest::addRow("integer") << QStringLiteral("12") << qint64(12'000'000'000);
    QTest::addRow("fraction") << QStringLiteral("0.0342") << qint64(34'200'000);
    QTest::addRow("nine decimals") << QStringLiteral("12.345678901") << qint64(12'345'678'901);
    QTest::addRow("negative") << QStringLiteral("-0.5") << qint64(-500'000'000);
    QTest::addRow("plus sign") << QStringLiteral("+1.25") << qint64(1'250'000'000);
    QTest::addRow("spaces") << QStringLiteral("  7.25 ") << qint64(7'250'000'000);
    QTest::addRow("leading dot") << QStringLiteral(".5") << qint64(500'000'000);
    QTest::addRow("trailing dot") << QStringLiteral("5.") << qint64(5'000'000'000);
    QTest::addRow("exponent") << QStringLiteral("3e-06") << qint64(3'000);
    QTest::addRow("exponent upper") << QStringLiteral("3.5E+2") << qint64(350'000'000'000);
    QTest::addRow("zero") << QStringLiteral("0.000") << qint64(0);
    QTest::addRow("minus zero") << QStringLiteral("-0") << qint64(0);
    // A double would turn this into ...0000000002; exact parsing must not.
    QTest::addRow("float artefact") << QStringLiteral("0.0000029999900000000002") << qint64(3'000);
    QTest::addRow("tenth decimal rounds half up") << QStringLiteral("0.0000000015") << qint64(2);
    QTest::addRow("tenth decimal rounds down") << QStringLiteral("0.0000000014999") << qint64(1);
    QTest::addRow("negative half away from zero") << QStringLiteral("-0.0000000005") << qint64(-1);
    QTest::addRow("tiny rounds to zero") << QStringLiteral("1e-12") << qint64(0);
    QTest::addRow("long float") << QStringLiteral("0.11054999999999998") << qint64(110'550'000);
    QTest::addRow("max") << QStringLiteral("9223372036.854775807") << std::numeric_limits<qint64>::max();
    QTest::addRow("min") << QStringLiteral("-9223372036.854775807") << -std::numeric_limits<qint64>::max();
}

void TestMoney::parse()
{
    QFETCH(QString, text);
    QFETCH(qint64, nano);
    const auto m = Money::parseUsd(QStringView(text));
    QVERIFY2(m.ok(), qPrintable(m.error()));
    QCOMPARE(m->nano(), nano);
}

void TestMoney::parseRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("empty") << QString();
    QTest::addRow("blank") << QStringLiteral("   ");
    QTest::addRow("letters") << QStringLiteral("abc");
    QTest::addRow("dollar sign") << QStringLiteral("$5");
    QTest::addRow("two dots") << QStringLiteral("1.2.3");
    QTest::addRow("bare exponent") << QStringLiteral("1e");
    QTest::addRow("sign only") << QStringLiteral("-");
    QTest::addRow("comma") << QStringLiteral("1,000");
    QTest::addRow("overflow") << QStringLiteral("9223372037");
    QTest::addRow("overflow by rounding") << QStringLiteral("9223372036.8547758075");
    QTest::addRow("huge exponent") << QStringLiteral("1e400000");
    QTest::addRow("nan") << QStringLiteral("NaN");
    QTest::addRow("inf") << QStringLiteral("inf");
}

void TestMoney::parseRejects()
{
    QFETCH(QString, text);
    const auto m = Money::parseUsd(QStringView(text));
    QVERIFY(!m.ok());
    QVERIFY(!m.error().isEmpty());
    QVERIFY(!m.error().contains(QLatin1Char('\n')));
}

void TestMoney::decimalString_data()
{
    QTest::addColumn<qint64>("nano");
    QTest::addColumn<QString>("text");
    QTest::addRow("zero") << qint64(0) << QStringLiteral("0.000000000");
    QTest::addRow("design example") << qint64(12'345'678'901) << QStringLiteral("12.345678901");
    QTest::addRow("small") << qint64(123'456'789) << QStringLiteral("0.123456789");
    QTest::addRow("negative") << qint64(-34'200'000) << QStringLiteral("-0.034200000");
    QTest::addRow("min") << std::numeric_limits<qint64>::min() << QStringLiteral("-9223372036.854775808");
}

void TestMoney::decimalString()
{
    QFETCH(qint64, nano);
    QFETCH(QString, text);
    QCOMPARE(Money::fromNano(nano).toDecimalString(), text);
}

void TestMoney::display_data()
{
    QTest::addColumn<qint64>("nano");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("text");
    QTest::addRow("cents") << qint64(80'414'999'999) << 2 << QStringLiteral("$80.41");
    QTest::addRow("half up") << qint64(80'415'000'000) << 2 << QStringLiteral("$80.42");
    QTest::addRow("grouping") << qint64(1'234'567'890'000'000) << 2 << QStringLiteral("$1,234,567.89");
    QTest::addRow("whole dollars") << qint64(130'600'000'000) << 0 << QStringLiteral("$131");
    QTest::addRow("negative") << qint64(-1'005'000'000) << 2 << QStringLiteral("-$1.01");
    QTest::addRow("negative rounds to zero") << qint64(-4'000'000) << 2 << QStringLiteral("$0.00");
    QTest::addRow("four decimals") << qint64(34'200'000) << 4 << QStringLiteral("$0.0342");
    QTest::addRow("all nine") << qint64(1) << 9 << QStringLiteral("$0.000000001");
}

void TestMoney::display()
{
    QFETCH(qint64, nano);
    QFETCH(int, decimals);
    QFETCH(QString, text);
    QCOMPARE(Money::fromNano(nano).toDisplayString(decimals), text);
}

void TestMoney::roundTripsExtremes()
{
    for (qint64 v : {qint64(0), qint64(1), qint64(-1), qint64(999'999'999), std::numeric_limits<qint64>::max(),
                     std::numeric_limits<qint64>::min() + 1, qint64(123'456'789'012'345)}) {
        const auto back = Money::parseUsd(QStringView(Money::fromNano(v).toDecimalString()));
        QVERIFY(back.ok());
        QCOMPARE(back->nano(), v);
    }
}

void TestMoney::checkedArithmetic()
{
    const Money max = Money::fromNano(std::numeric_limits<qint64>::max());
    QVERIFY(!max.checkedAdd(Money::fromNano(1)).has_value());
    QCOMPARE(max.checkedSub(Money::fromNano(1))->nano(), std::numeric_limits<qint64>::max() - 1);
    QVERIFY(!Money::fromNano(std::numeric_limits<qint64>::min()).checkedSub(Money::fromNano(1)).has_value());
    QCOMPARE(Money::fromNano(5).checkedAdd(Money::fromNano(-7))->nano(), qint64(-2));
}

void TestMoney::accumulatorOverflow()
{
    MoneyAccumulator acc;
    acc.add(std::numeric_limits<qint64>::max() - 10);
    acc.add(10);
    QVERIFY(!acc.overflowed());
    acc.add(1);
    QVERIFY(acc.overflowed());
    acc.add(-100);
    QVERIFY(acc.overflowed()); // sticky
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
