#ifndef BURNRATE_UI_ONBOARDING_BILLINGDIALOG_H
#define BURNRATE_UI_ONBOARDING_BILLINGDIALOG_H

#include "importers/agentlog.h"

#include <QDialog>
#include <QList>

#include <map>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QRadioButton;

namespace burnrate {
class Ledger;
}

namespace burnrate::ui {

// Asks, before a source's first import, how its usage is paid: per token through an API key (counted as
// spend) or by a subscription (Claude Pro/Max, a ChatGPT plan: shown as equivalent value, never spend).
// OK stores every answer with SourceBilling; it is enabled once each source has one.
class BillingDialog final : public QDialog
{
    Q_OBJECT

public:
    BillingDialog(Ledger &ledger, QList<AgentLogSource> sources, QWidget *parent = nullptr);

    QRadioButton *apiButton(AgentLogSource source) const;
    QRadioButton *subscriptionButton(AgentLogSource source) const;
    QDialogButtonBox *buttons() const { return m_buttons; }
    std::optional<Billing> choice(AgentLogSource source) const;

    void accept() override;

private:
    struct Row
    {
        QRadioButton *api = nullptr;
        QRadioButton *subscription = nullptr;
    };
    void updateOk();

    Ledger &m_ledger;
    QList<AgentLogSource> m_sources;
    std::map<AgentLogSource, Row> m_rows;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_ONBOARDING_BILLINGDIALOG_H
