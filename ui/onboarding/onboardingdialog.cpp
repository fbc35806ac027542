#include "ui/onboarding/onboardingdialog.h"

#include "onboarding/onboardingstate.h"
#include "providers/keyreplacer.h"
#include "ui/onboarding/keyspage.h"
#include "ui/onboarding/logspage.h"
#include "util/settings.h"

namespace burnrate::ui {

OnboardingDialog::OnboardingDialog(const Services &services, QWidget *parent)
    : QWizard(parent)
    , m_dataDir(services.dataDir)
    , m_validator(std::make_unique<KeyReplacer>(*services.secrets, *services.nam, *services.clock, services.env,
                                                services.policy))
    , m_keys(new KeysPage(*m_validator, this))
    , m_logs(new LogsPage(*services.ledger, services.dataDir, *services.runner, services.roots, this))
{
    setWindowTitle(tr("Welcome to Burnrate"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setButtonText(QWizard::CancelButton, tr("Skip"));
    addPage(m_keys);
    addPage(m_logs);
    connect(m_keys, &KeysPage::demoRequested, this, &OnboardingDialog::demoRequested);
    resize(760, 620);
}

OnboardingDialog::~OnboardingDialog() = default;

void OnboardingDialog::accept()
{
    Settings settings(m_dataDir);
    OnboardingState::markCompleted(settings);
    QWizard::accept();
}

void OnboardingDialog::reject()
{
    Settings settings(m_dataDir);
    OnboardingState::markSkipped(settings);
    QWizard::reject();
}

} // namespace burnrate::ui
