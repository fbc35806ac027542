#ifndef BURNRATE_CORE_LEDGER_SPENDRULE_H
#define BURNRATE_CORE_LEDGER_SPENDRULE_H

#include "ledger/balancespend.h"
#include "util/result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <utility>
#include <vector>

namespace burnrate {

class Database;

// docs/architecture.md §2, per provider and UTC day: the billed amount when the cost API has the day and the day is
// closed (24 hours after it ends; the day was fetched again after that); else the usage-API estimate when the usage API
// covers the day; else the spend a USD balance shows; else local events (API-billed ones only). Exactly one source
// answers for each provider-day. Tokens and requests come from the usage API when it covers the day, else from local
// events.
class SpendRule final
{
public:
    enum class Source
    {
        Billed,
        Estimated,
        Balance,
        Local
    };
    static QString sourceName(Source s);

    // Reads sync_coverage and the balances.
    static Result<SpendRule> load(Database &db, std::int64_t nowMs);

    Source spendSource(const QString &provider, std::int64_t utcDay) const;
    bool usageFromApi(const QString &provider, std::int64_t utcDay) const;
    // Whether the cost API holds the day at all, closed or not (for reconciliation).
    bool billedCovers(const QString &provider, std::int64_t utcDay) const;
    bool isClosed(std::int64_t utcDay) const;
    // Any provider-day answered by an API at all: when false, reports are the local rollups alone.
    bool hasApiData() const { return !m_billed.isEmpty() || !m_usage.isEmpty() || !m_balanceUsd.isEmpty(); }
    QStringList apiProviders() const;

    const QList<BalanceSpend> &balances() const { return m_balances; }
    std::int64_t nowMs() const { return m_nowMs; }

    static std::int64_t dayStartMs(std::int64_t utcDay);
    static std::int64_t utcDayOf(std::int64_t ms);

    // Which kind of data an endpoint's coverage stands for.
    static bool isBilledEndpoint(const QString &provider, const QString &endpoint);
    static bool isUsageEndpoint(const QString &provider, const QString &endpoint);

private:
    using Intervals = std::vector<std::pair<std::int64_t, std::int64_t>>; // [from, until), sorted
    static bool coversFromMidnight(const Intervals &iv, std::int64_t dayStart, std::int64_t needUntil);

    std::int64_t m_nowMs = 0;
    QHash<QString, Intervals> m_billed;
    QHash<QString, Intervals> m_usage;
    QHash<QString, QList<qsizetype>> m_balanceUsd; // provider → indexes into m_balances
    QList<BalanceSpend> m_balances;
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_SPENDRULE_H
