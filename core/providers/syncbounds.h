#ifndef BURNRATE_CORE_PROVIDERS_SYNCBOUNDS_H
#define BURNRATE_CORE_PROVIDERS_SYNCBOUNDS_H

#include "providers/syncdata.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace burnrate {

// The bounds of one row a provider's page gives, far above anything real (a row sums many requests, so its bounds
// are a thousand times those of one request in ledger/eventlimits.h), so that no page can make a total wrap or a
// table print a novel. A window with a row beyond them is refused whole: the provider's sync fails with the reason
// and nothing of the window is written. docs/provider-apis.md ("Limits") lists them.
namespace synclimits {
inline constexpr std::int64_t MaxTokens = 1'000'000'000'000'000;       // per token class and row
inline constexpr std::int64_t MaxCount = 1'000'000'000'000;            // requests, web searches, other counts per row
inline constexpr std::int64_t MaxAmountNano = 100'000'000'000'000'000; // USD 100 million, either sign
inline constexpr qsizetype MaxNameLength = 64; // bucket width, service tier, context window, currency, source
inline constexpr qsizetype MaxModelLength = 256;
inline constexpr qsizetype MaxIdLength = 512; // account, project, API key id, workspace, line item
inline constexpr qsizetype MaxDetailLength = 8192;
inline constexpr int MaxExtraFields = 64;
} // namespace synclimits

// Why a row is beyond the bounds ("model is 300 characters long (at most 256)"), or nothing.
std::optional<QString> outOfBounds(const UsageBucket &b);
std::optional<QString> outOfBounds(const BilledCost &c);
std::optional<QString> outOfBounds(const BalanceSnapshot &s);

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_SYNCBOUNDS_H
