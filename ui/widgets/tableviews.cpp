#include "ui/widgets/tableviews.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace burnrate::ui {

QTableView *makeSortedTable(QAbstractItemModel *model, int sortRole, QWidget *parent, QSortFilterProxyModel **proxy)
{
    auto *sorter = new QSortFilterProxyModel(parent);
    sorter->setSourceModel(model);
    sorter->setSortRole(sortRole);
    sorter->setSortCaseSensitivity(Qt::CaseInsensitive);
    auto *view = new QTableView(parent);
    view->setModel(sorter);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->setVisible(false);
    view->horizontalHeader()->setSortIndicator(-1, Qt::DescendingOrder);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view->horizontalHeader()->setStretchLastSection(true);
    // Long ids and model lists are elided rather than pushing the figures out of sight.
    view->horizontalHeader()->setMaximumSectionSize(260);
    view->setTextElideMode(Qt::ElideMiddle);
    view->setSortingEnabled(true);
    if (proxy) {
        *proxy = sorter;
    }
    return view;
}

} // namespace burnrate::ui
