// Every way a provider can fail a sync: each leaves the right state and message, commits nothing of the
// failed window, keeps what earlier syncs stored, and the next good sync completes.
#include "providers/syncstore.h"
#include "syncrig.h"
#include "util/checkedsum.h"
#include "util/timestamp.h"

#include <QTest>

#include <limits>

using namespace burnrate;
using namespace burnrate::test;

namespace {

const QString UsagePath = QStringLiteral("/v1/organization/usage/completions");

HttpResponse withHeader(HttpResponse r, const QByteArray &name, const QByteArray &value)
{
    r.headers.append(qMakePair(name, value));
    return r;
}

} // namespace

class TestSyncFailures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void failureLeavesNothingAndNextSyncCompletes_data();
    void failureLeavesNothingAndNextSyncCompletes();
    void failureKeepsEarlierData();
    void wrongKeysAreExplained_data();
    void wrongKeysAreExplained();
    void sumsBeyondInt64FailTheWindow();
};

void TestSyncFailures::initTestCase()
{
    REQUIRE_FIXTURES(FakeProvider::servedFixtures() +
                     QStringList{QStringLiteral("providers/openrouter-error-429-spec.json"),
                                 QStringLiteral("providers/openrouter-error-429-limits-doc.json"),
                                 QStringLiteral("providers/anthropic-error-not-found.json")});
}

void TestSyncFailures::failureLeavesNothingAndNextSyncCompletes_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<QString>("message");
    QTest::addColumn<qint64>("retryAfterMs");
    QTest::addRow("401") << 0
                         << "OpenAI usage: OpenAI rejected the key: it is invalid or was revoked (HTTP 401: Incorrect "
                            "API key provided: sk-admin-****abcd. You can find your API key at "
                            "https://platform.openai.com/account/api-keys.)"
                         << qint64(-1);
    QTest::addRow("403 wrong kind") << 1
                                    << "OpenAI usage: this is an inference key; usage needs an Admin key — create one "
                                       "at https://platform.openai.com/settings/organization/admin-keys"
                                    << qint64(-1);
    QTest::addRow("429 with Retry-After") << 2
                                          << "OpenAI usage: rate limited by the provider (HTTP 429); it asked to wait "
                                             "3600 s"
                                          << qint64(3'600'000);
    QTest::addRow("429 without Retry-After") << 3
                                             << "OpenAI usage: rate limited by the provider (HTTP 429: Rate limit "
                                                "exceeded)"
                                             << qint64(-1);
    QTest::addRow("500") << 4
                         << "OpenAI usage: the provider had a server error (HTTP 500: The server had an error while "
                            "processing your request)"
                         << qint64(-1);
    QTest::addRow("hang") << 5 << "OpenAI usage: no answer from 127.0.0.1 within 0.5 s (timeout)" << qint64(-1);
    QTest::addRow("truncated") << 6 << "OpenAI usage: the answer from 127.0.0.1 was cut off (58 of 103 bytes)"
                               << qint64(-1);
    QTest::addRow("html") << 7
                          << "OpenAI usage: 127.0.0.1 answered with a web page instead of JSON (a proxy, a captive "
                             "portal or a wrong base URL?)"
                          << qint64(-1);
    QTest::addRow("cursor loop") << 8
                                 << "OpenAI usage: the server sent the same page cursor twice, after 2 pages; stopped "
                                    "so as not to loop forever"
                                 << qint64(-1);
    QTest::addRow("not the expected json") << 9
                                           << "OpenAI usage: the answer is not what was expected: a completions result "
                                              "lacks input_tokens, output_tokens or num_model_requests"
                                           << qint64(-1);
}

