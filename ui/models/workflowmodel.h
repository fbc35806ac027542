#ifndef BURNRATE_UI_MODELS_WORKFLOWMODEL_H
#define BURNRATE_UI_MODELS_WORKFLOWMODEL_H

#include "ledger/reportquery.h"
#include "pricing/baselinecost.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <optional>

namespace burnrate::ui {

// The workflows of a report (ReportBy::Workflow) with their outcome metrics, and, when a baseline model is
// chosen, what their API-billed requests would have cost on it. RawValueRole gives exact values (nano-USD,
// counts; ratios as doubles, for sorting only).
class WorkflowModel final : public QAbstractTableModel
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
    enum Role
    {
        RawValueRole = Qt::UserRole + 1
    };

    explicit WorkflowModel(QObject *parent = nullptr);

    void setRows(QList<ReportRow> rows);
    // Empty: no baseline chosen.
    void setBaseline(std::optional<BaselineReport> baseline);
    const QList<ReportRow> &rows() const { return m_rows; }
    // The baseline figures of an API row, or nullptr.
    const BaselineRow *baselineOf(const ReportRow &row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const ReportRow &row, int column) const;
    QVariant raw(const ReportRow &row, int column) const;
    QVariant toolTip(const ReportRow &row, int column) const;

    QList<ReportRow> m_rows;
    QHash<QString, BaselineRow> m_baseline;
    bool m_hasBaseline = false;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_MODELS_WORKFLOWMODEL_H
