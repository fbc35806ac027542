#include "pricing/repricer.h"

#include "ledger/database.h"
#include "ledger/eventwriter.h"
#include "ledger/ledger.h"
#include "pricing/pricebook.h"
#include "pricing/pricer.h"
#include "pricing/pricinglog.h"

#include <QDir>
#include <QLockFile>
#include <QMap>

#include <limits>
#include <memory>
#include <vector>

namespace burnrate {

namespace {

// Events read, priced and (when changed) written per transaction: short enough that other writers get the lock
// between chunks.
constexpr int Chunk = 5000;
// Undo rows put back or forgotten per transaction.
constexpr int UndoChunk = 5000;
// The meta key that says a re-pricing began and has not finished; its value is the price book's id.
const QString PendingKey = QStringLiteral("reprice_pending");

constexpr std::string_view RememberSql =
    "INSERT INTO reprice_undo (event_id, cost_nano, price_ref) VALUES (?1, ?2, ?3) ON CONFLICT (event_id) DO NOTHING";

constexpr std::string_view CountSql = "SELECT count(*) FROM events WHERE occurred_at >= ?1 AND occurred_at < ?2";

constexpr std::string_view SelectSql =
    "SELECT id, source, source_key, occurred_at, ended_at, provider, model, conversation_id, project, workflow_id,"
    " workflow_type, agent, user_id, feature, environment, prompt_version, tags, input_uncached, cache_read,"
    " cache_write_5m, cache_write_1h, output, reasoning, requests, tool_calls, retries, latency_ms, payload_bytes,"
    " status, outcome, service_tier, reported_cost_nano, cost_nano, price_ref, billing FROM events"
    " WHERE id > ?1 AND occurred_at >= ?2 AND occurred_at < ?3 ORDER BY id LIMIT ?4";

QString dateText(const std::optional<QDate> &date)
{
    return date ? date->toString(Qt::ISODate) : QStringLiteral("…");
}

// The event's columns from `first` on (SelectSql's order, after the id).
EventRecord readEvent(const Statement &s, int first = 1)
{
    EventRecord e;
    int c = first;
    e.source = s.text(c++);
    e.sourceKey = s.text(c++);
    e.occurredAtMs = s.int64(c++);
    e.endedAtMs = s.optionalInt64(c++);
    for (QString *t : {&e.provider, &e.model, &e.conversationId, &e.project, &e.workflowId, &e.workflowType, &e.agent,
                       &e.userId, &e.feature, &e.environment, &e.promptVersion, &e.tagsJson}) {
        *t = s.text(c++);
    }
    for (std::int64_t *n :
         {&e.tokens.inputUncached, &e.tokens.cacheRead, &e.tokens.cacheWrite5m, &e.tokens.cacheWrite1h,
          &e.tokens.output, &e.tokens.reasoning, &e.requests, &e.toolCalls, &e.retries}) {
        *n = s.int64(c++);
    }
    e.latencyMs = s.optionalInt64(c++);
    e.payloadBytes = s.optionalInt64(c++);
    e.status = s.text(c++);
    e.outcome = s.text(c++);
    e.serviceTier = s.text(c++);
    e.reportedCostNano = s.optionalInt64(c++);
    e.costNano = s.optionalInt64(c++);
    e.priceRef = s.text(c++);
    e.billing = s.textView(c) == "subscription" ? Billing::Subscription : Billing::Api;
    return e;
}

constexpr std::string_view UndoSelectSql =
    "SELECT u.event_id, u.cost_nano, u.price_ref, e.source, e.source_key, e.occurred_at, e.ended_at, e.provider,"
    " e.model, e.conversation_id, e.project, e.workflow_id, e.workflow_type, e.agent, e.user_id, e.feature,"
    " e.environment, e.prompt_version, e.tags, e.input_uncached, e.cache_read, e.cache_write_5m, e.cache_write_1h,"
    " e.output, e.reasoning, e.requests, e.tool_calls, e.retries, e.latency_ms, e.payload_bytes, e.status,"
    " e.outcome, e.service_tier, e.reported_cost_nano, e.cost_nano, e.price_ref, e.billing"
    " FROM reprice_undo u JOIN events e ON e.id = u.event_id WHERE u.event_id > ?1 ORDER BY u.event_id LIMIT ?2";

// Only one re-pricing of a data folder runs at a time: a lock file beside the ledger, which a killed process
// leaves stale (Qt recognises it by its process id) rather than held.
class RunLock
{
public:
    explicit RunLock(const Ledger &ledger)
        : m_file(QDir(ledger.dataDir()).filePath(QStringLiteral("reprice.lock")))
    {
        m_file.setStaleLockTime(0); // a long run is not stale; a dead process's lock is
    }
    bool tryLock() { return m_file.tryLock(0); }

private:
    QLockFile m_file;
};

// Forgets the undo rows of a finished run, a chunk per transaction.
Status clearUndo(Database &db)
{
    for (;;) {
        Transaction tx(db);
        if (!tx.isActive()) {
            return Status::failure(tx.error());
        }
        if (auto st = db.exec("DELETE FROM reprice_undo WHERE event_id IN"
                              " (SELECT event_id FROM reprice_undo ORDER BY event_id LIMIT " +
                              std::to_string(UndoChunk) + ")");
            !st) {
            return st;
        }
        const int removed = db.changes();
        if (auto st = tx.commit(); !st) {
            return st;
        }
        if (removed < UndoChunk) {
            return okStatus();
        }
    }
}

// Puts back the cost and price_ref of every event an unfinished run changed, with their rollups, a chunk per
// transaction, then forgets the run. Interrupted itself, it goes on where it stopped the next time.
Status undoRun(Ledger &ledger)
{
    Database &db = ledger.db();
    std::int64_t lastId = 0;
    for (;;) {
        EventWriter writer(db, ledger.calendar());
        if (!writer.isActive()) {
            return Status::failure(db.lastError());
        }
        Statement &select = db.cached(UndoSelectSql);
        select.bind(1, lastId);
        select.bind(2, UndoChunk);
        std::vector<EventRecord> restored;
        Statement::Step step;
        while ((step = select.step()) == Statement::Step::Row) {
            lastId = select.int64(0);
            EventRecord e = readEvent(select, 3);
            e.costNano = select.optionalInt64(1);
            e.priceRef = select.text(2);
            restored.push_back(std::move(e));
        }
        select.reset();
        if (step == Statement::Step::Error) {
            return Status::failure(db.lastError());
        }
        for (const EventRecord &e : restored) {
            if (auto st = writer.upsert(e); !st) {
                return Status::failure(st.error());
            }
        }
        if (auto st = db.exec("DELETE FROM reprice_undo WHERE event_id <= " + std::to_string(lastId)); !st) {
            return st;
        }
        const bool last = static_cast<int>(restored.size()) < UndoChunk;
        if (last) {
            // Rows of events deleted meanwhile, and the mark of the run, go with the last chunk.
            if (auto st = db.exec("DELETE FROM reprice_undo"); !st) {
                return st;
            }
            if (auto st = ledger.removeMeta(PendingKey); !st) {
                return st;
            }
        }
        if (auto st = writer.commit(); !st) {
            return st;
        }
        if (last) {
            return okStatus();
        }
    }
}

// A dry run reads one snapshot of the ledger and writes nothing: a read transaction, always rolled back.
class ReadTransaction
{
public:
    explicit ReadTransaction(Database &db)
        : m_db(db)
        , m_active(db.exec("BEGIN").ok())
    {}
    ~ReadTransaction()
    {
        if (m_active) {
            (void)m_db.exec("ROLLBACK");
        }
    }
    ReadTransaction(const ReadTransaction &) = delete;
    ReadTransaction &operator=(const ReadTransaction &) = delete;

private:
    Database &m_db;
    bool m_active;
};

} // namespace

void RepriceFigures::add(const RepriceFigures &o, SumCheck &sums)
{
    sums.add(events, o.events, "events");
    sums.add(changed, o.changed, "changed events");
    sums.add(beforeNano, o.beforeNano, "cost before in nano-USD");
    sums.add(afterNano, o.afterNano, "cost after in nano-USD");
    sums.add(unpricedBefore, o.unpricedBefore, "unpriced events before");
    sums.add(unpricedAfter, o.unpricedAfter, "unpriced events after");
}

Repricer::Repricer(Ledger &ledger, const PriceBook &book)
    : m_ledger(ledger)
    , m_book(book)
{}

RepriceResult Repricer::run(const RepriceRange &range, bool dryRun)
{
    qCDebug(lcPricing).noquote() << QStringLiteral("repricing %1 to %2 with price book %3%4")
                                        .arg(dateText(range.since), dateText(range.until), m_book.id(),
                                             dryRun ? QStringLiteral(" (dry run)") : QString());
    RepriceResult result = reprice(range, dryRun);
    if (result) {
        qCDebug(lcPricing).noquote() << QStringLiteral("repriced: %1 events, %2 changed, %3")
                                            .arg(QString::number(result->total.events),
                                                 QString::number(result->total.changed),
                                                 result->written ? QStringLiteral("written")
                                                                 : QStringLiteral("nothing written"));
    } else {
        qCDebug(lcPricing).noquote() << "repricing stopped, nothing changed:" << result.error().message;
    }
    return result;
}

RepriceResult Repricer::reprice(const RepriceRange &range, bool dryRun)
{
    using R = RepriceResult;
    Database &db = m_ledger.db();
    const LocalCalendar &cal = m_ledger.calendar();
    const std::int64_t from =
        range.since ? cal.startOfDayUtcMs(*range.since) : std::numeric_limits<std::int64_t>::min();
    const std::int64_t to =
        range.until ? cal.startOfDayUtcMs(range.until->addDays(1)) : std::numeric_limits<std::int64_t>::max();

    // A dry run reads one snapshot. A real run commits chunk by chunk, so that other writers are never kept waiting
    // long, and keeps its all-or-nothing through the undo journal: a cancel, a failure or (at the next open) a killed
    // run puts every changed event back as it was.
    std::unique_ptr<ReadTransaction> read;
    std::optional<RunLock> lock;
    if (dryRun) {
        read = std::make_unique<ReadTransaction>(db);
    } else {
        lock.emplace(m_ledger);
        if (!lock->tryLock()) {
            return R::failure(RepriceError::failed(
                QStringLiteral("another re-pricing of this ledger is running; try again when it has finished")));
        }
        if (auto st = recoverLocked(); !st) {
            return R::failure(RepriceError::failed(QStringLiteral("cannot write to the ledger: %1").arg(st.error())));
        }
        if (auto st = m_ledger.setMeta(PendingKey, m_book.id()); !st) {
            return R::failure(RepriceError::failed(QStringLiteral("cannot write to the ledger: %1").arg(st.error())));
        }
    }
    // The open chunk's writer, if any; whatever stops a real run rolls it back and undoes what earlier chunks wrote.
    std::unique_ptr<EventWriter> writer;
    const auto stop = [&](RepriceError error) {
        writer.reset();
        if (!dryRun) {
            if (auto st = undoRun(m_ledger); !st) {
                error.message = QStringLiteral("%1 (undoing the changes failed: %2; they are undone the next time "
                                               "the ledger is opened)")
                                    .arg(error.message, st.error());
            }
        }
        return R::failure(std::move(error));
    };
    std::int64_t total = 0;
    if (m_progress) {
        auto count = db.prepare(CountSql);
        if (!count) {
            return R::failure(RepriceError::failed(count.error()));
        }
        count->bind(1, from);
        count->bind(2, to);
        if (count->step() != Statement::Step::Row) {
            return stop(RepriceError::failed(db.lastError()));
        }
        total = count->int64(0);
        if (!m_progress(0, total)) {
            return stop(Repricer::cancelledError());
        }
    }
    auto select = db.prepare(SelectSql);
    if (!select) {
        return stop(RepriceError::failed(select.error()));
    }

    Pricer pricer(m_book);
    QMap<std::pair<QString, QString>, RepriceFigures> diffs;
    SumCheck sums;
    std::int64_t lastId = 0;
    std::int64_t done = 0;
    for (;;) {
        writer.reset();
        if (!dryRun) {
            writer = std::make_unique<EventWriter>(db, m_ledger.calendar());
            if (!writer->isActive()) {
                return stop(RepriceError::failed(QStringLiteral("cannot write to the ledger: %1").arg(db.lastError())));
            }
        }
        select->reset();
        select->bind(1, lastId);
        select->bind(2, from);
        select->bind(3, to);
        select->bind(4, Chunk);
        // Each changed event with the id, cost and price_ref it had: what the undo journal keeps.
        struct Changed
        {
            EventRecord event;
            std::int64_t id;
            std::optional<std::int64_t> costBefore;
            QString refBefore;
        };
        std::vector<Changed> changed;
        int rows = 0;
        Statement::Step step;
        while ((step = select->step()) == Statement::Step::Row) {
            ++rows;
            lastId = select->int64(0);
            EventRecord e = readEvent(*select);
            const std::optional<std::int64_t> costBefore = e.costNano;
            const QString refBefore = e.priceRef;
            pricer.priceEvent(e);
            RepriceFigures &d = diffs[{e.model, e.provider}];
            ++d.events; // one per event read: never near 64 bits
            sums.add(d.beforeNano, costBefore.value_or(0), "cost before in nano-USD");
            sums.add(d.afterNano, e.costNano.value_or(0), "cost after in nano-USD");
            d.unpricedBefore += costBefore ? 0 : 1;
            d.unpricedAfter += e.costNano ? 0 : 1;
            if (e.costNano != costBefore || e.priceRef != refBefore) {
                ++d.changed;
                changed.push_back({std::move(e), lastId, costBefore, refBefore});
            }
        }
        if (step == Statement::Step::Error) {
            return stop(RepriceError::failed(db.lastError()));
        }
        select->reset();
        done += rows;
        if (!sums.ok()) {
            return stop(RepriceError::failed(QStringLiteral("%1; nothing was changed").arg(sums.error())));
        }
        if (writer) {
            for (const Changed &c : changed) {
                Statement &remember = db.cached(RememberSql);
                remember.bind(1, c.id);
                remember.bind(2, c.costBefore);
                remember.bind(3, c.refBefore);
                if (!remember.exec()) {
                    return stop(RepriceError::failed(QStringLiteral("%1; nothing was changed").arg(db.lastError())));
                }
                if (auto st = writer->upsert(c.event); !st) {
                    return stop(RepriceError::failed(QStringLiteral("%1; nothing was changed").arg(st.error())));
                }
            }
            if (auto st = writer->commit(); !st) {
                return stop(RepriceError::failed(QStringLiteral("%1; nothing was changed").arg(st.error())));
            }
        }
        if (m_progress && !m_progress(done, std::max(total, done))) {
            return stop(Repricer::cancelledError());
        }
        if (rows < Chunk) {
            break;
        }
    }

    writer.reset();

    RepriceOutcome out;
    out.bookId = m_book.id();
    for (auto it = diffs.cbegin(); it != diffs.cend(); ++it) {
        out.rows.append({it.key().first, it.key().second, it.value()});
        out.total.add(it.value(), sums);
    }
    // What differenceNano() gives, for every row and the total, must fit too.
    const auto checkDifference = [&sums](const RepriceFigures &f) {
        std::int64_t difference = 0;
        if (qSubOverflow(f.afterNano, f.beforeNano, &difference)) {
            sums.fail("difference in nano-USD");
        }
    };
    for (const RepriceRow &row : std::as_const(out.rows)) {
        checkDifference(row.figures);
    }
    checkDifference(out.total);
    if (!sums.ok()) {
        return stop(RepriceError::failed(QStringLiteral("%1; nothing was changed").arg(sums.error())));
    }
    if (!dryRun) {
        // The run is complete once its mark is gone; its undo rows are then only clutter, cleared in chunks.
        if (auto st = m_ledger.removeMeta(PendingKey); !st) {
            return stop(RepriceError::failed(QStringLiteral("%1; nothing was changed").arg(st.error())));
        }
        if (auto st = clearUndo(db); !st) {
            qCDebug(lcPricing).noquote() << "the re-pricing's undo rows stay until the next run:" << st.error();
        }
        out.written = true;
    }
    return out;
}

Status Repricer::recoverLocked()
{
    if (m_ledger.meta(PendingKey).isEmpty()) {
        // Leftovers of a run that finished but was stopped while clearing them.
        return clearUndo(m_ledger.db());
    }
    qCDebug(lcPricing).noquote() << "undoing an unfinished re-pricing with" << m_ledger.meta(PendingKey);
    return undoRun(m_ledger);
}

Status Repricer::recoverInterrupted(Ledger &ledger)
{
    if (ledger.meta(PendingKey).isEmpty()) {
        return okStatus();
    }
    RunLock lock(ledger);
    if (!lock.tryLock()) {
        return okStatus(); // the run is alive in another process
    }
    qCDebug(lcPricing).noquote() << "undoing an interrupted re-pricing with" << ledger.meta(PendingKey);
    return undoRun(ledger);
}

} // namespace burnrate
