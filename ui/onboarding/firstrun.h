#ifndef BURNRATE_UI_ONBOARDING_FIRSTRUN_H
#define BURNRATE_UI_ONBOARDING_FIRSTRUN_H

#include "ui/onboarding/billingdialog.h"
#include "ui/onboarding/onboardingdialog.h"

#include <QObject>
#include <QPointer>

namespace burnrate {
class WatchedImports;
}

namespace burnrate::ui {

// What the app does at start about keys and agent logs: shows the onboarding on a first run (empty
// ledger, no key, never completed or skipped), and then — or straight away — watches and imports the
// agent-log sources the user agreed to, asking how a source is paid first when nobody has said.
class FirstRun final : public QObject
{
    Q_OBJECT

public:
    FirstRun(OnboardingDialog::Services services, WatchedImports &watched, QWidget *window);

    // Asynchronous: looks for a stored key first.
    void start();

    OnboardingDialog *onboarding() const { return m_onboarding; }
    BillingDialog *billingDialog() const { return m_billing; }

    // Watches the agreed sources whose billing is decided, with their billing, and stops watching the others
    // (after the settings changed them).
    void watchDecided();

Q_SIGNALS:
    void demoRequested();
    // The agreed sources are being watched (the onboarding, if any, is closed).
    void watching();

private:
    void decide(bool anyKey);
    void startWatching();

    OnboardingDialog::Services m_services;
    WatchedImports &m_watched;
    QWidget *m_window;
    QPointer<OnboardingDialog> m_onboarding;
    QPointer<BillingDialog> m_billing;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_ONBOARDING_FIRSTRUN_H
