#ifndef BURNRATE_CORE_PRICING_BASELINECOST_H
#define BURNRATE_CORE_PRICING_BASELINECOST_H

#include "ledger/reportfilter.h"
#include "util/result.h"
#include "util/runerror.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <functional>

namespace burnrate {

class Database;
class Ledger;
class PriceBook;

// What one workflow's API-billed requests cost as recorded, against what the same tokens would have cost on a
// baseline model (docs/architecture.md §6). Only requests priced both ways are compared; the others are counted.
struct BaselineRow
{
    QString key;                         // the workflow, as the workflow report names it
    std::int64_t requests = 0;           // API-billed requests in the range
    std::int64_t comparedRequests = 0;   // priced as recorded and at the baseline
    std::int64_t actualNano = 0;         // the recorded cost of the compared requests
    std::int64_t baselineNano = 0;       // their cost at the baseline model's prices
    std::int64_t unpricedActual = 0;     // requests without a recorded cost
    std::int64_t unpricedAtBaseline = 0; // requests the baseline's prices cannot price (at their time)

    // Positive: switching to the baseline would have saved this much. Fits: BaselineCost::run() fails when a
    // saving, or any sum here, does not fit 64 bits.
    std::int64_t savingNano() const { return actualNano - baselineNano; }
};

struct BaselineReport
{
    QList<BaselineRow> rows; // by workflow key
    BaselineRow total;
};

// Walks the API-billed events of a UTC range and prices each one's token counts with the baseline model's
// prices in force at the request's time and for its service tier (exact pico sums, rounded once per request as
// Pricer does). Subscription usage is not spend and is left out.
class BaselineCost final
{
public:
    // Told the requests' rows priced so far and the rows in all, at the start, every ProgressEvery rows and at
    // the end; returning false stops the walk, and run() fails with an error of kind Cancelled.
    using Progress = std::function<bool(std::int64_t done, std::int64_t total)>;
    static constexpr std::int64_t ProgressEvery = 1000;

    BaselineCost(Ledger &ledger, const PriceBook &book);
    // Over any connection to a ledger file, e.g. a worker thread's own (jobs/baselinejob.h).
    BaselineCost(Database &db, const PriceBook &book);

    void setProgress(Progress progress) { m_progress = std::move(progress); }

    Result<BaselineReport, RunError> run(const QString &baselineProvider, const QString &baselineModel, UtcRange range,
                                         const ReportFilter &filter = {});

private:
    Database &m_db;
    const PriceBook &m_book;
    Progress m_progress;
};

} // namespace burnrate

#endif // BURNRATE_CORE_PRICING_BASELINECOST_H
