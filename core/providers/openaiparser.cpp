#include "providers/openaiparser.h"

namespace burnrate {

namespace {

const QString OpenAi = QStringLiteral("openai");

bool readResult(JsonReader &r, JsonReader::Value &v, UsageBucket &b)
{
    QString object;
    std::optional<std::int64_t> input;
    std::optional<std::int64_t> output;
    std::optional<std::int64_t> requests;
    std::optional<std::int64_t> cached;
    std::optional<std::int64_t> cacheWrite;
    std::optional<std::int64_t> uncached;
    const bool ok = r.forEachField(v, [&](std::string_view key, JsonReader::Value &f) {
        if (key == "object") {
            return r.readString(f, object);
        }
        if (key == "model") {
            return r.readString(f, b.model);
        }
        if (key == "project_id") {
            return r.readString(f, b.project);
        }
        if (key == "api_key_id") {
            return r.readString(f, b.apiKey);
        }
        if (key == "service_tier") {
            return r.readString(f, b.serviceTier);
        }
        if (key == "batch") {
            std::optional<bool> batch;
            if (!r.readBool(f, batch)) {
                return false;
            }
            b.batch = batch.value_or(false);
            return true;
        }
        std::optional<std::int64_t> *slot = nullptr;
        if (key == "input_tokens") {
            slot = &input;
        } else if (key == "output_tokens") {
            slot = &output;
        } else if (key == "num_model_requests") {
            slot = &requests;
        } else if (key == "input_cached_tokens") {
            slot = &cached;
        } else if (key == "input_cache_write_tokens") {
            slot = &cacheWrite;
        } else if (key == "input_uncached_tokens") {
            slot = &uncached;
        }
        if (slot) {
            if (!r.readInt(f, key, *slot)) {
                return false;
            }
            return !(*slot && **slot < 0) || r.fail(QStringLiteral("%1 is negative").arg(fieldName(key)));
        }
        simdjson::ondemand::json_type type;
        if (auto e = f.type().get(type)) {
            return r.failSimdjson(e);
        }
        if (type != simdjson::ondemand::json_type::number) {
            return true; // user_id, organization_id, size, source, ...: not kept
        }
        std::int64_t count = 0;
        if (!r.readCount(f, key, count)) {
            return false;
        }
        b.extra[fieldName(key)] = count; // images, seconds, input_audio_tokens, num_requests, ...
        return true;
    });
    if (!ok) {
        return false;
    }
    const bool completions = object == QLatin1String("organization.usage.completions.result");
    if (completions && (!input || !output || !requests)) {
        return r.fail(QStringLiteral("a completions result lacks input_tokens, output_tokens or num_model_requests"));
    }
    const std::int64_t in = input.value_or(0);
    const std::int64_t read = cached.value_or(0);
    const std::int64_t write = cacheWrite.value_or(0);
    // read + write > in, without the sum: every count is at most INT64_MAX.
    if (read > in || write > in - read) {
        return r.fail(QStringLiteral("a result has more cached input (%1 read, %2 written) than input (%3)")
                          .arg(read)
                          .arg(write)
                          .arg(in));
    }
    b.tokens.cacheRead = read;
    b.tokens.cacheWrite5m = write;
    b.tokens.inputUncached = uncached ? *uncached : in - read - write;
    b.tokens.output = output.value_or(0);
    b.requests = requests.value_or(0);
    return true;
}

} // namespace

QString modelOfLineItem(const QString &lineItem)
{
    const qsizetype comma = lineItem.indexOf(QLatin1String(", "));
    if (comma <= 0) {
        return QString();
    }
    const QString head = lineItem.left(comma).trimmed();
    return head.contains(QLatin1Char(' ')) ? QString() : head;
}

namespace {

// One result of /v1/organization/costs: amount.value is USD, as a number or a string; only "usd" is accepted.
bool readCostResult(JsonReader &r, JsonReader::Value &v, BilledCost &c)
{
    std::optional<std::int64_t> amount;
    QString currency;
    const bool resultOk = r.forEachField(v, [&](std::string_view key, JsonReader::Value &f) {
        if (key == "line_item") {
            return r.readString(f, c.lineItem);
        }
        if (key == "project_id") {
            return r.readString(f, c.project);
        }
        if (key == "api_key_id") {
            return r.readString(f, c.apiKey);
        }
        if (key == "amount") {
            return r.forEachField(f, [&](std::string_view k, JsonReader::Value &a) {
                if (k == "value") {
                    return r.readMoney(a, "amount.value", 0, amount);
                }
                if (k == "currency") {
                    return r.readString(a, currency);
                }
                return true;
            });
        }
        return true; // quantity, quantity_unit, organization_id, ...
    });
    if (!resultOk) {
        return false;
    }
    if (!currency.isEmpty() && currency.compare(QLatin1String("usd"), Qt::CaseInsensitive) != 0) {
        return r.fail(QStringLiteral("a cost is in %1; Burnrate keeps USD only").arg(currency.toUpper()));
    }
    c.amountNano = amount.value_or(0);
    c.model = modelOfLineItem(c.lineItem);
    return true;
}

} // namespace

Result<OpenAiUsagePage> parseOpenAiUsagePage(const QByteArray &body, const QString &width)
{
    return readUsagePage(body, OpenAi, width, readResult);
}

Result<CostPage> parseOpenAiCostsPage(const QByteArray &body)
{
    return readCostPage(body, OpenAi, readCostResult);
}

} // namespace burnrate
