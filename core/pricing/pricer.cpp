#include "pricing/pricer.h"

#include "util/uint128.h"

#include <QtNumeric>

#include <initializer_list>

namespace burnrate {

namespace {

constexpr std::int64_t MsPerDay = 86'400'000;
constexpr qsizetype MaxCachedModels = 1 << 16;

constexpr const char *LineNames[] = {"input",          "input_audio",    "cache_read",  "cache_audio_read",
                                     "cache_write_5m", "cache_write_1h", "output",      "reasoning",
                                     "output_audio",   "requests",       "web_searches"};

// Accumulates exact pico-USD lines with overflow checks.
class Lines
{
public:
    Lines(const RateSet &rates, PriceResult &result, bool keep)
        : m_rates(rates)
        , m_result(result)
        , m_keep(keep)
    {}

    // Prices `quantity` units of `cls` at the first rate of `chain` that the model gives.
    bool add(LineClass cls, std::int64_t quantity, std::initializer_list<RateKey> chain)
    {
        if (quantity == 0) {
            return true;
        }
        for (RateKey key : chain) {
            if (m_rates.has(key)) {
                return addAt(cls, quantity, key);
            }
        }
        return fail(QStringLiteral("%1 has no %2 rate").arg(m_result.model->ref, QLatin1String(lineClassName(cls))));
    }

    bool addAt(LineClass cls, std::int64_t quantity, RateKey key)
    {
        const std::int64_t rate = m_rates.get(key);
        std::int64_t cost = 0;
        if (qMulOverflow(quantity, rate, &cost) || qAddOverflow(m_sum, cost, &m_sum)) {
            return fail(QStringLiteral("the cost of this usage is too large to hold"));
        }
        if (m_keep) {
            m_result.lines.push_back({cls, quantity, key, rate, cost});
        }
        return true;
    }

    bool fail(const QString &why)
    {
        m_result.reason = why;
        return false;
    }

