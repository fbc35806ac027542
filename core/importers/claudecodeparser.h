#ifndef BURNRATE_CORE_IMPORTERS_CLAUDECODEPARSER_H
#define BURNRATE_CORE_IMPORTERS_CLAUDECODEPARSER_H

#include "importers/agentlog.h"

#include <QString>

#include <memory>
#include <string>
#include <string_view>

namespace burnrate {

struct LogFile;

// Turns one line of a Claude Code transcript into a request (docs/agent-logs.md §1): an assistant line
// with message.usage, or an agent_progress line that embeds a subagent's assistant message.
// Keyed on (message.id, requestId), message.id alone when requestId is missing; conversation = the
// session file's UUID (subagent files: their session's); project = cwd. One parser per thread.
class ClaudeCodeParser final
{
public:
    enum class Outcome
    {
        Skipped,   // no usage here, or usage that is not a request (<synthetic>, all zero)
        Usage,     // `candidate` holds the request
        Malformed, // `reason` says why
    };
    struct Parsed
    {
        UsageCandidate candidate;
        QString reason;
        std::string messageId;
        bool sidechain = false;
        std::string embedAgentId; // set for an agent_progress copy of a subagent's message
    };

    explicit ClaudeCodeParser(Billing billing);
    ~ClaudeCodeParser();
    ClaudeCodeParser(const ClaudeCodeParser &) = delete;
    ClaudeCodeParser &operator=(const ClaudeCodeParser &) = delete;

    void setFile(const LogFile &file);

    // The byte prefilter: only lines holding a "usage" member are parsed.
    static bool mayCarryUsage(std::string_view line);

    // `line` must be followed in memory by SIMDJSON_PADDING readable bytes. The candidate is not
    // sealed: the caller prices it, then seals it.
    Outcome parse(std::string_view line, Parsed &out);

private:
    struct State;
    std::unique_ptr<State> d;
};

} // namespace burnrate

#endif // BURNRATE_CORE_IMPORTERS_CLAUDECODEPARSER_H
