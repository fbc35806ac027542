#ifndef BURNRATE_UI_MODELS_REPORTTABLEMODEL_H
#define BURNRATE_UI_MODELS_REPORTTABLEMODEL_H

#include "ledger/reportquery.h"
#include "ui/models/rowtablemodel.h"

#include <QList>

#include <cstdint>

namespace burnrate::ui {

// A read-only table over the rows of one report, by provider or by model. Display text is
// formatted for people; RawValueRole gives the exact values (nano-USD, counts, keys) for sorting
// and for tests.
class ReportTableModel final : public RowTableModel
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
    explicit ReportTableModel(Kind kind, QObject *parent = nullptr);

    void setRows(QList<ReportRow> rows);
    const QList<ReportRow> &rows() const { return m_rows; }
    // The sum of the priced cost of every row; 0 when it does not fit 64 bits (and no row shows a share).
    std::int64_t totalCostNano() const { return m_totalCostNano; }

    Field fieldAt(int column) const { return m_fields.at(column); }
    int columnOf(Field field) const { return static_cast<int>(m_fields.indexOf(field)); }

    // "Anthropic" for "anthropic"; unknown ids are shown as they are.
    static QString providerDisplayName(const QString &id);

private:
    int rowTotal() const override { return static_cast<int>(m_rows.size()); }
    int columnTotal() const override { return static_cast<int>(m_fields.size()); }
    bool isNumeric(int column) const override;
    QString title(int column) const override;
    QVariant display(int at, int column) const override;
    QVariant raw(int at, int column) const override;
    QVariant toolTip(int at, int column) const override;
    QVariant otherRole(int at, int column, int role) const override;

    Kind m_kind;
    QList<Field> m_fields;
    QList<ReportRow> m_rows;
    std::int64_t m_totalCostNano = 0;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_MODELS_REPORTTABLEMODEL_H
