#ifndef BURNRATE_CORE_IMPORTERS_AGENTLOG_H
#define BURNRATE_CORE_IMPORTERS_AGENTLOG_H

#include "ledger/eventrecord.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace burnrate {

// The local logs of coding agents that Burnrate imports (docs/agent-logs.md).
enum class AgentLogSource
{
    ClaudeCode,
    Codex
};

QString agentLogSourceName(AgentLogSource source); // "claude-code", "codex"
QString agentLogProvider(AgentLogSource source);   // "anthropic", "openai"
std::optional<AgentLogSource> agentLogSourceFromName(const QString &name);

// How much one copy of a request is preferred when the same request appears more than once (content
// blocks of one response, copies across sessions, sidechain replays, agent_progress embeds).
namespace dedupe {
enum Flag : std::uint8_t
{
    Native = 1,   // written by the conversation it is filed under (not a copy from another session)
    Direct = 2,   // a line of its own, not an agent_progress copy inside another line
    MainChain = 4 // not a sidechain (subagent) line
};
} // namespace dedupe

// One parsed request ready for the ledger: a sealed record and its dedupe flags.
struct UsageCandidate
{
    EventRecord record;
    std::uint8_t flags = 0;
};

// The dedupe rule, a strict order over the copies of one request (so that the copy kept does not
// depend on the order files are read in): the main-chain copy first, then the largest usage (Claude
// Code writes partial output counts on early content-block lines), then a direct line, then the
// conversation that wrote it, then the earlier line, then the smaller conversation id, then the
// smaller fingerprint.
struct CopyRank
{
    const EventRecord &event; // tokens and conversation are compared
    std::uint8_t flags = 0;
    std::uint64_t fingerprint = 0;
};
bool preferCopy(const CopyRank &a, const CopyRank &b);

} // namespace burnrate

#endif // BURNRATE_CORE_IMPORTERS_AGENTLOG_H