void TestSyncFailures::failureLeavesNothingAndNextSyncCompletes()
{
    QFETCH(int, fault);
    QFETCH(QString, message);
    QFETCH(qint64, retryAfterMs);
    SyncRig rig;
    rig.startAll();
    const int attempts = rig.policy.maxAttempts;
    // The first page of usage goes through; the fault hits the second, so a partial window is in memory.
    switch (fault) {
    case 0:
        rig.env.insert(QStringLiteral("BURNRATE_OPENAI_ADMIN_KEY"), QStringLiteral("sk-admin-revoked00000000000abcd"));
        break;
    case 1:
        rig.openai->setWrongKindStatus(403);
        rig.env.insert(QStringLiteral("BURNRATE_OPENAI_ADMIN_KEY"), FakeOpenAi::projectKey());
        break;
    case 2:
        rig.openai->pushFault(
            UsagePath,
            withHeader(
                HttpResponse::fromFile(FakeProvider::fixture(QStringLiteral("openrouter-error-429-spec.json")), 429),
                "Retry-After", "3600"),
            1, 1);
        break;
    case 3:
        rig.openai->pushFault(
            UsagePath,
            HttpResponse::fromFile(FakeProvider::fixture(QStringLiteral("openrouter-error-429-limits-doc.json")), 429),
            attempts, 1);
        break;
    case 4:
        rig.openai->pushFault(UsagePath,
                              HttpResponse::json(R"({"error":{"message":"The server had an error while processing )"
                                                 R"(your request","type":"server_error","param":null,"code":null}})",
                                                 500),
                              attempts, 1);
        break;
    case 5: {
        rig.policy.timeoutMs = 500;
        HttpResponse hang;
        hang.hang = true;
        rig.openai->pushFault(UsagePath, hang, attempts, 1);
        break;
    }
    case 6: {
        HttpResponse cut = HttpResponse::json(R"({"object":"page","data":[{"object":"bucket","start_time":1)");
        cut.truncate = true;
        rig.openai->pushFault(UsagePath, cut, attempts, 1);
        break;
    }
    case 7: {
        HttpResponse html = HttpResponse::json("<!doctype html><title>Sign in</title>");
        html.contentType = "text/html";
        rig.openai->pushFault(UsagePath, html, 1, 1);
        break;
    }
    case 8:
        rig.openai->setRepeatingCursor(true);
        break;
    case 9:
        rig.openai->pushFault(UsagePath,
                              HttpResponse::json(R"({"object":"page","data":[{"object":"bucket","start_time":1,)"
                                                 R"("end_time":2,"results":[{"object":)"
                                                 R"("organization.usage.completions.result","input_tokens":5}]}],)"
                                                 R"("has_more":false,"next_page":null})"),
                              1, 1);
        break;
    }
    const auto failed = rig.sync({QStringLiteral("openai")});
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().status, ProviderResult::Status::Failed);
    QCOMPARE(failed.first().message, message);
    QCOMPARE(failed.first().outcome.failedEndpoint, QStringLiteral("usage/completions"));
    // Nothing of the window, and no later endpoint ran.
    QCOMPARE(rig.scalar("SELECT COUNT(*) FROM usage_buckets"), 0);
    QCOMPARE(rig.scalar("SELECT COUNT(*) FROM billed_costs"), 0);
    QCOMPARE(rig.scalar("SELECT COUNT(*) FROM sync_coverage"), 0);
    QCOMPARE(rig.openai->requestCount(QStringLiteral("/v1/organization/costs")), 0);
    // The state says what went wrong, in words.
    const auto state = SyncStore(rig.ledger->db()).state(QStringLiteral("openai"), QStringLiteral("usage/completions"));
    QVERIFY(state.has_value());
    QCOMPARE(state->lastError, message);
    QCOMPARE(state->failures, 1);
    QVERIFY(!state->lastSuccess.has_value());
    QCOMPARE(state->lastAttempt, std::optional<std::int64_t>(rig.clock.nowMs()));
    QCOMPARE(state->retryAfter.has_value(), retryAfterMs >= 0);
    if (retryAfterMs >= 0) {
        QCOMPARE(*state->retryAfter, rig.clock.nowMs() + retryAfterMs);
    }

    // The next good sync completes (with the rig's generous timeout again: only the hang needs a short one).
    rig.policy.timeoutMs = GenerousTimeoutMs;
    rig.openai->clearFaults();
    rig.openai->setRepeatingCursor(false);
    rig.env.insert(QStringLiteral("BURNRATE_OPENAI_ADMIN_KEY"), FakeOpenAi::adminKey());
    const auto good = rig.sync({QStringLiteral("openai")});
    QVERIFY2(good.first().status == ProviderResult::Status::Synced, qPrintable(good.first().message));
    const std::int64_t now = rig.clock.nowMs();
    const std::int64_t from = now - now % FakeOrg::MsPerDay - 90 * FakeOrg::MsPerDay;
    QCOMPARE(rig.scalar("SELECT SUM(output) FROM usage_buckets"), rig.openAiOrg.total(from, now).output);
    const auto after = SyncStore(rig.ledger->db()).state(QStringLiteral("openai"), QStringLiteral("usage/completions"));
    QVERIFY(after->lastError.isEmpty());
    QCOMPARE(after->failures, 0);
    QVERIFY(!after->retryAfter.has_value());
}

void TestSyncFailures::failureKeepsEarlierData()
{
    SyncRig rig;
    rig.startAll();
    rig.sync({QStringLiteral("anthropic")});
    const QString cols = QStringLiteral("day, project, line_item, model, detail, amount_nano");
    const QStringList billed = rig.dump(QStringLiteral("billed_costs"), cols);
    QVERIFY(!billed.isEmpty());
    rig.clock.advanceSecs(3600);
    // An hour later the cost report fails.
    rig.anthropic->pushFault(
        QStringLiteral("/v1/organizations/cost_report"),
        HttpResponse::fromFile(FakeProvider::fixture(QStringLiteral("anthropic-error-not-found.json")), 404));
    const auto failed = rig.sync({QStringLiteral("anthropic")});
    QCOMPARE(failed.first().status, ProviderResult::Status::Failed);
    QCOMPARE(failed.first().message, QStringLiteral("Anthropic costs: the provider refused the request (HTTP 404: The "
                                                    "requested resource could not be found.)"));
    QCOMPARE(rig.dump(QStringLiteral("billed_costs"), cols), billed); // untouched
    // Usage, fetched before, went in on its own.
    QCOMPARE(failed.first().outcome.windows.size(), 1);
    QCOMPARE(rig.scalar("SELECT last_success FROM sync_state WHERE endpoint = 'usage_report/messages'"),
             rig.clock.nowMs());
    QCOMPARE(rig.scalar("SELECT failures FROM sync_state WHERE endpoint = 'cost_report'"), 1);
}

