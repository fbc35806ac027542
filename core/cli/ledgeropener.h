#ifndef BURNRATE_CORE_CLI_LEDGEROPENER_H
#define BURNRATE_CORE_CLI_LEDGEROPENER_H

#include "cli/commands.h"
#include "ledger/ledger.h"
#include "util/settings.h"

#include <memory>

namespace burnrate::cli {

// Opens the ledger of the command's data folder with the calendar of its settings.
inline Result<std::unique_ptr<Ledger>> openLedger(const CommandContext &ctx)
{
    auto calendar = Settings(ctx.dataDir).calendar();
    if (!calendar) {
        return Result<std::unique_ptr<Ledger>>::failure(calendar.error());
    }
    return Ledger::open(ctx.dataDir, std::move(calendar).value());
}

} // namespace burnrate::cli

#endif // BURNRATE_CORE_CLI_LEDGEROPENER_H
