#ifndef BURNRATE_CORE_LEDGER_EVENTWRITER_H
#define BURNRATE_CORE_LEDGER_EVENTWRITER_H

#include "ledger/eventbinding.h"
#include "ledger/eventdeltas.h"
#include "ledger/eventrecord.h"
#include "util/result.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

namespace burnrate {

class Database;
class Statement;
class LocalCalendar;
class Transaction;

// Writes events and keeps the rollups (daily and per conversation) in step, inside one transaction
// that is opened on construction and committed by commit(). Destroying it uncommitted rolls
// everything back.
class EventWriter final
{
public:
    enum class Change
    {
        Inserted,
        Updated,
        Unchanged
    };

    // The stored event under the same natural key as a new one. `event` holds the columns that feed
    // the rollups plus conversation and project.
    struct Stored
    {
        std::int64_t id = 0;
        std::uint64_t fingerprint = 0;
        const EventRecord &event;
    };
    // Decides whether a different new version replaces the stored one (true) or is dropped (false).
    using ReplacePolicy = std::function<bool(const Stored &stored)>;

    EventWriter(Database &db, LocalCalendar &calendar);
    ~EventWriter();
    EventWriter(const EventWriter &) = delete;
    EventWriter &operator=(const EventWriter &) = delete;

    bool isActive() const;
    // Inserts a new event, replaces a changed one (same source and source key) or leaves an
    // identical one alone.
    Result<Change> upsert(const EventRecord &event);
    // Like upsert(), but a stored event with other content is only replaced when `replace` agrees;
    // otherwise the new version is dropped and Unchanged returned.
    Result<Change> upsert(const EventRecord &event, const ReplacePolicy &replace);
    // upsert() for `count` events at once (their keys should differ): ids[i] and changes[i] receive
    // each one's row id and change; replace(i), when set, gives the policy for events[i]. A full
    // group (GroupSize) is inserted by one statement. The returned change means nothing but success.
    static constexpr size_t GroupSize = 16;
    Result<Change> upsertGroup(const EventRecord *const *events, size_t count, std::int64_t *ids, Change *changes,
                               const std::function<ReplacePolicy(size_t)> &replace);
    // By default every change is added to the rollups here. A bulk importer may instead gather the
    // rollup changes of its events on its own thread, as though all were new: after
    // setCallerAccountsInserts(true), inserted events are left out here and the caller hands them to
    // accountInserts(). Updates are always accounted here (only the writer sees the stored version).
    void setCallerAccountsInserts(bool on) { m_callerAccountsInserts = on; }
    // The rollup changes of `count` events the caller upserted, with their changes: `gathered` (the
    // caller's, as though every one were new) when all were inserted, else the inserted ones, taken
    // one by one from recordAt(i).
    template <typename RecordAt>
    void accountInserts(const EventDeltas &gathered, const Change *changes, size_t count, RecordAt recordAt)
    {
        if (std::all_of(changes, changes + count, [](Change c) { return c == Change::Inserted; })) {
            m_deltas.merge(gathered);
            return;
        }
        for (size_t i = 0; i < count; ++i) {
            if (changes[i] == Change::Inserted) {
                m_deltas.add(m_calendar, recordAt(i), +1);
            }
        }
    }
    // The row id of the event the last upsert() inserted, updated or left in place.
    std::int64_t lastId() const { return m_lastId; }
    // Removes one event and its rollup contribution. Returns whether it existed.
    Result<bool> remove(const QString &source, const QString &sourceKey);
    // Removes one event by row id and its rollup contribution. Returns whether it existed.
    Result<bool> removeId(std::int64_t id);
    Status commit();

    std::int64_t inserted() const { return m_inserted; }
    std::int64_t updated() const { return m_updated; }
    std::int64_t unchanged() const { return m_unchanged; }

private:
    // The stored-event half of upsert(). With newAbove >= 0 (a group insert), a stored row numbered
    // above it and not in `claimed` was inserted for this event by that statement.
    Result<Change> upsertStored(const EventRecord &event, const ReplacePolicy &replace, std::int64_t newAbove,
                                std::vector<std::int64_t> *claimed);
    Result<bool> loadExisting(const QString &source, const QString &sourceKey, EventRecord &out, std::int64_t &id,
                              std::uint64_t &fingerprint);
    void readStored(Statement &select, EventRecord &out);
    void account(const EventRecord &event, int sign);
    void accountInsert(const EventRecord &event);

    Database &m_db;
    LocalCalendar &m_calendar;
    Statement *m_insert = nullptr;
    Statement *m_update = nullptr;
    Statement *m_select = nullptr;
    Statement *m_delete = nullptr;
    Statement *m_selectById = nullptr;
    Statement *m_insertGroup = nullptr;
    ParamShadow m_groupShadow;
    std::int64_t m_maxId = -1; // the largest event id, -1 when not known
    std::unique_ptr<Transaction> m_tx;
    EventDeltas m_deltas;
    bool m_callerAccountsInserts = false;
    std::int64_t m_lastId = 0;
    std::int64_t m_inserted = 0;
    std::int64_t m_updated = 0;
    std::int64_t m_unchanged = 0;
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_EVENTWRITER_H
