// Provider sync benchmark. Four fake providers on local ports, each in its own thread as a real
// provider would be on its own machine, over an organisation of 20 models and 5 projects: a first connection
// backfills 90 days of all four into a fresh ledger, then a second run fetches what is new. Prints one JSON
// object: requests made against the fewest the page limits allow, wall time, rows written, and the
// `report --by provider` latency on the synced ledger.
#include "fakeproviders.h"
#include "ledger/database.h"
#include "ledger/ledger.h"
#include "ledger/reportquery.h"
#include "memorysecretstore.h"
#include "providers/syncservice.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <memory>

using namespace burnrate;
using namespace burnrate::test;

namespace {

constexpr std::int64_t Day = 86'400'000;
constexpr std::int64_t Hour = 3'600'000;

int pages(std::int64_t buckets, int limit)
{
    return static_cast<int>((buckets + limit - 1) / limit);
}

// The fewest requests a sync can make, given each endpoint's page limit: usage from `usageFrom`, costs from
// `costFrom`, both to `now`.
int fewestRequests(std::int64_t usageFrom, std::int64_t costFrom, std::int64_t now)
{
    const std::int64_t split = std::max(usageFrom, (now - 48 * Hour) - (now - 48 * Hour) % Day);
    const std::int64_t dailyBuckets = (split - usageFrom) / Day;
    const std::int64_t hourlyBuckets = (now - split + Hour - 1) / Hour;
    const std::int64_t costBuckets = (now - costFrom + Day - 1) / Day;
    const int usage = pages(dailyBuckets, 31) + pages(hourlyBuckets, 168);
    return usage + pages(costBuckets, 180)  // OpenAI: usage, costs
           + usage + pages(costBuckets, 31) // Anthropic: usage, cost report
           + 3                              // OpenRouter: key, credits, activity
           + 1;                             // DeepSeek: balance
}

struct Run
{
    qint64 wallMs = 0;
    int requests = 0;
    int failures = 0;
};

Run sync(Ledger &ledger, SecretStore &secrets, QNetworkAccessManager &nam, const Clock &clock,
         const QHash<QString, QString> &env)
{
    SyncService::Options options;
    options.env = [&env](const QString &name) {
        return env.value(name);
    };
    SyncService service(ledger.db(), secrets, nam, clock, options);
    Run run;
    bool done = false;
    QObject::connect(&service, &SyncService::finished, [&](const QList<ProviderResult> &results) {
        for (const ProviderResult &r : results) {
            run.requests += r.outcome.requests;
            run.failures += r.status == ProviderResult::Status::Synced ? 0 : 1;
            if (r.status != ProviderResult::Status::Synced) {
                QTextStream(stderr) << r.provider << ": " << r.message << Qt::endl;
            }
        }
        done = true;
    });
    QElapsedTimer t;
    t.start();
    if (!service.start({})) {
        qFatal("the sync service is already running");
    }
    while (!done) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    run.wallMs = t.elapsed();
    return run;
}

std::int64_t count(Ledger &l, const char *sql)
{
    return l.db().queryInt64(sql).value_or(-1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    FixedClock clock(QDateTime(QDate(2026, 11, 20), QTime(15, 37), Qt::UTC));
    FakeOrg openAiOrg(QStringLiteral("gpt-fake"), 20, 5);
    FakeOrg anthropicOrg(QStringLiteral("claude-fake"), 20, 5, 11);
    FakeOrg openRouterOrg(QStringLiteral("or-fake"), 20, 1, 13);

    // Each fake in a thread of its own: its work is not Burnrate's wall time.
    QList<QThread *> threads;
    std::unique_ptr<FakeOpenAi> openai;
    std::unique_ptr<FakeAnthropic> anthropic;
    std::unique_ptr<FakeOpenRouter> openrouter;
    std::unique_ptr<FakeDeepSeek> deepseek;
    const auto inThread = [&threads](const std::function<void()> &make) {
        auto *thread = new QThread;
        thread->start();
        threads << thread;
        QObject context;
        context.moveToThread(thread);
        QMetaObject::invokeMethod(&context, make, Qt::BlockingQueuedConnection);
    };
    inThread([&] { openai = std::make_unique<FakeOpenAi>(openAiOrg, clock); });
    inThread([&] { anthropic = std::make_unique<FakeAnthropic>(anthropicOrg, clock); });
    inThread([&] { openrouter = std::make_unique<FakeOpenRouter>(openRouterOrg, clock); });
    inThread([&] { deepseek = std::make_unique<FakeDeepSeek>(clock); });
    const QHash<QString, QString> env = {
        {QStringLiteral("BURNRATE_OPENAI_BASE_URL"), openai->origin()},
        {QStringLiteral("BURNRATE_ANTHROPIC_BASE_URL"), anthropic->origin()},
        {QStringLiteral("BURNRATE_OPENROUTER_BASE_URL"), openrouter->origin()},
        {QStringLiteral("BURNRATE_DEEPSEEK_BASE_URL"), deepseek->origin()},
        {QStringLiteral("BURNRATE_OPENAI_ADMIN_KEY"), FakeOpenAi::adminKey()},
        {QStringLiteral("BURNRATE_ANTHROPIC_ADMIN_KEY"), FakeAnthropic::adminKey()},
        {QStringLiteral("BURNRATE_OPENROUTER_KEY"), FakeOpenRouter::inferenceKey()},
        {QStringLiteral("BURNRATE_OPENROUTER_MANAGEMENT_KEY"), FakeOpenRouter::managementKey()},
        {QStringLiteral("BURNRATE_DEEPSEEK_KEY"), FakeDeepSeek::key()}};

    QTemporaryDir dir;
    dir.setAutoRemove(qEnvironmentVariableIsEmpty("BURNRATE_BENCH_KEEP"));
    auto ledger = std::move(Ledger::open(dir.path(), *LocalCalendar::forZoneId("UTC"))).value();
    MemorySecretStore secrets;
    QNetworkAccessManager nam;
    const std::int64_t now = clock.nowMs();
    const std::int64_t from = now - now % Day - 90 * Day;

    const Run backfill = sync(*ledger, secrets, nam, clock, env);
    const std::int64_t usageRows = count(*ledger, "SELECT COUNT(*) FROM usage_buckets");
    const std::int64_t billedRows = count(*ledger, "SELECT COUNT(*) FROM billed_costs");
    const std::int64_t balanceRows = count(*ledger, "SELECT COUNT(*) FROM balances");
    const std::int64_t hourlyRows = count(*ledger, "SELECT COUNT(*) FROM usage_buckets WHERE bucket_width = '1h'");

    clock.advanceSecs(15 * 60);
    const Run incremental = sync(*ledger, secrets, nam, clock, env);
    // The next run fetches usage again from two days, costs from three days before what was covered.
    const std::int64_t today = now - now % Day;

    std::vector<qint64> samples;
    for (int i = 0; i < 11; ++i) {
        QElapsedTimer t;
        t.start();
        ReportRequest request;
        request.by = ReportBy::Provider;
        const auto report = ReportQuery(*ledger, clock).run(request);
        samples.push_back(t.nsecsElapsed() / 1000);
        if (!report) {
            qFatal("report failed: %s", qPrintable(report.error()));
        }
    }
    std::sort(samples.begin(), samples.end());

    QTextStream(stdout) << "{\"backfill_days\": 90, \"models\": 20, \"projects\": 5,"
                        << " \"requests\": " << backfill.requests
                        << ", \"requests_fewest_possible\": " << fewestRequests(from, from, now)
                        << ", \"wall_ms\": " << backfill.wallMs << ", \"failures\": " << backfill.failures
                        << ", \"rows\": " << usageRows + billedRows + balanceRows << ", \"usage_rows\": " << usageRows
                        << ", \"hourly_usage_rows\": " << hourlyRows << ", \"billed_rows\": " << billedRows
                        << ", \"balance_rows\": " << balanceRows
                        << ", \"incremental_requests\": " << incremental.requests
                        << ", \"incremental_requests_fewest_possible\": "
                        << fewestRequests(today - 2 * Day, today - 3 * Day, clock.nowMs())
                        << ", \"incremental_wall_ms\": " << incremental.wallMs
                        << ", \"report_by_provider_ms_median\": " << static_cast<double>(samples[5]) / 1000.0 << "}"
                        << Qt::endl;
    // Each fake goes in the thread it lives in.
    const auto destroyIn = [](QThread *thread, const std::function<void()> &destroy) {
        QObject context;
        context.moveToThread(thread);
        QMetaObject::invokeMethod(&context, destroy, Qt::BlockingQueuedConnection);
    };
    destroyIn(threads.at(0), [&] { openai.reset(); });
    destroyIn(threads.at(1), [&] { anthropic.reset(); });
    destroyIn(threads.at(2), [&] { openrouter.reset(); });
    destroyIn(threads.at(3), [&] { deepseek.reset(); });
    for (QThread *t : threads) {
        t->quit();
        t->wait();
        delete t;
    }
    return backfill.failures + incremental.failures == 0 ? 0 : 1;
}
