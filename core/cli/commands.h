#ifndef BURNRATE_CORE_CLI_COMMANDS_H
#define BURNRATE_CORE_CLI_COMMANDS_H

#include "importers/agentlog.h"

#include <QString>
#include <QStringList>

class QTextStream;

namespace burnrate {
class Clock;
}

namespace burnrate::cli {

struct CommandContext
{
    QTextStream &out;
    QTextStream &err;
    QString dataDir;
    const Clock *clock = nullptr; // "now" for commands that need it; null = the system clock
};

int runImport(CommandContext &ctx, const QStringList &args);
// `billing` is the --billing value, or a null string when not given.
int runAgentImport(CommandContext &ctx, AgentLogSource source, const QStringList &paths, const QString &billing,
                   bool verbose);
int runReport(CommandContext &ctx, const QStringList &args);
int runPrices(CommandContext &ctx, const QStringList &args);
int runReprice(CommandContext &ctx, const QStringList &args);
int runBudget(CommandContext &ctx, const QStringList &args);

} // namespace burnrate::cli

#endif // BURNRATE_CORE_CLI_COMMANDS_H
