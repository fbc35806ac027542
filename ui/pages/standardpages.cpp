#include "ui/pages/standardpages.h"

#include "ui/mainwindow.h"
#include "ui/pages/conversationspage.h"
#include "ui/pages/reconciliationpage.h"
#include "ui/pages/workflowspage.h"

namespace burnrate::ui {

void addStandardPages(MainWindow &window, Ledger &ledger, const Clock &clock)
{
    auto *conversations = new ConversationsPage(ledger, clock);
    conversations->setObjectName(QStringLiteral("conversationsPage"));
    window.addPage(conversations);
    auto *workflows = new WorkflowsPage(ledger, clock);
    workflows->setObjectName(QStringLiteral("workflowsPage"));
    window.addPage(workflows);
    auto *reconciliation = new ReconciliationPage(ledger, clock);
    reconciliation->setObjectName(QStringLiteral("reconciliationPage"));
    window.addPage(reconciliation);
}

} // namespace burnrate::ui
