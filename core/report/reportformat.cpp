#include "report/reportformat.h"

#include "money/money.h"
#include "report/reportvalues.h"
#include "util/jsonwriter.h"

namespace burnrate {

using namespace reportvalues;

namespace {

void writeTokens(JsonWriter &w, const TokenCounts &t)
{
    w.key("tokens").beginObject();
    w.field("input", t.inputUncached).field("cache_read", t.cacheRead).field("cache_write_5m", t.cacheWrite5m);
    w.field("cache_write_1h", t.cacheWrite1h).field("output", t.output).field("reasoning", t.reasoning);
    w.endObject();
}

void writeMoney(JsonWriter &w, const char *prefix, std::int64_t nano)
{
    w.field(std::string(prefix) + "_usd", Money::fromNano(nano).toDecimalString());
    w.field(std::string(prefix) + "_nano", nano);
}

void writeRowBody(JsonWriter &w, const Report &report, const ReportRow &r)
{
    w.field("requests", r.requests);
    writeTokens(w, r.tokens);
    writeMoney(w, "cost", r.costNano);
    w.field("unpriced_requests", r.unpricedRequests).field("unpriced_tokens", r.unpricedTokens);
    if (report.by == ReportBy::Conversation || report.by == ReportBy::Project) {
        w.field("first_activity", localTime(r.firstAtMs, report.timezone));
        w.field("last_activity", localTime(r.lastAtMs, report.timezone));
        w.key("models").beginArray();
        for (const QString &m : r.models) {
            w.value(m);
        }
        w.endArray();
        if (report.by == ReportBy::Conversation) {
            w.field("project", r.project);
        }
    }
    if (report.by == ReportBy::Workflow) {
        w.field("runs", r.runs).field("successes", r.successes);
        const auto rate = [&](const char *k, std::int64_t n, std::int64_t d) {
            w.key(k);
            d == 0 ? w.null() : w.rawNumber(ratio(n, d).toStdString());
        };
        rate("success_rate", r.successes, r.requests);
        if (const auto cps = costPerSuccess(r)) {
            writeMoney(w, "cost_per_success", *cps);
        } else {
            w.key("cost_per_success_usd").null().key("cost_per_success_nano").null();
        }
        rate("retry_rate", r.retriedRequests, r.requests);
        w.field("retries", r.retries);
        w.key("avg_latency_ms");
        if (const auto l = avgLatency(r)) {
            w.value(*l);
        } else {
            w.null();
        }
        w.field("tool_calls", r.toolCalls);
    }
}

} // namespace

QByteArray reportAsJson(const Report &report)
{
    JsonWriter w;
    w.beginObject();
    w.field("currency", "USD").field("timezone", report.timezone);
    w.key("since");
    report.since ? w.value(report.since->toString(Qt::ISODate)) : w.null();
    w.key("until");
    report.until ? w.value(report.until->toString(Qt::ISODate)) : w.null();
    w.field("by", reportByName(report.by));
    w.key("rows").beginArray();
    for (const ReportRow &r : report.rows) {
        w.beginObject();
        w.field("key", r.key);
        if (report.by == ReportBy::Model) {
            w.field("provider", r.provider);
        }
        w.field("provenance", r.provenance);
        writeRowBody(w, report, r);
        w.endObject();
    }
    w.endArray();
    w.key("total").beginObject();
    writeRowBody(w, report, report.total);
    w.endObject();
    writeMoney(w, "subscription_equivalent", report.subscriptionValueNano);
    w.field("rows_total", report.rowsBeforeTop);
    w.key("unpriced_models").beginArray();
    for (const UnpricedModel &m : report.unpricedModels) {
        w.beginObject().field("provider", m.provider).field("model", m.model);
        w.field("requests", m.requests).field("tokens", m.tokens).endObject();
    }
    w.endArray();
    if (!report.unconverted.isEmpty()) {
        // Balance falls in a currency with no rate to USD: never in the totals, listed so nothing is hidden.
        w.key("unconverted").beginArray();
        for (const UnconvertedSpend &u : report.unconverted) {
            w.beginObject();
            w.field("provider", u.provider).field("currency", u.currency);
            w.field("spent", Money::fromNano(u.amountNano).toDecimalString()).field("spent_nano", u.amountNano);
            w.endObject();
        }
        w.endArray();
    }
    w.endObject();
    std::string out = w.str();
    out.push_back('\n');
    return QByteArray(out.data(), static_cast<qsizetype>(out.size()));
}

QString reportAsCsv(const Report &report)
{
    const auto cell = [](QString v) {
        if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')) || v.contains(QLatin1Char('\n'))) {
            v.replace(QLatin1String("\""), QLatin1String("\"\""));
            return QLatin1Char('"') + v + QLatin1Char('"');
        }
        return v;
    };
    QStringList header = {QStringLiteral("key"),
                          QStringLiteral("provider"),
                          QStringLiteral("provenance"),
                          QStringLiteral("requests"),
                          QStringLiteral("input"),
                          QStringLiteral("cache_read"),
                          QStringLiteral("cache_write_5m"),
                          QStringLiteral("cache_write_1h"),
                          QStringLiteral("output"),
                          QStringLiteral("reasoning"),
                          QStringLiteral("cost_usd"),
                          QStringLiteral("cost_nano"),
                          QStringLiteral("unpriced_requests"),
                          QStringLiteral("unpriced_tokens")};
    if (report.by == ReportBy::Conversation || report.by == ReportBy::Project) {
        header << QStringLiteral("first_activity") << QStringLiteral("last_activity") << QStringLiteral("models")
               << QStringLiteral("project");
    }
    if (report.by == ReportBy::Workflow) {
        header << QStringLiteral("runs") << QStringLiteral("successes") << QStringLiteral("success_rate")
               << QStringLiteral("cost_per_success_usd") << QStringLiteral("retry_rate") << QStringLiteral("retries")
               << QStringLiteral("avg_latency_ms") << QStringLiteral("tool_calls");
    }
    QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const ReportRow &r : report.rows) {
        QStringList c = {cell(r.key),
                         cell(r.provider),
                         r.provenance,
                         QString::number(r.requests),
                         QString::number(r.tokens.inputUncached),
                         QString::number(r.tokens.cacheRead),
                         QString::number(r.tokens.cacheWrite5m),
                         QString::number(r.tokens.cacheWrite1h),
                         QString::number(r.tokens.output),
                         QString::number(r.tokens.reasoning),
                         usd(r.costNano),
                         QString::number(r.costNano),
                         QString::number(r.unpricedRequests),
                         QString::number(r.unpricedTokens)};
        if (report.by == ReportBy::Conversation || report.by == ReportBy::Project) {
            c << localTime(r.firstAtMs, report.timezone) << localTime(r.lastAtMs, report.timezone)
              << cell(r.models.join(QLatin1Char(' '))) << cell(r.project);
        }
        if (report.by == ReportBy::Workflow) {
            const auto cps = costPerSuccess(r);
            const auto lat = avgLatency(r);
            c << QString::number(r.runs) << QString::number(r.successes) << ratio(r.successes, r.requests)
              << (cps ? usd(*cps) : QString()) << ratio(r.retriedRequests, r.requests) << QString::number(r.retries)
              << (lat ? QString::number(*lat) : QString()) << QString::number(r.toolCalls);
        }
        out += c.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

} // namespace burnrate
