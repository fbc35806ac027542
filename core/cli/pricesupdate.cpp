// burnrate prices update --from FILE|URL: validate, merge history, show the diff, then activate.
#include "cli/arguments.h"
#include "cli/cli.h"
#include "cli/ledgeropener.h"
#include "cli/prices_p.h"
#include "cli/waiter.h"
#include "pricing/pricestore.h"
#include "pricing/priceupdate.h"
#include "util/clock.h"
#include "util/timestamp.h"

#include <QNetworkAccessManager>
#include <QTextStream>

namespace burnrate::cli::detail {

namespace {

constexpr int ListedByDefault = 20;

// The feed's bytes: a file, or a URL fetched while this command waits.
Result<QByteArray> readFeedBytes(const QString &from, int timeoutSeconds)
{
    if (!priceupdate::isUrl(from)) {
        return priceupdate::readFile(from);
    }
    const auto url = priceupdate::checkUrl(from);
    if (!url) {
        return Result<QByteArray>::failure(url.error());
    }
    QNetworkAccessManager nam;
    priceupdate::Fetcher fetcher(nam);
    Result<QByteArray> out = Result<QByteArray>::failure(QStringLiteral("no answer from %1").arg(url->host()));
    Waiter waiter;
    fetcher.fetch(*url, timeoutSeconds, [&](const Result<QByteArray> &r) {
        out = r;
        waiter.done();
    });
    // The fetcher times out by itself; should the wait still end first, `out` is the "no answer" failure.
    (void)waiter.wait((timeoutSeconds + 5) * 1000);
    return out;
}

void list(QTextStream &o, const QString &title, const QStringList &items, bool all)
{
    if (items.isEmpty()) {
        return;
    }
    o << title << " (" << items.size() << "):\n";
    const qsizetype shown = all ? items.size() : std::min<qsizetype>(items.size(), ListedByDefault);
    for (qsizetype i = 0; i < shown; ++i) {
        o << "  " << items.at(i) << '\n';
    }
    if (shown < items.size()) {
        o << "  ... and " << (items.size() - shown) << " more (--verbose lists them)\n";
    }
}

} // namespace

int runPricesUpdate(CommandContext &ctx, const QStringList &args)
{
    auto parsed = Arguments::parse(
        args, {QStringLiteral("--from"), QStringLiteral("--changes-from"), QStringLiteral("--timeout")},
        {QStringLiteral("--dry-run"), QStringLiteral("--verbose")});
    if (!parsed) {
        return pricesUsage(ctx, parsed.error());
    }
    const QString from = parsed->value(QStringLiteral("--from"));
    if (from.isEmpty() || !parsed->positionals().isEmpty()) {
        return pricesUsage(ctx, QStringLiteral("update needs --from FILE|URL (a URL is fetched only when given)"));
    }
    bool ok = true;
    const int timeout =
        parsed->value(QStringLiteral("--timeout"), QString::number(priceupdate::DefaultTimeoutSeconds)).toInt(&ok);
    if (!ok || timeout < 1 || timeout > 600) {
        return pricesUsage(ctx, QStringLiteral("--timeout must be 1 to 600 seconds"));
    }
    const std::int64_t now = ctx.clock->nowMs();
    // A changed current price that the feed does not date applies from today (UTC) unless told otherwise.
    QString changesFrom = priceupdate::defaultChangesFrom(now);
    if (parsed->has(QStringLiteral("--changes-from"))) {
        const QString v = parsed->value(QStringLiteral("--changes-from"));
        if (v == QLatin1String("all")) {
            changesFrom.clear();
        } else if (const auto ms = parseInstant(v)) {
            changesFrom = formatUtcMs(*ms).left(19) + QLatin1Char('Z');
        } else {
            return pricesUsage(ctx, QStringLiteral("--changes-from must be a date YYYY-MM-DD or all"));
        }
    }
    const auto refuse = [&](const QString &why) {
        return pricesFailure(ctx, QStringLiteral("update refused: %1; the active prices are unchanged").arg(why));
    };
    auto bytes = readFeedBytes(from, timeout);
    if (!bytes) {
        return refuse(bytes.error());
    }
    auto ledger = openLedger(ctx);
    if (!ledger) {
        return pricesFailure(ctx, ledger.error());
    }
    PriceStore store(**ledger);
    auto plan = priceupdate::plan(store, *bytes, from, changesFrom, now);
    if (!plan) {
        return refuse(plan.error());
    }
    const PriceDiff &diff = plan->diff;
    const bool verbose = parsed->has(QStringLiteral("--verbose"));
    QTextStream &o = ctx.out;
    o << "Price update from " << from << " (" << plan->feedKind << " feed) onto " << plan->previousId << '\n';
    list(o, QStringLiteral("Added models"), diff.addedModels, verbose);
    QStringList changes;
    QStringList jumps;
    for (const auto &c : diff.changes) {
        const QString line = QStringLiteral("%1 @%2: %3").arg(c.model, c.version, c.what);
        changes << line;
        if (c.bigJump) {
            jumps << line;
        }
    }
    list(o, QStringLiteral("Changed"), changes, true);
    list(o, QStringLiteral("BIG JUMPS (more than 2x up or down) - check these"), jumps, true);
    list(o, QStringLiteral("Kept: missing from the feed, still priced"), diff.keptModels, verbose);
    if (diff.keptVersions > 0) {
        o << "Kept " << diff.keptVersions << " older price versions the feed does not list\n";
    }
    list(o, QStringLiteral("Conversion notes"), plan->notes, verbose);
    if (diff.isEmpty()) {
        o << "No price changes; the active prices are unchanged.\n";
        return ExitOk;
    }
    if (parsed->has(QStringLiteral("--dry-run"))) {
        o << "Dry run: nothing activated.\n";
        return ExitOk;
    }
    if (auto st = store.activate(plan->doc, now); !st) {
        return refuse(st.error());
    }
    o << "Activated " << plan->id << " (" << plan->modelCount << " models). Stored rows keep the prices they were "
      << "given; `burnrate reprice` applies the new ones and shows the difference.\n";
    return ExitOk;
}

} // namespace burnrate::cli::detail
