#ifndef BURNRATE_CORE_PRICING_USAGEFORMATS_H
#define BURNRATE_CORE_PRICING_USAGEFORMATS_H

#include "pricing/pricer.h"
#include "util/result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace burnrate {

// The usage conventions of each provider (docs/pricing.md §2), turned into disjoint token classes.
enum class UsageFormat
{
    OpenAi,         // Chat Completions (prompt_tokens ⊇ cached) or Responses (input_tokens ⊇ cached); sniffed
    Anthropic,      // Messages API usage (input_tokens excludes cache) or the admin usage report
    Gemini,         // usageMetadata: promptTokenCount ⊇ cachedContentTokenCount; thoughts added to candidates
    OpenAiUsageApi, // organization usage buckets: input_cached_tokens ⊂ input_tokens
    Envelope,       // the event envelope: input_tokens ⊇ cached_input_tokens + cache_write_tokens
    Normalized      // our own classes: uncached_input, cache_read, cache_write_5m, cache_write_1h, ...
};

// "openai" (also "openai.chat_completions", "openai.responses"), "anthropic" ("anthropic.messages",
// "anthropic.usage_report"), "gemini" ("google", "google.generate_content"), "openai-usage-api",
// "envelope", "normalized".
std::optional<UsageFormat> usageFormatFromName(const QString &name);

struct ParsedUsage
{
    Usage usage;
    QString serviceTier; // when the usage says it (Anthropic service_tier, usage-API batch, envelope)
};

// Reads one usage object. A whole response is accepted too: its "usage" / "usageMetadata" member is
// used. Counts must be whole numbers >= 0, and a part never larger than its whole.
Result<ParsedUsage> usageFromJson(const QJsonObject &json, UsageFormat format);

} // namespace burnrate

#endif // BURNRATE_CORE_PRICING_USAGEFORMATS_H
