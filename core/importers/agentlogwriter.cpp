#include "importers/agentlogwriter.h"

#include "importers/writehold.h"
#include "ledger/checkpointer.h"
#include "ledger/database.h"
#include "ledger/eventwriter.h"
#include "ledger/ledger.h"
#include "util/prefetch.h"

#include <algorithm>

namespace burnrate::detail {

AgentLogWriter::AgentLogWriter(Ledger &ledger, QString source, QSet<std::int64_t> liveFiles, int batchEvents)
    : m_ledger(ledger)
    , m_source(std::move(source))
    , m_liveFiles(std::move(liveFiles))
    , m_batchEvents(batchEvents)
    , m_checkpointer(std::make_unique<BackgroundCheckpointer>(ledger.db()))
{}

AgentLogWriter::~AgentLogWriter() = default;

Status AgentLogWriter::begin()
{
    if (m_writer) {
        return okStatus();
    }
    m_writer = std::make_unique<EventWriter>(m_ledger.db(), m_ledger.calendar());
    if (!m_writer->isActive()) {
        m_writer.reset();
        return Status::failure(QStringLiteral("cannot write to the ledger: %1").arg(m_ledger.db().lastError()));
    }
    m_writer->setCallerAccountsInserts(true); // apply() takes the parser's rollup changes
    m_open.start();
    return okStatus();
}

Status AgentLogWriter::commit()
{
    if (!m_writer) {
        return okStatus();
    }
    if (auto st = flushOrigins(); !st) {
        return st;
    }
    const Status st = m_writer->commit();
    m_writer.reset();
    m_pending = 0;
    m_checkpointer->committed();
    return st;
}

Status AgentLogWriter::setOrigin(std::int64_t eventId, std::int64_t fileId, std::uint8_t flags)
{
    Statement &s = m_ledger.db().cached("INSERT INTO import_origins (event_id, file_id, rank) VALUES (?1, ?2, ?3)"
                                        " ON CONFLICT (event_id) DO UPDATE SET file_id = excluded.file_id,"
                                        " rank = excluded.rank");
    s.bind(1, eventId);
    s.bind(2, fileId);
    s.bind(3, static_cast<std::int64_t>(flags));
    if (!s.exec()) {
        return Status::failure(
            QStringLiteral("cannot record where a request came from: %1").arg(m_ledger.db().lastError()));
    }
    return okStatus();
}

namespace {
constexpr size_t OriginGroup = 64;

// The parser thread wrote the candidates on another core: the first look at them here misses the
// caches. Asking for them a few groups ahead lets them arrive while SQLite works on the current group,
// in three steps, each reading only what the step before brought in: the record, then its sealed
// text's header, then the text itself.
enum class Fetch
{
    Record,
    TextHeader,
    Text
};

void prefetch(const std::vector<UsageCandidate> &candidates, size_t from, size_t count, Fetch what)
{
    // Every cache line the object touches: an object seldom starts on a line, and one two lines long
    // then touches three (the sealed text's null flags sit in the third).
    constexpr std::uintptr_t Line = 64;
    const auto lines = [](const void *p, size_t size) {
        const auto first = reinterpret_cast<std::uintptr_t>(p) & ~(Line - 1);
        const auto end = reinterpret_cast<std::uintptr_t>(p) + size;
        for (std::uintptr_t line = first; line < end; line += Line) {
            prefetchLine(reinterpret_cast<const char *>(line));
        }
    };
    for (size_t i = from; i < std::min(from + count, candidates.size()); ++i) {
        const EventRecord &r = candidates[i].record;
        if (what == Fetch::Record) {
            lines(&r, sizeof(EventRecord));
        } else if (const SealedText *t = r.sealedText.get(); t && what == Fetch::TextHeader) {
            lines(t, sizeof(SealedText));
        } else if (t) {
            lines(t->utf8.data(), t->utf8.size());
        }
    }
}

} // namespace

Status AgentLogWriter::addOrigin(std::int64_t eventId, std::int64_t fileId, std::uint8_t flags)
{
    m_newOrigins.push_back({eventId, fileId, flags});
    return m_newOrigins.size() >= OriginGroup ? flushOrigins() : okStatus();
}

std::array<std::int64_t, 3> *AgentLogWriter::pendingOrigin(std::int64_t eventId)
{
    for (auto it = m_newOrigins.rbegin(); it != m_newOrigins.rend(); ++it) {
        if ((*it)[0] == eventId) {
            return &*it;
        }
    }
    return nullptr;
}

Status AgentLogWriter::replaceOrigin(std::int64_t eventId, std::int64_t fileId, std::uint8_t flags)
{
    // An origin still waiting to be written is changed where it waits (flushing it early would break
    // the group writes up); any other is written now (no waiting one can overwrite it later).
    if (auto *pending = pendingOrigin(eventId)) {
        (*pending)[1] = fileId;
        (*pending)[2] = flags;
        return okStatus();
    }
    return setOrigin(eventId, fileId, flags);
}

Status AgentLogWriter::flushOrigins()
{
    if (m_newOrigins.empty()) {
        return okStatus();
    }
    Database &db = m_ledger.db();
    size_t done = 0;
    if (m_newOrigins.size() == OriginGroup) {
        // OR IGNORE: a statement that cannot abort half-way needs no statement journal. The rows are
        // new events', so none should be there already; if one was (a stale origin of a reused id),
        // the group is written again row by row below, which overwrites.
        static const std::string Sql = [] {
            std::string sql = "INSERT OR IGNORE INTO import_origins (event_id, file_id, rank) VALUES ";
            for (size_t i = 0; i < OriginGroup; ++i) {
                sql += i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)";
            }
            return sql;
        }();
        Statement &s = db.cached(Sql);
        int p = 1;
        for (const auto &[eventId, fileId, flags] : m_newOrigins) {
            s.bind(p++, eventId);
            s.bind(p++, fileId);
            s.bind(p++, flags);
        }
        if (!s.exec()) {
            return Status::failure(QStringLiteral("cannot record where requests came from: %1").arg(db.lastError()));
        }
        done = db.changes() == static_cast<int>(OriginGroup) ? OriginGroup : 0;
    }
    for (size_t i = done; i < m_newOrigins.size(); ++i) {
        const auto &[eventId, fileId, flags] = m_newOrigins[i];
        if (auto st = setOrigin(eventId, fileId, static_cast<std::uint8_t>(flags)); !st) {
            return st;
        }
    }
    m_newOrigins.clear();
    return okStatus();
}

