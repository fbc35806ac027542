#ifndef BURNRATE_CORE_PRICING_BASELINEJOB_H
#define BURNRATE_CORE_PRICING_BASELINEJOB_H

#include "pricing/baselinecost.h"

#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>

class QThread;

namespace burnrate {

class PriceBook;

// Runs BaselineCost off the calling thread: each run on a thread of its own, over its own read-only connection
// to the ledger file (WAL lets it read while the owner's connection writes). Signals arrive on the job's thread
// and only for the current run: starting another run or cancel() drops whatever the previous one reports.
class BaselineJob final : public QObject
{
    Q_OBJECT

public:
    explicit BaselineJob(QString ledgerPath, QObject *parent = nullptr);
    // Cancels every run and waits for their threads.
    ~BaselineJob() override;
    BaselineJob(const BaselineJob &) = delete;
    BaselineJob &operator=(const BaselineJob &) = delete;

    // Starts pricing the range at the baseline model; a run still going is cancelled and never reports.
    void start(std::shared_ptr<const PriceBook> book, const QString &provider, const QString &model, UtcRange range,
               const ReportFilter &filter = {});
    // Stops the current run: it reports cancelled() once its thread has stopped, and nothing else.
    void cancel();
    // Stops the current run without a word from it (e.g. the baseline was unset).
    void discard();

    bool isRunning() const { return m_current != 0; }
    // Threads still running, current or not (a cancelled run ends at its next progress step).
    int threadCount() const { return static_cast<int>(m_runs.size()); }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const burnrate::BaselineReport &report);
    void failed(const QString &error);
    // The current run stopped on cancel() after pricing `done` of `total` rows.
    void cancelled(qint64 done, qint64 total);

private:
    struct Run
    {
        std::uint64_t id = 0;
        std::shared_ptr<std::atomic_bool> stop;
        QThread *thread = nullptr;
    };

    void report(std::uint64_t id, Result<BaselineReport> result, std::int64_t done, std::int64_t total);
    void forget(QThread *thread);

    QString m_path;
    QList<Run> m_runs;
    std::uint64_t m_lastId = 0;
    std::uint64_t m_current = 0;   // the run whose signals count; 0 = none
    std::uint64_t m_cancelled = 0; // the run cancel() stopped, until it reports
};

} // namespace burnrate

#endif // BURNRATE_CORE_PRICING_BASELINEJOB_H
