#include "ledger/conversationrequests.h"

#include "ledger/database.h"
#include "ledger/ledger.h"

namespace burnrate {

ConversationRequestsQuery::ConversationRequestsQuery(Ledger &ledger)
    : m_ledger(ledger)
{}

Result<ConversationRequests> ConversationRequestsQuery::run(const QString &conversationId, UtcRange range,
                                                            const ReportFilter &filter, int limit)
{
    using R = Result<ConversationRequests>;
    if (conversationId.isEmpty()) {
        return R::failure(QStringLiteral("requests without a conversation are not one conversation"));
    }
    // "conversation_id = ?1" implies the partial index's "conversation_id IS NOT NULL": SQLite uses
    // events_conversation (conversation_id, occurred_at) for both the filter and the order.
    const QString where =
        QStringLiteral(" FROM events WHERE conversation_id = ?1 AND occurred_at >= ?2 AND occurred_at < ?3%1")
            .arg(filter.sqlCondition(4));
    ConversationRequests out;
    {
        auto count = m_ledger.db().prepare((QStringLiteral("SELECT COUNT(*)") + where).toStdString());
        if (!count) {
            return R::failure(count.error());
        }
        count->bind(1, conversationId);
        count->bind(2, range.fromMs);
        count->bind(3, range.untilMs);
        filter.bind(count.value(), 4);
        if (count->step() != Statement::Step::Row) {
            return R::failure(m_ledger.db().lastError());
        }
        out.total = count->int64(0);
    }
    const QString sql =
        QStringLiteral("SELECT occurred_at, source, provider, model, requests, input_uncached, cache_read,"
                       " cache_write_5m, cache_write_1h, output, reasoning, cost_nano, COALESCE(price_ref, ''),"
                       " billing, COALESCE(status, ''), COALESCE(outcome, ''), latency_ms, tool_calls, retries") +
        where + QStringLiteral(" ORDER BY occurred_at, id LIMIT ?%1").arg(4 + filter.paramCount());
    auto stmt = m_ledger.db().prepare(sql.toStdString());
    if (!stmt) {
        return R::failure(stmt.error());
    }
    stmt->bind(1, conversationId);
    stmt->bind(2, range.fromMs);
    stmt->bind(3, range.untilMs);
    filter.bind(stmt.value(), 4);
    stmt->bind(4 + filter.paramCount(), limit);
    Statement::Step step;
    while ((step = stmt->step()) == Statement::Step::Row) {
        ConversationRequest r;
        r.occurredAtMs = stmt->int64(0);
        r.source = stmt->text(1);
        r.provider = stmt->text(2);
        r.model = stmt->text(3);
        r.requests = stmt->int64(4);
        r.tokens.inputUncached = stmt->int64(5);
        r.tokens.cacheRead = stmt->int64(6);
        r.tokens.cacheWrite5m = stmt->int64(7);
        r.tokens.cacheWrite1h = stmt->int64(8);
        r.tokens.output = stmt->int64(9);
        r.tokens.reasoning = stmt->int64(10);
        r.costNano = stmt->optionalInt64(11);
        r.priceRef = stmt->text(12);
        r.billing = stmt->textView(13) == "subscription" ? Billing::Subscription : Billing::Api;
        r.status = stmt->text(14);
        r.outcome = stmt->text(15);
        r.latencyMs = stmt->optionalInt64(16);
        r.toolCalls = stmt->int64(17);
        r.retries = stmt->int64(18);
        out.requests.append(r);
    }
    if (step == Statement::Step::Error) {
        return R::failure(m_ledger.db().lastError());
    }
    return out;
}

Result<ConversationFacets> conversationFacets(Ledger &ledger)
{
    ConversationFacets facets;
    const struct
    {
        const char *sql;
        QStringList *into;
    } Lists[] = {
        {"SELECT DISTINCT source FROM conversation_rollups ORDER BY source", &facets.sources},
        {"SELECT DISTINCT project FROM conversation_rollups WHERE project != '' ORDER BY project", &facets.projects},
        {"SELECT DISTINCT model FROM conversation_rollups ORDER BY model", &facets.models},
    };
    for (const auto &list : Lists) {
        auto stmt = ledger.db().prepare(list.sql);
        if (!stmt) {
            return Result<ConversationFacets>::failure(stmt.error());
        }
        Statement::Step step;
        while ((step = stmt->step()) == Statement::Step::Row) {
            list.into->append(stmt->text(0));
        }
        if (step == Statement::Step::Error) {
            return Result<ConversationFacets>::failure(ledger.db().lastError());
        }
    }
    return facets;
}

} // namespace burnrate
