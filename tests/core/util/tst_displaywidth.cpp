// The terminal width of text by grapheme cluster (CJK and emoji two columns, combining marks and joiners none),
// eliding to a width without splitting a cluster, and padding to a width.
#include "util/displaywidth.h"

#include <QTest>

using namespace burnrate;

namespace {

// Written with escapes so that the source stays ASCII.
const QString Accented = QString::fromUtf16(u"e\u0301");                                  // e + combining acute
const QString Kanji = QString::fromUtf16(u"\u6F22\u5B57");                                // two CJK ideographs
const QString ThumbsUp = QString::fromUtf16(u"\U0001F44D\U0001F3FD");                     // with a skin tone
const QString Family = QString::fromUtf16(u"\U0001F468\u200D\U0001F469\u200D\U0001F467"); // ZWJ sequence
const QString Flag = QString::fromUtf16(u"\U0001F1EF\U0001F1F5");                         // JP, two indicators
const QString Heart = QString::fromUtf16(u"\u2764\uFE0F");                                // text default + VS16
const QString Ellipsis = QString(QChar(0x2026));

} // namespace

class TestDisplayWidth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void width_data();
    void width();
    void elideKeepsWhatFits();
    void elideNeverSplitsACluster_data();
    void elideNeverSplitsACluster();
    void padUsesTheSameWidth();
};

void TestDisplayWidth::width_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("columns");
    QTest::addRow("empty") << QString() << 0;
    QTest::addRow("ascii") << QStringLiteral("gpt-4o-mini") << 11;
    QTest::addRow("combining accent") << Accented << 1;
    QTest::addRow("accent in a word") << QStringLiteral("caf") + Accented << 4;
    QTest::addRow("lone combining mark") << QString(QChar(0x0301)) << 0;
    QTest::addRow("cjk") << Kanji << 4;
    QTest::addRow("fullwidth letter") << QString(QChar(0xFF21)) << 2;
    QTest::addRow("hangul syllables") << QString::fromUtf16(u"\uD55C\uAE00") << 4;
    QTest::addRow("hangul jamo cluster") << QString::fromUtf16(u"\u1100\u1161\u11A8") << 2;
    QTest::addRow("emoji with skin tone") << ThumbsUp << 2;
    QTest::addRow("zwj family") << Family << 2;
    QTest::addRow("flag") << Flag << 2;
    QTest::addRow("two flags") << Flag + Flag << 4;
    QTest::addRow("emoji presentation selector") << Heart << 2;
    QTest::addRow("text presentation") << QString(QChar(0x2764)) << 1;
    QTest::addRow("zero-width space") << QStringLiteral("a") + QChar(0x200B) + QStringLiteral("b") << 2;
    QTest::addRow("mixed") << QStringLiteral("proj-") + Kanji + QStringLiteral("-") + Family << 12;
}

void TestDisplayWidth::width()
{
    QFETCH(QString, text);
    QFETCH(int, columns);
    QCOMPARE(displayWidth(text), columns);
}

void TestDisplayWidth::elideKeepsWhatFits()
{
    QCOMPARE(elideToWidth(QStringLiteral("abcdef"), 6), QStringLiteral("abcdef"));
    QCOMPARE(elideToWidth(QStringLiteral("abcdefg"), 6), QStringLiteral("abcde") + Ellipsis);
    QCOMPARE(displayWidth(elideToWidth(QStringLiteral("abcdefg"), 6)), 6);
    QCOMPARE(elideToWidth(QStringLiteral("abc"), 0), QString());
    // A 256-character model name, the longest there is, cut to 40 columns.
    const QString model(256, QLatin1Char('m'));
    const QString cut = elideToWidth(model, 40);
    QCOMPARE(displayWidth(cut), 40);
    QVERIFY(cut.endsWith(Ellipsis));
    QCOMPARE(cut.chopped(1), QString(39, QLatin1Char('m')));
    // Wide characters: five ideographs are ten columns; in seven columns three fit before the ellipsis.
    const QString five = Kanji + Kanji + QString(QChar(0x6F22));
    QCOMPARE(elideToWidth(five, 10), five);
    QCOMPARE(elideToWidth(five, 7), Kanji + QString(QChar(0x6F22)) + Ellipsis);
    QCOMPARE(displayWidth(elideToWidth(five, 9)), 9);
    // When a wide character does not fit the last column, the result is a column short.
    QCOMPARE(elideToWidth(five, 8), Kanji + QString(QChar(0x6F22)) + Ellipsis);
    QCOMPARE(displayWidth(elideToWidth(five, 8)), 7);
}

void TestDisplayWidth::elideNeverSplitsACluster_data()
{
    QTest::addColumn<QString>("cluster");
    QTest::addRow("combining accent") << Accented;
    QTest::addRow("skin tone") << ThumbsUp;
    QTest::addRow("zwj family") << Family;
    QTest::addRow("flag") << Flag;
    QTest::addRow("presentation selector") << Heart;
}

void TestDisplayWidth::elideNeverSplitsACluster()
{
    QFETCH(QString, cluster);
    const QString text = cluster.repeated(10);
    for (int max = 1; max < displayWidth(text); ++max) {
        const QString cut = elideToWidth(text, max);
        QVERIFY2(cut.endsWith(Ellipsis), qPrintable(QString::number(max)));
        const QString kept = cut.chopped(1);
        // Whole clusters only: the kept part is some repetitions of the cluster, nothing cut in between.
        QCOMPARE(kept.size() % cluster.size(), 0);
        QCOMPARE(kept, cluster.repeated(kept.size() / cluster.size()));
        QVERIFY(displayWidth(cut) <= max);
        QVERIFY(displayWidth(cut) >= max - 1);
    }
}

void TestDisplayWidth::padUsesTheSameWidth()
{
    QCOMPARE(padToWidth(Kanji, 6, true), Kanji + QStringLiteral("  "));
    QCOMPARE(padToWidth(Kanji, 6, false), QStringLiteral("  ") + Kanji);
    QCOMPARE(padToWidth(Family, 3, true), Family + QStringLiteral(" "));
    QCOMPARE(padToWidth(Accented, 2, false), QStringLiteral(" ") + Accented);
    QCOMPARE(padToWidth(QStringLiteral("abcdef"), 3, true), QStringLiteral("abcdef"));
    for (const QString &s : {Accented, Kanji, ThumbsUp, Family, Flag, Heart}) {
        QCOMPARE(displayWidth(padToWidth(s, 10, true)), 10);
    }
}

QTEST_GUILESS_MAIN(TestDisplayWidth)
#include "tst_displaywidth.moc"
