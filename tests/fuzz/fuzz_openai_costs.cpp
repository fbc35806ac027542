// A page of OpenAI's /v1/organization/costs through parseOpenAiCostsPage; a parsed page is checked.
#include "providerfuzz.h"
#include "providers/openaiparser.h"

using namespace burnrate;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::quietLogging();
    auto page = parseOpenAiCostsPage(fuzz::bytesOf(data, size));
    if (!page) {
        FUZZ_CHECK(!page.error().isEmpty());
        return 0;
    }
    fuzz::checkCostPage(*page, QStringLiteral("openai"));
    for (const BilledCost &c : page->costs) {
        FUZZ_CHECK(c.model == modelOfLineItem(c.lineItem));
    }
    return 0;
}
