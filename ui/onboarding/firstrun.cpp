#include "ui/onboarding/firstrun.h"

#include "importers/sourcebilling.h"
#include "jobs/watchedimports.h"
#include "onboarding/onboardingstate.h"
#include "secrets/keyresolver.h"
#include "ui/onboarding/billingdialog.h"
#include "util/settings.h"

#include <memory>

namespace burnrate::ui {

FirstRun::FirstRun(OnboardingDialog::Services services, WatchedImports &watched, QWidget *window)
    : m_services(std::move(services))
    , m_watched(watched)
    , m_window(window)
{}

void FirstRun::start()
{
    // Any key, in the keychain or the environment? A keychain that cannot answer counts as none.
    struct Count
    {
        qsizetype pending = 0;
        bool any = false;
    };
    auto count = std::make_shared<Count>();
    count->pending = allKeySpecs().size();
    auto resolver = std::make_shared<KeyResolver>(*m_services.secrets);
    QPointer<FirstRun> self(this);
    for (const KeySpec &spec : allKeySpecs()) {
        resolver->resolve(spec, [self, count, resolver](const ResolvedKey &key) {
            count->any = count->any || key.found();
            if (--count->pending == 0 && self) {
                self->decide(count->any);
            }
        });
    }
}

void FirstRun::decide(bool anyKey)
{
    if (!OnboardingState::needed(*m_services.ledger, Settings(m_services.dataDir), anyKey)) {
        startWatching();
        return;
    }
    m_onboarding = new OnboardingDialog(m_services, m_window);
    m_onboarding->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_onboarding, &OnboardingDialog::demoRequested, this, &FirstRun::demoRequested);
    connect(m_onboarding, &QDialog::finished, this, &FirstRun::startWatching);
    m_onboarding->show();
}

void FirstRun::startWatching()
{
    QList<AgentLogSource> undecided;
    for (AgentLogSource source : OnboardingState::agreedSources(Settings(m_services.dataDir))) {
        if (!m_services.roots.value(source).isEmpty() &&
            !SourceBilling::decided(*m_services.ledger, agentLogSourceName(source))) {
            undecided << source;
        }
    }
    if (undecided.isEmpty()) {
        watchDecided();
        return;
    }
    m_billing = new BillingDialog(*m_services.ledger, undecided, m_window);
    m_billing->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_billing, &QDialog::finished, this, &FirstRun::watchDecided); // declined: those stay unwatched
    m_billing->open();
}

void FirstRun::watchDecided()
{
    const QList<AgentLogSource> agreed = OnboardingState::agreedSources(Settings(m_services.dataDir));
    for (AgentLogSource source : {AgentLogSource::ClaudeCode, AgentLogSource::Codex}) {
        const QStringList roots = m_services.roots.value(source);
        const auto billing = SourceBilling::decided(*m_services.ledger, agentLogSourceName(source));
        if (agreed.contains(source) && !roots.isEmpty() && billing) {
            m_watched.watch(source, roots, *billing);
        } else if (m_watched.isWatching(source)) {
            m_watched.unwatch(source);
        }
    }
    Q_EMIT watching();
}

} // namespace burnrate::ui
