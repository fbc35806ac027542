// The portable unsigned 128-bit integer of exact money arithmetic (products, sums, division with remainder),
// checked against values computed with arbitrary-precision integers, and apportion() at the edges of int64.
#include "util/apportion.h"
#include "util/uint128.h"

#include <QTest>

#include <limits>

using namespace burnrate;

class TestUInt128 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void product_data();
    void product();
    void divide_data();
    void divide();
    void sumsCarryAndDifferencesBorrow();
    void orderComparesTheHighHalfFirst();
    void apportionAtTheEdgesOfInt64();
};

void TestUInt128::product_data()
{
    QTest::addColumn<quint64>("a");
    QTest::addColumn<quint64>("b");
    QTest::addColumn<quint64>("hi");
    QTest::addColumn<quint64>("lo");
    QTest::addRow("0xffffffffffffffff x 0xffffffffffffffff")
        << Q_UINT64_C(18446744073709551615) << Q_UINT64_C(18446744073709551615) << Q_UINT64_C(18446744073709551614)
        << Q_UINT64_C(1);
    QTest::addRow("0x7fffffffffffffff x 0x7fffffffffffffff")
        << Q_UINT64_C(9223372036854775807) << Q_UINT64_C(9223372036854775807) << Q_UINT64_C(4611686018427387903)
        << Q_UINT64_C(1);
    QTest::addRow("0xffffffff x 0xffffffff")
        << Q_UINT64_C(4294967295) << Q_UINT64_C(4294967295) << Q_UINT64_C(0) << Q_UINT64_C(18446744065119617025);
    QTest::addRow("0x1b69b4ba630f34e x 0xdb4da5f49f8b478")
        << Q_UINT64_C(123456789012345678) << Q_UINT64_C(987654321098765432) << Q_UINT64_C(6609981178781634)
        << Q_UINT64_C(11144622436905182352);
    QTest::addRow("0x1 x 0xffffffffffffffff")
        << Q_UINT64_C(1) << Q_UINT64_C(18446744073709551615) << Q_UINT64_C(0) << Q_UINT64_C(18446744073709551615);
    QTest::addRow("0x0 x 0x5") << Q_UINT64_C(0) << Q_UINT64_C(5) << Q_UINT64_C(0) << Q_UINT64_C(0);
    QTest::addRow("0xf2a74de452e6b438 x 0x6513270e269e0d37")
        << Q_UINT64_C(17485029721327973432) << Q_UINT64_C(7283207964119141687) << Q_UINT64_C(6903500542447049903)
        << Q_UINT64_C(13716311310873366536);
    QTest::addRow("0xc5c7fd0a6a3a450 x 0xd23f0824128b2f33")
        << Q_UINT64_C(890727360438182992) << Q_UINT64_C(15149836622520594227) << Q_UINT64_C(731531479589386009)
        << Q_UINT64_C(2286804763871046640);
    QTest::addRow("0x1818e811892f902b x 0x9531985d5d9dc9f8")
        << Q_UINT64_C(1736392818365009963) << Q_UINT64_C(10750541312280087032) << Q_UINT64_C(1011948919201632110)
        << Q_UINT64_C(5407106665699110056);
    QTest::addRow("0xe8e25d940ed90475 x 0x36f675cc81e74ef5")
        << Q_UINT64_C(16781078052021535861) << Q_UINT64_C(3960482443532127989) << Q_UINT64_C(3602866974410655101)
        << Q_UINT64_C(16114568337872120313);
}

void TestUInt128::product()
{
    QFETCH(quint64, a);
    QFETCH(quint64, b);
    QFETCH(quint64, hi);
    QFETCH(quint64, lo);
    QCOMPARE(UInt128::product(a, b), UInt128(hi, lo));
    QCOMPARE(UInt128::product(b, a), UInt128(hi, lo));
}

