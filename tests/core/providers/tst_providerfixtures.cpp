// Replays every body of ../shared/fixtures/providers through a local HTTP server: the real OpenAI captures
// (empty buckets, a partial first and last bucket, organization_id, long floats), the spec and docs examples,
// string amounts, cents, and every error body. A fixture added to the folder fails until it is replayed here.
#include "money/money.h"
#include "providers/balanceparsers.h"
#include "providers/openaiparser.h"
#include "syncrig.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

namespace {

const QString EmptyOpenAiPage = QStringLiteral("openai-usage-empty-page-assembled.json");

// First page: the fixture (only to `width` requests); any later page, or another width: an empty page.
FakeProvider::Handler firstPageThenEmpty(const QString &fixture, const QString &width = QStringLiteral("1d"))
{
    return [fixture, width](const HttpRequest &req) {
        const bool first = !req.query.hasQueryItem(QStringLiteral("page"));
        const QString w = req.query.queryItemValue(QStringLiteral("bucket_width"));
        if (first && (w.isEmpty() || w == width)) {
            return HttpResponse::fromFile(FakeProvider::fixture(fixture));
        }
        return HttpResponse::fromFile(FakeProvider::fixture(EmptyOpenAiPage));
    };
}

void setClock(SyncRig &rig, std::int64_t ms)
{
    rig.clock.set(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
}

// The result objects of a page fetched through the local server and HttpClient.
Result<OpenAiUsagePage> fetchUsagePage(LocalHttpServer &server, const QString &fixture)
{
    QNetworkAccessManager nam;
    HttpClient http(nam, fastSyncPolicy());
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

class TestProviderFixtures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyFixtureIsReplayed();
    void openAiRealCapturesPaged();
    void openAiSpecExamples();
    void openAiAmountsAsStrings();
    void openAiOtherUsageEndpoints_data();
    void openAiOtherUsageEndpoints();
    void openAiSingleResultObjects();
    void anthropicDocsExamples_data();
    void anthropicDocsExamples();
    void anthropicClaudeCodeReportIsNotAUsagePage_data();
    void anthropicClaudeCodeReportIsNotAUsagePage();
    void openRouterExamples();
    void openRouterErrors_data();
    void openRouterErrors();
    void deepSeekBalanceInCny();
};

void TestProviderFixtures::everyFixtureIsReplayed()
{
    // Each file and the test that replays it; the last ones are bodies of endpoints Burnrate does not sync.
    const QMap<QString, QString> replayed = {
        {"anthropic-claude-code-usage-guide-example.json", "anthropicClaudeCodeReportIsNotAUsagePage"},
        {"anthropic-claude-code-usage.json", "anthropicClaudeCodeReportIsNotAUsagePage"},
        {"anthropic-cost-report-2026-01-docs.json", "anthropicDocsExamples"},
        {"anthropic-cost-report.json", "anthropicDocsExamples"},
        {"anthropic-error-401-assembled.json", "tst_syncfailures (FakeAnthropic answers it to a wrong key)"},
        {"anthropic-error-not-found.json", "tst_syncfailures::failureKeepsEarlierData"},
        {"anthropic-usage-messages-2026-01-docs.json", "anthropicDocsExamples"},
        {"anthropic-usage-messages.json", "anthropicDocsExamples"},
        {"deepseek-balance.json", "deepSeekBalanceInCny"},
        {"deepseek-error-401.json", "tst_syncfailures::wrongKeysAreExplained"},
        {"openai-costs-cookbook-real-buckets.json", "openAiRealCapturesPaged"},
        {"openai-costs.json", "openAiSpecExamples"},
        {"openai-error-401-invalid-key-assembled.json", "tst_syncfailures (401)"},
        {"openai-error-401-missing-scope-assembled.json", "tst_syncfailures (403 wrong kind, wrong keys)"},
        {"openai-object-costs-result.json", "openAiSingleResultObjects"},
        {"openai-object-usage-completions-result.json", "openAiSingleResultObjects"},
        {"openai-usage-audio-speeches.json", "openAiOtherUsageEndpoints"},
        {"openai-usage-audio-transcriptions.json", "openAiOtherUsageEndpoints"},
        {"openai-usage-code-interpreter-sessions.json", "openAiOtherUsageEndpoints"},
        {"openai-usage-completions-cookbook-real-buckets.json", "openAiRealCapturesPaged"},
        {"openai-usage-completions.json", "openAiSpecExamples"},
        {"openai-usage-embeddings.json", "openAiOtherUsageEndpoints"},
        {"openai-usage-empty-page-assembled.json", "openAiSpecExamples"},
        {"openai-usage-file-search-calls.json", "openAiOtherUsageEndpoints"},
        {"openai-usage-images.json", "openAiOtherUsageEndpoints"},
        {"openai-usage-moderations.json", "openAiOtherUsageEndpoints"},
        {"openai-usage-vector-stores.json", "openAiOtherUsageEndpoints"},
        {"openai-usage-web-search-calls.json", "openAiOtherUsageEndpoints"},
        {"openrouter-activity.json", "openRouterExamples"},
        {"openrouter-credits.json", "openRouterExamples"},
        {"openrouter-error-401-no-credentials-observed.json", "openRouterErrors"},
        {"openrouter-error-401-user-not-found-observed.json", "openRouterErrors"},
        {"openrouter-error-401.json", "openRouterErrors"},
        {"openrouter-error-402.json", "openRouterErrors"},
        {"openrouter-error-403-not-management-key.json", "openRouterErrors"},
        {"openrouter-error-404.json", "openRouterErrors"},
        {"openrouter-error-429-limits-doc.json", "openRouterErrors"},
        {"openrouter-error-429-spec.json", "openRouterErrors"},
        {"openrouter-key.json", "openRouterExamples"},
        {"openrouter-generation.json", "not synced: per-request cost of one generation id"},
        {"openrouter-keys-list.json", "not synced: the management listing of all keys"},
        {"xai-prepaid-balance-thirdparty.json", "not synced: xAI is not a provider of this sync"},
        {"xai-usage-thirdparty.json", "not synced: xAI is not a provider of this sync"},
    };
    const QStringList files = QDir(QStringLiteral(BURNRATE_FIXTURES_DIR "/providers"))
                                  .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 40);
    for (const QString &f : files) {
        QVERIFY2(replayed.contains(f), qPrintable(QStringLiteral("%1 is not replayed by any test").arg(f)));
        // Every body is JSON, so even the bodies Burnrate does not sync are known to be readable.
        QJsonParseError error;
        QJsonDocument::fromJson(FakeProvider::fixtureBody(f), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(f));
    }
}

void TestProviderFixtures::openAiRealCapturesPaged()
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

void TestProviderFixtures::openAiSpecExamples()
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

void TestProviderFixtures::openAiAmountsAsStrings()
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

void TestProviderFixtures::openAiOtherUsageEndpoints_data()
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

void TestProviderFixtures::openAiOtherUsageEndpoints()
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

void TestProviderFixtures::openAiSingleResultObjects()
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
    HttpClient http(nam, fastSyncPolicy());
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

void TestProviderFixtures::anthropicDocsExamples_data()
{
    QTest::addColumn<QString>("usageFixture");
    QTest::addColumn<QString>("costFixture");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("costDetail");
    QTest::addRow("current docs")
        << "anthropic-usage-messages.json"
        << "anthropic-cost-report.json"
        << "claude-opus-4-6"
        << "context_window=0-200k;cost_type=tokens;inference_geo=global;service_tier=standard;"
           "token_type=uncached_input_tokens";
    QTest::addRow("2026-01 docs") << "anthropic-usage-messages-2026-01-docs.json"
                                  << "anthropic-cost-report-2026-01-docs.json"
                                  << "claude-sonnet-4-20250514"
                                  << "context_window=0-200k;cost_type=tokens;service_tier=standard;"
                                     "token_type=uncached_input_tokens";
}

void TestProviderFixtures::anthropicDocsExamples()
{
    QFETCH(QString, usageFixture);
    QFETCH(QString, costFixture);
    QFETCH(QString, model);
    QFETCH(QString, costDetail);
    SyncRig rig;
    rig.startAll();
    setClock(rig, utcMs(2025, 8, 5, 10, 0));
    rig.backfillDays = 7;
    rig.anthropic->route(QStringLiteral("/v1/organizations/usage_report/messages"), firstPageThenEmpty(usageFixture));
    rig.anthropic->route(QStringLiteral("/v1/organizations/cost_report"), firstPageThenEmpty(costFixture));
    const auto results = rig.sync({QStringLiteral("anthropic")});
    QVERIFY2(results.first().status == ProviderResult::Status::Synced, qPrintable(results.first().message));
    QCOMPARE(rig.dump(QStringLiteral("usage_buckets"),
                      QStringLiteral("bucket_start, bucket_width, model, api_key, workspace, service_tier,"
                                     " context_window, input_uncached, cache_read, cache_write_5m, cache_write_1h,"
                                     " output, requests, web_searches")),
             QStringList{QStringLiteral("1754006400000|1d|%1|apikey_01Rj2N8SVvo6BePZj99NhmiT|"
                                        "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ|standard|0-200k|1500|200|500|1000|500|0|10")
                             .arg(model)});
    // "123.78912" cents is $1.2378912.
    QCOMPARE(rig.dump(QStringLiteral("billed_costs"), QStringLiteral("day, project, line_item, detail, amount_nano")),
             QStringList{QStringLiteral("2025-08-01|wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ|Claude Sonnet 4 Usage - Input "
                                        "Tokens|%1|1237891200")
                             .arg(costDetail)});
}

void TestProviderFixtures::anthropicClaudeCodeReportIsNotAUsagePage_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addRow("reference") << "anthropic-claude-code-usage.json";
    QTest::addRow("guide") << "anthropic-claude-code-usage-guide-example.json";
}

