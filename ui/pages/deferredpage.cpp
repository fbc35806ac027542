#include "ui/pages/deferredpage.h"

namespace burnrate::ui {

void DeferredPage::reload()
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_stale = false;
    refresh();
}

void DeferredPage::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    if (m_stale) {
        m_stale = false;
        refresh();
    }
}

} // namespace burnrate::ui
