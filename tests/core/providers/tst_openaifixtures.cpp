// The OpenAI bodies of tests/fixtures/providers, replayed through a local HTTP server: the real captures
// (empty buckets, a partial first and last bucket, organization_id, long floats) paged as the API pages them, the
// spec examples, string amounts, the other usage kinds and the single result objects.
#include "fixturereplay.h"
#include "money/money.h"
#include "providers/balanceparsers.h"
#include "providers/openaiparser.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

namespace {

// The result objects of a page fetched through the local server and HttpClient.
Result<OpenAiUsagePage> fetchUsagePage(LocalHttpServer &server, const QString &fixture)
{
    QNetworkAccessManager nam;
    const FixedClock clock(QDateTime::fromMSecsSinceEpoch(utcMs(2026, 11, 20, 15, 37), Qt::UTC));
    HttpClient http(nam, clock, fastSyncPolicy());
    server.route("GET", QStringLiteral("/replay"), HttpResponse::fromFile(FakeProvider::fixture(fixture)));
    HttpResult got;
    bool done = false;
    http.get(QNetworkRequest(server.url(QStringLiteral("/replay"))), [&](const HttpResult &r) {
        got = r;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000) || !got.ok()) {
        return Result<OpenAiUsagePage>::failure(QStringLiteral("fetch failed: ") + got.error.message);
    }
    return parseOpenAiUsagePage(got.body, QStringLiteral("1d"));
}

// The amounts of a fixture as their own decimal text, summed exactly.
std::int64_t sumOfAmountTexts(const QString &fixture)
{
    const QString text = QString::fromUtf8(FakeProvider::fixtureBody(fixture));
    static const QRegularExpression value(QStringLiteral("\"value\":\\s*([-0-9.eE+]+)"));
    std::int64_t sum = 0;
    auto it = value.globalMatch(text);
    while (it.hasNext()) {
        sum += Money::parseUsd(it.next().captured(1)).value().nano();
    }
    return sum;
}

} // namespace

class TestOpenAiFixtures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void openAiRealCapturesPaged();
    void openAiSpecExamples();
    void openAiAmountsAsStrings();
    void openAiOtherUsageEndpoints_data();
    void openAiOtherUsageEndpoints();
    void openAiSingleResultObjects();
};

void TestOpenAiFixtures::initTestCase()
{
    REQUIRE_FIXTURES(providerFixtureFiles() + FakeProvider::servedFixtures());
}

