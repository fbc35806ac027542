#include "cli/arguments.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/ledgeropener.h"
#include "cli/reconcileformat.h"
#include "cli/reporttable.h"
#include "ledger/reconcilequery.h"
#include "ledger/reportquery.h"
#include "report/reportformat.h"

#include <QTextStream>

namespace burnrate::cli {

namespace {

int usage(CommandContext &ctx, const QString &message)
{
    ctx.err << "burnrate report: " << message << Qt::endl;
    return ExitUsage;
}

std::optional<QDate> parseDate(const QString &text)
{
    const QDate d = QDate::fromString(text, Qt::ISODate);
    if (!d.isValid() || text.size() != 10) {
        return std::nullopt;
    }
    return d;
}

} // namespace

int runReport(CommandContext &ctx, const QStringList &args)
{
    auto parsed = Arguments::parse(args,
                                   {QStringLiteral("--by"), QStringLiteral("--since"), QStringLiteral("--until"),
                                    QStringLiteral("--top"), QStringLiteral("--format"), QStringLiteral("--source"),
                                    QStringLiteral("--model"), QStringLiteral("--project")},
                                   {QStringLiteral("--reconcile")});
    if (!parsed) {
        return usage(ctx, parsed.error());
    }
    if (!parsed->positionals().isEmpty()) {
        return usage(ctx, QStringLiteral("unexpected argument \"%1\"").arg(parsed->positionals().first()));
    }
    ReportRequest request;
    const QString by = parsed->value(QStringLiteral("--by"), QStringLiteral("day"));
    const auto byValue = reportByFromName(by);
    if (!byValue) {
        return usage(ctx, QStringLiteral("--by must be one of day, week, month, provider, model, conversation, "
                                         "workflow, project, source (not \"%1\")")
                              .arg(by));
    }
    request.by = *byValue;
    for (const auto &[option, target] :
         {std::pair{QStringLiteral("--since"), &request.since}, std::pair{QStringLiteral("--until"), &request.until}}) {
        if (parsed->has(option)) {
            const auto d = parseDate(parsed->value(option));
            if (!d) {
                return usage(
                    ctx,
                    QStringLiteral("%1 must be a date YYYY-MM-DD (not \"%2\")").arg(option, parsed->value(option)));
            }
            *target = d;
        }
    }
    if (request.since && request.until && *request.since > *request.until) {
        return usage(ctx, QStringLiteral("--since is after --until"));
    }
    if (parsed->has(QStringLiteral("--top"))) {
        bool ok = false;
        request.top = parsed->value(QStringLiteral("--top")).toInt(&ok);
        if (!ok || request.top < 1) {
            return usage(ctx, QStringLiteral("--top must be a positive whole number"));
        }
    }
    const QString format = parsed->value(QStringLiteral("--format"), QStringLiteral("table"));
    if (format != QLatin1String("table") && format != QLatin1String("json") && format != QLatin1String("csv")) {
        return usage(ctx, QStringLiteral("--format must be table, json or csv"));
    }
    ReportFilter filter;
    filter.sources = parsed->values(QStringLiteral("--source"));
    filter.models = parsed->values(QStringLiteral("--model"));
    if (parsed->has(QStringLiteral("--project"))) {
        filter.project = parsed->value(QStringLiteral("--project"));
    }
    const bool reconcile = parsed->has(QStringLiteral("--reconcile"));
    if (!filter.isEmpty() && (reconcile || (request.by != ReportBy::Conversation && request.by != ReportBy::Project &&
                                            request.by != ReportBy::Workflow))) {
        return usage(ctx, QStringLiteral("--source, --model and --project need --by conversation, project or "
                                         "workflow"));
    }
    if (reconcile && (parsed->has(QStringLiteral("--by")) || parsed->has(QStringLiteral("--top")))) {
        return usage(ctx, QStringLiteral("--reconcile has its own rows: no --by or --top with it"));
    }
    auto ledger = openLedger(ctx);
    if (!ledger) {
        ctx.err << "burnrate: " << ledger.error() << Qt::endl;
        return ExitFailure;
    }
    if (reconcile) {
        // Provider days are UTC days: --since and --until name UTC dates here.
        auto rec = ReconcileQuery(**ledger, *ctx.clock).run(request.since, request.until);
        if (!rec) {
            ctx.err << "burnrate: report: " << rec.error() << Qt::endl;
            return ExitFailure;
        }
        if (format == QLatin1String("json")) {
            ctx.out << QString::fromUtf8(reconcileAsJson(*rec));
        } else if (format == QLatin1String("csv")) {
            ctx.out << reconcileAsCsv(*rec);
        } else {
            ctx.out << reconcileAsTable(*rec);
        }
        return ExitOk;
    }
    auto report = ReportQuery(**ledger, *ctx.clock).run(request, filter);
    if (!report) {
        // One line; a total beyond 64 bits says which ("the total of input tokens exceeds ...").
        ctx.err << "burnrate: report: " << report.error() << Qt::endl;
        return ExitFailure;
    }
    if (format == QLatin1String("json")) {
        ctx.out << QString::fromUtf8(reportAsJson(*report));
    } else if (format == QLatin1String("csv")) {
        ctx.out << reportAsCsv(*report);
    } else {
        ctx.out << reportAsTable(*report);
    }
    return ExitOk;
}

} // namespace burnrate::cli
