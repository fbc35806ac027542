#ifndef BURNRATE_CORE_IMPORTERS_AGENTLOGIMPORTER_H
#define BURNRATE_CORE_IMPORTERS_AGENTLOGIMPORTER_H

#include "importers/agentlog.h"
#include "importers/eventimporter.h"
#include "util/result.h"

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>

namespace burnrate {

class Ledger;

// Prices one record on a parser thread (sets costNano and priceRef); called before the record is
// sealed. Empty: records stay unpriced.
using PricingHook = std::function<void(EventRecord &)>;

// How far an import is, for a progress bar: the files and bytes it has to read (unchanged files
// not counted) and how many of them are done.
struct AgentLogImportProgress
{
    std::int64_t filesTotal = 0;
    std::int64_t filesDone = 0;
    std::int64_t bytesTotal = 0;
    std::int64_t bytesDone = 0;
};

struct AgentLogImportOptions
{
    Billing billing = Billing::Api;
    // Called once on each parser thread to make that thread's hook, so a hook may keep per-thread
    // caches (one Pricer per thread over a shared PriceBook). Empty: no pricing.
    std::function<PricingHook()> pricing;
    // Runs once on the importing thread when there is something to read, before the parser threads
    // start (an unchanged tree never runs it): where the price book is loaded. A failure stops the
    // import.
    std::function<Status()> prepare;
    // Called on the importing thread once the work is planned and after every hand-over from a
    // parser thread. May be empty.
    std::function<void(const AgentLogImportProgress &)> progress;
    // Asked on the importing thread between hand-overs (and before parsing starts); true stops the
    // import. What was written so far is committed with its checkpoints (every hand-over is a
    // consistent end for a batch), so the next import resumes exactly where this one stopped.
    std::function<bool()> cancelled;
    int threads = 0; // parser threads; 0 = one per core but the writer's (at least one)
    // Requests per write transaction: fewer commits rewrite fewer pages, but a checkpoint follows a
    // commit, and one larger than the checkpoint size leaves a large last checkpoint (and fsync) to the end.
    int batchEvents = 60000;
    int chunkEvents = 4096; // requests per hand-over from a parser thread
};

struct AgentLogImportSummary
{
    static constexpr int MaxIssuesKept = 1000;

    QStringList roots;
    bool cancelled = false;          // stopped early by options.cancelled: run again to finish
    std::int64_t files = 0;          // found under the roots
    std::int64_t filesNew = 0;       // read from the start
    std::int64_t filesGrown = 0;     // read from their checkpoint
    std::int64_t filesRewritten = 0; // truncated or replaced: their earlier rows were replaced
    std::int64_t filesUnchanged = 0; // not opened
    std::int64_t filesGone = 0;      // checkpointed but no longer there (their rows stay)
    std::int64_t filesFailed = 0;    // could not be read
    std::int64_t bytesRead = 0;
    std::int64_t linesRead = 0;
    std::int64_t usageLines = 0; // lines (or agent_progress copies) that carried usage
    std::int64_t inserted = 0;   // new requests
    std::int64_t updated = 0;    // requests whose kept copy changed
    std::int64_t duplicates = 0; // copies of requests already kept (content blocks, copies, re-reads)
    std::int64_t replays = 0;    // sidechain replays and agent_progress copies of subagent lines, dropped
    std::int64_t removed = 0;    // requests of rewritten files removed before their re-read
    std::int64_t malformed = 0;  // lines that are not JSON objects or lack what a request needs
    QList<QPair<QString, std::int64_t>> malformedByFile;
    // Where the time went: CPU of the parser threads together, and of the writing thread.
    std::int64_t parseCpuMs = 0;
    std::int64_t writeCpuMs = 0;
    int threads = 0;
    // Wall-clock milestones since the import began: files listed and compared with their checkpoints,
    // every request written, last commit done, WAL copied back into the ledger.
    std::int64_t plannedMs = 0;
    std::int64_t writtenMs = 0;
    std::int64_t committedMs = 0;
    std::int64_t finishedMs = 0;
    QList<ImportIssue> issues; // file:line and reason, the first MaxIssuesKept
    QStringList failures;      // files that could not be read, with the reason
};

// Imports Claude Code or Codex CLI logs into the ledger, incrementally: per-file checkpoints
// (identity, size, mtime, offset, head and tail hashes) make an unchanged file cost one stat(), a
// grown file only its new bytes; a truncated or replaced file has its earlier rows replaced. Files
// are parsed on all cores; one thread writes, one transaction per batch, each holding the
// checkpoints of what it wrote, so a killed import resumes exactly. Requests are deduplicated
// across files and imports by their natural key (see preferCopy()).
class AgentLogImporter final
{
public:
    AgentLogImporter(Ledger &ledger, AgentLogSource source, AgentLogImportOptions options = {});

    Result<AgentLogImportSummary> importRoots(const QStringList &roots);

private:
    Ledger &m_ledger;
    AgentLogSource m_source;
    AgentLogImportOptions m_options;
};

} // namespace burnrate

// For queued signals (a background import reports to the thread that started it).
Q_DECLARE_METATYPE(burnrate::AgentLogSource)
Q_DECLARE_METATYPE(burnrate::AgentLogImportProgress)
Q_DECLARE_METATYPE(burnrate::AgentLogImportSummary)

#endif // BURNRATE_CORE_IMPORTERS_AGENTLOGIMPORTER_H
