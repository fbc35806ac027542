#include "ui/models/reporttablemodel.h"

#include "money/money.h"
#include "ui/format.h"

#include <QFont>

namespace burnrate::ui {

namespace {

bool isNumeric(ReportTableModel::Field field)
{
    using F = ReportTableModel::Field;
    return field == F::Requests || field == F::Tokens || field == F::Cost || field == F::Share;
}

bool isUnpricedOnly(const ReportRow &row)
{
    return row.costNano == 0 && row.unpricedRequests > 0;
}

} // namespace

ReportTableModel::ReportTableModel(Kind kind, QObject *parent)
    : QAbstractTableModel(parent)
    , m_kind(kind)
{
    m_fields = kind == Kind::Provider ? QList<Field>{Field::Name, Field::Requests, Field::Tokens,
                                                     Field::Cost, Field::Share,    Field::Provenance}
                                      : QList<Field>{Field::Name, Field::Provider, Field::Requests,  Field::Tokens,
                                                     Field::Cost, Field::Share,    Field::Provenance};
}

void ReportTableModel::setRows(QList<ReportRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_totalCostNano = 0;
    for (const ReportRow &row : std::as_const(m_rows)) {
        m_totalCostNano += row.costNano;
    }
    endResetModel();
}

int ReportTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ReportTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_fields.size());
}

QVariant ReportTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const ReportRow &row = m_rows.at(index.row());
    const Field field = m_fields.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, field);
    case RawValueRole:
        return raw(row, field);
    case Qt::ToolTipRole:
        return toolTip(row, field);
    case Qt::TextAlignmentRole:
        return Format::alignment(isNumeric(field));
    case Qt::FontRole:
        if (field == Field::Cost && isUnpricedOnly(row)) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

QVariant ReportTableModel::display(const ReportRow &row, Field field) const
{
    switch (field) {
    case Field::Name:
        return m_kind == Kind::Provider ? providerDisplayName(row.key) : row.key;
    case Field::Provider:
        return providerDisplayName(row.provider);
    case Field::Requests:
        return Format::count(row.requests);
    case Field::Tokens:
        return Format::compactCount(row.tokens.total());
    case Field::Cost:
        if (isUnpricedOnly(row)) {
            return tr("unpriced");
        }
        return Money::fromNano(row.costNano).toDisplayString();
    case Field::Share:
        if (m_totalCostNano <= 0 || isUnpricedOnly(row)) {
            return tr("—");
        }
        // A display ratio, not money: a double is fine here.
        return tr("%1 %").arg(Format::locale().toString(
            100.0 * static_cast<double>(row.costNano) / static_cast<double>(m_totalCostNano), 'f', 1));
    case Field::Provenance:
        return Format::provenance(row.provenance);
    }
    return {};
}

QVariant ReportTableModel::raw(const ReportRow &row, Field field) const
{
    switch (field) {
    case Field::Name:
        return row.key;
    case Field::Provider:
        return row.provider;
    case Field::Provenance:
        return row.provenance;
    case Field::Requests:
        return static_cast<qlonglong>(row.requests);
    case Field::Tokens:
        return static_cast<qlonglong>(row.tokens.total());
    case Field::Cost:
    case Field::Share:
        return static_cast<qlonglong>(row.costNano);
    }
    return {};
}

QVariant ReportTableModel::toolTip(const ReportRow &row, Field field) const
{
    switch (field) {
    case Field::Tokens:
        return Format::tokenBreakdown(row.tokens);
    case Field::Cost:
        if (row.unpricedRequests > 0) {
            return Format::unpricedNote(row.unpricedRequests);
        }
        return Money::fromNano(row.costNano).toDisplayString(4);
    default:
        return {};
    }
}

QVariant ReportTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_fields.size()) {
        return {};
    }
    const Field field = m_fields.at(section);
    if (role == Qt::DisplayRole) {
        return fieldTitle(field);
    }
    if (role == Qt::TextAlignmentRole) {
        return Format::alignment(isNumeric(field));
    }
    return {};
}

QString ReportTableModel::fieldTitle(Field field) const
{
    switch (field) {
    case Field::Name:
        return m_kind == Kind::Provider ? tr("Provider") : tr("Model");
    case Field::Provider:
        return tr("Provider");
    case Field::Requests:
        return tr("Requests");
    case Field::Tokens:
        return tr("Tokens");
    case Field::Cost:
        return tr("Cost");
    case Field::Share:
        return tr("Share");
    case Field::Provenance:
        return tr("Source");
    }
    return {};
}

QString ReportTableModel::providerDisplayName(const QString &id)
{
    static const struct
    {
        const char *id;
        const char *name;
    } Names[] = {{"anthropic", "Anthropic"}, {"openai", "OpenAI"}, {"openrouter", "OpenRouter"},
                 {"deepseek", "DeepSeek"},   {"google", "Google"}, {"mistral", "Mistral"}};
    for (const auto &n : Names) {
        if (id == QLatin1String(n.id)) {
            return QLatin1String(n.name);
        }
    }
    return id;
}

} // namespace burnrate::ui
