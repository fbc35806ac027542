// The event envelope importer's JSON Lines path (EventImporter, format jsonl): every line of the input through one
// EnvelopeParser::parseJsonLine, as one file is read; an accepted envelope is checked against the ledger's limits,
// priced, sealed and added to the rollup changes.
#include "importers/envelopeparser.h"
#include "importfuzz.h"

using namespace burnrate;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::quietLogging();
    EnvelopeParser parser(QStringLiteral("fuzz"));
    fuzz::Accepted accepted;
    fuzz::forEachLine(data, size, [&](std::string_view line, std::int64_t) {
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            return; // blank lines are skipped before parsing
        }
        auto event = parser.parseJsonLine(line);
        if (event) {
            FUZZ_CHECK(event->source == QLatin1String("fuzz"));
            FUZZ_CHECK(event->tokens.reasoning <= event->tokens.output);
            accepted.take(event.value());
        } else {
            FUZZ_CHECK(!event.error().isEmpty());
        }
    });
    return 0;
}