void TestProviderFixtures::anthropicClaudeCodeReportIsNotAUsagePage()
{
    QFETCH(QString, fixture);
    SyncRig rig;
    rig.startAll();
    rig.anthropic->route(QStringLiteral("/v1/organizations/usage_report/messages"), firstPageThenEmpty(fixture));
    const auto results = rig.sync({QStringLiteral("anthropic")});
    QCOMPARE(results.first().status, ProviderResult::Status::Failed);
    QCOMPARE(results.first().message, QStringLiteral("Anthropic usage: the answer is not what was expected: bucket 1 "
                                                     "has no start or end time"));
    QCOMPARE(rig.scalar("SELECT COUNT(*) FROM usage_buckets"), 0);
}

void TestProviderFixtures::openRouterExamples()
{
    SyncRig rig;
    rig.startAll();
    setClock(rig, utcMs(2025, 8, 26, 8, 0));
    rig.openrouter->serveFixture(QStringLiteral("/api/v1/key"), QStringLiteral("openrouter-key.json"));
    rig.openrouter->serveFixture(QStringLiteral("/api/v1/credits"), QStringLiteral("openrouter-credits.json"));
    rig.openrouter->serveFixture(QStringLiteral("/api/v1/activity"), QStringLiteral("openrouter-activity.json"));
    const auto results = rig.sync({QStringLiteral("openrouter")});
    QVERIFY2(results.first().status == ProviderResult::Status::Synced, qPrintable(results.first().message));
    QCOMPARE(rig.dump(QStringLiteral("balances"),
                      QStringLiteral("source, currency, credit_nano, used_nano, used_today_nano")),
             (QStringList{QStringLiteral("credits|USD|74750000000|25750000000|"),
                          QStringLiteral("key|USD|74500000000|25500000000|25500000000")}));
    QCOMPARE(rig.dump(QStringLiteral("billed_costs"), QStringLiteral("day, model, line_item, detail, amount_nano")),
             QStringList{QStringLiteral("2025-08-24|openai/gpt-4.1|OpenAI|byok_nano=12000000;endpoint_id="
                                        "550e8400-e29b-41d4-a716-446655440000|15000000")});
    // The key's label holds part of the key: it is never stored.
    QCOMPARE(rig.scalar("SELECT COUNT(*) FROM balances WHERE account LIKE '%sk-or%'"), 0);
}

