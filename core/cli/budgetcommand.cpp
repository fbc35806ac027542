#include "budget/budgetedit.h"
#include "budget/budgetengine.h"
#include "budget/budgetstore.h"
#include "budget/ledgerspendsource.h"
#include "cli/arguments.h"
#include "cli/budgetformat.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/ledgeropener.h"
#include "ledger/database.h"
#include "util/clock.h"

#include <QTextStream>

namespace burnrate::cli {

namespace {

int usage(CommandContext &ctx, const QString &message)
{
    ctx.err << "burnrate budget: " << message << Qt::endl;
    return ExitUsage;
}

int failure(CommandContext &ctx, const QString &message)
{
    ctx.err << "burnrate: " << message << Qt::endl;
    return ExitFailure;
}

std::optional<QString> formatOption(const Arguments &args)
{
    const QString format = args.value(QStringLiteral("--format"), QStringLiteral("table"));
    if (format != QLatin1String("table") && format != QLatin1String("json")) {
        return std::nullopt;
    }
    return format;
}

// Applies the options of `budget set` to `b`; returns a usage error, or an empty string.
QString applySetOptions(const Arguments &args, Budget &b, bool isNew)
{
    BudgetEdit edit;
    const auto option = [&args](const char *name) -> std::optional<QString> {
        const QString o = QLatin1String(name);
        return args.has(o) ? std::optional<QString>(args.value(o)) : std::nullopt;
    };
    edit.amount = option("--amount");
    edit.period = option("--period");
    edit.startDay = option("--start-day");
    edit.scope = option("--scope");
    edit.thresholds = option("--thresholds");
    const auto problem = edit.applyTo(b, isNew);
    if (!problem) {
        return QString();
    }
    switch (problem->field) {
    case BudgetEdit::Field::Amount:
        return problem->missing ? QStringLiteral("a new budget needs --amount USD")
                                : QStringLiteral("--amount ") + problem->message;
    case BudgetEdit::Field::Period:
        return QStringLiteral("--period: ") + problem->message;
    case BudgetEdit::Field::StartDay:
        return QStringLiteral("--start-day ") + problem->message;
    case BudgetEdit::Field::Scope:
        return QStringLiteral("--scope: ") + problem->message;
    case BudgetEdit::Field::Thresholds:
        return QStringLiteral("--thresholds: ") + problem->message;
    }
    return problem->message;
}

int runSet(CommandContext &ctx, const QStringList &rest, const Clock &clock)
{
    auto args = Arguments::parse(rest,
                                 {QStringLiteral("--amount"), QStringLiteral("--period"), QStringLiteral("--start-day"),
                                  QStringLiteral("--scope"), QStringLiteral("--thresholds")},
                                 {});
    if (!args) {
        return usage(ctx, args.error());
    }
    if (args->positionals().size() != 1 || args->positionals().first().trimmed().isEmpty()) {
        return usage(ctx, QStringLiteral("budget set needs one NAME (and --amount USD for a new budget)"));
    }
    const QString name = args->positionals().first().trimmed();
    auto ledger = openLedger(ctx);
    if (!ledger) {
        return failure(ctx, ledger.error());
    }
    BudgetStore store((*ledger)->db());
    auto existing = store.find(name);
    if (!existing) {
        return failure(ctx, existing.error());
    }
    Budget b = existing->value_or(Budget{});
    b.name = name;
    if (const QString problem = applySetOptions(*args, b, !existing->has_value()); !problem.isEmpty()) {
        return usage(ctx, problem);
    }
    if (const QString problem = b.validate(); !problem.isEmpty()) {
        return usage(ctx, problem);
    }
    const bool changed = !existing->has_value() || !(*existing)->sameDefinition(b);
    auto saved = store.save(b, clock.nowMs());
    if (!saved) {
        return failure(ctx, saved.error());
    }
    ctx.out << "budget \"" << name << "\" " << (existing->has_value() ? (changed ? "changed" : "unchanged") : "added")
            << ": " << describeBudget(*saved) << Qt::endl;
    return ExitOk;
}

int runList(CommandContext &ctx, const QStringList &rest)
{
    auto args = Arguments::parse(rest, {QStringLiteral("--format")}, {});
    if (!args) {
        return usage(ctx, args.error());
    }
    if (!args->positionals().isEmpty()) {
        return usage(ctx, QStringLiteral("unexpected argument \"%1\"").arg(args->positionals().first()));
    }
    const auto format = formatOption(*args);
    if (!format) {
        return usage(ctx, QStringLiteral("--format must be table or json"));
    }
    auto ledger = openLedger(ctx);
    if (!ledger) {
        return failure(ctx, ledger.error());
    }
    auto budgets = BudgetStore((*ledger)->db()).list();
    if (!budgets) {
        return failure(ctx, budgets.error());
    }
    if (*format == QLatin1String("json")) {
        ctx.out << QString::fromUtf8(budgetListJson(*budgets));
    } else {
        ctx.out << budgetListTable(*budgets);
    }
    return ExitOk;
}

int runRemove(CommandContext &ctx, const QStringList &rest)
{
    auto args = Arguments::parse(rest, {}, {});
    if (!args) {
        return usage(ctx, args.error());
    }
    if (args->positionals().size() != 1) {
        return usage(ctx, QStringLiteral("budget remove needs one NAME"));
    }
    const QString name = args->positionals().first().trimmed();
    auto ledger = openLedger(ctx);
    if (!ledger) {
        return failure(ctx, ledger.error());
    }
    auto removed = BudgetStore((*ledger)->db()).remove(name);
    if (!removed) {
        return failure(ctx, removed.error());
    }
    if (!*removed) {
        return failure(ctx, QStringLiteral("no budget named \"%1\" (see burnrate budget list)").arg(name));
    }
    ctx.out << "budget \"" << name << "\" removed" << Qt::endl;
    return ExitOk;
}

int runStatus(CommandContext &ctx, const QStringList &rest, const Clock &clock)
{
    auto args = Arguments::parse(rest, {QStringLiteral("--format")}, {});
    if (!args) {
        return usage(ctx, args.error());
    }
    if (args->positionals().size() > 1) {
        return usage(ctx, QStringLiteral("budget status takes at most one NAME"));
    }
    const auto format = formatOption(*args);
    if (!format) {
        return usage(ctx, QStringLiteral("--format must be table or json"));
    }
    auto ledger = openLedger(ctx);
    if (!ledger) {
        return failure(ctx, ledger.error());
    }
    LedgerSpendSource spend(**ledger);
    BudgetEngine engine(**ledger, spend, clock);
    auto statuses = engine.statuses();
    if (!statuses) {
        return failure(ctx, QStringLiteral("budget: ") + statuses.error());
    }
    if (!args->positionals().isEmpty()) {
        const QString name = args->positionals().first().trimmed();
        statuses->removeIf([&name](const BudgetStatus &s) { return s.budget.name != name; });
        if (statuses->isEmpty()) {
            return failure(ctx, QStringLiteral("no budget named \"%1\" (see burnrate budget list)").arg(name));
        }
    }
    auto today = engine.anomaly();
    if (!today) {
        return failure(ctx, QStringLiteral("budget: ") + today.error());
    }
    BudgetStatusReport report{QString::fromUtf8((*ledger)->calendar().zoneId()), clock.nowMs(), *statuses, *today};
    if (*format == QLatin1String("json")) {
        ctx.out << QString::fromUtf8(budgetStatusJson(report, (*ledger)->calendar()));
    } else {
        ctx.out << budgetStatusTable(report, (*ledger)->calendar());
    }
    return ExitOk;
}

} // namespace

int runBudget(CommandContext &ctx, const QStringList &args)
{
    const Clock &clock = *ctx.clock;
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("set")) {
        return runSet(ctx, rest, clock);
    }
    if (sub == QLatin1String("list")) {
        return runList(ctx, rest);
    }
    if (sub == QLatin1String("remove")) {
        return runRemove(ctx, rest);
    }
    if (sub == QLatin1String("status")) {
        return runStatus(ctx, rest, clock);
    }
    if (sub.isEmpty()) {
        return usage(ctx, QStringLiteral("say what to do: set, list, remove or status"));
    }
    return usage(ctx, QStringLiteral("unknown budget command \"%1\" (use set, list, remove or status)").arg(sub));
}

} // namespace burnrate::cli
