#ifndef BURNRATE_CORE_LEDGER_BACKUPS_H
#define BURNRATE_CORE_LEDGER_BACKUPS_H

#include "util/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace burnrate {

class Clock;
class Database;

// One copy of the ledger in the backups folder.
struct BackupEntry
{
    QString id;   // the UTC time it was taken, "20261207T031500Z" (a suffix "-2", "-3" when one second has two)
    QString path; // the file
    QDateTime takenAtUtc;
    std::int64_t bytes = 0;
};

// What a restore did besides putting the backup in place.
struct RestoreOutcome
{
    BackupEntry restored;
    std::optional<BackupEntry> previous; // the ledger as it was, kept as a backup of its own
    QString movedAside;                  // a damaged ledger's folder (nothing of it is deleted)
};

// The ledger's backups: whole copies taken with SQLite's online backup API (other connections go on reading and
// writing meanwhile), checked with quick_check, and written atomically (a partial file is never named like a
// backup) into `<data folder>/backups`, readable by the owner only like the ledger. Kept: the newest copy of each
// of the 7 latest days and of each of the 4 latest weeks that have one; older copies are removed as new ones come.
class LedgerBackups final
{
public:
    static constexpr int KeptDays = 7;
    static constexpr int KeptWeeks = 4;
    // The app takes a backup when the newest one is older than this.
    static constexpr std::int64_t AutomaticIntervalMs = 24LL * 60 * 60 * 1000;

    LedgerBackups(QString dataDir, const Clock &clock);

    QString folder() const;
    QString ledgerPath() const;

    // Copies the ledger open in `ledger` into a new backup and prunes the old ones.
    Result<BackupEntry> create(Database &ledger);
    // create() when the newest backup is older than AutomaticIntervalMs (or there is none); std::nullopt when not due.
    Result<std::optional<BackupEntry>> createIfDue(Database &ledger);
    // Every backup, newest first.
    QList<BackupEntry> list() const;
    std::optional<BackupEntry> find(const QString &id) const;
    // The newest backup that passes quick_check.
    std::optional<BackupEntry> newestGood() const;
    // Puts backup `id` in the ledger's place. A healthy ledger is first kept as a backup, then overwritten through
    // the backup API (a process that has it open sees the restored content); a damaged one is moved aside first.
    // No Burnrate connection of this process may have the ledger open.
    Result<RestoreOutcome> restore(const QString &id);
    // Moves a damaged ledger (with its -wal and -shm) into `<data folder>/damaged-<UTC time>/`; returns that folder.
    Result<QString> moveAside();
    // Removes the backups that the retention keeps no longer.
    void prune();

    // Runs quick_check on a database file: an empty string when it is healthy, else what is wrong.
    static QString check(const QString &path);

private:
    // A new backup, without pruning.
    Result<BackupEntry> take(Database &ledger);
    Status copyInto(Database &ledger, const QString &target);

    QString m_dataDir;
    const Clock &m_clock;
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_BACKUPS_H
