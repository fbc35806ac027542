#ifndef BURNRATE_UI_ONBOARDING_LOGSPAGE_H
#define BURNRATE_UI_ONBOARDING_LOGSPAGE_H

#include "importers/agentlog.h"
#include "ui/onboarding/billingdialog.h"

#include <QMap>
#include <QPointer>
#include <QStringList>
#include <QWizardPage>

class QCheckBox;
class QPushButton;

namespace burnrate {
class AgentLogImportRunner;
class Ledger;
} // namespace burnrate

namespace burnrate::ui {

class ImportProgress;

// Onboarding, second page: the agent-log roots found on this computer with their size, a checkbox each,
// and Import: asks how each new source is paid (BillingDialog), remembers that the user agreed to import
// it, and runs the imports in the background with a progress bar and Cancel.
class LogsPage final : public QWizardPage
{
    Q_OBJECT

public:
    LogsPage(Ledger &ledger, QString dataDir, AgentLogImportRunner &runner, QMap<AgentLogSource, QStringList> roots,
             QWidget *parent = nullptr);

    QCheckBox *checkBox(AgentLogSource source) const { return m_boxes.value(source); }
    QPushButton *importButton() const { return m_import; }
    ImportProgress *progress() const { return m_progress; }
    // The billing question of the last Import, while it is open.
    BillingDialog *billingDialog() const { return m_billing; }

    static QString describeRoots(AgentLogSource source, const QStringList &roots);

private:
    void startImport();
    void importSources(const QList<AgentLogSource> &sources);
    QList<AgentLogSource> checkedSources() const;

    Ledger &m_ledger;
    QString m_dataDir;
    AgentLogImportRunner &m_runner;
    QMap<AgentLogSource, QStringList> m_roots;
    QMap<AgentLogSource, QCheckBox *> m_boxes;
    QPushButton *m_import;
    ImportProgress *m_progress;
    QPointer<BillingDialog> m_billing;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_ONBOARDING_LOGSPAGE_H
