#ifndef BURNRATE_CORE_LEDGER_RECONCILEQUERY_H
#define BURNRATE_CORE_LEDGER_RECONCILEQUERY_H

#include "util/clock.h"
#include "util/result.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace burnrate {

class Ledger;

// Billed against estimated for one provider and UTC day.
struct ReconcileRow
{
    QDate day; // UTC
    QString provider;
    std::optional<std::int64_t> billedNano;    // the cost API's amount, when it holds the day
    std::optional<std::int64_t> estimatedNano; // the usage API's priced tokens, when it covers the day
    std::int64_t unpricedTokens = 0;           // tokens of the estimate without a price
    bool closed = false;                       // the billed amount is final
    QString counted;                           // the source the spend rule counts for the day
    // (estimated − billed) ÷ billed, in percent; only when both exist, billed is not zero and all is priced.
    std::optional<double> driftPercent() const;
};

struct Reconcile
{
    std::optional<QDate> since; // UTC days, inclusive
    std::optional<QDate> until;
    QList<ReconcileRow> rows; // by day, then provider
};

// Answers `burnrate report --reconcile`: every provider-day that has a billed amount or a usage estimate.
class ReconcileQuery final
{
public:
    ReconcileQuery(Ledger &ledger, const Clock &clock);
    Result<Reconcile> run(std::optional<QDate> since, std::optional<QDate> until);

private:
    Ledger &m_ledger;
    const Clock &m_clock;
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_RECONCILEQUERY_H
