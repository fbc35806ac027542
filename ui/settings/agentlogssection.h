#ifndef BURNRATE_UI_SETTINGS_AGENTLOGSSECTION_H
#define BURNRATE_UI_SETTINGS_AGENTLOGSSECTION_H

#include "importers/agentlog.h"
#include "ui/settings/settingssection.h"

#include <QMap>

class QCheckBox;
class QComboBox;

namespace burnrate {
class Ledger;
}

namespace burnrate::ui {

// Agent logs: which local sources (Claude Code, Codex CLI) Burnrate imports and watches while it runs, and how
// each is paid — API-billed (counts as spend) or a subscription (shown as equivalent value, never spend). A
// changed billing re-marks that source's requests already in the ledger.
class AgentLogsSection final : public SettingsSection
{
    Q_OBJECT

public:
    AgentLogsSection(Ledger &ledger, QString dataDir, QWidget *parent = nullptr);

    QString title() const override;
    void load() override;
    QString apply(bool &changed) override;

    QCheckBox *watchBox(AgentLogSource source) const { return m_watch.value(source); }
    QComboBox *billingBox(AgentLogSource source) const { return m_billing.value(source); }

private:
    Ledger &m_ledger;
    QString m_dataDir;
    QMap<AgentLogSource, QCheckBox *> m_watch;
    QMap<AgentLogSource, QComboBox *> m_billing;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_SETTINGS_AGENTLOGSSECTION_H
