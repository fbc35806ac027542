#ifndef BURNRATE_CORE_LEDGER_SPENDFACTS_H
#define BURNRATE_CORE_LEDGER_SPENDFACTS_H

#include "ledger/eventrecord.h"
#include "ledger/spendrule.h"
#include "util/checkedsum.h"
#include "util/result.h"

#include <QHash>
#include <QList>
#include <QString>

#include <cstdint>
#include <utility>
#include <vector>

namespace burnrate {

class Ledger;

// A piece of spend or usage on one local day, marked with the source the spend rule chose for its
// provider-day. Rollup rows of local events, usage buckets, billed costs and balance falls all become facts;
// the report groups them by whatever it is asked for.
struct SpendFact
{
    std::int64_t localDay = 0; // Julian day in the ledger's zone
    QString provider;
    QString model;
    QString source;     // local source name, or "<provider>:usage|costs|activity|balance"
    QString provenance; // billed | estimated | balance | local | subscription
    std::int64_t requests = 0;
    TokenCounts tokens;
    std::int64_t costNano = 0;
    std::int64_t unpricedRequests = 0;
    std::int64_t unpricedTokens = 0;
};

// Collects the facts of a range of local days under the spend rule. UTC-day amounts (billed costs, balance
// falls) are spread over the local days their UTC day touches, in proportion to that day's hourly usage
// estimate, or evenly when there is none; usage buckets in proportion to time. Totals over whole ranges stay
// exact to the nano. A sum of the weights that does not fit 64 bits fails the collection.
class SpendFacts final
{
public:
    SpendFacts(Ledger &ledger, const SpendRule &rule);

    // Local days [sinceDay, untilDay], Julian; unbounded ends are allowed.
    Result<QList<SpendFact>> collect(std::int64_t sinceDay, std::int64_t untilDay);

private:
    using Split = std::vector<std::pair<std::int64_t, std::int64_t>>; // (local day, weight)

    Status fromRollups(QList<SpendFact> &out);
    Status fromUsage(QList<SpendFact> &out);
    Status fromBilled(QList<SpendFact> &out);
    void fromBalances(QList<SpendFact> &out);
    Status loadHourlyWeights();

    // [fromMs, untilMs) by local day, weighted by time.
    Split localSplit(std::int64_t fromMs, std::int64_t untilMs);
    // A UTC day of `provider` by local day, weighted by its hourly usage.
    const Split &daySplit(const QString &provider, std::int64_t utcDay);
    // Adds `fact` spread by `split`, keeping only days in range.
    void place(QList<SpendFact> &out, const SpendFact &fact, const Split &split);

    Ledger &m_ledger;
    const SpendRule &m_rule;
    std::int64_t m_sinceDay = 0;
    std::int64_t m_untilDay = 0;
    std::int64_t m_fromUtcMs = 0;
    std::int64_t m_untilUtcMs = 0;
    QHash<QString, std::vector<std::pair<std::int64_t, std::int64_t>>> m_hourly; // provider\x1f day → (hour, tokens)
    QHash<QString, Split> m_daySplits;
    SumCheck m_sums; // the sums of hourly weights
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_SPENDFACTS_H
