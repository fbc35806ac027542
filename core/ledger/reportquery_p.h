#ifndef BURNRATE_CORE_LEDGER_REPORTQUERY_P_H
#define BURNRATE_CORE_LEDGER_REPORTQUERY_P_H

#include "ledger/reportquery.h"

#include <string_view>

namespace burnrate {

class Statement;

// Pieces ReportQuery's readers share across reportquery.cpp (time, provider, model and source views) and
// reportattribution.cpp (conversation, project and workflow views).
namespace reportdetail {

// "subscription" for subscription usage, else "local".
QString provenanceOf(std::string_view billing);
// The ten aggregate columns readAggregates() reads, summed with checked_sum() (ledger/database.h) over rows that have
// the rollups' column names: a total beyond 64 bits fails the query with its name.
QString aggregateSumsSql();
// Reads the ten aggregate columns (requests, six token kinds, cost, unpriced requests and tokens) from `c` on.
void readAggregates(const Statement &s, int c, ReportRow &row);

} // namespace reportdetail
} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_REPORTQUERY_P_H
