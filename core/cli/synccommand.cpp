#include "cli/arguments.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/ledgeropener.h"
#include "cli/waiter.h"
#include "money/money.h"
#include "pricing/pricestore.h"
#include "providers/bucketpricer.h"
#include "providers/providerregistry.h"
#include "providers/syncservice.h"
#include "util/clock.h"
#include "util/jsonwriter.h"

#include <QDateTime>
#include <QTextStream>

namespace burnrate::cli {

namespace {

constexpr int SyncTimeoutMs = 30 * 60 * 1000;

int usage(CommandContext &ctx, const QString &message)
{
    ctx.err << "burnrate sync: " << message << Qt::endl;
    return ExitUsage;
}

QString utcDate(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date().toString(Qt::ISODate);
}

QString describeWindow(const WindowSummary &w)
{
    switch (w.kind) {
    case EndpointWindow::Kind::Usage:
        return QStringLiteral("%1 %2..%3 (%4 rows)").arg(w.endpoint, utcDate(w.fromMs), utcDate(w.untilMs)).arg(w.rows);
    case EndpointWindow::Kind::Billed:
        return QStringLiteral("%1 %2..%3 (%4 billed)")
            .arg(w.endpoint, utcDate(w.fromMs), utcDate(w.untilMs - 1),
                 Money::fromNano(w.billedNano).toDisplayString(2));
    case EndpointWindow::Kind::Balance:
        break;
    }
    return QStringLiteral("%1 snapshot").arg(w.endpoint);
}

QString statusName(ProviderResult::Status s)
{
    switch (s) {
    case ProviderResult::Status::Synced:
        return QStringLiteral("synced");
    case ProviderResult::Status::Failed:
        return QStringLiteral("failed");
    case ProviderResult::Status::NoKey:
        return QStringLiteral("no-key");
    case ProviderResult::Status::NoKeychain:
        break;
    }
    return QStringLiteral("no-keychain");
}

QByteArray asJson(const QList<ProviderResult> &results)
{
    JsonWriter w;
    w.beginObject();
    w.key("providers").beginArray();
    for (const ProviderResult &r : results) {
        w.beginObject();
        w.field("provider", r.provider).field("status", statusName(r.status));
        w.key("message");
        r.message.isEmpty() ? w.null() : w.value(r.message);
        w.field("requests", static_cast<std::int64_t>(r.outcome.requests));
        w.key("windows").beginArray();
        for (const WindowSummary &s : r.outcome.windows) {
            w.beginObject();
            w.field("endpoint", s.endpoint);
            w.field("from", QDateTime::fromMSecsSinceEpoch(s.fromMs, Qt::UTC).toString(Qt::ISODate));
            w.field("until", QDateTime::fromMSecsSinceEpoch(s.untilMs, Qt::UTC).toString(Qt::ISODate));
            w.field("rows", static_cast<std::int64_t>(s.rows)).field("requests", static_cast<std::int64_t>(s.requests));
            if (s.kind == EndpointWindow::Kind::Billed) {
                w.field("billed_usd", Money::fromNano(s.billedNano).toDecimalString())
                    .field("billed_nano", s.billedNano);
            }
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }
    w.endArray();
    w.endObject();
    std::string out = w.str();
    out.push_back('\n');
    return QByteArray(out.data(), static_cast<qsizetype>(out.size()));
}

} // namespace

int runSync(CommandContext &ctx, const QStringList &args)
{
    auto parsed = Arguments::parse(args, {QStringLiteral("--since"), QStringLiteral("--format")}, {});
    if (!parsed) {
        return usage(ctx, parsed.error());
    }
    QStringList providers;
    for (const QString &p : parsed->positionals()) {
        const QString name = p.toLower();
        if (!syncProviders().contains(name)) {
            return usage(ctx, QStringLiteral("unknown provider \"%1\" (known: %2)")
                                  .arg(p, syncProviders().join(QStringLiteral(", "))));
        }
        if (!providers.contains(name)) {
            providers << name;
        }
    }
    const QString format = parsed->value(QStringLiteral("--format"), QStringLiteral("table"));
    if (format != QLatin1String("table") && format != QLatin1String("json")) {
        return usage(ctx, QStringLiteral("--format must be table or json"));
    }
    std::optional<QDate> sinceDate;
    if (parsed->has(QStringLiteral("--since"))) {
        const QString text = parsed->value(QStringLiteral("--since"));
        const QDate d = QDate::fromString(text, Qt::ISODate);
        if (!d.isValid() || text.size() != 10) {
            return usage(ctx, QStringLiteral("--since must be a date YYYY-MM-DD (not \"%1\")").arg(text));
        }
        sinceDate = d;
    }
    auto ledger = openLedger(ctx);
    if (!ledger) {
        ctx.err << "burnrate: " << ledger.error() << Qt::endl;
        return ExitFailure;
    }
    CliServices &services = ctx.services();
    std::optional<std::int64_t> sinceMs;
    if (sinceDate) {
        sinceMs = (*ledger)->calendar().startOfDayUtcMs(*sinceDate);
        if (*sinceMs > ctx.clock->nowMs()) {
            return usage(ctx, QStringLiteral("--since is in the future"));
        }
    }
    SyncService::Options options;
    options.policy = services.policy;
    options.env = services.env;
    SyncService service((*ledger)->db(), *services.secrets, *services.nam, *ctx.clock, options);
    // Usage buckets are priced with the active book as they are stored (the estimate of the spend rule).
    auto book = PriceStore(**ledger).load();
    if (!book) {
        ctx.err << "burnrate: cannot load the price book: " << book.error() << Qt::endl;
        return ExitFailure;
    }
    service.setPricer(makeBucketPricer(*book));
    QList<ProviderResult> results;
    Waiter waiter;
    QObject::connect(&service, &SyncService::finished, [&](const QList<ProviderResult> &r) {
        results = r;
        waiter.done();
    });
    (void)service.start(providers, sinceMs); // false only while a run is going, and this service is new
    if (!waiter.wait(SyncTimeoutMs)) {
        service.cancel();
        ctx.err << "burnrate: the sync did not finish within 30 minutes; stopped" << Qt::endl;
        return ExitFailure;
    }
    std::sort(results.begin(), results.end(), [](const ProviderResult &a, const ProviderResult &b) {
        return syncProviders().indexOf(a.provider) < syncProviders().indexOf(b.provider);
    });
    bool anyKey = false;
    bool failed = false;
    for (const ProviderResult &r : std::as_const(results)) {
        const bool named = providers.contains(r.provider);
        anyKey |= r.status == ProviderResult::Status::Synced || r.status == ProviderResult::Status::Failed;
        failed |= r.status == ProviderResult::Status::Failed || r.status == ProviderResult::Status::NoKeychain ||
                  (named && r.status == ProviderResult::Status::NoKey);
    }
    if (format == QLatin1String("json")) {
        ctx.out << QString::fromUtf8(asJson(results));
    } else {
        for (const ProviderResult &r : std::as_const(results)) {
            if (r.status == ProviderResult::Status::Synced) {
                QStringList parts;
                for (const WindowSummary &w : r.outcome.windows) {
                    parts << describeWindow(w);
                }
                ctx.out << r.provider << ": synced " << parts.join(QStringLiteral(", ")) << " in " << r.outcome.requests
                        << (r.outcome.requests == 1 ? " request" : " requests") << Qt::endl;
            } else if (r.status == ProviderResult::Status::NoKey && !providers.contains(r.provider)) {
                ctx.out << r.provider << ": skipped, " << r.message << Qt::endl;
            }
        }
    }
    for (const ProviderResult &r : std::as_const(results)) {
        if (r.status == ProviderResult::Status::Failed || r.status == ProviderResult::Status::NoKeychain ||
            (r.status == ProviderResult::Status::NoKey && providers.contains(r.provider))) {
            ctx.err << "burnrate: " << r.provider << ": " << r.message << Qt::endl;
        }
    }
    if (!anyKey && providers.isEmpty()) {
        bool keychainTrouble = false;
        for (const ProviderResult &r : std::as_const(results)) {
            keychainTrouble |= r.status == ProviderResult::Status::NoKeychain;
        }
        if (!keychainTrouble) {
            ctx.err << "burnrate: no provider has a key (burnrate keys set PROVIDER, or set BURNRATE_OPENAI_ADMIN_KEY, "
                       "BURNRATE_ANTHROPIC_ADMIN_KEY, BURNRATE_OPENROUTER_KEY, BURNRATE_OPENROUTER_MANAGEMENT_KEY or "
                       "BURNRATE_DEEPSEEK_KEY)"
                    << Qt::endl;
        }
        return ExitFailure;
    }
    return failed ? ExitFailure : ExitOk;
}

} // namespace burnrate::cli
