#ifndef BURNRATE_CORE_ONBOARDING_ONBOARDINGSTATE_H
#define BURNRATE_CORE_ONBOARDING_ONBOARDINGSTATE_H

#include "importers/agentlog.h"

#include <QList>

namespace burnrate {

class Ledger;
class Settings;

// What the first run remembers: whether the onboarding was done or skipped, and which agent-log
// sources the user agreed to import (only those are imported and watched by the app).
class OnboardingState final
{
public:
    // The onboarding shows when the ledger holds nothing, no key is stored and it was never
    // completed or skipped.
    static bool needed(Ledger &ledger, const Settings &settings, bool anyKeyStored);
    static void markCompleted(Settings &settings);
    static void markSkipped(Settings &settings);

    // Any request, usage bucket, billed cost or balance.
    static bool ledgerHoldsData(Ledger &ledger);

    static QList<AgentLogSource> agreedSources(const Settings &settings);
    static void setAgreed(Settings &settings, AgentLogSource source, bool agreed);
};

} // namespace burnrate

#endif // BURNRATE_CORE_ONBOARDING_ONBOARDINGSTATE_H
