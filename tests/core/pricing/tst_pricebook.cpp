// Matching rules, versions by time, daily windows and the validation of a price document.
#include "pricing/pricer.h"
#include "pricingtestutil.h"

#include <QJsonArray>

using namespace burnrate;
using namespace burnrate::test;

class TestPriceBook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matching_data();
    void matching();
    void versionsByRequestTime();
    void dailyWindows();
    void refusesBadDocuments_data();
    void refusesBadDocuments();
    void overlayReplacesOnlyWhatItNames();

private:
    std::shared_ptr<const PriceBook> m_book;
};

namespace {

QJsonObject oneModel(const QJsonObject &rates, const QJsonValue &from = QJsonValue::Null)
{
    return QJsonObject{{QStringLiteral("format"), QStringLiteral("llm-spend-pricing")},
                       {QStringLiteral("format_version"), 1},
                       {QStringLiteral("snapshot"), QJsonObject{{QStringLiteral("id"), QStringLiteral("t")}}},
                       {QStringLiteral("providers"),
                        QJsonArray{QJsonObject{
                            {QStringLiteral("id"), QStringLiteral("p")},
                            {QStringLiteral("models"),
                             QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("m")},
                                                    {QStringLiteral("versions"),
                                                     QJsonArray{QJsonObject{{QStringLiteral("effective_from"), from},
                                                                            {QStringLiteral("rates"), rates}}}}}}}}}}};
}

} // namespace

void TestPriceBook::initTestCase()
{
    m_book = shippedBook();
    QVERIFY(m_book->modelCount() > 900);
}

void TestPriceBook::matching_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("entry");
    QTest::addRow("exact") << "openai"
                           << "gpt-4o-2024-11-20"
                           << "openai/gpt-4o";
    QTest::addRow("exact beats prefix") << "openai"
                                        << "gpt-4o-2024-05-13"
                                        << "openai/gpt-4o-2024-05-13";
    QTest::addRow("longest prefix") << "anthropic"
                                    << "claude-sonnet-4-5-20250929"
                                    << "anthropic/claude-sonnet-4-5";
    QTest::addRow("dated sonnet 4") << "anthropic"
                                    << "claude-sonnet-4-20250514"
                                    << "anthropic/claude-sonnet-4-0";
    QTest::addRow("case-insensitive") << "Anthropic"
                                      << "Claude-Opus-4-1"
                                      << "anthropic/claude-opus-4-1";
    QTest::addRow("provider alias") << "vertex_ai"
                                    << "gemini-2.5-pro"
                                    << "google/gemini-2.5-pro";
    QTest::addRow("openrouter id") << "openrouter"
                                   << "anthropic/claude-sonnet-4.5"
                                   << "openrouter/anthropic/claude-sonnet-4.5";
    QTest::addRow("openrouter, unlisted: vendor") << "openrouter"
                                                  << "openai/o3-2025-04-16"
                                                  << "openai/o3";
    QTest::addRow("unknown provider: whole book") << "acme-proxy"
                                                  << "gpt-4o-mini"
                                                  << "openai/gpt-4o-mini";
    QTest::addRow("no provider, vendor/model: first party") << ""
                                                            << "anthropic/claude-opus-4-1"
                                                            << "anthropic/claude-opus-4-1";
    QTest::addRow("known provider, wrong model") << "openai"
                                                 << "claude-opus-4-1"
                                                 << "";
    QTest::addRow("unknown model") << "anthropic"
                                   << "claude-nonexistent"
                                   << "";
    QTest::addRow("deepseek") << "deepseek"
                              << "deepseek-chat"
                              << "deepseek/deepseek-chat";
}

void TestPriceBook::matching()
{
    QFETCH(QString, provider);
    QFETCH(QString, model);
    QFETCH(QString, entry);
    const ModelEntry *m = m_book->find(provider, model);
    QCOMPARE(m ? m->ref : QString(), entry);
}

