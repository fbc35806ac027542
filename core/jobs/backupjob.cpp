#include "jobs/backupjob.h"

#include "jobs/jobslog.h"
#include "ledger/backups.h"
#include "ledger/database.h"

#include <QDir>

#include <optional>

namespace burnrate {

BackupJob::BackupJob(QString dataDir, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
    , m_clock(clock)
{
    connect(&m_timer, &QTimer::timeout, this, &BackupJob::checkNow);
}

BackupJob::~BackupJob() = default;

void BackupJob::start(int firstDelayMs)
{
    QTimer::singleShot(firstDelayMs, this, &BackupJob::checkNow);
    m_timer.start(CheckIntervalMs);
}

void BackupJob::checkNow()
{
    if (m_running) {
        return;
    }
    m_running = true;
    m_workers.start(QStringLiteral("backup"), [this, dir = m_dataDir](const StopToken &) {
        LedgerBackups backups(dir, m_clock);
        Result<std::optional<BackupEntry>> made = Result<std::optional<BackupEntry>>::failure(QString());
        auto db = Database::open(backups.ledgerPath());
        if (!db) {
            made = Result<std::optional<BackupEntry>>::failure(db.error());
        } else {
            made = backups.createIfDue(**db);
        }
        m_workers.post([this, made = std::move(made)] {
            m_running = false;
            if (!made) {
                qCWarning(lcJobs).noquote() << "the daily backup failed:" << made.error();
                Q_EMIT failed(made.error());
            } else if (*made) {
                Q_EMIT backedUp((*made)->id);
            } else {
                Q_EMIT notDue();
            }
        });
    });
}

} // namespace burnrate
