#ifndef BURNRATE_CORE_LEDGER_REPORTJOB_H
#define BURNRATE_CORE_LEDGER_REPORTJOB_H

#include "ledger/reportfilter.h"
#include "ledger/reportquery.h"
#include "util/localcalendar.h"
#include "util/workerthreads.h"

#include <QObject>
#include <QString>

#include <cstdint>

namespace burnrate {

class Clock;

// Runs a ReportQuery off the calling thread, over a connection of its own to the ledger in `dataDir` (WAL lets it
// read while the owner's connection writes). Only the latest run reports: starting another one drops whatever an
// earlier run finds. The clock must be safe to read from another thread (SystemClock and FixedClock are).
class ReportJob final : public QObject
{
    Q_OBJECT

public:
    ReportJob(QString dataDir, LocalCalendar calendar, const Clock &clock, QObject *parent = nullptr);
    // Waits for the threads still running (a query is short; none is interrupted).
    ~ReportJob() override;
    ReportJob(const ReportJob &) = delete;
    ReportJob &operator=(const ReportJob &) = delete;

    void start(const ReportRequest &request, const ReportFilter &filter = {});
    // Whether the latest run has yet to report.
    bool isRunning() const { return m_current != 0; }

Q_SIGNALS:
    void finished(const burnrate::Report &report);
    void failed(const QString &error);

private:
    void report(std::uint64_t id, const Result<Report> &result);

    QString m_dataDir;
    LocalCalendar m_calendar;
    const Clock &m_clock;
    std::uint64_t m_lastId = 0;
    std::uint64_t m_current = 0;
    WorkerThreads m_workers{this}; // last: its end waits for the runs still going
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_REPORTJOB_H
