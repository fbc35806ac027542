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
    if (args.has(QStringLiteral("--amount"))) {
        QString text = args.value(QStringLiteral("--amount")).trimmed();
        if (text.startsWith(QLatin1Char('$'))) {
            text.remove(0, 1);
        }
        const auto amount = Money::parseUsd(QStringView(text));
        if (!amount || amount->nano() <= 0) {
            return QStringLiteral("--amount must be an amount of US dollars above 0, like 100 or 49.50");
        }
        b.amountNano = amount->nano();
    } else if (isNew) {
        return QStringLiteral("a new budget needs --amount USD");
    }
    if (args.has(QStringLiteral("--period"))) {
        const auto period = budgetPeriodFromName(args.value(QStringLiteral("--period")));
        if (!period) {
            return QStringLiteral("--period: ") + period.error();
        }
        if (*period != b.period && !args.has(QStringLiteral("--start-day"))) {
            b.startDay = 1;
        }
        b.period = *period;
    }
    if (args.has(QStringLiteral("--start-day"))) {
        bool ok = false;
        const int day = args.value(QStringLiteral("--start-day")).toInt(&ok);
        if (!ok || day < 1 || day > Budget::MaxStartDay) {
            return QStringLiteral("--start-day must be a day of the month, 1 to 31");
        }
        if (b.period != BudgetPeriod::Monthly) {
            return QStringLiteral("--start-day only applies to monthly budgets");
        }
        b.startDay = day;
    }
    if (args.has(QStringLiteral("--scope"))) {
        const auto scope = BudgetScope::parse(args.value(QStringLiteral("--scope")));
        if (!scope) {
            return QStringLiteral("--scope: ") + scope.error();
        }
        b.scope = *scope;
    }
    if (args.has(QStringLiteral("--thresholds"))) {
        const auto thresholds = Budget::parseThresholds(args.value(QStringLiteral("--thresholds")));
        if (!thresholds) {
            return QStringLiteral("--thresholds: ") + thresholds.error();
        }
        b.thresholds = *thresholds;
    }
    return QString();
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
        return failure(ctx, statuses.error());
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
        return failure(ctx, today.error());
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
    const SystemClock systemClock;
    const Clock &clock = ctx.clock ? *ctx.clock : systemClock;
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
