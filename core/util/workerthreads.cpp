#include "util/workerthreads.h"

#include "util/memorytrim.h"

#include <QThread>

namespace burnrate {

WorkerThreads::~WorkerThreads()
{
    for (QThread *thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
}

void WorkerThreads::start(QThread *thread)
{
    QObject::connect(thread, &QThread::finished, m_owner, [this, thread] {
        m_threads.removeOne(thread);
        thread->deleteLater();
        releaseFreeMemory(); // the worker's page cache, freed, would otherwise stay resident
    });
    m_threads.append(thread);
    thread->start();
}

} // namespace burnrate
