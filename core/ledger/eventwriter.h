#ifndef BURNRATE_CORE_LEDGER_EVENTWRITER_H
#define BURNRATE_CORE_LEDGER_EVENTWRITER_H

#include "ledger/eventrecord.h"
#include "ledger/rollupdelta.h"
#include "util/result.h"

#include <memory>

namespace burnrate {

class Database;
class Statement;
class LocalCalendar;
class Transaction;

// Writes events and keeps the rollups in step, inside one transaction that is opened on
// construction and committed by commit(). Destroying it uncommitted rolls everything back.
class EventWriter final
{
public:
    enum class Change
    {
        Inserted,
        Updated,
        Unchanged
    };

    EventWriter(Database &db, LocalCalendar &calendar);
    ~EventWriter();
    EventWriter(const EventWriter &) = delete;
    EventWriter &operator=(const EventWriter &) = delete;

    bool isActive() const;
    // Inserts a new event, replaces a changed one (same source and source key) or leaves an
    // identical one alone.
    Result<Change> upsert(const EventRecord &event);
    // Removes one event and its rollup contribution. Returns whether it existed.
    Result<bool> remove(const QString &source, const QString &sourceKey);
    Status commit();

    std::int64_t inserted() const { return m_inserted; }
    std::int64_t updated() const { return m_updated; }
    std::int64_t unchanged() const { return m_unchanged; }

private:
    Result<bool> loadExisting(const QString &source, const QString &sourceKey, EventRecord &out, std::int64_t &id,
                              std::uint64_t &fingerprint);

    Database &m_db;
    LocalCalendar &m_calendar;
    Statement *m_insert = nullptr;
    Statement *m_update = nullptr;
    Statement *m_select = nullptr;
    Statement *m_delete = nullptr;
    std::unique_ptr<Transaction> m_tx;
    RollupDelta m_delta;
    std::int64_t m_inserted = 0;
    std::int64_t m_updated = 0;
    std::int64_t m_unchanged = 0;
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_EVENTWRITER_H
