#ifndef BURNRATE_CORE_CLI_PRICES_P_H
#define BURNRATE_CORE_CLI_PRICES_P_H

// Helpers shared by the `prices` and `reprice` commands. Not part of any interface.

#include "cli/commands.h"
#include "pricing/pricebook.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace burnrate::cli::detail {

// "YYYY-MM-DD" (UTC midnight) or an RFC 3339 instant, as UTC ms.
std::optional<std::int64_t> parseInstant(const QString &text);

// A rate as the file writes it: USD per 1M tokens, per request, or per 1,000 searches.
QString rateText(RateKey key, std::int64_t pico);
QString rateUnit(RateKey key);

int pricesUsage(CommandContext &ctx, const QString &message);
int pricesFailure(CommandContext &ctx, const QString &message);

int runPricesShow(CommandContext &ctx, const QStringList &args);
int runPricesQuote(CommandContext &ctx, const QStringList &args);
int runPricesUpdate(CommandContext &ctx, const QStringList &args);

} // namespace burnrate::cli::detail

#endif // BURNRATE_CORE_CLI_PRICES_P_H
