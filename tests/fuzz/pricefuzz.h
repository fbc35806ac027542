#ifndef BURNRATE_TESTS_FUZZ_PRICEFUZZ_H
#define BURNRATE_TESTS_FUZZ_PRICEFUZZ_H

// What the pricing fuzz targets share: the shipped price documents (read once), and pricing with a book built from
// fuzzed input, so that whatever rates a document can hold meet the pricer's arithmetic.

#include "fuzzcheck.h"
#include "ledger/eventlimits.h"
#include "pricing/pricebook.h"
#include "pricing/pricemerge.h"
#include "pricing/pricer.h"
#include "pricing/pricestore.h"

#include <algorithm>

namespace burnrate::fuzz {

inline const QJsonObject &shippedSnapshot()
{
    static const QJsonObject doc = [] {
        auto base = PriceStore::shippedSnapshot();
        FUZZ_CHECK(base);
        return *base;
    }();
    return doc;
}

inline const QJsonObject &shippedOverrides()
{
    static const QJsonObject doc = [] {
        auto overrides = PriceStore::shippedOverrides();
        FUZZ_CHECK(overrides);
        return *overrides;
    }();
    return doc;
}

// The snapshot with the shipped corrections: what the user's prices go on top of.
inline const QJsonObject &correctedSnapshot()
{
    static const QJsonObject doc = [] {
        auto corrected = applyOverlay(shippedSnapshot(), shippedOverrides());
        FUZZ_CHECK(corrected);
        return *corrected;
    }();
    return doc;
}

// Prices a large and a small request with the first models of every provider of `book`, at each version's start and
// in every service tier. Whatever the rates, a priced cost is never negative.
inline void priceWith(const PriceBook &book)
{
    Pricer pricer(book);
    Usage large;
    large.inputUncached = limits::MaxTokens;
    large.cacheRead = limits::MaxTokens;
    large.cacheWrite5m = limits::MaxTokens;
    large.cacheWrite1h = limits::MaxTokens;
    large.output = limits::MaxTokens;
    large.reasoning = limits::MaxTokens / 2;
    large.webSearches = 1000;
    Usage small;
    small.inputUncached = 1200;
    small.cacheRead = 300;
    small.output = 80;
    for (const ProviderEntry &p : book.providers()) {
        const auto models = std::min<std::size_t>(p.models.size(), 4);
        for (std::size_t m = 0; m < models; ++m) {
            const ModelEntry &model = p.models[m];
            FUZZ_CHECK(book.find(p.id, model.id) != nullptr);
            for (const PriceVersion &v : model.versions) {
                const std::int64_t at = v.effectiveFromMs.value_or(0);
                for (ServiceTier tier :
                     {ServiceTier::Standard, ServiceTier::Batch, ServiceTier::Flex, ServiceTier::Priority}) {
                    for (const Usage *usage : {&large, &small}) {
                        const PriceResult r = pricer.price(p.id, model.id, at, tier, *usage, true);
                        FUZZ_CHECK(!r.priced || r.nano >= 0);
                        if (r.priced) {
                            (void)r.priceRef(book);
                        }
                    }
                }
            }
        }
    }
}

} // namespace burnrate::fuzz

#endif // BURNRATE_TESTS_FUZZ_PRICEFUZZ_H
