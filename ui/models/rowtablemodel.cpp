#include "ui/models/rowtablemodel.h"

#include "ui/format.h"

#include <QFont>

namespace burnrate::ui {

RowTableModel::RowTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int RowTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : rowTotal();
}

int RowTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : columnTotal();
}

QVariant RowTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const int row = index.row();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case RawValueRole:
        return raw(row, column);
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case Qt::TextAlignmentRole:
        return Format::alignment(isNumeric(column));
    default:
        return otherRole(row, column, role);
    }
}

QVariant RowTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnTotal()) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return title(section);
    case Qt::ToolTipRole: {
        const QString tip = titleToolTip(section);
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case Qt::TextAlignmentRole:
        return Format::alignment(isNumeric(section));
    default:
        return {};
    }
}

QString RowTableModel::titleToolTip(int) const
{
    return {};
}

QVariant RowTableModel::toolTip(int, int) const
{
    return {};
}

QVariant RowTableModel::otherRole(int, int, int) const
{
    return {};
}

QVariant RowTableModel::italicFont()
{
    QFont font;
    font.setItalic(true);
    return font;
}

} // namespace burnrate::ui
