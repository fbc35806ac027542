#include "providers/bucketpage.h"

#include "util/timestamp.h"

#include <QDate>
#include <QtNumeric>

namespace burnrate {

namespace {

// Unix seconds (OpenAI) or an RFC 3339 string (Anthropic).
bool readInstant(JsonReader &r, JsonReader::Value &v, std::string_view field, std::optional<std::int64_t> &outMs)
{
    simdjson::ondemand::json_type type;
    if (auto e = v.type().get(type)) {
        return r.failSimdjson(e);
    }
    if (type == simdjson::ondemand::json_type::string) {
        QString text;
        if (!r.readString(v, text)) {
            return false;
        }
        const auto ms = parseRfc3339Ms(text.toStdString());
        if (!ms) {
            return r.fail(QStringLiteral("%1 is not an RFC 3339 time (\"%2\")").arg(fieldName(field), text));
        }
        outMs = *ms;
        return true;
    }
    std::optional<std::int64_t> secs;
    if (!r.readInt(v, field, secs)) {
        return false;
    }
    std::int64_t ms = 0;
    if (secs && qMulOverflow(*secs, std::int64_t{1000}, &ms)) {
        return r.fail(QStringLiteral("%1 is not a time (%2 seconds)").arg(fieldName(field)).arg(*secs));
    }
    if (secs) {
        outMs = ms;
    }
    return true;
}

} // namespace

QDate utcDateOf(std::int64_t ms)
{
    constexpr std::int64_t MsPerDay = 86'400'000;
    std::int64_t days = ms / MsPerDay;
    if (ms % MsPerDay < 0) {
        --days;
    }
    return QDate(1970, 1, 1).addDays(days);
}

bool walkBucketPage(JsonReader &reader, BucketPage &page, const std::function<bool(JsonReader::Value &)> &onResult,
                    const std::function<void(std::int64_t, std::int64_t)> &onBucket)
{
    bool sawData = false;
    const bool ok = reader.forEachRootField([&](std::string_view key, JsonReader::Value &v) {
        if (key == "has_more") {
            std::optional<bool> b;
            if (!reader.readBool(v, b)) {
                return false;
            }
            page.hasMore = b.value_or(false);
            return true;
        }
        if (key == "next_page") {
            return reader.readString(v, page.nextPage);
        }
        if (key != "data") {
            return true; // object, organization_id, ...: not needed
        }
        sawData = true;
        return reader.forEachElement(v, [&](JsonReader::Value &bucket) {
            std::optional<std::int64_t> start;
            std::optional<std::int64_t> end;
            int results = 0;
            const bool bucketOk = reader.forEachField(bucket, [&](std::string_view k, JsonReader::Value &bv) {
                if (k == "start_time" || k == "starting_at") {
                    return readInstant(reader, bv, k, start);
                }
                if (k == "end_time" || k == "ending_at") {
                    return readInstant(reader, bv, k, end);
                }
                if (k == "results") {
                    bool isNull = false;
                    if (bv.is_null().get(isNull) == simdjson::SUCCESS && isNull) {
                        return true; // no results: an empty bucket
                    }
                    return reader.forEachElement(bv, [&](JsonReader::Value &result) {
                        ++results;
                        return onResult(result);
                    });
                }
                return true;
            });
            if (!bucketOk) {
                return false;
            }
            if (!start || !end) {
                return reader.fail(QStringLiteral("bucket %1 has no start or end time").arg(page.buckets + 1));
            }
            if (*end < *start) {
                return reader.fail(QStringLiteral("bucket %1 ends before it starts").arg(page.buckets + 1));
            }
            ++page.buckets;
            if (results == 0) {
                ++page.emptyBuckets;
            }
            onBucket(*start, *end);
            return true;
        });
    });
    if (!ok) {
        return false;
    }
    if (!sawData) {
        return reader.fail(QStringLiteral("the answer has no \"data\" list"));
    }
    if (page.hasMore && page.nextPage.isEmpty()) {
        return reader.fail(QStringLiteral("the answer says there is more but gives no next_page cursor"));
    }
    if (!page.hasMore) {
        page.nextPage.clear();
    }
    return true;
}

Result<UsagePage> readUsagePage(const QByteArray &body, const QString &provider, const QString &width,
                                const UsageResultReader &read)
{
    UsagePage out;
    JsonReader r(body);
    qsizetype mark = 0;
    const bool ok = walkBucketPage(
        r, out.page,
        [&](JsonReader::Value &v) {
            UsageBucket b;
            b.provider = provider;
            b.width = width;
            if (!read(r, v, b)) {
                return false;
            }
            out.buckets.append(std::move(b));
            return true;
        },
        [&](std::int64_t start, std::int64_t end) {
            for (qsizetype i = mark; i < out.buckets.size(); ++i) {
                out.buckets[i].startMs = start;
                out.buckets[i].endMs = end;
            }
            mark = out.buckets.size();
        });
    if (!ok) {
        return Result<UsagePage>::failure(r.error());
    }
    return out;
}

Result<CostPage> readCostPage(const QByteArray &body, const QString &provider, const CostResultReader &read)
{
    CostPage out;
    JsonReader r(body);
    qsizetype mark = 0;
    const bool ok = walkBucketPage(
        r, out.page,
        [&](JsonReader::Value &v) {
            BilledCost c;
            c.provider = provider;
            if (!read(r, v, c)) {
                return false;
            }
            out.costs.append(std::move(c));
            return true;
        },
        [&](std::int64_t start, std::int64_t) {
            for (qsizetype i = mark; i < out.costs.size(); ++i) {
                out.costs[i].day = utcDateOf(start);
            }
            mark = out.costs.size();
        });
    if (!ok) {
        return Result<CostPage>::failure(r.error());
    }
    return out;
}

} // namespace burnrate
