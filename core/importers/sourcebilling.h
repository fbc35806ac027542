#ifndef BURNRATE_CORE_IMPORTERS_SOURCEBILLING_H
#define BURNRATE_CORE_IMPORTERS_SOURCEBILLING_H

#include "ledger/eventrecord.h"
#include "util/result.h"

#include <QString>

#include <optional>

namespace burnrate {

class Ledger;

// Whether a local source's usage is paid per token through an API key, or covered by a
// subscription (Claude Pro/Max, ChatGPT plans) and so shown as equivalent value, never as spend
// (docs/architecture.md §2). Kept per source in the ledger's meta table, so it travels with the data.
class SourceBilling final
{
public:
    // The user's decision for `source`; std::nullopt while nobody has decided (the desktop app
    // asks on the first import; the command line counts it as API spend and says so).
    static std::optional<Billing> decided(Ledger &ledger, const QString &source);

    // Records the decision and re-marks the source's existing requests to match, rollups included,
    // in one transaction. Returns how many requests changed billing.
    static Result<std::int64_t> set(Ledger &ledger, const QString &source, Billing billing);

    static std::optional<Billing> fromName(const QString &name);
};

} // namespace burnrate

#endif // BURNRATE_CORE_IMPORTERS_SOURCEBILLING_H
