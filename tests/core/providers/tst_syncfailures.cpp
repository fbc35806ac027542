// Every way a provider can fail a sync: each leaves the right state and message, commits nothing of the
// failed window, keeps what earlier syncs stored, and the next good sync completes.
#include "providers/syncstore.h"
#include "syncrig.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

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
    void hostileServers_data();
    void hostileServers();
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

namespace {

// One usage result of the OpenAI completions page with `fields` spliced in, as a whole last page.
QByteArray usagePageWith(const QByteArray &fields)
{
    return R"({"object":"page","data":[{"object":"bucket","start_time":1793491200,"end_time":1793577600,)"
           R"("results":[{"object":"organization.usage.completions.result","num_model_requests":1,)"
           R"("output_tokens":5,"model":"gpt-4o",)" +
           fields + R"(}]}],"has_more":false,"next_page":null})";
}

// The peak resident set of this process so far, in bytes.
qint64 peakRssBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
        }
    }
    return -1;
}

} // namespace

void TestSyncFailures::hostileServers_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<QString>("message"); // a regular expression for the whole message
    QTest::addRow("huge body") << 0 << "OpenAI usage: the answer from 127\\.0\\.0\\.1 is larger than 4 MB; stopped";
    QTest::addRow("drips bytes") << 1
                                 << "OpenAI usage: 127\\.0\\.0\\.1 sent its answer too slowly \\([0-9]+ bytes in "
                                    "1\\.5 s\\); stopped";
    QTest::addRow("invalid utf-8")
        << 2 << "OpenAI usage: the answer is not what was expected: not valid JSON \\(.*UTF-8.*\\)";
    QTest::addRow("deep nesting") << 3 << "OpenAI usage: the answer is not what was expected: .*";
    QTest::addRow("number beyond 64 bits")
        << 4 << "OpenAI usage: the answer is not what was expected: .*input_tokens.*";
    QTest::addRow("number with an exponent")
        << 5 << "OpenAI usage: the answer is not what was expected: .*input_tokens.*";
    QTest::addRow("count beyond the bounds")
        << 6
        << "usage/completions: cannot store the data: the provider sent a row beyond "
           "Burnrate's limits \\(row [0-9]+: uncached input tokens is "
           "1000000000000001 .*\\); nothing of this window was written";
}

void TestSyncFailures::hostileServers()
{
    QFETCH(int, fault);
    QFETCH(QString, message);
    SyncRig rig;
    rig.startAll();
    rig.policy.maxBodyBytes = 4 * 1024 * 1024;
    const int attempts = rig.policy.maxAttempts;
    HttpResponse r;
    switch (fault) {
    case 0:
        // 1 GiB of a never-ending JSON array, streamed as the client reads it.
        r.body = QByteArray(4096, ' ').replace(0, 2, "[0");
        r.streamBytes = 1LL << 30;
        break;
    case 1:
        // A whole, valid page, one byte every 20 ms: no gap trips the 0.5 s timeout, but the whole takes minutes.
        rig.policy.timeoutMs = 500;
        rig.policy.deadlineMs = 1500;
        r.body = usagePageWith(R"("input_tokens":5)") + QByteArray(8192, ' ');
        r.dripMs = 20;
        break;
    case 2:
        r.body = usagePageWith("\"input_tokens\":5,\"project_id\":\"proj_\xff\xfe\xc3\"");
        break;
    case 3:
        // Where a bucket should be. (Nesting inside a field Burnrate does not read is skipped without recursion, in
        // bounded memory, like any other unread value.)
        r.body = R"({"object":"page","data":[)" + QByteArray(100'000, '[') + QByteArray(100'000, ']') +
                 R"(],"has_more":false,"next_page":null})";
        break;
    case 4:
        r.body = usagePageWith(R"("input_tokens":184467440737095516150)");
        break;
    case 5:
        r.body = usagePageWith(R"("input_tokens":1e30)");
        break;
    case 6:
        r.body = usagePageWith(R"("input_tokens":1000000000000001)");
        break;
    }
    rig.openai->pushFault(UsagePath, r, attempts, 1);
    const qint64 rssBefore = peakRssBytes();
    QElapsedTimer elapsed;
    elapsed.start();
    const auto failed = rig.sync({QStringLiteral("openai")});
    const qint64 tookMs = elapsed.elapsed();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().status, ProviderResult::Status::Failed);
    QVERIFY2(QRegularExpression(QRegularExpression::anchoredPattern(message)).match(failed.first().message).hasMatch(),
             qPrintable(failed.first().message));
    // In time, with bounded memory, and nothing of the window written.
    QVERIFY2(tookMs < 20'000, qPrintable(QString::number(tookMs)));
    if (fault == 0) {
        QVERIFY2(rig.openai->server().streamedBytes() < 128LL * 1024 * 1024,
                 qPrintable(QString::number(rig.openai->server().streamedBytes())));
#if !defined(__SANITIZE_ADDRESS__) // ASan's quarantine and shadow memory make resident size no measure
        QVERIFY2(peakRssBytes() - rssBefore < 256LL * 1024 * 1024,
                 qPrintable(QStringLiteral("%1 → %2").arg(rssBefore).arg(peakRssBytes())));
#else
        Q_UNUSED(rssBefore);
#endif
    }
    QCOMPARE(rig.scalar("SELECT COUNT(*) FROM usage_buckets"), 0);
    QCOMPARE(rig.scalar("SELECT COUNT(*) FROM sync_coverage"), 0);
    const auto state = SyncStore(rig.ledger->db()).state(QStringLiteral("openai"), QStringLiteral("usage/completions"));
    QVERIFY(state.has_value());
    QCOMPARE(state->lastError, failed.first().message);
    QCOMPARE(state->failures, 1);

    rig.policy = fastSyncPolicy();
    rig.openai->clearFaults();
    const auto good = rig.sync({QStringLiteral("openai")});
    QVERIFY2(good.first().status == ProviderResult::Status::Synced, qPrintable(good.first().message));
}

QTEST_GUILESS_MAIN(TestSyncFailures)
#include "tst_syncfailures.moc"
