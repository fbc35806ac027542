#include "providers/anthropicparser.h"

#include <QMap>

namespace burnrate {

namespace {

const QString Anthropic = QStringLiteral("anthropic");

bool readUsageResult(JsonReader &r, JsonReader::Value &v, UsageBucket &b)
{
    bool sawUncached = false;
    bool sawOutput = false;
    return r.forEachField(v,
                          [&](std::string_view key, JsonReader::Value &f) {
                              if (key == "model") {
                                  return r.readString(f, b.model);
                              }
                              if (key == "api_key_id") {
                                  return r.readString(f, b.apiKey);
                              }
                              if (key == "workspace_id") {
                                  return r.readString(f, b.workspace);
                              }
                              if (key == "service_tier") {
                                  QString tier;
                                  if (!r.readString(f, tier)) {
                                      return false;
                                  }
                                  b.serviceTier = tier;
                                  b.batch = tier == QLatin1String("batch");
                                  return true;
                              }
                              if (key == "context_window") {
                                  return r.readString(f, b.contextWindow);
                              }
                              if (key == "uncached_input_tokens") {
                                  sawUncached = true;
                                  return r.readCount(f, key, b.tokens.inputUncached);
                              }
                              if (key == "cache_read_input_tokens") {
                                  return r.readCount(f, key, b.tokens.cacheRead);
                              }
                              if (key == "output_tokens") {
                                  sawOutput = true;
                                  return r.readCount(f, key, b.tokens.output);
                              }
                              if (key == "cache_creation" || key == "server_tool_use") {
                                  bool isNull = false;
                                  if (f.is_null().get(isNull) == simdjson::SUCCESS && isNull) {
                                      return true;
                                  }
                                  return r.forEachField(f, [&](std::string_view k, JsonReader::Value &c) {
                                      if (k == "ephemeral_5m_input_tokens") {
                                          return r.readCount(c, k, b.tokens.cacheWrite5m);
                                      }
                                      if (k == "ephemeral_1h_input_tokens") {
                                          return r.readCount(c, k, b.tokens.cacheWrite1h);
                                      }
                                      if (k == "web_search_requests") {
                                          return r.readCount(c, k, b.webSearches);
                                      }
                                      return true;
                                  });
                              }
                              return true; // inference_geo, account_id, speed, ...: not kept
                          }) &&
           ((sawUncached && sawOutput) ||
            r.fail(QStringLiteral("a usage result lacks uncached_input_tokens or output_tokens")));
}

bool readCostResult(JsonReader &r, JsonReader::Value &v, BilledCost &c)
{
    std::optional<std::int64_t> amount;
    QString currency;
    QMap<QString, QString> detail;
    const bool ok = r.forEachField(v, [&](std::string_view key, JsonReader::Value &f) {
        if (key == "amount") {
            return r.readMoney(f, key, -2, amount);
        }
        if (key == "currency") {
            return r.readString(f, currency);
        }
        if (key == "description") {
            return r.readString(f, c.lineItem);
        }
        if (key == "model") {
            return r.readString(f, c.model);
        }
        if (key == "workspace_id") {
            return r.readString(f, c.project);
        }
        if (key == "cost_type" || key == "token_type" || key == "service_tier" || key == "context_window" ||
            key == "inference_geo") {
            QString value;
            if (!r.readString(f, value)) {
                return false;
            }
            if (!value.isEmpty()) {
                detail.insert(fieldName(key), value);
            }
        }
        return true;
    });
    if (!ok) {
        return false;
    }
    if (!amount) {
        return r.fail(QStringLiteral("a cost result has no amount"));
    }
    if (!currency.isEmpty() && currency.compare(QLatin1String("USD"), Qt::CaseInsensitive) != 0) {
        return r.fail(QStringLiteral("a cost is in %1; Burnrate keeps USD only").arg(currency.toUpper()));
    }
    c.amountNano = *amount;
    QStringList parts;
    for (auto it = detail.cbegin(); it != detail.cend(); ++it) {
        parts << it.key() + QLatin1Char('=') + it.value();
    }
    c.detail = parts.join(QLatin1Char(';'));
    return true;
}

} // namespace

Result<AnthropicUsagePage> parseAnthropicUsagePage(const QByteArray &body, const QString &width)
{
    return readUsagePage(body, Anthropic, width, readUsageResult);
}

Result<CostPage> parseAnthropicCostPage(const QByteArray &body)
{
    return readCostPage(body, Anthropic, readCostResult);
}

} // namespace burnrate
