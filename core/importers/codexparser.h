#ifndef BURNRATE_CORE_IMPORTERS_CODEXPARSER_H
#define BURNRATE_CORE_IMPORTERS_CODEXPARSER_H

#include "importers/agentlog.h"

#include <QString>

#include <memory>
#include <string_view>

namespace burnrate {

struct LogFile;

// Reads one Codex CLI rollout (docs/agent-logs.md §2), line by line and in order: the model comes from
// turn_context (or the token_count's own info.model), usage from the deltas of the cumulative
// info.total_token_usage, so repeated token_count events count once. Input includes cached input
// and output includes reasoning; the deltas are split into disjoint classes. The conversation is
// the rollout's session id. A request is keyed on its timestamp and cumulative usage, so history
// copied into a forked rollout is recognised as the same request. One parser per thread.
class CodexParser final
{
public:
    enum class Outcome
    {
        Skipped,
        Usage,
        Malformed,
    };

    explicit CodexParser(Billing billing);
    ~CodexParser();
    CodexParser(const CodexParser &) = delete;
    CodexParser &operator=(const CodexParser &) = delete;

    // Starts a file, with the state saved at its checkpoint (empty: from the beginning).
    void setFile(const LogFile &file, const QString &state);
    // The state after the lines parsed so far, for a checkpoint.
    QString state() const;

    static bool mayMatter(std::string_view line)
    {
        return line.find(std::string_view("\"token_count\"")) != std::string_view::npos ||
               line.find(std::string_view("\"turn_context\"")) != std::string_view::npos ||
               line.find(std::string_view("\"session_meta\"")) != std::string_view::npos ||
               line.find(std::string_view("\"thread_settings_applied\"")) != std::string_view::npos;
    }

    // `line` must be followed in memory by SIMDJSON_PADDING readable bytes.
    Outcome parse(std::string_view line, UsageCandidate &out, QString &reason);

private:
    struct State;
    std::unique_ptr<State> d;
};

} // namespace burnrate

#endif // BURNRATE_CORE_IMPORTERS_CODEXPARSER_H
