#include "importers/agentlogimporter.h"

#include "importers/agentlogimport_p.h"
#include "importers/agentlogwriter.h"
#include "importers/importerslog.h"
#include "ledger/database.h"
#include "ledger/ledger.h"
#include "util/thisthread.h"

#include <QElapsedTimer>
#include <QHash>
#include <QThread>

#include <algorithm>
#include <map>
#include <thread>

namespace burnrate {

using namespace detail;

namespace {

bool isUnder(const QString &path, const QStringList &roots)
{
    for (const QString &root : roots) {
        if (path == root || (path.startsWith(root) && path.at(root.size()) == QLatin1Char('/'))) {
            return true;
        }
    }
    return false;
}

// Forgets the checkpoints of files that are no longer under the roots. Their rows stay: Claude Code
// deletes old transcripts by itself, and the ledger is where their history lives on.
Status forgetGone(Database &db, const QList<Checkpoint> &gone)
{
    if (gone.isEmpty()) {
        return okStatus();
    }
    Transaction tx(db);
    if (!tx.isActive()) {
        return Status::failure(QStringLiteral("cannot write to the ledger: %1").arg(tx.error()));
    }
    for (const Checkpoint &cp : gone) {
        if (auto st = CheckpointStore::remove(db, cp.id); !st) {
            return st;
        }
    }
    return tx.commit();
}

void account(const FileChunk &chunk, const FilePlan &plan, AgentLogImportSummary &s,
             QHash<int, std::int64_t> &malformedByPlan)
{
    if (!chunk.failure.isEmpty()) {
        ++s.filesFailed;
        s.failures << chunk.failure;
    }
    if (chunk.first && !chunk.checkpoint.path.isEmpty()) {
        if (chunk.reset) {
            ++s.filesRewritten;
        } else if (plan.kind == FilePlan::Kind::New) {
            ++s.filesNew;
        } else {
            ++s.filesGrown;
        }
    }
    s.bytesRead += chunk.bytes;
    s.linesRead += chunk.lines;
    s.usageLines += chunk.usageLines;
    s.replays += chunk.replays;
    s.duplicates += chunk.usageLines - chunk.replays - static_cast<std::int64_t>(chunk.candidates.size());
    s.malformed += chunk.malformed;
    if (chunk.malformed > 0) {
        malformedByPlan[chunk.plan] += chunk.malformed;
    }
    for (const ImportIssue &issue : chunk.issues) {
        if (s.issues.size() >= AgentLogImportSummary::MaxIssuesKept) {
            break;
        }
        s.issues.append(issue);
    }
}

// Progress in bytes of the files as planned: each chunk moves its file on to where it ended, and a
// file's last chunk to its planned end (a line still being written is left for later, a rewritten
// file is read again from its start; neither makes the bar go back).
void advance(AgentLogImportProgress &progress, const FileChunk &chunk, const FilePlan &plan, std::int64_t &readTo)
{
    const std::int64_t end = chunk.last ? plan.file.stat.size : std::min(chunk.checkpoint.offset, plan.file.stat.size);
    if (!chunk.checkpoint.path.isEmpty() || chunk.last) {
        progress.bytesDone += std::max<std::int64_t>(0, end - readTo);
        readTo = std::max(readTo, end);
    }
    progress.filesDone += chunk.last ? 1 : 0;
    progress.bytesDone = std::min(progress.bytesDone, progress.bytesTotal);
}

} // namespace

AgentLogImporter::AgentLogImporter(Ledger &ledger, AgentLogSource source, AgentLogImportOptions options)
    : m_ledger(ledger)
    , m_source(source)
    , m_options(std::move(options))
{}

Result<AgentLogImportSummary> AgentLogImporter::importRoots(const QStringList &roots)
{
    using R = Result<AgentLogImportSummary>;
    const QString source = agentLogSourceName(m_source);
    QElapsedTimer clock;
    clock.start();
    AgentLogImportSummary summary;
    summary.roots = roots;
    auto stored = CheckpointStore::load(m_ledger.db(), source);
    if (!stored) {
        return R::failure(stored.error());
    }
    QHash<QString, Checkpoint> checkpoints = std::move(stored).value();

    // Plan: which files changed since their checkpoint. An unchanged file costs its stat() only.
    std::vector<FilePlan> plans;
    for (LogFile &file : LogDiscovery::scan(m_source, roots)) {
        FilePlan plan;
        if (auto it = checkpoints.find(file.path); it != checkpoints.end()) {
            const Checkpoint &cp = *it;
            plan.fileId = cp.id;
            const bool same =
                cp.identity == file.stat.identity && cp.size == file.stat.size && cp.mtimeNs == file.stat.mtimeNs;
            plan.kind = same ? FilePlan::Kind::Unchanged : FilePlan::Kind::Changed;
            plan.checkpoint = cp;
            checkpoints.erase(it);
        }
        plan.file = std::move(file);
        plans.push_back(std::move(plan));
    }
    summary.files = static_cast<std::int64_t>(plans.size());
    QList<Checkpoint> gone;
    QSet<std::int64_t> live;
    for (const Checkpoint &cp : std::as_const(checkpoints)) {
        if (isUnder(cp.path, roots)) {
            gone << cp;
        } else {
            live.insert(cp.id);
        }
    }
    for (const FilePlan &p : plans) {
        if (p.fileId != 0) {
            live.insert(p.fileId);
        }
    }
    summary.filesGone = gone.size();
    summary.plannedMs = clock.elapsed();
    if (auto st = forgetGone(m_ledger.db(), gone); !st) {
        return R::failure(st.error());
    }

    // Work: the groups (conversations) with something to read, the main file first, biggest first.
    std::map<QString, std::vector<int>> byGroup;
    for (size_t i = 0; i < plans.size(); ++i) {
        byGroup[plans[i].file.group].push_back(static_cast<int>(i));
    }
    std::vector<std::vector<int>> groups;
    std::vector<std::int64_t> groupBytes;
    AgentLogImportProgress progress;
    for (auto &[key, members] : byGroup) {
        std::int64_t bytes = 0;
        for (int i : members) {
            const FilePlan &p = plans[static_cast<size_t>(i)];
            if (p.kind == FilePlan::Kind::Unchanged) {
                ++summary.filesUnchanged;
            } else {
                const std::int64_t unread =
                    p.file.stat.size - (p.checkpoint ? std::min(p.checkpoint->offset, p.file.stat.size) : 0);
                bytes += unread + 1;
                progress.bytesTotal += unread;
                ++progress.filesTotal;
            }
        }
        if (bytes == 0) {
            continue;
        }
        std::stable_sort(members.begin(), members.end(), [&](int a, int b) {
            return !plans[static_cast<size_t>(a)].file.subagent && plans[static_cast<size_t>(b)].file.subagent;
        });
        groups.push_back(std::move(members));
        groupBytes.push_back(bytes);
    }
    if (groups.empty()) {
        return summary;
    }
    std::vector<size_t> order(groups.size());
    for (size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return groupBytes[a] > groupBytes[b]; });
    std::vector<std::vector<int>> sorted;
    sorted.reserve(groups.size());
    for (size_t i : order) {
        sorted.push_back(std::move(groups[i]));
    }

