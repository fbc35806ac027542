#ifndef BURNRATE_CORE_PROVIDERS_BUCKETPRICER_H
#define BURNRATE_CORE_PROVIDERS_BUCKETPRICER_H

#include "providers/syncdata.h"

#include <memory>

namespace burnrate {

class PriceBook;

// The pricing engine as sync's UsagePricer: a usage-API bucket priced as one aggregate request at the
// bucket's start time, with its service tier (batch buckets at batch rates). Aggregated buckets cannot show
// which requests crossed a long-context threshold, so the base tier applies unless the provider says the
// bucket is long-context (Anthropic's context_window "200k-1M"). Unpriceable buckets stay unpriced.
// Not thread-safe (it keeps one Pricer and its lookup cache); sync stores buckets on one thread.
UsagePricer makeBucketPricer(std::shared_ptr<const PriceBook> book);

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_BUCKETPRICER_H
