// burnrate prices quote: the cost calculator, one usage object in its provider's own convention.
#include "cli/arguments.h"
#include "cli/cli.h"
#include "cli/ledgeropener.h"
#include "cli/prices_p.h"
#include "money/money.h"
#include "pricing/pricer.h"
#include "pricing/pricestore.h"
#include "pricing/usageformats.h"
#include "util/clock.h"
#include "util/jsonwriter.h"
#include "util/timestamp.h"

#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

namespace burnrate::cli::detail {

namespace {

// Picks the convention from the keys when --usage-format is not given. Where two conventions share
// keys (input_tokens and output_tokens alone) they also agree on the cost: no cache is involved.
UsageFormat sniffFormat(const QJsonObject &json, const QString &provider)
{
    QJsonObject o = json;
    if (o.contains(QLatin1String("usageMetadata")) || o.contains(QLatin1String("promptTokenCount"))) {
        return UsageFormat::Gemini;
    }
    if (o.value(QLatin1String("usage")).isObject()) {
        o = o.value(QLatin1String("usage")).toObject();
    }
    const auto has = [&](const char *k) {
        return o.contains(QLatin1String(k));
    };
    if (has("prompt_tokens") || has("input_tokens_details") || has("output_tokens_details")) {
        return UsageFormat::OpenAi;
    }
    if (has("cache_read_input_tokens") || has("cache_creation_input_tokens") || has("cache_creation") ||
        has("uncached_input_tokens")) {
        return UsageFormat::Anthropic;
    }
    if (has("input_cached_tokens") || has("num_model_requests")) {
        return UsageFormat::OpenAiUsageApi;
    }
    if (has("uncached_input")) {
        return UsageFormat::Normalized;
    }
    if (has("cached_input_tokens") || has("cache_write_tokens")) {
        return UsageFormat::Envelope;
    }
    return provider.contains(QLatin1String("anthropic")) ? UsageFormat::Anthropic : UsageFormat::Envelope;
}

QString grouped(std::int64_t v)
{
    QString s = QString::number(v);
    for (auto pos = s.size() - 3; pos > (v < 0 ? 1 : 0); pos -= 3) {
        s.insert(pos, QLatin1Char(','));
    }
    return s;
}

} // namespace

int runPricesQuote(CommandContext &ctx, const QStringList &args)
{
    auto parsed = Arguments::parse(args,
                                   {QStringLiteral("--model"), QStringLiteral("--provider"), QStringLiteral("--at"),
                                    QStringLiteral("--tier"), QStringLiteral("--usage"),
                                    QStringLiteral("--usage-format"), QStringLiteral("--format")},
                                   {});
    if (!parsed) {
        return pricesUsage(ctx, parsed.error());
    }
    if (!parsed->positionals().isEmpty()) {
        return pricesUsage(ctx, QStringLiteral("unexpected argument \"%1\"").arg(parsed->positionals().first()));
    }
    const QString model = parsed->value(QStringLiteral("--model"));
    const QString provider = parsed->value(QStringLiteral("--provider"));
    if (model.isEmpty() || !parsed->has(QStringLiteral("--usage"))) {
        return pricesUsage(ctx, QStringLiteral("quote needs --model MODEL and --usage JSON"));
    }
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
    // The usage: inline JSON, @FILE, or - for standard input.
    QString usageText = parsed->value(QStringLiteral("--usage"));
    if (usageText == QLatin1String("-") || usageText.startsWith(QLatin1Char('@'))) {
        QFile f;
        const bool ok = usageText == QLatin1String("-")
                            ? f.open(stdin, QIODevice::ReadOnly)
                            : (f.setFileName(usageText.mid(1)), f.open(QIODevice::ReadOnly));
        if (!ok) {
            return pricesFailure(ctx, QStringLiteral("cannot read the usage: %1").arg(f.errorString()));
        }
        usageText = QString::fromUtf8(f.readAll());
    }
    QJsonParseError err;
    const QJsonDocument usageJson = QJsonDocument::fromJson(usageText.toUtf8(), &err);
    if (!usageJson.isObject()) {
        return pricesUsage(ctx, QStringLiteral("--usage must be a JSON object (%1)").arg(err.errorString()));
    }
    UsageFormat usageFormat = sniffFormat(usageJson.object(), provider);
    if (parsed->has(QStringLiteral("--usage-format"))) {
        const auto f = usageFormatFromName(parsed->value(QStringLiteral("--usage-format")));
        if (!f) {
            return pricesUsage(ctx,
                               QStringLiteral("--usage-format must be openai, anthropic, gemini, openai-usage-api, "
                                              "envelope or normalized"));
        }
        usageFormat = *f;
    }
    auto usage = usageFromJson(usageJson.object(), usageFormat);
    if (!usage) {
        return pricesUsage(ctx, QStringLiteral("--usage: %1").arg(usage.error()));
    }
    const QString tierName = parsed->value(QStringLiteral("--tier"), usage->serviceTier);
    const auto tier = serviceTierFromName(tierName);
    if (!tier) {
        return pricesUsage(ctx, QStringLiteral("--tier must be standard, batch, flex or priority"));
    }
    auto ledger = openLedger(ctx);
    if (!ledger) {
        return pricesFailure(ctx, ledger.error());
    }
    auto book = PriceStore(**ledger).load();
    if (!book) {
        return pricesFailure(ctx, QStringLiteral("cannot load the price book: %1").arg(book.error()));
    }
    Pricer pricer(**book);
    const PriceResult r = pricer.price(provider, model, at, *tier, usage->usage, true);
    if (!r.priced) {
        return pricesFailure(ctx, QStringLiteral("unpriced: %1").arg(r.reason));
    }
    const QString atText = formatUtcMs(at).left(19) + QLatin1Char('Z');
    const QString totalUsd = Money::fromNano(r.nano).toDecimalString();
    if (format == QLatin1String("json")) {
        JsonWriter w;
        w.beginObject().field("book", (*book)->id()).field("at", atText);
        w.key("model").beginObject().field("query", model).field("provider", r.model->providerId);
        w.field("id", r.model->id).field("entry", r.model->ref).endObject();
        w.field("version", r.version->label);
        w.key("tier").beginObject().field("service", serviceTierName(r.serviceTier));
        w.key("long_context_gt_input_tokens");
        r.tierGt >= 0 ? w.value(r.tierGt) : w.null();
        w.key("window");
        r.window ? w.value(r.window->label) : w.null();
        w.endObject();
        w.key("lines").beginArray();
        for (const PriceLine &l : r.lines) {
            w.beginObject().field("class", lineClassName(l.cls)).field("tokens", l.quantity);
            w.field("rate_key", rateKeyName(l.rateKey)).field("rate", rateText(l.rateKey, l.ratePico));
            w.field("rate_unit", rateUnit(l.rateKey)).field("rate_pico", l.ratePico).field("cost_pico", l.costPico);
            w.endObject();
        }
        w.endArray();
        w.field("subtotal_pico", r.subtotalPico).field("multiplier", r.multiplier.toString());
        w.field("total_nano", r.nano).field("total_usd", totalUsd).field("price_ref", r.priceRef(**book));
        w.endObject();
        ctx.out << QString::fromUtf8(w.toByteArray()) << '\n';
        return ExitOk;
    }
    QTextStream &o = ctx.out;
    o << "Quote      " << r.model->ref << " for \"" << model << "\" at " << atText << '\n';
    o << "Version    " << r.version->label
      << (r.window ? QStringLiteral(", daily window %1 UTC").arg(r.window->label) : QString()) << '\n';
    o << "Tier       " << serviceTierName(r.serviceTier)
      << (r.tierGt >= 0 ? QStringLiteral(", long context (total input > %1)").arg(grouped(r.tierGt))
                        : QStringLiteral(", base context"))
      << '\n';
    o << "Book       " << (*book)->id() << "\n\n";
    QStringList rows;
    qsizetype w0 = 5, w1 = 6, w2 = 4, w3 = 4;
    for (const PriceLine &l : r.lines) {
        w0 = std::max(w0, qsizetype(qstrlen(lineClassName(l.cls))));
        w1 = std::max(w1, grouped(l.quantity).size());
        w2 = std::max(
            w2, (rateText(l.rateKey, l.ratePico) + QLatin1Char(' ') + QLatin1String(rateKeyName(l.rateKey))).size());
        w3 = std::max(w3, grouped(l.costPico).size());
    }
    o << QStringLiteral("CLASS").leftJustified(w0) << "  " << QStringLiteral("TOKENS").rightJustified(w1) << "  "
      << QStringLiteral("RATE").leftJustified(w2) << "  " << QStringLiteral("COST (pico-USD)").rightJustified(w3)
      << '\n';
    for (const PriceLine &l : r.lines) {
        o << QString::fromLatin1(lineClassName(l.cls)).leftJustified(w0) << "  "
          << grouped(l.quantity).rightJustified(w1) << "  "
          << (rateText(l.rateKey, l.ratePico) + QLatin1Char(' ') + QLatin1String(rateKeyName(l.rateKey)))
                 .leftJustified(w2)
          << "  " << grouped(l.costPico).rightJustified(w3) << '\n';
    }
    o << "\nRates are USD per 1M tokens (per_request: USD per request; web_search_per_1k: USD per 1,000).\n";
    o << "Subtotal   " << grouped(r.subtotalPico) << " pico-USD\n";
    if (!r.multiplier.isOne()) {
        o << "Multiplier x" << r.multiplier.toString() << " (" << serviceTierName(r.serviceTier) << ")\n";
    }
    o << "Total      $" << totalUsd << " (" << grouped(r.nano) << " nano-USD, rounded once, half-up)\n";
    return ExitOk;
}

} // namespace burnrate::cli::detail
