#include "pricing/usageformats.h"

#include <QJsonArray>

#include <cmath>

namespace burnrate {

namespace {

constexpr double MaxCount = 9007199254740992.0; // 2^53: every count below is exact in a JSON double

// Reads counts from one object and remembers the first defect.
class Counts
{
public:
    explicit Counts(QJsonObject o)
        : m_o(std::move(o))
    {}

    QString error;

    std::int64_t get(const QString &path)
    {
        QJsonValue v = m_o;
        for (const QString &part : path.split(QLatin1Char('.'))) {
            v = v.toObject().value(part);
        }
        if (v.isUndefined() || v.isNull()) {
            return 0;
        }
        const double d = v.isString() ? v.toString().toDouble(nullptr) : v.toDouble(-1);
        if (!v.isDouble() && !v.isString()) {
            return setError(QStringLiteral("%1 must be a number").arg(path));
        }
        if (d < 0 || d >= MaxCount || std::floor(d) != d) {
            return setError(QStringLiteral("%1 must be a whole number >= 0").arg(path));
        }
        return static_cast<std::int64_t>(d);
    }

    bool has(const QString &key) const { return m_o.contains(key); }
    QString text(const QString &key) const { return m_o.value(key).toString(); }
    const QJsonObject &object() const { return m_o; }

    // Gemini's per-modality details: [{"modality": "AUDIO", "tokenCount": 12}, ...]
    std::int64_t modality(const QString &list, const QString &name)
    {
        std::int64_t n = 0;
        for (const QJsonValue &item : m_o.value(list).toArray()) {
            const QJsonObject o = item.toObject();
            if (o.value(QLatin1String("modality")).toString() == name) {
                n += Counts(o).get(QStringLiteral("tokenCount"));
            }
        }
        return n;
    }

