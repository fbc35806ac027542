#include "pricing/repricer.h"

#include "ledger/database.h"
#include "ledger/eventwriter.h"
#include "ledger/ledger.h"
#include "pricing/pricebook.h"
#include "pricing/pricer.h"
#include "pricing/pricinglog.h"

#include <QMap>

#include <limits>
#include <memory>
#include <vector>

namespace burnrate {

namespace {

constexpr int Chunk = 5000;

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

EventRecord readEvent(const Statement &s)
{
    EventRecord e;
    int c = 1;
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

    // The writer's transaction (or a read one) holds from the count to the last write: one consistent picture.
    std::unique_ptr<EventWriter> writer;
    std::unique_ptr<ReadTransaction> read;
    if (dryRun) {
        read = std::make_unique<ReadTransaction>(db);
    } else {
        writer = std::make_unique<EventWriter>(db, m_ledger.calendar());
        if (!writer->isActive()) {
            return R::failure(
                RepriceError::failed(QStringLiteral("cannot write to the ledger: %1").arg(db.lastError())));
        }
    }
    std::int64_t total = 0;
    if (m_progress) {
        auto count = db.prepare(CountSql);
        if (!count) {
            return R::failure(RepriceError::failed(count.error()));
        }
        count->bind(1, from);
        count->bind(2, to);
        if (count->step() != Statement::Step::Row) {
            return R::failure(RepriceError::failed(db.lastError()));
        }
        total = count->int64(0);
        if (!m_progress(0, total)) {
            return R::failure(Repricer::cancelledError());
        }
    }
    auto select = db.prepare(SelectSql);
    if (!select) {
        return R::failure(RepriceError::failed(select.error()));
    }

    Pricer pricer(m_book);
    QMap<std::pair<QString, QString>, RepriceFigures> diffs;
    SumCheck sums;
    std::int64_t lastId = 0;
    std::int64_t done = 0;
    for (;;) {
        select->reset();
        select->bind(1, lastId);
        select->bind(2, from);
        select->bind(3, to);
        select->bind(4, Chunk);
        std::vector<EventRecord> changed;
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
                changed.push_back(std::move(e));
            }
        }
        if (step == Statement::Step::Error) {
            return R::failure(RepriceError::failed(db.lastError()));
        }
        select->reset();
        done += rows;
        if (writer) {
            for (const EventRecord &e : changed) {
                if (auto st = writer->upsert(e); !st) {
                    return R::failure(RepriceError::failed(QStringLiteral("%1; nothing was changed").arg(st.error())));
                }
            }
        }
        if (m_progress && !m_progress(done, std::max(total, done))) {
            return R::failure(Repricer::cancelledError());
        }
        if (rows < Chunk) {
            break;
        }
    }

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
        return R::failure(RepriceError::failed(QStringLiteral("%1; nothing was changed").arg(sums.error())));
    }
    if (writer) {
        if (auto st = writer->commit(); !st) {
            return R::failure(RepriceError::failed(QStringLiteral("%1; nothing was changed").arg(st.error())));
        }
        out.written = true;
    }
    return out;
}

} // namespace burnrate
