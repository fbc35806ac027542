// The update path at the library level: feeds converted exactly, history merged without loss.
#include "pricing/pricer.h"
#include "pricingtestutil.h"

#include <QJsonArray>

using namespace burnrate;
using namespace burnrate::test;

class TestPriceUpdate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void genaiPricesFeedConvertsExactly();
    void liteLlmFeedConvertsExactly();
    void numbersStayDecimalText();
    void refusesNegativeAndNonNumericRates_data();
    void refusesNegativeAndNonNumericRates();
    void mergeKeepsDroppedModelsAndDatesUndatedChanges();
    void mergeAllHistoryReplaces();
};

namespace {

Usage tokens(std::int64_t in, std::int64_t cached, std::int64_t out)
{
    Usage u;
    u.inputUncached = in;
    u.cacheRead = cached;
    u.output = out;
    return u;
}

QByteArray ourFeed(const QString &model, const QJsonObject &rates)
{
    const QJsonObject doc{
        {QStringLiteral("format"), QStringLiteral("llm-spend-pricing")},
        {QStringLiteral("format_version"), 1},
        {QStringLiteral("snapshot"), QJsonObject{{QStringLiteral("id"), QStringLiteral("feed")}}},
        {QStringLiteral("providers"),
         QJsonArray{QJsonObject{
             {QStringLiteral("id"), QStringLiteral("openai")},
             {QStringLiteral("models"),
              QJsonArray{QJsonObject{{QStringLiteral("id"), model},
                                     {QStringLiteral("versions"),
                                      QJsonArray{QJsonObject{{QStringLiteral("effective_from"), QJsonValue::Null},
                                                             {QStringLiteral("rates"), rates}}}}}}}}}}};
    return QJsonDocument(doc).toJson();
}

} // namespace

void TestPriceUpdate::initTestCase()
{
    REQUIRE_FIXTURES(pricingFixtureFiles());
}

