// ReportQuery's attribution views: conversations and projects from the conversation rollups, workflows from the
// workflow rollups.
#include "ledger/database.h"
#include "ledger/ledger.h"
#include "ledger/reportquery.h"
#include "ledger/reportquery_p.h"

#include <limits>

namespace burnrate {

namespace {

// Reads the key, provenance, aggregates, first and last request, models and project: the columns the
// conversation, project and workflow readers select first, in this order.
void readAttributed(const Statement &s, ReportRow &row)
{
    row.key = s.text(0);
    row.provenance = reportdetail::provenanceOf(s.textView(1));
    reportdetail::readAggregates(s, 2, row);
    row.firstAtMs = s.int64(12);
    row.lastAtMs = s.int64(13);
    row.models = s.text(14).split(QLatin1Char(','), Qt::SkipEmptyParts);
    row.models.sort();
    row.project = s.text(15);
}

} // namespace

Result<QList<ReportRow>> ReportQuery::fromConversationRollups(const ReportRequest &request)
{
    const QString sql =
        QStringLiteral("SELECT %1 AS k, billing, %3, MIN(first_at), MAX(last_at), GROUP_CONCAT(DISTINCT model),"
                       " MAX(project) FROM conversation_rollups WHERE day BETWEEN ?1 AND ?2%2 GROUP BY k, billing")
            .arg(request.by == ReportBy::Project ? QStringLiteral("project") : QStringLiteral("conversation_id"),
                 m_filter.sqlCondition(3), reportdetail::aggregateSumsSql());
    auto stmt = m_ledger.db().prepare(sql.toStdString());
    if (!stmt) {
        return Result<QList<ReportRow>>::failure(stmt.error());
    }
    stmt->bind(1, request.since ? request.since->toJulianDay() : std::numeric_limits<std::int64_t>::min());
    stmt->bind(2, request.until ? request.until->toJulianDay() : std::numeric_limits<std::int64_t>::max());
    m_filter.bind(stmt.value(), 3);
    QList<ReportRow> rows;
    Statement::Step step;
    while ((step = stmt->step()) == Statement::Step::Row) {
        ReportRow row;
        readAttributed(*stmt, row);
        rows.append(row);
    }
    if (step == Statement::Step::Error) {
        return Result<QList<ReportRow>>::failure(m_ledger.db().lastError());
    }
    return rows;
}

Result<QList<ReportRow>> ReportQuery::fromWorkflowRollups(const ReportRequest &request)
{
    // The workflow view: keyed by workflow type, else workflow id; runs are the distinct workflow ids.
    const QString sql =
        QStringLiteral(
            "SELECT workflow_key AS k, billing, %2, MIN(first_at), MAX(last_at), GROUP_CONCAT(DISTINCT model),"
            " MAX(project), COUNT(DISTINCT NULLIF(workflow_id, '')),"
            " checked_sum(successes, 'successful requests'),"
            " checked_sum(retried_requests, 'retried requests'), checked_sum(retries, 'retries'),"
            " checked_sum(tool_calls, 'tool calls'), checked_sum(latency_sum_ms, 'latency in milliseconds'),"
            " checked_sum(latency_count, 'requests with a latency')"
            " FROM workflow_rollups WHERE day BETWEEN ?1 AND ?2%1 GROUP BY k, billing")
            .arg(m_filter.sqlCondition(3), reportdetail::aggregateSumsSql());
    auto stmt = m_ledger.db().prepare(sql.toStdString());
    if (!stmt) {
        return Result<QList<ReportRow>>::failure(stmt.error());
    }
    stmt->bind(1, request.since ? request.since->toJulianDay() : std::numeric_limits<std::int64_t>::min());
    stmt->bind(2, request.until ? request.until->toJulianDay() : std::numeric_limits<std::int64_t>::max());
    m_filter.bind(stmt.value(), 3);
    QList<ReportRow> rows;
    Statement::Step step;
    while ((step = stmt->step()) == Statement::Step::Row) {
        ReportRow row;
        readAttributed(*stmt, row);
        row.runs = stmt->int64(16);
        row.successes = stmt->int64(17);
        row.retriedRequests = stmt->int64(18);
        row.retries = stmt->int64(19);
        row.toolCalls = stmt->int64(20);
        row.latencySumMs = stmt->int64(21);
        row.latencyCount = stmt->int64(22);
        rows.append(row);
    }
    if (step == Statement::Step::Error) {
        return Result<QList<ReportRow>>::failure(m_ledger.db().lastError());
    }
    return rows;
}

} // namespace burnrate
