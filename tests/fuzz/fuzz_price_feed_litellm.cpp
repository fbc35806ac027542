// A price update from LiteLLM's model_prices_and_context_window.json: readPriceFeed, the book the feed makes alone, the
// merge into the shipped snapshot and the book it would activate (pricefeedfuzz.h). The target differs from the other
// price feed targets by its seeds.
#include "pricefeedfuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    burnrate::fuzz::priceFeed(data, size);
    return 0;
}
