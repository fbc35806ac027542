#ifndef BURNRATE_CORE_PROVIDERS_BUCKETPAGE_H
#define BURNRATE_CORE_PROVIDERS_BUCKETPAGE_H

#include "providers/jsonreader.h"
#include "providers/syncdata.h"
#include "util/result.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>

#include <cstdint>
#include <functional>

namespace burnrate {

// The envelope OpenAI and Anthropic share: {data: [bucket...], has_more, next_page}, each bucket
// {start_time, end_time | starting_at, ending_at, results: [...]} in any field order.
struct BucketPage
{
    bool hasMore = false;
    QString nextPage;
    int buckets = 0;
    int emptyBuckets = 0;
};

// Calls `onResult` for every result of every bucket, then `onBucket` with the bucket's bounds (UTC ms)
// once the bucket is read (its bounds may come after its results). Fails on a bucket without bounds,
// with end before start, or has_more without a cursor.
[[nodiscard]] bool walkBucketPage(JsonReader &reader, BucketPage &page,
                                  const std::function<bool(JsonReader::Value &)> &onResult,
                                  const std::function<void(std::int64_t startMs, std::int64_t endMs)> &onBucket);

// The UTC date of an instant.
QDate utcDateOf(std::int64_t ms);

// A page of usage buckets (OpenAI and Anthropic): one bucket per result; empty buckets give none.
struct UsagePage
{
    BucketPage page;
    QList<UsageBucket> buckets;
};

struct CostPage
{
    BucketPage page;
    QList<BilledCost> costs;
};

// Reads a usage page: `read` fills one result (its provider and width already set); each result gets the bounds
// of its bucket.
using UsageResultReader = std::function<bool(JsonReader &reader, JsonReader::Value &value, UsageBucket &out)>;
Result<UsagePage> readUsagePage(const QByteArray &body, const QString &provider, const QString &width,
                                const UsageResultReader &read);
// Reads a cost page: `read` fills one cost line (its provider already set); each line gets its bucket's UTC day.
using CostResultReader = std::function<bool(JsonReader &reader, JsonReader::Value &value, BilledCost &out)>;
Result<CostPage> readCostPage(const QByteArray &body, const QString &provider, const CostResultReader &read);

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_BUCKETPAGE_H
