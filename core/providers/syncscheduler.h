#ifndef BURNRATE_CORE_PROVIDERS_SYNCSCHEDULER_H
#define BURNRATE_CORE_PROVIDERS_SYNCSCHEDULER_H

#include "providers/syncservice.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

class QTimer;

namespace burnrate {

class Clock;

// When the app syncs: on start for providers whose last success is older than the interval, then every
// interval (default 15 minutes, jittered so many installs do not hit a provider at once), at once on "Sync
// now", and when the network comes back or the machine wakes. A provider that fails backs off on its own,
// exponentially (1, 2, 4 … minutes, at most 6 hours, never sooner than its Retry-After), while the others
// keep their rhythm. Time comes from the injected clock; the timer only wakes it up, so a sleep that delays
// the timer is caught up on the next look.
class SyncScheduler final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int intervalMinutes = 15;
        double jitter = 0.1; // due times vary by ± this share of the interval
        int backoffBaseSeconds = 60;
        int backoffMaxMinutes = 360;
        int maxSleepMs = 5 * 60 * 1000; // the timer never sleeps longer, to notice clock jumps
    };
    // Runs one sync of `providers` and reports each provider's result. SyncService::start in the app.
    using Runner =
        std::function<void(const QStringList &providers, std::function<void(const QList<ProviderResult> &)> done)>;
    // A provider's last success (UTC ms), from the ledger's sync state.
    using LastSuccess = std::function<std::optional<std::int64_t>(const QString &provider)>;

    SyncScheduler(const Clock &clock, QStringList providers, Runner runner, LastSuccess lastSuccess, Options options,
                  QObject *parent = nullptr);
    ~SyncScheduler() override;

    // A source of uniform numbers in [0, 1) for the jitter; tests make it fixed.
    void setRandom(std::function<double()> random) { m_random = std::move(random); }

    void start();
    void syncNow();          // every provider, backoff or not: the user asked
    void networkAvailable(); // providers that are due or were failing go now
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // A new interval (the user changed it): providers in their normal rhythm are due one new interval after
    // their last run; those backing off keep their retry time.
    void setIntervalMinutes(int minutes);
    int intervalMinutes() const { return m_options.intervalMinutes; }
    bool isRunning() const { return m_running; }

    // Runs whatever is due at the clock's now. The timer calls it; tests call it after moving the clock.
    void evaluate();

    std::optional<std::int64_t> nextDueMs(const QString &provider) const;
    int failures(const QString &provider) const { return m_state.value(provider).failures; }

Q_SIGNALS:
    void syncStarted(const QStringList &providers);
    void syncFinished(const QList<burnrate::ProviderResult> &results);

private:
    struct State
    {
        std::int64_t nextDueMs = 0;
        std::int64_t lastRunMs = 0; // the end of the last run that did not fail; 0 = none since start
        int failures = 0;
        bool backingOff = false;
    };

    void run(const QStringList &providers);
    void onFinished(const QList<ProviderResult> &results);
    std::int64_t jittered(std::int64_t ms);
    // When a provider in its normal rhythm is next due, given when it last succeeded or ran.
    std::int64_t dueAfter(std::optional<std::int64_t> last, std::int64_t now);
    void arm();

    const Clock &m_clock;
    QStringList m_providers;
    Runner m_runner;
    LastSuccess m_lastSuccess;
    Options m_options;
    std::function<double()> m_random;
    QHash<QString, State> m_state;
    QTimer *m_timer;
    bool m_started = false;
    bool m_running = false;
    bool m_paused = false;
    bool m_pendingNow = false;
};

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_SYNCSCHEDULER_H