    std::int64_t setError(const QString &message)
    {
        if (error.isEmpty()) {
            error = message;
        }
        return 0;
    }

private:
    QJsonObject m_o;
};

QString exceeds(const char *part, std::int64_t p, const char *whole, std::int64_t w)
{
    return QStringLiteral("%1 (%2) exceeds %3 (%4)").arg(QLatin1String(part)).arg(p).arg(QLatin1String(whole)).arg(w);
}

Result<ParsedUsage> openAi(Counts &c)
{
    using R = Result<ParsedUsage>;
    ParsedUsage out;
    Usage &u = out.usage;
    const bool chat = c.has(QStringLiteral("prompt_tokens"));
    const QString in = chat ? QStringLiteral("prompt_tokens") : QStringLiteral("input_tokens");
    const QString inDetails = chat ? QStringLiteral("prompt_tokens_details") : QStringLiteral("input_tokens_details");
    const QString out_ = chat ? QStringLiteral("completion_tokens") : QStringLiteral("output_tokens");
    const QString outDetails =
        chat ? QStringLiteral("completion_tokens_details") : QStringLiteral("output_tokens_details");
    if (!c.has(in)) {
        return R::failure(QStringLiteral("an OpenAI usage needs prompt_tokens or input_tokens"));
    }
    const std::int64_t input = c.get(in);
    const std::int64_t cached = c.get(inDetails + QStringLiteral(".cached_tokens"));
    const std::int64_t writes = c.get(inDetails + QStringLiteral(".cache_write_tokens"));
    const std::int64_t audioIn = c.get(inDetails + QStringLiteral(".audio_tokens"));
    u.output = c.get(out_);
    u.reasoning = c.get(outDetails + QStringLiteral(".reasoning_tokens"));
    u.outputAudio = c.get(outDetails + QStringLiteral(".audio_tokens"));
    if (!c.error.isEmpty()) {
        return R::failure(c.error);
    }
    if (cached + writes > input) {
        return R::failure(exceeds("cached_tokens + cache_write_tokens", cached + writes, "input tokens", input));
    }
    u.inputUncached = input - cached - writes;
    u.cacheRead = cached;
    u.cacheWrite5m = writes;
    u.inputAudio = audioIn;
    out.serviceTier = c.text(QStringLiteral("service_tier"));
    return out;
}

Result<ParsedUsage> anthropic(Counts &c)
{
    using R = Result<ParsedUsage>;
    ParsedUsage out;
    Usage &u = out.usage;
    // The admin usage report renames input_tokens to uncached_input_tokens; both exclude the cache.
    u.inputUncached = c.has(QStringLiteral("uncached_input_tokens")) ? c.get(QStringLiteral("uncached_input_tokens"))
                                                                     : c.get(QStringLiteral("input_tokens"));
    u.cacheRead = c.get(QStringLiteral("cache_read_input_tokens"));
    const std::int64_t write5m = c.get(QStringLiteral("cache_creation.ephemeral_5m_input_tokens"));
    const std::int64_t write1h = c.get(QStringLiteral("cache_creation.ephemeral_1h_input_tokens"));
    const std::int64_t writes = c.has(QStringLiteral("cache_creation_input_tokens"))
                                    ? c.get(QStringLiteral("cache_creation_input_tokens"))
                                    : write5m + write1h;
    u.output = c.get(QStringLiteral("output_tokens"));
    u.webSearches = c.get(QStringLiteral("server_tool_use.web_search_requests"));
    if (!c.error.isEmpty()) {
        return R::failure(c.error);
    }
    if (write5m + write1h > writes) {
        return R::failure(exceeds("cache_creation 5m + 1h", write5m + write1h, "cache_creation_input_tokens", writes));
    }
    // Without the TTL breakdown every write counts as 5-minute (docs/pricing.md §2).
    u.cacheWrite1h = write1h;
    u.cacheWrite5m = writes - write1h;
    const QString window = c.text(QStringLiteral("context_window"));
    if (window == QLatin1String("0-200k")) {
        u.tierHint = TierHint::Base;
    } else if (window == QLatin1String("200k-1M")) {
        u.tierHint = TierHint::Highest;
    } else if (!window.isEmpty()) {
        return R::failure(QStringLiteral("unknown context_window \"%1\"").arg(window.left(20)));
    }
    out.serviceTier = c.text(QStringLiteral("service_tier"));
    return out;
}

Result<ParsedUsage> gemini(Counts &c)
{
    using R = Result<ParsedUsage>;
    ParsedUsage out;
    Usage &u = out.usage;
    const std::int64_t prompt = c.get(QStringLiteral("promptTokenCount"));
    const std::int64_t cached = c.get(QStringLiteral("cachedContentTokenCount"));
    const std::int64_t toolPrompt = c.get(QStringLiteral("toolUsePromptTokenCount"));
    const std::int64_t candidates = c.get(QStringLiteral("candidatesTokenCount"));
    const std::int64_t thoughts = c.get(QStringLiteral("thoughtsTokenCount"));
    const std::int64_t audioPrompt = c.modality(QStringLiteral("promptTokensDetails"), QStringLiteral("AUDIO"));
    const std::int64_t audioCached = c.modality(QStringLiteral("cacheTokensDetails"), QStringLiteral("AUDIO"));
    const std::int64_t audioOut = c.modality(QStringLiteral("candidatesTokensDetails"), QStringLiteral("AUDIO"));
    if (!c.error.isEmpty()) {
        return R::failure(c.error);
    }
    if (cached > prompt) {
        return R::failure(exceeds("cachedContentTokenCount", cached, "promptTokenCount", prompt));
    }
    if (audioCached > audioPrompt || audioCached > cached) {
        return R::failure(exceeds("cached audio tokens", audioCached, "audio prompt tokens", audioPrompt));
    }
    u.inputUncached = prompt - cached + toolPrompt;
    u.cacheRead = cached;
    u.inputAudio = audioPrompt - audioCached;
    u.cacheAudioRead = audioCached;
    u.output = candidates + thoughts; // thoughts are billed as output and are not inside candidates
    u.reasoning = thoughts;
    u.outputAudio = audioOut;
    return out;
}

Result<ParsedUsage> usageApi(Counts &c)
{
    using R = Result<ParsedUsage>;
    ParsedUsage out;
    Usage &u = out.usage;
    const std::int64_t input = c.get(QStringLiteral("input_tokens"));
    const std::int64_t cached = c.get(QStringLiteral("input_cached_tokens"));
    u.output = c.get(QStringLiteral("output_tokens"));
    u.inputAudio = c.get(QStringLiteral("input_audio_tokens"));
    u.outputAudio = c.get(QStringLiteral("output_audio_tokens"));
    u.requests = c.has(QStringLiteral("num_model_requests")) ? c.get(QStringLiteral("num_model_requests")) : 1;
    if (!c.error.isEmpty()) {
        return R::failure(c.error);
    }
    if (cached > input) {
        return R::failure(exceeds("input_cached_tokens", cached, "input_tokens", input));
    }
    u.inputUncached = input - cached;
    u.cacheRead = cached;
    if (u.inputAudio > u.inputUncached) {
        u.inputAudio = u.inputUncached; // cached audio is not reported apart; the rest is text
    }
    if (c.object().value(QLatin1String("batch")).toBool()) {
        out.serviceTier = QStringLiteral("batch");
    }
    return out;
}

Result<ParsedUsage> envelope(Counts &c)
{
    using R = Result<ParsedUsage>;
    ParsedUsage out;
    Usage &u = out.usage;
    const std::int64_t input = c.get(QStringLiteral("input_tokens"));
    const std::int64_t cached = c.get(QStringLiteral("cached_input_tokens"));
    const std::int64_t writes = c.get(QStringLiteral("cache_write_tokens"));
    const std::int64_t write1h = c.get(QStringLiteral("cache_write_1h_tokens"));
    u.output = c.get(QStringLiteral("output_tokens"));
    u.reasoning = c.get(QStringLiteral("reasoning_tokens"));
    if (!c.error.isEmpty()) {
        return R::failure(c.error);
    }
    if (cached + writes > input) {
        return R::failure(exceeds("cached_input_tokens + cache_write_tokens", cached + writes, "input_tokens", input));
    }
    if (write1h > writes) {
        return R::failure(exceeds("cache_write_1h_tokens", write1h, "cache_write_tokens", writes));
    }
    u.inputUncached = input - cached - writes;
    u.cacheRead = cached;
    u.cacheWrite5m = writes - write1h;
    u.cacheWrite1h = write1h;
    out.serviceTier = c.text(QStringLiteral("service_tier"));
    return out;
}

Result<ParsedUsage> normalized(Counts &c)
{
    ParsedUsage out;
    Usage &u = out.usage;
    u.inputUncached = c.get(QStringLiteral("uncached_input"));
    u.cacheRead = c.get(QStringLiteral("cache_read"));
    u.cacheWrite5m = c.get(QStringLiteral("cache_write_5m"));
    u.cacheWrite1h = c.get(QStringLiteral("cache_write_1h"));
    u.output = c.get(QStringLiteral("output"));
    u.reasoning = c.get(QStringLiteral("reasoning"));
    u.webSearches = c.get(QStringLiteral("web_searches"));
    u.requests = c.has(QStringLiteral("requests")) ? c.get(QStringLiteral("requests")) : 1;
    if (!c.error.isEmpty()) {
        return Result<ParsedUsage>::failure(c.error);
    }
    return out;
}

} // namespace

std::optional<UsageFormat> usageFormatFromName(const QString &name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("openai") || n == QLatin1String("openai.chat_completions") ||
        n == QLatin1String("openai.responses")) {
        return UsageFormat::OpenAi;
    }
    if (n == QLatin1String("anthropic") || n == QLatin1String("anthropic.messages") ||
        n == QLatin1String("anthropic.usage_report")) {
        return UsageFormat::Anthropic;
    }
    if (n == QLatin1String("gemini") || n == QLatin1String("google") || n == QLatin1String("google.generate_content")) {
        return UsageFormat::Gemini;
    }
    if (n == QLatin1String("openai-usage-api")) {
        return UsageFormat::OpenAiUsageApi;
    }
    if (n == QLatin1String("envelope")) {
        return UsageFormat::Envelope;
    }
    if (n == QLatin1String("normalized")) {
        return UsageFormat::Normalized;
    }
    return std::nullopt;
}

Result<ParsedUsage> usageFromJson(const QJsonObject &json, UsageFormat format)
{
    QJsonObject o = json;
    for (const char *wrapper : {"usage", "usageMetadata"}) {
        if (o.value(QLatin1String(wrapper)).isObject()) {
            o = o.value(QLatin1String(wrapper)).toObject();
        }
    }
    Counts c(o);
    switch (format) {
    case UsageFormat::OpenAi:
        return openAi(c);
    case UsageFormat::Anthropic:
        return anthropic(c);
    case UsageFormat::Gemini:
        return gemini(c);
    case UsageFormat::OpenAiUsageApi:
        return usageApi(c);
    case UsageFormat::Envelope:
        return envelope(c);
    case UsageFormat::Normalized:
        break;
    }
    return normalized(c);
}

} // namespace burnrate
