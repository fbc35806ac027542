#include "ledger/eventwriter.h"

#include "ledger/database.h"
#include "ledger/eventbinding.h"
#include "util/localcalendar.h"

#include <algorithm>

namespace burnrate {

namespace {

constexpr std::string_view InsertSql =
    "INSERT INTO events (source, source_key, occurred_at, ended_at, provider, model, conversation_id, project,"
    " workflow_id, workflow_type, agent, user_id, feature, environment, prompt_version, tags, input_uncached,"
    " cache_read, cache_write_5m, cache_write_1h, output, reasoning, requests, tool_calls, retries, latency_ms,"
    " payload_bytes, status, outcome, service_tier, reported_cost_nano, cost_nano, price_ref, billing, fingerprint)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,"
    " ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35)"
    " ON CONFLICT (source, source_key) DO NOTHING";

constexpr std::string_view UpdateSql =
    "UPDATE events SET source = ?1, source_key = ?2, occurred_at = ?3, ended_at = ?4, provider = ?5, model = ?6,"
    " conversation_id = ?7, project = ?8, workflow_id = ?9, workflow_type = ?10, agent = ?11, user_id = ?12,"
    " feature = ?13, environment = ?14, prompt_version = ?15, tags = ?16, input_uncached = ?17, cache_read = ?18,"
    " cache_write_5m = ?19, cache_write_1h = ?20, output = ?21, reasoning = ?22, requests = ?23, tool_calls = ?24,"
    " retries = ?25, latency_ms = ?26, payload_bytes = ?27, status = ?28, outcome = ?29, service_tier = ?30,"
    " reported_cost_nano = ?31, cost_nano = ?32, price_ref = ?33, billing = ?34, fingerprint = ?35 WHERE id = ?36";

// Only the columns that feed rollups are read back: the daily ones, and the conversation and workflow rollups'
// (conversation, project, workflow, status, outcome, retries, tool calls, latency), plus the key callers need.
constexpr std::string_view SelectColumns =
    "SELECT id, fingerprint, occurred_at, provider, model, billing, input_uncached, cache_read, cache_write_5m,"
    " cache_write_1h, output, reasoning, requests, cost_nano, source, source_key, conversation_id, project,"
    " workflow_id, workflow_type, status, outcome, retries, tool_calls, latency_ms"
    " FROM events WHERE ";
const std::string SelectSql = std::string(SelectColumns) + "source = ?1 AND source_key = ?2";
const std::string SelectByIdSql = std::string(SelectColumns) + "id = ?1";

// One statement for a group of new events: the statement's fixed cost (cursors opened and closed on
// the table and its indexes, the halt) is paid once per group instead of once per event.
const std::string &insertGroupSql()
{
    static const std::string Sql = [] {
        // OR IGNORE rather than ON CONFLICT DO NOTHING: no constraint of the statement can abort it
        // half-way, so SQLite needs no statement journal (a copy of every page it touches). A row it
        // skips for another constraint than the key is not found afterwards and fails the write.
        const std::string_view head = InsertSql.substr(0, InsertSql.find(" VALUES"));
        std::string sql = "INSERT OR IGNORE";
        sql += head.substr(std::string_view("INSERT").size());
        sql += " VALUES ";
        for (size_t i = 0; i < EventWriter::GroupSize; ++i) {
            sql += i == 0 ? "(" : ", (";
            for (int c = 0; c < 35; ++c) {
                sql += c == 0 ? "?" : ", ?";
            }
            sql += ")";
        }
        return sql;
    }();
    return Sql;
}

} // namespace

EventWriter::EventWriter(Database &db, LocalCalendar &calendar)
    : m_db(db)
    , m_calendar(calendar)
    , m_insert(&db.cached(InsertSql))
    , m_update(&db.cached(UpdateSql))
    , m_select(&db.cached(SelectSql))
    , m_delete(&db.cached("DELETE FROM events WHERE id = ?1"))
    , m_selectById(&db.cached(SelectByIdSql))
    , m_tx(std::make_unique<Transaction>(db))
{}

EventWriter::~EventWriter() = default;

bool EventWriter::isActive() const
{
    return m_tx && m_tx->isActive();
}

Result<EventWriter::Change> EventWriter::upsert(const EventRecord &event)
{
    return upsert(event, ReplacePolicy());
}

void EventWriter::account(const EventRecord &event, int sign)
{
    m_deltas.add(m_calendar, event, sign);
}

void EventWriter::accountInsert(const EventRecord &event)
{
    if (!m_callerAccountsInserts) {
        m_deltas.add(m_calendar, event, +1);
    }
}

Result<EventWriter::Change> EventWriter::upsert(const EventRecord &event, const ReplacePolicy &replace)
{
    if (!isActive()) {
        return Result<Change>::failure(m_tx ? m_tx->error() : QStringLiteral("the write batch is closed"));
    }
    // Insert first: new facts (the common case) cost one statement; a conflict means the fact exists.
    Statement &insert = *m_insert;
    bindEvent(insert, event);
    if (!insert.exec()) {
        return Result<Change>::failure(QStringLiteral("cannot store an event: %1").arg(m_db.lastError()));
    }
    if (m_db.changes() == 1) {
        m_lastId = m_db.lastInsertRowId();
        if (m_maxId >= 0) {
            m_maxId = std::max(m_maxId, m_lastId);
        }
        accountInsert(event);
        ++m_inserted;
        return Change::Inserted;
    }
    return upsertStored(event, replace, -1, nullptr);
}

Result<EventWriter::Change> EventWriter::upsertStored(const EventRecord &event, const ReplacePolicy &replace,
                                                      std::int64_t newAbove, std::vector<std::int64_t> *claimed)
{
    EventRecord old;
    std::int64_t id = 0;
    std::uint64_t fingerprint = 0;
    auto found = loadExisting(event.source, event.sourceKey, old, id, fingerprint);
    if (!found) {
        return Result<Change>::failure(found.error());
    }
    if (!*found) {
        return Result<Change>::failure(
            QStringLiteral("cannot store an event: the ledger refused it without saying why"));
    }
    m_lastId = id;
    if (newAbove >= 0 && id > newAbove && std::find(claimed->begin(), claimed->end(), id) == claimed->end()) {
        claimed->push_back(id); // inserted by the group statement just now, for this event
        accountInsert(event);
        ++m_inserted;
        return Change::Inserted;
    }
    if (fingerprint == event.fingerprint() || (replace && !replace(Stored{id, fingerprint, old}))) {
        ++m_unchanged;
        return Change::Unchanged;
    }
    Statement &update = *m_update;
    bindEvent(update, event);
    update.bind(36, id);
    if (!update.exec()) {
        return Result<Change>::failure(QStringLiteral("cannot update an event: %1").arg(m_db.lastError()));
    }
    account(old, -1);
    account(event, +1);
    ++m_updated;
    return Change::Updated;
}

Result<EventWriter::Change> EventWriter::upsertGroup(const EventRecord *const *events, size_t count, std::int64_t *ids,
                                                     Change *changes,
                                                     const std::function<ReplacePolicy(size_t)> &replace)
{
    if (count != GroupSize) {
        for (size_t i = 0; i < count; ++i) {
            auto change = upsert(*events[i], replace ? replace(i) : ReplacePolicy());
            if (!change) {
                return change;
            }
            ids[i] = m_lastId;
            changes[i] = *change;
        }
        return Change::Inserted;
    }
    if (!isActive()) {
        return Result<Change>::failure(m_tx ? m_tx->error() : QStringLiteral("the write batch is closed"));
    }
    if (m_maxId < 0) { // new rows get ids above the largest one: that is how they are told apart
        m_maxId = m_db.queryInt64("SELECT COALESCE(MAX(id), 0) FROM events").value_or(0);
    }
    const std::int64_t before = m_maxId;
    if (!m_insertGroup) {
        m_insertGroup = &m_db.cached(insertGroupSql());
        m_groupShadow.assign(GroupSize * 35 + 1, {}); // parameters are 1-based
    }
    Statement &insert = *m_insertGroup;
    for (size_t i = 0; i < count; ++i) {
        bindEvent(insert, *events[i], static_cast<int>(i) * 35, &m_groupShadow);
    }
    if (!insert.exec()) {
        return Result<Change>::failure(QStringLiteral("cannot store an event: %1").arg(m_db.lastError()));
    }
    const int added = m_db.changes();
    if (added > 0) {
        m_maxId = std::max(m_maxId, m_db.lastInsertRowId());
    }
    if (added == static_cast<int>(count)) { // the common case: all new, numbered in order
        const std::int64_t first = m_db.lastInsertRowId() - static_cast<std::int64_t>(count) + 1;
        for (size_t i = 0; i < count; ++i) {
            ids[i] = first + static_cast<std::int64_t>(i);
            changes[i] = Change::Inserted;
            accountInsert(*events[i]);
        }
        m_inserted += static_cast<std::int64_t>(count);
        m_lastId = ids[count - 1];
        return Change::Inserted;
    }
    // Some were already stored: find out which row each one is. A row numbered above `before` was
    // inserted by this statement, for the first event of the group with its key; a later event with
    // the same key meets that row as a stored one.
    std::vector<std::int64_t> claimed;
    for (size_t i = 0; i < count; ++i) {
        auto change = upsertStored(*events[i], replace ? replace(i) : ReplacePolicy(), before, &claimed);
        if (!change) {
            return change;
        }
        ids[i] = m_lastId;
        changes[i] = *change;
    }
    return Change::Inserted;
}

Result<bool> EventWriter::remove(const QString &source, const QString &sourceKey)
{
    if (!isActive()) {
        return Result<bool>::failure(QStringLiteral("the write batch is closed"));
    }
    EventRecord old;
    std::int64_t id = 0;
    std::uint64_t fingerprint = 0;
    auto found = loadExisting(source, sourceKey, old, id, fingerprint);
    if (!found || !*found) {
        return found;
    }
    Statement &del = *m_delete;
    del.bind(1, id);
    m_maxId = -1; // the largest id may be the one going
    if (!del.exec()) {
        return Result<bool>::failure(QStringLiteral("cannot remove an event: %1").arg(m_db.lastError()));
    }
    account(old, -1);
    return true;
}

Result<bool> EventWriter::removeId(std::int64_t id)
{
    if (!isActive()) {
        return Result<bool>::failure(QStringLiteral("the write batch is closed"));
    }
    Statement &select = *m_selectById;
    select.reset();
    select.bind(1, id);
    const Statement::Step step = select.step();
    if (step == Statement::Step::Error) {
        select.reset();
        return Result<bool>::failure(QStringLiteral("cannot read an event: %1").arg(m_db.lastError()));
    }
    if (step != Statement::Step::Row) {
        select.reset();
        return false;
    }
    EventRecord old;
    readStored(select, old);
    select.reset();
    Statement &del = *m_delete;
    del.bind(1, id);
    m_maxId = -1; // the largest id may be the one going
    if (!del.exec()) {
        return Result<bool>::failure(QStringLiteral("cannot remove an event: %1").arg(m_db.lastError()));
    }
    account(old, -1);
    return true;
}

void EventWriter::readStored(Statement &select, EventRecord &out)
{
    out.occurredAtMs = select.int64(2);
    out.provider = select.text(3);
    out.model = select.text(4);
    out.billing = select.textView(5) == "subscription" ? Billing::Subscription : Billing::Api;
    out.tokens.inputUncached = select.int64(6);
    out.tokens.cacheRead = select.int64(7);
    out.tokens.cacheWrite5m = select.int64(8);
    out.tokens.cacheWrite1h = select.int64(9);
    out.tokens.output = select.int64(10);
    out.tokens.reasoning = select.int64(11);
    out.requests = select.int64(12);
    out.costNano = select.optionalInt64(13);
    out.source = select.text(14);
    out.sourceKey = select.text(15);
    out.conversationId = select.text(16);
    out.project = select.text(17);
    out.workflowId = select.text(18);
    out.workflowType = select.text(19);
    out.status = select.text(20);
    out.outcome = select.text(21);
    out.retries = select.int64(22);
    out.toolCalls = select.int64(23);
    out.latencyMs = select.optionalInt64(24);
}

Result<bool> EventWriter::loadExisting(const QString &source, const QString &sourceKey, EventRecord &out,
                                       std::int64_t &id, std::uint64_t &fingerprint)
{
    Statement &select = *m_select;
    select.reset();
    select.bind(1, source);
    select.bind(2, sourceKey);
    Statement::Step step;
    while ((step = select.step()) == Statement::Step::Row) {
        id = select.int64(0);
        fingerprint = static_cast<std::uint64_t>(select.int64(1));
        readStored(select, out);
        select.reset();
        return true;
    }
    select.reset();
    if (step == Statement::Step::Error) {
        return Result<bool>::failure(QStringLiteral("cannot read an event: %1").arg(m_db.lastError()));
    }
    return false;
}

Status EventWriter::commit()
{
    if (!isActive()) {
        return Status::failure(m_tx ? m_tx->error() : QStringLiteral("the write batch is closed"));
    }
    if (auto st = m_deltas.applyTo(m_db, m_calendar); !st) {
        return st;
    }
    return m_tx->commit();
}

} // namespace burnrate
