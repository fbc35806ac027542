#include "pricing/pricebook.h"

#include <algorithm>

namespace burnrate {

namespace {

constexpr const char *RateNames[RateKeyCount] = {
    "input",       "cache_read",   "cache_write", "cache_write_5m",    "cache_write_1h",
    "output",      "reasoning",    "input_audio", "cache_audio_read",  "output_audio",
    "input_image", "output_image", "per_request", "web_search_per_1k",
};

} // namespace

const char *rateKeyName(RateKey key)
{
    return RateNames[static_cast<int>(key)];
}

std::optional<RateKey> rateKeyFromName(QStringView name)
{
    for (int i = 0; i < RateKeyCount; ++i) {
        if (name == QLatin1String(RateNames[i])) {
            return static_cast<RateKey>(i);
        }
    }
    return std::nullopt;
}

int rateKeyScale(RateKey key)
{
    switch (key) {
    case RateKey::PerRequest:
        return 12;
    case RateKey::WebSearch:
        return 9;
    default:
        return 6;
    }
}

bool RateSet::empty() const
{
    return std::all_of(m_pico.begin(), m_pico.end(), [](std::int64_t v) { return v < 0; });
}

void RateSet::overlay(const RateSet &o)
{
    for (size_t i = 0; i < m_pico.size(); ++i) {
        if (o.m_pico[i] >= 0) {
            m_pico[i] = o.m_pico[i];
        }
    }
}

bool DailyWindow::contains(int secondOfDay) const
{
    return fromSec < toSec ? secondOfDay >= fromSec && secondOfDay < toSec
                           : secondOfDay >= fromSec || secondOfDay < toSec;
}

const PriceVersion *ModelEntry::versionAt(std::int64_t atMs) const
{
    const PriceVersion *found = nullptr;
    for (const PriceVersion &v : versions) {
        if (v.effectiveFromMs && *v.effectiveFromMs > atMs) {
            break;
        }
        found = &v;
    }
    return found;
}

const ModelEntry *ProviderEntry::matchExact(const QString &model) const
{
    const auto it = exactIndex.constFind(model);
    return it == exactIndex.constEnd() ? nullptr : &models[static_cast<size_t>(*it)];
}

const ModelEntry *ProviderEntry::matchPrefix(const QString &model, qsizetype *length) const
{
    for (const auto &[prefix, index] : prefixList) {
        if (model.startsWith(prefix)) {
            if (length) {
                *length = prefix.size();
            }
            return &models[static_cast<size_t>(index)];
        }
    }
    return nullptr;
}

int PriceBook::modelCount() const
{
    int n = 0;
    for (const auto &p : m_providers) {
        n += static_cast<int>(p.models.size());
    }
    return n;
}

const ProviderEntry *PriceBook::provider(const QString &name) const
{
    const QString n = name.trimmed().toLower();
    if (n.isEmpty()) {
        return nullptr;
    }
    if (const auto it = m_providerIndex.constFind(n); it != m_providerIndex.constEnd()) {
        return &m_providers[static_cast<size_t>(*it)];
    }
    for (const ProviderEntry &p : m_providers) {
        for (const QString &a : p.aliases) {
            if (n.contains(a)) {
                return &p;
            }
        }
    }
    return nullptr;
}

const ModelEntry *PriceBook::findIn(const ProviderEntry *p, const QString &model) const
{
    if (const ModelEntry *m = p->matchExact(model)) {
        return m;
    }
    return p->matchPrefix(model, nullptr);
}

const ModelEntry *PriceBook::find(const QString &providerName, const QString &modelName) const
{
    const QString model = modelName.trimmed().toLower();
    if (model.isEmpty()) {
        return nullptr;
    }
    const ProviderEntry *p = provider(providerName);
    if (p) {
        if (const ModelEntry *m = findIn(p, model)) {
            return m;
        }
        for (const QString &f : p->fallbackProviders) {
            if (const ProviderEntry *fp = provider(f); fp && fp != p) {
                if (const ModelEntry *m = findIn(fp, model)) {
                    return m;
                }
            }
        }
    }
    if (const auto slash = model.indexOf(QLatin1Char('/')); slash > 0) {
        if (const ProviderEntry *vendor = provider(model.left(slash))) {
            if (const ModelEntry *m = findIn(vendor, model.mid(slash + 1))) {
                return m;
            }
        }
    }
    if (p && p->id != QLatin1String("openrouter")) {
        return nullptr; // a known provider does not borrow another's prices
    }
    for (const ProviderEntry &q : m_providers) {
        if (const ModelEntry *m = q.matchExact(model)) {
            return m;
        }
    }
    const ModelEntry *best = nullptr;
    qsizetype bestLength = 0;
    for (const ProviderEntry &q : m_providers) {
        qsizetype length = 0;
        if (const ModelEntry *m = q.matchPrefix(model, &length); m && length > bestLength) {
            best = m;
            bestLength = length;
        }
    }
    return best;
}

} // namespace burnrate
