#ifndef BURNRATE_CORE_JOBS_BASELINEJOB_H
#define BURNRATE_CORE_JOBS_BASELINEJOB_H

#include "jobs/workerthreads.h"
#include "pricing/baselinecost.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>

namespace burnrate {

class PriceBook;

// Runs BaselineCost off the calling thread, over a read-only connection of its own to the ledger file (WAL lets
// it read while the owner's connection writes). Signals arrive on the job's thread and only for the current run:
// starting another run or cancel() stops the previous one and drops whatever it reports.
class BaselineJob final : public QObject
{
    Q_OBJECT

public:
    explicit BaselineJob(QString ledgerPath, QObject *parent = nullptr);
    // Stops every run and waits for their threads.
    ~BaselineJob() override;
    BaselineJob(const BaselineJob &) = delete;
    BaselineJob &operator=(const BaselineJob &) = delete;

    // Starts pricing the range at the baseline model; a run still going is stopped and never reports.
    void start(std::shared_ptr<const PriceBook> book, const QString &provider, const QString &model, UtcRange range,
               const ReportFilter &filter = {});
    // Stops the current run: it reports cancelled() once its thread has stopped, and nothing else.
    void cancel();
    // Stops the current run without a word from it (e.g. the baseline was unset).
    void discard();

    bool isRunning() const { return m_latest.isRunning(); }
    // Threads still running, current or not (a stopped run ends at its next progress step).
    int threadCount() const { return m_workers.count(); }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const burnrate::BaselineReport &report);
    void failed(const QString &error);
    // The current run stopped on cancel() after pricing `done` of `total` rows.
    void cancelled(qint64 done, qint64 total);

private:
    void report(std::uint64_t id, const Result<BaselineReport, RunError> &result, std::int64_t done,
                std::int64_t total);

    QString m_path;
    LatestRun m_latest;            // the run whose signals count
    std::uint64_t m_cancelled = 0; // the run cancel() stopped, until it reports
    WorkerThreads m_workers{this}; // last: its end waits for the runs still going
};

} // namespace burnrate

#endif // BURNRATE_CORE_JOBS_BASELINEJOB_H
