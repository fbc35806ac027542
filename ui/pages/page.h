#ifndef BURNRATE_UI_PAGES_PAGE_H
#define BURNRATE_UI_PAGES_PAGE_H

#include <QWidget>

namespace burnrate::ui {

// One page of the main window (Overview, Conversations, Workflows, Reconciliation, ...). The window lists the
// pages in its navigation bar by title and shows one at a time. A page reads the ledger in reload(), which the
// window calls when the page is first shown, when the ledger changed (sync, import) and on a timer; a page that
// is not visible may defer the work until it is shown.
class Page : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    // The page's name in the navigation bar (translated).
    virtual QString title() const = 0;

public Q_SLOTS:
    // Reads the ledger again and refreshes everything on the page.
    virtual void reload() = 0;

Q_SIGNALS:
    // The page could not read the ledger; the window shows the message.
    void failed(const QString &message);
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_PAGES_PAGE_H