    const auto report = [&] {
        if (m_options.progress) {
            m_options.progress(progress);
        }
    };
    const auto cancelled = [&] {
        return m_options.cancelled && m_options.cancelled();
    };
    report();
    if (cancelled()) {
        summary.cancelled = true;
        return summary;
    }
    if (m_options.prepare) {
        if (auto st = m_options.prepare(); !st) {
            return R::failure(st.error());
        }
    }

    // Parse on all cores; write here.
    // The writer (this thread) limits an import: it keeps a core to itself, the parsers share the rest.
    int threads = m_options.threads > 0 ? m_options.threads : std::max(1, QThread::idealThreadCount() - 1);
    threads = std::clamp(threads, 1, static_cast<int>(sorted.size()));
    ChunkQueue queue(static_cast<size_t>(threads) * 3 + 1);
    queue.setProducers(threads);
    std::atomic<size_t> next{0};
    std::atomic<std::int64_t> parseCpuNs{0};
    const std::int64_t writeCpuStart = thisthread::cpuNs();
    ParseJob job{m_source, &m_options, &plans, &sorted, &next, &queue, &parseCpuNs, m_ledger.calendar()};
    std::vector<std::thread> workers;
    workers.reserve(static_cast<size_t>(threads));
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&job] { runParser(job); });
    }
    auto writer = std::make_unique<AgentLogWriter>(m_ledger, source, live, m_options.batchEvents);
    QHash<int, std::int64_t> malformedByPlan;
    std::vector<std::int64_t> readTo(plans.size()); // per file, for progress: where its last chunk ended
    for (size_t i = 0; i < plans.size(); ++i) {
        readTo[i] = plans[i].checkpoint ? std::min(plans[i].checkpoint->offset, plans[i].file.stat.size) : 0;
    }
    Status result = okStatus();
    while (auto chunk = queue.pop()) {
        FilePlan &plan = plans[static_cast<size_t>(chunk->plan)];
        account(*chunk, plan, summary, malformedByPlan);
        if (!chunk->checkpoint.path.isEmpty()) {
            result = writer->apply(*chunk, plan, summary);
        }
        advance(progress, *chunk, plan, readTo[static_cast<size_t>(chunk->plan)]);
        queue.bury(std::move(*chunk));
        if (!result) {
            break;
        }
        report();
        if (progress.filesDone < progress.filesTotal && cancelled()) { // all read: nothing left to cancel
            summary.cancelled = true;
            queue.cancel(); // the parser threads stop at their next hand-over
            break;
        }
    }
    summary.writtenMs = clock.elapsed();
    // The last spent chunks are freed beside the final commit and checkpoint, which mostly wait on
    // the disk, instead of after them.
    std::thread sweeper([&queue] { queue.sweep(); });
    if (result) {
        result = writer->commit();
    }
    summary.committedMs = clock.elapsed();
    writer.reset(); // the last WAL checkpoint
    summary.finishedMs = clock.elapsed();
    summary.writeCpuMs = (thisthread::cpuNs() - writeCpuStart) / 1'000'000;
    summary.threads = threads;
    sweeper.join();
    queue.cancel();
    while (queue.pop()) {
    }
    for (std::thread &w : workers) {
        w.join();
    }
    summary.parseCpuMs = parseCpuNs.load() / 1'000'000;
    if (!result) {
        return R::failure(result.error());
    }
    for (auto it = malformedByPlan.cbegin(); it != malformedByPlan.cend(); ++it) {
        summary.malformedByFile.append({plans[static_cast<size_t>(it.key())].file.path, it.value()});
    }
    std::sort(summary.malformedByFile.begin(), summary.malformedByFile.end());
    qCDebug(lcImporters) << source << "import:" << summary.files << "files (" << summary.filesUnchanged << "unchanged),"
                         << summary.bytesRead << "bytes," << summary.inserted << "new requests in" << clock.elapsed()
                         << "ms";
    return summary;
}

} // namespace burnrate
