#ifndef BURNRATE_CORE_CLI_COMMANDS_H
#define BURNRATE_CORE_CLI_COMMANDS_H

#include "importers/agentlog.h"

#include <QString>
#include <QStringList>

#include <functional>

class QTextStream;

namespace burnrate {
class Clock;
}

namespace burnrate::cli {

struct CliServices;

struct CommandContext
{
    QTextStream &out;
    QTextStream &err;
    QString dataDir;
    std::function<CliServices &()> services; // made on first use: `report` never touches the network or keychain
    const Clock *clock = nullptr;            // "now" for the command; Cli::run() always sets it
    int lockWaitMs = 60'000;                 // how long to wait for another Burnrate process's write lock (--wait)
    QString *damage = nullptr;               // set to SQLite's words when the command finds the ledger damaged
};

int runImport(CommandContext &ctx, const QStringList &args);
// `billing` is the --billing value, or a null string when not given.
int runAgentImport(CommandContext &ctx, AgentLogSource source, const QStringList &paths, const QString &billing,
                   bool verbose);
int runReport(CommandContext &ctx, const QStringList &args);
int runPrices(CommandContext &ctx, const QStringList &args);
int runReprice(CommandContext &ctx, const QStringList &args);
int runBudget(CommandContext &ctx, const QStringList &args);
int runKeys(CommandContext &ctx, const QStringList &args);
int runSync(CommandContext &ctx, const QStringList &args);
int runDoctor(CommandContext &ctx, const QStringList &args);
int runBackup(CommandContext &ctx, const QStringList &args);
// Moves a damaged ledger aside and offers the newest good backup; `problem` is what SQLite found.
int recoverDamagedLedger(CommandContext &ctx, const QString &problem);

} // namespace burnrate::cli

#endif // BURNRATE_CORE_CLI_COMMANDS_H
