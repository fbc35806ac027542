// burnrate prices show|quote|update|reset: the dispatcher and `show`.
#include "cli/arguments.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/ledgeropener.h"
#include "cli/prices_p.h"
#include "pricing/pricer.h"
#include "pricing/pricestore.h"
#include "util/clock.h"
#include "util/jsonwriter.h"
#include "util/timestamp.h"

#include <QTextStream>

namespace burnrate::cli {

namespace detail {

std::optional<std::int64_t> parseInstant(const QString &text)
{
    QByteArray utf8 = text.trimmed().toUtf8();
    if (utf8.size() == 10) {
        utf8 += "T00:00:00Z";
    }
    return parseRfc3339Ms(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())));
}

QString rateText(RateKey key, std::int64_t pico)
{
    return formatScaled(pico, rateKeyScale(key));
}

QString rateUnit(RateKey key)
{
    switch (key) {
    case RateKey::PerRequest:
        return QStringLiteral("USD per request");
    case RateKey::WebSearch:
        return QStringLiteral("USD per 1,000 searches");
    default:
        return QStringLiteral("USD per 1M tokens");
    }
}

int pricesUsage(CommandContext &ctx, const QString &message)
{
    ctx.err << "burnrate prices: " << message << Qt::endl;
    return ExitUsage;
}

int pricesFailure(CommandContext &ctx, const QString &message)
{
    ctx.err << "burnrate prices: " << message << Qt::endl;
    return ExitFailure;
}

} // namespace detail

using namespace detail;

namespace {

QString ratesLine(const RateSet &rates)
{
    QStringList parts;
    for (int k = 0; k < RateKeyCount; ++k) {
        const auto key = static_cast<RateKey>(k);
        if (rates.has(key)) {
            parts << QStringLiteral("%1 %2").arg(QLatin1String(rateKeyName(key)), rateText(key, rates.get(key)));
        }
    }
    return parts.isEmpty() ? QStringLiteral("(none)") : parts.join(QStringLiteral(", "));
}

void writeRates(JsonWriter &w, const RateSet &rates)
{
    w.beginObject();
    for (int k = 0; k < RateKeyCount; ++k) {
        const auto key = static_cast<RateKey>(k);
        if (rates.has(key)) {
            w.field(rateKeyName(key), rateText(key, rates.get(key)));
        }
    }
    w.endObject();
}

void writeTiers(JsonWriter &w, const std::vector<LongContextTier> &tiers)
{
    w.beginArray();
    for (const auto &t : tiers) {
        w.beginObject().field("gt_input_tokens", t.gtInputTokens).key("rates");
        writeRates(w, t.rates);
        w.endObject();
    }
    w.endArray();
}

QString serviceTierText(const QString &name, const ServiceTierRule &rule, const QString &scope)
{
    QStringList parts;
    if (rule.multiplier) {
        parts << QStringLiteral("x%1").arg(rule.multiplier->toString());
    }
    if (rule.hasRates) {
        parts << ratesLine(rule.rates);
    }
    return QStringLiteral("%1 %2 (%3)").arg(name, parts.join(QStringLiteral("; ")), scope);
}

void writeServiceTier(JsonWriter &w, const ServiceTierRule &rule, const char *scope)
{
    w.beginObject().field("scope", scope);
    if (rule.multiplier) {
        w.field("multiplier", rule.multiplier->toString());
    }
    if (rule.hasRates) {
        w.key("rates");
        writeRates(w, rule.rates);
        w.key("tiers");
        writeTiers(w, rule.tiers);
    }
    w.endObject();
}

} // namespace

