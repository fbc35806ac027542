#ifndef BURNRATE_CORE_LEDGER_LEDGER_H
#define BURNRATE_CORE_LEDGER_LEDGER_H

#include "ledger/database.h"
#include "util/localcalendar.h"
#include "util/result.h"

#include <QString>

#include <memory>

namespace burnrate {

// The ledger of one data directory: its SQLite file, at the latest schema, with rollups bucketed
// in the configured time zone.
class Ledger final
{
public:
    static QString fileName() { return QStringLiteral("ledger.sqlite3"); }

    // Opens or creates `dataDir`/ledger.sqlite3 (folder 0700, file 0600), migrates it, and rebuilds
    // the rollups when they were bucketed in another zone than `calendar`'s.
    // `options` say how long to wait for another process's write lock and whom to tell.
    static Result<std::unique_ptr<Ledger>> open(const QString &dataDir, LocalCalendar calendar,
                                                Database::Options options = {});
    ~Ledger();
    Ledger(const Ledger &) = delete;
    Ledger &operator=(const Ledger &) = delete;

    Database &db() { return *m_db; }
    LocalCalendar &calendar() { return m_calendar; }
    // Switches to another zone or week start (the user changed them); the rollups are bucketed again when the
    // zone differs. On failure the ledger keeps its calendar and rollups.
    Status setCalendar(LocalCalendar calendar);
    const QString &dataDir() const { return m_dataDir; }

    QString meta(const QString &key) const;
    Status setMeta(const QString &key, const QString &value);
    Status removeMeta(const QString &key);

    // Recomputes every rollup row (daily and per conversation) from the events, in one transaction.
    Status rebuildRollups();
    // The same, inside a transaction the caller holds open.
    Status rebuildRollupsInTransaction();

private:
    Ledger(std::unique_ptr<Database> db, QString dataDir, LocalCalendar calendar);

    std::unique_ptr<Database> m_db;
    QString m_dataDir;
    LocalCalendar m_calendar;
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_LEDGER_H
