#ifndef BURNRATE_CORE_IMPORTERS_LOGDISCOVERY_H
#define BURNRATE_CORE_IMPORTERS_LOGDISCOVERY_H

#include "importers/agentlog.h"
#include "util/positionalfile.h"
#include "util/result.h"

#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace burnrate {

// One log file found under a root, with what its path says about it.
struct LogFile
{
    QString path; // absolute, symlinks resolved
    FileStat stat;
    // The files of one conversation (a Claude Code session and its subagents/ files) share a group.
    QString group;
    // From the path: the session UUID (Claude Code: the file name, or the session folder of a
    // subagent file; Codex: the UUID that ends the rollout name). Empty when the path says nothing.
    QString conversationHint;
    // Claude Code: the (encoded) project folder the session sits in, for logs without a cwd.
    QString projectHint;
    bool subagent = false;
    QString agentHint; // a subagent file's agent id ("a2898e3" for agent-a2898e3.jsonl)
};

// Finds the log roots of a source and the .jsonl files below them.
class LogDiscovery final
{
public:
    // The default roots. Claude Code: every entry of CLAUDE_CONFIG_DIR (comma-separated; each a
    // config folder holding projects/, or a projects folder) when set, else
    // $XDG_CONFIG_HOME/claude/projects and ~/.claude/projects. Codex: $CODEX_HOME (default ~/.codex)
    // /sessions and /archived_sessions. Only roots that exist are returned; `notes` says what was
    // looked for. Fails when CLAUDE_CONFIG_DIR is set but none of its entries holds logs.
    static Result<QStringList> defaultRoots(AgentLogSource source, const QProcessEnvironment &env, QStringList &notes);

    // Roots for paths given by the user: a config folder (holding projects/, or sessions/ for
    // Codex), a projects or sessions folder, any folder below, or a single .jsonl file.
    static Result<QStringList> rootsForPaths(AgentLogSource source, const QStringList &paths);

    // Every .jsonl file below the roots (a root may be a file), sorted by path, each listed once.
    static QList<LogFile> scan(AgentLogSource source, const QStringList &roots);

    static bool isUuid(QStringView text);
};

} // namespace burnrate

#endif // BURNRATE_CORE_IMPORTERS_LOGDISCOVERY_H