void TestProviderFixtures::openRouterErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::addRow("401") << "/api/v1/key"
                         << "openrouter-error-401.json" << 401
                         << "OpenRouter key: OpenRouter rejected the key: it is invalid or was revoked (HTTP 401: "
                            "Missing Authentication header)";
    QTest::addRow("401 user not found") << "/api/v1/key"
                                        << "openrouter-error-401-user-not-found-observed.json" << 401
                                        << "OpenRouter key: OpenRouter rejected the key: it is invalid or was revoked "
                                           "(HTTP 401: User not found.)";
    QTest::addRow("401 no credentials") << "/api/v1/key"
                                        << "openrouter-error-401-no-credentials-observed.json" << 401
                                        << "OpenRouter key: OpenRouter rejected the key: it is invalid or was revoked "
                                           "(HTTP 401: No auth credentials found)";
    QTest::addRow("402")
        << "/api/v1/key"
        << "openrouter-error-402.json" << 402
        << "OpenRouter key: the provider refused the request (HTTP 402: Insufficient credits. Add more "
           "using https://openrouter.ai/credits)";
    QTest::addRow("403")
        << "/api/v1/credits"
        << "openrouter-error-403-not-management-key.json" << 403
        << "OpenRouter credits: this is an inference key; credits and activity need a Management key — "
           "create one at https://openrouter.ai/settings/management-keys";
    QTest::addRow("404") << "/api/v1/activity"
                         << "openrouter-error-404.json" << 404
                         << "OpenRouter activity: the provider refused the request (HTTP 404: Resource not found)";
    QTest::addRow("429 spec") << "/api/v1/key"
                              << "openrouter-error-429-spec.json" << 429
                              << "OpenRouter key: rate limited by the provider (HTTP 429: Rate limit exceeded)";
    QTest::addRow("429 limits doc") << "/api/v1/credits"
                                    << "openrouter-error-429-limits-doc.json" << 429
                                    << "OpenRouter credits: rate limited by the provider (HTTP 429: Rate limit "
                                       "exceeded)";
}

