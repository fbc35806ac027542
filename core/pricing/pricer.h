#ifndef BURNRATE_CORE_PRICING_PRICER_H
#define BURNRATE_CORE_PRICING_PRICER_H

#include "ledger/eventrecord.h"
#include "pricing/pricebook.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace burnrate {

enum class ServiceTier
{
    Standard,
    Batch,
    Flex,
    Priority
};

// "", "standard", "default", "auto" -> Standard; "batch", "flex", "priority"; anything else: empty.
std::optional<ServiceTier> serviceTierFromName(QStringView name);
QString serviceTierName(ServiceTier tier);

// Which long-context tier applies: decided on the request's total input (the default), or given by
// the source (Anthropic's admin report buckets say "0-200k" or "200k-1M" instead of per-request sizes).
enum class TierHint
{
    Auto,
    Base,
    Highest
};

// One request's usage in disjoint token classes; the *Audio classes are parts of their parent class
// and reasoning is part of output.
struct Usage
{
    std::int64_t inputUncached = 0;
    std::int64_t cacheRead = 0;
    std::int64_t cacheWrite5m = 0; // also generic cache writes of unknown lifetime
    std::int64_t cacheWrite1h = 0;
    std::int64_t output = 0;
    std::int64_t reasoning = 0;      // ⊂ output
    std::int64_t inputAudio = 0;     // ⊂ inputUncached
    std::int64_t cacheAudioRead = 0; // ⊂ cacheRead
    std::int64_t outputAudio = 0;    // ⊂ output
    std::int64_t requests = 1;
    std::int64_t webSearches = 0;
    TierHint tierHint = TierHint::Auto;

    std::int64_t totalInput() const { return inputUncached + cacheRead + cacheWrite5m + cacheWrite1h; }
    static Usage fromTokens(const TokenCounts &t, std::int64_t requests);
};

enum class LineClass
{
    Input,
    InputAudio,
    CacheRead,
    CacheAudioRead,
    CacheWrite5m,
    CacheWrite1h,
    Output,
    Reasoning,
    OutputAudio,
    Requests,
    WebSearches
};
const char *lineClassName(LineClass c); // "input", "cache_read", ..., "web_searches"

// One priced line of a request: quantity × rate, exact in pico-USD.
struct PriceLine
{
    LineClass cls = LineClass::Input;
    std::int64_t quantity = 0;
    RateKey rateKey = RateKey::Input; // the rate used (after fallbacks)
    std::int64_t ratePico = 0;        // pico-USD per unit
    std::int64_t costPico = 0;
};

struct PriceResult
{
    bool priced = false;
    QString reason; // why not, when not priced
    const ModelEntry *model = nullptr;
    const PriceVersion *version = nullptr;
    const DailyWindow *window = nullptr;
    std::int64_t tierGt = -1; // the long-context tier applied, or -1
    ServiceTier serviceTier = ServiceTier::Standard;
    Multiplier multiplier;
    std::int64_t subtotalPico = 0; // exact sum of the lines, before the multiplier
    std::int64_t nano = 0;         // subtotal × multiplier, rounded once, half-up
    std::vector<PriceLine> lines;  // filled when asked for

    // "<book id>:<provider>/<model>@<version>[+window HH:MM-HH:MM][+gt<N>][+<service tier>]"
    QString priceRef(const PriceBook &book) const;
};

// Turns usage into money with one book. Not thread-safe (it caches model lookups): use one Pricer
// per thread over a shared const PriceBook.
class Pricer
{
public:
    explicit Pricer(const PriceBook &book);

    const PriceBook &book() const { return m_book; }

    // Prices one request made at `atMs` (UTC ms). Never throws; an unpriceable request comes back
    // with priced == false and the reason.
    PriceResult price(const QString &provider, const QString &model, std::int64_t atMs, ServiceTier tier,
                      const Usage &usage, bool withLines = false);

    // Sets e.costNano and e.priceRef from the book; keeps e.reportedCostNano. When the book cannot
    // price it, a reported cost is used (price_ref "reported"); otherwise the event stays unpriced.
    void priceEvent(EventRecord &e);
    // What an event gets without a book: its reported cost, or unpriced.
    static void applyReportedCost(EventRecord &e);

    const ModelEntry *lookup(const QString &provider, const QString &model);

private:
    struct CacheKey
    {
        QString provider;
        QString model;
        friend bool operator==(const CacheKey &, const CacheKey &) = default;
    };
    friend size_t qHash(const CacheKey &k, size_t seed) { return qHashMulti(seed, k.provider, k.model); }

    // The price_ref text of one (model, version, window, tier, service tier): built once, shared by
    // every event priced the same way.
    struct RefKey
    {
        const ModelEntry *model = nullptr;
        const PriceVersion *version = nullptr;
        const DailyWindow *window = nullptr;
        std::int64_t tierGt = -1;
        ServiceTier serviceTier = ServiceTier::Standard;
        friend bool operator==(const RefKey &, const RefKey &) = default;
    };
    friend size_t qHash(const RefKey &k, size_t seed)
    {
        return qHashMulti(seed, k.model, k.version, k.window, k.tierGt, static_cast<int>(k.serviceTier));
    }
    const QString &priceRef(const PriceResult &r);

    const PriceBook &m_book;
    QHash<CacheKey, const ModelEntry *> m_cache;
    QHash<RefKey, QString> m_refs;
    CacheKey m_lastKey;
    const ModelEntry *m_lastModel = nullptr;
    bool m_hasLast = false;
};

} // namespace burnrate

#endif // BURNRATE_CORE_PRICING_PRICER_H
