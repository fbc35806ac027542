#ifndef BURNRATE_CORE_LEDGER_REPORTQUERY_H
#define BURNRATE_CORE_LEDGER_REPORTQUERY_H

#include "ledger/eventrecord.h"
#include "ledger/reportfilter.h"
#include "util/clock.h"
#include "util/result.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace burnrate {

class Ledger;

enum class ReportBy
{
    Day,
    Week,
    Month,
    Provider,
    Model,
    Conversation,
    Workflow,
    Project,
    Source
};

std::optional<ReportBy> reportByFromName(const QString &name);
QString reportByName(ReportBy by);

struct ReportRequest
{
    ReportBy by = ReportBy::Day;
    std::optional<QDate> since; // local dates, both inclusive
    std::optional<QDate> until;
    int top = 0; // 0 = all rows
    // Time-bucketed views only: one row per (bucket, provider, provenance), with ReportRow::provider set (the
    // overview's per-provider trend). The same spend rule; the total is the same.
    bool perProvider = false;
};

struct ReportRow
{
    QString key;
    QString provider;   // for --by model, and time buckets with perProvider; empty otherwise
    QString provenance; // billed | estimated | balance | local | subscription (docs/architecture.md §3)
    std::int64_t requests = 0;
    TokenCounts tokens;
    std::int64_t costNano = 0; // priced requests only
    std::int64_t unpricedRequests = 0;
    std::int64_t unpricedTokens = 0;
    // Conversation and project views.
    std::optional<std::int64_t> firstAtMs;
    std::optional<std::int64_t> lastAtMs;
    QStringList models;
    QString project;
    // Workflow view.
    std::int64_t runs = 0;
    std::int64_t successes = 0;
    std::int64_t retriedRequests = 0;
    std::int64_t retries = 0;
    std::int64_t toolCalls = 0;
    std::int64_t latencySumMs = 0;
    std::int64_t latencyCount = 0;
};

// A model whose requests in the range could not be priced (no price in the book, and no cost
// reported by the source).
struct UnpricedModel
{
    QString provider;
    QString model;
    std::int64_t requests = 0;
    std::int64_t tokens = 0;
};

// Spend a balance shows in a currency Burnrate cannot add to USD (DeepSeek in CNY): shown apart.
struct UnconvertedSpend
{
    QString provider;
    QString currency;
    std::int64_t amountNano = 0; // nano-units of `currency`
};

struct Report
{
    ReportBy by = ReportBy::Day;
    QString timezone;
    std::optional<QDate> since;
    std::optional<QDate> until;
    QList<ReportRow> rows;
    ReportRow total;                        // spend: API-billed rows only
    std::int64_t subscriptionValueNano = 0; // equivalent value of subscription usage, never spend
    std::int64_t rowsBeforeTop = 0;
    QList<UnpricedModel> unpricedModels; // the whole range, most unpriced tokens first
    QList<UnconvertedSpend> unconverted;
};

// Answers `burnrate report`. Time-bucketed, provider, model and source views apply the spend rule of
// docs/architecture.md §2 (SpendRule) to the rollups of local events and to what provider sync stored; with no provider
// data they read the rollups alone. Conversation and project views read the conversation rollups; the workflow view
// reads the events of the date range (attribution). The clock decides which days are closed. Every total is checked
// (util/checkedsum.h): one beyond 64 bits fails the report with one line that names it, never a wrapped number; so do
// a row's tokens, and its cache writes, when they do not add up within 64 bits, so that the renderings can add them.
class ReportQuery final
{
public:
    ReportQuery(Ledger &ledger, const Clock &clock);
    // `filter` narrows the conversation, project and workflow views; the other views refuse one.
    Result<Report> run(const ReportRequest &request, const ReportFilter &filter = {});

    // The SQL expression over the events table that names a request's workflow in the workflow view: its type,
    // else its id, else '' (WorkflowDelta::workflowKeyOf for the workflow rollups).
    static QString workflowKeySql()
    {
        return QStringLiteral("COALESCE(NULLIF(workflow_type, ''), NULLIF(workflow_id, ''), '')");
    }

private:
    Result<QList<ReportRow>> fromRollups(const ReportRequest &request);
    Result<QList<ReportRow>> fromConversationRollups(const ReportRequest &request);
    Result<QList<ReportRow>> fromSpendFacts(const ReportRequest &request, const class SpendRule &rule);
    Result<QList<UnconvertedSpend>> unconvertedSpend(const ReportRequest &request, const class SpendRule &rule) const;
    Result<QList<ReportRow>> fromWorkflowRollups(const ReportRequest &request);
    Result<QList<UnpricedModel>> unpricedModels(const ReportRequest &request);
    QString bucketKey(std::int64_t julianDay) const;

    Ledger &m_ledger;
    const Clock &m_clock;
    ReportBy m_by = ReportBy::Day;
    ReportFilter m_filter;
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_REPORTQUERY_H
