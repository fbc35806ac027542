#ifndef BURNRATE_CORE_DEMO_DEMODATA_H
#define BURNRATE_CORE_DEMO_DEMODATA_H

#include "util/result.h"

#include <QString>
#include <QtGlobal>

#include <cstdint>

namespace burnrate {

class Clock;
class Ledger;

struct DemoSummary
{
    std::int64_t events = 0;
    std::int64_t unpricedEvents = 0;
    std::int64_t costNano = 0; // priced events only
    std::int64_t conversations = 0;
    std::int64_t workflowRuns = 0;
    std::int64_t firstAtMs = 0;
    std::int64_t lastAtMs = 0;
};

inline constexpr quint32 DefaultDemoSeed = 0xB0B5EEDu;

// The source name the demo events are stored under.
inline QString demoSourceName()
{
    return QStringLiteral("demo");
}

// Writes a generated, realistic month of requests into `ledger`, in one transaction: the 31 local
// days that end at the clock's "now" (nothing later), across Anthropic, OpenAI, OpenRouter and
// DeepSeek models, with about twenty coding conversations and five workflows (steps, retries,
// errors, latency, tool calls, outcomes). Costs come from a small built-in list-price table; one
// made-up model has no price, so about 2 % of the requests are unpriced. The same seed, clock and
// ledger time zone give the same events; writing them again changes nothing.
Result<DemoSummary> generateDemoMonth(Ledger &ledger, const Clock &clock, quint32 seed = DefaultDemoSeed);

} // namespace burnrate

#endif // BURNRATE_CORE_DEMO_DEMODATA_H
