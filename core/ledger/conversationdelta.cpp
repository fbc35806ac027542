#include "ledger/conversationdelta.h"

#include "ledger/database.h"
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

void bindKey(Statement &s, const ConversationDelta::Key &k)
{
    s.bind(1, k.conversationId);
    s.bind(2, k.day);
    s.bind(3, k.source);
    s.bind(4, k.project);
    s.bind(5, k.model);
    s.bind(6, k.provider);
    s.bind(7, billingName(k.billing));
}

constexpr std::string_view KeyWhere = "conversation_id = ?1 AND day = ?2 AND source = ?3 AND project = ?4 AND"
                                      " model = ?5 AND provider = ?6 AND billing = ?7";

// First and last activity of one rollup row, from the events themselves.
Status recomputeBounds(Database &db, const LocalCalendar &calendar, const ConversationDelta::Key &k)
{
    // With a conversation id the partial index events_conversation finds the rows; without one, the
    // time index bounds the scan to the day.
    Statement &s = db.cached(
        k.conversationId.isEmpty()
            ? "SELECT MIN(occurred_at), MAX(occurred_at) FROM events WHERE (conversation_id IS NULL OR"
              " conversation_id = '') AND occurred_at >= ?1 AND occurred_at < ?2 AND source = ?3 AND"
              " COALESCE(project, '') = ?4 AND model = ?5 AND provider = ?6 AND billing = ?7"
            : "SELECT MIN(occurred_at), MAX(occurred_at) FROM events WHERE conversation_id = ?8 AND occurred_at >= ?1"
              " AND occurred_at < ?2 AND source = ?3 AND COALESCE(project, '') = ?4 AND model = ?5 AND provider = ?6"
              " AND billing = ?7");
    const QDate date = QDate::fromJulianDay(k.day);
    s.bind(1, calendar.startOfDayUtcMs(date));
    s.bind(2, calendar.startOfDayUtcMs(date.addDays(1)));
    s.bind(3, k.source);
    s.bind(4, k.project);
    s.bind(5, k.model);
    s.bind(6, k.provider);
    s.bind(7, billingName(k.billing));
    if (!k.conversationId.isEmpty()) {
        s.bind(8, k.conversationId);
    }
    if (s.step() != Statement::Step::Row || s.isNull(0)) {
        s.reset();
        return Status::failure(QStringLiteral("cannot recompute conversation activity: %1").arg(db.lastError()));
    }
    const std::int64_t first = s.int64(0);
    const std::int64_t last = s.int64(1);
    s.reset();
    Statement &u =
        db.cached(std::string("UPDATE conversation_rollups SET first_at = ?8, last_at = ?9 WHERE ").append(KeyWhere));
    bindKey(u, k);
    u.bind(8, first);
    u.bind(9, last);
    if (!u.exec()) {
        return Status::failure(QStringLiteral("cannot update conversation activity: %1").arg(db.lastError()));
    }
    return okStatus();
}

} // namespace

size_t ConversationDelta::KeyHash::operator()(const Key &k) const
{
    size_t h = std::hash<std::int64_t>{}(k.day);
    for (const QString *s : {&k.conversationId, &k.source, &k.project, &k.model, &k.provider}) {
        h ^= qHash(*s) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    }
    return h ^ static_cast<size_t>(k.billing);
}

void ConversationDelta::add(std::int64_t day, const EventRecord &event, int sign)
{
    const auto same = [](const QString &a, const QString &b) {
        return a.isSharedWith(b) || a == b;
    };
    Values *entry = m_recent.find([&](const Key &k) {
        return k.day == day && k.billing == event.billing && same(k.conversationId, orEmpty(event.conversationId)) &&
               same(k.model, event.model) && same(k.project, orEmpty(event.project)) && same(k.source, event.source) &&
               same(k.provider, event.provider);
    });
    if (!entry) {
        Key key{day,          orEmpty(event.conversationId),
                event.source, orEmpty(event.project),
                event.model,  event.provider,
                event.billing};
        entry = &m_deltas[key];
        m_recent.remember(std::move(key), entry);
    }
    Values &v = *entry;
    v.events += sign;
    v.add(event, sign);
    if (sign > 0) {
        v.addedFirst = std::min(v.addedFirst, event.occurredAtMs);
        v.addedLast = std::max(v.addedLast, event.occurredAtMs);
    } else {
        v.removedFirst = std::min(v.removedFirst, event.occurredAtMs);
        v.removedLast = std::max(v.removedLast, event.occurredAtMs);
    }
}

