#include "ui/models/workflowmodel.h"

#include "ui/format.h"

#include <iterator>

namespace burnrate::ui {

namespace {

bool isSubscription(const ReportRow &row)
{
    return row.provenance == QLatin1String("subscription");
}

// Spend per success: subscription usage is not spend.
bool hasCostPerSuccess(const ReportRow &row)
{
    return row.successes > 0 && !isSubscription(row);
}

double ratio(std::int64_t part, std::int64_t whole)
{
    return whole == 0 ? -1.0 : static_cast<double>(part) / static_cast<double>(whole);
}

} // namespace

WorkflowModel::WorkflowModel(QObject *parent)
    : RowTableModel(parent)
{}

void WorkflowModel::setRows(QList<ReportRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void WorkflowModel::setBaseline(std::optional<BaselineReport> baseline)
{
    beginResetModel();
    m_baseline.clear();
    m_hasBaseline = baseline.has_value();
    if (baseline) {
        for (const BaselineRow &row : std::as_const(baseline->rows)) {
            m_baseline.insert(row.key, row);
        }
    }
    endResetModel();
}

const BaselineRow *WorkflowModel::baselineOf(const ReportRow &row) const
{
    if (!m_hasBaseline || isSubscription(row)) {
        return nullptr;
    }
    auto it = m_baseline.constFind(row.key);
    return it == m_baseline.constEnd() ? nullptr : &*it;
}

QVariant WorkflowModel::display(int at, int column) const
{
    const ReportRow &row = m_rows.at(at);
    const BaselineRow *baseline = baselineOf(row);
    switch (column) {
    case Workflow: {
        const QString name = row.key.isEmpty() ? tr("(no workflow)") : row.key;
        return isSubscription(row) ? tr("%1 · subscription").arg(name) : name;
    }
    case Runs:
        return Format::count(row.runs);
    case Requests:
        return Format::count(row.requests);
    case Spend:
        return Format::costIf(!isSubscription(row), row.costNano);
    case SubscriptionValue:
        return Format::costIf(isSubscription(row), row.costNano);
    case SuccessRate:
        return Format::percent(row.successes, row.requests);
    case CostPerSuccess:
        return Format::costIf(hasCostPerSuccess(row), hasCostPerSuccess(row) ? row.costNano / row.successes : 0);
    case RetryRate:
        return Format::percent(row.retriedRequests, row.requests);
    case AverageLatency:
        return row.latencyCount > 0 ? tr("%1 ms").arg(Format::count(row.latencySumMs / row.latencyCount)) : tr("—");
    case ToolCalls:
        return Format::count(row.toolCalls);
    case BaselineCost:
        return baseline ? Format::cost(baseline->baselineNano) : tr("—");
    case Saving:
        return baseline ? Format::cost(baseline->savingNano()) : tr("—");
    case NotCompared:
        return baseline ? Format::count(baseline->requests - baseline->comparedRequests) : tr("—");
    default:
        return {};
    }
}

QVariant WorkflowModel::raw(int at, int column) const
{
    const ReportRow &row = m_rows.at(at);
    const BaselineRow *baseline = baselineOf(row);
    switch (column) {
    case Workflow:
        return row.key;
    case Runs:
        return static_cast<qlonglong>(row.runs);
    case Requests:
        return static_cast<qlonglong>(row.requests);
    case Spend:
        return static_cast<qlonglong>(isSubscription(row) ? 0 : row.costNano);
    case SubscriptionValue:
        return static_cast<qlonglong>(isSubscription(row) ? row.costNano : 0);
    case SuccessRate:
        return ratio(row.successes, row.requests);
    case CostPerSuccess:
        return static_cast<qlonglong>(hasCostPerSuccess(row) ? row.costNano / row.successes : -1);
    case RetryRate:
        return ratio(row.retriedRequests, row.requests);
    case AverageLatency:
        return static_cast<qlonglong>(row.latencyCount > 0 ? row.latencySumMs / row.latencyCount : -1);
    case ToolCalls:
        return static_cast<qlonglong>(row.toolCalls);
    case BaselineCost:
        return baseline ? QVariant(static_cast<qlonglong>(baseline->baselineNano)) : QVariant();
    case Saving:
        return baseline ? QVariant(static_cast<qlonglong>(baseline->savingNano())) : QVariant();
    case NotCompared:
        return baseline ? QVariant(static_cast<qlonglong>(baseline->requests - baseline->comparedRequests))
                        : QVariant();
    default:
        return {};
    }
}

QVariant WorkflowModel::toolTip(int at, int column) const
{
    const ReportRow &row = m_rows.at(at);
    const BaselineRow *baseline = baselineOf(row);
    switch (column) {
    case SubscriptionValue:
        return isSubscription(row) ? QVariant(Format::subscriptionValueNote()) : QVariant();
    case CostPerSuccess:
        return tr("Spend divided by the successful, accepted or edited requests");
    case Saving:
        return baseline ? tr("Recorded cost %1 of the %2 compared, less the baseline's %3; positive: switching "
                             "saves")
                              .arg(Format::cost(baseline->actualNano), Format::requests(baseline->comparedRequests),
                                   Format::cost(baseline->baselineNano))
                        : QVariant();
    case NotCompared:
        return baseline ? tr("%1 without a recorded cost, %2 the baseline's prices cannot price")
                              .arg(Format::requests(baseline->unpricedActual),
                                   Format::requests(baseline->unpricedAtBaseline))
                        : QVariant();
    default:
        return {};
    }
}

QString WorkflowModel::columnText(int column, int which) const
{
    // Short titles keep all thirteen columns in sight on a 1100 px window; the tooltip names each in full.
    static const char *const Titles[][2] = {
        {QT_TR_NOOP("Workflow"), QT_TR_NOOP("Workflow type, else workflow id")},
        {QT_TR_NOOP("Runs"), QT_TR_NOOP("Distinct workflow runs")},
        {QT_TR_NOOP("Req."), QT_TR_NOOP("Requests")},
        {QT_TR_NOOP("Spend"), QT_TR_NOOP("Spend (API-billed)")},
        {QT_TR_NOOP("Success"), QT_TR_NOOP("Success rate: successful requests accepted or edited")},
        {QT_TR_NOOP("$/success"), QT_TR_NOOP("Cost per successful completion")},
        {QT_TR_NOOP("Retries"), QT_TR_NOOP("Retry rate: requests that needed a retry")},
        {QT_TR_NOOP("Latency"), QT_TR_NOOP("Average latency")},
        {QT_TR_NOOP("Tools"), QT_TR_NOOP("Tool calls")},
        {QT_TR_NOOP("Baseline"), QT_TR_NOOP("Cost of the compared requests at the baseline model")},
        {QT_TR_NOOP("Saving"), QT_TR_NOOP("Saving against the baseline (negative: extra cost)")},
        {QT_TR_NOOP("Not cmp."), QT_TR_NOOP("Requests not compared with the baseline")},
        {QT_TR_NOOP("Sub. value"), QT_TR_NOOP("Subscription value: equivalent API cost, not spend")}};
    static_assert(std::size(Titles) == ColumnCount);
    return tr(Titles[column][which]);
}

QString WorkflowModel::title(int column) const
{
    return columnText(column, 0);
}

QString WorkflowModel::titleToolTip(int column) const
{
    return columnText(column, 1);
}

} // namespace burnrate::ui
