// Token counts in agent logs: integers, whole numbers written with a fraction or an exponent (read exactly,
// without floating point), the bound of one request's count, and what is refused.
#include "importers/jsonfields.h"

#include <QTest>

#include <string>

using namespace burnrate;

namespace {

// readCount on the value of "n" in {"n": <text>}; nullopt when it refuses.
std::optional<std::int64_t> count(const char *text)
{
    const std::string doc = std::string("{\"n\": ") + text + "}";
    simdjson::padded_string padded(doc);
    simdjson::ondemand::parser parser;
    simdjson::ondemand::document d;
    if (parser.iterate(padded).get(d)) {
        return std::nullopt;
    }
    json::value v;
    if (d.find_field("n").get(v)) {
        return std::nullopt;
    }
    std::int64_t out = -1;
    if (!json::readCount(v, out)) {
        return std::nullopt;
    }
    return out;
}

} // namespace

class TestJsonFields : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void counts_data();
    void counts();
};

void TestJsonFields::counts_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("expected"); // -1: refused
    QTest::addRow("integer") << QByteArray("1234") << qint64(1234);
    QTest::addRow("null is zero") << QByteArray("null") << qint64(0);
    QTest::addRow("whole with fraction") << QByteArray("1000.0") << qint64(1000);
    QTest::addRow("exponent") << QByteArray("1e3") << qint64(1000);
    QTest::addRow("fraction and exponent") << QByteArray("1.5E+2") << qint64(150);
    QTest::addRow("negative zero") << QByteArray("-0.0") << qint64(0);
    QTest::addRow("the largest count") << QByteArray("1000000000000") << qint64(1'000'000'000'000);
    QTest::addRow("the largest count, written with an exponent") << QByteArray("1e12") << qint64(1'000'000'000'000);
    QTest::addRow("beyond it") << QByteArray("1000000000001") << qint64(-1);
    QTest::addRow("beyond it, with an exponent") << QByteArray("1.000000000001e12") << qint64(-1);
    QTest::addRow("int64 max") << QByteArray("9223372036854775807") << qint64(-1);
    QTest::addRow("a fraction of a token") << QByteArray("10.5") << qint64(-1);
    QTest::addRow("tiny fraction") << QByteArray("1e-400") << qint64(-1);
    QTest::addRow("negative") << QByteArray("-3") << qint64(-1);
    QTest::addRow("negative whole") << QByteArray("-3.0") << qint64(-1);
    QTest::addRow("string") << QByteArray("\"12\"") << qint64(-1);
    QTest::addRow("huge exponent") << QByteArray("1e999") << qint64(-1);
}

void TestJsonFields::counts()
{
    QFETCH(QByteArray, text);
    QFETCH(qint64, expected);
    const auto got = count(text.constData());
    if (expected < 0) {
        QVERIFY2(!got, qPrintable(QStringLiteral("accepted as %1").arg(got.value_or(0))));
    } else {
        QVERIFY(got.has_value());
        QCOMPARE(*got, expected);
    }
}

QTEST_GUILESS_MAIN(TestJsonFields)
#include "tst_jsonfields.moc"
