#ifndef BURNRATE_CORE_IMPORTERS_AGENTLOGWRITER_H
#define BURNRATE_CORE_IMPORTERS_AGENTLOGWRITER_H

#include "importers/agentlogimport_p.h"
#include "util/result.h"

#include <QElapsedTimer>
#include <QSet>

#include <array>
#include <memory>
#include <vector>

namespace burnrate {

class BackgroundCheckpointer;
class EventWriter;
class Ledger;

namespace detail {

// The writer side of AgentLogImporter: applies chunks to the ledger, one transaction per batch of
// requests (or per 150 ms, importers/writehold.h), each transaction holding the checkpoints of the lines it wrote.
// Keeps the best copy of each request (preferCopy) and records which file gave it (import_origins), so that a rewritten
// file's rows can be taken back out.
class AgentLogWriter final
{
public:
    AgentLogWriter(Ledger &ledger, QString source, QSet<std::int64_t> liveFiles, int batchEvents);
    ~AgentLogWriter();
    AgentLogWriter(const AgentLogWriter &) = delete;
    AgentLogWriter &operator=(const AgentLogWriter &) = delete;

    Status apply(FileChunk &chunk, FilePlan &plan, AgentLogImportSummary &summary);
    // Commits what is pending (also called when a batch is full, and when the queue runs dry).
    Status commit();
    bool hasPending() const { return m_writer != nullptr; }

private:
    Status begin();
    Status removeRowsOf(std::int64_t fileId, AgentLogImportSummary &summary);
    Status setOrigin(std::int64_t eventId, std::int64_t fileId, std::uint8_t flags);
    // New rows' origins are written in groups (one statement for many rows); anything that reads
    // import_origins flushes first.
    Status addOrigin(std::int64_t eventId, std::int64_t fileId, std::uint8_t flags);
    Status flushOrigins();
    // The origin of `eventId` among those not written yet, or nullptr.
    std::array<std::int64_t, 3> *pendingOrigin(std::int64_t eventId);
    // Sets the origin of a stored event (where it waits, when it is not written yet).
    Status replaceOrigin(std::int64_t eventId, std::int64_t fileId, std::uint8_t flags);

    Ledger &m_ledger;
    QString m_source;
    QSet<std::int64_t> m_liveFiles;
    int m_batchEvents;
    std::unique_ptr<BackgroundCheckpointer> m_checkpointer; // WAL checkpoints off this thread
    std::unique_ptr<EventWriter> m_writer;
    std::int64_t m_pending = 0;
    QElapsedTimer m_open; // since the open transaction began (importers/writehold.h)
    std::vector<std::array<std::int64_t, 3>> m_newOrigins;
};

} // namespace detail
} // namespace burnrate

#endif // BURNRATE_CORE_IMPORTERS_AGENTLOGWRITER_H
