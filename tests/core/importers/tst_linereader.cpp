#include "importers/linereader.h"

#include <QBuffer>
#include <QTest>

using namespace burnrate;

class TestLineReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitsLines_data();
    void splitsLines();
    void longLinesGrowTheBuffer();
    void offsetsCountBytes();
};

void TestLineReader::splitsLines_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("lines");
    QTest::addRow("plain") << QByteArray("a\nbb\nccc\n") << QStringList{"a", "bb", "ccc"};
    QTest::addRow("no final newline") << QByteArray("a\nbb") << QStringList{"a", "bb"};
    QTest::addRow("crlf") << QByteArray("a\r\nbb\r\n") << QStringList{"a", "bb"};
    QTest::addRow("blank lines") << QByteArray("\n\na\n\n") << QStringList{"", "", "a", ""};
    QTest::addRow("empty") << QByteArray() << QStringList{};
}

void TestLineReader::splitsLines()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, lines);
    for (size_t chunk : {size_t(1), size_t(2), size_t(3), size_t(64)}) {
        QBuffer buffer(&input);
        buffer.open(QIODevice::ReadOnly);
        LineReader reader(buffer, 64, chunk);
        QStringList got;
        std::string_view line;
        while (reader.next(line)) {
            got << QString::fromUtf8(line.data(), static_cast<qsizetype>(line.size()));
        }
        QCOMPARE(got, lines);
        QCOMPARE(reader.offset(), input.size());
    }
}

void TestLineReader::longLinesGrowTheBuffer()
{
    QByteArray input = QByteArray(100000, 'x') + "\nshort\n" + QByteArray(3, 'y');
    QBuffer buffer(&input);
    buffer.open(QIODevice::ReadOnly);
    LineReader reader(buffer, 64, 16);
    std::string_view line;
    QVERIFY(reader.next(line));
    QCOMPARE(line.size(), size_t(100000));
    QVERIFY(reader.next(line));
    QCOMPARE(line, std::string_view("short"));
    QVERIFY(reader.next(line));
    QCOMPARE(line, std::string_view("yyy"));
    QVERIFY(!reader.next(line));
    QCOMPARE(reader.lineNumber(), 3);
}

void TestLineReader::offsetsCountBytes()
{
    QByteArray input("ab\r\ncd\nef");
    QBuffer buffer(&input);
    buffer.open(QIODevice::ReadOnly);
    LineReader reader(buffer, 64, 4);
    std::string_view line;
    QVERIFY(reader.next(line));
    QCOMPARE(reader.offset(), 4);
    QVERIFY(reader.next(line));
    QCOMPARE(reader.offset(), 7);
    QVERIFY(reader.next(line));
    QCOMPARE(reader.offset(), 9);
}

QTEST_GUILESS_MAIN(TestLineReader)
#include "tst_linereader.moc"
