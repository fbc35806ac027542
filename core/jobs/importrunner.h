#ifndef BURNRATE_CORE_JOBS_IMPORTRUNNER_H
#define BURNRATE_CORE_JOBS_IMPORTRUNNER_H

#include "importers/agentlogimporter.h"
#include "jobs/workerthreads.h"
#include "util/localcalendar.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <deque>

namespace burnrate {

// Runs agent-log imports off the calling thread, one at a time, each on a worker thread with its own
// connection to the ledger file (a sqlite3 handle never crosses threads). Imports are priced with the
// ledger's active price book. Progress, results and failures arrive as signals on the runner's own
// thread; nothing here ever waits for an import, except the destructor, which stops it and then joins.
class AgentLogImportRunner final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int threads = 0; // parser threads per import; 0 = one per core
        // Requests per write transaction. Small, so that the app's own writes (sync, alerts) never
        // wait long for the ledger's write lock.
        int batchEvents = 20000;
        int progressIntervalMs = 100; // at most this often a progress signal (the last one always)
    };

    AgentLogImportRunner(QString dataDir, LocalCalendar calendar, Options options, QObject *parent = nullptr);
    AgentLogImportRunner(QString dataDir, LocalCalendar calendar, QObject *parent = nullptr)
        : AgentLogImportRunner(std::move(dataDir), std::move(calendar), Options{}, parent)
    {}
    ~AgentLogImportRunner() override;

    // The calendar the next imports bucket their rollups in (the user changed the zone or week start). The
    // caller switches while the runner is idle, so that no import still writes in the old zone.
    void setCalendar(LocalCalendar calendar) { m_calendar = std::move(calendar); }

    // Queues an import of `roots`. A job of the same source that has not started yet is replaced; one
    // that is running gets this one after it (the files may have changed since it planned).
    void enqueue(AgentLogSource source, QStringList roots, Billing billing);
    // Stops the running import at its next hand-over (what it wrote stays, consistent) and drops the
    // queued ones.
    void cancel();

    bool isBusy() const { return m_running || !m_queue.empty(); }
    bool isRunning(AgentLogSource source) const { return m_running && m_current.source == source; }

Q_SIGNALS:
    void started(burnrate::AgentLogSource source);
    void progress(burnrate::AgentLogSource source, const burnrate::AgentLogImportProgress &progress);
    // Also when cancelled (summary.cancelled).
    void finished(burnrate::AgentLogSource source, const burnrate::AgentLogImportSummary &summary);
    void failed(burnrate::AgentLogSource source, const QString &error);
    // The queue ran dry.
    void idle();

private:
    struct Job
    {
        AgentLogSource source = AgentLogSource::ClaudeCode;
        QStringList roots;
        Billing billing = Billing::Api;
    };
    void startNext();
    void onDone(Result<AgentLogImportSummary> result);

    QString m_dataDir;
    LocalCalendar m_calendar;
    Options m_options;
    std::deque<Job> m_queue;
    Job m_current;
    bool m_running = false;
    WorkerThreads m_workers{this}; // last: its end waits for the import still going
};

} // namespace burnrate

#endif // BURNRATE_CORE_JOBS_IMPORTRUNNER_H