void TestPriceUpdate::genaiPricesFeedConvertsExactly()
{
    auto feed = readPriceFeed(fixtureBytes(QStringLiteral("pricing/genai-prices-0.1.8.excerpt.json")));
    QVERIFY2(feed, qPrintable(feed.error()));
    QCOMPARE(feed->kind, PriceFeed::Kind::GenaiPrices);
    QJsonObject doc = feed->doc;
    doc.insert(QStringLiteral("snapshot"), QJsonObject{{QStringLiteral("id"), QStringLiteral("gp-excerpt")}});
    auto book = bookOf(doc);
    QCOMPARE(book->modelCount(), 19);
    Pricer pricer(*book);
    // G4 and G7 straight from genai-prices' own data; G5 shows its known error (cached 0.5, not 2.5).
    const Usage o3 = tokens(5952, 2048, 12000);
    QCOMPARE(pricer
                 .price(QStringLiteral("openai"), QStringLiteral("o3-2025-04-16"), utcMs("2026-09-01T12:00:00Z"),
                        ServiceTier::Standard, o3)
                 .nano,
             108'928'000);
    QCOMPARE(pricer
                 .price(QStringLiteral("openai"), QStringLiteral("o3"), utcMs("2025-05-01T12:00:00Z"),
                        ServiceTier::Standard, o3)
                 .nano,
             540'544'000);
    Usage g7 = tokens(3000, 150'000, 2000);
    g7.cacheWrite5m = 12'000;
    g7.cacheWrite1h = 8'000;
    QCOMPARE(pricer
                 .price(QStringLiteral("anthropic"), QStringLiteral("claude-sonnet-4-5-20250929"),
                        utcMs("2026-09-01T12:00:00Z"), ServiceTier::Standard, g7)
                 .nano,
             177'000'000);
    // Sonnet 4.6's dated version (surcharge removed on 2026-03-13) came through.
    const ModelEntry *s46 = book->find(QStringLiteral("anthropic"), QStringLiteral("claude-sonnet-4-6"));
    QCOMPARE(s46->versions.size(), size_t(2));
    QCOMPARE(s46->versions.back().label, QStringLiteral("2026-03-13"));
    QCOMPARE(s46->versions.front().tiers.size(), size_t(1));
    QVERIFY(s46->versions.back().tiers.empty());
}

void TestPriceUpdate::liteLlmFeedConvertsExactly()
{
    const QByteArray json = R"({
      "sample_spec": {"input_cost_per_token": 0},
      "gpt-4o": {"litellm_provider": "openai", "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05,
                 "cache_read_input_token_cost": 1.25e-06, "input_cost_per_token_batches": 1.25e-06,
                 "output_cost_per_token_batches": 5e-06, "input_cost_per_token_priority": 4.25e-06},
      "claude-sonnet-4-5": {"litellm_provider": "anthropic", "input_cost_per_token": 3e-06,
                 "output_cost_per_token": 1.5e-05, "cache_creation_input_token_cost": 3.75e-06,
                 "cache_creation_input_token_cost_above_1hr": 6e-06, "input_cost_per_token_above_200k_tokens": 6e-06},
      "databricks/odd": {"litellm_provider": "databricks", "input_cost_per_token": 0.0000029999900000000002},
      "gemini/gemini-2.5-flash": {"litellm_provider": "gemini", "input_cost_per_token": 3e-07,
                 "output_cost_per_token": 0.0000025}
    })";
    auto feed = readPriceFeed(json);
    QVERIFY2(feed, qPrintable(feed.error()));
    QCOMPARE(feed->kind, PriceFeed::Kind::LiteLlm);
    QJsonObject doc = feed->doc;
    doc.insert(QStringLiteral("snapshot"), QJsonObject{{QStringLiteral("id"), QStringLiteral("ll")}});
    auto book = bookOf(doc);
    QCOMPARE(book->modelCount(), 3); // databricks is not a provider Burnrate prices
    const ModelEntry *gpt4o = book->find(QStringLiteral("openai"), QStringLiteral("gpt-4o"));
    QCOMPARE(gpt4o->versions.front().rates.get(RateKey::Input), 2'500'000);
    QCOMPARE(gpt4o->versions.front().serviceTiers.value(QStringLiteral("batch")).rates.get(RateKey::Output), 5'000'000);
    QCOMPARE(gpt4o->versions.front().serviceTiers.value(QStringLiteral("priority")).rates.get(RateKey::Input),
             4'250'000);
    const ModelEntry *sonnet = book->find(QStringLiteral("anthropic"), QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(sonnet->versions.front().rates.get(RateKey::CacheWrite5m), 3'750'000);
    QCOMPARE(sonnet->versions.front().rates.get(RateKey::CacheWrite1h), 6'000'000);
    QCOMPARE(sonnet->versions.front().tiers.front().gtInputTokens, 200'000);
    QVERIFY(book->find(QStringLiteral("google"), QStringLiteral("gemini-2.5-flash")));
}

void TestPriceUpdate::numbersStayDecimalText()
{
    const QByteArray in = R"({"a": 0.18000000000000002, "b": "1.5", "c": [1e-6, -2], "d": "x\"9"})";
    const QByteArray out = R"({"a": "0.18000000000000002", "b": "1.5", "c": ["1e-6", "-2"], "d": "x\"9"})";
    QCOMPARE(quoteJsonNumbers(in), out);
}

void TestPriceUpdate::refusesNegativeAndNonNumericRates_data()
{
    QTest::addColumn<QByteArray>("feed");
    QTest::addColumn<QString>("error");
    QTest::addRow("ours, negative") << ourFeed(QStringLiteral("gpt-4o"),
                                               {{QStringLiteral("input"), QStringLiteral("-2.5")}})
                                    << "";
    const QByteArray gpNegative = R"([{"id": "openai", "api_pattern": "x", "models": [{"id": "gpt-4o",
        "match": {"equals": "gpt-4o"}, "prices": {"input_mtok": -2.5, "output_mtok": 10}}]}])";
    const QByteArray gpWord = R"([{"id": "openai", "api_pattern": "x", "models": [{"id": "gpt-4o",
        "match": {"equals": "gpt-4o"}, "prices": {"input_mtok": "lots", "output_mtok": 10}}]}])";
    const QByteArray llNegative =
        R"({"sample_spec": {}, "gpt-4o": {"litellm_provider": "openai", "input_cost_per_token": -1e-06}})";
    const QByteArray llBool =
        R"({"sample_spec": {}, "gpt-4o": {"litellm_provider": "openai", "input_cost_per_token": true}})";
    QTest::addRow("genai-prices, negative") << gpNegative << "openai/gpt-4o input_mtok: -2.5 is negative";
    QTest::addRow("genai-prices, not a number")
        << gpWord << "openai/gpt-4o input_mtok: \"lots\" is not a decimal number";
    QTest::addRow("litellm, negative") << llNegative << "openai/gpt-4o input_cost_per_token: -1e-06 is negative";
    QTest::addRow("litellm, not a number") << llBool << "openai/gpt-4o input_cost_per_token is not a number";
}

