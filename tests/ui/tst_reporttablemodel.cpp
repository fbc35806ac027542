// ReportTableModel: a well-behaved model whose text is formatted for people and whose raw values are exact.
#include "money/money.h"
#include "ui/format.h"
#include "ui/models/reporttablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace burnrate::test {

using ui::Format;
using ui::ReportTableModel;

namespace {

ReportRow row(const QString &key, const QString &provider, std::int64_t requests, std::int64_t costNano,
              std::int64_t unpriced = 0)
{
    ReportRow r;
    r.key = key;
    r.provider = provider;
    r.provenance = QStringLiteral("local");
    r.requests = requests;
    r.tokens.inputUncached = requests * 1000;
    r.tokens.cacheRead = requests * 20000;
    r.tokens.output = requests * 500;
    r.tokens.reasoning = requests * 100;
    r.costNano = costNano;
    r.unpricedRequests = unpriced;
    return r;
}

QList<ReportRow> modelRows()
{
    return {row(QStringLiteral("claude-sonnet-4-5"), QStringLiteral("anthropic"), 1234, 17'125'000'000),
            row(QStringLiteral("gpt-5"), QStringLiteral("openai"), 213, 6'340'000'000),
            row(QStringLiteral("nova-labs/orbit-1-preview"), QStringLiteral("openrouter"), 43, 0, 43)};
}

} // namespace

class ReportTableModelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesTheModelTester();
    void providerColumns();
    void modelColumns();
    void formatsForPeople();
    void rawValuesAreExact();
    void numbersAreRightAligned();
    void unpricedRowsSayUnpriced();
    void emptyModel();
    void formatHelpers();
};

void ReportTableModelTest::passesTheModelTester()
{
    ReportTableModel model(ReportTableModel::Kind::Model);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setRows(modelRows());
    QCOMPARE(reset.count(), 1);
    model.setRows({});
    model.setRows(modelRows());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
}

void ReportTableModelTest::providerColumns()
{
    ReportTableModel model(ReportTableModel::Kind::Provider);
    QCOMPARE(model.columnCount(), 6);
    const QStringList expected = {QStringLiteral("Provider"), QStringLiteral("Requests"), QStringLiteral("Tokens"),
                                  QStringLiteral("Cost"),     QStringLiteral("Share"),    QStringLiteral("Source")};
    for (int c = 0; c < model.columnCount(); ++c) {
        QCOMPARE(model.headerData(c, Qt::Horizontal).toString(), expected.at(c));
    }
    model.setRows({row(QStringLiteral("anthropic"), {}, 10, 1'000'000'000)});
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("Anthropic"));
    QCOMPARE(model.data(model.index(0, 0), ReportTableModel::RawValueRole).toString(), QStringLiteral("anthropic"));
    // Where the amount comes from, in words, with the id as the raw value.
    const int provenance = model.columnOf(ReportTableModel::Field::Provenance);
    QCOMPARE(model.data(model.index(0, provenance)).toString(), QStringLiteral("local estimate"));
    QCOMPARE(model.data(model.index(0, provenance), ReportTableModel::RawValueRole).toString(),
             QStringLiteral("local"));
}

void ReportTableModelTest::modelColumns()
{
    ReportTableModel model(ReportTableModel::Kind::Model);
    QCOMPARE(model.columnCount(), 7);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Model"));
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("Provider"));
    QCOMPARE(model.columnOf(ReportTableModel::Field::Cost), 4);
    QCOMPARE(model.fieldAt(5), ReportTableModel::Field::Share);
    QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
    model.setRows(modelRows());
    QCOMPARE(model.data(model.index(1, 0)).toString(), QStringLiteral("gpt-5"));
    QCOMPARE(model.data(model.index(1, 1)).toString(), QStringLiteral("OpenAI"));
}

void ReportTableModelTest::formatsForPeople()
{
    ReportTableModel model(ReportTableModel::Kind::Model);
    model.setRows(modelRows());
    QCOMPARE(model.data(model.index(0, 2)).toString(), QStringLiteral("1,234"));
    // 1234 × 21,500 tokens.
    QCOMPARE(model.data(model.index(0, 3)).toString(), QStringLiteral("26.5M"));
    QCOMPARE(model.data(model.index(0, 4)).toString(), QStringLiteral("$17.13"));
    QCOMPARE(model.data(model.index(0, 4)).toString(), Money::fromNano(17'125'000'000).toDisplayString());
    // 17.125 of 23.465.
    QCOMPARE(model.data(model.index(0, 5)).toString(), QStringLiteral("73.0 %"));
    QCOMPARE(model.data(model.index(1, 5)).toString(), QStringLiteral("27.0 %"));
    const QString tip = model.data(model.index(0, 3), Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("24,680,000 cache read")), qPrintable(tip));
    QCOMPARE(model.data(model.index(0, 4), Qt::ToolTipRole).toString(), QStringLiteral("$17.1250"));
}

void ReportTableModelTest::rawValuesAreExact()
{
    ReportTableModel model(ReportTableModel::Kind::Model);
    model.setRows(modelRows());
    const int cost = model.columnOf(ReportTableModel::Field::Cost);
    std::int64_t sum = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        sum += model.data(model.index(r, cost), ReportTableModel::RawValueRole).toLongLong();
    }
    QCOMPARE(sum, std::int64_t(23'465'000'000));
    QCOMPARE(model.totalCostNano(), sum);
    QCOMPARE(model.data(model.index(0, 2), ReportTableModel::RawValueRole).toLongLong(), 1234);
    QCOMPARE(model.data(model.index(0, 3), ReportTableModel::RawValueRole).toLongLong(), 1234 * 21500);
}

void ReportTableModelTest::numbersAreRightAligned()
{
    ReportTableModel model(ReportTableModel::Kind::Model);
    model.setRows(modelRows());
    for (int c = 0; c < model.columnCount(); ++c) {
        const auto field = model.fieldAt(c);
        const bool numeric = field != ReportTableModel::Field::Name && field != ReportTableModel::Field::Provider &&
                             field != ReportTableModel::Field::Provenance;
        const auto cell = model.data(model.index(0, c), Qt::TextAlignmentRole).value<Qt::Alignment>();
        const auto header = model.headerData(c, Qt::Horizontal, Qt::TextAlignmentRole).value<Qt::Alignment>();
        QCOMPARE(bool(cell & Qt::AlignRight), numeric);
        QCOMPARE(bool(header & Qt::AlignRight), numeric);
    }
}

void ReportTableModelTest::unpricedRowsSayUnpriced()
{
    ReportTableModel model(ReportTableModel::Kind::Model);
    model.setRows(modelRows());
    QCOMPARE(model.data(model.index(2, 4)).toString(), QStringLiteral("unpriced"));
    QCOMPARE(model.data(model.index(2, 5)).toString(), QStringLiteral("—"));
    QVERIFY(model.data(model.index(2, 4), Qt::FontRole).value<QFont>().italic());
    QVERIFY(!model.data(model.index(0, 4), Qt::FontRole).isValid());
    QVERIFY(model.data(model.index(2, 4), Qt::ToolTipRole).toString().startsWith(QStringLiteral("43 requests")));
}

void ReportTableModelTest::emptyModel()
{
    ReportTableModel model(ReportTableModel::Kind::Provider);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalCostNano(), std::int64_t(0));
    QVERIFY(!model.data(model.index(0, 0)).isValid());
}

void ReportTableModelTest::formatHelpers()
{
    QCOMPARE(ReportTableModel::providerDisplayName(QStringLiteral("openrouter")), QStringLiteral("OpenRouter"));
    QCOMPARE(ReportTableModel::providerDisplayName(QStringLiteral("deepseek")), QStringLiteral("DeepSeek"));
    QCOMPARE(ReportTableModel::providerDisplayName(QStringLiteral("acme")), QStringLiteral("acme"));
    QCOMPARE(Format::count(1234567), QStringLiteral("1,234,567"));
    QCOMPARE(Format::compactCount(842), QStringLiteral("842"));
    QCOMPARE(Format::compactCount(12'345), QStringLiteral("12.3K"));
    QCOMPARE(Format::compactCount(4'561'000), QStringLiteral("4.56M"));
    QCOMPARE(Format::compactCount(123'400'000), QStringLiteral("123M"));
    QCOMPARE(Format::compactCount(1'200'000'000), QStringLiteral("1.20B"));
    QCOMPARE(Format::requests(1), QStringLiteral("1 request"));
    QCOMPARE(Format::requests(1887), QStringLiteral("1,887 requests"));
}

} // namespace burnrate::test

QTEST_MAIN(burnrate::test::ReportTableModelTest)
#include "tst_reporttablemodel.moc"
