#ifndef BURNRATE_CORE_PROVIDERS_BALANCEPARSERS_H
#define BURNRATE_CORE_PROVIDERS_BALANCEPARSERS_H

#include "providers/syncdata.h"
#include "util/result.h"

#include <QByteArray>
#include <QList>

namespace burnrate {

// GET /api/v1/key: the key's running totals (USD) and what is left of its limit.
struct OpenRouterKeyInfo
{
    BalanceSnapshot snapshot; // source "key": used = usage, usedToday = usage_daily, credit = limit_remaining
    bool isManagementKey = false;
    std::optional<std::int64_t> usageWeeklyNano;
    std::optional<std::int64_t> usageMonthlyNano;
};
Result<OpenRouterKeyInfo> parseOpenRouterKey(const QByteArray &body, std::int64_t atMs);

// GET /api/v1/credits: source "credits", credit = total_credits − total_usage, used = total_usage.
Result<BalanceSnapshot> parseOpenRouterCredits(const QByteArray &body, std::int64_t atMs);

// GET /api/v1/activity: one billed row per day, model and endpoint (`usage`, in USD). BYOK usage is billed
// by the upstream provider, not by OpenRouter, so it is kept in the detail, not in the amount.
Result<QList<BilledCost>> parseOpenRouterActivity(const QByteArray &body);

// GET /user/balance (DeepSeek): one snapshot per currency; amounts are decimal strings (numbers accepted).
struct DeepSeekBalance
{
    bool isAvailable = false;
    QList<BalanceSnapshot> snapshots;
};
Result<DeepSeekBalance> parseDeepSeekBalance(const QByteArray &body, std::int64_t atMs);

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_BALANCEPARSERS_H