void TestUInt128::divide_data()
{
    QTest::addColumn<quint64>("nHi");
    QTest::addColumn<quint64>("nLo");
    QTest::addColumn<quint64>("dHi");
    QTest::addColumn<quint64>("dLo");
    QTest::addColumn<quint64>("qHi");
    QTest::addColumn<quint64>("qLo");
    QTest::addColumn<quint64>("rHi");
    QTest::addColumn<quint64>("rLo");
    QTest::addRow("0xffffffffffffffffffffffffffffffff / 0x7")
        << Q_UINT64_C(18446744073709551615) << Q_UINT64_C(18446744073709551615) << Q_UINT64_C(0) << Q_UINT64_C(7)
        << Q_UINT64_C(2635249153387078802) << Q_UINT64_C(5270498306774157604) << Q_UINT64_C(0) << Q_UINT64_C(3);
    QTest::addRow("0x80000000000000000000000000000000 / 0x10000000000000000")
        << Q_UINT64_C(9223372036854775808) << Q_UINT64_C(0) << Q_UINT64_C(1) << Q_UINT64_C(0) << Q_UINT64_C(0)
        << Q_UINT64_C(9223372036854775808) << Q_UINT64_C(0) << Q_UINT64_C(0);
    QTest::addRow("0x50000000000000003 / 0xffffffffffffffc5")
        << Q_UINT64_C(5) << Q_UINT64_C(3) << Q_UINT64_C(0) << Q_UINT64_C(18446744073709551557) << Q_UINT64_C(0)
        << Q_UINT64_C(5) << Q_UINT64_C(0) << Q_UINT64_C(298);
    QTest::addRow("0x123456789abcdef0fedcba9876543210 / 0x10000000000000000")
        << Q_UINT64_C(1311768467463790320) << Q_UINT64_C(18364758544493064720) << Q_UINT64_C(1) << Q_UINT64_C(0)
        << Q_UINT64_C(0) << Q_UINT64_C(1311768467463790320) << Q_UINT64_C(0) << Q_UINT64_C(18364758544493064720);
    QTest::addRow("0x64 / 0x7") << Q_UINT64_C(0) << Q_UINT64_C(100) << Q_UINT64_C(0) << Q_UINT64_C(7) << Q_UINT64_C(0)
                                << Q_UINT64_C(14) << Q_UINT64_C(0) << Q_UINT64_C(2);
    QTest::addRow("0x30000000000000000 / 0x50000000000000000")
        << Q_UINT64_C(3) << Q_UINT64_C(0) << Q_UINT64_C(5) << Q_UINT64_C(0) << Q_UINT64_C(0) << Q_UINT64_C(0)
        << Q_UINT64_C(3) << Q_UINT64_C(0);
    QTest::addRow("0xffffffffffffffffffffffffffffffff / 0xfffffffffffffffffffffffffffffffe")
        << Q_UINT64_C(18446744073709551615) << Q_UINT64_C(18446744073709551615) << Q_UINT64_C(18446744073709551615)
        << Q_UINT64_C(18446744073709551614) << Q_UINT64_C(0) << Q_UINT64_C(1) << Q_UINT64_C(0) << Q_UINT64_C(1);
    QTest::addRow("0x80000000000000000000000000000000 / 0x3")
        << Q_UINT64_C(9223372036854775808) << Q_UINT64_C(0) << Q_UINT64_C(0) << Q_UINT64_C(3)
        << Q_UINT64_C(3074457345618258602) << Q_UINT64_C(12297829382473034410) << Q_UINT64_C(0) << Q_UINT64_C(2);
    QTest::addRow("0xffffffffffffffffffffffffffffffff / 0xffffffffffffffffffffffffffffffff")
        << Q_UINT64_C(18446744073709551615) << Q_UINT64_C(18446744073709551615) << Q_UINT64_C(18446744073709551615)
        << Q_UINT64_C(18446744073709551615) << Q_UINT64_C(0) << Q_UINT64_C(1) << Q_UINT64_C(0) << Q_UINT64_C(0);
    QTest::addRow("0x1600a35a099950d86b0d549b6f03675a / 0x11e201738f7d93d9c1724")
        << Q_UINT64_C(1585446675937841368) << Q_UINT64_C(7713914763314685786) << Q_UINT64_C(73248)
        << Q_UINT64_C(1673359773981742884) << Q_UINT64_C(0) << Q_UINT64_C(21644887402589) << Q_UINT64_C(4181)
        << Q_UINT64_C(17712941173183962950);
    QTest::addRow("0x6cad4a268d116eced3ac94af0f21ddb6 / 0x90c19f28c105d1fb17c23")
        << Q_UINT64_C(7830996856503103182) << Q_UINT64_C(15252729517591092662) << Q_UINT64_C(592921)
        << Q_UINT64_C(17477362246067780643) << Q_UINT64_C(0) << Q_UINT64_C(13207466666035) << Q_UINT64_C(557517)
        << Q_UINT64_C(11220870535847439037);
    QTest::addRow("0xa170b33839263059953f48f1a09f76b5 / 0xf29d093bd04cf0fd630f1")
        << Q_UINT64_C(11632994891556335705) << Q_UINT64_C(10754394637803157173) << Q_UINT64_C(993744)
        << Q_UINT64_C(10645670381544157425) << Q_UINT64_C(0) << Q_UINT64_C(11706222262334) << Q_UINT64_C(122462)
        << Q_UINT64_C(10101597520918668375);
    QTest::addRow("0x658cda1495e60af5f9ebdacc0cb1e29c / 0x3898d8e81973e0becd7b0")
        << Q_UINT64_C(7317463276519295733) << Q_UINT64_C(18008728104892228252) << Q_UINT64_C(231821)
        << Q_UINT64_C(10268654918125279152) << Q_UINT64_C(0) << Q_UINT64_C(31565068330107) << Q_UINT64_C(1601)
        << Q_UINT64_C(14223504060246753548);
}