void TestSyncFailures::wrongKeysAreExplained_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    QTest::addRow("openai project key, 401")
        << "openai"
        << "BURNRATE_OPENAI_ADMIN_KEY" << FakeOpenAi::projectKey()
        << "OpenAI usage: this is an inference key; usage needs an Admin key — "
           "create one at https://platform.openai.com/settings/organization/admin-keys";
    QTest::addRow("anthropic api key")
        << "anthropic"
        << "BURNRATE_ANTHROPIC_ADMIN_KEY" << FakeAnthropic::apiKey()
        << "Anthropic usage: this is an inference key; usage needs an Admin key — create "
           "one at https://console.anthropic.com/settings/admin-keys";
    QTest::addRow("anthropic revoked admin key")
        << "anthropic"
        << "BURNRATE_ANTHROPIC_ADMIN_KEY"
        << "sk-ant-admin01-revoked0000000000000"
        << "Anthropic usage: Anthropic rejected the key: it is invalid or was revoked (HTTP 401: invalid x-api-key)";
    QTest::addRow("openrouter inference key as management")
        << "openrouter"
        << "BURNRATE_OPENROUTER_MANAGEMENT_KEY" << FakeOpenRouter::inferenceKey()
        << "OpenRouter credits: this is an inference key; credits and activity need a Management key — create one at "
           "https://openrouter.ai/settings/management-keys";
    QTest::addRow("deepseek unknown key")
        << "deepseek"
        << "BURNRATE_DEEPSEEK_KEY"
        << "sk-unknown000000000000000000"
        << "DeepSeek balance: DeepSeek rejected the key: it is invalid or was revoked "
           "(HTTP 401: Authentication Fails (no such user))";
}

void TestSyncFailures::wrongKeysAreExplained()
{
    QFETCH(QString, provider);
    QFETCH(QString, variable);
    QFETCH(QString, key);
    QFETCH(QString, message);
    SyncRig rig;
    rig.startAll();
    rig.env.insert(variable, key);
    const auto results = rig.sync({provider});
    QCOMPARE(results.first().status, ProviderResult::Status::Failed);
    QCOMPARE(results.first().message, message);
    QVERIFY(!results.first().message.contains(key));
}

void TestSyncFailures::sumsBeyondInt64FailTheWindow()
{
    // A page whose rows share a natural key is summed before it is stored; a sum beyond int64 fails the window, which
    // then stores nothing, instead of a wrapped count or amount.
    constexpr qint64 Half = std::numeric_limits<qint64>::max() / 2 + 1;
    QTemporaryDir dir;
    auto ledger = std::move(Ledger::open(dir.path(), *LocalCalendar::forZoneId("UTC"))).value();
    SyncStore store(ledger->db());
    const qint64 from = *parseRfc3339Ms("2026-11-02T00:00:00Z");
    EndpointWindow usage;
    usage.provider = QStringLiteral("openai");
    usage.endpoint = QStringLiteral("usage/completions");
    usage.kind = EndpointWindow::Kind::Usage;
    usage.fromMs = from;
    usage.untilMs = from + 86'400'000;
    UsageBucket bucket;
    bucket.provider = usage.provider;
    bucket.startMs = from;
    bucket.endMs = from + 3'600'000;
    bucket.width = QStringLiteral("1h");
    bucket.model = QStringLiteral("gpt-4o");
    bucket.tokens.output = Half;
    bucket.requests = 1;
    usage.usage = {bucket, bucket};
    auto written = store.commit(usage, from);
    QVERIFY(!written.ok());
    QCOMPARE(written.error(), sumOverflowMessage(u"output tokens"));
    QCOMPARE(ledger->db().queryInt64("SELECT count(*) FROM usage_buckets"), std::optional<std::int64_t>(0));
    usage.usage = {bucket};
    QVERIFY(store.commit(usage, from).ok());

    EndpointWindow billed;
    billed.provider = QStringLiteral("openai");
    billed.endpoint = QStringLiteral("costs");
    billed.kind = EndpointWindow::Kind::Billed;
    billed.fromMs = from;
    billed.untilMs = from + 86'400'000;
    BilledCost cost;
    cost.provider = billed.provider;
    cost.day = QDate(2026, 11, 2);
    cost.amountNano = Half;
    billed.billed = {cost, cost};
    written = store.commit(billed, from);
    QVERIFY(!written.ok());
    QCOMPARE(written.error(), sumOverflowMessage(u"billed cost in nano-USD"));
    QCOMPARE(ledger->db().queryInt64("SELECT count(*) FROM billed_costs"), std::optional<std::int64_t>(0));
}

QTEST_GUILESS_MAIN(TestSyncFailures)
#include "tst_syncfailures.moc"
