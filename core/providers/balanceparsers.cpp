#include "providers/balanceparsers.h"

#include "money/money.h"
#include "providers/jsonreader.h"

#include <QtNumeric>

namespace burnrate {

namespace {

const QString OpenRouter = QStringLiteral("openrouter");

// Calls `fn` for the fields of the top-level "data" object.
bool forEachDataField(JsonReader &r, const JsonReader::FieldFn &fn)
{
    bool sawData = false;
    const bool ok = r.forEachRootField([&](std::string_view key, JsonReader::Value &v) {
        if (key != "data") {
            return true;
        }
        sawData = true;
        return r.forEachField(v, fn);
    });
    return ok && (sawData || r.fail(QStringLiteral("the answer has no \"data\" object")));
}

} // namespace

Result<OpenRouterKeyInfo> parseOpenRouterKey(const QByteArray &body, std::int64_t atMs)
{
    OpenRouterKeyInfo info;
    BalanceSnapshot &s = info.snapshot;
    s.provider = OpenRouter;
    s.source = QStringLiteral("key");
    s.currency = QStringLiteral("USD");
    s.atMs = atMs;
    JsonReader r(body);
    bool sawUsage = false;
    const bool ok = forEachDataField(r, [&](std::string_view key, JsonReader::Value &v) {
        if (key == "usage") {
            sawUsage = true;
            return r.readMoney(v, key, 0, s.usedNano);
        }
        if (key == "usage_daily") {
            return r.readMoney(v, key, 0, s.usedTodayNano);
        }
        if (key == "usage_weekly") {
            return r.readMoney(v, key, 0, info.usageWeeklyNano);
        }
        if (key == "usage_monthly") {
            return r.readMoney(v, key, 0, info.usageMonthlyNano);
        }
        if (key == "limit_remaining") {
            return r.readMoney(v, key, 0, s.creditNano);
        }
        if (key == "is_management_key") {
            std::optional<bool> b;
            if (!r.readBool(v, b)) {
                return false;
            }
            info.isManagementKey = b.value_or(false);
        }
        return true; // label (part of the key: never kept), limit, byok_*, rate_limit, ...
    });
    if (!ok) {
        return Result<OpenRouterKeyInfo>::failure(r.error());
    }
    if (!sawUsage) {
        return Result<OpenRouterKeyInfo>::failure(QStringLiteral("the key information has no usage"));
    }
    return info;
}

Result<BalanceSnapshot> parseOpenRouterCredits(const QByteArray &body, std::int64_t atMs)
{
    BalanceSnapshot s;
    s.provider = OpenRouter;
    s.source = QStringLiteral("credits");
    s.currency = QStringLiteral("USD");
    s.atMs = atMs;
    std::optional<std::int64_t> total;
    JsonReader r(body);
    const bool ok = forEachDataField(r, [&](std::string_view key, JsonReader::Value &v) {
        if (key == "total_credits") {
            return r.readMoney(v, key, 0, total);
        }
        if (key == "total_usage") {
            return r.readMoney(v, key, 0, s.usedNano);
        }
        return true;
    });
    if (!ok) {
        return Result<BalanceSnapshot>::failure(r.error());
    }
    if (!total || !s.usedNano) {
        return Result<BalanceSnapshot>::failure(QStringLiteral("the credits lack total_credits or total_usage"));
    }
    std::int64_t credit = 0;
    if (qSubOverflow(*total, *s.usedNano, &credit)) {
        return Result<BalanceSnapshot>::failure(
            QStringLiteral("the credits are out of range (total_credits %1, total_usage %2)")
                .arg(Money::fromNano(*total).toDecimalString(), Money::fromNano(*s.usedNano).toDecimalString()));
    }
    s.creditNano = credit;
    return s;
}

Result<QList<BilledCost>> parseOpenRouterActivity(const QByteArray &body)
{
    QList<BilledCost> out;
    JsonReader r(body);
    bool sawData = false;
    const bool ok = r.forEachRootField([&](std::string_view key, JsonReader::Value &v) {
        if (key != "data") {
            return true;
        }
        sawData = true;
        return r.forEachElement(v, [&](JsonReader::Value &item) {
            BilledCost c;
            c.provider = OpenRouter;
            QString date;
            QString endpoint;
            QString byok;
            std::optional<std::int64_t> usage;
            const bool itemOk = r.forEachField(item, [&](std::string_view k, JsonReader::Value &f) {
                if (k == "date") {
                    return r.readString(f, date);
                }
                if (k == "model") {
                    return r.readString(f, c.model);
                }
                if (k == "provider_name") {
                    return r.readString(f, c.lineItem);
                }
                if (k == "endpoint_id") {
                    return r.readString(f, endpoint);
                }
                if (k == "workspace_id") {
                    return r.readString(f, c.project);
                }
                if (k == "usage") {
                    return r.readMoney(f, k, 0, usage);
                }
                if (k == "byok_usage_inference") {
                    std::optional<std::int64_t> nano;
                    if (!r.readMoney(f, k, 0, nano)) {
                        return false;
                    }
                    byok = nano && *nano != 0 ? QString::number(*nano) : QString();
                }
                return true; // tokens and requests: OpenRouter's activity is kept as billed spend only
            });
            if (!itemOk) {
                return false;
            }
            c.day = QDate::fromString(date.left(10), Qt::ISODate);
            if (!c.day.isValid()) {
                return r.fail(QStringLiteral("an activity item has no valid date (\"%1\")").arg(date));
            }
            if (!usage) {
                return r.fail(QStringLiteral("an activity item has no usage amount"));
            }
            c.amountNano = *usage;
            QStringList detail;
            if (!byok.isEmpty()) {
                detail << QStringLiteral("byok_nano=") + byok;
            }
            if (!endpoint.isEmpty()) {
                detail << QStringLiteral("endpoint_id=") + endpoint;
            }
            c.detail = detail.join(QLatin1Char(';'));
            out.append(std::move(c));
            return true;
        });
    });
    if (!ok) {
        return Result<QList<BilledCost>>::failure(r.error());
    }
    if (!sawData) {
        return Result<QList<BilledCost>>::failure(QStringLiteral("the answer has no \"data\" list"));
    }
    return out;
}

Result<DeepSeekBalance> parseDeepSeekBalance(const QByteArray &body, std::int64_t atMs)
{
    DeepSeekBalance out;
    JsonReader r(body);
    bool sawInfos = false;
    const bool ok = r.forEachRootField([&](std::string_view key, JsonReader::Value &v) {
        if (key == "is_available") {
            std::optional<bool> b;
            if (!r.readBool(v, b)) {
                return false;
            }
            out.isAvailable = b.value_or(false);
            return true;
        }
        if (key != "balance_infos") {
            return true;
        }
        sawInfos = true;
        return r.forEachElement(v, [&](JsonReader::Value &info) {
            BalanceSnapshot s;
            s.provider = QStringLiteral("deepseek");
            s.source = QStringLiteral("user/balance");
            s.atMs = atMs;
            const bool infoOk = r.forEachField(info, [&](std::string_view k, JsonReader::Value &f) {
                if (k == "currency") {
                    return r.readString(f, s.currency);
                }
                if (k == "total_balance") {
                    return r.readMoney(f, k, 0, s.creditNano);
                }
                if (k == "granted_balance") {
                    return r.readMoney(f, k, 0, s.grantedNano);
                }
                if (k == "topped_up_balance") {
                    return r.readMoney(f, k, 0, s.toppedUpNano);
                }
                return true;
            });
            if (!infoOk) {
                return false;
            }
            s.currency = s.currency.trimmed().toUpper();
            if (s.currency.isEmpty() || !s.creditNano) {
                return r.fail(QStringLiteral("a balance lacks its currency or total_balance"));
            }
            out.snapshots.append(s);
            return true;
        });
    });
    if (!ok) {
        return Result<DeepSeekBalance>::failure(r.error());
    }
    if (!sawInfos) {
        return Result<DeepSeekBalance>::failure(QStringLiteral("the answer has no balance_infos"));
    }
    return out;
}

} // namespace burnrate
