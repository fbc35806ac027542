#ifndef BURNRATE_UI_MODELS_RECONCILETABLEMODEL_H
#define BURNRATE_UI_MODELS_RECONCILETABLEMODEL_H

#include "ledger/reconcilequery.h"

#include <QAbstractTableModel>
#include <QList>

namespace burnrate::ui {

// Billed against estimated, one row per provider and UTC day (ReconcileQuery). Display text is for people;
// RawValueRole gives the exact values (nano-USD, the drift in percent, whether the day is final) for sorting and
// tests. A day whose billed amount is not final yet is "open" (italic); a drift of LargeDriftPercent or more is
// highlighted.
class ReconcileTableModel final : public QAbstractTableModel
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
        RawValueRole = Qt::UserRole + 1,
        LargeDriftRole // bool: the row's drift is at least LargeDriftPercent either way
    };
    static constexpr double LargeDriftPercent = 10.0;

    explicit ReconcileTableModel(QObject *parent = nullptr);

    void setRows(QList<ReconcileRow> rows);
    const QList<ReconcileRow> &rows() const { return m_rows; }

    // estimated − billed, when both exist.
    static std::optional<std::int64_t> driftNano(const ReconcileRow &row);
    static bool isLargeDrift(const ReconcileRow &row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const ReconcileRow &row, int column) const;
    QVariant raw(const ReconcileRow &row, int column) const;
    QVariant toolTip(const ReconcileRow &row, int column) const;

    QList<ReconcileRow> m_rows;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_MODELS_RECONCILETABLEMODEL_H
