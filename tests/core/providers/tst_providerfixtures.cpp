// Replays the Anthropic, OpenRouter and DeepSeek bodies of tests/fixtures/providers through a local HTTP server
// (docs examples, cents, old shapes, every error body); the OpenAI ones are in tst_openaifixtures. A fixture added
// to the folder fails everyFixtureIsReplayed until a test replays it.
#include "fixturereplay.h"
#include "providers/balanceparsers.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

class TestProviderFixtures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyFixtureIsReplayed();
    void anthropicDocsExamples_data();
    void anthropicDocsExamples();
    void anthropicClaudeCodeReportIsNotAUsagePage_data();
    void anthropicClaudeCodeReportIsNotAUsagePage();
    void openRouterExamples();
    void openRouterErrors_data();
    void openRouterErrors();
    void deepSeekBalanceInCny();
};

void TestProviderFixtures::initTestCase()
{
    REQUIRE_FIXTURES(providerFixtureFiles() + FakeProvider::servedFixtures());
}

void TestProviderFixtures::everyFixtureIsReplayed()
{
    const QMap<QString, QString> replayed = providerFixtureReplays();
    const QStringList files =
        QDir(fixturePath(QStringLiteral("providers"))).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 40);
    for (const QString &f : files) {
        QVERIFY2(replayed.contains(f), qPrintable(QStringLiteral("%1 is not replayed by any test").arg(f)));
        // Every body is JSON, so even the bodies Burnrate does not sync are known to be readable.
        QJsonParseError error;
        QJsonDocument::fromJson(FakeProvider::fixtureBody(f), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(f));
    }
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
    // Numbers are accepted where the docs show strings.
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
