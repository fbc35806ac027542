// The event envelope importer's CSV path (EventImporter, format csv): the first line that is not blank through
// EnvelopeParser::setCsvHeader, every later one through parseCsvLine, as one file is read; an accepted envelope is
// checked against the ledger's limits, priced, sealed and added to the rollup changes.
#include "importers/envelopeparser.h"
#include "importfuzz.h"

using namespace burnrate;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::quietLogging();
    EnvelopeParser parser(QStringLiteral("fuzz"));
    fuzz::Accepted accepted;
    bool headerSeen = false;
    bool headerRefused = false;
    fuzz::forEachLine(data, size, [&](std::string_view line, std::int64_t) {
        if (headerRefused || line.find_first_not_of(" \t\r") == std::string_view::npos) {
            return; // a refused header ends the file; blank lines are skipped
        }
        if (!headerSeen) {
            headerSeen = true;
            const auto st = parser.setCsvHeader(line);
            headerRefused = !st;
            FUZZ_CHECK(st || !st.error().isEmpty());
            return;
        }
        auto event = parser.parseCsvLine(line);
        if (event) {
            FUZZ_CHECK(event->tokens.reasoning <= event->tokens.output);
            accepted.take(event.value());
        } else {
            FUZZ_CHECK(!event.error().isEmpty());
        }
    });
    return 0;
}