void TestUInt128::divide()
{
    QFETCH(quint64, nHi);
    QFETCH(quint64, nLo);
    QFETCH(quint64, dHi);
    QFETCH(quint64, dLo);
    QFETCH(quint64, qHi);
    QFETCH(quint64, qLo);
    QFETCH(quint64, rHi);
    QFETCH(quint64, rLo);
    const UInt128Division d = burnrate::divide(UInt128(nHi, nLo), UInt128(dHi, dLo));
    QCOMPARE(d.quotient, UInt128(qHi, qLo));
    QCOMPARE(d.remainder, UInt128(rHi, rLo));
}

void TestUInt128::sumsCarryAndDifferencesBorrow()
{
    constexpr quint64 Max = std::numeric_limits<quint64>::max();
    QCOMPARE(UInt128(Max) + UInt128(1), UInt128(1, 0));
    QCOMPARE(UInt128(1, 0) - UInt128(1), UInt128(0, Max));
    QCOMPARE(UInt128(Max, Max) + UInt128(1), UInt128()); // wraps like an unsigned integer
    UInt128 sum;
    for (int i = 0; i < 4; ++i) {
        sum += Max;
    }
    QCOMPARE(sum, UInt128(3, Max - 3));
    sum -= UInt128(3, Max - 3);
    QCOMPARE(sum, UInt128());
}

void TestUInt128::orderComparesTheHighHalfFirst()
{
    QVERIFY(UInt128(1, 0) > UInt128(0, std::numeric_limits<quint64>::max()));
    QVERIFY(UInt128(2, 5) < UInt128(2, 6));
    QVERIFY(UInt128(7) == UInt128(0, 7));
    QVERIFY(UInt128(7).fits64());
    QVERIFY(!UInt128(1, 0).fits64());
}

void TestUInt128::apportionAtTheEdgesOfInt64()
{
    constexpr qint64 Max = std::numeric_limits<qint64>::max();
    constexpr qint64 Min = std::numeric_limits<qint64>::min();
    // Weights whose sum is beyond int64, and the one total whose magnitude is not an int64.
    QCOMPARE(apportion(Min, {Max, Max, 1}), (std::vector<std::int64_t>{-4611686018427387904, -4611686018427387904, 0}));
    QCOMPARE(apportion(Min, {1}), (std::vector<std::int64_t>{Min}));
    QCOMPARE(apportion(Max, {Max, Max}), (std::vector<std::int64_t>{Max / 2 + 1, Max / 2}));
    QCOMPARE(apportion(Max, {0, 0, 0}), (std::vector<std::int64_t>{Max / 3 + 1, Max / 3, Max / 3}));
    QCOMPARE(apportion(5, {-3, 2}), (std::vector<std::int64_t>{0, 5}));
    QVERIFY(apportion(5, {}).empty());
}

QTEST_GUILESS_MAIN(TestUInt128)
#include "tst_uint128.moc"
