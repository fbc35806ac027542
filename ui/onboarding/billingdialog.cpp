#include "ui/onboarding/billingdialog.h"

#include "importers/sourcebilling.h"
#include "ui/jobs/importprogress.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace burnrate::ui {

namespace {

QString subscriptionText(AgentLogSource source)
{
    return source == AgentLogSource::ClaudeCode
               ? BillingDialog::tr("Subscription (Claude Pro or Max): shown as equivalent value, never as spend")
               : BillingDialog::tr("Subscription (a ChatGPT plan): shown as equivalent value, never as spend");
}

} // namespace

BillingDialog::BillingDialog(Ledger &ledger, QList<AgentLogSource> sources, QWidget *parent)
    : QDialog(parent)
    , m_ledger(ledger)
    , m_sources(std::move(sources))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("How is your agent usage paid?"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Burnrate counts API-billed usage against your budgets. Usage covered by a "
                                "subscription costs you nothing extra per token, so it is shown as what it would "
                                "have cost, never as spend. You can change this later."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    for (AgentLogSource source : std::as_const(m_sources)) {
        auto *box = new QGroupBox(ImportProgress::sourceTitle(source), this);
        auto *boxLayout = new QVBoxLayout(box);
        Row row;
        row.api = new QRadioButton(tr("API-billed (pay per token with an API key): counts as spend"), box);
        row.subscription = new QRadioButton(subscriptionText(source), box);
        auto *group = new QButtonGroup(box);
        group->addButton(row.api);
        group->addButton(row.subscription);
        boxLayout->addWidget(row.api);
        boxLayout->addWidget(row.subscription);
        connect(group, &QButtonGroup::buttonToggled, this, &BillingDialog::updateOk);
        layout->addWidget(box);
        m_rows[source] = row;
    }
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(highlight);"));
    m_error->hide();
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &BillingDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &BillingDialog::reject);
    updateOk();
}

QRadioButton *BillingDialog::apiButton(AgentLogSource source) const
{
    const auto it = m_rows.find(source);
    return it == m_rows.end() ? nullptr : it->second.api;
}

QRadioButton *BillingDialog::subscriptionButton(AgentLogSource source) const
{
    const auto it = m_rows.find(source);
    return it == m_rows.end() ? nullptr : it->second.subscription;
}

std::optional<Billing> BillingDialog::choice(AgentLogSource source) const
{
    const auto it = m_rows.find(source);
    if (it == m_rows.end()) {
        return std::nullopt;
    }
    if (it->second.api->isChecked()) {
        return Billing::Api;
    }
    if (it->second.subscription->isChecked()) {
        return Billing::Subscription;
    }
    return std::nullopt;
}

void BillingDialog::updateOk()
{
    bool all = true;
    for (AgentLogSource source : std::as_const(m_sources)) {
        all = all && choice(source).has_value();
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(all);
}

void BillingDialog::accept()
{
    for (AgentLogSource source : std::as_const(m_sources)) {
        const auto billing = choice(source);
        if (!billing) {
            return;
        }
        if (auto stored = SourceBilling::set(m_ledger, agentLogSourceName(source), *billing); !stored) {
            m_error->setText(tr("Could not save the choice: %1").arg(stored.error()));
            m_error->show();
            return;
        }
    }
    QDialog::accept();
}

} // namespace burnrate::ui
