#include "importers/codexparser.h"

#include "importers/jsonfields.h"
#include "importers/logdiscovery.h"
#include "util/timestamp.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <limits>

namespace burnrate {

namespace {

using namespace json;
using simdjson::ondemand::object;

struct Totals
{
    std::int64_t input = 0;
    std::int64_t cached = 0;
    std::int64_t output = 0;
    std::int64_t reasoning = 0;
    bool present = false;
    friend bool operator==(const Totals &a, const Totals &b)
    {
        return a.input == b.input && a.cached == b.cached && a.output == b.output && a.reasoning == b.reasoning;
    }
};

struct Payload
{
    std::string_view type, id, cwd, timestamp, model, provider, serviceTier, infoModel;
    bool infoPresent = false;
    Totals total;
    Totals last;
};

QString readTotals(object o, Totals &t)
{
    for (auto field : o) {
        std::string_view key;
        value v;
        if (field.unescaped_key().get(key) || field.value().get(v)) {
            return QStringLiteral("not valid JSON in info");
        }
        std::int64_t *count = key == "input_tokens"              ? &t.input
                              : key == "cached_input_tokens"     ? &t.cached
                              : key == "output_tokens"           ? &t.output
                              : key == "reasoning_output_tokens" ? &t.reasoning
                                                                 : nullptr;
        if (count && !readCount(v, *count)) {
            return QStringLiteral("info.%1 is not a whole number")
                .arg(QLatin1String(key.data(), static_cast<qsizetype>(key.size())));
        }
    }
    t.present = true;
    return {};
}

QString readInfo(value v, Payload &p)
{
    json_type t;
    if (v.type().get(t)) {
        return QStringLiteral("not valid JSON in info");
    }
    if (t != json_type::object) {
        return {}; // null: rate limits only
    }
    object info;
    if (v.get_object().get(info)) {
        return QStringLiteral("not valid JSON in info");
    }
    p.infoPresent = true;
    for (auto field : info) {
        std::string_view key;
        value iv;
        if (field.unescaped_key().get(key) || field.value().get(iv)) {
            return QStringLiteral("not valid JSON in info");
        }
        if (key == "model") {
            if (!readString(iv, p.infoModel)) {
                return QStringLiteral("not valid JSON in info.model");
            }
            continue;
        }
        Totals *target = key == "total_token_usage" ? &p.total : key == "last_token_usage" ? &p.last : nullptr;
        json_type it;
        if (!target || iv.type().get(it) || it != json_type::object) {
            continue;
        }
        object totals;
        if (iv.get_object().get(totals)) {
            return QStringLiteral("not valid JSON in info");
        }
        if (QString problem = readTotals(totals, *target); !problem.isEmpty()) {
            return problem;
        }
    }
    return {};
}

QString readPayload(object o, Payload &p)
{
    for (auto field : o) {
        std::string_view key;
        value v;
        if (field.unescaped_key().get(key) || field.value().get(v)) {
            return QStringLiteral("not valid JSON in payload");
        }
        std::string_view *text = key == "type"             ? &p.type
                                 : key == "id"             ? &p.id
                                 : key == "cwd"            ? &p.cwd
                                 : key == "timestamp"      ? &p.timestamp
                                 : key == "model"          ? &p.model
                                 : key == "model_provider" ? &p.provider
                                 : key == "service_tier"   ? &p.serviceTier
                                                           : nullptr;
        if (text) {
            if (!readString(v, *text)) {
                return QStringLiteral("not valid JSON in payload");
            }
        } else if (key == "info") {
            if (QString problem = readInfo(v, p); !problem.isEmpty()) {
                return problem;
            }
        }
    }
    return {};
}

QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace

struct CodexParser::State
{
    simdjson::ondemand::parser parser;
    Billing billing = Billing::Api;
    QString source = agentLogSourceName(AgentLogSource::Codex);
    QString defaultProvider = agentLogProvider(AgentLogSource::Codex);
    QString conversationHint;
    StringCache models;
    // Carried in checkpoints:
    QString session, cwd, model, provider, tier;
    std::int64_t startMs = std::numeric_limits<std::int64_t>::min();
    Totals previous;
    bool seen = false;
};

CodexParser::CodexParser(Billing billing)
    : d(std::make_unique<State>())
{
    d->billing = billing;
}

CodexParser::~CodexParser() = default;

void CodexParser::setFile(const LogFile &file, const QString &state)
{
    d->conversationHint =
        file.conversationHint.isEmpty() ? QFileInfo(file.path).completeBaseName() : file.conversationHint;
    d->session = d->cwd = d->model = d->provider = d->tier = QString();
    d->startMs = std::numeric_limits<std::int64_t>::min();
    d->previous = Totals();
    d->seen = false;
    const QJsonObject o = QJsonDocument::fromJson(state.toUtf8()).object();
    if (o.value(QStringLiteral("v")).toInt() != 1) {
        return;
    }
    d->session = o.value(QStringLiteral("session")).toString();
    d->cwd = o.value(QStringLiteral("cwd")).toString();
    d->model = o.value(QStringLiteral("model")).toString();
    d->provider = o.value(QStringLiteral("provider")).toString();
    d->tier = o.value(QStringLiteral("tier")).toString();
    if (o.contains(QStringLiteral("start"))) {
        d->startMs = o.value(QStringLiteral("start")).toInteger();
    }
    d->seen = o.value(QStringLiteral("seen")).toBool();
    d->previous.input = o.value(QStringLiteral("input")).toInteger();
    d->previous.cached = o.value(QStringLiteral("cached")).toInteger();
    d->previous.output = o.value(QStringLiteral("output")).toInteger();
    d->previous.reasoning = o.value(QStringLiteral("reasoning")).toInteger();
}

QString CodexParser::state() const
{
    QJsonObject o{{QStringLiteral("v"), 1},
                  {QStringLiteral("session"), d->session},
                  {QStringLiteral("cwd"), d->cwd},
                  {QStringLiteral("model"), d->model},
                  {QStringLiteral("provider"), d->provider},
                  {QStringLiteral("tier"), d->tier},
                  {QStringLiteral("seen"), d->seen},
                  {QStringLiteral("input"), qint64(d->previous.input)},
                  {QStringLiteral("cached"), qint64(d->previous.cached)},
                  {QStringLiteral("output"), qint64(d->previous.output)},
                  {QStringLiteral("reasoning"), qint64(d->previous.reasoning)}};
    if (d->startMs != std::numeric_limits<std::int64_t>::min()) {
        o.insert(QStringLiteral("start"), qint64(d->startMs));
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

CodexParser::Outcome CodexParser::parse(std::string_view line, UsageCandidate &out, QString &reason)
{
    if (!looksLikeObject(line)) {
        reason = QStringLiteral("not a JSON object");
        return Outcome::Malformed;
    }
    const simdjson::padded_string_view view(line.data(), line.size(), line.size() + simdjson::SIMDJSON_PADDING);
    simdjson::ondemand::document doc;
    object obj;
    if (auto err = d->parser.iterate(view).get(doc); err || (err = doc.get_object().get(obj))) {
        reason = QStringLiteral("not valid JSON: %1").arg(errorText(err));
        return Outcome::Malformed;
    }
    std::string_view type, timestamp;
    Payload p;
    for (auto field : obj) {
        std::string_view key;
        value v;
        if (auto err = field.unescaped_key().get(key); err || (err = field.value().get(v))) {
            reason = QStringLiteral("not valid JSON: %1").arg(errorText(err));
            return Outcome::Malformed;
        }
        if (key == "type" || key == "timestamp") {
            if (!readString(v, key == "type" ? type : timestamp)) {
                reason = QStringLiteral("not valid JSON");
                return Outcome::Malformed;
            }
        } else if (key == "payload") {
            object payload;
            json_type t;
            if (v.type().get(t) || t != json_type::object) {
                continue;
            }
            if (v.get_object().get(payload)) {
                reason = QStringLiteral("not valid JSON in payload");
                return Outcome::Malformed;
            }
            if (QString problem = readPayload(payload, p); !problem.isEmpty()) {
                reason = problem;
                return Outcome::Malformed;
            }
        }
    }
    if (type == "session_meta") {
        if (!p.id.empty()) {
            d->session = toQString(p.id);
        }
        if (!p.cwd.empty()) {
            d->cwd = toQString(p.cwd);
        }
        if (!p.provider.empty()) {
            d->provider = toQString(p.provider).toLower();
        }
        if (const auto start = parseRfc3339Ms(p.timestamp.empty() ? timestamp : p.timestamp)) {
            d->startMs = *start;
        }
        return Outcome::Skipped;
    }
    if (type == "turn_context") {
        if (!p.model.empty()) {
            d->model = toQString(p.model);
        }
        if (d->cwd.isEmpty() && !p.cwd.empty()) {
            d->cwd = toQString(p.cwd);
        }
        return Outcome::Skipped;
    }
    if (type != "event_msg") {
        return Outcome::Skipped;
    }
    if (p.type == "thread_settings_applied") {
        const std::string_view t = p.serviceTier;
        d->tier = (t == "priority" || t == "fast") ? QStringLiteral("priority")
                  : t == "flex"                    ? QStringLiteral("flex")
                                                   : QString();
        return Outcome::Skipped;
    }
    if (p.type != "token_count" || !p.infoPresent || (!p.total.present && !p.last.present)) {
        return Outcome::Skipped; // info null: rate limits only
    }
    const auto at = parseRfc3339Ms(timestamp);
    if (!at) {
        reason = QStringLiteral("a token_count without a valid timestamp");
        return Outcome::Malformed;
    }
    // The request's own usage: the advance of the cumulative total. The first usage of a file that
    // starts mid-way (a forked or resumed rollout) and a total that went back count `last` only.
    Totals delta;
    const Totals &t = p.total;
    if (!t.present) {
        delta = p.last;
    } else if (d->seen && t == d->previous) {
        return Outcome::Skipped; // a repeated token_count
    } else if (!d->seen || t.input < d->previous.input || t.cached < d->previous.cached ||
               t.output < d->previous.output || t.reasoning < d->previous.reasoning) {
        delta = p.last.present ? p.last : t;
    } else {
        delta.input = t.input - d->previous.input;
        delta.cached = t.cached - d->previous.cached;
        delta.output = t.output - d->previous.output;
        delta.reasoning = t.reasoning - d->previous.reasoning;
    }
    if (t.present) {
        d->previous = t;
        d->seen = true;
    }
    const std::int64_t cached = std::min(delta.cached, delta.input);
    if (delta.input == 0 && delta.output == 0) {
        return Outcome::Skipped;
    }
    EventRecord &e = out.record;
    e = EventRecord();
    e.source = d->source;
    const Totals &keyed = t.present ? t : p.last;
    e.sourceKey = QStringLiteral("%1/%2/%3/%4/%5%6")
                      .arg(*at)
                      .arg(keyed.input)
                      .arg(keyed.cached)
                      .arg(keyed.output)
                      .arg(keyed.reasoning)
                      .arg(t.present ? QString() : QStringLiteral("/last"));
    e.occurredAtMs = *at;
    e.provider = d->provider.isEmpty() ? d->defaultProvider : d->provider;
    e.model = !p.infoModel.empty() ? d->models.get(p.infoModel)
              : d->model.isEmpty() ? QStringLiteral("unknown")
                                   : d->model;
    e.conversationId = d->session.isEmpty() ? d->conversationHint : d->session;
    e.project = d->cwd;
    e.tokens.inputUncached = delta.input - cached;
    e.tokens.cacheRead = cached;
    e.tokens.output = delta.output;
    e.tokens.reasoning = std::min(delta.reasoning, delta.output);
    e.serviceTier = d->tier;
    e.billing = d->billing;
    out.flags = dedupe::MainChain | dedupe::Direct;
    if (*at >= d->startMs) {
        out.flags |= dedupe::Native;
    }
    return Outcome::Usage;
}

} // namespace burnrate
