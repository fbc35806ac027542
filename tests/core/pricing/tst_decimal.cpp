#include "pricing/decimal.h"

#include <QTest>

using namespace burnrate;

class TestDecimal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
    void formats();
    void multipliers();
};

void TestDecimal::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("scale");
    QTest::addColumn<qint64>("value");
    QTest::addColumn<bool>("exact");
    // USD per MTok -> pico per token (scale 6)
    QTest::addRow("3.75") << "3.75" << 6 << qint64(3'750'000) << true;
    QTest::addRow("0.075") << "0.075" << 6 << qint64(75'000) << true;
    QTest::addRow("0.546875") << "0.546875" << 6 << qint64(546'875) << true;
    QTest::addRow("2.1875") << "2.1875" << 6 << qint64(2'187'500) << true;
    QTest::addRow("trailing zeros") << "15.000000000" << 6 << qint64(15'000'000) << true;
    QTest::addRow("integer") << "40" << 6 << qint64(40'000'000) << true;
    QTest::addRow("plus sign") << "+2" << 6 << qint64(2'000'000) << true;
    QTest::addRow("zero") << "0" << 6 << qint64(0) << true;
    QTest::addRow("minus zero") << "-0.0" << 6 << qint64(0) << true;
    // USD per token (LiteLLM) -> pico per token (scale 12)
    QTest::addRow("3e-06") << "3e-06" << 12 << qint64(3'000'000) << true;
    QTest::addRow("2.5E-6") << "2.5E-6" << 12 << qint64(2'500'000) << true;
    QTest::addRow("float artefact") << "0.0000029999900000000002" << 12 << qint64(2'999'990) << false;
    // rounding half-up past the scale
    QTest::addRow("1/12") << "0.08333333333333334" << 6 << qint64(83'333) << false;
    QTest::addRow("half rounds up") << "0.0000005" << 6 << qint64(1) << false;
    QTest::addRow("below half") << "0.00000049" << 6 << qint64(0) << false;
    QTest::addRow("0.18000000000000002") << "0.18000000000000002" << 6 << qint64(180'000) << false;
    QTest::addRow("exponent up") << "1.5e2" << 6 << qint64(150'000'000) << true;
}

void TestDecimal::parses()
{
    QFETCH(QString, text);
    QFETCH(int, scale);
    QFETCH(qint64, value);
    QFETCH(bool, exact);
    const auto d = parseScaledDecimal(QStringView(text), scale);
    QVERIFY2(d, qPrintable(d.error()));
    QCOMPARE(d->value, value);
    QCOMPARE(d->exact, exact);
}

void TestDecimal::refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addRow("negative") << "-2.5"
                              << "-2.5 is negative";
    QTest::addRow("word") << "free"
                          << "\"free\" is not a decimal number";
    QTest::addRow("empty") << ""
                           << "\"\" is not a decimal number";
    QTest::addRow("two points") << "1.2.3"
                                << "\"1.2.3\" is not a decimal number";
    QTest::addRow("hex") << "0x10"
                         << "\"0x10\" is not a decimal number";
    QTest::addRow("nan") << "NaN"
                         << "\"NaN\" is not a decimal number";
    QTest::addRow("overflow") << "99999999999999"
                              << "99999999999999 is too large";
}

void TestDecimal::refuses()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const auto d = parseScaledDecimal(QStringView(text), 6);
    QVERIFY(!d);
    QCOMPARE(d.error(), message);
}

void TestDecimal::formats()
{
    QCOMPARE(formatScaled(2'500'000, 6), QStringLiteral("2.5"));
    QCOMPARE(formatScaled(75'000, 6), QStringLiteral("0.075"));
    QCOMPARE(formatScaled(0, 6), QStringLiteral("0"));
    QCOMPARE(formatScaled(10'000'000, 6), QStringLiteral("10"));
    QCOMPARE(formatScaled(1, 12), QStringLiteral("0.000000000001"));
    QCOMPARE(formatScaled(-1'500, 3), QStringLiteral("-1.5"));
}

void TestDecimal::multipliers()
{
    QCOMPARE(*parseMultiplier(u"0.5"), (Multiplier{1, 2}));
    QCOMPARE(*parseMultiplier(u"1.1"), (Multiplier{11, 10}));
    QCOMPARE(parseMultiplier(u"0.5")->toString(), QStringLiteral("0.5"));
    QCOMPARE((Multiplier{1, 3}).toString(), QStringLiteral("1/3"));
    QVERIFY(!parseMultiplier(u"0"));
    QVERIFY(!parseMultiplier(u"-0.5"));
    QVERIFY(!parseMultiplier(u"0.1234567"));
}

QTEST_GUILESS_MAIN(TestDecimal)
#include "tst_decimal.moc"
