#ifndef BURNRATE_CORE_JOBS_REPRICEJOB_H
#define BURNRATE_CORE_JOBS_REPRICEJOB_H

#include "jobs/workerthreads.h"
#include "pricing/repricer.h"

#include <QObject>

namespace burnrate {

class Ledger;

// Runs a Repricer off the calling thread, over a ledger connection of its own to `ledger`'s file, in the ledger's
// calendar and with the price book active when a run starts (read there too). One run at a time. Signals arrive
// on the job's thread.
class RepriceJob final : public QObject
{
    Q_OBJECT

public:
    explicit RepriceJob(Ledger &ledger, QObject *parent = nullptr);
    // Stops a run still going (rolled back) and waits for its thread.
    ~RepriceJob() override;
    RepriceJob(const RepriceJob &) = delete;
    RepriceJob &operator=(const RepriceJob &) = delete;

    // Starts re-pricing `range` (a preview when `dryRun`); false when a run is still going.
    [[nodiscard]] bool start(const RepriceRange &range, bool dryRun);
    // Asks the current run to stop: it rolls back and reports cancelled(). A run already committing reports
    // finished() instead (it was done before the request reached it).
    void cancel();

    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const burnrate::RepriceOutcome &outcome);
    void failed(const QString &error);
    // Stopped by cancel(); nothing was changed.
    void cancelled();

private:
    void report(const RepriceResult &result);

    Ledger &m_ledger;
    bool m_running = false;
    WorkerThreads m_workers{this}; // last: its end waits for the runs still going
};

} // namespace burnrate

#endif // BURNRATE_CORE_JOBS_REPRICEJOB_H
