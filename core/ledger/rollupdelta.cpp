#include "ledger/rollupdelta.h"

#include "ledger/database.h"

#include <QHash>

namespace burnrate {

size_t RollupDelta::KeyHash::operator()(const Key &k) const
{
    size_t h = std::hash<std::int64_t>{}(k.day);
    h ^= std::hash<std::int64_t>{}(k.utcDay) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h ^= qHash(k.provider) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h ^= qHash(k.model) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h ^= qHash(k.source) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h ^= static_cast<size_t>(k.billing);
    return h;
}

std::int64_t RollupDelta::utcDayOf(std::int64_t utcMs)
{
    constexpr std::int64_t MsPerDay = 86'400'000;
    constexpr std::int64_t JulianDayOfEpoch = 2'440'588;
    std::int64_t days = utcMs / MsPerDay;
    if (utcMs % MsPerDay < 0) {
        --days;
    }
    return days + JulianDayOfEpoch;
}

void RollupDelta::add(std::int64_t day, const EventRecord &event, int sign)
{
    const std::int64_t utcDay = utcDayOf(event.occurredAtMs);
    const auto same = [](const QString &a, const QString &b) {
        return a.isSharedWith(b) || a == b;
    };
    Values *entry = m_recent.find([&](const Key &k) {
        return k.day == day && k.utcDay == utcDay && k.billing == event.billing && same(k.provider, event.provider) &&
               same(k.model, event.model) && same(k.source, event.source);
    });
    if (!entry) {
        Key key{day, utcDay, event.provider, event.model, event.source, event.billing};
        entry = &m_deltas[key]; // unordered_map never moves its elements
        m_recent.remember(std::move(key), entry);
    }
    entry->add(event, sign);
}

void RollupDelta::merge(const RollupDelta &other)
{
    for (const auto &[k, o] : other.m_deltas) {
        m_deltas[k] += o;
    }
}

Status RollupDelta::applyTo(Database &db)
{
    Statement &upsert = db.cached(
        "INSERT INTO rollups (day, provider, model, source, billing, requests, input_uncached, cache_read,"
        " cache_write_5m, cache_write_1h, output, reasoning, cost_nano, unpriced_requests, unpriced_tokens, utc_day)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
        " ON CONFLICT (day, provider, model, source, billing, utc_day) DO UPDATE SET"
        " requests = checked_add(requests, excluded.requests), input_uncached = checked_add(input_uncached, "
        "excluded.input_uncached),"
        " cache_read = checked_add(cache_read, excluded.cache_read), cache_write_5m = checked_add(cache_write_5m, "
        "excluded.cache_write_5m),"
        " cache_write_1h = checked_add(cache_write_1h, excluded.cache_write_1h), output = checked_add(output, "
        "excluded.output),"
        " reasoning = checked_add(reasoning, excluded.reasoning), cost_nano = checked_add(cost_nano, "
        "excluded.cost_nano),"
        " unpriced_requests = checked_add(unpriced_requests, excluded.unpriced_requests),"
        " unpriced_tokens = checked_add(unpriced_tokens, excluded.unpriced_tokens)");
    if (!upsert.isValid()) {
        return Status::failure(db.lastError());
    }
    for (const auto &[k, v] : m_deltas) {
        if (v.overflow) {
            return Status::failure(QStringLiteral("cannot update rollups: a total is too large to hold in 64 bits"));
        }
        upsert.reset();
        upsert.bind(1, k.day);
        upsert.bind(2, k.provider);
        upsert.bind(3, k.model);
        upsert.bind(4, k.source);
        upsert.bind(5, billingName(k.billing));
        upsert.bind(6, v.requests);
        upsert.bind(7, v.tokens.inputUncached);
        upsert.bind(8, v.tokens.cacheRead);
        upsert.bind(9, v.tokens.cacheWrite5m);
        upsert.bind(10, v.tokens.cacheWrite1h);
        upsert.bind(11, v.tokens.output);
        upsert.bind(12, v.tokens.reasoning);
        upsert.bind(13, v.costNano);
        upsert.bind(14, v.unpricedRequests);
        upsert.bind(15, v.unpricedTokens);
        upsert.bind(16, k.utcDay);
        if (!upsert.exec()) {
            return Status::failure(QStringLiteral("cannot update rollups: %1").arg(db.lastError()));
        }
    }
    if (auto st = db.exec("DELETE FROM rollups WHERE requests = 0 AND cost_nano = 0 AND unpriced_tokens = 0"); !st) {
        return st;
    }
    clear();
    return okStatus();
}

} // namespace burnrate
