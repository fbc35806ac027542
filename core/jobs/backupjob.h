#ifndef BURNRATE_CORE_JOBS_BACKUPJOB_H
#define BURNRATE_CORE_JOBS_BACKUPJOB_H

#include "jobs/workerthreads.h"

#include <QObject>
#include <QString>
#include <QTimer>

namespace burnrate {

class Clock;

// The app's daily backup of the ledger: every hour, and once soon after start, a worker checks whether the newest
// backup is older than a day and, if so, takes one (LedgerBackups::createIfDue) over a connection of its own, so
// the window never waits for the copy. The clock must be safe to read from another thread.
class BackupJob final : public QObject
{
    Q_OBJECT

public:
    static constexpr int CheckIntervalMs = 60 * 60 * 1000;
    static constexpr int FirstCheckDelayMs = 30 * 1000;

    BackupJob(QString dataDir, const Clock &clock, QObject *parent = nullptr);
    ~BackupJob() override;
    BackupJob(const BackupJob &) = delete;
    BackupJob &operator=(const BackupJob &) = delete;

    // Starts the hourly checks; the first comes after `firstDelayMs`.
    void start(int firstDelayMs = FirstCheckDelayMs);
    // Checks now (a run already going is not doubled).
    void checkNow();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    // A backup was taken.
    void backedUp(const QString &id);
    // A check found nothing due.
    void notDue();
    void failed(const QString &error);

private:
    QString m_dataDir;
    const Clock &m_clock;
    QTimer m_timer;
    bool m_running = false;
    WorkerThreads m_workers{this}; // last: its end waits for the run still going
};

} // namespace burnrate

#endif // BURNRATE_CORE_JOBS_BACKUPJOB_H