void TestProviderFixtures::openRouterErrors()
{
    QFETCH(QString, path);
    QFETCH(QString, fixture);
    QFETCH(int, status);
    QFETCH(QString, message);
    SyncRig rig;
    rig.startAll();
    rig.openrouter->serveFixture(path, fixture, status);
    const auto results = rig.sync({QStringLiteral("openrouter")});
    QCOMPARE(results.first().status, ProviderResult::Status::Failed);
    QCOMPARE(results.first().message, message);
    // A 429 is retried (twice in the rig); nothing else is.
    QCOMPARE(rig.openrouter->requestCount(path), status == 429 ? rig.policy.maxAttempts : 1);
}

void TestProviderFixtures::deepSeekBalanceInCny()
{
    SyncRig rig;
    rig.startAll();
    rig.deepseek->serveFixture(QStringLiteral("/user/balance"), QStringLiteral("deepseek-balance.json"));
    const auto results = rig.sync({QStringLiteral("deepseek")});
    QVERIFY2(results.first().status == ProviderResult::Status::Synced, qPrintable(results.first().message));
    QCOMPARE(rig.dump(QStringLiteral("balances"),
                      QStringLiteral("source, currency, credit_nano, granted_nano, topped_up_nano")),
             QStringList{QStringLiteral("user/balance|CNY|110000000000|10000000000|100000000000")});
    // Numbers are accepted where the docs once had them.
    const auto numbers = parseDeepSeekBalance(
        R"({"is_available":true,"balance_infos":[{"currency":"usd","total_balance":12.5,"granted_balance":0,)"
        R"("topped_up_balance":"12.50"}]})",
        5);
    QVERIFY2(numbers.ok(), qPrintable(numbers.error()));
    QCOMPARE(numbers->snapshots.first().currency, QStringLiteral("USD"));
    QCOMPARE(numbers->snapshots.first().creditNano, std::optional<std::int64_t>(12'500'000'000));
}

QTEST_GUILESS_MAIN(TestProviderFixtures)
#include "tst_providerfixtures.moc"
