#include "providers/syncstore.h"

#include "ledger/database.h"
#include "providers/bucketpage.h"
#include "providers/syncbounds.h"
#include "util/checkedsum.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace burnrate {

namespace {

QString extraJson(const QMap<QString, std::int64_t> &extra)
{
    if (extra.isEmpty()) {
        return QString();
    }
    QJsonObject o;
    for (auto it = extra.cbegin(); it != extra.cend(); ++it) {
        o.insert(it.key(), static_cast<qint64>(it.value()));
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// The first row of the window beyond the bounds, said with its position ("row 3: model is … long").
template <typename Row>
std::optional<QString> firstOutOfBounds(const QList<Row> &rows)
{
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (auto why = outOfBounds(rows.at(i))) {
            return QStringLiteral("row %1: %2").arg(i + 1).arg(*why);
        }
    }
    return std::nullopt;
}

void bindOptional(Statement &s, int index, const std::optional<std::int64_t> &v)
{
    s.bind(index, v);
}

constexpr std::int64_t MsPerDay = 86'400'000;
// The longest stretch written in one transaction: a 90-day backfill of a large organisation (tens of thousands of
// billed rows) held the write lock some 400 ms in one piece; in slices of two weeks each stays well under 250 ms.
constexpr std::int64_t SliceMs = 14 * MsPerDay;

// The first sum of rows sharing a key that does not fit 64 bits, over the whole window, or nothing.
std::optional<QString> overflowingSums(const EndpointWindow &w)
{
    SumCheck sums;
    QHash<QString, UsageBucket> usage;
    for (const UsageBucket &b : w.usage) {
        const QString key = b.account + QChar(0x1e) + b.naturalKey();
        if (auto it = usage.find(key); it != usage.end()) {
            it->add(b, sums);
        } else {
            usage.insert(key, b);
        }
    }
    QHash<QString, std::int64_t> billed;
    for (const BilledCost &c : w.billed) {
        const QString key = c.account + QChar(0x1e) + c.naturalKey();
        if (auto it = billed.find(key); it != billed.end()) {
            sums.add(*it, c.amountNano, "billed cost in nano-USD");
        } else {
            billed.insert(key, c.amountNano);
        }
    }
    return sums.ok() ? std::nullopt : std::optional<QString>(sums.error());
}

} // namespace

SyncStore::SyncStore(Database &db, UsagePricer pricer)
    : m_db(db)
    , m_pricer(std::move(pricer))
{}

Result<SyncStore::Written> SyncStore::commit(const EndpointWindow &w, std::int64_t nowMs)
{
    using R = Result<Written>;
    // A page beyond the bounds is refused before anything is written.
    const std::optional<QString> refused = w.kind == EndpointWindow::Kind::Usage    ? firstOutOfBounds(w.usage)
                                           : w.kind == EndpointWindow::Kind::Billed ? firstOutOfBounds(w.billed)
                                                                                    : firstOutOfBounds(w.balances);
    if (refused) {
        return R::failure(
            QStringLiteral("the provider sent a row beyond Burnrate's limits (%1); nothing of this window was written")
                .arg(*refused));
    }
    if (w.kind == EndpointWindow::Kind::Balance || w.untilMs - w.fromMs <= SliceMs) {
        return commitSlice(w, nowMs);
    }
    // So are rows that share a key and do not add up: checked over the whole window before the first slice.
    if (auto overflow = overflowingSums(w)) {
        return R::failure(QStringLiteral("%1; nothing of this window was written").arg(*overflow));
    }
    Written total;
    for (std::int64_t from = w.fromMs; from < w.untilMs;) {
        const std::int64_t until = std::min(w.untilMs, (from / MsPerDay) * MsPerDay + SliceMs);
        EndpointWindow slice;
        slice.provider = w.provider;
        slice.endpoint = w.endpoint;
        slice.kind = w.kind;
        slice.fromMs = from;
        slice.untilMs = until;
        slice.requests = w.requests;
        slice.pages = w.pages;
        const QDate first = utcDateOf(from);
        const QDate last = utcDateOf(until - 1);
        for (const UsageBucket &b : w.usage) {
            if (b.startMs >= from && b.startMs < until) {
                slice.usage.append(b);
            }
        }
        for (const BilledCost &c : w.billed) {
            if (c.day.isValid() && c.day >= first && c.day <= last) {
                slice.billed.append(c);
            }
        }
        auto written = commitSlice(slice, nowMs);
        if (!written) {
            return from == w.fromMs ? written
                                    : R::failure(QStringLiteral("%1 (stored up to %2; the next sync fetches the rest)")
                                                     .arg(written.error(), first.toString(Qt::ISODate)));
        }
        total.rows += written->rows;
        from = until;
    }
    // Rows outside the whole window: in no slice.
    for (const UsageBucket &b : w.usage) {
        total.dropped += b.startMs < w.fromMs || b.startMs >= w.untilMs ? 1 : 0;
    }
    const QDate windowFirst = utcDateOf(w.fromMs);
    const QDate windowLast = utcDateOf(w.untilMs - 1);
    for (const BilledCost &c : w.billed) {
        total.dropped += !c.day.isValid() || c.day < windowFirst || c.day > windowLast ? 1 : 0;
    }
    return total;
}

Result<SyncStore::Written> SyncStore::commitSlice(const EndpointWindow &w, std::int64_t nowMs)
{
    using R = Result<Written>;
    Transaction tx(m_db);
    if (!tx.isActive()) {
        return R::failure(tx.error());
    }
    Written written;
    Status st = okStatus();
    switch (w.kind) {
    case EndpointWindow::Kind::Usage:
        st = writeUsage(w, nowMs, written);
        break;
    case EndpointWindow::Kind::Billed:
        st = writeBilled(w, nowMs, written);
        break;
    case EndpointWindow::Kind::Balance:
        st = writeBalances(w, written);
        break;
    }
    if (st && w.kind != EndpointWindow::Kind::Balance && w.untilMs > w.fromMs) {
        st = mergeCoverage(w.provider, w.endpoint, w.fromMs, w.untilMs);
    }
    if (st) {
        st = markSuccess(w, nowMs);
    }
    if (!st) {
        return R::failure(st.error());
    }
    if (auto c = tx.commit(); !c) {
        return R::failure(c.error());
    }
    return written;
}

Status SyncStore::writeUsage(const EndpointWindow &w, std::int64_t nowMs, Written &written)
{
    Statement &del =
        m_db.cached("DELETE FROM usage_buckets WHERE provider = ?1 AND bucket_start >= ?2 AND bucket_start < ?3");
    QHash<QString, qsizetype> index;
    index.reserve(w.usage.size());
    QList<UsageBucket> rows;
    rows.reserve(w.usage.size());
    SumCheck sums;
    for (const UsageBucket &b : w.usage) {
        if (b.startMs < w.fromMs || b.startMs >= w.untilMs) {
            ++written.dropped;
            continue;
        }
        const QString key = b.account + QChar(0x1e) + b.naturalKey();
        if (auto it = index.constFind(key); it != index.constEnd()) {
            rows[*it].add(b, sums);
        } else {
            index.insert(key, rows.size());
            rows.append(b);
        }
    }
    if (!sums.ok()) {
        return Status::failure(QStringLiteral("%1; nothing of this window was written").arg(sums.error()));
    }
    del.bind(1, w.provider);
    del.bind(2, w.fromMs);
    del.bind(3, w.untilMs);
    if (!del.exec()) {
        return Status::failure(m_db.lastError());
    }
    Statement &ins = m_db.cached(
        "INSERT INTO usage_buckets (provider, account, bucket_start, bucket_width, model, project, api_key, workspace,"
        " service_tier, batch, context_window, input_uncached, cache_read, cache_write_5m, cache_write_1h, output,"
        " reasoning, requests, web_searches, cost_nano, price_ref, bucket_end, extra, synced_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,"
        " ?23, ?24)");
    for (const UsageBucket &b : std::as_const(rows)) {
        QString priceRef;
        const std::optional<std::int64_t> cost = m_pricer ? m_pricer(b, &priceRef) : std::nullopt;
        const auto text = [](const QString &s) {
            return s.isNull() ? QStringLiteral("") : s;
        };
        ins.reset();
        ins.bind(1, w.provider);
        ins.bind(2, text(b.account));
        ins.bind(3, b.startMs);
        ins.bind(4, b.width);
        ins.bind(5, text(b.model));
        ins.bind(6, text(b.project));
        ins.bind(7, text(b.apiKey));
        ins.bind(8, text(b.workspace));
        ins.bind(9, text(b.serviceTier));
        ins.bind(10, b.batch ? 1 : 0);
        ins.bind(11, text(b.contextWindow));
        ins.bind(12, b.tokens.inputUncached);
        ins.bind(13, b.tokens.cacheRead);
        ins.bind(14, b.tokens.cacheWrite5m);
        ins.bind(15, b.tokens.cacheWrite1h);
        ins.bind(16, b.tokens.output);
        ins.bind(17, b.tokens.reasoning);
        ins.bind(18, b.requests);
        ins.bind(19, b.webSearches);
        bindOptional(ins, 20, cost);
        ins.bind(21, cost ? priceRef : QString());
        ins.bind(22, b.endMs);
        ins.bind(23, extraJson(b.extra));
        ins.bind(24, nowMs);
        if (!ins.exec()) {
            return Status::failure(m_db.lastError());
        }
        ++written.rows;
    }
    return okStatus();
}

Status SyncStore::writeBilled(const EndpointWindow &w, std::int64_t nowMs, Written &written)
{
    const QDate first = utcDateOf(w.fromMs);
    const QDate last = utcDateOf(w.untilMs - 1);
    QHash<QString, qsizetype> index;
    QList<BilledCost> rows;
    SumCheck sums;
    for (const BilledCost &c : w.billed) {
        if (!c.day.isValid() || c.day < first || c.day > last) {
            ++written.dropped;
            continue;
        }
        const QString key = c.account + QChar(0x1e) + c.naturalKey();
        if (auto it = index.constFind(key); it != index.constEnd()) {
            sums.add(rows[*it].amountNano, c.amountNano, "billed cost in nano-USD");
        } else {
            index.insert(key, rows.size());
            rows.append(c);
        }
    }
    if (!sums.ok()) {
        return Status::failure(QStringLiteral("%1; nothing of this window was written").arg(sums.error()));
    }
    Statement &del = m_db.cached("DELETE FROM billed_costs WHERE provider = ?1 AND day >= ?2 AND day <= ?3");
    del.bind(1, w.provider);
    del.bind(2, first.toString(Qt::ISODate));
    del.bind(3, last.toString(Qt::ISODate));
    if (!del.exec()) {
        return Status::failure(m_db.lastError());
    }
    Statement &ins = m_db.cached("INSERT INTO billed_costs (provider, account, day, project, line_item, api_key, model,"
                                 " detail, amount_nano, synced_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    for (const BilledCost &c : std::as_const(rows)) {
        const auto text = [](const QString &s) {
            return s.isNull() ? QStringLiteral("") : s;
        };
        ins.reset();
        ins.bind(1, w.provider);
        ins.bind(2, text(c.account));
        ins.bind(3, c.day.toString(Qt::ISODate));
        ins.bind(4, text(c.project));
        ins.bind(5, text(c.lineItem));
        ins.bind(6, text(c.apiKey));
        ins.bind(7, text(c.model));
        ins.bind(8, text(c.detail));
        ins.bind(9, c.amountNano);
        ins.bind(10, nowMs);
        if (!ins.exec()) {
            return Status::failure(m_db.lastError());
        }
        ++written.rows;
    }
    return okStatus();
}

Status SyncStore::writeBalances(const EndpointWindow &w, Written &written)
{
    Statement &ins = m_db.cached(
        "INSERT INTO balances (provider, account, source, currency, at, credit_nano, used_nano, used_today_nano,"
        " granted_nano, topped_up_nano) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        " ON CONFLICT (provider, account, source, currency, at) DO UPDATE SET credit_nano = excluded.credit_nano,"
        " used_nano = excluded.used_nano, used_today_nano = excluded.used_today_nano,"
        " granted_nano = excluded.granted_nano, topped_up_nano = excluded.topped_up_nano");
    for (const BalanceSnapshot &s : w.balances) {
        ins.reset();
        ins.bind(1, w.provider);
        ins.bind(2, s.account.isNull() ? QStringLiteral("") : s.account);
        ins.bind(3, s.source);
        ins.bind(4, s.currency);
        ins.bind(5, s.atMs);
        ins.bind(6, s.creditNano);
        ins.bind(7, s.usedNano);
        ins.bind(8, s.usedTodayNano);
        ins.bind(9, s.grantedNano);
        ins.bind(10, s.toppedUpNano);
        if (!ins.exec()) {
            return Status::failure(m_db.lastError());
        }
        ++written.rows;
    }
    return okStatus();
}

Status SyncStore::mergeCoverage(const QString &provider, const QString &endpoint, std::int64_t from, std::int64_t until)
{
    Statement &touching = m_db.cached("SELECT MIN(from_ms), MAX(until_ms) FROM sync_coverage WHERE provider = ?1"
                                      " AND endpoint = ?2 AND from_ms <= ?4 AND until_ms >= ?3");
    touching.bind(1, provider);
    touching.bind(2, endpoint);
    touching.bind(3, from);
    touching.bind(4, until);
    if (touching.step() == Statement::Step::Row && !touching.isNull(0)) {
        from = std::min(from, touching.int64(0));
        until = std::max(until, touching.int64(1));
    }
    touching.reset();
    Statement &del = m_db.cached("DELETE FROM sync_coverage WHERE provider = ?1 AND endpoint = ?2 AND from_ms <= ?4"
                                 " AND until_ms >= ?3");
    del.bind(1, provider);
    del.bind(2, endpoint);
    del.bind(3, from);
    del.bind(4, until);
    if (!del.exec()) {
        return Status::failure(m_db.lastError());
    }
    Statement &ins = m_db.cached("INSERT INTO sync_coverage (provider, endpoint, from_ms, until_ms) VALUES (?1, ?2, ?3,"
                                 " ?4)");
    ins.bind(1, provider);
    ins.bind(2, endpoint);
    ins.bind(3, from);
    ins.bind(4, until);
    return ins.exec() ? okStatus() : Status::failure(m_db.lastError());
}

Status SyncStore::markSuccess(const EndpointWindow &w, std::int64_t nowMs)
{
    Statement &s = m_db.cached(
        "INSERT INTO sync_state (provider, endpoint, covered_from, covered_until, last_success, last_attempt,"
        " last_error, failures, retry_after) VALUES (?1, ?2, ?3, ?4, ?5, ?5, NULL, 0, NULL)"
        " ON CONFLICT (provider, endpoint) DO UPDATE SET"
        " covered_from = MIN(COALESCE(covered_from, excluded.covered_from), excluded.covered_from),"
        " covered_until = MAX(COALESCE(covered_until, excluded.covered_until), excluded.covered_until),"
        " last_success = excluded.last_success, last_attempt = excluded.last_attempt, last_error = NULL,"
        " failures = 0, retry_after = NULL");
    s.bind(1, w.provider);
    s.bind(2, w.endpoint);
    s.bind(3, w.fromMs);
    s.bind(4, w.untilMs);
    s.bind(5, nowMs);
    return s.exec() ? okStatus() : Status::failure(m_db.lastError());
}

Status SyncStore::recordFailure(const QString &provider, const QString &endpoint, std::int64_t nowMs,
                                const QString &message, std::int64_t retryAfterMs)
{
    Statement &s = m_db.cached("INSERT INTO sync_state (provider, endpoint, last_attempt, last_error, failures,"
                               " retry_after) VALUES (?1, ?2, ?3, ?4, 1, ?5)"
                               " ON CONFLICT (provider, endpoint) DO UPDATE SET last_attempt = excluded.last_attempt,"
                               " last_error = excluded.last_error, failures = failures + 1,"
                               " retry_after = excluded.retry_after");
    s.bind(1, provider);
    s.bind(2, endpoint);
    s.bind(3, nowMs);
    s.bind(4, message);
    s.bind(5, retryAfterMs >= 0 ? std::optional<std::int64_t>(nowMs + retryAfterMs) : std::nullopt);
    return s.exec() ? okStatus() : Status::failure(m_db.lastError());
}

Status SyncStore::setNextDue(const QString &provider, const QString &endpoint, std::int64_t nextDueMs)
{
    Statement &s = m_db.cached("UPDATE sync_state SET next_due = ?3 WHERE provider = ?1 AND endpoint = ?2");
    s.bind(1, provider);
    s.bind(2, endpoint);
    s.bind(3, nextDueMs);
    return s.exec() ? okStatus() : Status::failure(m_db.lastError());
}

QList<SyncState> SyncStore::states()
{
    QList<SyncState> out;
    auto s = m_db.prepare("SELECT provider, endpoint, covered_from, covered_until, last_success, last_attempt,"
                          " last_error, next_due, failures, retry_after FROM sync_state ORDER BY provider, endpoint");
    if (!s) {
        return out;
    }
    while (s->step() == Statement::Step::Row) {
        SyncState st;
        st.provider = s->text(0);
        st.endpoint = s->text(1);
        st.coveredFrom = s->optionalInt64(2);
        st.coveredUntil = s->optionalInt64(3);
        st.lastSuccess = s->optionalInt64(4);
        st.lastAttempt = s->optionalInt64(5);
        st.lastError = s->text(6);
        st.nextDue = s->optionalInt64(7);
        st.failures = static_cast<int>(s->int64(8));
        st.retryAfter = s->optionalInt64(9);
        out.append(st);
    }
    return out;
}

std::optional<std::int64_t> SyncStore::lastSuccess(const QString &provider)
{
    Statement &s = m_db.cached("SELECT COUNT(*), MIN(COALESCE(last_success, 0)) FROM sync_state WHERE provider = ?1");
    s.bind(1, provider);
    std::optional<std::int64_t> out;
    if (s.step() == Statement::Step::Row && s.int64(0) > 0) {
        out = s.int64(1);
    }
    s.reset();
    return out;
}

std::optional<SyncState> SyncStore::state(const QString &provider, const QString &endpoint)
{
    for (const SyncState &s : states()) {
        if (s.provider == provider && s.endpoint == endpoint) {
            return s;
        }
    }
    return std::nullopt;
}

} // namespace burnrate
