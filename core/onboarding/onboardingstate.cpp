#include "onboarding/onboardingstate.h"

#include "ledger/database.h"
#include "ledger/ledger.h"
#include "util/settings.h"

namespace burnrate {

bool OnboardingState::needed(Ledger &ledger, const Settings &settings, bool anyKeyStored)
{
    return !anyKeyStored && settings.value(Settings::Key::Onboarding).toString().isEmpty() && !ledgerHoldsData(ledger);
}

void OnboardingState::markCompleted(Settings &settings)
{
    settings.setValue(Settings::Key::Onboarding, QStringLiteral("completed"));
}

void OnboardingState::markSkipped(Settings &settings)
{
    settings.setValue(Settings::Key::Onboarding, QStringLiteral("skipped"));
}

bool OnboardingState::ledgerHoldsData(Ledger &ledger)
{
    // A ledger that cannot be read counts as holding data: no onboarding over a problem.
    return ledger.db()
               .queryInt64("SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM usage_buckets)"
                           " OR EXISTS (SELECT 1 FROM billed_costs) OR EXISTS (SELECT 1 FROM balances)")
               .value_or(1) != 0;
}

QList<AgentLogSource> OnboardingState::agreedSources(const Settings &settings)
{
    QList<AgentLogSource> out;
    for (const QString &name : settings.value(Settings::Key::AgentLogSources).toStringList()) {
        if (const auto source = agentLogSourceFromName(name); source && !out.contains(*source)) {
            out << *source;
        }
    }
    return out;
}

void OnboardingState::setAgreed(Settings &settings, AgentLogSource source, bool agreed)
{
    QStringList names = settings.value(Settings::Key::AgentLogSources).toStringList();
    const QString name = agentLogSourceName(source);
    if (!agreed) {
        names.removeAll(name);
    } else if (!names.contains(name)) {
        names << name;
    }
    settings.setValue(Settings::Key::AgentLogSources, names);
}

} // namespace burnrate
