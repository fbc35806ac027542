#include "providers/bucketpricer.h"

#include "pricing/pricebook.h"
#include "pricing/pricer.h"

namespace burnrate {

UsagePricer makeBucketPricer(std::shared_ptr<const PriceBook> book)
{
    if (!book) {
        return {};
    }
    auto pricer = std::make_shared<Pricer>(*book);
    return [book, pricer](const UsageBucket &bucket, QString *priceRef) -> std::optional<std::int64_t> {
        Usage usage = Usage::fromTokens(bucket.tokens, bucket.requests);
        usage.webSearches = bucket.webSearches;
        usage.tierHint = bucket.contextWindow.startsWith(QLatin1String("200k")) ? TierHint::Highest : TierHint::Base;
        std::optional<ServiceTier> tier = bucket.batch ? ServiceTier::Batch : serviceTierFromName(bucket.serviceTier);
        if (!tier) {
            tier = ServiceTier::Standard; // an unknown tier name from a provider: standard rates, never dropped
        }
        const PriceResult result = pricer->price(bucket.provider, bucket.model, bucket.startMs, *tier, usage);
        if (!result.priced) {
            return std::nullopt;
        }
        if (priceRef) {
            *priceRef = result.priceRef(*book);
        }
        return result.nano;
    };
}

} // namespace burnrate
