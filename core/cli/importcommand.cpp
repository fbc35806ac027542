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
        Arguments::parse(args, {QStringLiteral("--source"), QStringLiteral("--format")}, {QStringLiteral("--verbose")});
    if (!parsed) {
        return usage(ctx, parsed.error());
    }
    const QStringList &pos = parsed->positionals();
    if (pos.isEmpty()) {
        return usage(ctx, QStringLiteral("say what to import: events FILE...|-"));
    }
    const QString kind = pos.first();
    if (kind == QLatin1String("claude-code") || kind == QLatin1String("codex")) {
        ctx.err << "burnrate import: importing " << kind << " logs is not available in this version yet" << Qt::endl;
        return ExitFailure;
    }
    if (kind != QLatin1String("events")) {
        return usage(ctx, QStringLiteral("unknown source \"%1\" (use events)").arg(kind));
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
