#include "ledger/eventdeltas.h"

#include "util/localcalendar.h"

namespace burnrate {

void EventDeltas::add(LocalCalendar &calendar, const EventRecord &event, int sign)
{
    const std::int64_t day = calendar.dayOf(event.occurredAtMs);
    m_rollups.add(day, event, sign);
    m_conversations.add(day, event, sign);
    m_workflows.add(day, event, sign);
}

void EventDeltas::merge(const EventDeltas &other)
{
    m_rollups.merge(other.m_rollups);
    m_conversations.merge(other.m_conversations);
    m_workflows.merge(other.m_workflows);
}

Status EventDeltas::applyTo(Database &db, const LocalCalendar &calendar)
{
    if (auto st = m_rollups.applyTo(db); !st) {
        return st;
    }
    if (auto st = m_conversations.applyTo(db, calendar); !st) {
        return st;
    }
    return m_workflows.applyTo(db, calendar);
}

void EventDeltas::clear()
{
    m_rollups.clear();
    m_conversations.clear();
    m_workflows.clear();
}

} // namespace burnrate
