#ifndef BURNRATE_UI_MODELS_REPORTTABLEMODEL_H
#define BURNRATE_UI_MODELS_REPORTTABLEMODEL_H

#include "ledger/reportquery.h"

#include <QAbstractTableModel>
#include <QList>

#include <cstdint>

namespace burnrate::ui {

// A read-only table over the rows of one report, by provider or by model. Display text is
// formatted for people; RawValueRole gives the exact values (nano-USD, counts, keys) for sorting
// and for tests.
class ReportTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Kind
    {
        Provider,
        Model
    };
    enum class Field
    {
        Name,
        Provider,
        Requests,
        Tokens,
        Cost,
        Share,
        Provenance // where the cost comes from: billed, estimated, from balance, local, subscription-equivalent
    };
    enum Role
    {
        RawValueRole = Qt::UserRole + 1
    };

    explicit ReportTableModel(Kind kind, QObject *parent = nullptr);

    void setRows(QList<ReportRow> rows);
    const QList<ReportRow> &rows() const { return m_rows; }
    // The sum of the priced cost of every row.
    std::int64_t totalCostNano() const { return m_totalCostNano; }

    Field fieldAt(int column) const { return m_fields.at(column); }
    int columnOf(Field field) const { return static_cast<int>(m_fields.indexOf(field)); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "Anthropic" for "anthropic"; unknown ids are shown as they are.
    static QString providerDisplayName(const QString &id);

private:
    QVariant display(const ReportRow &row, Field field) const;
    QVariant raw(const ReportRow &row, Field field) const;
    QVariant toolTip(const ReportRow &row, Field field) const;
    QString fieldTitle(Field field) const;

    Kind m_kind;
    QList<Field> m_fields;
    QList<ReportRow> m_rows;
    std::int64_t m_totalCostNano = 0;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_MODELS_REPORTTABLEMODEL_H
