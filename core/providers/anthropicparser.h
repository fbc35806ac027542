#ifndef BURNRATE_CORE_PROVIDERS_ANTHROPICPARSER_H
#define BURNRATE_CORE_PROVIDERS_ANTHROPICPARSER_H

#include "providers/openaiparser.h"

namespace burnrate {

using AnthropicUsagePage = UsagePage;

// A page of /v1/organizations/usage_report/messages. The four input classes are disjoint
// (uncached, cache read, 5 m and 1 h cache writes); web searches are counted apart. The report
// has no request count.
Result<AnthropicUsagePage> parseAnthropicUsagePage(const QByteArray &body, const QString &width);

// A page of /v1/organizations/cost_report. `amount` is a decimal string in cents (number accepted);
// workspace_id goes to `project`, description to `lineItem`, the other groups to `detail`.
Result<CostPage> parseAnthropicCostPage(const QByteArray &body);

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_ANTHROPICPARSER_H
