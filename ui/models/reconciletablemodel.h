#ifndef BURNRATE_UI_MODELS_RECONCILETABLEMODEL_H
#define BURNRATE_UI_MODELS_RECONCILETABLEMODEL_H

#include "ledger/reconcilequery.h"
#include "ui/models/rowtablemodel.h"

#include <QList>

namespace burnrate::ui {

// Billed against estimated, one row per provider and UTC day (ReconcileQuery). Display text is for people;
// RawValueRole gives the exact values (nano-USD, the drift in percent, whether the day is final) for sorting and
// tests. A day whose billed amount is not final yet is "open" (italic); a drift of LargeDriftPercent or more is
// highlighted.
class ReconcileTableModel final : public RowTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        DayColumn,
        ProviderColumn,
        BilledColumn,
        EstimatedColumn,
        DriftColumn,
        DriftPercentColumn,
        StatusColumn,
        CountedColumn,
        ColumnCount
    };
    enum Role
    {
        LargeDriftRole = FirstModelRole // bool: the row's drift is at least LargeDriftPercent either way
    };
    static constexpr double LargeDriftPercent = 10.0;

    explicit ReconcileTableModel(QObject *parent = nullptr);

    void setRows(QList<ReconcileRow> rows);
    const QList<ReconcileRow> &rows() const { return m_rows; }

    // estimated − billed, when both exist.
    static std::optional<std::int64_t> driftNano(const ReconcileRow &row);
    static bool isLargeDrift(const ReconcileRow &row);

private:
    int rowTotal() const override { return static_cast<int>(m_rows.size()); }
    int columnTotal() const override { return ColumnCount; }
    bool isNumeric(int column) const override { return column >= BilledColumn && column <= DriftPercentColumn; }
    QString title(int column) const override;
    QVariant display(int at, int column) const override;
    QVariant raw(int at, int column) const override;
    QVariant toolTip(int at, int column) const override;
    QVariant otherRole(int at, int column, int role) const override;

    QList<ReconcileRow> m_rows;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_MODELS_RECONCILETABLEMODEL_H
