#ifndef BURNRATE_UI_MODELS_WORKFLOWMODEL_H
#define BURNRATE_UI_MODELS_WORKFLOWMODEL_H

#include "ledger/reportquery.h"
#include "pricing/baselinecost.h"
#include "ui/models/rowtablemodel.h"

#include <QHash>
#include <QList>

#include <optional>

namespace burnrate::ui {

// The workflows of a report (ReportBy::Workflow) with their outcome metrics, and, when a baseline model is
// chosen, what their API-billed requests would have cost on it. RawValueRole gives exact values (nano-USD,
// counts; ratios as doubles, for sorting only).
class WorkflowModel final : public RowTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Workflow,
        Runs,
        Requests,
        Spend,
        SuccessRate,
        CostPerSuccess,
        RetryRate,
        AverageLatency,
        ToolCalls,
        BaselineCost,
        Saving,
        NotCompared,
        SubscriptionValue,
        ColumnCount
    };
    explicit WorkflowModel(QObject *parent = nullptr);

    void setRows(QList<ReportRow> rows);
    // Empty: no baseline chosen.
    void setBaseline(std::optional<BaselineReport> baseline);
    const QList<ReportRow> &rows() const { return m_rows; }
    // The baseline figures of an API row, or nullptr.
    const BaselineRow *baselineOf(const ReportRow &row) const;

private:
    int rowTotal() const override { return static_cast<int>(m_rows.size()); }
    int columnTotal() const override { return ColumnCount; }
    bool isNumeric(int column) const override { return column != Workflow; }
    QString title(int column) const override;
    QString titleToolTip(int column) const override;
    // The title (which = 0) or the full name (1) of a column.
    QString columnText(int column, int which) const;
    QVariant display(int at, int column) const override;
    QVariant raw(int at, int column) const override;
    QVariant toolTip(int at, int column) const override;

    QList<ReportRow> m_rows;
    QHash<QString, BaselineRow> m_baseline;
    bool m_hasBaseline = false;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_MODELS_WORKFLOWMODEL_H
