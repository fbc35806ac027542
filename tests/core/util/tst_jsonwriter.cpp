#include "util/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace burnrate;

class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsOrderAndExactIntegers();
    void escapes();
    void compact();
};

void TestJsonWriter::keepsOrderAndExactIntegers()
{
    JsonWriter w;
    w.beginObject().field("z", 1).field("a", std::numeric_limits<std::int64_t>::max());
    w.key("list").beginArray().value("x").null().value(true).endArray();
    w.key("empty").beginObject().endObject();
    w.endObject();
    const std::string &s = w.str();
    QVERIFY(s.find("\"z\"") < s.find("\"a\""));
    QVERIFY(s.find("9223372036854775807") != std::string::npos);
    QJsonParseError err;
    const auto doc = QJsonDocument::fromJson(w.toByteArray(), &err);
    QCOMPARE(err.error, QJsonParseError::NoError);
    QCOMPARE(doc.object().value(QStringLiteral("list")).toArray().size(), 3);
}

void TestJsonWriter::escapes()
{
    JsonWriter w(0);
    w.beginObject().field("k", std::string_view("a\"b\\c\nd\x01 é")).endObject();
    QCOMPARE(QByteArray::fromStdString(w.str()), QByteArray("{\"k\":\"a\\\"b\\\\c\\nd\\u0001 \xc3\xa9\"}"));
    const auto doc = QJsonDocument::fromJson(w.toByteArray());
    QCOMPARE(doc.object().value(QStringLiteral("k")).toString(), QStringLiteral("a\"b\\c\nd\x01 é"));
}

void TestJsonWriter::compact()
{
    JsonWriter w(0);
    w.beginArray().value(1).value(2).endArray();
    QCOMPARE(QByteArray::fromStdString(w.str()), QByteArray("[1,2]"));
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
