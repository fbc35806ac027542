// Every case of tests/fixtures/pricing/golden-cases.json, exact to the nano, against the worked
// example of docs/pricing.md §7 and against the shipped snapshot with its corrections.
#include "pricing/pricer.h"
#include "pricing/usageformats.h"
#include "pricingtestutil.h"

#include <QJsonArray>

using namespace burnrate;
using namespace burnrate::test;

class TestPriceGolden : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void golden_data();
    void golden();
    void shippedBookCoversTheGoldenModels();

private:
    QJsonArray m_cases;
    std::shared_ptr<const PriceBook> m_example;
    std::shared_ptr<const PriceBook> m_shipped;
};

namespace {

// E5 and E6 bring their own rates: a one-model book in the normalised format.
std::shared_ptr<const PriceBook> customBook(const QJsonObject &c)
{
    QJsonObject doc{{QStringLiteral("format"), QStringLiteral("llm-spend-pricing")},
                    {QStringLiteral("format_version"), 1},
                    {QStringLiteral("snapshot"), QJsonObject{{QStringLiteral("id"), QStringLiteral("custom")}}},
                    {QStringLiteral("providers"),
                     QJsonArray{QJsonObject{
                         {QStringLiteral("id"), c.value(QLatin1String("provider"))},
                         {QStringLiteral("models"),
                          QJsonArray{QJsonObject{
                              {QStringLiteral("id"), c.value(QLatin1String("model"))},
                              {QStringLiteral("versions"),
                               QJsonArray{QJsonObject{{QStringLiteral("effective_from"), QJsonValue::Null},
                                                      {QStringLiteral("rates"),
                                                       c.value(QLatin1String("custom_rates_usd_per_mtok"))}}}}}}}}}}};
    return bookOf(doc);
}

UsageFormat formatOf(const QString &name)
{
    const auto f = usageFormatFromName(name);
    if (!f) {
        qFatal("unknown usage format %s", qPrintable(name));
    }
    return *f;
}

} // namespace

void TestPriceGolden::initTestCase()
{
    REQUIRE_FIXTURES(pricingFixtureFiles());
    const QJsonObject golden = readJson(pricingFixture(QStringLiteral("golden-cases.json")));
    m_cases = golden.value(QLatin1String("cases")).toArray();
    QCOMPARE(m_cases.size(), 14);
    m_example = exampleBook();
    m_shipped = shippedBook();
}

void TestPriceGolden::golden_data()
{
    QTest::addColumn<QJsonObject>("goldenCase");
    QTest::addColumn<QString>("bookName");
    for (const QJsonValue &v : std::as_const(m_cases)) {
        const QJsonObject c = v.toObject();
        const QString id = c.value(QLatin1String("id")).toString();
        if (c.contains(QLatin1String("custom_rates_usd_per_mtok"))) {
            QTest::addRow("%s custom rates", qPrintable(id)) << c << QStringLiteral("custom");
            continue;
        }
        QTest::addRow("%s example", qPrintable(id)) << c << QStringLiteral("example");
        QTest::addRow("%s shipped", qPrintable(id)) << c << QStringLiteral("shipped");
    }
}

void TestPriceGolden::golden()
{
    QFETCH(QJsonObject, goldenCase);
    QFETCH(QString, bookName);
    const auto custom = bookName == QLatin1String("custom") ? customBook(goldenCase) : nullptr;
    const PriceBook &book = custom ? *custom : bookName == QLatin1String("example") ? *m_example : *m_shipped;
    auto usage = usageFromJson(goldenCase.value(QLatin1String("usage")).toObject(),
                               formatOf(goldenCase.value(QLatin1String("usage_format")).toString()));
    QVERIFY2(usage, qPrintable(usage.error()));
    const auto tier = serviceTierFromName(goldenCase.value(QLatin1String("service_tier")).toString());
    QVERIFY(tier);
    Pricer pricer(book);
    const PriceResult r = pricer.price(
        goldenCase.value(QLatin1String("provider")).toString(), goldenCase.value(QLatin1String("model")).toString(),
        utcMs(qPrintable(goldenCase.value(QLatin1String("timestamp")).toString())), *tier, usage->usage, true);
    QVERIFY2(r.priced, qPrintable(r.reason));
    QCOMPARE(r.nano, integer(goldenCase.value(QLatin1String("expected_nano_usd"))));
    if (goldenCase.contains(QLatin1String("expected_pico_usd"))) {
        QCOMPARE(r.subtotalPico, integer(goldenCase.value(QLatin1String("expected_pico_usd"))));
    }
    std::int64_t sum = 0;
    for (const PriceLine &line : r.lines) {
        QCOMPARE(line.costPico, line.quantity * line.ratePico);
        sum += line.costPico;
    }
    QCOMPARE(sum, r.subtotalPico);
}

void TestPriceGolden::shippedBookCoversTheGoldenModels()
{
    // The shipped-book rows above only mean something if each golden model resolves to the entry
    // docs/pricing.md §7 names; a prefix mix-up would show here first.
    Pricer pricer(*m_shipped);
    const QList<std::pair<QString, QString>> expected = {
        {QStringLiteral("gpt-4o-2024-08-06"), QStringLiteral("openai/gpt-4o")},
        {QStringLiteral("gpt-4o-mini"), QStringLiteral("openai/gpt-4o-mini")},
        {QStringLiteral("o3-2025-04-16"), QStringLiteral("openai/o3")},
        {QStringLiteral("claude-sonnet-4-5-20250929"), QStringLiteral("anthropic/claude-sonnet-4-5")},
        {QStringLiteral("claude-opus-4-1-20250805"), QStringLiteral("anthropic/claude-opus-4-1")},
        {QStringLiteral("gemini-2.5-pro"), QStringLiteral("google/gemini-2.5-pro")},
    };
    for (const auto &[model, ref] : expected) {
        const ModelEntry *m = pricer.lookup(QString(), model);
        QVERIFY2(m, qPrintable(model));
        QCOMPARE(m->ref, ref);
    }
}

QTEST_GUILESS_MAIN(TestPriceGolden)
#include "tst_pricegolden.moc"
