#include "jobs/importrunner.h"

#include "importers/agentlogpricing.h"
#include "jobs/jobslog.h"
#include "ledger/ledger.h"

#include <QElapsedTimer>
#include <QThread>

namespace burnrate {

struct AgentLogImportRunner::Shared
{
    std::atomic<bool> cancel{false};
};

AgentLogImportRunner::AgentLogImportRunner(QString dataDir, LocalCalendar calendar, Options options, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
    , m_calendar(std::move(calendar))
    , m_options(options)
{
    qRegisterMetaType<AgentLogSource>();
    qRegisterMetaType<AgentLogImportProgress>();
    qRegisterMetaType<AgentLogImportSummary>();
}

AgentLogImportRunner::~AgentLogImportRunner()
{
    m_queue.clear();
    if (m_thread) {
        m_shared->cancel = true;
        m_thread->wait(); // its last post to this object is dropped with the object
        delete m_thread;
    }
}

void AgentLogImportRunner::enqueue(AgentLogSource source, QStringList roots, Billing billing)
{
    Job job{source, std::move(roots), billing};
    for (Job &queued : m_queue) {
        if (queued.source == source) {
            queued = std::move(job);
            return;
        }
    }
    m_queue.push_back(std::move(job));
    startNext();
}

void AgentLogImportRunner::cancel()
{
    m_queue.clear();
    if (m_shared) {
        m_shared->cancel = true;
    }
}

void AgentLogImportRunner::startNext()
{
    if (m_thread) {
        return;
    }
    if (m_queue.empty()) {
        Q_EMIT idle();
        return;
    }
    m_current = std::move(m_queue.front());
    m_queue.pop_front();
    m_shared = std::make_shared<Shared>();
    // Everything the worker needs, copied: it touches nothing of this object but posts to it.
    m_thread = QThread::create([this, job = m_current, shared = m_shared, dataDir = m_dataDir, calendar = m_calendar,
                                options = m_options]() mutable {
        auto result = [&]() -> Result<AgentLogImportSummary> {
            auto ledger = Ledger::open(dataDir, std::move(calendar));
            if (!ledger) {
                return Result<AgentLogImportSummary>::failure(ledger.error());
            }
            AgentLogImportOptions o;
            o.billing = job.billing;
            o.threads = options.threads;
            o.batchEvents = options.batchEvents;
            priceWithActiveBook(o, **ledger);
            o.cancelled = [shared] {
                return shared->cancel.load();
            };
            QElapsedTimer sinceLast;
            o.progress = [&, source = job.source](const AgentLogImportProgress &p) {
                const bool last = p.filesDone == p.filesTotal;
                if (!last && sinceLast.isValid() && sinceLast.elapsed() < options.progressIntervalMs) {
                    return;
                }
                sinceLast.start();
                QMetaObject::invokeMethod(
                    this, [this, source, p] { Q_EMIT progress(source, p); }, Qt::QueuedConnection);
            };
            return AgentLogImporter(**ledger, job.source, o).importRoots(job.roots);
        }();
        QMetaObject::invokeMethod(
            this, [this, result = std::move(result)] { onDone(result); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("agent-log import"));
    m_thread->start();
    qCDebug(lcJobs) << "import of" << agentLogSourceName(m_current.source) << "started on" << m_current.roots;
    Q_EMIT started(m_current.source);
}

void AgentLogImportRunner::onDone(Result<AgentLogImportSummary> result)
{
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_shared.reset();
    const AgentLogSource source = m_current.source;
    if (result) {
        Q_EMIT finished(source, *result);
    } else {
        qCDebug(lcJobs) << "import of" << agentLogSourceName(source) << "failed:" << result.error();
        Q_EMIT failed(source, result.error());
    }
    startNext();
}

} // namespace burnrate
