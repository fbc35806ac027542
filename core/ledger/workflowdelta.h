#ifndef BURNRATE_CORE_LEDGER_WORKFLOWDELTA_H
#define BURNRATE_CORE_LEDGER_WORKFLOWDELTA_H

#include "ledger/eventrecord.h"
#include "ledger/recententries.h"
#include "ledger/spendsums.h"
#include "util/result.h"

#include <QString>

#include <cstdint>
#include <limits>
#include <unordered_map>

namespace burnrate {

class Database;
class LocalCalendar;

// Changes to the workflow_rollups table gathered during one write transaction and applied in that same
// transaction: what the workflow view and workflow budgets read instead of every event of their range. A row is one
// workflow run (its id) of one workflow key on one local day, per source, project, model and billing, so that runs
// can still be counted distinctly over any range of days. Sums are exact under additions and removals; first/last
// activity grow with additions and, when a removal touches a bound, are recomputed from the events at apply time.
class WorkflowDelta final
{
public:
    struct Key
    {
        std::int64_t day = 0;
        QString workflowKey; // the workflow type, else its id, else ''
        QString workflowId;  // '' for none
        QString source;
        QString project; // '' for none
        QString model;
        Billing billing = Billing::Api;
        friend bool operator==(const Key &, const Key &) = default;
    };
    struct Values : SpendSums
    {
        std::int64_t events = 0;
        std::int64_t successes = 0; // requests that succeeded and whose outcome was accepted or edited
        std::int64_t retriedRequests = 0;
        std::int64_t retries = 0;
        std::int64_t toolCalls = 0;
        std::int64_t latencySumMs = 0;
        std::int64_t latencyCount = 0;
        std::int64_t addedFirst = std::numeric_limits<std::int64_t>::max();
        std::int64_t addedLast = std::numeric_limits<std::int64_t>::min();
        std::int64_t removedFirst = std::numeric_limits<std::int64_t>::max();
        std::int64_t removedLast = std::numeric_limits<std::int64_t>::min();
    };

    // The key of the workflow view for an event: its workflow type, else its workflow id, else ''.
    static QString workflowKeyOf(const EventRecord &event);

    // sign is +1 to add an event, -1 to take it back out.
    void add(std::int64_t day, const EventRecord &event, int sign);
    // Adds another delta's changes to this one.
    void merge(const WorkflowDelta &other);
    bool isEmpty() const { return m_deltas.empty(); }
    // `calendar` maps days back to instants when first/last activity must be recomputed.
    Status applyTo(Database &db, const LocalCalendar &calendar);
    void clear()
    {
        m_deltas.clear();
        m_recent.clear();
    }

private:
    struct KeyHash
    {
        size_t operator()(const Key &k) const;
    };
    std::unordered_map<Key, Values, KeyHash> m_deltas;
    RecentEntries<Key, Values> m_recent;
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_WORKFLOWDELTA_H