void TestOpenAiFixtures::openAiRealCapturesPaged()
{
    SyncRig rig;
    rig.startAll();
    setClock(rig, utcMs(2025, 2, 20, 9, 0));
    rig.openai->servePagedBuckets(QStringLiteral("/v1/organization/usage/completions"),
                                  QStringLiteral("openai-usage-completions-cookbook-real-buckets.json"));
    rig.openai->servePagedBuckets(QStringLiteral("/v1/organization/costs"),
                                  QStringLiteral("openai-costs-cookbook-real-buckets.json"));
    const auto results = rig.sync({QStringLiteral("openai")}, utcMs(2025, 1, 11));
    QVERIFY2(results.first().status == ProviderResult::Status::Synced, qPrintable(results.first().message));

    const QJsonArray usage =
        QJsonDocument::fromJson(
            FakeProvider::fixtureBody(QStringLiteral("openai-usage-completions-cookbook-real-buckets.json")))
            .array();
    std::int64_t input = 0, output = 0, cached = 0, requests = 0, empty = 0;
    for (const QJsonValue &b : usage) {
        const QJsonArray rows = b.toObject().value(QStringLiteral("results")).toArray();
        empty += rows.isEmpty() ? 1 : 0;
        for (const QJsonValue &r : rows) {
            input += r[QStringLiteral("input_tokens")].toInteger();
            output += r[QStringLiteral("output_tokens")].toInteger();
            cached += r[QStringLiteral("input_cached_tokens")].toInteger();
            requests += r[QStringLiteral("num_model_requests")].toInteger();
        }
    }
    QCOMPARE(usage.size(), 31);
    QCOMPARE(empty, 5);
    // Empty buckets are zero: no rows; every other bucket is one row (the capture is not grouped).
    QCOMPARE(rig.scalar("SELECT COUNT(*) FROM usage_buckets"), 26);
    QCOMPARE(rig.scalar("SELECT SUM(input_uncached + cache_read) FROM usage_buckets"), input);
    QCOMPARE(rig.scalar("SELECT SUM(cache_read) FROM usage_buckets"), cached);
    QCOMPARE(rig.scalar("SELECT SUM(output) FROM usage_buckets"), output);
    QCOMPARE(rig.scalar("SELECT SUM(requests) FROM usage_buckets"), requests);
    // The first bucket starts at the request time (17:31), the last ends at it: both partial, kept as such.
    QCOMPARE(rig.scalar("SELECT MIN(bucket_start) FROM usage_buckets"), 1736616660000LL);
    QCOMPARE(rig.scalar("SELECT MAX(bucket_end) FROM usage_buckets"), 1739208663000LL);
    QCOMPARE(rig.scalar("SELECT bucket_end - bucket_start FROM usage_buckets WHERE bucket_start = 1736616660000"),
             (1736640000LL - 1736616660LL) * 1000);
    // Audio tokens have no column: kept by name.
    QCOMPARE(rig.scalar("SELECT SUM(json_extract(extra, '$.input_audio_tokens')) FROM usage_buckets") > 0, true);

    // Costs: 31 days, organization_id ignored, long floats rounded half-up at the ninth decimal, exactly.
    QCOMPARE(rig.scalar("SELECT COUNT(*) FROM billed_costs"), 31);
    QCOMPARE(rig.scalar("SELECT SUM(amount_nano) FROM billed_costs"),
             sumOfAmountTexts(QStringLiteral("openai-costs-cookbook-real-buckets.json")));
    QCOMPARE(rig.scalar("SELECT amount_nano FROM billed_costs WHERE day = '2025-01-11'"), 130'804'383); // 0.1308043834…
    QCOMPARE(rig.scalar("SELECT amount_nano FROM billed_costs WHERE day = '2025-02-10'"), 120'734); // 0.0001207340…
    // Pages as the limits require: 31 daily buckets fit one page of usage (31) and one of costs (180); the
    // capture's days before the window's start were asked for too.
    QCOMPARE(rig.openai->requestCount(QStringLiteral("/v1/organization/costs")), 1);
}

void TestOpenAiFixtures::openAiSpecExamples()
{
    SyncRig rig;
    rig.startAll();
    setClock(rig, utcMs(2024, 11, 4, 12, 0));
    rig.backfillDays = 3;
    rig.openai->route(QStringLiteral("/v1/organization/usage/completions"),
                      firstPageThenEmpty(QStringLiteral("openai-usage-completions.json")));
    rig.openai->route(QStringLiteral("/v1/organization/costs"),
                      firstPageThenEmpty(QStringLiteral("openai-costs.json")));
    const auto results = rig.sync({QStringLiteral("openai")});
    QVERIFY2(results.first().status == ProviderResult::Status::Synced, qPrintable(results.first().message));
    // has_more with a cursor: the second page was asked for, with that cursor, and was empty.
    bool sawCursor = false;
    for (const HttpRequest &r : rig.openai->server().requests()) {
        sawCursor |=
            r.query.queryItemValue(QStringLiteral("page")) == QLatin1String("page_AAAAAGdGxdEiJdKOAAAAAGcqsYA=");
    }
    QVERIFY(sawCursor);
    QCOMPARE(rig.dump(QStringLiteral("usage_buckets"),
                      QStringLiteral("bucket_start, bucket_end, bucket_width, model, project, input_uncached,"
                                     " cache_read, cache_write_5m, output, requests, extra")),
             QStringList{QStringLiteral(
                 "1730419200000|1730505600000|1d|||500|400|100|500|5|{\"input_audio_tokens\":50,"
                 "\"input_cached_audio_tokens\":50,\"input_cached_image_tokens\":50,\"input_cached_text_tokens\":300,"
                 "\"input_image_tokens\":50,\"input_text_tokens\":400,\"output_audio_tokens\":50,"
                 "\"output_image_tokens\":50,\"output_text_tokens\":400}")});
    QCOMPARE(rig.dump(QStringLiteral("billed_costs"), QStringLiteral("day, project, line_item, amount_nano")),
             QStringList{QStringLiteral("2024-11-01|||60000000")});
}

void TestOpenAiFixtures::openAiAmountsAsStrings()
{
    std::int64_t totals[2] = {0, 0};
    for (int strings = 0; strings < 2; ++strings) {
        SyncRig rig;
        rig.startAll();
        rig.openai->setAmountsAsStrings(strings == 1);
        QCOMPARE(rig.sync({QStringLiteral("openai")}).first().status, ProviderResult::Status::Synced);
        totals[strings] = rig.scalar("SELECT SUM(amount_nano) FROM billed_costs");
        QVERIFY(totals[strings] > 0);
    }
    QCOMPARE(totals[1], totals[0]); // a string is parsed as a number, never taken as 0
}

void TestOpenAiFixtures::openAiOtherUsageEndpoints_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<qint64>("input");
    QTest::addColumn<qint64>("requests");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<qint64>("value");
    QTest::addRow("embeddings") << "openai-usage-embeddings.json" << 16LL << 2LL << "" << 0LL;
    QTest::addRow("moderations") << "openai-usage-moderations.json" << 16LL << 2LL << "" << 0LL;
    QTest::addRow("images") << "openai-usage-images.json" << 0LL << 2LL << "images" << 2LL;
    QTest::addRow("audio speeches") << "openai-usage-audio-speeches.json" << 0LL << 1LL << "characters" << 45LL;
    QTest::addRow("audio transcriptions")
        << "openai-usage-audio-transcriptions.json" << 0LL << 1LL << "seconds" << 20LL;
    QTest::addRow("vector stores") << "openai-usage-vector-stores.json" << 0LL << 0LL << "usage_bytes" << 1024LL;
    QTest::addRow("code interpreter") << "openai-usage-code-interpreter-sessions.json" << 0LL << 0LL << "num_sessions"
                                      << 1LL;
    QTest::addRow("file search") << "openai-usage-file-search-calls.json" << 0LL << 0LL << "num_requests" << 2LL;
    QTest::addRow("web search") << "openai-usage-web-search-calls.json" << 0LL << 2LL << "num_requests" << 2LL;
}

