#ifndef BURNRATE_UI_PAGES_DEFERREDPAGE_H
#define BURNRATE_UI_PAGES_DEFERREDPAGE_H

#include "ui/pages/page.h"

namespace burnrate::ui {

// A page that does no work while hidden: reload() on a hidden page only marks it stale, and the page refreshes
// when it is shown next.
class DeferredPage : public Page
{
    Q_OBJECT

public:
    using Page::Page;

    bool isStale() const { return m_stale; }

public Q_SLOTS:
    void reload() final;

protected:
    // Reads the ledger and fills the page; called only while the page is visible.
    virtual void refresh() = 0;
    void showEvent(QShowEvent *event) override;

private:
    bool m_stale = true;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_PAGES_DEFERREDPAGE_H
