#ifndef BURNRATE_TESTS_FUZZ_PROVIDERFUZZ_H
#define BURNRATE_TESTS_FUZZ_PROVIDERFUZZ_H

// What the provider page fuzz targets share: what a parsed usage or cost page must satisfy, and the summing of the
// rows that share a key, which the sync store does with every page before it writes.

#include "fuzzcheck.h"
#include "providers/bucketpage.h"
#include "util/checkedsum.h"

#include <QHash>

namespace burnrate::fuzz {

inline void checkPage(const BucketPage &page)
{
    FUZZ_CHECK(page.buckets >= 0 && page.emptyBuckets >= 0 && page.emptyBuckets <= page.buckets);
    // The pager follows next_page while there is one: a page that says it is the last gives none.
    FUZZ_CHECK(page.hasMore != page.nextPage.isEmpty());
}

inline void checkUsagePage(const UsagePage &page, const QString &provider, const QString &width)
{
    checkPage(page.page);
    QHash<QString, UsageBucket> rows;
    for (const UsageBucket &b : page.buckets) {
        FUZZ_CHECK(b.provider == provider && b.width == width);
        FUZZ_CHECK(b.startMs <= b.endMs);
        for (std::int64_t n : {b.tokens.inputUncached, b.tokens.cacheRead, b.tokens.cacheWrite5m, b.tokens.cacheWrite1h,
                               b.tokens.output, b.tokens.reasoning, b.requests, b.webSearches}) {
            FUZZ_CHECK(n >= 0);
        }
        for (std::int64_t n : b.extra) {
            FUZZ_CHECK(n >= 0);
        }
        const QString key = b.naturalKey();
        if (auto it = rows.find(key); it != rows.end()) {
            // A sum past 64 bits is noted, never wrapped: the totals stay non-negative.
            SumCheck sums;
            it->add(b, sums);
            FUZZ_CHECK(it->requests >= 0 && it->tokens.inputUncached >= 0 && it->tokens.output >= 0);
        } else {
            rows.insert(key, b);
        }
    }
}

inline void checkCostPage(const CostPage &page, const QString &provider)
{
    checkPage(page.page);
    for (const BilledCost &c : page.costs) {
        FUZZ_CHECK(c.provider == provider);
        (void)c.naturalKey();
    }
}

} // namespace burnrate::fuzz

#endif // BURNRATE_TESTS_FUZZ_PROVIDERFUZZ_H
