#ifndef BURNRATE_UI_WIDGETS_TABLEVIEWS_H
#define BURNRATE_UI_WIDGETS_TABLEVIEWS_H

class QAbstractItemModel;
class QSortFilterProxyModel;
class QTableView;
class QWidget;

namespace burnrate::ui {

// A read-only, row-selecting table over `model` through a sort proxy that sorts by `sortRole` (the exact raw
// values); every column sorts on a header click. Unsorted (the model's own order) until then.
QTableView *makeSortedTable(QAbstractItemModel *model, int sortRole, QWidget *parent,
                            QSortFilterProxyModel **proxy = nullptr);

} // namespace burnrate::ui

#endif // BURNRATE_UI_WIDGETS_TABLEVIEWS_H
