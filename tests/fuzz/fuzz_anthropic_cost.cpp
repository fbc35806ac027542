// A page of Anthropic's /v1/organizations/cost_report through parseAnthropicCostPage; a parsed page is checked.
#include "providerfuzz.h"
#include "providers/anthropicparser.h"

using namespace burnrate;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::quietLogging();
    auto page = parseAnthropicCostPage(fuzz::bytesOf(data, size));
    if (!page) {
        FUZZ_CHECK(!page.error().isEmpty());
        return 0;
    }
    fuzz::checkCostPage(*page, QStringLiteral("anthropic"));
    return 0;
}
