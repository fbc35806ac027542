#ifndef BURNRATE_CORE_LEDGER_ROLLUPDELTA_H
#define BURNRATE_CORE_LEDGER_ROLLUPDELTA_H

#include "ledger/eventrecord.h"
#include "ledger/recententries.h"
#include "ledger/spendsums.h"
#include "util/result.h"

#include <QString>

#include <cstdint>
#include <unordered_map>

namespace burnrate {

class Database;

// Changes to the rollups table gathered in memory during one write transaction and applied in
// that same transaction, so facts and rollups never disagree.
class RollupDelta final
{
public:
    struct Key
    {
        std::int64_t day = 0;    // local Julian day
        std::int64_t utcDay = 0; // Julian day of the UTC date, for the spend rule's provider-days
        QString provider;
        QString model;
        QString source;
        Billing billing = Billing::Api;
        friend bool operator==(const Key &, const Key &) = default;
    };
    using Values = SpendSums;

    // The Julian day number of the UTC date of an instant.
    static std::int64_t utcDayOf(std::int64_t utcMs);

    // sign is +1 to add an event, -1 to take it back out.
    void add(std::int64_t day, const EventRecord &event, int sign);
    // Adds another delta's changes to this one.
    void merge(const RollupDelta &other);
    bool isEmpty() const { return m_deltas.empty(); }
    Status applyTo(Database &db);
    void clear()
    {
        m_deltas.clear();
        m_recent.clear();
    }

private:
    struct KeyHash
    {
        // Deliberately not noexcept: libstdc++ then keeps each entry's hash beside it, so that a lookup
        // or a rehash does not hash the stored keys' three strings again.
        size_t operator()(const Key &k) const;
    };
    std::unordered_map<Key, Values, KeyHash> m_deltas;
    RecentEntries<Key, Values> m_recent; // the entries of the last events, which the next one usually shares
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_ROLLUPDELTA_H
