#include "jobs/workerthreads.h"

#include "util/memorytrim.h"

#include <QThread>

namespace burnrate {

WorkerThreads::~WorkerThreads()
{
    stopAll();
    for (const Run &run : std::as_const(m_runs)) {
        run.thread->wait();
        delete run.thread;
    }
}

StopToken WorkerThreads::start(const QString &name, Work work)
{
    Run run;
    run.thread = QThread::create([work = std::move(work), stop = run.stop] { work(stop); });
    run.thread->setObjectName(name);
    QThread *thread = run.thread;
    QObject::connect(thread, &QThread::finished, m_owner, [this, thread] { forget(thread); });
    m_runs.append(run);
    thread->start();
    return run.stop;
}

void WorkerThreads::stopAll()
{
    for (const Run &run : std::as_const(m_runs)) {
        run.stop.requestStop();
    }
}

void WorkerThreads::forget(QThread *thread)
{
    for (qsizetype i = 0; i < m_runs.size(); ++i) {
        if (m_runs.at(i).thread == thread) {
            m_runs.removeAt(i);
            thread->deleteLater();
            releaseFreeMemory(); // the worker's page cache, freed, would otherwise stay resident
            return;
        }
    }
}

} // namespace burnrate
