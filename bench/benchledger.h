#ifndef BURNRATE_BENCH_BENCHLEDGER_H
#define BURNRATE_BENCH_BENCHLEDGER_H

#include <QtGlobal>

namespace burnrate {

class Ledger;

// The benchmarks' ledger: `count` API-billed events spread evenly over [startMs, startMs + spanMs),
// four providers, eight models, four workflow types and two team tags, in transactions of 200,000. The same
// seed every time, so the same ledger.
void fillBenchLedger(Ledger &ledger, qint64 count, qint64 startMs, qint64 spanMs);

// Four budgets: global monthly, provider:anthropic weekly, workflow:code_review monthly, tag:team=search monthly.
void addBenchBudgets(Ledger &ledger, qint64 nowMs);

} // namespace burnrate

#endif // BURNRATE_BENCH_BENCHLEDGER_H
