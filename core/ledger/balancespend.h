#ifndef BURNRATE_CORE_LEDGER_BALANCESPEND_H
#define BURNRATE_CORE_LEDGER_BALANCESPEND_H

#include "util/result.h"

#include <QList>
#include <QMap>
#include <QString>

#include <cstdint>
#include <optional>

namespace burnrate {

class Database;

// One reading of a balance or running total (a row of `balances`).
struct BalancePoint
{
    std::int64_t atMs = 0;
    std::optional<std::int64_t> creditNano;
    std::optional<std::int64_t> usedNano;
    std::optional<std::int64_t> usedTodayNano;
    std::optional<std::int64_t> grantedNano;
    std::optional<std::int64_t> toppedUpNano;
};

// The spend a series of readings shows, per UTC day (Julian day numbers), in the series' currency:
//  - with a running total (OpenRouter `usage`): its rise; a fall means another key and counts nothing; the
//    day's own total (`usage_daily`) places the spend on the right side of midnight, and also gives the spend
//    of the first reading's day before it;
//  - with a balance (DeepSeek): its fall, part by part (granted, topped-up) when they are given; a rise is a
//    top-up, never negative spend (and may hide spend made in the same interval: flagged);
//  - spend between two readings on different days is spread over the time between them.
struct BalanceSpend
{
    QString provider;
    QString source;
    QString currency;
    QMap<std::int64_t, std::int64_t> byDay; // Julian day → nano
    QMap<std::int64_t, bool> topUpDays;     // days with a top-up (spend there may be understated)
    std::int64_t coveredFromMs = 0;         // spend is known from here ...
    std::int64_t coveredUntilMs = 0;        // ... to here
    // A fall, a rise or a day's spend did not fit 64 bits: byDay is wrong and must not be used.
    bool overflow = false;
    bool covers(std::int64_t dayStartMs) const { return coveredFromMs <= dayStartMs && coveredUntilMs > dayStartMs; }
};

BalanceSpend spendOfSeries(const QList<BalancePoint> &points, bool runningTotal);

// Every series of the ledger (provider, source, currency), with its spend; fails when a series' spend overflows.
// OpenRouter's account-wide `credits` series is left out when its `key` series exists (the same money, seen twice).
Result<QList<BalanceSpend>> loadBalanceSpends(Database &db);

// The credit left on an account as its newest reading of a series says ("credit left" on the overview).
struct CreditLeft
{
    QString provider;
    QString source;
    QString currency;
    std::int64_t atMs = 0;
    std::int64_t creditNano = 0; // nano-units of `currency`
};

// The newest reading of every series that states a credit (a series whose newest reading has none — a key
// without a limit — is left out), by provider, source and currency. OpenRouter's account-wide `credits` comes
// before its `key` series: the account's credit is what is left to spend.
Result<QList<CreditLeft>> loadCreditsLeft(Database &db);

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_BALANCESPEND_H
