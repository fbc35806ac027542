#ifndef BURNRATE_CORE_PRICING_REPRICEJOB_H
#define BURNRATE_CORE_PRICING_REPRICEJOB_H

#include "pricing/repricer.h"
#include "util/localcalendar.h"
#include "util/workerthreads.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace burnrate {

// Runs a Repricer off the calling thread, over a ledger connection of its own to `dataDir` and with the price book
// active when it starts (read there too). One run at a time. Signals arrive on the job's thread.
class RepriceJob final : public QObject
{
    Q_OBJECT

public:
    RepriceJob(QString dataDir, LocalCalendar calendar, QObject *parent = nullptr);
    // Cancels a run still going (rolled back) and waits for its thread.
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

    QString m_dataDir;
    LocalCalendar m_calendar;
    bool m_running = false;
    std::shared_ptr<std::atomic_bool> m_stop;
    WorkerThreads m_workers{this}; // last: its end waits for the runs still going
};

} // namespace burnrate

#endif // BURNRATE_CORE_PRICING_REPRICEJOB_H
