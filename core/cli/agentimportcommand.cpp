// `burnrate import claude-code|codex [PATH...] [--billing api|subscription] [--verbose]`
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/ledgeropener.h"
#include "importers/agentlogimporter.h"
#include "importers/agentlogpricing.h"
#include "importers/logdiscovery.h"
#include "importers/sourcebilling.h"

#include <QProcessEnvironment>
#include <QTextStream>

namespace burnrate::cli {

namespace {

constexpr int ShownByDefault = 20;

QString megabytes(std::int64_t bytes)
{
    return QString::number(static_cast<double>(bytes) / 1e6, 'f', 1) + QStringLiteral(" MB");
}

QString subscriptionName(AgentLogSource source)
{
    return source == AgentLogSource::ClaudeCode ? QStringLiteral("a Claude Pro/Max subscription")
                                                : QStringLiteral("a ChatGPT plan");
}

void printProblems(CommandContext &ctx, const AgentLogImportSummary &s, bool verbose)
{
    for (const QString &failure : s.failures) {
        ctx.err << "burnrate: " << failure << Qt::endl;
    }
    if (s.malformed == 0) {
        return;
    }
    if (verbose) {
        for (const ImportIssue &issue : s.issues) {
            ctx.err << issue.location << ": " << issue.reason << Qt::endl;
        }
        if (s.malformed > s.issues.size()) {
            ctx.err << "... and " << (s.malformed - s.issues.size()) << " more malformed lines" << Qt::endl;
        }
        return;
    }
    const qsizetype shown = std::min<qsizetype>(s.malformedByFile.size(), ShownByDefault);
    for (qsizetype i = 0; i < shown; ++i) {
        const auto &[path, count] = s.malformedByFile.at(i);
        ctx.err << path << ": " << count << (count == 1 ? " malformed line" : " malformed lines") << Qt::endl;
    }
    if (s.malformedByFile.size() > shown) {
        ctx.err << "... and " << (s.malformedByFile.size() - shown) << " more files with malformed lines" << Qt::endl;
    }
    ctx.err << "(--verbose lists each malformed line as file:line and why)" << Qt::endl;
}

} // namespace

int runAgentImport(CommandContext &ctx, AgentLogSource source, const QStringList &paths, const QString &billingArg,
                   bool verbose)
{
    const QString name = agentLogSourceName(source);
    std::optional<Billing> requested;
    if (!billingArg.isNull()) {
        requested = SourceBilling::fromName(billingArg);
        if (!requested) {
            ctx.err << "burnrate import: --billing must be api or subscription" << Qt::endl;
            return ExitUsage;
        }
    }
    QStringList notes;
    auto roots = paths.isEmpty() ? LogDiscovery::defaultRoots(source, QProcessEnvironment::systemEnvironment(), notes)
                                 : LogDiscovery::rootsForPaths(source, paths);
    if (!roots) {
        ctx.err << "burnrate: " << roots.error() << Qt::endl;
        return ExitFailure;
    }
    auto ledger = openLedger(ctx);
    if (!ledger) {
        ctx.err << "burnrate: " << ledger.error() << Qt::endl;
        return ExitFailure;
    }
    const std::optional<Billing> decided = SourceBilling::decided(**ledger, name);
    Billing billing = decided.value_or(Billing::Api);
    if (requested && requested != decided) {
        auto changed = SourceBilling::set(**ledger, name, *requested);
        if (!changed) {
            ctx.err << "burnrate: " << changed.error() << Qt::endl;
            return ExitFailure;
        }
        billing = *requested;
        if (*changed > 0) {
            ctx.err << "burnrate: " << name << " is now billed as " << billingName(billing) << "; " << *changed
                    << " earlier requests were re-marked" << Qt::endl;
        }
    } else if (!decided) {
        ctx.err << "burnrate: " << name << " usage is counted as API spend because its billing is not set. If it "
                << "runs on " << subscriptionName(source) << ", run `burnrate import " << name
                << " --billing subscription`: it then shows as equivalent value, never as spend." << Qt::endl;
    }
    if (roots->isEmpty()) {
        ctx.out << "no " << name << " logs found (looked in " << notes.join(QStringLiteral(", ")) << ")" << Qt::endl;
        return ExitOk;
    }
    AgentLogImportOptions options;
    options.billing = billing;
    priceWithActiveBook(options, **ledger); // one Pricer per parser thread; the book loads only if needed
    // Requests per write transaction: larger is faster, smaller shows progress sooner.
    if (const int batch = qEnvironmentVariableIntValue("BURNRATE_IMPORT_BATCH"); batch > 0) {
        options.batchEvents = batch;
    }
    AgentLogImporter importer(**ledger, source, options);
    auto summary = importer.importRoots(*roots);
    if (!summary) {
        ctx.err << "burnrate: " << summary.error() << Qt::endl;
        return ExitFailure;
    }
    const AgentLogImportSummary &s = *summary;
    printProblems(ctx, s, verbose);
    ctx.out << name << ": " << s.files << (s.files == 1 ? " log file" : " log files") << " (" << s.filesNew << " new, "
            << s.filesGrown << " grown, " << s.filesRewritten << " rewritten, " << s.filesUnchanged << " unchanged, "
            << s.filesGone << " gone), " << megabytes(s.bytesRead) << " read" << Qt::endl;
    ctx.out << name << ": " << s.inserted << " new requests, " << s.updated << " updated, " << s.duplicates
            << " duplicate copies, " << s.replays << " replays; " << s.malformed << " malformed lines; billed as "
            << billingName(billing) << Qt::endl;
    if (verbose && s.threads > 0) {
        ctx.err << name << ": parsed on " << s.threads << " threads (" << s.parseCpuMs << " ms CPU), written on one ("
                << s.writeCpuMs << " ms CPU); planned at " << s.plannedMs << " ms, written at " << s.writtenMs
                << " ms, committed at " << s.committedMs << " ms, checkpointed at " << s.finishedMs << " ms"
                << Qt::endl;
    }
    return s.malformed > 0 || s.filesFailed > 0 ? ExitFailure : ExitOk;
}

} // namespace burnrate::cli
