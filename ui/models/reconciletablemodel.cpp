#include "ui/models/reconciletablemodel.h"

#include "money/money.h"
#include "ui/models/reporttablemodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>
#include <cmath>
#include <limits>

namespace burnrate::ui {

namespace {

QString usd(const std::optional<std::int64_t> &nano)
{
    return nano ? Money::fromNano(*nano).toDisplayString(4) : QStringLiteral("–");
}

QVariant nanoOrNull(const std::optional<std::int64_t> &nano)
{
    return nano ? QVariant::fromValue<qint64>(*nano) : QVariant();
}

} // namespace

ReconcileTableModel::ReconcileTableModel(QObject *parent)
    : RowTableModel(parent)
{}

void ReconcileTableModel::setRows(QList<ReconcileRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

std::optional<std::int64_t> ReconcileTableModel::driftNano(const ReconcileRow &row)
{
    if (!row.billedNano || !row.estimatedNano) {
        return std::nullopt;
    }
    return *row.estimatedNano - *row.billedNano;
}

bool ReconcileTableModel::isLargeDrift(const ReconcileRow &row)
{
    const auto pct = row.driftPercent();
    return pct && std::abs(*pct) >= LargeDriftPercent;
}

QVariant ReconcileTableModel::otherRole(int at, int column, int role) const
{
    const ReconcileRow &row = m_rows.at(at);
    switch (role) {
    case LargeDriftRole:
        return isLargeDrift(row);
    case Qt::FontRole: {
        QFont font;
        font.setItalic(!row.closed);
        font.setBold(isLargeDrift(row) && (column == DriftColumn || column == DriftPercentColumn));
        return font;
    }
    case Qt::BackgroundRole:
        return isLargeDrift(row) ? QVariant(QBrush(QColor(255, 224, 178))) : QVariant();
    case Qt::ForegroundRole:
        return isLargeDrift(row) ? QVariant(QBrush(QColor(120, 50, 0))) : QVariant();
    default:
        return {};
    }
}

QVariant ReconcileTableModel::display(int at, int column) const
{
    const ReconcileRow &row = m_rows.at(at);
    switch (column) {
    case DayColumn:
        return row.day.toString(Qt::ISODate);
    case ProviderColumn:
        return ReportTableModel::providerDisplayName(row.provider);
    case BilledColumn:
        return usd(row.billedNano);
    case EstimatedColumn:
        if (row.unpricedTokens > 0) {
            return row.estimatedNano && *row.estimatedNano > 0 ? usd(row.estimatedNano) + QLatin1Char('*')
                                                               : tr("unpriced");
        }
        return usd(row.estimatedNano);
    case DriftColumn: {
        const auto d = driftNano(row);
        if (!d) {
            return QStringLiteral("–");
        }
        return (*d > 0 ? QStringLiteral("+") : QString()) + Money::fromNano(*d).toDisplayString(4);
    }
    case DriftPercentColumn: {
        const auto p = row.driftPercent();
        return p ? QString::number(*p, 'f', 1) + QLatin1Char('%') : QStringLiteral("–");
    }
    case StatusColumn:
        return row.closed ? tr("final") : tr("open");
    case CountedColumn:
        return row.counted;
    default:
        return {};
    }
}

QVariant ReconcileTableModel::raw(int at, int column) const
{
    const ReconcileRow &row = m_rows.at(at);
    switch (column) {
    case DayColumn:
        return row.day;
    case ProviderColumn:
        return row.provider;
    case BilledColumn:
        return nanoOrNull(row.billedNano);
    case EstimatedColumn:
        return nanoOrNull(row.estimatedNano);
    case DriftColumn:
        return nanoOrNull(driftNano(row));
    case DriftPercentColumn: {
        const auto p = row.driftPercent();
        return p ? QVariant(*p) : QVariant();
    }
    case StatusColumn:
        return row.closed;
    case CountedColumn:
        return row.counted;
    default:
        return {};
    }
}

QVariant ReconcileTableModel::toolTip(int at, int column) const
{
    const ReconcileRow &row = m_rows.at(at);
    if (column == StatusColumn && !row.closed) {
        return tr("Not final yet: a provider's bill for a UTC day closes 24 hours after the day ends; until then the "
                  "estimate counts.");
    }
    if (column == EstimatedColumn && row.unpricedTokens > 0) {
        return tr("%n token(s) of this estimate have no price, so no drift is given.", nullptr,
                  static_cast<int>(std::min<std::int64_t>(row.unpricedTokens, std::numeric_limits<int>::max())));
    }
    if ((column == DriftColumn || column == DriftPercentColumn) && isLargeDrift(row)) {
        return tr("The estimate is %1% or more off the bill.").arg(LargeDriftPercent, 0, 'f', 0);
    }
    return {};
}

QString ReconcileTableModel::title(int column) const
{
    switch (column) {
    case DayColumn:
        return tr("Day (UTC)");
    case ProviderColumn:
        return tr("Provider");
    case BilledColumn:
        return tr("Billed");
    case EstimatedColumn:
        return tr("Estimated");
    case DriftColumn:
        return tr("Drift");
    case DriftPercentColumn:
        return tr("Drift %");
    case StatusColumn:
        return tr("Status");
    case CountedColumn:
        return tr("Counted");
    default:
        return {};
    }
}

} // namespace burnrate::ui
