#include "providers/syncscheduler.h"

#include "util/clock.h"

#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace burnrate {

SyncScheduler::SyncScheduler(const Clock &clock, QStringList providers, Runner runner, LastSuccess lastSuccess,
                             Options options, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_providers(std::move(providers))
    , m_runner(std::move(runner))
    , m_lastSuccess(std::move(lastSuccess))
    , m_options(options)
    , m_random([] { return QRandomGenerator::global()->generateDouble(); })
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &SyncScheduler::evaluate);
}

SyncScheduler::~SyncScheduler() = default;

std::int64_t SyncScheduler::jittered(std::int64_t ms)
{
    const double factor = 1.0 + m_options.jitter * (2.0 * std::clamp(m_random(), 0.0, 1.0) - 1.0);
    return static_cast<std::int64_t>(std::llround(static_cast<double>(ms) * factor));
}

std::int64_t SyncScheduler::dueAfter(std::optional<std::int64_t> last, std::int64_t now)
{
    const std::int64_t interval = std::int64_t{m_options.intervalMinutes} * 60'000;
    // Stale (never synced, or longer ago than the interval): now. Else when the interval is up.
    return !last || now - *last >= interval ? now : *last + jittered(interval);
}

void SyncScheduler::start()
{
    m_started = true;
    const std::int64_t now = m_clock.nowMs();
    for (const QString &p : std::as_const(m_providers)) {
        m_state[p].nextDueMs = dueAfter(m_lastSuccess ? m_lastSuccess(p) : std::nullopt, now);
    }
    evaluate();
}

void SyncScheduler::setIntervalMinutes(int minutes)
{
    m_options.intervalMinutes = std::max(1, minutes);
    if (!m_started) {
        return;
    }
    const std::int64_t now = m_clock.nowMs();
    for (const QString &p : std::as_const(m_providers)) {
        State &s = m_state[p];
        if (s.backingOff) {
            continue;
        }
        std::optional<std::int64_t> last = m_lastSuccess ? m_lastSuccess(p) : std::nullopt;
        if (s.lastRunMs > 0 && (!last || *last < s.lastRunMs)) {
            last = s.lastRunMs; // ran without a success to record (no key yet): that counts as its turn
        }
        s.nextDueMs = dueAfter(last, now);
    }
    if (!m_running && !m_paused) {
        m_timer->stop();
        evaluate();
    }
}

void SyncScheduler::syncNow()
{
    const std::int64_t now = m_clock.nowMs();
    for (const QString &p : std::as_const(m_providers)) {
        m_state[p].nextDueMs = now;
    }
    if (m_running) {
        m_pendingNow = true;
        return;
    }
    run(m_providers);
}

void SyncScheduler::networkAvailable()
{
    const std::int64_t now = m_clock.nowMs();
    for (auto it = m_state.begin(); it != m_state.end(); ++it) {
        if (it->backingOff) {
            it->nextDueMs = now; // it was most likely the network
        }
    }
    evaluate();
}

void SyncScheduler::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused) {
        evaluate();
    } else {
        m_timer->stop();
    }
}

std::optional<std::int64_t> SyncScheduler::nextDueMs(const QString &provider) const
{
    const auto it = m_state.constFind(provider);
    return it == m_state.constEnd() ? std::nullopt : std::optional<std::int64_t>(it->nextDueMs);
}

void SyncScheduler::evaluate()
{
    if (!m_started || m_paused || m_running) {
        return;
    }
    const std::int64_t now = m_clock.nowMs();
    QStringList due;
    for (const QString &p : std::as_const(m_providers)) {
        if (m_state.value(p).nextDueMs <= now) {
            due << p;
        }
    }
    if (!due.isEmpty()) {
        run(due);
        return;
    }
    arm();
}

void SyncScheduler::arm()
{
    if (m_state.isEmpty() || m_paused) {
        return;
    }
    std::int64_t next = std::numeric_limits<std::int64_t>::max();
    for (const State &s : std::as_const(m_state)) {
        next = std::min(next, s.nextDueMs);
    }
    const std::int64_t wait = std::clamp<std::int64_t>(next - m_clock.nowMs(), 0, m_options.maxSleepMs);
    m_timer->start(static_cast<int>(wait));
}

void SyncScheduler::run(const QStringList &providers)
{
    m_running = true;
    m_timer->stop();
    Q_EMIT syncStarted(providers);
    QPointer<SyncScheduler> self(this);
    m_runner(providers, [self](const QList<ProviderResult> &results) {
        if (self) {
            self->onFinished(results);
        }
    });
}

void SyncScheduler::onFinished(const QList<ProviderResult> &results)
{
    const std::int64_t now = m_clock.nowMs();
    const std::int64_t interval = std::int64_t{m_options.intervalMinutes} * 60'000;
    for (const ProviderResult &r : results) {
        State &s = m_state[r.provider];
        if (r.status == ProviderResult::Status::Failed) {
            ++s.failures;
            s.backingOff = true;
            const double base = static_cast<double>(m_options.backoffBaseSeconds) * 1000.0 *
                                std::pow(2.0, std::min(s.failures - 1, 30));
            std::int64_t wait = std::min<std::int64_t>(static_cast<std::int64_t>(base),
                                                       std::int64_t{m_options.backoffMaxMinutes} * 60'000);
            wait = jittered(wait);
            wait = std::max<std::int64_t>(wait, r.outcome.error.retryAfterMs);
            s.nextDueMs = now + wait;
        } else {
            // Synced, or nothing to do (no key, no keychain): back to the normal rhythm.
            s.failures = 0;
            s.backingOff = false;
            s.lastRunMs = now;
            s.nextDueMs = now + jittered(interval);
        }
    }
    m_running = false;
    Q_EMIT syncFinished(results);
    if (m_pendingNow) {
        m_pendingNow = false;
        syncNow();
        return;
    }
    evaluate();
}

} // namespace burnrate
