// The scheduler with an injected clock: stale on start, every interval with jitter, on demand, after the
// network comes back, per-provider exponential backoff that honours Retry-After, one run at a time, pause;
// and wired to the real SyncService, a first connection backfills 90 days.
#include "providers/providerregistry.h"
#include "providers/syncscheduler.h"
#include "syncrig.h"

#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

namespace {

constexpr std::int64_t Minute = 60'000;

struct FakeRunner
{
    QList<QStringList> calls;
    QHash<QString, ProviderResult::Status> status; // default: Synced
    QHash<QString, qint64> retryAfterMs;
    bool deferred = false; // finish only when told
    std::function<void(const QList<ProviderResult> &)> pending;
    QStringList pendingProviders;

    SyncScheduler::Runner runner()
    {
        return [this](const QStringList &providers, std::function<void(const QList<ProviderResult> &)> done) {
            calls << providers;
            pendingProviders = providers;
            pending = std::move(done);
            if (!deferred) {
                finish();
            }
        };
    }
    void finish()
    {
        QList<ProviderResult> results;
        for (const QString &p : std::as_const(pendingProviders)) {
            ProviderResult r;
            r.provider = p;
            r.status = status.value(p, ProviderResult::Status::Synced);
            r.outcome.error.retryAfterMs = retryAfterMs.value(p, -1);
            results << r;
        }
        auto done = std::move(pending);
        pending = nullptr;
        done(results);
    }
};

const QStringList All = {QStringLiteral("openai"), QStringLiteral("anthropic"), QStringLiteral("deepseek")};

} // namespace

class TestSyncScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void onStartSyncsWhatIsStale();
    void everyIntervalWithJitter();
    void failingProviderBacksOffAlone();
    void retryAfterIsHonoured();
    void syncNowIgnoresBackoff();
    void networkBackRetriesFailingProviders();
    void oneRunAtATime();
    void pausedRunsNothing();
    void timerCatchesUpWithTheClock();
    void newIntervalReplansWithoutARestart();
    void firstConnectionBackfills90Days();

private:
    std::unique_ptr<SyncScheduler> make(const QHash<QString, std::int64_t> &lastSuccess = {});

    std::unique_ptr<FixedClock> m_clock;
    FakeRunner m_runner;
    double m_random = 0.5;
};

void TestSyncScheduler::initTestCase()
{
    REQUIRE_FIXTURES(FakeProvider::servedFixtures());
}

void TestSyncScheduler::init()
{
    m_clock = std::make_unique<FixedClock>(QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC));
    m_runner = FakeRunner{};
    m_random = 0.5; // jitter factor exactly 1
}

std::unique_ptr<SyncScheduler> TestSyncScheduler::make(const QHash<QString, std::int64_t> &lastSuccess)
{
    SyncScheduler::Options options;
    options.maxSleepMs = 20;
    auto s = std::make_unique<SyncScheduler>(
        *m_clock, All, m_runner.runner(),
        [lastSuccess](const QString &p) -> std::optional<std::int64_t> {
            return lastSuccess.contains(p) ? std::optional<std::int64_t>(lastSuccess.value(p)) : std::nullopt;
        },
        options);
    s->setRandom([this] { return m_random; });
    return s;
}

void TestSyncScheduler::onStartSyncsWhatIsStale()
{
    const std::int64_t now = m_clock->nowMs();
    auto s = make({{QStringLiteral("anthropic"), now - 5 * Minute}, {QStringLiteral("deepseek"), now - 20 * Minute}});
    s->start();
    QCOMPARE(m_runner.calls, (QList<QStringList>{{QStringLiteral("openai"), QStringLiteral("deepseek")}}));
    QCOMPARE(s->nextDueMs(QStringLiteral("anthropic")), std::optional<std::int64_t>(now + 10 * Minute));
    QCOMPARE(s->nextDueMs(QStringLiteral("openai")), std::optional<std::int64_t>(now + 15 * Minute));
}

