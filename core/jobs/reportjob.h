#ifndef BURNRATE_CORE_JOBS_REPORTJOB_H
#define BURNRATE_CORE_JOBS_REPORTJOB_H

#include "jobs/workerthreads.h"
#include "ledger/reportfilter.h"
#include "ledger/reportquery.h"

#include <QObject>

#include <cstdint>

namespace burnrate {

class Clock;
class Ledger;

// Runs a ReportQuery off the calling thread, over a connection of its own to `ledger`'s file (WAL lets it read
// while the owner's connection writes), in the ledger's calendar when the run starts. Only the latest run
// reports: starting another one drops whatever an earlier run finds. The clock must be safe to read from another
// thread (SystemClock and FixedClock are).
class ReportJob final : public QObject
{
    Q_OBJECT

public:
    ReportJob(Ledger &ledger, const Clock &clock, QObject *parent = nullptr);
    // Waits for the runs still going (a query is short; none is interrupted).
    ~ReportJob() override;
    ReportJob(const ReportJob &) = delete;
    ReportJob &operator=(const ReportJob &) = delete;

    void start(const ReportRequest &request, const ReportFilter &filter = {});
    // Whether the latest run has yet to report.
    bool isRunning() const { return m_latest.isRunning(); }

Q_SIGNALS:
    void finished(const burnrate::Report &report);
    void failed(const QString &error);

private:
    void report(std::uint64_t id, const Result<Report> &result);

    Ledger &m_ledger;
    const Clock &m_clock;
    LatestRun m_latest;
    WorkerThreads m_workers{this}; // last: its end waits for the runs still going
};

} // namespace burnrate

#endif // BURNRATE_CORE_JOBS_REPORTJOB_H
