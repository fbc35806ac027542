// burnrate reprice [--since DATE] [--until DATE] [--dry-run]: re-prices stored
// events with the active book, all or nothing (Repricer), and prints the
// before/after difference per model. Never implicit.
#include "cli/arguments.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/ledgeropener.h"
#include "cli/texttable.h"
#include "money/money.h"
#include "pricing/pricestore.h"
#include "pricing/repricer.h"

#include <QTextStream>

namespace burnrate::cli {

namespace {

QString signedUsd(std::int64_t nano)
{
    return (nano > 0 ? QStringLiteral("+") : QString()) + Money::fromNano(nano).toDecimalString();
}

int usage(CommandContext &ctx, const QString &message)
{
    ctx.err << "burnrate reprice: " << message << Qt::endl;
    return ExitUsage;
}

} // namespace

int runReprice(CommandContext &ctx, const QStringList &args)
{
    auto parsed =
        Arguments::parse(args, {QStringLiteral("--since"), QStringLiteral("--until")}, {QStringLiteral("--dry-run")});
    if (!parsed) {
        return usage(ctx, parsed.error());
    }
    if (!parsed->positionals().isEmpty()) {
        return usage(ctx, QStringLiteral("unexpected argument \"%1\"").arg(parsed->positionals().first()));
    }
    std::optional<QDate> since, until;
    for (const auto &[option, target] :
         {std::pair{QStringLiteral("--since"), &since}, std::pair{QStringLiteral("--until"), &until}}) {
        if (parsed->has(option)) {
            const QString text = parsed->value(option);
            const QDate d = QDate::fromString(text, Qt::ISODate);
            if (!d.isValid() || text.size() != 10) {
                return usage(ctx, QStringLiteral("%1 must be a date YYYY-MM-DD (not \"%2\")").arg(option, text));
            }
            *target = d;
        }
    }
    auto ledger = openLedger(ctx);
    if (!ledger) {
        ctx.err << "burnrate: " << ledger.error() << Qt::endl;
        return ExitFailure;
    }
    PriceStore store(**ledger);
    auto book = store.load();
    if (!book) {
        ctx.err << "burnrate reprice: cannot load the price book: " << book.error() << Qt::endl;
        return ExitFailure;
    }
    const bool dryRun = parsed->has(QStringLiteral("--dry-run"));
    auto outcome = Repricer(**ledger, **book).run(RepriceRange{since, until}, dryRun);
    if (!outcome) {
        ctx.err << "burnrate reprice: " << outcome.error().message << Qt::endl;
        return ExitFailure;
    }
    const RepriceFigures &sum = outcome->total;
    QTextStream &o = ctx.out;
    o << "Re-pricing " << sum.events << " events"
      << (since ? QStringLiteral(" from %1").arg(since->toString(Qt::ISODate)) : QString())
      << (until ? QStringLiteral(" to %1").arg(until->toString(Qt::ISODate)) : QString()) << " with " << outcome->bookId
      << " (" << store.describeBase() << ")\n\n";
    QStringList header = {QStringLiteral("MODEL"),      QStringLiteral("PROVIDER"),     QStringLiteral("EVENTS"),
                          QStringLiteral("CHANGED"),    QStringLiteral("BEFORE (USD)"), QStringLiteral("AFTER (USD)"),
                          QStringLiteral("DIFFERENCE"), QStringLiteral("UNPRICED")};
    detail::TextTable table(header, 2);
    table.setHeaderRule(false);
    const auto cells = [](const RepriceFigures &d) {
        return QStringList{QString::number(d.events),
                           QString::number(d.changed),
                           Money::fromNano(d.beforeNano).toDecimalString(),
                           Money::fromNano(d.afterNano).toDecimalString(),
                           signedUsd(d.differenceNano()),
                           QStringLiteral("%1 -> %2").arg(d.unpricedBefore).arg(d.unpricedAfter)};
    };
    for (const RepriceRow &row : outcome->rows) {
        table.add(QStringList{row.model, row.provider} + cells(row.figures));
    }
    table.add(QStringList{QStringLiteral("TOTAL"), QString()} + cells(sum));
    o << table.render() << '\n';
    if (dryRun) {
        o << "Dry run: " << sum.changed << " events would change; nothing was written.\n";
        return ExitOk;
    }
    o << (sum.changed == 0 ? QStringLiteral("Nothing to change.\n")
                           : QStringLiteral("Re-priced %1 events; rollups updated.\n").arg(sum.changed));
    return ExitOk;
}

} // namespace burnrate::cli
