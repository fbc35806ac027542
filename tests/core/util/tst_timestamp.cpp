#include "util/timestamp.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace burnrate;

class TestTimestamp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void agreesWithQtOverManyInstants();
};

void TestTimestamp::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");
    QTest::addRow("Z") << QStringLiteral("2026-11-02T18:00:00Z") << qint64(1793642400000);
    QTest::addRow("millis") << QStringLiteral("2026-11-02T18:00:00.123Z") << qint64(1793642400123);
    QTest::addRow("micros truncated") << QStringLiteral("2026-11-02T18:00:00.123999Z") << qint64(1793642400123);
    QTest::addRow("one digit fraction") << QStringLiteral("2026-11-02T18:00:00.5Z") << qint64(1793642400500);
    QTest::addRow("offset") << QStringLiteral("2026-11-02T19:00:00+01:00") << qint64(1793642400000);
    QTest::addRow("half hour offset") << QStringLiteral("2026-11-02T23:30:00+05:30") << qint64(1793642400000);
    QTest::addRow("negative offset") << QStringLiteral("2026-11-02T13:00:00-05:00") << qint64(1793642400000);
    QTest::addRow("space separator") << QStringLiteral("2026-11-02 18:00:00Z") << qint64(1793642400000);
    QTest::addRow("epoch") << QStringLiteral("1970-01-01T00:00:00Z") << qint64(0);
    QTest::addRow("leap day") << QStringLiteral("2024-02-29T00:00:00Z") << qint64(1709164800000);
    QTest::addRow("leap second") << QStringLiteral("2016-12-31T23:59:60Z") << qint64(1483228799999);
}

void TestTimestamp::parses()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const QByteArray utf8 = text.toUtf8();
    const auto parsed = parseRfc3339Ms(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())));
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, ms);
}

void TestTimestamp::rejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("no zone") << QStringLiteral("2026-11-02T18:00:00");
    QTest::addRow("date only") << QStringLiteral("2026-11-02");
    QTest::addRow("bad month") << QStringLiteral("2026-13-02T18:00:00Z");
    QTest::addRow("feb 30") << QStringLiteral("2026-02-30T18:00:00Z");
    QTest::addRow("not leap") << QStringLiteral("2025-02-29T00:00:00Z");
    QTest::addRow("hour 24") << QStringLiteral("2026-11-02T24:00:00Z");
    QTest::addRow("trailing") << QStringLiteral("2026-11-02T18:00:00Zjunk");
    QTest::addRow("empty fraction") << QStringLiteral("2026-11-02T18:00:00.Z");
    QTest::addRow("short offset") << QStringLiteral("2026-11-02T18:00:00+01");
    QTest::addRow("epoch seconds") << QStringLiteral("1793642400");
    QTest::addRow("empty") << QString();
}

void TestTimestamp::rejects()
{
    QFETCH(QString, text);
    const QByteArray utf8 = text.toUtf8();
    QVERIFY(!parseRfc3339Ms(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size()))).has_value());
}

void TestTimestamp::agreesWithQtOverManyInstants()
{
    // Every 7 hours 13 minutes across 1999..2040, formatted by Qt and parsed back.
    for (qint64 ms = 915148800000; ms < 2208988800000; ms += (7 * 3600 + 13 * 60) * 1000LL + 17) {
        const QByteArray text =
            QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs).toUtf8();
        const auto parsed = parseRfc3339Ms(std::string_view(text.constData(), static_cast<size_t>(text.size())));
        QVERIFY2(parsed.has_value(), text.constData());
        QCOMPARE(*parsed, ms);
    }
}

QTEST_GUILESS_MAIN(TestTimestamp)
#include "tst_timestamp.moc"