Status AgentLogWriter::removeRowsOf(std::int64_t fileId, AgentLogImportSummary &summary)
{
    if (auto st = flushOrigins(); !st) {
        return st;
    }
    // A scan (no index by file: rewrites are rare, inserts are not). The join skips origins whose
    // event went away by other means, and any row id reused since by another source.
    Statement &s = m_ledger.db().cached("SELECT o.event_id FROM import_origins o JOIN events e ON e.id = o.event_id"
                                        " WHERE o.file_id = ?1 AND e.source = ?2");
    s.bind(1, fileId);
    s.bind(2, m_source);
    std::vector<std::int64_t> ids;
    Statement::Step step;
    while ((step = s.step()) == Statement::Step::Row) {
        ids.push_back(s.int64(0));
    }
    s.reset();
    if (step == Statement::Step::Error) {
        return Status::failure(QStringLiteral("cannot read import origins: %1").arg(m_ledger.db().lastError()));
    }
    Statement &forget = m_ledger.db().cached("DELETE FROM import_origins WHERE event_id = ?1");
    for (std::int64_t id : ids) {
        auto removed = m_writer->removeId(id);
        if (!removed) {
            return Status::failure(removed.error());
        }
        summary.removed += *removed ? 1 : 0;
        forget.bind(1, id);
        if (!forget.exec()) {
            return Status::failure(QStringLiteral("cannot update import origins: %1").arg(m_ledger.db().lastError()));
        }
    }
    return okStatus();
}

