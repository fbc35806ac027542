#ifndef BURNRATE_CORE_LEDGER_EVENTDELTAS_H
#define BURNRATE_CORE_LEDGER_EVENTDELTAS_H

#include "ledger/conversationdelta.h"
#include "ledger/rollupdelta.h"
#include "ledger/workflowdelta.h"

namespace burnrate {

class Database;
class LocalCalendar;

// What a set of events adds to (or takes from) the rollups: the daily, the conversation and the
// workflow rollups together. An EventWriter gathers one per transaction; an importer may gather
// one per batch of parsed events on its own thread and hand it over (EventWriter::absorb).
class EventDeltas final
{
public:
    // sign is +1 to add an event, -1 to take it back out.
    void add(LocalCalendar &calendar, const EventRecord &event, int sign);
    void merge(const EventDeltas &other);
    bool isEmpty() const { return m_rollups.isEmpty() && m_conversations.isEmpty() && m_workflows.isEmpty(); }
    // Applies all three in the caller's transaction and clears them.
    Status applyTo(Database &db, const LocalCalendar &calendar);
    void clear();

private:
    RollupDelta m_rollups;
    ConversationDelta m_conversations;
    WorkflowDelta m_workflows;
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_EVENTDELTAS_H
