#ifndef BURNRATE_CORE_LEDGER_SPENDSUMS_H
#define BURNRATE_CORE_LEDGER_SPENDSUMS_H

#include "ledger/eventrecord.h"
#include "util/checkedsum.h"

#include <cstdint>
#include <initializer_list>

namespace burnrate {

// Requests, tokens and money of a set of events, the priced and the unpriced apart: what the daily
// and the conversation rollups both keep.
struct SpendSums
{
    std::int64_t requests = 0;
    TokenCounts tokens;
    std::int64_t costNano = 0;
    std::int64_t unpricedRequests = 0;
    std::int64_t unpricedTokens = 0;
    // A sum did not fit 64 bits: these sums are wrong and must not be written anywhere.
    bool overflow = false;

    // sign is +1 to add an event, -1 to take it back out.
    void add(const EventRecord &event, int sign)
    {
        const std::int64_t s = sign;
        accumulate(requests, s * event.requests);
        accumulate(tokens.inputUncached, s * event.tokens.inputUncached);
        accumulate(tokens.cacheRead, s * event.tokens.cacheRead);
        accumulate(tokens.cacheWrite5m, s * event.tokens.cacheWrite5m);
        accumulate(tokens.cacheWrite1h, s * event.tokens.cacheWrite1h);
        accumulate(tokens.output, s * event.tokens.output);
        accumulate(tokens.reasoning, s * event.tokens.reasoning);
        if (event.costNano) {
            accumulate(costNano, s * *event.costNano);
        } else {
            accumulate(unpricedRequests, s * event.requests);
            for (const std::int64_t part :
                 {event.tokens.inputUncached, event.tokens.cacheRead, event.tokens.cacheWrite5m,
                  event.tokens.cacheWrite1h, event.tokens.output}) {
                accumulate(unpricedTokens, s * part);
            }
        }
    }
    SpendSums &operator+=(const SpendSums &o)
    {
        accumulate(requests, o.requests);
        accumulate(tokens.inputUncached, o.tokens.inputUncached);
        accumulate(tokens.cacheRead, o.tokens.cacheRead);
        accumulate(tokens.cacheWrite5m, o.tokens.cacheWrite5m);
        accumulate(tokens.cacheWrite1h, o.tokens.cacheWrite1h);
        accumulate(tokens.output, o.tokens.output);
        accumulate(tokens.reasoning, o.tokens.reasoning);
        accumulate(costNano, o.costNano);
        accumulate(unpricedRequests, o.unpricedRequests);
        accumulate(unpricedTokens, o.unpricedTokens);
        overflow = overflow || o.overflow;
        return *this;
    }

private:
    void accumulate(std::int64_t &total, std::int64_t value)
    {
        if (!checkedAdd(total, value)) {
            overflow = true;
        }
    }
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_SPENDSUMS_H
