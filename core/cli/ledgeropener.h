#ifndef BURNRATE_CORE_CLI_LEDGEROPENER_H
#define BURNRATE_CORE_CLI_LEDGEROPENER_H

#include "cli/commands.h"
#include "ledger/ledger.h"
#include "pricing/repricer.h"
#include "util/settings.h"

#include <QTextStream>

#include <memory>

namespace burnrate::cli {

// Opens the ledger of the command's data folder with the calendar of its settings, and undoes a re-pricing that
// was killed. While another Burnrate process holds the write lock, the command waits for it (up to --wait) and
// says so on stderr once.
inline Result<std::unique_ptr<Ledger>> openLedger(const CommandContext &ctx)
{
    auto calendar = Settings(ctx.dataDir).calendar();
    if (!calendar) {
        return Result<std::unique_ptr<Ledger>>::failure(calendar.error());
    }
    Database::Options options;
    options.busyTimeoutMs = ctx.lockWaitMs;
    options.onWaiting = [&err = ctx.err, seconds = ctx.lockWaitMs / 1000] {
        err << "burnrate: waiting for another Burnrate process to finish writing to the ledger… (up to " << seconds
            << " s)" << Qt::endl;
    };
    options.onDamaged = [damage = ctx.damage](const QString &problem) {
        if (damage && damage->isEmpty()) {
            *damage = problem;
        }
    };
    auto ledger = Ledger::open(ctx.dataDir, std::move(calendar).value(), std::move(options));
    if (ledger) {
        if (auto st = Repricer::recoverInterrupted(**ledger); !st) {
            return Result<std::unique_ptr<Ledger>>::failure(
                QStringLiteral("cannot undo an interrupted re-pricing: %1").arg(st.error()));
        }
    }
    return ledger;
}

} // namespace burnrate::cli

#endif // BURNRATE_CORE_CLI_LEDGEROPENER_H
