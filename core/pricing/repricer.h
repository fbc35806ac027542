#ifndef BURNRATE_CORE_PRICING_REPRICER_H
#define BURNRATE_CORE_PRICING_REPRICER_H

#include "util/checkedsum.h"
#include "util/result.h"
#include "util/runerror.h"

#include <QDate>
#include <QList>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>

namespace burnrate {

class Ledger;
class PriceBook;

// Which stored events to re-price: local dates of the ledger's calendar, both inclusive; none = no bound.
struct RepriceRange
{
    std::optional<QDate> since;
    std::optional<QDate> until;
};

// Before and after, for one (model, provider) or the total. Money in nano-USD.
struct RepriceFigures
{
    std::int64_t events = 0;
    std::int64_t changed = 0; // cost or price_ref differs
    std::int64_t beforeNano = 0;
    std::int64_t afterNano = 0;
    std::int64_t unpricedBefore = 0;
    std::int64_t unpricedAfter = 0;

    // Fits: Repricer::run() fails when a difference, or any sum here, does not fit 64 bits.
    std::int64_t differenceNano() const { return afterNano - beforeNano; }
    // Adds `o` figure by figure; an overflow is noted in `sums`.
    void add(const RepriceFigures &o, SumCheck &sums);
};

struct RepriceRow
{
    QString model;
    QString provider;
    RepriceFigures figures;
};

struct RepriceOutcome
{
    QString bookId;
    QList<RepriceRow> rows; // by model, then provider
    RepriceFigures total;
    bool written = false; // false for a dry run
};

// Why a run gave no outcome. Nothing was changed either way.
// Kind::Cancelled: the progress callback asked to stop, and nothing was changed.
using RepriceError = RunError;

using RepriceResult = Result<RepriceOutcome, RepriceError>;

// Re-prices the stored events of a range with one price book (`burnrate reprice`, Settings › Pricing): every
// event is priced again, and those whose cost or price_ref changes are rewritten with their rollups. Never implicit.
// The writes commit in chunks of a few thousand events, so that imports and syncs are not kept waiting; the
// run stays all-or-nothing through an undo journal in the ledger (the cost and price_ref each changed event had):
// cancelling (the progress callback answers false) or a failure puts everything back, and so does the next open
// after a killed run (recoverInterrupted()). One run per data folder at a time (a lock file beside the ledger).
class Repricer final
{
public:
    // (events done, events in the range); return false to cancel.
    using Progress = std::function<bool(std::int64_t done, std::int64_t total)>;

    Repricer(Ledger &ledger, const PriceBook &book);

    // What run() fails with when the progress callback stops it.
    static RepriceError cancelledError()
    {
        return RepriceError::cancelled(QStringLiteral("cancelled; nothing was changed"));
    }

    void setProgress(Progress progress) { m_progress = std::move(progress); }

    // Prices the range and, unless `dryRun`, writes the changes. After an error or a cancel (told apart by the
    // error's kind) nothing was changed. A figure that does not fit 64 bits is an error (util/checkedsum.h).
    RepriceResult run(const RepriceRange &range, bool dryRun);

    // Puts back what a re-pricing that was killed (or whose undo failed) changed, unless it still runs in another
    // process. The CLI and the app call it when they open the ledger.
    static Status recoverInterrupted(Ledger &ledger);

private:
    RepriceResult reprice(const RepriceRange &range, bool dryRun);
    // recoverInterrupted() for a run that holds the run lock.
    Status recoverLocked();

    Ledger &m_ledger;
    const PriceBook &m_book;
    Progress m_progress;
};

} // namespace burnrate

#endif // BURNRATE_CORE_PRICING_REPRICER_H
