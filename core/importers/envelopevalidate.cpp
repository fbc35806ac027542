// EnvelopeParser::validate: from the raw fields of one envelope to an EventRecord, or the reason
// it is refused. Shared by the JSON and CSV paths.
#include "importers/envelopeparser.h"
#include "ledger/eventlimits.h"
#include "money/money.h"
#include "util/jsonwriter.h"
#include "util/timestamp.h"

#include <algorithm>
#include <charconv>

namespace burnrate {

namespace {

// The length of valid UTF-8 text in UTF-16 code units (what QString::size() would say), without converting it:
// one unit per character, two for a character of four bytes.
qsizetype utf16Length(std::string_view utf8)
{
    qsizetype n = 0;
    for (const char c : utf8) {
        const auto b = static_cast<unsigned char>(c);
        n += (b & 0xC0) != 0x80 ? 1 : 0;
        n += b >= 0xF0 ? 1 : 0;
    }
    return n;
}

QString q(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString shortText(std::string_view s)
{
    QString t = q(s);
    return t.size() > 40 ? t.left(37) + QStringLiteral("...") : t;
}

std::string_view trimView(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

bool isOneOf(const QString &v, std::initializer_list<QLatin1String> allowed)
{
    return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

} // namespace

QString EnvelopeParser::internedText(int field, std::string_view raw)
{
    // Identifiers that are unique per line are converted directly; the rest (provider, model,
    // workflow type, agent...) repeat, and share one QString per distinct value.
    const bool lower = field == Provider || field == ServiceTier || field == Status || field == Outcome;
    if (field == RequestId) {
        return q(raw).trimmed();
    }
    if (field == WorkflowId || field == ConversationId) {
        RecentId &slot = m_recentIds[field == WorkflowId ? 0 : 1][std::hash<std::string_view>{}(raw) % RecentIdSlots];
        if (slot.raw != raw || slot.value.isNull()) {
            slot.raw.assign(raw);
            slot.value = q(raw).trimmed();
        }
        return slot.value;
    }
    auto &table = m_interned[static_cast<size_t>(field)];
    if (auto it = table.find(raw); it != table.end()) {
        return it->second;
    }
    QString value = q(raw).trimmed();
    if (lower) {
        value = value.toLower();
    }
    if (table.size() < MaxInternedPerField) {
        table.emplace(std::string(raw), value);
    }
    return value;
}

Result<EventRecord> EnvelopeParser::validate()
{
    using R = Result<EventRecord>;
    const auto fieldName = [](int f) {
        return EnvelopeParser::fieldName(f);
    };
    QString error;

    // A text field: strings, and numbers for identifiers. Null and "" count as absent.
    const auto text = [&](int f, bool required) -> QString {
        const Raw &r = m_raw[static_cast<size_t>(f)];
        if (r.kind == Kind::String || r.kind == Kind::Number) {
            if (!r.text.empty()) {
                return internedText(f, r.text);
            }
        } else if (r.kind == Kind::Other && error.isEmpty()) {
            error = QStringLiteral("%1 must be a string, not %2").arg(fieldName(f), q(r.text));
        }
        if (required && error.isEmpty()) {
            error = QStringLiteral("missing required field \"%1\"").arg(fieldName(f));
        }
        return QString();
    };
    // A count: a non-negative whole number (JSON number or numeric string) up to `max`.
    const auto count = [&](int f, std::int64_t max) -> std::optional<std::int64_t> {
        const Raw &r = m_raw[static_cast<size_t>(f)];
        if (r.kind == Kind::Missing || r.kind == Kind::Null || (r.kind == Kind::String && r.text.empty())) {
            return std::nullopt;
        }
        std::int64_t v = 0;
        const char *end = r.text.data() + r.text.size();
        const auto [ptr, ec] = std::from_chars(r.text.data(), end, v);
        if (r.kind == Kind::Other || ec != std::errc() || ptr != end) {
            if (error.isEmpty()) {
                error = QStringLiteral("%1 must be a whole number, not %2").arg(fieldName(f), shortText(r.text));
            }
            return std::nullopt;
        }
        if (v < 0 && error.isEmpty()) {
            error = QStringLiteral("%1 must not be negative (%2)").arg(fieldName(f)).arg(v);
        }
        if (v > max && error.isEmpty()) {
            error = QStringLiteral("%1 is %2 (at most %3)").arg(fieldName(f)).arg(v).arg(max);
        }
        return v;
    };
    // Timestamps are parsed from the raw text: no QString on the way.
    const auto timestamp = [&](int f, bool required) -> std::optional<std::int64_t> {
        const Raw &r = m_raw[static_cast<size_t>(f)];
        if (r.kind != Kind::String || trimView(r.text).empty()) {
            (void)text(f, required); // the same "missing" / "must be a string" messages as other fields
            return std::nullopt;
        }
        auto ms = parseRfc3339Ms(trimView(r.text));
        if (!ms && error.isEmpty()) {
            error = QStringLiteral("%1 is not an RFC 3339 timestamp with a zone: \"%2\"")
                        .arg(fieldName(f), q(trimView(r.text)).left(40));
        }
        return ms;
    };

    EventRecord e;
    e.source = m_source;
    e.sourceKey = text(RequestId, true);
    const auto started = timestamp(StartedAt, true);
    e.provider = text(Provider, true);
    e.model = text(Model, true);
    e.endedAtMs = timestamp(EndedAt, false);
    e.workflowId = text(WorkflowId, false);
    e.workflowType = text(WorkflowType, false);
    e.agent = text(AgentId, false);
    e.userId = text(UserId, false);
    e.feature = text(Feature, false);
    e.environment = text(Environment, false);
    e.promptVersion = text(PromptVersion, false);
    e.conversationId = text(ConversationId, false);
    e.project = text(Project, false);
    e.serviceTier = text(ServiceTier, false);
    e.status = text(Status, false);
    e.outcome = text(Outcome, false);
    // Bounded first, so that the sums of the subset rules below cannot overflow.
    const auto input = count(InputTokens, limits::MaxTokens);
    const auto cached = count(CachedInputTokens, limits::MaxTokens);
    const auto cacheWrite = count(CacheWriteTokens, limits::MaxTokens);
    const auto cacheWrite1h = count(CacheWrite1hTokens, limits::MaxTokens);
    const auto output = count(OutputTokens, limits::MaxTokens);
    const auto reasoning = count(ReasoningTokens, limits::MaxTokens);
    e.latencyMs = count(LatencyMs, limits::MaxLatencyMs);
    e.payloadBytes = count(PayloadBytes, limits::MaxPayloadBytes);
    e.toolCalls = count(ToolCalls, limits::MaxCount).value_or(0);
    e.retries = count(RetryCount, limits::MaxCount).value_or(0);
    if (!error.isEmpty()) {
        return R::failure(error);
    }
    e.occurredAtMs = *started;

    const std::int64_t in = input.value_or(0);
    const std::int64_t read = cached.value_or(0);
    const std::int64_t write = cacheWrite.value_or(0);
    const std::int64_t write1h = cacheWrite1h.value_or(0);
    const std::int64_t out = output.value_or(0);
    const std::int64_t reason = reasoning.value_or(0);
    if (read + write > in) {
        return R::failure(write == 0
                              ? QStringLiteral("cached_input_tokens (%1) exceeds input_tokens (%2)").arg(read).arg(in)
                              : QStringLiteral("cached_input_tokens + cache_write_tokens (%1) exceed "
                                               "input_tokens (%2)")
                                    .arg(read + write)
                                    .arg(in));
    }
    if (write1h > write) {
        return R::failure(
            QStringLiteral("cache_write_1h_tokens (%1) exceeds cache_write_tokens (%2)").arg(write1h).arg(write));
    }
    if (reason > out) {
        return R::failure(QStringLiteral("reasoning_tokens (%1) exceeds output_tokens (%2)").arg(reason).arg(out));
    }
    if (e.endedAtMs && *e.endedAtMs < e.occurredAtMs) {
        return R::failure(QStringLiteral("ended_at is before started_at"));
    }
    if (!e.serviceTier.isEmpty()) {
        if (e.serviceTier == QLatin1String("default") || e.serviceTier == QLatin1String("auto")) {
            e.serviceTier = QStringLiteral("standard");
        } else if (!isOneOf(e.serviceTier, {QLatin1String("standard"), QLatin1String("batch"), QLatin1String("flex"),
                                            QLatin1String("priority")})) {
            return R::failure(QStringLiteral("service_tier must be standard, batch, flex or priority, not \"%1\"")
                                  .arg(e.serviceTier.left(40)));
        }
    }
    if (!e.status.isEmpty() &&
        !isOneOf(e.status, {QLatin1String("success"), QLatin1String("error"), QLatin1String("timeout")})) {
        return R::failure(
            QStringLiteral("status must be success, error or timeout, not \"%1\"").arg(e.status.left(40)));
    }
    if (!e.outcome.isEmpty() && !isOneOf(e.outcome, {QLatin1String("accepted"), QLatin1String("edited"),
                                                     QLatin1String("rejected"), QLatin1String("escalated")})) {
        return R::failure(QStringLiteral("outcome must be accepted, edited, rejected or escalated, not \"%1\"")
                              .arg(e.outcome.left(40)));
    }
    e.tokens.inputUncached = in - read - write;
    e.tokens.cacheRead = read;
    e.tokens.cacheWrite5m = write - write1h;
    e.tokens.cacheWrite1h = write1h;
    e.tokens.output = out;
    e.tokens.reasoning = reason;

    const Raw &cost = m_raw[EstimatedCostUsd];
    if (cost.kind == Kind::Other) {
        return R::failure(QStringLiteral("estimated_cost_usd must be a number or a decimal string"));
    }
    if ((cost.kind == Kind::Number || cost.kind == Kind::String) && !cost.text.empty()) {
        auto money = Money::parseUsd(cost.text);
        if (!money) {
            return R::failure(QStringLiteral("estimated_cost_usd: %1").arg(money.error()));
        }
        if (money->isNegative()) {
            return R::failure(QStringLiteral("estimated_cost_usd must not be negative (%1)").arg(shortText(cost.text)));
        }
        e.reportedCostNano = money->nano(); // stored beside the computed cost, never instead of it
    }

    if (m_tagsInvalid) {
        return R::failure(QStringLiteral("tags must be an object whose values are strings, numbers or booleans"));
    }
    if (m_raw[Tags].kind == Kind::Other) {
        return R::failure(QStringLiteral("tags must be an object, not %1").arg(q(m_raw[Tags].text)));
    }
    if (m_tags.size() > static_cast<size_t>(limits::MaxTags)) {
        return R::failure(QStringLiteral("%1 tags (at most %2)").arg(m_tags.size()).arg(limits::MaxTags));
    }
    for (const auto &[key, value] : m_tags) {
        const qsizetype keyLength = utf16Length(key);
        const qsizetype valueLength = utf16Length(value);
        if (keyLength > limits::MaxTagKeyLength) {
            return R::failure(QStringLiteral("a tag key is %1 characters long (at most %2)")
                                  .arg(keyLength)
                                  .arg(limits::MaxTagKeyLength));
        }
        if (valueLength > limits::MaxTagValueLength) {
            return R::failure(QStringLiteral("the value of tag \"%1\" is %2 characters long (at most %3)")
                                  .arg(q(key))
                                  .arg(valueLength)
                                  .arg(limits::MaxTagValueLength));
        }
    }
    if (!m_tags.empty()) {
        std::stable_sort(m_tags.begin(), m_tags.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        // The last value of a repeated key wins.
        std::string json = "{";
        for (size_t i = 0; i < m_tags.size(); ++i) {
            if (i + 1 < m_tags.size() && m_tags[i + 1].first == m_tags[i].first) {
                continue;
            }
            if (json.size() > 1) {
                json.push_back(',');
            }
            appendJsonString(json, m_tags[i].first);
            json.push_back(':');
            appendJsonString(json, m_tags[i].second);
        }
        json.push_back('}');
        e.tagsJson = QString::fromStdString(json);
    }
    if (auto why = outOfBounds(e)) {
        return R::failure(*why);
    }
    return e;
}

} // namespace burnrate
