// Full syncs of all four providers against local fake servers: what is stored equals what the fake holds,
// the requests are the fewest the page limits allow, re-syncing and overlapping windows change nothing,
// a partial current day is replaced, and pagination runs across many pages.
#include "syncrig.h"

#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

namespace {

constexpr std::int64_t Day = FakeOrg::MsPerDay;

struct Totals
{
    std::int64_t input = 0;
    std::int64_t output = 0;
    std::int64_t requests = 0;
    std::int64_t billed = 0;
};

Totals stored(SyncRig &rig, const QString &provider)
{
    Totals t;
    auto s = rig.ledger->db().prepare("SELECT COALESCE(SUM(input_uncached + cache_read + cache_write_5m +"
                                      " cache_write_1h), 0), COALESCE(SUM(output), 0), COALESCE(SUM(requests), 0)"
                                      " FROM usage_buckets WHERE provider = ?1");
    s->bind(1, provider);
    if (s->step() == Statement::Step::Row) {
        t.input = s->int64(0);
        t.output = s->int64(1);
        t.requests = s->int64(2);
    }
    auto b = rig.ledger->db().prepare("SELECT COALESCE(SUM(amount_nano), 0) FROM billed_costs WHERE provider = ?1");
    b->bind(1, provider);
    if (b->step() == Statement::Step::Row) {
        t.billed = b->int64(0);
    }
    return t;
}

Totals expected(const FakeOrg &org, std::int64_t from, std::int64_t until, bool requests = true)
{
    const FakeOrg::Cell c = org.total(from, until);
    return Totals{c.input, c.output, requests ? c.requests : 0, c.inputCostNano + c.outputCostNano};
}

void compareTotals(const Totals &actual, const Totals &want)
{
    QCOMPARE(actual.input, want.input);
    QCOMPARE(actual.output, want.output);
    QCOMPARE(actual.requests, want.requests);
    QCOMPARE(actual.billed, want.billed);
}

} // namespace

class TestProviderSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstSyncBackfills90DaysOfAllFour();
    void resyncingIsIdempotent();
    void overlappingWindowsGiveIdenticalTotals();
    void partialCurrentDayIsReplaced();
    void paginatesAcrossManyPages();
    void providersWithoutKeysAreSkipped();
    void keysFromTheKeychain();
    void pricerPricesUsageBuckets();
};

void TestProviderSync::initTestCase()
{
    REQUIRE_FIXTURES(FakeProvider::servedFixtures());
}