void TestSyncScheduler::everyIntervalWithJitter()
{
    auto s = make();
    m_random = 0.0; // the early end: 15 min − 10 %
    s->start();
    QCOMPARE(m_runner.calls.size(), 1);
    const std::int64_t start = m_clock->nowMs();
    QCOMPARE(s->nextDueMs(QStringLiteral("openai")), std::optional<std::int64_t>(start + 13 * Minute + 30'000));
    m_clock->advanceSecs(13 * 60 + 29);
    s->evaluate();
    QCOMPARE(m_runner.calls.size(), 1);
    m_clock->advanceSecs(1);
    m_random = 0.999999; // the late end next time: just under 15 min + 10 %
    s->evaluate();
    QCOMPARE(m_runner.calls.size(), 2);
    const std::int64_t next = *s->nextDueMs(QStringLiteral("openai")) - m_clock->nowMs();
    QVERIFY2(next > 16 * Minute + 29'000 && next <= 16 * Minute + 30'000, qPrintable(QString::number(next)));
}

void TestSyncScheduler::failingProviderBacksOffAlone()
{
    auto s = make();
    m_runner.status.insert(QStringLiteral("anthropic"), ProviderResult::Status::Failed);
    s->start();
    std::int64_t t = m_clock->nowMs();
    QCOMPARE(s->nextDueMs(QStringLiteral("anthropic")), std::optional<std::int64_t>(t + Minute));
    QCOMPARE(s->nextDueMs(QStringLiteral("openai")), std::optional<std::int64_t>(t + 15 * Minute));
    // 1, 2, 4, 8 ... minutes; within the others' 15 minutes only the failing provider runs.
    for (int i = 1; i <= 3; ++i) {
        m_clock->set(QDateTime::fromMSecsSinceEpoch(*s->nextDueMs(QStringLiteral("anthropic")), Qt::UTC));
        s->evaluate();
        QCOMPARE(m_runner.calls.last(), QStringList{QStringLiteral("anthropic")});
        QCOMPARE(s->failures(QStringLiteral("anthropic")), i + 1);
        QCOMPARE(*s->nextDueMs(QStringLiteral("anthropic")) - m_clock->nowMs(), (Minute << (i + 1)) / 2);
    }
    // Capped at six hours.
    for (int i = 0; i < 10; ++i) {
        m_clock->set(QDateTime::fromMSecsSinceEpoch(*s->nextDueMs(QStringLiteral("anthropic")), Qt::UTC));
        s->evaluate();
    }
    QCOMPARE(*s->nextDueMs(QStringLiteral("anthropic")) - m_clock->nowMs(), 360 * Minute);
    // A success resets it.
    m_runner.status.remove(QStringLiteral("anthropic"));
    s->syncNow();
    QCOMPARE(s->failures(QStringLiteral("anthropic")), 0);
    QCOMPARE(*s->nextDueMs(QStringLiteral("anthropic")) - m_clock->nowMs(), 15 * Minute);
}

void TestSyncScheduler::retryAfterIsHonoured()
{
    auto s = make();
    m_runner.status.insert(QStringLiteral("openai"), ProviderResult::Status::Failed);
    m_runner.retryAfterMs.insert(QStringLiteral("openai"), 3'600'000);
    s->start();
    QCOMPARE(*s->nextDueMs(QStringLiteral("openai")) - m_clock->nowMs(), 3'600'000);
}

void TestSyncScheduler::syncNowIgnoresBackoff()
{
    auto s = make();
    m_runner.status.insert(QStringLiteral("deepseek"), ProviderResult::Status::Failed);
    s->start();
    m_clock->advanceSecs(10);
    s->syncNow();
    QCOMPARE(m_runner.calls.size(), 2);
    QCOMPARE(m_runner.calls.last(), All);
}

void TestSyncScheduler::networkBackRetriesFailingProviders()
{
    auto s = make();
    m_runner.status.insert(QStringLiteral("openai"), ProviderResult::Status::Failed);
    s->start();
    for (int i = 0; i < 5; ++i) { // backing off by now: 32 minutes
        m_clock->set(QDateTime::fromMSecsSinceEpoch(*s->nextDueMs(QStringLiteral("openai")), Qt::UTC));
        s->evaluate();
    }
    const int calls = static_cast<int>(m_runner.calls.size());
    m_runner.status.clear();
    s->networkAvailable();
    QCOMPARE(m_runner.calls.size(), calls + 1);
    QCOMPARE(m_runner.calls.last(), QStringList{QStringLiteral("openai")}); // the healthy ones keep their rhythm
    QCOMPARE(s->failures(QStringLiteral("openai")), 0);
}

void TestSyncScheduler::oneRunAtATime()
{
    auto s = make();
    m_runner.deferred = true;
    s->start();
    QVERIFY(s->isRunning());
    s->syncNow();
    m_clock->advanceSecs(3600);
    s->evaluate();
    QCOMPARE(m_runner.calls.size(), 1); // nothing starts while a run is going
    m_runner.finish();
    QCOMPARE(m_runner.calls.size(), 2); // the "Sync now" that waited
    m_runner.finish();
    QVERIFY(!s->isRunning());
}

void TestSyncScheduler::pausedRunsNothing()
{
    auto s = make();
    s->setPaused(true);
    s->start();
    QVERIFY(m_runner.calls.isEmpty());
    s->setPaused(false);
    QCOMPARE(m_runner.calls.size(), 1);
}

void TestSyncScheduler::timerCatchesUpWithTheClock()
{
    auto s = make();
    s->start();
    QCOMPARE(m_runner.calls.size(), 1);
    // The machine slept through the interval: the timer's next wake-up sees the clock and runs.
    m_clock->advanceSecs(16 * 60);
    QTRY_COMPARE_WITH_TIMEOUT(m_runner.calls.size(), 2, 2000);
}

void TestSyncScheduler::newIntervalReplansWithoutARestart()
{
    const std::int64_t t0 = m_clock->nowMs();
    auto s = make({{QStringLiteral("anthropic"), t0 - 5 * Minute}});
    m_runner.status.insert(QStringLiteral("openai"), ProviderResult::Status::Failed);
    m_runner.retryAfterMs.insert(QStringLiteral("openai"), 60 * Minute);
    s->start();
    QCOMPARE(m_runner.calls, (QList<QStringList>{{QStringLiteral("openai"), QStringLiteral("deepseek")}}));
    QCOMPARE(*s->nextDueMs(QStringLiteral("anthropic")), t0 + 10 * Minute);

    m_clock->advanceSecs(2 * 60);
    s->setIntervalMinutes(5);
    QCOMPARE(s->intervalMinutes(), 5);
    // anthropic's last success is now older than the interval: it runs at once, then every 5 minutes.
    QCOMPARE(m_runner.calls.size(), 2);
    QCOMPARE(m_runner.calls.last(), QStringList{QStringLiteral("anthropic")});
    QCOMPARE(*s->nextDueMs(QStringLiteral("anthropic")), m_clock->nowMs() + 5 * Minute);
    // deepseek ran at t0 (nothing recorded as a success: no key): due one new interval after that run.
    QCOMPARE(*s->nextDueMs(QStringLiteral("deepseek")), t0 + 5 * Minute);
    // openai keeps its Retry-After.
    QCOMPARE(*s->nextDueMs(QStringLiteral("openai")), t0 + 60 * Minute);

    s->setIntervalMinutes(60);
    QCOMPARE(*s->nextDueMs(QStringLiteral("deepseek")), t0 + 60 * Minute);
    QCOMPARE(m_runner.calls.size(), 2);
    s->setIntervalMinutes(0);
    QCOMPARE(s->intervalMinutes(), 1);
}

void TestSyncScheduler::firstConnectionBackfills90Days()
{
    SyncRig rig;
    rig.startAll();
    SyncService::Options options;
    options.policy = rig.policy;
    options.env = [&rig](const QString &name) {
        return rig.env.value(name);
    };
    SyncService service(rig.ledger->db(), rig.secrets, rig.nam, rig.clock, options);
    QList<ProviderResult> finished;
    SyncScheduler scheduler(
        rig.clock, syncProviders(),
        [&](const QStringList &providers, std::function<void(const QList<ProviderResult> &)> done) {
            auto c = std::make_shared<QMetaObject::Connection>();
            *c = QObject::connect(&service, &SyncService::finished, [c, done](const QList<ProviderResult> &r) {
                QObject::disconnect(*c);
                done(r);
            });
            if (!service.start(providers)) { // a run is going: this one ends at once, as in the app
                QObject::disconnect(*c);
                done({});
            }
        },
        [&](const QString &p) -> std::optional<std::int64_t> {
            std::optional<std::int64_t> last;
            for (const SyncState &st : service.store().states()) {
                if (st.provider == p && st.lastSuccess) {
                    last = std::max(last.value_or(0), *st.lastSuccess);
                }
            }
            return last;
        },
        SyncScheduler::Options{});
    QObject::connect(&scheduler, &SyncScheduler::syncFinished, [&](const QList<ProviderResult> &r) { finished = r; });
    scheduler.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 4, 30000);
    const std::int64_t now = rig.clock.nowMs();
    QCOMPARE(rig.scalar("SELECT MIN(from_ms) FROM sync_coverage"),
             now - now % FakeOrg::MsPerDay - 90 * FakeOrg::MsPerDay);
    // A restart a few minutes later finds nothing stale.
    rig.clock.advanceSecs(300);
    finished.clear();
    SyncScheduler again(
        rig.clock, syncProviders(), [&](const QStringList &, auto) { QFAIL("nothing is stale"); },
        [&](const QString &) -> std::optional<std::int64_t> { return now; }, SyncScheduler::Options{});
    again.start();
    QVERIFY(!again.isRunning());
}

QTEST_GUILESS_MAIN(TestSyncScheduler)
#include "tst_syncscheduler.moc"
