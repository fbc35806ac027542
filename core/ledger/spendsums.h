#ifndef BURNRATE_CORE_LEDGER_SPENDSUMS_H
#define BURNRATE_CORE_LEDGER_SPENDSUMS_H

#include "ledger/eventrecord.h"

#include <cstdint>

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

    // sign is +1 to add an event, -1 to take it back out.
    void add(const EventRecord &event, int sign)
    {
        const std::int64_t s = sign;
        requests += s * event.requests;
        tokens.inputUncached += s * event.tokens.inputUncached;
        tokens.cacheRead += s * event.tokens.cacheRead;
        tokens.cacheWrite5m += s * event.tokens.cacheWrite5m;
        tokens.cacheWrite1h += s * event.tokens.cacheWrite1h;
        tokens.output += s * event.tokens.output;
        tokens.reasoning += s * event.tokens.reasoning;
        if (event.costNano) {
            costNano += s * *event.costNano;
        } else {
            unpricedRequests += s * event.requests;
            unpricedTokens += s * event.tokens.total();
        }
    }
    SpendSums &operator+=(const SpendSums &o)
    {
        requests += o.requests;
        tokens += o.tokens;
        costNano += o.costNano;
        unpricedRequests += o.unpricedRequests;
        unpricedTokens += o.unpricedTokens;
        return *this;
    }
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_SPENDSUMS_H