void TestPriceBook::versionsByRequestTime()
{
    const ModelEntry *o3 = m_book->find(QStringLiteral("openai"), QStringLiteral("o3"));
    QVERIFY(o3);
    QCOMPARE(o3->versionAt(utcMs("2025-06-09T23:59:59.999Z"))->label, QStringLiteral("base"));
    QCOMPARE(o3->versionAt(utcMs("2025-06-10T00:00:00Z"))->label, QStringLiteral("2025-06-10"));
    // The correction (cache_read 2.50 before the cut) is applied over the shipped genai-prices data.
    QCOMPARE(o3->versions.front().rates.get(RateKey::CacheRead), 2'500'000);
    QCOMPARE(o3->versions.back().rates.get(RateKey::CacheRead), 500'000);
    // A book whose only version starts later cannot price earlier usage.
    auto later = bookOf(
        oneModel(QJsonObject{{QStringLiteral("input"), QStringLiteral("1")}}, QStringLiteral("2026-01-01T00:00:00Z")));
    Pricer pricer(*later);
    Usage u;
    u.inputUncached = 1;
    QCOMPARE(
        pricer.price(QStringLiteral("p"), QStringLiteral("m"), utcMs("2025-12-31T23:00:00Z"), ServiceTier::Standard, u)
            .reason,
        QStringLiteral("p/m has no price before 2026-01-01"));
}

void TestPriceBook::dailyWindows()
{
    // deepseek-chat: off-peak 0.135 in; the 00:30-16:30 UTC window is the standard 0.27.
    Pricer pricer(*m_book);
    Usage u;
    u.inputUncached = 1'000'000;
    const QString p = QStringLiteral("deepseek"), m = QStringLiteral("deepseek-chat");
    const auto peak = pricer.price(p, m, utcMs("2026-11-02T00:30:00Z"), ServiceTier::Standard, u);
    const auto offPeak = pricer.price(p, m, utcMs("2026-11-02T16:30:00Z"), ServiceTier::Standard, u);
    const auto night = pricer.price(p, m, utcMs("2026-11-02T00:29:59Z"), ServiceTier::Standard, u);
    QCOMPARE(peak.nano, 270'000'000);
    QVERIFY(peak.priceRef(*m_book).contains(QStringLiteral("+window00:30-16:30")));
    QCOMPARE(offPeak.nano, 135'000'000);
    QCOMPARE(night.nano, 135'000'000);
}

void TestPriceBook::refusesBadDocuments_data()
{
    QTest::addColumn<QJsonObject>("doc");
    QTest::addColumn<QString>("error");
    QTest::addRow("negative") << oneModel({{QStringLiteral("input"), QStringLiteral("-1")}})
                              << "p/m@base: rate input: -1 is negative";
    QTest::addRow("not a number") << oneModel({{QStringLiteral("output"), QStringLiteral("cheap")}})
                                  << "p/m@base: rate output: \"cheap\" is not a decimal number";
    QTest::addRow("unknown key") << oneModel({{QStringLiteral("inptu"), QStringLiteral("1")}})
                                 << "p/m@base: unknown rate key \"inptu\"";
    QTest::addRow("bad date") << oneModel({{QStringLiteral("input"), QStringLiteral("1")}}, QStringLiteral("yesterday"))
                              << "p/m: effective_from \"yesterday\" is not an RFC 3339 instant";
    QJsonObject wrongFormat = oneModel({});
    wrongFormat.insert(QStringLiteral("format"), QStringLiteral("something"));
    QTest::addRow("format") << wrongFormat << "not a price snapshot (format must be \"llm-spend-pricing\")";

    // The bounds (pricelimits and the stored request's lengths).
    QTest::addRow("rate above the limit") << oneModel({{QStringLiteral("output"), QStringLiteral("1000000.000001")}})
                                          << "p/m@base: rate output is 1000000.000001 USD, above the limit of 1000000 "
                                             "USD";
    QTest::addRow("per-request rate at the limit is fine, above is not")
        << oneModel({{QStringLiteral("per_request"), QStringLiteral("1000001")}})
        << "p/m@base: rate per_request is 1000001 USD, above the limit of 1000000 USD";
    const auto withModel = [](const QJsonObject &model) {
        QJsonObject doc = oneModel({{QStringLiteral("input"), QStringLiteral("1")}});
        QJsonArray providers = doc.value(QStringLiteral("providers")).toArray();
        QJsonObject provider = providers.first().toObject();
        QJsonObject m = provider.value(QStringLiteral("models")).toArray().first().toObject();
        for (auto it = model.begin(); it != model.end(); ++it) {
            m.insert(it.key(), it.value());
        }
        provider.insert(QStringLiteral("models"), QJsonArray{m});
        providers.replace(0, provider);
        doc.insert(QStringLiteral("providers"), providers);
        return doc;
    };
    QTest::addRow("model id too long") << withModel({{QStringLiteral("id"), QString(257, QLatin1Char('m'))}})
                                       << "p: a model id is 257 characters long (at most 256)";
    QJsonArray manyPrefixes;
    for (int i = 0; i < 1'001; ++i) {
        manyPrefixes.append(QStringLiteral("m-%1").arg(i));
    }
    QTest::addRow("too many match strings")
        << withModel({{QStringLiteral("match"), QJsonObject{{QStringLiteral("prefix"), manyPrefixes}}}})
        << "p/m: 1001 match strings (at most 1000)";
    QTest::addRow("match string too long")
        << withModel({{QStringLiteral("match"),
                       QJsonObject{{QStringLiteral("exact"), QJsonArray{QString(300, QLatin1Char('x'))}}}}})
        << "p/m: a match string is 300 characters long (at most 256)";
    QJsonObject longProvider = oneModel({{QStringLiteral("input"), QStringLiteral("1")}});
    QJsonArray providers = longProvider.value(QStringLiteral("providers")).toArray();
    QJsonObject provider = providers.first().toObject();
    provider.insert(QStringLiteral("id"), QString(65, QLatin1Char('p')));
    providers.replace(0, provider);
    longProvider.insert(QStringLiteral("providers"), providers);
    QTest::addRow("provider id too long") << longProvider << "a provider id is 65 characters long (at most 64)";
    QJsonArray manyProviders;
    for (int i = 0; i < 1'001; ++i) {
        QJsonObject p = provider;
        p.insert(QStringLiteral("id"), QStringLiteral("p%1").arg(i));
        manyProviders.append(p);
    }
    QJsonObject tooMany = longProvider;
    tooMany.insert(QStringLiteral("providers"), manyProviders);
    QTest::addRow("too many providers") << tooMany << "1001 providers (at most 1000)";
}

void TestPriceBook::refusesBadDocuments()
{
    QFETCH(QJsonObject, doc);
    QFETCH(QString, error);
    const auto book = PriceBook::fromDocument(doc);
    QVERIFY(!book);
    QCOMPARE(book.error(), error);
}

void TestPriceBook::overlayReplacesOnlyWhatItNames()
{
    const QJsonObject base =
        oneModel({{QStringLiteral("input"), QStringLiteral("1")}, {QStringLiteral("output"), QStringLiteral("2")}});
    const QJsonObject overlay{
        {QStringLiteral("format"), QStringLiteral("llm-spend-pricing-overlay")},
        {QStringLiteral("id"), QStringLiteral("mine")},
        {QStringLiteral("providers"),
         QJsonArray{QJsonObject{
             {QStringLiteral("id"), QStringLiteral("p")},
             {QStringLiteral("service_tiers"),
              QJsonObject{
                  {QStringLiteral("batch"), QJsonObject{{QStringLiteral("multiplier"), QStringLiteral("0.5")}}}}},
             {QStringLiteral("models"),
              QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("m")},
                                     {QStringLiteral("versions"),
                                      QJsonArray{QJsonObject{
                                          {QStringLiteral("effective_from"), QStringLiteral("2026-01-01T00:00:00Z")},
                                          {QStringLiteral("rates"),
                                           QJsonObject{{QStringLiteral("input"), QStringLiteral("3")},
                                                       {QStringLiteral("output"), QStringLiteral("4")}}}}}}},
                         QJsonObject{{QStringLiteral("id"), QStringLiteral("own-model")},
                                     {QStringLiteral("versions"),
                                      QJsonArray{QJsonObject{
                                          {QStringLiteral("effective_from"), QJsonValue::Null},
                                          {QStringLiteral("rates"),
                                           QJsonObject{{QStringLiteral("input"), QStringLiteral("9")}}}}}}}}}}}}};
    auto doc = applyOverlay(base, overlay);
    QVERIFY2(doc, qPrintable(doc.error()));
    auto book = bookOf(*doc);
    QCOMPARE(book->id(), QStringLiteral("t+mine"));
    const ModelEntry *m = book->find(QStringLiteral("p"), QStringLiteral("m"));
    QCOMPARE(m->versions.size(), size_t(2));
    QCOMPARE(m->versionAt(utcMs("2025-06-01T00:00:00Z"))->rates.get(RateKey::Input), 1'000'000);
    QCOMPARE(m->versionAt(utcMs("2026-06-01T00:00:00Z"))->rates.get(RateKey::Input), 3'000'000);
    QVERIFY(book->find(QStringLiteral("p"), QStringLiteral("own-model")));
    QVERIFY(book->provider(QStringLiteral("p"))->serviceTiers.contains(QStringLiteral("batch")));
}

QTEST_GUILESS_MAIN(TestPriceBook)
#include "tst_pricebook.moc"
