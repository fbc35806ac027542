#ifndef BURNRATE_CORE_PROVIDERS_SYNCDATA_H
#define BURNRATE_CORE_PROVIDERS_SYNCDATA_H

#include "ledger/eventrecord.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QMap>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>

namespace burnrate {

// One row of a provider usage API: tokens of one group in one time bucket.
struct UsageBucket
{
    QString provider;
    QString account;
    std::int64_t startMs = 0;
    std::int64_t endMs = 0; // exclusive; earlier than start + width for a partial bucket
    QString width;          // 1m | 1h | 1d, as requested
    QString model;
    QString project; // OpenAI project
    QString apiKey;
    QString workspace; // Anthropic workspace
    QString serviceTier;
    QString contextWindow;
    bool batch = false;
    TokenCounts tokens;
    std::int64_t requests = 0;
    std::int64_t webSearches = 0;
    QMap<QString, std::int64_t> extra; // other integer metrics (audio/image tokens, ...), by field name

    // Rows of a page that share this key are summed (a group the request did not ask for, like
    // inference_geo, may split them). add() leaves the bucket as it was and returns false when a sum would
    // overflow.
    QString naturalKey() const;
    [[nodiscard]] bool add(const UsageBucket &other);
};

// One row of a provider cost API, as billed.
struct BilledCost
{
    QString provider;
    QString account;
    QDate day; // UTC
    QString project;
    QString lineItem;
    QString apiKey;
    QString model;
    QString detail; // other grouping fields, "name=value;..." in name order
    std::int64_t amountNano = 0;

    QString naturalKey() const;
};

// A balance or running-total reading at one instant, in one currency.
struct BalanceSnapshot
{
    QString provider;
    QString account;
    QString source;   // the endpoint: "key", "credits", "user/balance"
    QString currency; // ISO 4217, upper case
    std::int64_t atMs = 0;
    std::optional<std::int64_t> creditNano; // left to spend; nullopt = no limit
    std::optional<std::int64_t> usedNano;   // running total spent
    std::optional<std::int64_t> usedTodayNano;
    std::optional<std::int64_t> grantedNano;
    std::optional<std::int64_t> toppedUpNano;
};

// Everything one endpoint returned for one window. The ledger replaces the window with it in one
// transaction: all of it or none of it.
struct EndpointWindow
{
    enum class Kind
    {
        Usage,  // usage_buckets with bucket_start in [fromMs, untilMs) are replaced
        Billed, // billed_costs with day in [fromMs, untilMs) are replaced
        Balance // snapshots are added
    };
    QString provider;
    QString endpoint; // "usage/completions", "costs", ...
    Kind kind = Kind::Usage;
    std::int64_t fromMs = 0;
    std::int64_t untilMs = 0;
    QList<UsageBucket> usage;
    QList<BilledCost> billed;
    QList<BalanceSnapshot> balances;
    int requests = 0; // HTTP requests it took
    int pages = 0;
};

// Prices a usage bucket: its cost in nano-USD and the price reference, or std::nullopt when the model
// has no price (the bucket is stored unpriced). Plugged in by whoever owns the pricing engine.
using UsagePricer = std::function<std::optional<std::int64_t>(const UsageBucket &bucket, QString *priceRef)>;

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_SYNCDATA_H