Status AgentLogWriter::apply(FileChunk &chunk, FilePlan &plan, AgentLogImportSummary &summary)
{
    if (auto st = begin(); !st) {
        return st;
    }
    Database &db = m_ledger.db();
    if (plan.fileId == 0) {
        auto id = CheckpointStore::save(db, m_source, chunk.checkpoint);
        if (!id) {
            return Status::failure(id.error());
        }
        plan.fileId = *id;
        m_liveFiles.insert(*id);
    }
    if (chunk.reset && chunk.first) {
        if (auto st = removeRowsOf(plan.fileId, summary); !st) {
            return st;
        }
    }
    Statement &origin = db.cached("SELECT file_id, rank FROM import_origins WHERE event_id = ?1");
    // Who gave the stored copy of a request, looked up when it is needed.
    struct Owner
    {
        std::int64_t file = -1;
        std::uint8_t flags = 0;
        bool looked = false;
        bool kept = false; // the stored copy won against the new one
    };
    constexpr size_t Group = EventWriter::GroupSize;
    std::array<const EventRecord *, Group> events{};
    std::array<std::int64_t, Group> ids{};
    std::array<Owner, Group> owners{};
    const auto lookUp = [&](Owner &o, std::int64_t eventId) {
        o.looked = true;
        if (const auto *pending = pendingOrigin(eventId)) { // stored in this batch, origin not written yet
            o.file = (*pending)[1];
            o.flags = static_cast<std::uint8_t>((*pending)[2]);
            return;
        }
        origin.bind(1, eventId);
        if (origin.step() == Statement::Step::Row) {
            o.file = origin.int64(0);
            o.flags = static_cast<std::uint8_t>(origin.int64(1));
        }
        origin.reset();
    };
    std::vector<UsageCandidate> &candidates = chunk.candidates;
    std::vector<EventWriter::Change> changes(candidates.size());
    for (size_t at = 0; at < candidates.size(); at += Group) {
        const size_t count = std::min(Group, candidates.size() - at);
        prefetch(candidates, at + Group, Group, Fetch::Text);
        prefetch(candidates, at + 2 * Group, Group, Fetch::TextHeader);
        prefetch(candidates, at + 3 * Group, Group, Fetch::Record);
        for (size_t i = 0; i < count; ++i) {
            events[i] = &candidates[at + i].record;
            owners[i] = Owner();
        }
        auto done = m_writer->upsertGroup(events.data(), count, ids.data(), changes.data() + at,
                                          [&](size_t i) -> EventWriter::ReplacePolicy {
                                              return [&, i](const EventWriter::Stored &stored) {
                                                  const UsageCandidate &c = candidates[at + i];
                                                  Owner &o = owners[i];
                                                  lookUp(o, stored.id);
                                                  o.kept = !preferCopy({c.record, c.flags, c.record.fingerprint()},
                                                                       {stored.event, o.flags, stored.fingerprint});
                                                  return !o.kept;
                                              };
                                          });
        if (!done) {
            return Status::failure(done.error());
        }
        for (size_t i = 0; i < count; ++i) {
            const UsageCandidate &c = candidates[at + i];
            Owner &o = owners[i];
            const std::int64_t eventId = ids[i];
            Status st = okStatus();
            switch (changes[at + i]) {
            case EventWriter::Change::Inserted:
                ++summary.inserted;
                st = addOrigin(eventId, plan.fileId, c.flags);
                break;
            case EventWriter::Change::Updated:
                ++summary.updated;
                st = replaceOrigin(eventId, plan.fileId, c.flags);
                break;
            case EventWriter::Change::Unchanged:
                ++summary.duplicates;
                if (!o.looked) {
                    lookUp(o, eventId);
                }
                // The file that gave the kept copy is gone (or never recorded): this file holds it now.
                if (o.file < 0 || !m_liveFiles.contains(o.file)) {
                    st = replaceOrigin(eventId, plan.fileId, o.kept ? o.flags : c.flags);
                }
                break;
            }
            if (!st) {
                return st;
            }
        }
    }
    m_writer->accountInserts(chunk.deltas, changes.data(), candidates.size(),
                             [&](size_t i) -> const EventRecord & { return candidates[i].record; });
    Checkpoint cp = chunk.checkpoint;
    cp.id = plan.fileId;
    if (auto saved = CheckpointStore::save(db, m_source, cp); !saved) {
        return Status::failure(saved.error());
    }
    m_pending += static_cast<std::int64_t>(chunk.candidates.size()) + 1;
    if (m_pending >= m_batchEvents || m_open.elapsed() >= MaxImportWriteHoldMs) {
        return commit();
    }
    return okStatus();
}

} // namespace burnrate::detail
