#include "ledger/reportquery.h"

#include "ledger/database.h"
#include "ledger/ledger.h"
#include "ledger/reportquery_p.h"
#include "ledger/spendfacts.h"
#include "ledger/spendrule.h"
#include "util/checkedsum.h"

#include <QHash>

#include <algorithm>
#include <limits>

namespace burnrate {

namespace {

struct ByName
{
    ReportBy by;
    const char *name;
};

constexpr ByName ByNames[] = {
    {ReportBy::Day, "day"},           {ReportBy::Week, "week"},       {ReportBy::Month, "month"},
    {ReportBy::Provider, "provider"}, {ReportBy::Model, "model"},     {ReportBy::Conversation, "conversation"},
    {ReportBy::Workflow, "workflow"}, {ReportBy::Project, "project"}, {ReportBy::Source, "source"},
};

bool isTimeBucket(ReportBy by)
{
    return by == ReportBy::Day || by == ReportBy::Week || by == ReportBy::Month;
}

// Adds `from` to `into`; a total that does not fit 64 bits is noted in `sums`.
void merge(ReportRow &into, const ReportRow &from, SumCheck &sums)
{
    sums.add(into.requests, from.requests, "requests");
    into.tokens.add(from.tokens, sums);
    sums.add(into.costNano, from.costNano, "cost in nano-USD");
    sums.add(into.unpricedRequests, from.unpricedRequests, "unpriced requests");
    sums.add(into.unpricedTokens, from.unpricedTokens, "unpriced tokens");
    sums.add(into.runs, from.runs, "workflow runs");
    sums.add(into.successes, from.successes, "successful requests");
    sums.add(into.retriedRequests, from.retriedRequests, "retried requests");
    sums.add(into.retries, from.retries, "retries");
    sums.add(into.toolCalls, from.toolCalls, "tool calls");
    sums.add(into.latencySumMs, from.latencySumMs, "latency in milliseconds");
    sums.add(into.latencyCount, from.latencyCount, "requests with a latency");
    if (from.firstAtMs && (!into.firstAtMs || *from.firstAtMs < *into.firstAtMs)) {
        into.firstAtMs = from.firstAtMs;
    }
    if (from.lastAtMs && (!into.lastAtMs || *from.lastAtMs > *into.lastAtMs)) {
        into.lastAtMs = from.lastAtMs;
    }
}

} // namespace

namespace reportdetail {

QString provenanceOf(std::string_view billing)
{
    return billing == "subscription" ? QStringLiteral("subscription") : QStringLiteral("local");
}

QString aggregateSumsSql()
{
    return QStringLiteral(
        "checked_sum(requests, 'requests'), checked_sum(input_uncached, 'input tokens'),"
        " checked_sum(cache_read, 'cache read tokens'), checked_sum(cache_write_5m, 'cache write tokens (5 minutes)'),"
        " checked_sum(cache_write_1h, 'cache write tokens (1 hour)'), checked_sum(output, 'output tokens'),"
        " checked_sum(reasoning, 'reasoning tokens'), checked_sum(cost_nano, 'cost in nano-USD'),"
        " checked_sum(unpriced_requests, 'unpriced requests'), checked_sum(unpriced_tokens, 'unpriced tokens')");
}

// Reads the aggregate columns every reader selects, starting at `c`.
void readAggregates(const Statement &s, int c, ReportRow &row)
{
    row.requests = s.int64(c);
    row.tokens.inputUncached = s.int64(c + 1);
    row.tokens.cacheRead = s.int64(c + 2);
    row.tokens.cacheWrite5m = s.int64(c + 3);
    row.tokens.cacheWrite1h = s.int64(c + 4);
    row.tokens.output = s.int64(c + 5);
    row.tokens.reasoning = s.int64(c + 6);
    row.costNano = s.int64(c + 7);
    row.unpricedRequests = s.int64(c + 8);
    row.unpricedTokens = s.int64(c + 9);
}

} // namespace reportdetail

std::optional<ReportBy> reportByFromName(const QString &name)
{
    for (const auto &n : ByNames) {
        if (name == QLatin1String(n.name)) {
            return n.by;
        }
    }
    return std::nullopt;
}

QString reportByName(ReportBy by)
{
    for (const auto &n : ByNames) {
        if (n.by == by) {
            return QLatin1String(n.name);
        }
    }
    return {};
}

ReportQuery::ReportQuery(Ledger &ledger, const Clock &clock)
    : m_ledger(ledger)
    , m_clock(clock)
{}

Result<QList<ReportRow>> ReportQuery::fromSpendFacts(const ReportRequest &request, const SpendRule &rule)
{
    const std::int64_t since =
        request.since ? request.since->toJulianDay() : std::numeric_limits<std::int64_t>::min() / 4;
    const std::int64_t until =
        request.until ? request.until->toJulianDay() : std::numeric_limits<std::int64_t>::max() / 4;
    auto facts = SpendFacts(m_ledger, rule).collect(since, until);
    if (!facts) {
        return Result<QList<ReportRow>>::failure(facts.error());
    }
    QList<ReportRow> rows;
    QHash<QString, qsizetype> index;
    SumCheck sums;
    for (const SpendFact &f : std::as_const(*facts)) {
        ReportRow row;
        switch (request.by) {
        case ReportBy::Provider:
            row.key = f.provider;
            break;
        case ReportBy::Model:
            row.key = f.model;
            row.provider = f.provider;
            break;
        case ReportBy::Source:
            row.key = f.source;
            break;
        default:
            row.key = bucketKey(f.localDay);
            if (request.perProvider) {
                row.provider = f.provider;
            }
            break;
        }
        row.provenance = f.provenance;
        row.requests = f.requests;
        row.tokens = f.tokens;
        row.costNano = f.costNano;
        row.unpricedRequests = f.unpricedRequests;
        row.unpricedTokens = f.unpricedTokens;
        const QString id = row.key + QChar(0) + row.provider + QChar(0) + row.provenance;
        if (auto it = index.constFind(id); it != index.constEnd()) {
            merge(rows[*it], row, sums);
        } else {
            index.insert(id, rows.size());
            rows.append(row);
        }
    }
    if (!sums.ok()) {
        return Result<QList<ReportRow>>::failure(sums.error());
    }
    return rows;
}

Result<QList<UnconvertedSpend>> ReportQuery::unconvertedSpend(const ReportRequest &request, const SpendRule &rule) const
{
    // Balance days are UTC days: those that start within the range's local days.
    const LocalCalendar &cal = m_ledger.calendar();
    const std::int64_t from =
        request.since ? cal.startOfDayUtcMs(*request.since) : std::numeric_limits<std::int64_t>::min();
    const std::int64_t until =
        request.until ? cal.startOfDayUtcMs(request.until->addDays(1)) : std::numeric_limits<std::int64_t>::max();
    QList<UnconvertedSpend> out;
    for (const BalanceSpend &b : rule.balances()) {
        if (b.currency == QLatin1String("USD")) {
            continue;
        }
        UnconvertedSpend u{b.provider, b.currency, 0};
        for (auto it = b.byDay.cbegin(); it != b.byDay.cend(); ++it) {
            const std::int64_t start = SpendRule::dayStartMs(it.key());
            if (start >= from && start < until && b.covers(start) && !checkedAdd(u.amountNano, it.value())) {
                return Result<QList<UnconvertedSpend>>::failure(
                    sumOverflowMessage(QStringLiteral("%1's balance falls in nano-%2").arg(b.provider, b.currency)));
            }
        }
        if (u.amountNano != 0) {
            out.append(u);
        }
    }
    return out;
}

QString ReportQuery::bucketKey(std::int64_t julianDay) const
{
    QDate date = QDate::fromJulianDay(julianDay);
    if (m_by == ReportBy::Week) {
        date = m_ledger.calendar().weekStartOf(date);
    } else if (m_by == ReportBy::Month) {
        return date.toString(QStringLiteral("yyyy-MM"));
    }
    return date.toString(Qt::ISODate);
}

Result<QList<ReportRow>> ReportQuery::fromRollups(const ReportRequest &request)
{
    QString keyColumns;
    switch (request.by) {
    case ReportBy::Provider:
        keyColumns = QStringLiteral("provider");
        break;
    case ReportBy::Model:
        keyColumns = QStringLiteral("model, provider");
        break;
    case ReportBy::Source:
        keyColumns = QStringLiteral("source");
        break;
    default:
        keyColumns = request.perProvider ? QStringLiteral("day, provider") : QStringLiteral("day");
        break;
    }
    const QString sql =
        QStringLiteral("SELECT %1, billing, %2 FROM rollups WHERE day BETWEEN ?1 AND ?2 GROUP BY %1, billing")
            .arg(keyColumns, reportdetail::aggregateSumsSql());
    auto stmt = m_ledger.db().prepare(sql.toStdString());
    if (!stmt) {
        return Result<QList<ReportRow>>::failure(stmt.error());
    }
    stmt->bind(1, request.since ? request.since->toJulianDay() : std::numeric_limits<std::int64_t>::min());
    stmt->bind(2, request.until ? request.until->toJulianDay() : std::numeric_limits<std::int64_t>::max());
    const bool withProvider = request.by == ReportBy::Model || (isTimeBucket(request.by) && request.perProvider);
    const int keyCount = withProvider ? 2 : 1;
    QList<ReportRow> rows;
    QHash<QString, qsizetype> index;
    SumCheck sums;
    Statement::Step step;
    while ((step = stmt->step()) == Statement::Step::Row) {
        ReportRow row;
        row.key = isTimeBucket(request.by) ? bucketKey(stmt->int64(0)) : stmt->text(0);
        if (withProvider) {
            row.provider = stmt->text(1);
        }
        row.provenance = reportdetail::provenanceOf(stmt->textView(keyCount));
        reportdetail::readAggregates(*stmt, keyCount + 1, row);
        const QString id = row.key + QChar(0) + row.provider + QChar(0) + row.provenance;
        if (auto it = index.constFind(id); it != index.constEnd()) {
            merge(rows[*it], row, sums);
        } else {
            index.insert(id, rows.size());
            rows.append(row);
        }
    }
    if (step == Statement::Step::Error) {
        return Result<QList<ReportRow>>::failure(m_ledger.db().lastError());
    }
    if (!sums.ok()) {
        return Result<QList<ReportRow>>::failure(sums.error());
    }
    return rows;
}

Result<QList<UnpricedModel>> ReportQuery::unpricedModels(const ReportRequest &request)
{
    auto stmt = m_ledger.db().prepare("SELECT provider, model, checked_sum(unpriced_requests, 'unpriced requests'),"
                                      " checked_sum(unpriced_tokens, 'unpriced tokens') FROM rollups"
                                      " WHERE day BETWEEN ?1 AND ?2 AND unpriced_requests > 0 GROUP BY provider, model"
                                      " ORDER BY 4 DESC, 3 DESC, provider, model");
    if (!stmt) {
        return Result<QList<UnpricedModel>>::failure(stmt.error());
    }
    stmt->bind(1, request.since ? request.since->toJulianDay() : std::numeric_limits<std::int64_t>::min());
    stmt->bind(2, request.until ? request.until->toJulianDay() : std::numeric_limits<std::int64_t>::max());
    QList<UnpricedModel> out;
    Statement::Step step;
    while ((step = stmt->step()) == Statement::Step::Row) {
        out.append({stmt->text(0), stmt->text(1), stmt->int64(2), stmt->int64(3)});
    }
    if (step == Statement::Step::Error) {
        return Result<QList<UnpricedModel>>::failure(m_ledger.db().lastError());
    }
    return out;
}

Result<Report> ReportQuery::run(const ReportRequest &request, const ReportFilter &filter)
{
    m_by = request.by;
    m_filter = filter;
    const bool viaRollups = isTimeBucket(request.by) || request.by == ReportBy::Provider ||
                            request.by == ReportBy::Model || request.by == ReportBy::Source;
    if (viaRollups && !filter.isEmpty()) {
        return Result<Report>::failure(
            QStringLiteral("a source, model or project filter applies to the conversation, project and workflow "
                           "reports only"));
    }
    Result<QList<ReportRow>> rows = QList<ReportRow>();
    Result<QList<UnconvertedSpend>> unconverted = QList<UnconvertedSpend>();
    if (viaRollups) {
        auto rule = SpendRule::load(m_ledger.db(), m_clock.nowMs());
        if (!rule) {
            return Result<Report>::failure(rule.error());
        }
        // Without provider data the rule always answers "local": the rollups alone are the same, and faster.
        rows = rule->hasApiData() ? fromSpendFacts(request, *rule) : fromRollups(request);
        unconverted = unconvertedSpend(request, *rule);
    } else if (request.by == ReportBy::Conversation || request.by == ReportBy::Project) {
        rows = fromConversationRollups(request);
    } else {
        rows = fromWorkflowRollups(request);
    }
    if (!rows) {
        return Result<Report>::failure(rows.error());
    }
    if (!unconverted) {
        return Result<Report>::failure(unconverted.error());
    }
    Report report;
    report.unconverted = std::move(unconverted).value();
    report.by = request.by;
    report.timezone = QString::fromUtf8(m_ledger.calendar().zoneId());
    report.since = request.since;
    report.until = request.until;
    report.rows = std::move(rows).value();
    SumCheck sums;
    for (const ReportRow &row : std::as_const(report.rows)) {
        // What every rendering adds up within a row: all tokens (the desktop app's column), both cache writes (the
        // command line's table).
        (void)row.tokens.total(sums);
        (void)row.tokens.cacheWrites(sums);
        if (row.provenance == QLatin1String("subscription")) {
            sums.add(report.subscriptionValueNano, row.costNano, "subscription-equivalent value in nano-USD");
            continue;
        }
        merge(report.total, row, sums);
    }
    (void)report.total.tokens.total(sums);
    (void)report.total.tokens.cacheWrites(sums);
    if (!sums.ok()) {
        return Result<Report>::failure(sums.error());
    }
    report.total.key = QStringLiteral("total");
    if (isTimeBucket(request.by)) {
        std::sort(report.rows.begin(), report.rows.end(), [](const ReportRow &a, const ReportRow &b) {
            return std::tie(a.key, a.provider, a.provenance) < std::tie(b.key, b.provider, b.provenance);
        });
    } else {
        std::sort(report.rows.begin(), report.rows.end(), [](const ReportRow &a, const ReportRow &b) {
            if (a.costNano != b.costNano) {
                return a.costNano > b.costNano;
            }
            if (a.requests != b.requests) {
                return a.requests > b.requests;
            }
            return std::tie(a.key, a.provider, a.provenance) < std::tie(b.key, b.provider, b.provenance);
        });
    }
    report.rowsBeforeTop = report.rows.size();
    auto unpriced = unpricedModels(request);
    if (!unpriced) {
        return Result<Report>::failure(unpriced.error());
    }
    report.unpricedModels = std::move(unpriced).value();
    if (request.top > 0 && report.rows.size() > request.top) {
        report.rows.resize(request.top);
    }
    return report;
}

} // namespace burnrate
