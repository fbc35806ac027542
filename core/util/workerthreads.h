#ifndef BURNRATE_CORE_UTIL_WORKERTHREADS_H
#define BURNRATE_CORE_UTIL_WORKERTHREADS_H

#include <QList>

class QObject;
class QThread;

namespace burnrate {

// The worker threads a job starts (each reporting to the job just before it ends): a thread is
// forgotten and deleted on the job's thread once it has ended, and the memory its ledger connection
// freed is handed back. Destruction waits for the threads still running, so the job should declare
// this last (destroyed first): the threads may use the job's other members to the end.
class WorkerThreads final
{
public:
    // `owner` is the job: the end of each thread is handled in its thread.
    explicit WorkerThreads(QObject *owner)
        : m_owner(owner)
    {}
    ~WorkerThreads();
    WorkerThreads(const WorkerThreads &) = delete;
    WorkerThreads &operator=(const WorkerThreads &) = delete;

    void start(QThread *thread);

private:
    QObject *m_owner;
    QList<QThread *> m_threads;
};

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_WORKERTHREADS_H
