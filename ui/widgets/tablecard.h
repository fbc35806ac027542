#ifndef BURNRATE_UI_WIDGETS_TABLECARD_H
#define BURNRATE_UI_WIDGETS_TABLECARD_H

#include <QString>

class QAbstractItemModel;
class QFrame;
class QLabel;
class QTableView;
class QWidget;

namespace burnrate::ui {

// A section caption: the window font, larger and semi-bold.
QLabel *makeSectionTitle(const QString &text, QWidget *parent = nullptr);

// A card with a caption and a read-only, sortable table over `model` (sorted by `sortRole` values). The view is
// returned through `view`; sorting starts on `sortColumn`, descending.
QFrame *makeTableCard(const QString &title, QAbstractItemModel *model, int sortRole, int sortColumn, QTableView *&view);

} // namespace burnrate::ui

#endif // BURNRATE_UI_WIDGETS_TABLECARD_H
