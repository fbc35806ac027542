// The Claude Code transcript importer, one file: every line through the byte prefilter
// (ClaudeCodeParser::mayCarryUsage) and ClaudeCodeParser::parse, as an import's parser thread reads a session file;
// a request is checked against the ledger's limits, priced, sealed, and kept or dropped against the other copies of
// its key with preferCopy.
#include "importers/claudecodeparser.h"
#include "importers/jsonfields.h"
#include "importers/logdiscovery.h"
#include "importfuzz.h"

#include <QHash>

using namespace burnrate;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::quietLogging();
    // A main session file as LogDiscovery lists it (made-up path: the parser only reads the hints).
    LogFile file;
    file.path = QStringLiteral("/home/dev/.claude/projects/-home-dev-app/0b8f5e52-7f3e-4f6e-9d52-1a2b3c4d5e6f.jsonl");
    file.group = file.path;
    file.conversationHint = QStringLiteral("0b8f5e52-7f3e-4f6e-9d52-1a2b3c4d5e6f");
    file.projectHint = QStringLiteral("-home-dev-app");
    ClaudeCodeParser parser(Billing::Subscription);
    parser.setFile(file);
    ClaudeCodeParser::Parsed parsed;
    fuzz::Accepted accepted;
    QHash<QString, UsageCandidate> kept;
    fuzz::forEachLine(data, size, [&](std::string_view line, std::int64_t) {
        if (json::trimmed(line).empty() || !json::looksLikeObject(line)) {
            return;
        }
        const bool may = ClaudeCodeParser::mayCarryUsage(line);
        FUZZ_CHECK(may == (line.find("\"usage\":") != std::string_view::npos));
        if (!may) {
            return;
        }
        switch (parser.parse(line, parsed)) {
        case ClaudeCodeParser::Outcome::Malformed:
            FUZZ_CHECK(!parsed.reason.isEmpty());
            return;
        case ClaudeCodeParser::Outcome::Skipped:
            return;
        case ClaudeCodeParser::Outcome::Usage:
            break;
        }
        UsageCandidate c = parsed.candidate;
        if (outOfBounds(c.record)) {
            return; // refused with its reason, as the import does
        }
        FUZZ_CHECK(c.record.billing == Billing::Subscription);
        accepted.take(c.record);
        auto it = kept.find(c.record.sourceKey);
        if (it == kept.end()) {
            kept.insert(c.record.sourceKey, std::move(c));
            return;
        }
        const CopyRank mine{c.record, c.flags, c.record.fingerprint()};
        const CopyRank theirs{it->record, it->flags, it->record.fingerprint()};
        // A strict order: never both ways.
        FUZZ_CHECK(!(preferCopy(mine, theirs) && preferCopy(theirs, mine)));
        if (preferCopy(mine, theirs)) {
            *it = std::move(c);
        }
    });
    return 0;
}
