// burnrate prices update --from FILE|URL: validate, merge history, show the diff, then activate.
#include "cli/arguments.h"
#include "cli/cli.h"
#include "cli/ledgeropener.h"
#include "cli/prices_p.h"
#include "pricing/feedformats.h"
#include "pricing/pricemerge.h"
#include "pricing/pricestore.h"
#include "util/timestamp.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

namespace burnrate::cli::detail {

namespace {

constexpr qint64 MaxFeedBytes = 64 * 1024 * 1024;
constexpr int DefaultTimeoutSeconds = 30;
constexpr int ListedByDefault = 20;

bool isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// Fetches a feed over https (or http to this machine, for tests), with a timeout and a size cap.
Result<QByteArray> fetch(const QUrl &url, int timeoutSeconds)
{
    using R = Result<QByteArray>;
    if (url.scheme() == QLatin1String("http") && !isLoopback(url.host())) {
        return R::failure(
            QStringLiteral("plain http is only allowed to this machine (127.0.0.1, localhost); use https"));
    }
    if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) {
        return R::failure(QStringLiteral("only https URLs can be fetched"));
    }
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutSeconds * 1000);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(5);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("burnrate/" BURNRATE_VERSION));
    std::unique_ptr<QNetworkReply> reply(nam.get(request));
    QEventLoop loop;
    bool tooBig = false;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(reply.get(), &QNetworkReply::downloadProgress, &loop, [&](qint64 received, qint64) {
        if (received > MaxFeedBytes) {
            tooBig = true;
            reply->abort();
        }
    });
    if (!reply->isFinished()) {
        loop.exec();
    }
    if (tooBig) {
        return R::failure(QStringLiteral("the feed is larger than %1 MB").arg(MaxFeedBytes / (1024 * 1024)));
    }
    const QUrl finalUrl = reply->url();
    if (finalUrl.scheme() == QLatin1String("http") && !isLoopback(finalUrl.host())) {
        return R::failure(QStringLiteral("the server redirected to plain http"));
    }
    if (reply->error() == QNetworkReply::OperationCanceledError) {
        return R::failure(QStringLiteral("no answer from %1 within %2 s").arg(url.host()).arg(timeoutSeconds));
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        return R::failure(status > 0 ? QStringLiteral("%1 answered HTTP %2").arg(url.host()).arg(status)
                                     : QStringLiteral("cannot fetch %1: %2").arg(url.host(), reply->errorString()));
    }
    return reply->readAll();
}

Result<QByteArray> readFeedBytes(const QString &from, int timeoutSeconds)
{
    if (from.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ||
        from.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)) {
        const QUrl url(from, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()) {
            return Result<QByteArray>::failure(QStringLiteral("not a valid URL: %1").arg(from.left(80)));
        }
        return fetch(url, timeoutSeconds);
    }
    QFile file(from);
    if (!file.open(QIODevice::ReadOnly)) {
        return Result<QByteArray>::failure(QStringLiteral("cannot read %1: %2").arg(from, file.errorString()));
    }
    if (file.size() > MaxFeedBytes) {
        return Result<QByteArray>::failure(QStringLiteral("%1 is larger than 64 MB").arg(from));
    }
    return file.readAll();
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
    const int timeout = parsed->value(QStringLiteral("--timeout"), QString::number(DefaultTimeoutSeconds)).toInt(&ok);
    if (!ok || timeout < 1 || timeout > 600) {
        return pricesUsage(ctx, QStringLiteral("--timeout must be 1 to 600 seconds"));
    }
    // A changed current price that the feed does not date applies from today (UTC) unless told otherwise.
    const QDate today = QDateTime::currentDateTimeUtc().date();
    QString changesFrom = today.toString(Qt::ISODate) + QStringLiteral("T00:00:00Z");
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
    auto feed = readPriceFeed(*bytes);
    if (!feed) {
        return refuse(feed.error());
    }
    // The feed must stand on its own before it is merged (rates >= 0, numeric, well formed).
    QJsonObject feedDoc = feed->doc;
    QJsonObject snapshot = feedDoc.value(QLatin1String("snapshot")).toObject();
    if (snapshot.value(QLatin1String("id")).toString().isEmpty()) {
        snapshot.insert(QStringLiteral("id"), QStringLiteral("feed"));
        feedDoc.insert(QStringLiteral("snapshot"), snapshot);
    }
    if (auto alone = PriceBook::fromDocument(feedDoc); !alone) {
        return refuse(alone.error());
    }
    auto ledger = openLedger(ctx);
    if (!ledger) {
        return pricesFailure(ctx, ledger.error());
    }
    PriceStore store(**ledger);
    auto active = store.activeBase();
    if (!active) {
        return refuse(active.error());
    }
    auto merged = mergePriceHistory(*active, feedDoc, changesFrom);
    if (!merged) {
        return refuse(merged.error());
    }
    const QString hash =
        QString::fromLatin1(QCryptographicHash::hash(*bytes, QCryptographicHash::Sha256).toHex().left(8));
    const QString id = QStringLiteral("%1-%2-%3").arg(today.toString(Qt::ISODate), feedKindName(feed->kind), hash);
    const QString previous = active->value(QLatin1String("snapshot")).toObject().value(QLatin1String("id")).toString();
    merged->doc.insert(
        QStringLiteral("snapshot"),
        QJsonObject{{QStringLiteral("id"), id},
                    {QStringLiteral("created_at"),
                     formatUtcMs(QDateTime::currentMSecsSinceEpoch()).left(19) + QLatin1Char('Z')},
                    {QStringLiteral("base"), QJsonObject{{QStringLiteral("name"), feedKindName(feed->kind)},
                                                         {QStringLiteral("source"), from},
                                                         {QStringLiteral("sha256_8"), hash}}},
                    {QStringLiteral("merged_into"), previous},
                    {QStringLiteral("conversion_notes"), QJsonArray::fromStringList(feed->notes)}});
    QStringList warnings;
    auto book = store.bookFor(merged->doc, &warnings);
    if (!book) {
        return refuse(book.error());
    }
    const PriceDiff &diff = merged->diff;
    const bool verbose = parsed->has(QStringLiteral("--verbose"));
    QTextStream &o = ctx.out;
    o << "Price update from " << from << " (" << feedKindName(feed->kind) << " feed) onto " << previous << '\n';
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
    list(o, QStringLiteral("Conversion notes"), feed->notes + warnings, verbose);
    if (diff.isEmpty()) {
        o << "No price changes; the active prices are unchanged.\n";
        return ExitOk;
    }
    if (parsed->has(QStringLiteral("--dry-run"))) {
        o << "Dry run: nothing activated.\n";
        return ExitOk;
    }
    if (auto st = store.activate(merged->doc); !st) {
        return refuse(st.error());
    }
    o << "Activated " << id << " (" << (*book)->modelCount() << " models). Stored rows keep the prices they were "
      << "given; `burnrate reprice` applies the new ones and shows the difference.\n";
    return ExitOk;
}

} // namespace burnrate::cli::detail
