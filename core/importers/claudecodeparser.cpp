#include "importers/claudecodeparser.h"

#include "importers/importcheckpoints.h"
#include "importers/jsonfields.h"
#include "importers/logdiscovery.h"
#include "money/money.h"
#include "util/timestamp.h"

#include <QFileInfo>

namespace burnrate {

namespace {

using namespace json;
using simdjson::ondemand::object;

struct Usage
{
    std::int64_t input = 0;
    std::int64_t cacheCreation = 0;
    std::int64_t cacheRead = 0;
    std::int64_t output = 0;
    std::int64_t write5m = 0;
    std::int64_t write1h = 0;
    bool hasBreakdown = false;
    std::string_view speed;
    std::string_view tier;
};

// The fields of one assistant record, at the top of a line or inside data.message of an
// agent_progress line. Views point into the parser's buffers, valid until the next line.
struct Record
{
    std::string_view type, timestamp, sessionId, cwd, agentId, requestId, uuid, messageId, model;
    std::string_view costText;
    bool sidechain = false;
    bool hasSidechain = false;
    bool hasUsage = false;
    Usage usage;
    std::string_view dataType, dataAgentId;
};

// Why a line is refused, or empty.
using Problem = QString;

Problem readUsage(object usage, Usage &u)
{
    for (auto field : usage) {
        std::string_view key;
        value v;
        if (auto err = field.unescaped_key().get(key); err || (err = field.value().get(v))) {
            return QStringLiteral("not valid JSON: %1").arg(errorText(err));
        }
        std::int64_t *count = nullptr;
        if (key == "input_tokens") {
            count = &u.input;
        } else if (key == "cache_creation_input_tokens") {
            count = &u.cacheCreation;
        } else if (key == "cache_read_input_tokens") {
            count = &u.cacheRead;
        } else if (key == "output_tokens") {
            count = &u.output;
        } else if (key == "speed") {
            if (!readString(v, u.speed)) {
                return QStringLiteral("not valid JSON in usage.speed");
            }
        } else if (key == "service_tier") {
            if (!readString(v, u.tier)) {
                return QStringLiteral("not valid JSON in usage.service_tier");
            }
        } else if (key == "cache_creation") {
            json_type t;
            if (v.type().get(t)) {
                return QStringLiteral("not valid JSON in usage.cache_creation");
            }
            if (t != json_type::object) {
                continue;
            }
            object breakdown;
            if (v.get_object().get(breakdown)) {
                return QStringLiteral("not valid JSON in usage.cache_creation");
            }
            for (auto b : breakdown) {
                std::string_view bkey;
                value bv;
                if (b.unescaped_key().get(bkey) || b.value().get(bv)) {
                    return QStringLiteral("not valid JSON in usage.cache_creation");
                }
                std::int64_t *target = bkey == "ephemeral_5m_input_tokens"   ? &u.write5m
                                       : bkey == "ephemeral_1h_input_tokens" ? &u.write1h
                                                                             : nullptr;
                if (target) {
                    if (!readCount(bv, *target)) {
                        return QStringLiteral("usage.cache_creation.%1 is not a whole number")
                            .arg(QLatin1String(bkey.data(), static_cast<qsizetype>(bkey.size())));
                    }
                    u.hasBreakdown = true;
                }
            }
        }
        if (count && !readCount(v, *count)) {
            return QStringLiteral("usage.%1 is not a whole number")
                .arg(QLatin1String(key.data(), static_cast<qsizetype>(key.size())));
        }
    }
    return {};
}

Problem readMessage(object message, Record &r)
{
    for (auto field : message) {
        std::string_view key;
        value v;
        if (auto err = field.unescaped_key().get(key); err || (err = field.value().get(v))) {
            return QStringLiteral("not valid JSON: %1").arg(errorText(err));
        }
        if (key == "id") {
            if (!readString(v, r.messageId)) {
                return QStringLiteral("not valid JSON in message.id");
            }
        } else if (key == "model") {
            if (!readString(v, r.model)) {
                return QStringLiteral("not valid JSON in message.model");
            }
        } else if (key == "usage") {
            json_type t;
            if (v.type().get(t)) {
                return QStringLiteral("not valid JSON in message.usage");
            }
            if (t == json_type::object) {
                object usage;
                if (v.get_object().get(usage)) {
                    return QStringLiteral("not valid JSON in message.usage");
                }
                if (Problem p = readUsage(usage, r.usage); !p.isEmpty()) {
                    return p;
                }
                r.hasUsage = true;
            }
        }
    }
    return {};
}

// Reads a record; `embed` (top level only) receives the message of an agent_progress line.
Problem readRecord(object obj, Record &r, Record *embed)
{
    for (auto field : obj) {
        std::string_view key;
        value v;
        if (auto err = field.unescaped_key().get(key); err || (err = field.value().get(v))) {
            return QStringLiteral("not valid JSON: %1").arg(errorText(err));
        }
        std::string_view *text = nullptr;
        if (key == "type") {
            text = &r.type;
        } else if (key == "timestamp") {
            text = &r.timestamp;
        } else if (key == "sessionId") {
            text = &r.sessionId;
        } else if (key == "cwd") {
            text = &r.cwd;
        } else if (key == "agentId") {
            text = &r.agentId;
        } else if (key == "requestId") {
            text = &r.requestId;
        } else if (key == "uuid") {
            text = &r.uuid;
        } else if (key == "isSidechain") {
            bool b = false;
            if (!v.get_bool().get(b)) {
                r.sidechain = b;
                r.hasSidechain = true;
            }
        } else if (key == "costUSD") {
            bool isNull = false;
            if (!readNumberText(v, r.costText, isNull)) {
                return QStringLiteral("costUSD is not a number");
            }
        } else if (key == "message" || (embed && key == "data")) {
            json_type t;
            if (v.type().get(t)) {
                return QStringLiteral("not valid JSON in %1").arg(QLatin1String(key.data(), qsizetype(key.size())));
            }
            if (t != json_type::object) {
                continue;
            }
            object inner;
            if (v.get_object().get(inner)) {
                return QStringLiteral("not valid JSON in %1").arg(QLatin1String(key.data(), qsizetype(key.size())));
            }
            if (key == "message") {
                if (Problem p = readMessage(inner, r); !p.isEmpty()) {
                    return p;
                }
                continue;
            }
            for (auto d : inner) { // data: {type, agentId, message: {<record>}}
                std::string_view dkey;
                value dv;
                if (d.unescaped_key().get(dkey) || d.value().get(dv)) {
                    return QStringLiteral("not valid JSON in data");
                }
                if (dkey == "type" || dkey == "agentId") {
                    if (!readString(dv, dkey == "type" ? r.dataType : r.dataAgentId)) {
                        return QStringLiteral("not valid JSON in data");
                    }
                } else if (dkey == "message") {
                    object nested;
                    json_type nt;
                    if (dv.type().get(nt) || nt != json_type::object) {
                        continue;
                    }
                    if (dv.get_object().get(nested)) {
                        return QStringLiteral("not valid JSON in data.message");
                    }
                    if (Problem p = readRecord(nested, *embed, nullptr); !p.isEmpty()) {
                        return p;
                    }
                }
            }
        }
        if (text && !readString(v, *text)) {
            return QStringLiteral("not valid JSON in %1").arg(QLatin1String(key.data(), qsizetype(key.size())));
        }
    }
    return {};
}

QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace

struct ClaudeCodeParser::State
{
    simdjson::ondemand::parser parser;
    Billing billing;
    QString source = agentLogSourceName(AgentLogSource::ClaudeCode);
    QString provider = agentLogProvider(AgentLogSource::ClaudeCode);
    QString fast = QStringLiteral("fast");
    QString conversationHint;
    QString fileStem; // the last resort: a file named neither by a UUID nor with session ids inside
    QString projectHint;
    QString agentHint;
    bool subagent = false;
    StringCache models, cwds, sessions, agents, tiers;
    std::string keyBuffer;
};

ClaudeCodeParser::ClaudeCodeParser(Billing billing)
    : d(std::make_unique<State>())
{
    d->billing = billing;
}

ClaudeCodeParser::~ClaudeCodeParser() = default;

void ClaudeCodeParser::setFile(const LogFile &file)
{
    d->conversationHint = file.conversationHint;
    d->fileStem = QFileInfo(file.path).completeBaseName();
    d->projectHint = file.projectHint;
    d->agentHint = file.agentHint;
    d->subagent = file.subagent;
}

ClaudeCodeParser::Outcome ClaudeCodeParser::parse(std::string_view line, Parsed &out)
{
    out.messageId.clear();
    out.embedAgentId.clear();
    out.sidechain = false;
    if (!looksLikeObject(line)) {
        out.reason = QStringLiteral("not a JSON object");
        return Outcome::Malformed;
    }
    const simdjson::padded_string_view view(line.data(), line.size(), line.size() + simdjson::SIMDJSON_PADDING);
    simdjson::ondemand::document doc;
    object obj;
    if (auto err = d->parser.iterate(view).get(doc); err || (err = doc.get_object().get(obj))) {
        out.reason = QStringLiteral("not valid JSON: %1").arg(errorText(err));
        return Outcome::Malformed;
    }
    Record top;
    Record embed;
    if (Problem p = readRecord(obj, top, &embed); !p.isEmpty()) {
        out.reason = p;
        return Outcome::Malformed;
    }
    const bool isEmbed = !top.hasUsage && embed.hasUsage && top.dataType == "agent_progress";
    if (!top.hasUsage && !isEmbed) {
        return Outcome::Skipped;
    }
    Record &r = isEmbed ? embed : top;
    if (isEmbed) { // the embedded message borrows what it lacks from its line
        for (auto [field, fallback] : {std::pair{&r.timestamp, top.timestamp}, std::pair{&r.sessionId, top.sessionId},
                                       std::pair{&r.cwd, top.cwd}}) {
            if (field->empty()) {
                *field = fallback;
            }
        }
        if (!r.hasSidechain) {
            r.sidechain = true; // a subagent's message
        }
        out.embedAgentId.assign(top.dataAgentId.empty() ? r.agentId : top.dataAgentId);
    }
    if (r.model == "<synthetic>") {
        return Outcome::Skipped; // written by Claude Code itself, not an API response
    }
    const Usage &u = r.usage;
    if (u.input == 0 && u.cacheCreation == 0 && u.cacheRead == 0 && u.output == 0 && u.write5m == 0 && u.write1h == 0) {
        return Outcome::Skipped;
    }
    const auto at = parseRfc3339Ms(r.timestamp);
    if (!at) {
        out.reason = r.timestamp.empty()
                         ? QStringLiteral("an assistant line without a timestamp")
                         : QStringLiteral("the timestamp \"%1\" is not RFC 3339").arg(toQString(r.timestamp));
        return Outcome::Malformed;
    }
    EventRecord &e = out.candidate.record;
    e = EventRecord();
    e.source = d->source;
    e.provider = d->provider;
    e.occurredAtMs = *at;
    e.model = r.model.empty() ? QStringLiteral("unknown") : d->models.get(r.model);
    if (!r.messageId.empty() && !r.requestId.empty()) {
        // Request id first: Anthropic's ids grow with time (req_011CY… in February 2026, req_011Ce… in
        // August), so new keys land at the end of the ledger's key index instead of all over it.
        std::string &key = d->keyBuffer; // one allocation for the key, not three
        key.assign(r.requestId).append(1, '/').append(r.messageId);
        e.sourceKey = toQString(key);
    } else if (!r.messageId.empty()) {
        e.sourceKey = toQString(r.messageId);
    } else if (!r.uuid.empty()) {
        e.sourceKey = QStringLiteral("uuid:") + toQString(r.uuid);
    } else {
        e.sourceKey = QStringLiteral("line:") + CheckpointStore::hashBytes(line.data(), std::int64_t(line.size()));
    }
    const QString &session = r.sessionId.empty() ? QString() : d->sessions.get(r.sessionId);
    e.conversationId = !d->conversationHint.isEmpty() ? d->conversationHint
                       : !session.isEmpty()           ? session
                                                      : d->fileStem;
    e.project = r.cwd.empty() ? d->projectHint : d->cwds.get(r.cwd);
    if (isEmbed) {
        e.agent = out.embedAgentId.empty() ? QString() : d->agents.get(out.embedAgentId);
    } else if (d->subagent || r.sidechain) {
        e.agent = r.agentId.empty() ? d->agentHint : d->agents.get(r.agentId);
    }
    e.tokens.inputUncached = u.input;
    e.tokens.cacheRead = u.cacheRead;
    if (u.hasBreakdown) {
        e.tokens.cacheWrite5m = u.write5m;
        e.tokens.cacheWrite1h = u.write1h;
        // A total above the split (not seen in real logs) is kept, at the 5-minute class.
        e.tokens.cacheWrite5m += std::max<std::int64_t>(0, u.cacheCreation - u.write5m - u.write1h);
    } else {
        e.tokens.cacheWrite5m = u.cacheCreation;
    }
    e.tokens.output = u.output;
    if (u.speed == "fast") {
        e.serviceTier = d->fast;
    } else if (!u.tier.empty() && u.tier != "standard") {
        e.serviceTier = d->tiers.get(u.tier);
    }
    if (!r.costText.empty()) {
        if (auto cost = Money::parseUsd(r.costText); cost && cost->isNegative()) {
            out.reason = QStringLiteral("costUSD must not be negative (%1)").arg(toQString(r.costText));
            return Outcome::Malformed;
        } else if (cost) {
            e.reportedCostNano = cost->nano();
        } else {
            out.reason = QStringLiteral("costUSD %1: %2").arg(toQString(r.costText), cost.error());
            return Outcome::Malformed;
        }
    }
    e.billing = d->billing;
    out.sidechain = r.sidechain;
    out.messageId.assign(r.messageId);
    std::uint8_t flags = 0;
    if (!r.sidechain) {
        flags |= dedupe::MainChain;
    }
    if (!isEmbed) {
        flags |= dedupe::Direct;
    }
    if (session.isEmpty() || session == e.conversationId) {
        flags |= dedupe::Native;
    }
    out.candidate.flags = flags;
    return Outcome::Usage;
}

} // namespace burnrate