int detail::runPricesShow(CommandContext &ctx, const QStringList &args)
{
    auto parsed =
        Arguments::parse(args, {QStringLiteral("--provider"), QStringLiteral("--at"), QStringLiteral("--format")}, {});
    if (!parsed) {
        return pricesUsage(ctx, parsed.error());
    }
    if (parsed->positionals().size() != 1) {
        return pricesUsage(ctx, QStringLiteral("show needs one MODEL"));
    }
    const QString query = parsed->positionals().first();
    const QString provider = parsed->value(QStringLiteral("--provider"));
    std::int64_t at = ctx.clock->nowMs();
    if (parsed->has(QStringLiteral("--at"))) {
        const auto a = parseInstant(parsed->value(QStringLiteral("--at")));
        if (!a) {
            return pricesUsage(ctx, QStringLiteral("--at must be a date YYYY-MM-DD or an RFC 3339 time"));
        }
        at = *a;
    }
    const QString format = parsed->value(QStringLiteral("--format"), QStringLiteral("table"));
    if (format != QLatin1String("table") && format != QLatin1String("json")) {
        return pricesUsage(ctx, QStringLiteral("--format must be table or json"));
    }
    auto ledger = openLedger(ctx);
    if (!ledger) {
        return pricesFailure(ctx, ledger.error());
    }
    PriceStore store(**ledger);
    auto book = store.load();
    if (!book) {
        return pricesFailure(ctx, QStringLiteral("cannot load the price book: %1").arg(book.error()));
    }
    const ModelEntry *m = (*book)->find(provider, query);
    if (!m) {
        return pricesFailure(
            ctx, QStringLiteral("no price for model %1%2 in book %3")
                     .arg(query, provider.isEmpty() ? QString() : QStringLiteral(" from provider ") + provider,
                          (*book)->id()));
    }
    const PriceVersion *v = m->versionAt(at);
    const ProviderEntry *p = (*book)->provider(m->providerId);
    const QString atText = formatUtcMs(at).left(19) + QLatin1Char('Z');
    if (format == QLatin1String("json")) {
        JsonWriter w;
        w.beginObject().field("book", (*book)->id()).field("query", query).field("provider", m->providerId);
        w.field("model", m->id).field("entry", m->ref).field("at", atText);
        w.key("version");
        v ? w.value(v->label) : w.null();
        w.key("versions").beginArray();
        for (const auto &ver : m->versions) {
            w.value(ver.label);
        }
        w.endArray();
        if (v) {
            w.key("rates");
            writeRates(w, v->rates);
            w.key("tiers");
            writeTiers(w, v->tiers);
            w.key("service_tiers").beginObject();
            for (const QString &name : {QStringLiteral("batch"), QStringLiteral("flex"), QStringLiteral("priority")}) {
                if (v->serviceTiers.contains(name)) {
                    w.key(name.toStdString());
                    writeServiceTier(w, v->serviceTiers.value(name), "version");
                } else if (p && p->serviceTiers.contains(name)) {
                    w.key(name.toStdString());
                    writeServiceTier(w, p->serviceTiers.value(name), "provider");
                }
            }
            w.endObject();
            w.key("windows").beginArray();
            for (const auto &win : v->windows) {
                w.beginObject().field("utc", win.label).key("rates");
                writeRates(w, win.rates);
                w.endObject();
            }
            w.endArray();
        }
        w.endObject();
        ctx.out << QString::fromUtf8(w.toByteArray()) << '\n';
        return ExitOk;
    }
    QTextStream &o = ctx.out;
    o << "Model      " << m->ref << (m->name.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m->name)) << '\n';
    o << "Matches    " << m->exact.join(QStringLiteral(", "))
      << (m->prefixes.isEmpty() ? QString() : QStringLiteral("; prefixes ") + m->prefixes.join(QStringLiteral(", ")))
      << '\n';
    o << "Book       " << (*book)->id() << " (" << store.describeBase() << ")\n";
    QStringList versions;
    for (const auto &ver : m->versions) {
        versions << (&ver == v ? QStringLiteral("[%1]").arg(ver.label) : ver.label);
    }
    o << "Versions   " << versions.join(QStringLiteral(", ")) << '\n';
    if (!v) {
        o << "At " << atText << ": no price yet (the first version starts " << m->versions.front().label << ")\n";
        return ExitOk;
    }
    o << "At         " << atText << ": version " << v->label << '\n';
    o << "Rates      " << ratesLine(v->rates) << "  (tokens: USD per 1M; per_request: USD; web_search_per_1k: USD)\n";
    for (const auto &t : v->tiers) {
        o << "Tier       total input > " << t.gtInputTokens << " tokens, whole request: " << ratesLine(t.rates) << '\n';
    }
    for (const QString &name : {QStringLiteral("batch"), QStringLiteral("flex"), QStringLiteral("priority")}) {
        if (v->serviceTiers.contains(name)) {
            o << "Service    " << serviceTierText(name, v->serviceTiers.value(name), QStringLiteral("this model"))
              << '\n';
        } else if (p && p->serviceTiers.contains(name)) {
            o << "Service    " << serviceTierText(name, p->serviceTiers.value(name), QStringLiteral("provider-wide"))
              << '\n';
        }
    }
    for (const auto &win : v->windows) {
        o << "Window     " << win.label << " UTC: " << ratesLine(win.rates) << '\n';
    }
    return ExitOk;
}

int runPrices(CommandContext &ctx, const QStringList &args)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("show")) {
        return runPricesShow(ctx, rest);
    }
    if (sub == QLatin1String("quote")) {
        return runPricesQuote(ctx, rest);
    }
    if (sub == QLatin1String("update")) {
        return runPricesUpdate(ctx, rest);
    }
    if (sub == QLatin1String("reset")) {
        if (!rest.isEmpty()) {
            return pricesUsage(ctx, QStringLiteral("reset takes no arguments"));
        }
        auto ledger = openLedger(ctx);
        if (!ledger) {
            return pricesFailure(ctx, ledger.error());
        }
        if (auto st = PriceStore(**ledger).reset(); !st) {
            return pricesFailure(ctx, st.error());
        }
        ctx.out << "now using " << PriceStore(**ledger).describeBase()
                << "; stored rows keep their prices until `burnrate reprice`" << Qt::endl;
        return ExitOk;
    }
    return pricesUsage(ctx, sub.isEmpty()
                                ? QStringLiteral("say what to do: show, quote, update or reset")
                                : QStringLiteral("unknown subcommand \"%1\" (show, quote, update, reset)").arg(sub));
}

} // namespace burnrate::cli
