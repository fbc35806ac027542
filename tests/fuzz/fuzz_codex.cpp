// The Codex rollout importer, one file: every line through CodexParser::mayMatter and CodexParser::parse, in order,
// as an import's parser thread reads a rollout; a request is checked against the ledger's limits, priced and sealed.
// The parser's checkpoint state is taken after every line and must survive a round trip (an import that stops there
// resumes from it).
#include "importers/codexparser.h"
#include "importers/jsonfields.h"
#include "importers/logdiscovery.h"
#include "importfuzz.h"

using namespace burnrate;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::quietLogging();
    // A rollout as LogDiscovery lists it (made-up path: the parser only reads the hints).
    LogFile file;
    file.path = QStringLiteral(
        "/home/dev/.codex/sessions/2026/02/23/rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl");
    file.group = file.path;
    file.conversationHint = QStringLiteral("019c8bfe-ec25-79e0-97d7-bda6a9c575ff");
    CodexParser parser(Billing::Api);
    parser.setFile(file, QString());
    CodexParser resumed(Billing::Api);
    fuzz::Accepted accepted;
    fuzz::forEachLine(data, size, [&](std::string_view line, std::int64_t) {
        if (json::trimmed(line).empty() || !json::looksLikeObject(line) || !CodexParser::mayMatter(line)) {
            return;
        }
        UsageCandidate c;
        QString reason;
        switch (parser.parse(line, c, reason)) {
        case CodexParser::Outcome::Malformed:
            FUZZ_CHECK(!reason.isEmpty());
            break;
        case CodexParser::Outcome::Skipped:
            break;
        case CodexParser::Outcome::Usage:
            if (!outOfBounds(c.record)) {
                FUZZ_CHECK(c.record.tokens.reasoning <= c.record.tokens.output);
                accepted.take(c.record);
            }
            break;
        }
        const QString state = parser.state();
        resumed.setFile(file, state);
        FUZZ_CHECK(resumed.state() == state);
    });
    return 0;
}
