#include "importers/agentlog.h"

namespace burnrate {

QString agentLogSourceName(AgentLogSource source)
{
    return source == AgentLogSource::ClaudeCode ? QStringLiteral("claude-code") : QStringLiteral("codex");
}

QString agentLogProvider(AgentLogSource source)
{
    return source == AgentLogSource::ClaudeCode ? QStringLiteral("anthropic") : QStringLiteral("openai");
}

std::optional<AgentLogSource> agentLogSourceFromName(const QString &name)
{
    if (name == QLatin1String("claude-code")) {
        return AgentLogSource::ClaudeCode;
    }
    if (name == QLatin1String("codex")) {
        return AgentLogSource::Codex;
    }
    return std::nullopt;
}

bool preferCopy(const CopyRank &ra, const CopyRank &rb)
{
    const EventRecord &a = ra.event;
    const EventRecord &b = rb.event;
    const std::uint8_t flagsA = ra.flags;
    const std::uint8_t flagsB = rb.flags;
    const auto has = [](std::uint8_t flags, dedupe::Flag f) {
        return (flags & f) != 0;
    };
    if (has(flagsA, dedupe::MainChain) != has(flagsB, dedupe::MainChain)) {
        return has(flagsA, dedupe::MainChain);
    }
    if (a.tokens.total() != b.tokens.total()) {
        return a.tokens.total() > b.tokens.total();
    }
    if (a.tokens.output != b.tokens.output) {
        return a.tokens.output > b.tokens.output;
    }
    for (const dedupe::Flag f : {dedupe::Direct, dedupe::Native}) {
        if (has(flagsA, f) != has(flagsB, f)) {
            return has(flagsA, f);
        }
    }
    if (a.occurredAtMs != b.occurredAtMs) {
        return a.occurredAtMs < b.occurredAtMs; // the first of equal content-block lines
    }
    if (a.conversationId != b.conversationId) {
        return a.conversationId < b.conversationId;
    }
    return ra.fingerprint < rb.fingerprint;
}

} // namespace burnrate
