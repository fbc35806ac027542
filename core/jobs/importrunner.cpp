#include "jobs/importrunner.h"

#include "importers/agentlogpricing.h"
#include "jobs/jobslog.h"
#include "ledger/ledger.h"

#include <QElapsedTimer>

namespace burnrate {

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

AgentLogImportRunner::~AgentLogImportRunner() = default; // m_workers stops the import and waits for it

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
    m_workers.stopAll();
}

void AgentLogImportRunner::startNext()
{
    if (m_running) {
        return;
    }
    if (m_queue.empty()) {
        Q_EMIT idle();
        return;
    }
    m_current = std::move(m_queue.front());
    m_queue.pop_front();
    m_running = true;
    // Everything the worker needs, copied: it touches nothing of this object but posts to it.
    m_workers.start(QStringLiteral("agent-log import"),
                    [this, job = m_current, dataDir = m_dataDir, calendar = m_calendar,
                     options = m_options](const StopToken &stop) mutable {
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
                            o.cancelled = [stop] {
                                return stop.stopRequested();
                            };
                            QElapsedTimer sinceLast;
                            o.progress = [&, source = job.source](const AgentLogImportProgress &p) {
                                const bool last = p.filesDone == p.filesTotal;
                                if (!last && sinceLast.isValid() && sinceLast.elapsed() < options.progressIntervalMs) {
                                    return;
                                }
                                sinceLast.start();
                                m_workers.post([this, source, p] { Q_EMIT progress(source, p); });
                            };
                            return AgentLogImporter(**ledger, job.source, o).importRoots(job.roots);
                        }();
                        m_workers.post([this, result = std::move(result)] { onDone(result); });
                    });
    qCDebug(lcJobs) << "import of" << agentLogSourceName(m_current.source) << "started on" << m_current.roots;
    Q_EMIT started(m_current.source);
}

void AgentLogImportRunner::onDone(Result<AgentLogImportSummary> result)
{
    m_running = false;
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