void ConversationDelta::merge(const ConversationDelta &other)
{
    for (const auto &[k, o] : other.m_deltas) {
        Values &v = m_deltas[k];
        v.events += o.events;
        v += o;
        v.addedFirst = std::min(v.addedFirst, o.addedFirst);
        v.addedLast = std::max(v.addedLast, o.addedLast);
        v.removedFirst = std::min(v.removedFirst, o.removedFirst);
        v.removedLast = std::max(v.removedLast, o.removedLast);
    }
}

Status ConversationDelta::applyTo(Database &db, const LocalCalendar &calendar)
{
    Statement &upsert = db.cached(
        "INSERT INTO conversation_rollups (conversation_id, day, source, project, model, provider, billing, events,"
        " requests, input_uncached, cache_read, cache_write_5m, cache_write_1h, output, reasoning, cost_nano,"
        " unpriced_requests, unpriced_tokens, first_at, last_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)"
        " ON CONFLICT (conversation_id, day, source, project, model, provider, billing) DO UPDATE SET"
        " events = checked_add(events, excluded.events), requests = checked_add(requests, excluded.requests),"
        " input_uncached = checked_add(input_uncached, excluded.input_uncached), cache_read = checked_add(cache_read, "
        "excluded.cache_read),"
        " cache_write_5m = checked_add(cache_write_5m, excluded.cache_write_5m),"
        " cache_write_1h = checked_add(cache_write_1h, excluded.cache_write_1h), output = checked_add(output, "
        "excluded.output),"
        " reasoning = checked_add(reasoning, excluded.reasoning), cost_nano = checked_add(cost_nano, "
        "excluded.cost_nano),"
        " unpriced_requests = checked_add(unpriced_requests, excluded.unpriced_requests),"
        " unpriced_tokens = checked_add(unpriced_tokens, excluded.unpriced_tokens),"
        " first_at = MIN(first_at, excluded.first_at), last_at = MAX(last_at, excluded.last_at)");
    Statement &select =
        db.cached(std::string("SELECT events, first_at, last_at FROM conversation_rollups WHERE ").append(KeyWhere));
    Statement &del = db.cached(std::string("DELETE FROM conversation_rollups WHERE ").append(KeyWhere));
    for (const auto &[k, v] : m_deltas) {
        if (v.overflow) {
            return Status::failure(
                QStringLiteral("cannot update conversation totals: a total is too large to hold in 64 bits"));
        }
        if (v.events == 0 && v.removedFirst == NoFirst) {
            continue;
        }
        upsert.reset();
        bindKey(upsert, k);
        upsert.bind(8, v.events);
        upsert.bind(9, v.requests);
        upsert.bind(10, v.tokens.inputUncached);
        upsert.bind(11, v.tokens.cacheRead);
        upsert.bind(12, v.tokens.cacheWrite5m);
        upsert.bind(13, v.tokens.cacheWrite1h);
        upsert.bind(14, v.tokens.output);
        upsert.bind(15, v.tokens.reasoning);
        upsert.bind(16, v.costNano);
        upsert.bind(17, v.unpricedRequests);
        upsert.bind(18, v.unpricedTokens);
        upsert.bind(19, v.addedFirst);
        upsert.bind(20, v.addedLast);
        if (!upsert.exec()) {
            return Status::failure(QStringLiteral("cannot update conversation rollups: %1").arg(db.lastError()));
        }
        if (v.removedFirst == NoFirst) {
            continue;
        }
        // Something left this row: drop it when empty, or refresh its bounds when one was removed.
        bindKey(select, k);
        if (select.step() != Statement::Step::Row) {
            select.reset();
            return Status::failure(QStringLiteral("cannot read conversation rollups: %1").arg(db.lastError()));
        }
        const std::int64_t events = select.int64(0);
        const std::int64_t first = select.int64(1);
        const std::int64_t last = select.int64(2);
        select.reset();
        if (events <= 0) {
            bindKey(del, k);
            if (!del.exec()) {
                return Status::failure(QStringLiteral("cannot update conversation rollups: %1").arg(db.lastError()));
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
