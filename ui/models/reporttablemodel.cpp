#include "ui/models/reporttablemodel.h"

#include "money/money.h"
#include "ui/format.h"
#include "util/checkedsum.h"

namespace burnrate::ui {

namespace {

bool isNumericField(ReportTableModel::Field field)
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
    : RowTableModel(parent)
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
    SumCheck sums;
    for (const ReportRow &row : std::as_const(m_rows)) {
        sums.add(m_totalCostNano, row.costNano, "cost in nano-USD");
    }
    if (!sums.ok()) {
        m_totalCostNano = 0; // no shares: the rows' costs do not add up within 64 bits
    }
    endResetModel();
}

bool ReportTableModel::isNumeric(int column) const
{
    return isNumericField(m_fields.at(column));
}

QVariant ReportTableModel::otherRole(int at, int column, int role) const
{
    if (role == Qt::FontRole && m_fields.at(column) == Field::Cost && isUnpricedOnly(m_rows.at(at))) {
        return italicFont();
    }
    return {};
}

QVariant ReportTableModel::display(int at, int column) const
{
    const ReportRow &row = m_rows.at(at);
    const Field field = m_fields.at(column);
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

QVariant ReportTableModel::raw(int at, int column) const
{
    const ReportRow &row = m_rows.at(at);
    const Field field = m_fields.at(column);
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

QVariant ReportTableModel::toolTip(int at, int column) const
{
    const ReportRow &row = m_rows.at(at);
    const Field field = m_fields.at(column);
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

QString ReportTableModel::title(int column) const
{
    const Field field = m_fields.at(column);
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
