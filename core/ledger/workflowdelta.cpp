#include "ledger/workflowdelta.h"

#include "ledger/database.h"
#include "util/checkedsum.h"
#include "util/localcalendar.h"

#include <QHash>

#include <algorithm>

namespace burnrate {

namespace {

constexpr std::int64_t NoFirst = std::numeric_limits<std::int64_t>::max();

const QString &orEmpty(const QString &s)
{
    static const QString Empty = QStringLiteral("");
    return s.isNull() ? Empty : s;
}

bool succeeded(const EventRecord &e)
{
    const bool ok = e.status.isEmpty() || e.status == QLatin1String("success");
    const bool kept =
        e.outcome.isEmpty() || e.outcome == QLatin1String("accepted") || e.outcome == QLatin1String("edited");
    return ok && kept;
}

void bindKey(Statement &s, const WorkflowDelta::Key &k)
{
    s.bind(1, k.workflowKey);
    s.bind(2, k.workflowId);
    s.bind(3, k.day);
    s.bind(4, k.source);
    s.bind(5, k.project);
    s.bind(6, k.model);
    s.bind(7, billingName(k.billing));
}

constexpr std::string_view KeyWhere = "workflow_key = ?1 AND workflow_id = ?2 AND day = ?3 AND source = ?4 AND"
                                      " project = ?5 AND model = ?6 AND billing = ?7";

// First and last activity of one rollup row, from the events themselves (the time index bounds the scan to the
// day).
Status recomputeBounds(Database &db, const LocalCalendar &calendar, const WorkflowDelta::Key &k)
{
    Statement &s = db.cached(
        "SELECT MIN(occurred_at), MAX(occurred_at) FROM events WHERE occurred_at >= ?7 AND occurred_at < ?8 AND"
        " COALESCE(NULLIF(workflow_type, ''), NULLIF(workflow_id, ''), '') = ?1 AND COALESCE(workflow_id, '') = ?2"
        " AND source = ?3 AND COALESCE(project, '') = ?4 AND model = ?5 AND billing = ?6");
    const QDate date = QDate::fromJulianDay(k.day);
    s.bind(1, k.workflowKey);
    s.bind(2, k.workflowId);
    s.bind(3, k.source);
    s.bind(4, k.project);
    s.bind(5, k.model);
    s.bind(6, billingName(k.billing));
    s.bind(7, calendar.startOfDayUtcMs(date));
    s.bind(8, calendar.startOfDayUtcMs(date.addDays(1)));
    if (s.step() != Statement::Step::Row || s.isNull(0)) {
        s.reset();
        return Status::failure(QStringLiteral("cannot recompute workflow activity: %1").arg(db.lastError()));
    }
    const std::int64_t first = s.int64(0);
    const std::int64_t last = s.int64(1);
    s.reset();
    Statement &u =
        db.cached(std::string("UPDATE workflow_rollups SET first_at = ?8, last_at = ?9 WHERE ").append(KeyWhere));
    bindKey(u, k);
    u.bind(8, first);
    u.bind(9, last);
    if (!u.exec()) {
        return Status::failure(QStringLiteral("cannot update workflow activity: %1").arg(db.lastError()));
    }
    return okStatus();
}

} // namespace

QString WorkflowDelta::workflowKeyOf(const EventRecord &event)
{
    if (!event.workflowType.isEmpty()) {
        return event.workflowType;
    }
    return orEmpty(event.workflowId);
}

size_t WorkflowDelta::KeyHash::operator()(const Key &k) const
{
    size_t h = std::hash<std::int64_t>{}(k.day);
    for (const QString *s : {&k.workflowKey, &k.workflowId, &k.source, &k.project, &k.model}) {
        h ^= qHash(*s) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    }
    return h ^ static_cast<size_t>(k.billing);
}

void WorkflowDelta::add(std::int64_t day, const EventRecord &event, int sign)
{
    const auto same = [](const QString &a, const QString &b) {
        return a.isSharedWith(b) || a == b;
    };
    const QString key = workflowKeyOf(event);
    Values *entry = m_recent.find([&](const Key &k) {
        return k.day == day && k.billing == event.billing && same(k.workflowKey, key) &&
               same(k.workflowId, orEmpty(event.workflowId)) && same(k.model, event.model) &&
               same(k.project, orEmpty(event.project)) && same(k.source, event.source);
    });
    if (!entry) {
        Key k{day, key, orEmpty(event.workflowId), event.source, orEmpty(event.project), event.model, event.billing};
        entry = &m_deltas[k];
        m_recent.remember(std::move(k), entry);
    }
    Values &v = *entry;
    const std::int64_t s = sign;
    v.events += s;
    v.add(event, sign);
    // One event's counts are bounded (ledger/eventlimits.h); their running totals are checked.
    const auto plus = [&v](std::int64_t &total, std::int64_t value) {
        if (!checkedAdd(total, value)) {
            v.overflow = true;
        }
    };
    plus(v.successes, succeeded(event) ? s * event.requests : 0);
    plus(v.retriedRequests, event.retries > 0 ? s * event.requests : 0);
    plus(v.retries, s * event.retries);
    plus(v.toolCalls, s * event.toolCalls);
    plus(v.latencySumMs, s * event.latencyMs.value_or(0));
    plus(v.latencyCount, event.latencyMs ? s : 0);
    if (sign > 0) {
        v.addedFirst = std::min(v.addedFirst, event.occurredAtMs);
        v.addedLast = std::max(v.addedLast, event.occurredAtMs);
    } else {
        v.removedFirst = std::min(v.removedFirst, event.occurredAtMs);
        v.removedLast = std::max(v.removedLast, event.occurredAtMs);
    }
}

void WorkflowDelta::merge(const WorkflowDelta &other)
{
    for (const auto &[k, o] : other.m_deltas) {
        Values &v = m_deltas[k];
        v.events += o.events;
        v += o;
        for (auto [total, value] :
             {std::pair{&v.successes, o.successes}, std::pair{&v.retriedRequests, o.retriedRequests},
              std::pair{&v.retries, o.retries}, std::pair{&v.toolCalls, o.toolCalls},
              std::pair{&v.latencySumMs, o.latencySumMs}, std::pair{&v.latencyCount, o.latencyCount}}) {
            if (!checkedAdd(*total, value)) {
                v.overflow = true;
            }
        }
        v.addedFirst = std::min(v.addedFirst, o.addedFirst);
        v.addedLast = std::max(v.addedLast, o.addedLast);
        v.removedFirst = std::min(v.removedFirst, o.removedFirst);
        v.removedLast = std::max(v.removedLast, o.removedLast);
    }
    m_recent.clear();
}

Status WorkflowDelta::applyTo(Database &db, const LocalCalendar &calendar)
{
    Statement &upsert = db.cached(
        "INSERT INTO workflow_rollups (workflow_key, workflow_id, day, source, project, model, billing, events,"
        " requests, input_uncached, cache_read, cache_write_5m, cache_write_1h, output, reasoning, cost_nano,"
        " unpriced_requests, unpriced_tokens, successes, retried_requests, retries, tool_calls, latency_sum_ms,"
        " latency_count, first_at, last_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,"
        " ?22, ?23, ?24, ?25, ?26)"
        " ON CONFLICT (workflow_key, workflow_id, day, source, project, model, billing) DO UPDATE SET"
        " events = checked_add(events, excluded.events), requests = checked_add(requests, excluded.requests),"
        " input_uncached = checked_add(input_uncached, excluded.input_uncached),"
        " cache_read = checked_add(cache_read, excluded.cache_read),"
        " cache_write_5m = checked_add(cache_write_5m, excluded.cache_write_5m),"
        " cache_write_1h = checked_add(cache_write_1h, excluded.cache_write_1h),"
        " output = checked_add(output, excluded.output), reasoning = checked_add(reasoning, excluded.reasoning),"
        " cost_nano = checked_add(cost_nano, excluded.cost_nano),"
        " unpriced_requests = checked_add(unpriced_requests, excluded.unpriced_requests),"
        " unpriced_tokens = checked_add(unpriced_tokens, excluded.unpriced_tokens),"
        " successes = checked_add(successes, excluded.successes),"
        " retried_requests = checked_add(retried_requests, excluded.retried_requests),"
        " retries = checked_add(retries, excluded.retries), tool_calls = checked_add(tool_calls, excluded.tool_calls),"
        " latency_sum_ms = checked_add(latency_sum_ms, excluded.latency_sum_ms),"
        " latency_count = checked_add(latency_count, excluded.latency_count),"
        " first_at = MIN(first_at, excluded.first_at), last_at = MAX(last_at, excluded.last_at)");
    Statement &select =
        db.cached(std::string("SELECT events, first_at, last_at FROM workflow_rollups WHERE ").append(KeyWhere));
    Statement &del = db.cached(std::string("DELETE FROM workflow_rollups WHERE ").append(KeyWhere));
    for (const auto &[k, v] : m_deltas) {
        if (v.overflow) {
            return Status::failure(
                QStringLiteral("cannot update workflow totals: a total is too large to hold in 64 bits"));
        }
        if (v.events == 0 && v.removedFirst == NoFirst) {
            continue;
        }
        upsert.reset();
        bindKey(upsert, k);
        int i = 8;
        for (const std::int64_t value :
             {v.events, v.requests, v.tokens.inputUncached, v.tokens.cacheRead, v.tokens.cacheWrite5m,
              v.tokens.cacheWrite1h, v.tokens.output, v.tokens.reasoning, v.costNano, v.unpricedRequests,
              v.unpricedTokens, v.successes, v.retriedRequests, v.retries, v.toolCalls, v.latencySumMs, v.latencyCount,
              v.addedFirst, v.addedLast}) {
            upsert.bind(i++, value);
        }
        if (!upsert.exec()) {
            return Status::failure(QStringLiteral("cannot update workflow rollups: %1").arg(db.lastError()));
        }
        if (v.removedFirst == NoFirst) {
            continue;
        }
        // Something left this row: drop it when empty, or refresh its bounds when one was removed.
        bindKey(select, k);
        if (select.step() != Statement::Step::Row) {
            select.reset();
            return Status::failure(QStringLiteral("cannot read workflow rollups: %1").arg(db.lastError()));
        }
        const std::int64_t events = select.int64(0);
        const std::int64_t first = select.int64(1);
        const std::int64_t last = select.int64(2);
        select.reset();
        if (events <= 0) {
            bindKey(del, k);
            if (!del.exec()) {
                return Status::failure(QStringLiteral("cannot update workflow rollups: %1").arg(db.lastError()));
            }
        } else if (v.removedFirst <= first || v.removedLast >= last) {
            if (auto st = recomputeBounds(db, calendar, k); !st) {
                return st;
            }
        }
    }
    clear();
    return okStatus();
}

} // namespace burnrate
