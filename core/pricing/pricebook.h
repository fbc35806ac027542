#ifndef BURNRATE_CORE_PRICING_PRICEBOOK_H
#define BURNRATE_CORE_PRICING_PRICEBOOK_H

#include "pricing/decimal.h"
#include "util/result.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace burnrate {

// The rate keys of the normalised format (docs/pricing.md §3).
enum class RateKey : int
{
    Input,
    CacheRead,
    CacheWrite, // generic (OpenAI style); falls back to CacheWrite5m and the other way round
    CacheWrite5m,
    CacheWrite1h,
    Output,
    Reasoning,
    InputAudio,
    CacheAudioRead,
    OutputAudio,
    InputImage,
    OutputImage,
    PerRequest,
    WebSearch,
};
constexpr int RateKeyCount = 14;

// The bounds of a price document (a feed, the bundled snapshot, prices.user.json), far above any real one, so that a
// hostile or broken feed cannot make a book that eats memory or a rate whose products overflow. A document beyond
// them is refused whole, naming the entry. Lengths of ids and match strings are those of a stored request
// (ledger/eventlimits.h): a provider id or alias as a provider name, a model id or match string as a model.
namespace pricelimits {

inline constexpr int MaxProviders = 1'000;
inline constexpr int MaxModelsPerProvider = 100'000;
inline constexpr int MaxAliases = 64;            // aliases, and fallback providers, of one provider
inline constexpr int MaxMatches = 1'000;         // exact ids and prefixes of one model
inline constexpr int MaxVersions = 1'000;        // price versions of one model
inline constexpr int MaxTiers = 64;              // long-context tiers of one rate set
inline constexpr int MaxWindows = 64;            // daily windows of one version
inline constexpr qsizetype MaxLabelLength = 512; // snapshot id, provider and model display names
// A rate in the document's own unit (per 1,000,000 tokens, per request, per 1,000 web searches), in USD.
inline constexpr std::int64_t MaxRateUsd = 1'000'000;

} // namespace pricelimits

const char *rateKeyName(RateKey key); // the JSON name: "input", ..., "per_request", "web_search_per_1k"
std::optional<RateKey> rateKeyFromName(QStringView name);
// Rates are held in pico-USD per unit; the file gives token rates per 1,000,000 tokens, per_request
// per request and web searches per 1,000. This is the decimal scale from the file's USD to pico per unit.
int rateKeyScale(RateKey key);

// Rates in pico-USD per token (per request, per search); a key not given is absent, never zero.
class RateSet
{
public:
    RateSet() { m_pico.fill(-1); }
    bool has(RateKey k) const { return m_pico[static_cast<size_t>(k)] >= 0; }
    std::int64_t get(RateKey k) const { return m_pico[static_cast<size_t>(k)]; }
    void set(RateKey k, std::int64_t pico) { m_pico[static_cast<size_t>(k)] = pico; }
    bool empty() const;
    // Keys that `o` gives replace ours.
    void overlay(const RateSet &o);

private:
    std::array<std::int64_t, RateKeyCount> m_pico;
};

// A long-context tier: when the total input of a request is strictly greater than gtInputTokens,
// these rates replace the keys they name for the whole request (a cliff, not a band).
struct LongContextTier
{
    std::int64_t gtInputTokens = 0;
    RateSet rates;
};

// Batch, flex or priority: a multiplier on the exact sum, explicit rates, or both.
struct ServiceTierRule
{
    std::optional<Multiplier> multiplier;
    bool hasRates = false;
    RateSet rates;                      // explicit table; keys not named inherit the standard rates
    std::vector<LongContextTier> tiers; // the table's own long-context tiers
};

// A daily UTC window (e.g. DeepSeek peak hours) that replaces the version's rates and tiers.
struct DailyWindow
{
    int fromSec = 0; // seconds after UTC midnight; from > to wraps past midnight
    int toSec = 0;
    QString label; // "00:30-16:30"
    RateSet rates;
    std::vector<LongContextTier> tiers;
    bool contains(int secondOfDay) const;
};

struct PriceVersion
{
    std::optional<std::int64_t> effectiveFromMs; // empty: since first seen
    QString label;                               // "base", "2025-06-10" or the RFC 3339 instant
    RateSet rates;
    std::vector<LongContextTier> tiers; // ascending gtInputTokens
    QHash<QString, ServiceTierRule> serviceTiers;
    std::vector<DailyWindow> windows; // later windows win
};

struct ModelEntry
{
    QString id;
    QString providerId;
    QString ref; // "provider/id"
    QString name;
    QStringList exact;
    QStringList prefixes;
    std::vector<PriceVersion> versions; // ascending effective_from, the null one first
    // The version in force at `atMs` (UTC ms), or nullptr when the first version starts later.
    const PriceVersion *versionAt(std::int64_t atMs) const;
};

struct ProviderEntry
{
    QString id;
    QString name;
    QStringList aliases;
    QStringList fallbackProviders;
    QHash<QString, ServiceTierRule> serviceTiers;
    std::vector<ModelEntry> models;
    QHash<QString, int> exactIndex;                  // lower-case id -> model
    std::vector<std::pair<QString, int>> prefixList; // longest first
    const ModelEntry *matchExact(const QString &model) const;
    // The longest matching prefix and its length, or nullptr.
    const ModelEntry *matchPrefix(const QString &model, qsizetype *length) const;
};

// An immutable, validated price book: a normalised document (snapshot + overlays) made searchable.
// Share it const across threads; a Pricer per thread does the arithmetic.
class PriceBook
{
public:
    // Validates and indexes a normalised document. Rates must be non-negative decimal strings (or
    // JSON numbers); a rate with more than six decimals per MTok is rounded to the pico and noted in
    // `warnings`. Any other defect refuses the whole document, naming the entry.
    static Result<std::shared_ptr<const PriceBook>> fromDocument(const QJsonObject &doc,
                                                                 QStringList *warnings = nullptr);

    const QString &id() const { return m_id; }
    const QJsonObject &document() const { return m_doc; }
    const std::vector<ProviderEntry> &providers() const { return m_providers; }
    int modelCount() const;

    // The provider named `name` (case-insensitive id or alias; else the first whose alias the name
    // contains, e.g. "vertex_ai" -> google), or nullptr.
    const ProviderEntry *provider(const QString &name) const;

    // The matching rules: in the provider named (and its fallback providers) the exact id, then the
    // longest prefix; a "vendor/model" id is also tried as `model` at provider `vendor`; when the
    // provider is unknown or a reseller (openrouter), every provider in book order, exact ids
    // before prefixes. Case-insensitive. nullptr when nothing matches.
    const ModelEntry *find(const QString &provider, const QString &model) const;

private:
    PriceBook() = default;
    const ModelEntry *findIn(const ProviderEntry *p, const QString &model) const;

    QString m_id;
    QJsonObject m_doc;
    std::vector<ProviderEntry> m_providers;
    QHash<QString, int> m_providerIndex; // id and aliases
};

} // namespace burnrate

#endif // BURNRATE_CORE_PRICING_PRICEBOOK_H