    std::int64_t sum() const { return m_sum; }

private:
    const RateSet &m_rates;
    PriceResult &m_result;
    bool m_keep;
    std::int64_t m_sum = 0;
};

const QString *invalidUsage(const Usage &u)
{
    static const QString negative = QStringLiteral("invalid usage: a token count is negative");
    static const QString subset = QStringLiteral("invalid usage: a part (reasoning, audio) exceeds its whole");
    for (std::int64_t v : {u.inputUncached, u.cacheRead, u.cacheWrite5m, u.cacheWrite1h, u.output, u.reasoning,
                           u.inputAudio, u.cacheAudioRead, u.outputAudio, u.requests, u.webSearches}) {
        if (v < 0) {
            return &negative;
        }
    }
    if (u.reasoning > u.output || u.outputAudio > u.output - u.reasoning || u.inputAudio > u.inputUncached ||
        u.cacheAudioRead > u.cacheRead) {
        return &subset;
    }
    return nullptr;
}

} // namespace

std::optional<ServiceTier> serviceTierFromName(QStringView name)
{
    if (name.isEmpty() || name.compare(QLatin1String("standard"), Qt::CaseInsensitive) == 0 ||
        name.compare(QLatin1String("default"), Qt::CaseInsensitive) == 0 ||
        name.compare(QLatin1String("auto"), Qt::CaseInsensitive) == 0) {
        return ServiceTier::Standard;
    }
    if (name.compare(QLatin1String("batch"), Qt::CaseInsensitive) == 0) {
        return ServiceTier::Batch;
    }
    if (name.compare(QLatin1String("flex"), Qt::CaseInsensitive) == 0) {
        return ServiceTier::Flex;
    }
    if (name.compare(QLatin1String("priority"), Qt::CaseInsensitive) == 0) {
        return ServiceTier::Priority;
    }
    return std::nullopt;
}

QString serviceTierName(ServiceTier tier)
{
    switch (tier) {
    case ServiceTier::Batch:
        return QStringLiteral("batch");
    case ServiceTier::Flex:
        return QStringLiteral("flex");
    case ServiceTier::Priority:
        return QStringLiteral("priority");
    case ServiceTier::Standard:
        break;
    }
    return QStringLiteral("standard");
}

const char *lineClassName(LineClass c)
{
    return LineNames[static_cast<int>(c)];
}

Usage Usage::fromTokens(const TokenCounts &t, std::int64_t requests)
{
    Usage u;
    u.inputUncached = t.inputUncached;
    u.cacheRead = t.cacheRead;
    u.cacheWrite5m = t.cacheWrite5m;
    u.cacheWrite1h = t.cacheWrite1h;
    u.output = t.output;
    u.reasoning = t.reasoning;
    u.requests = requests;
    return u;
}

QString PriceResult::priceRef(const PriceBook &book) const
{
    if (!priced || !model || !version) {
        return QString();
    }
    QString ref = book.id() + QLatin1Char(':') + model->ref + QLatin1Char('@') + version->label;
    if (window) {
        ref += QStringLiteral("+window") + window->label;
    }
    if (tierGt >= 0) {
        ref += QStringLiteral("+gt") + QString::number(tierGt);
    }
    if (serviceTier != ServiceTier::Standard) {
        ref += QLatin1Char('+') + serviceTierName(serviceTier);
    }
    return ref;
}

Pricer::Pricer(const PriceBook &book)
    : m_book(book)
{}

const ModelEntry *Pricer::lookup(const QString &provider, const QString &model)
{
    if (m_hasLast && m_lastKey.model == model && m_lastKey.provider == provider) {
        return m_lastModel;
    }
    CacheKey key{provider, model};
    auto it = m_cache.constFind(key);
    const ModelEntry *found = nullptr;
    if (it != m_cache.constEnd()) {
        found = *it;
    } else {
        found = m_book.find(provider, model);
        if (m_cache.size() >= MaxCachedModels) {
            m_cache.clear();
        }
        m_cache.insert(key, found);
    }
    m_lastKey = std::move(key);
    m_lastModel = found;
    m_hasLast = true;
    return found;
}

PriceResult Pricer::price(const QString &provider, const QString &model, std::int64_t atMs, ServiceTier tier,
                          const Usage &usage, bool withLines)
{
    PriceResult r;
    r.serviceTier = tier;
    r.model = lookup(provider, model);
    if (!r.model) {
        r.reason = QStringLiteral("no price for model %1 from provider %2")
                       .arg(model, provider.isEmpty() ? QStringLiteral("(none)") : provider);
        return r;
    }
    if (const QString *bad = invalidUsage(usage)) {
        r.reason = *bad;
        return r;
    }
    const PriceVersion *v = r.model->versionAt(atMs);
    if (!v) {
        r.reason = QStringLiteral("%1 has no price before %2").arg(r.model->ref, r.model->versions.front().label);
        return r;
    }
    r.version = v;
    const RateSet *base = &v->rates;
    const std::vector<LongContextTier> *tiers = &v->tiers;
    if (!v->windows.empty()) {
        const int second = static_cast<int>(((atMs % MsPerDay) + MsPerDay) % MsPerDay / 1000);
        for (auto w = v->windows.rbegin(); w != v->windows.rend(); ++w) {
            if (w->contains(second)) {
                r.window = &*w;
                base = &w->rates;
                tiers = &w->tiers;
                break;
            }
        }
    }
    RateSet rates = *base;
    const std::int64_t basis = usage.totalInput();
    static const std::vector<LongContextTier> noTiers;
    if (tier != ServiceTier::Standard) {
        const QString name = serviceTierName(tier);
        const ServiceTierRule *rule = nullptr;
        if (auto it = v->serviceTiers.constFind(name); it != v->serviceTiers.constEnd()) {
            rule = &*it;
        } else if (const ProviderEntry *p = m_book.provider(r.model->providerId)) {
            if (auto pit = p->serviceTiers.constFind(name); pit != p->serviceTiers.constEnd()) {
                rule = &*pit;
            }
        }
        if (!rule) {
            r.reason = QStringLiteral("no %1 prices for %2").arg(name, r.model->ref);
            return r;
        }
        if (rule->hasRates) {
            rates.overlay(rule->rates);
            if (rule->tiers.empty() && !tiers->empty() &&
                (usage.tierHint == TierHint::Highest ||
                 (usage.tierHint == TierHint::Auto && basis > tiers->front().gtInputTokens))) {
                r.reason = QStringLiteral("no %1 prices above %2 input tokens for %3")
                               .arg(name)
                               .arg(tiers->front().gtInputTokens)
                               .arg(r.model->ref);
                return r;
            }
            tiers = rule->tiers.empty() ? &noTiers : &rule->tiers;
        }
        if (rule->multiplier) {
            r.multiplier = *rule->multiplier;
        }
    }
    const LongContextTier *lc = nullptr;
    if (usage.tierHint == TierHint::Highest && !tiers->empty()) {
        lc = &tiers->back();
    } else if (usage.tierHint == TierHint::Auto) {
        for (const LongContextTier &t : *tiers) {
            if (basis > t.gtInputTokens) {
                lc = &t;
            }
        }
    }
    if (lc) {
        rates.overlay(lc->rates);
        r.tierGt = lc->gtInputTokens;
    }

    Lines lines(rates, r, withLines);
    using K = RateKey;
    const bool ownReasoning = rates.has(K::Reasoning);
    const std::int64_t textOutput = usage.output - usage.outputAudio - (ownReasoning ? usage.reasoning : 0);
    bool ok = lines.add(LineClass::Input, usage.inputUncached - usage.inputAudio, {K::Input}) &&
              lines.add(LineClass::InputAudio, usage.inputAudio, {K::InputAudio, K::Input}) &&
              lines.add(LineClass::CacheRead, usage.cacheRead - usage.cacheAudioRead, {K::CacheRead, K::Input}) &&
              lines.add(LineClass::CacheAudioRead, usage.cacheAudioRead,
                        {K::CacheAudioRead, K::CacheRead, K::InputAudio, K::Input}) &&
              lines.add(LineClass::CacheWrite5m, usage.cacheWrite5m, {K::CacheWrite5m, K::CacheWrite, K::Input});
    if (ok && usage.cacheWrite1h > 0) {
        // A model that prices cache writes but not 1-hour ones cannot be guessed: 1h writes cost more.
        const bool writesPriced = rates.has(K::CacheWrite5m) || rates.has(K::CacheWrite);
        ok = rates.has(K::CacheWrite1h) || !writesPriced
                 ? lines.add(LineClass::CacheWrite1h, usage.cacheWrite1h, {K::CacheWrite1h, K::Input})
                 : lines.fail(QStringLiteral("%1 has no 1-hour cache-write rate").arg(r.model->ref));
    }
    ok = ok && lines.add(LineClass::Output, textOutput, {K::Output}) &&
         (!ownReasoning || lines.add(LineClass::Reasoning, usage.reasoning, {K::Reasoning})) &&
         lines.add(LineClass::OutputAudio, usage.outputAudio, {K::OutputAudio, K::Output}) &&
         (!rates.has(K::PerRequest) || lines.addAt(LineClass::Requests, usage.requests, K::PerRequest)) &&
         lines.add(LineClass::WebSearches, usage.webSearches, {K::WebSearch});
    if (!ok) {
        r.lines.clear();
        return r;
    }
    r.subtotalPico = lines.sum();
    // One rounding, half-up, after the multiplier: nano = floor((pico × num / den + 500) / 1000). The product
    // needs 128 bits; den × 1000 fits 64 bits for every multiplier a price book can hold (6 decimals).
    std::int64_t den = 0;
    if (r.subtotalPico < 0 || r.multiplier.num <= 0 || r.multiplier.den <= 0) {
        r.reason = QStringLiteral("invalid price: a negative rate or a multiplier that is not positive");
        return r;
    }
    if (qMulOverflow(r.multiplier.den, std::int64_t{1000}, &den)) {
        r.reason = QStringLiteral("the cost of this usage is too large to hold");
        return r;
    }
    const auto d = static_cast<std::uint64_t>(den);
    const UInt128Division nano = divide(
        UInt128::product(static_cast<std::uint64_t>(r.subtotalPico), static_cast<std::uint64_t>(r.multiplier.num)), d);
    // Half up: the remainder is at least half of the divisor.
    const UInt128 rounded = nano.quotient + (nano.remainder >= UInt128{d} - nano.remainder ? 1U : 0U);
    if (rounded > UInt128{static_cast<std::uint64_t>(INT64_MAX)}) {
        r.reason = QStringLiteral("the cost of this usage is too large to hold");
        return r;
    }
    r.nano = static_cast<std::int64_t>(rounded.lo);
    r.priced = true;
    return r;
}

void Pricer::priceEvent(EventRecord &e)
{
    if (const auto tier = serviceTierFromName(e.serviceTier)) {
        const PriceResult r =
            price(e.provider, e.model, e.occurredAtMs, *tier, Usage::fromTokens(e.tokens, e.requests));
        if (r.priced) {
            e.costNano = r.nano;
            e.priceRef = priceRef(r);
            return;
        }
    }
    applyReportedCost(e);
}

const QString &Pricer::priceRef(const PriceResult &r)
{
    const RefKey key{r.model, r.version, r.window, r.tierGt, r.serviceTier};
    auto it = m_refs.find(key);
    if (it == m_refs.end()) {
        if (m_refs.size() >= MaxCachedModels) {
            m_refs.clear();
        }
        it = m_refs.insert(key, r.priceRef(m_book));
    }
    return *it;
}

void Pricer::applyReportedCost(EventRecord &e)
{
    if (e.reportedCostNano) {
        e.costNano = e.reportedCostNano;
        e.priceRef = QStringLiteral("reported");
    } else {
        e.costNano.reset();
        e.priceRef = QString();
    }
}

} // namespace burnrate
