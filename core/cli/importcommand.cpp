#include "cli/arguments.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/ledgeropener.h"
#include "importers/eventimporter.h"
#include "pricing/pricestore.h"

#include <QTextStream>

namespace burnrate::cli {

namespace {

constexpr int IssuesShownByDefault = 20;

int usage(CommandContext &ctx, const QString &message)
{
    ctx.err << "burnrate import: " << message << Qt::endl;
    return ExitUsage;
}

} // namespace

int runImport(CommandContext &ctx, const QStringList &args)
{
    auto parsed =
        Arguments::parse(args, {QStringLiteral("--source"), QStringLiteral("--format"), QStringLiteral("--billing")},
                         {QStringLiteral("--verbose")});
    if (!parsed) {
        return usage(ctx, parsed.error());
    }
    const QStringList &pos = parsed->positionals();
    if (pos.isEmpty()) {
        return usage(ctx, QStringLiteral("say what to import: claude-code [PATH...], codex [PATH...] or "
                                         "events FILE...|-"));
    }
    const QString kind = pos.first();
    if (const auto agent = agentLogSourceFromName(kind)) {
        for (const char *option : {"--source", "--format"}) {
            if (parsed->has(QLatin1String(option))) {
                return usage(ctx, QStringLiteral("%1 is for events, not %2 logs").arg(QLatin1String(option), kind));
            }
        }
        const QString billing = parsed->has(QStringLiteral("--billing"))
                                    ? parsed->value(QStringLiteral("--billing"), QStringLiteral(""))
                                    : QString();
        return runAgentImport(ctx, *agent, pos.mid(1), billing, parsed->has(QStringLiteral("--verbose")));
    }
    if (kind != QLatin1String("events")) {
        return usage(ctx, QStringLiteral("unknown source \"%1\" (use claude-code, codex or events)").arg(kind));
    }
    if (parsed->has(QStringLiteral("--billing"))) {
        return usage(ctx, QStringLiteral("--billing is for claude-code and codex logs"));
    }
    const QStringList files = pos.mid(1);
    if (files.isEmpty()) {
        return usage(ctx, QStringLiteral("name at least one events file, or - for standard input"));
    }
    EventImporter::Format format = EventImporter::Format::Auto;
    if (parsed->has(QStringLiteral("--format"))) {
        const QString f = parsed->value(QStringLiteral("--format"));
        if (f == QLatin1String("jsonl")) {
            format = EventImporter::Format::Jsonl;
        } else if (f == QLatin1String("csv")) {
            format = EventImporter::Format::Csv;
        } else {
            return usage(ctx, QStringLiteral("--format must be jsonl or csv"));
        }
    }
    const QString source = parsed->value(QStringLiteral("--source"), QStringLiteral("events")).trimmed();
    if (source.isEmpty()) {
        return usage(ctx, QStringLiteral("--source needs a name"));
    }
    auto ledger = openLedger(ctx);
    if (!ledger) {
        ctx.err << "burnrate: " << ledger.error() << Qt::endl;
        return ExitFailure;
    }
    // Events are priced at import with the active book; without one nothing could be trusted.
    auto book = PriceStore(**ledger).load();
    if (!book) {
        ctx.err << "burnrate: cannot load the price book: " << book.error() << Qt::endl;
        return ExitFailure;
    }
    EventImporter importer(**ledger, source, book->get());
    ImportSummary summary;
    for (const QString &file : files) {
        if (auto st = importer.importPath(file, format, summary); !st) {
            ctx.err << "burnrate: " << st.error() << Qt::endl;
            return ExitFailure;
        }
    }
    const bool verbose = parsed->has(QStringLiteral("--verbose"));
    const qsizetype shown =
        verbose ? summary.issues.size() : std::min<qsizetype>(summary.issues.size(), IssuesShownByDefault);
    for (qsizetype i = 0; i < shown; ++i) {
        ctx.err << summary.issues.at(i).location << ": " << summary.issues.at(i).reason << Qt::endl;
    }
    if (summary.rejected > shown) {
        ctx.err << "... and " << (summary.rejected - shown) << " more rejected lines"
                << (verbose ? QString() : QStringLiteral(" (--verbose lists them)")) << Qt::endl;
    }
    ctx.out << "imported " << summary.accepted() << " events from " << summary.files
            << (summary.files == 1 ? " file" : " files") << ": " << summary.inserted << " new, " << summary.updated
            << " updated, " << summary.unchanged << " unchanged; " << summary.rejected << " lines rejected" << Qt::endl;
    return summary.rejected > 0 ? ExitFailure : ExitOk;
}

} // namespace burnrate::cli
