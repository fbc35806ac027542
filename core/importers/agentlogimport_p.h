#ifndef BURNRATE_CORE_IMPORTERS_AGENTLOGIMPORT_P_H
#define BURNRATE_CORE_IMPORTERS_AGENTLOGIMPORT_P_H

// The pieces of AgentLogImporter shared by its parser threads and its writer. Not an interface.

#include "importers/agentlogimporter.h"
#include "importers/importcheckpoints.h"
#include "importers/logdiscovery.h"
#include "ledger/eventdeltas.h"
#include "util/graveyard.h"
#include "util/localcalendar.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace burnrate::detail {

struct FilePlan
{
    enum class Kind
    {
        Unchanged,
        New,
        Changed
    };
    LogFile file;
    Kind kind = Kind::New;
    std::optional<Checkpoint> checkpoint; // as stored
    std::int64_t fileId = 0;              // the checkpoint id, once stored (writer thread only)
};

// What a parser thread hands the writer: the requests of a run of lines of one file and where the
// file stands after them.
struct FileChunk
{
    int plan = -1;
    bool first = false;
    bool last = false;
    bool reset = false; // the file was rewritten: its earlier rows go first
    std::vector<UsageCandidate> candidates;
    EventDeltas deltas;    // what the candidates add to the rollups if all of them are new
    Checkpoint checkpoint; // id is the writer's business
    std::vector<ImportIssue> issues;
    std::int64_t lines = 0;
    std::int64_t usageLines = 0;
    std::int64_t malformed = 0;
    std::int64_t replays = 0;
    std::int64_t bytes = 0;
    QString failure; // the file could not be read
};

// A bounded hand-over queue from the parser threads to the writer.
class ChunkQueue
{
public:
    explicit ChunkQueue(size_t capacity)
        : m_capacity(capacity)
    {}
    [[nodiscard]] bool push(FileChunk chunk)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_queue.size() < m_capacity || m_cancelled; });
        if (m_cancelled) {
            return false;
        }
        m_queue.push_back(std::move(chunk));
        m_notEmpty.notify_one();
        return true;
    }
    // The next chunk; std::nullopt once every producer is done and the queue is empty.
    std::optional<FileChunk> pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_queue.empty() || m_producers == 0; });
        if (m_queue.empty()) {
            return std::nullopt;
        }
        FileChunk c = std::move(m_queue.front());
        m_queue.pop_front();
        m_notFull.notify_one();
        return c;
    }
    void setProducers(int n)
    {
        std::lock_guard lock(m_mutex);
        m_producers = n;
    }
    void producerDone()
    {
        std::lock_guard lock(m_mutex);
        --m_producers;
        m_notEmpty.notify_all();
    }
    void cancel()
    {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        m_notFull.notify_all();
    }
    bool isCancelled()
    {
        std::lock_guard lock(m_mutex);
        return m_cancelled;
    }
    // Spent chunks go back to the parser threads to be freed there, off the writer's thread, which
    // is the one that limits an import.
    void bury(FileChunk chunk) { m_grave.bury(std::move(chunk)); }
    void sweep() { m_grave.sweep(); }

private:
    size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<FileChunk> m_queue;
    int m_producers = 0;
    bool m_cancelled = false;
    Graveyard<FileChunk> m_grave;
};

// One parser thread: takes groups (the files of one conversation) until none is left.
struct ParseJob
{
    AgentLogSource source;
    const AgentLogImportOptions *options = nullptr;
    const std::vector<FilePlan> *plans = nullptr;
    const std::vector<std::vector<int>> *groups = nullptr; // plan indices, main file first
    std::atomic<size_t> *nextGroup = nullptr;
    ChunkQueue *queue = nullptr;
    std::atomic<std::int64_t> *cpuNs = nullptr; // parser threads add their CPU time here
    LocalCalendar calendar;                     // each parser thread works on its own copy
};

void runParser(const ParseJob &job);

} // namespace burnrate::detail

#endif // BURNRATE_CORE_IMPORTERS_AGENTLOGIMPORT_P_H
