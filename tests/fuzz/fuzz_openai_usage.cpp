// A page of OpenAI's /v1/organization/usage/<kind> through parseOpenAiUsagePage, at the widths sync asks for; a
// parsed page is checked and its rows summed by key as the sync store does.
#include "providerfuzz.h"
#include "providers/openaiparser.h"

using namespace burnrate;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::quietLogging();
    const QByteArray body = fuzz::bytesOf(data, size);
    for (const QString &width : {QStringLiteral("1d"), QStringLiteral("1h")}) {
        auto page = parseOpenAiUsagePage(body, width);
        if (!page) {
            FUZZ_CHECK(!page.error().isEmpty());
            return 0;
        }
        fuzz::checkUsagePage(*page, QStringLiteral("openai"), width);
    }
    return 0;
}