void TestPriceUpdate::refusesNegativeAndNonNumericRates()
{
    QFETCH(QByteArray, feed);
    QFETCH(QString, error);
    auto read = readPriceFeed(feed);
    if (error.isEmpty()) {
        // Our own format is read as is; the book refuses it.
        QVERIFY(read);
        const auto book = PriceBook::fromDocument(read->doc);
        QVERIFY(!book);
        QCOMPARE(book.error(), QStringLiteral("openai/gpt-4o@base: rate input: -2.5 is negative"));
        return;
    }
    QVERIFY(!read);
    QCOMPARE(read.error(), error);
}

void TestPriceUpdate::mergeKeepsDroppedModelsAndDatesUndatedChanges()
{
    const QJsonObject active = readJson(pricingFixture(QStringLiteral("proposed-format.example.json")));
    auto feed =
        readPriceFeed(ourFeed(QStringLiteral("gpt-4o-mini"), {{QStringLiteral("input"), QStringLiteral("0.45")},
                                                              {QStringLiteral("cache_read"), QStringLiteral("0.075")},
                                                              {QStringLiteral("output"), QStringLiteral("0.60")}}));
    QVERIFY(feed);
    auto merged = mergePriceHistory(active, feed->doc, QStringLiteral("2026-11-03T00:00:00Z"));
    QVERIFY2(merged, qPrintable(merged.error()));
    const PriceDiff &diff = merged->diff;
    QCOMPARE(diff.changes.size(), 1);
    QCOMPARE(diff.changes.front().what, QStringLiteral("input 0.15 -> 0.45"));
    QCOMPARE(diff.changes.front().version, QStringLiteral("2026-11-03"));
    QVERIFY(diff.changes.front().bigJump); // 3x
    QVERIFY(diff.keptModels.contains(QStringLiteral("anthropic/claude-sonnet-4-5")));
    QVERIFY(diff.addedModels.isEmpty());
    auto book = bookOf(merged->doc);
    QVERIFY(book->find(QStringLiteral("anthropic"), QStringLiteral("claude-sonnet-4-5"))); // dropped upstream, kept
    Pricer pricer(*book);
    const Usage u = tokens(1'000'000, 0, 0);
    const QString openai = QStringLiteral("openai"), mini = QStringLiteral("gpt-4o-mini");
    // Rows before the change keep the old rate, rows after get the new one.
    QCOMPARE(pricer.price(openai, mini, utcMs("2026-11-02T23:59:59Z"), ServiceTier::Standard, u).nano, 150'000'000);
    QCOMPARE(pricer.price(openai, mini, utcMs("2026-11-03T00:00:00Z"), ServiceTier::Standard, u).nano, 450'000'000);
    // Merging the same feed again changes nothing.
    auto again = mergePriceHistory(merged->doc, feed->doc, QStringLiteral("2026-11-04T00:00:00Z"));
    QVERIFY(again->diff.isEmpty());
}

void TestPriceUpdate::mergeAllHistoryReplaces()
{
    const QJsonObject active = readJson(pricingFixture(QStringLiteral("proposed-format.example.json")));
    auto feed =
        readPriceFeed(ourFeed(QStringLiteral("gpt-4o-mini"), {{QStringLiteral("input"), QStringLiteral("0.16")},
                                                              {QStringLiteral("cache_read"), QStringLiteral("0.075")},
                                                              {QStringLiteral("output"), QStringLiteral("0.60")}}));
    auto merged = mergePriceHistory(active, feed->doc, QString());
    QVERIFY(merged);
    QVERIFY(!merged->diff.changes.front().bigJump);
    auto book = bookOf(merged->doc);
    const ModelEntry *mini = book->find(QStringLiteral("openai"), QStringLiteral("gpt-4o-mini"));
    QCOMPARE(mini->versions.size(), size_t(1));
    QCOMPARE(mini->versions.front().rates.get(RateKey::Input), 160'000);
}

QTEST_GUILESS_MAIN(TestPriceUpdate)
#include "tst_priceupdate.moc"
