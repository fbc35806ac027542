#ifndef BURNRATE_CORE_JOBS_WORKERTHREADS_H
#define BURNRATE_CORE_JOBS_WORKERTHREADS_H

#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <utility>

class QThread;

namespace burnrate {

// A request to stop one run, shared by the job that asks and the worker that polls it at its hand-over points.
class StopToken final
{
public:
    StopToken()
        : m_flag(std::make_shared<std::atomic_bool>(false))
    {}
    bool stopRequested() const { return m_flag->load(); }
    void requestStop() const { m_flag->store(true); }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
};

// The runs of a job of which only the latest may report: each begin() supersedes the runs before it.
class LatestRun final
{
public:
    // A new run's id, which is the current one from now on.
    std::uint64_t begin()
    {
        m_current = ++m_last;
        return m_current;
    }
    // Whether `id` is the current run, which then ends: true once for the current run, false for any other.
    bool end(std::uint64_t id)
    {
        if (id == 0 || id != m_current) {
            return false;
        }
        m_current = 0;
        return true;
    }
    // No run is current any more (what the runs report is dropped).
    void drop() { m_current = 0; }
    std::uint64_t current() const { return m_current; }
    bool isRunning() const { return m_current != 0; }

private:
    std::uint64_t m_last = 0;
    std::uint64_t m_current = 0;
};

// How every long job runs off the GUI thread. A job is a QObject that owns one WorkerThreads; each run goes on a
// thread of its own, which opens its own ledger connection (a sqlite3 handle never crosses threads), copies what
// it reads, polls its StopToken and reports through post(), so that every signal of the job arrives on the job's
// thread. A thread that has ended is deleted there and the memory its connection freed is handed back.
// Destruction asks every run to stop and waits for them, so the job declares this member last (destroyed first):
// the runs may use the job's other members to the end.
class WorkerThreads final
{
public:
    using Work = std::function<void(const StopToken &stop)>;

    // `owner` is the job: reports and the end of each thread are handled in its thread.
    explicit WorkerThreads(QObject *owner)
        : m_owner(owner)
    {}
    ~WorkerThreads();
    WorkerThreads(const WorkerThreads &) = delete;
    WorkerThreads &operator=(const WorkerThreads &) = delete;

    // Starts `work` on a new thread named `name`; the token returned stops this run alone.
    StopToken start(const QString &name, Work work);
    // Asks every run still going to stop.
    void stopAll();
    // Threads still running, stopped or not.
    int count() const { return static_cast<int>(m_runs.size()); }

    // Calls `f` on the owner's thread, later; dropped when the owner is gone by then.
    template <typename F>
    void post(F &&f) const
    {
        QMetaObject::invokeMethod(m_owner, std::forward<F>(f), Qt::QueuedConnection);
    }

private:
    struct Run
    {
        QThread *thread = nullptr;
        StopToken stop;
    };

    void forget(QThread *thread);

    QObject *m_owner;
    QList<Run> m_runs;
};

} // namespace burnrate

#endif // BURNRATE_CORE_JOBS_WORKERTHREADS_H