void TestOpenAiFixtures::openAiOtherUsageEndpoints()
{
    QFETCH(QString, fixture);
    QFETCH(qint64, input);
    QFETCH(qint64, requests);
    QFETCH(QString, metric);
    QFETCH(qint64, value);
    LocalHttpServer server;
    QVERIFY(server.listen());
    const auto page = fetchUsagePage(server, fixture);
    QVERIFY2(page.ok(), qPrintable(page.error()));
    QCOMPARE(page->buckets.size(), 1);
    const UsageBucket &b = page->buckets.first();
    QCOMPARE(b.startMs, 1730419200000LL);
    QCOMPARE(b.tokens.inputUncached, input);
    QCOMPARE(b.requests, requests);
    if (!metric.isEmpty()) {
        QCOMPARE(b.extra.value(metric), value);
    }
    QVERIFY(!page->page.hasMore);
}

void TestOpenAiFixtures::openAiSingleResultObjects()
{
    LocalHttpServer server;
    QVERIFY(server.listen());
    const auto wrap = [](const QString &fixture) {
        return "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":1730419200,\"end_time\":"
               "1730505600,\"results\":[" +
               FakeProvider::fixtureBody(fixture) + "]}],\"has_more\":false,\"next_page\":null}";
    };
    server.route("GET", QStringLiteral("/usage"),
                 HttpResponse::json(wrap(QStringLiteral("openai-object-usage-completions-result.json"))));
    server.route("GET", QStringLiteral("/costs"),
                 HttpResponse::json(wrap(QStringLiteral("openai-object-costs-result.json"))));
    QNetworkAccessManager nam;
    const FixedClock clock(QDateTime::fromMSecsSinceEpoch(utcMs(2026, 11, 20, 15, 37), Qt::UTC));
    HttpClient http(nam, clock, fastSyncPolicy());
    QByteArray usageBody, costsBody;
    http.get(QNetworkRequest(server.url(QStringLiteral("/usage"))), [&](const HttpResult &r) { usageBody = r.body; });
    http.get(QNetworkRequest(server.url(QStringLiteral("/costs"))), [&](const HttpResult &r) { costsBody = r.body; });
    QTRY_VERIFY(!usageBody.isEmpty() && !costsBody.isEmpty());
    const auto usage = parseOpenAiUsagePage(usageBody, QStringLiteral("1d"));
    QVERIFY2(usage.ok(), qPrintable(usage.error()));
    const UsageBucket &b = usage->buckets.first();
    QCOMPARE(b.project, QStringLiteral("proj_abc"));
    QCOMPARE(b.apiKey, QStringLiteral("key_abc"));
    QCOMPARE(b.model, QStringLiteral("gpt-4o-mini-2024-07-18"));
    QCOMPARE(b.batch, false);
    QCOMPARE(b.serviceTier, QStringLiteral("default"));
    QCOMPARE(b.tokens.inputUncached, 3000); // input_uncached_tokens as given
    QCOMPARE(b.tokens.cacheRead, 1800);
    QCOMPARE(b.tokens.cacheWrite5m, 200);
    QCOMPARE(b.tokens.output, 1000);
    QCOMPARE(b.requests, 5);
    const auto costs = parseOpenAiCostsPage(costsBody);
    QVERIFY2(costs.ok(), qPrintable(costs.error()));
    QCOMPARE(costs->costs.first().lineItem, QStringLiteral("input_tokens"));
    QCOMPARE(costs->costs.first().model, QString()); // no "model, side" form
    QCOMPARE(costs->costs.first().project, QStringLiteral("proj_abc"));
    QCOMPARE(costs->costs.first().amountNano, 60'000'000);
    QCOMPARE(costs->costs.first().day, QDate(2024, 11, 1));
    QCOMPARE(modelOfLineItem(QStringLiteral("gpt-4o-2024-08-06, input")), QStringLiteral("gpt-4o-2024-08-06"));
    QCOMPARE(modelOfLineItem(QStringLiteral("Image models")), QString());
}

QTEST_GUILESS_MAIN(TestOpenAiFixtures)
#include "tst_openaifixtures.moc"