void TestProviderSync::firstSyncBackfills90DaysOfAllFour()
{
    SyncRig rig;
    rig.startAll();
    const QList<ProviderResult> results = rig.sync();
    QCOMPARE(results.size(), 4);
    for (const ProviderResult &r : results) {
        QVERIFY2(r.status == ProviderResult::Status::Synced, qPrintable(r.provider + QStringLiteral(": ") + r.message));
    }
    const std::int64_t now = rig.clock.nowMs();
    const std::int64_t from = now - now % Day - 90 * Day;
    compareTotals(stored(rig, QStringLiteral("openai")), expected(rig.openAiOrg, from, now));
    // Anthropic's usage report has no request count.
    compareTotals(stored(rig, QStringLiteral("anthropic")), expected(rig.anthropicOrg, from, now, false));

    // The fewest requests the page limits allow: usage 88 daily buckets at 31 a page plus one page of hourly
    // buckets; costs 91 daily buckets, 180 a page (OpenAI) or 31 a page (Anthropic).
    QCOMPARE(rig.openai->requestCount(), 3 + 1 + 1);
    QCOMPARE(rig.anthropic->requestCount(), 3 + 1 + 3);
    QCOMPARE(rig.openrouter->requestCount(), 3);
    QCOMPARE(rig.deepseek->requestCount(), 1);
    QCOMPARE(resultOf(results, QStringLiteral("openai"))->outcome.requests, 5);

    // Hourly buckets for the UTC days that hold the last 48 hours, daily before.
    QCOMPARE(rig.scalar("SELECT MIN(bucket_start) FROM usage_buckets WHERE bucket_width = '1h'"), utcMs(2026, 11, 18));
    QCOMPARE(rig.scalar("SELECT MAX(bucket_start) FROM usage_buckets WHERE bucket_width = '1d'"), utcMs(2026, 11, 17));
    QCOMPARE(rig.scalar("SELECT COUNT(DISTINCT model) FROM usage_buckets WHERE provider = 'openai'"), 20);
    QCOMPARE(rig.scalar("SELECT COUNT(DISTINCT project) FROM usage_buckets WHERE provider = 'openai'"), 5);
    QCOMPARE(rig.scalar("SELECT COUNT(DISTINCT workspace) FROM usage_buckets WHERE provider = 'anthropic'"), 5);
    // Unpriced until a pricer is plugged in: NULL, never $0.
    QCOMPARE(rig.scalar("SELECT COUNT(*) FROM usage_buckets WHERE cost_nano IS NOT NULL"), 0);

    // Every endpoint's state: covered window, last success, no error.
    auto states = rig.ledger->db().prepare("SELECT COUNT(*) FROM sync_state WHERE last_error IS NULL AND"
                                           " last_success = ?1 AND failures = 0");
    states->bind(1, now);
    QVERIFY(states->step() == Statement::Step::Row);
    QCOMPARE(states->int64(0), 8);
    QCOMPARE(rig.scalar("SELECT covered_from FROM sync_state WHERE provider = 'openai' AND endpoint = 'costs'"), from);
    QCOMPARE(rig.scalar("SELECT COUNT(*) FROM sync_coverage"), 5); // usage and costs twice, activity once
    // OpenRouter: the key's and the account's snapshots, and 30 completed days of activity.
    QCOMPARE(rig.scalar("SELECT used_nano FROM balances WHERE provider = 'openrouter' AND source = 'key'"),
             25'500'000'000);
    QCOMPARE(rig.scalar("SELECT credit_nano FROM balances WHERE provider = 'openrouter' AND source = 'credits'"),
             74'750'000'000);
    QCOMPARE(rig.scalar("SELECT MIN(day) = '2026-10-21' AND MAX(day) = '2026-11-19' FROM billed_costs"
                        " WHERE provider = 'openrouter'"),
             1);
    QCOMPARE(rig.scalar("SELECT credit_nano FROM balances WHERE provider = 'deepseek'"), 20'000'000'000);
}

void TestProviderSync::resyncingIsIdempotent()
{
    SyncRig rig;
    rig.startAll();
    const QString usageCols =
        QStringLiteral("provider, bucket_start, bucket_end, bucket_width, model, project, api_key,"
                       " workspace, service_tier, batch, context_window, input_uncached,"
                       " cache_read, cache_write_5m, cache_write_1h, output, requests");
    const QString billedCols = QStringLiteral("provider, day, project, line_item, model, detail, amount_nano");
    // The first sync must be whole, or the comparisons below would only show that a later one filled a gap.
    for (const auto &result : rig.sync()) {
        QVERIFY2(result.status == ProviderResult::Status::Synced,
                 qPrintable(result.provider + QStringLiteral(": ") + result.message));
    }
    const QStringList usage = rig.dump(QStringLiteral("usage_buckets"), usageCols);
    const QStringList billed = rig.dump(QStringLiteral("billed_costs"), billedCols);
    QVERIFY(usage.size() > 10000);
    for (int i = 0; i < 2; ++i) {
        const auto results = rig.sync();
        QCOMPARE(resultOf(results, QStringLiteral("openai"))->status, ProviderResult::Status::Synced);
        QCOMPARE(rig.dump(QStringLiteral("usage_buckets"), usageCols), usage);
        QCOMPARE(rig.dump(QStringLiteral("billed_costs"), billedCols), billed);
    }
    // The same 90 days again with --since: still the same rows.
    rig.sync({}, rig.clock.nowMs() - 90 * Day);
    QCOMPARE(rig.dump(QStringLiteral("usage_buckets"), usageCols), usage);
    QCOMPARE(rig.dump(QStringLiteral("billed_costs"), billedCols), billed);
}

void TestProviderSync::overlappingWindowsGiveIdenticalTotals()
{
    SyncRig rig;
    rig.startAll();
    const std::int64_t t0 = rig.clock.nowMs();
    const std::int64_t from = t0 - t0 % Day - 90 * Day;
    rig.sync({QStringLiteral("openai"), QStringLiteral("anthropic")});
    // Later runs start two or three days before what was covered: the windows overlap.
    for (const qint64 step : {3 * 3600LL, 26 * 3600LL, 49 * 3600LL}) {
        rig.clock.advanceSecs(step);
        const auto results = rig.sync({QStringLiteral("openai"), QStringLiteral("anthropic")});
        QCOMPARE(resultOf(results, QStringLiteral("openai"))->status, ProviderResult::Status::Synced);
        const std::int64_t now = rig.clock.nowMs();
        compareTotals(stored(rig, QStringLiteral("openai")), expected(rig.openAiOrg, from, now));
        compareTotals(stored(rig, QStringLiteral("anthropic")), expected(rig.anthropicOrg, from, now, false));
    }
    // One coverage window per endpoint, from the backfill to now.
    QCOMPARE(rig.scalar("SELECT COUNT(*) FROM sync_coverage WHERE provider = 'openai'"), 2);
    QCOMPARE(rig.scalar("SELECT from_ms FROM sync_coverage WHERE provider = 'openai' AND endpoint = 'costs'"), from);
    // A much older --since reaches further back and overlaps everything.
    const std::int64_t since = from - 40 * Day;
    rig.sync({QStringLiteral("openai")}, since);
    compareTotals(stored(rig, QStringLiteral("openai")), expected(rig.openAiOrg, since, rig.clock.nowMs()));
    QCOMPARE(rig.scalar("SELECT COUNT(*) FROM sync_coverage WHERE provider = 'openai'"), 2);
}

void TestProviderSync::partialCurrentDayIsReplaced()
{
    SyncRig rig;
    rig.startAll();
    const std::int64_t today = utcMs(2026, 11, 20);
    rig.sync({QStringLiteral("openai")});
    const auto todayUsage = [&] {
        auto s = rig.ledger->db().prepare("SELECT SUM(output), MAX(bucket_end) FROM usage_buckets WHERE"
                                          " provider = 'openai' AND bucket_start >= ?1");
        s->bind(1, today);
        if (s->step() != Statement::Step::Row) {
            return std::pair<std::int64_t, std::int64_t>{-1, -1};
        }
        return std::pair{s->int64(0), s->int64(1)};
    };
    QCOMPARE(todayUsage().first, rig.openAiOrg.total(today, rig.clock.nowMs()).output);
    QCOMPARE(todayUsage().second, rig.clock.nowMs()); // the last bucket ends now: partial
    const auto todayBilled = [&] {
        return rig.scalar("SELECT SUM(amount_nano) FROM billed_costs WHERE provider = 'openai' AND day = '2026-11-20'");
    };
    const FakeOrg::Cell before = rig.openAiOrg.total(today, rig.clock.nowMs());
    QCOMPARE(todayBilled(), before.inputCostNano + before.outputCostNano);

    rig.clock.advanceSecs(5 * 3600 + 11 * 60);
    rig.sync({QStringLiteral("openai")});
    const FakeOrg::Cell after = rig.openAiOrg.total(today, rig.clock.nowMs());
    QVERIFY(after.output > before.output);
    QCOMPARE(todayUsage().first, after.output); // replaced, not added
    QCOMPARE(todayUsage().second, rig.clock.nowMs());
    QCOMPARE(todayBilled(), after.inputCostNano + after.outputCostNano);
}

void TestProviderSync::paginatesAcrossManyPages()
{
    SyncRig rig;
    rig.backfillDays = 400;
    rig.startAll();
    rig.sync({QStringLiteral("openai"), QStringLiteral("anthropic")});
    QVERIFY2(rig.lastSyncFinished, "the 400-day backfill did not finish");
    const std::int64_t now = rig.clock.nowMs();
    const std::int64_t from = now - now % Day - 400 * Day;
    compareTotals(stored(rig, QStringLiteral("openai")), expected(rig.openAiOrg, from, now));
    // 398 daily buckets at 31 a page: 13 pages; 401 cost buckets at 180: 3 pages; at 31: 13 pages.
    QCOMPARE(rig.openai->requestCount(QStringLiteral("/v1/organization/usage")), 13 + 1);
    QCOMPARE(rig.openai->requestCount(QStringLiteral("/v1/organization/costs")), 3);
    QCOMPARE(rig.anthropic->requestCount(QStringLiteral("/v1/organizations/cost_report")), 13);
    QCOMPARE(rig.scalar("SELECT COUNT(DISTINCT day) FROM billed_costs WHERE provider = 'anthropic'"), 401);
    // Every request after the first of a series carried the previous answer's cursor and the same parameters.
    const QList<HttpRequest> requests = rig.openai->server().requests();
    int withPage = 0;
    for (const HttpRequest &r : requests) {
        withPage += r.query.hasQueryItem(QStringLiteral("page")) ? 1 : 0;
        QCOMPARE(r.query.queryItemValue(QStringLiteral("limit")).isEmpty(), false);
    }
    QCOMPARE(withPage, 12 + 2);
}

void TestProviderSync::providersWithoutKeysAreSkipped()
{
    SyncRig rig;
    rig.startAll();
    rig.env.remove(QStringLiteral("BURNRATE_DEEPSEEK_KEY"));
    rig.env.remove(QStringLiteral("BURNRATE_OPENROUTER_MANAGEMENT_KEY"));
    const auto results = rig.sync();
    QCOMPARE(resultOf(results, QStringLiteral("deepseek"))->status, ProviderResult::Status::NoKey);
    QVERIFY(resultOf(results, QStringLiteral("deepseek"))->message.contains(QStringLiteral("BURNRATE_DEEPSEEK_KEY")));
    QCOMPARE(rig.deepseek->requestCount(), 0);
    // OpenRouter with only the inference key: the key snapshot, no credits or activity.
    QCOMPARE(resultOf(results, QStringLiteral("openrouter"))->status, ProviderResult::Status::Synced);
    QCOMPARE(rig.openrouter->requestCount(), 1);
    // A keychain that cannot be asked is told apart from a missing key, and names the environment route.
    rig.secrets.setUnavailable(true);
    const auto noKeychain = rig.sync({QStringLiteral("deepseek")});
    QCOMPARE(noKeychain.first().status, ProviderResult::Status::NoKeychain);
    QVERIFY2(noKeychain.first().message.contains(QStringLiteral("set BURNRATE_DEEPSEEK_KEY in the environment")),
             qPrintable(noKeychain.first().message));
    const auto unknown = rig.sync({QStringLiteral("mistral")});
    QCOMPARE(unknown.first().status, ProviderResult::Status::Failed);
    QVERIFY(unknown.first().message.startsWith(QStringLiteral("unknown provider \"mistral\"")));
}

void TestProviderSync::keysFromTheKeychain()
{
    SyncRig rig;
    rig.startAll(true);
    const auto results = rig.sync();
    for (const ProviderResult &r : results) {
        QVERIFY2(r.status == ProviderResult::Status::Synced, qPrintable(r.message));
        QVERIFY(r.keySources.join(QLatin1Char(',')).contains(QStringLiteral("the keychain")));
    }
    QCOMPARE(rig.openrouter->requestCount(), 3);
}

void TestProviderSync::pricerPricesUsageBuckets()
{
    SyncRig rig;
    rig.startAll();
    // A stand-in for the Pricer: 1 nano-USD a token for models ending in an even digit, no price otherwise.
    rig.pricer = [](const UsageBucket &b, QString *ref) -> std::optional<std::int64_t> {
        if ((b.model.right(1).toInt() % 2) != 0) {
            return std::nullopt;
        }
        *ref = QStringLiteral("test@1");
        return b.tokens.total();
    };
    rig.sync({QStringLiteral("openai")});
    QCOMPARE(rig.scalar("SELECT COUNT(*) FROM usage_buckets WHERE cost_nano IS NULL AND price_ref IS NULL AND"
                        " CAST(SUBSTR(model, -1) AS INTEGER) % 2 = 1") > 0,
             true);
    QCOMPARE(rig.scalar("SELECT COUNT(*) FROM usage_buckets WHERE (cost_nano IS NULL) !="
                        " (CAST(SUBSTR(model, -1) AS INTEGER) % 2 = 1)"),
             0);
    QCOMPARE(rig.scalar("SELECT SUM(cost_nano) = SUM(input_uncached + cache_read + cache_write_5m + cache_write_1h +"
                        " output) FROM usage_buckets WHERE cost_nano IS NOT NULL AND price_ref = 'test@1'"),
             1);
}

QTEST_GUILESS_MAIN(TestProviderSync)
#include "tst_providersync.moc"
