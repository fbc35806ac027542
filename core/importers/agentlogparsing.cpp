// The parser threads of AgentLogImporter: read the new bytes of each changed file, parse the lines
// that can carry usage, and hand chunks of requests with their checkpoints to the writer.
#include "importers/agentlogimport_p.h"
#include "importers/claudecodeparser.h"
#include "importers/codexparser.h"
#include "importers/jsonfields.h"
#include "importers/logreader.h"
#include "ledger/eventlimits.h"
#include "util/positionalfile.h"
#include "util/thisthread.h"

#include <QFile>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <unordered_set>

namespace burnrate::detail {

namespace {

bool isBlank(std::string_view line)
{
    return json::trimmed(line).empty();
}

class GroupParser
{
public:
    explicit GroupParser(const ParseJob &job)
        : m_job(job)
        , m_calendar(job.calendar)
        , m_claude(job.options->billing)
        , m_codex(job.options->billing)
    {
        if (job.options->pricing) {
            m_price = job.options->pricing();
        }
        m_index.reserve(job.options->chunkEvents);
    }

    void run(const std::vector<int> &group);

private:
    // One file's pass, from its checkpoint. `collectIds` gathers the main-chain message ids that
    // sidechain replays in the group's subagent files are recognised by.
    void parseFile(int planIndex, bool collectIds);
    void scanIds(const FilePlan &plan);
    void handleLine(std::string_view text, std::int64_t lineNo, FileChunk &chunk, std::int64_t &bad,
                    const QString &path, bool collectIds, bool terminated);
    void addCandidate(FileChunk &chunk, UsageCandidate &&c);
    bool push(FileChunk &chunk)
    {
        // The rollup changes are gathered here, off the writer's thread; the writer takes them whole
        // when every candidate turns out new (it accounts updates and partly new chunks itself).
        for (const UsageCandidate &c : chunk.candidates) {
            chunk.deltas.add(m_calendar, c.record, +1);
        }
        m_index.clear();
        m_index.reserve(m_job.options->chunkEvents); // clear() gave the table back
        m_job.queue->sweep();
        return m_job.queue->push(std::move(chunk));
    }
    // Room for the candidates of the rest of a file (about one per kilobyte of log), up to a chunk.
    void reserveFor(FileChunk &chunk, std::int64_t unreadBytes) const
    {
        constexpr std::int64_t BytesPerCandidate = 1024;
        const auto want = std::min<std::int64_t>(m_job.options->chunkEvents, unreadBytes / BytesPerCandidate + 16);
        chunk.candidates.reserve(static_cast<size_t>(want));
    }

    const ParseJob &m_job;
    LocalCalendar m_calendar;
    ClaudeCodeParser m_claude;
    CodexParser m_codex;
    ClaudeCodeParser::Parsed m_parsed;
    PricingHook m_price;
    std::unordered_set<std::string> m_mainIds;
    QSet<QString> m_subagentFiles;  // agent ids with their own file in this group
    QHash<QString, int> m_index;    // source key -> candidate in the current chunk
    std::vector<char> m_readBuffer; // every file's LogReader reads through this one
    bool m_stopped = false;
};

void GroupParser::run(const std::vector<int> &group)
{
    const auto &plans = *m_job.plans;
    m_mainIds.clear();
    m_subagentFiles.clear();
    bool subagentWork = false;
    for (int i : group) {
        const FilePlan &p = plans[static_cast<size_t>(i)];
        if (p.file.subagent) {
            m_subagentFiles.insert(p.file.agentHint);
            subagentWork = subagentWork || p.kind != FilePlan::Kind::Unchanged;
        }
    }
    // Sidechain replays of main-chain messages are recognised by message id, so the main file's
    // ids are needed whenever a subagent file is read; they are gathered while reading the main
    // file from its start, else by a scan of it.
    const FilePlan &first = plans[static_cast<size_t>(group.front())];
    const bool hasMain = !first.file.subagent;
    if (subagentWork && hasMain && first.kind != FilePlan::Kind::New) {
        scanIds(first);
    }
    for (int i : group) {
        if (m_stopped) {
            return;
        }
        if (plans[static_cast<size_t>(i)].kind != FilePlan::Kind::Unchanged) {
            parseFile(i, subagentWork && hasMain && i == group.front());
        }
    }
}

void GroupParser::scanIds(const FilePlan &plan)
{
    PositionalFile file(plan.file.path);
    if (!file.isOpen()) {
        return;
    }
    m_claude.setFile(plan.file);
    LogReader reader(file, 0, plan.file.stat.size, simdjson::SIMDJSON_PADDING, m_readBuffer);
    LogReader::Line line;
    while (reader.next(line)) {
        if (ClaudeCodeParser::mayCarryUsage(line.text) &&
            m_claude.parse(line.text, m_parsed) == ClaudeCodeParser::Outcome::Usage && !m_parsed.sidechain &&
            m_parsed.embedAgentId.empty() && !m_parsed.messageId.empty()) {
            m_mainIds.insert(m_parsed.messageId);
        }
    }
}

void GroupParser::addCandidate(FileChunk &chunk, UsageCandidate &&c)
{
    if (m_price) {
        m_price(c.record);
    }
    c.record.seal();
    // Copies of one request inside a chunk (content blocks of one response) meet here; the rest
    // meet in the ledger.
    auto it = m_index.constFind(c.record.sourceKey);
    if (it != m_index.constEnd()) {
        UsageCandidate &kept = chunk.candidates[static_cast<size_t>(*it)];
        if (preferCopy({c.record, c.flags, c.record.fingerprint()},
                       {kept.record, kept.flags, kept.record.fingerprint()})) {
            kept = std::move(c);
        }
        return;
    }
    m_index.insert(c.record.sourceKey, static_cast<int>(chunk.candidates.size()));
    chunk.candidates.push_back(std::move(c));
}

void GroupParser::handleLine(std::string_view text, std::int64_t lineNo, FileChunk &chunk, std::int64_t &bad,
                             const QString &path, bool collectIds, bool terminated)
{
    const auto malformed = [&](QString reason) {
        if (!terminated) {
            return; // a line being written; it is read again next time
        }
        ++bad;
        ++chunk.malformed;
        if (chunk.issues.size() < static_cast<size_t>(AgentLogImportSummary::MaxIssuesKept)) {
            chunk.issues.push_back({QStringLiteral("%1:%2").arg(path).arg(lineNo), std::move(reason)});
        }
    };
    if (isBlank(text)) {
        return;
    }
    if (!json::looksLikeObject(text)) {
        malformed(QStringLiteral("not a JSON object"));
        return;
    }
    if (m_job.source == AgentLogSource::Codex) {
        if (!CodexParser::mayMatter(text)) {
            return;
        }
        UsageCandidate c;
        QString reason;
        switch (m_codex.parse(text, c, reason)) {
        case CodexParser::Outcome::Usage:
            ++chunk.usageLines;
            if (auto why = outOfBounds(c.record)) {
                malformed(*why);
                break;
            }
            addCandidate(chunk, std::move(c));
            break;
        case CodexParser::Outcome::Malformed:
            malformed(reason);
            break;
        case CodexParser::Outcome::Skipped:
            break;
        }
        return;
    }
    if (!ClaudeCodeParser::mayCarryUsage(text)) {
        return;
    }
    switch (m_claude.parse(text, m_parsed)) {
    case ClaudeCodeParser::Outcome::Malformed:
        malformed(m_parsed.reason);
        return;
    case ClaudeCodeParser::Outcome::Skipped:
        return;
    case ClaudeCodeParser::Outcome::Usage:
        break;
    }
    ++chunk.usageLines;
    if (auto why = outOfBounds(m_parsed.candidate.record)) {
        malformed(*why);
        return;
    }
    const bool embed = !m_parsed.embedAgentId.empty();
    if (collectIds && !embed && !m_parsed.sidechain && !m_parsed.messageId.empty()) {
        m_mainIds.insert(m_parsed.messageId);
    }
    if (embed && m_subagentFiles.contains(QString::fromStdString(m_parsed.embedAgentId))) {
        ++chunk.replays; // the subagent's own file has this message
        return;
    }
    if (!embed && m_parsed.sidechain && m_mainIds.count(m_parsed.messageId) > 0) {
        ++chunk.replays; // a sidechain replay of a main-chain message: the parent's line counts
        return;
    }
    addCandidate(chunk, std::move(m_parsed.candidate));
}

void GroupParser::parseFile(int planIndex, bool collectIds)
{
    const FilePlan &plan = (*m_job.plans)[static_cast<size_t>(planIndex)];
    const QString &path = plan.file.path;
    FileChunk chunk;
    chunk.plan = planIndex;
    chunk.first = true;
    PositionalFile file(path);
    const std::optional<FileStat> st = file.stat();
    if (!st) {
        chunk.failure = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        chunk.last = true;
        m_stopped = !push(chunk);
        return;
    }
    Checkpoint cp;
    cp.path = path;
    cp.identity = st->identity;
    cp.size = st->size;
    cp.mtimeNs = st->mtimeNs;
    QString state;
    if (plan.kind == FilePlan::Kind::Changed && plan.checkpoint) {
        // A continuation keeps the bytes up to the old offset: same head, same tail, a line end.
        const Checkpoint &old = *plan.checkpoint;
        QString head, tail;
        char before = '\n';
        const bool fits = old.offset <= cp.size && (old.offset == 0 || file.readFully(&before, 1, old.offset - 1));
        if (fits && before == '\n' && CheckpointStore::hashWindows(file, old.offset, head, tail) &&
            head == old.headHash && tail == old.tailHash) {
            cp.offset = old.offset;
            cp.lines = old.lines;
            cp.badLines = old.badLines;
            state = old.state;
        } else {
            chunk.reset = true;
        }
    }
    if (m_job.source == AgentLogSource::Codex) {
        m_codex.setFile(plan.file, state);
    } else {
        m_claude.setFile(plan.file);
    }
    LogReader reader(file, cp.offset, cp.size, simdjson::SIMDJSON_PADDING, m_readBuffer);
    reserveFor(chunk, cp.size - cp.offset);
    LogReader::Line line;
    std::int64_t lineNo = cp.lines;
    std::int64_t readTo = cp.offset;
    std::int64_t bad = cp.badLines;
    const auto finish = [&](FileChunk &c) {
        c.checkpoint = cp;
        c.checkpoint.offset = readTo;
        c.checkpoint.lines = lineNo;
        c.checkpoint.badLines = bad;
        c.checkpoint.state = m_job.source == AgentLogSource::Codex ? m_codex.state() : QString();
        // Windows that cannot be read leave a hash empty: the next import then finds no continuation and reads
        // the file from its start again, which is always correct.
        (void)CheckpointStore::hashWindows(file, readTo, c.checkpoint.headHash, c.checkpoint.tailHash);
    };
    const auto chunkSize = static_cast<size_t>(m_job.options->chunkEvents);
    while (reader.next(line)) {
        if (!line.terminated) {
            // A last line without its newline may still be being written. It is not consumed (the
            // checkpoint stays before it), but a complete request in it is imported now: reading
            // it again later gives the same request, which changes nothing.
            finish(chunk);
            handleLine(line.text, lineNo + 1, chunk, bad, path, collectIds, false);
            chunk.bytes += reader.bytesRead();
            chunk.last = true;
            m_stopped = !push(chunk);
            return;
        }
        ++lineNo;
        ++chunk.lines;
        handleLine(line.text, lineNo, chunk, bad, path, collectIds, true);
        readTo = line.end;
        if (chunk.candidates.size() >= chunkSize) {
            finish(chunk);
            // Not the whole file yet: a size short of the file's makes the next import continue
            // it, should this one stop after committing this chunk (cancelled, killed) and the
            // file never change again. (With the file's size it would look unchanged.)
            chunk.checkpoint.size = readTo;
            chunk.bytes = reader.bytesRead();
            if (!push(chunk)) {
                m_stopped = true;
                return;
            }
            chunk = FileChunk();
            chunk.plan = planIndex;
            reserveFor(chunk, cp.size - readTo);
            const std::int64_t sent = reader.bytesRead();
            chunk.bytes = -sent; // only the bytes read after this point count for the next chunk
        }
    }
    if (reader.hasError()) {
        chunk.failure = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
    }
    finish(chunk);
    chunk.bytes += reader.bytesRead();
    chunk.last = true;
    m_stopped = !push(chunk);
}

} // namespace

void runParser(const ParseJob &job)
{
    // The writer limits an import and the parsers keep ahead of it: when the cores are short (other
    // work on the machine, the WAL checkpointer, the kernel's writeback), the writer should get them.
    thisthread::yieldPriority();
    GroupParser parser(job);
    for (;;) {
        const size_t g = job.nextGroup->fetch_add(1);
        if (g >= job.groups->size() || job.queue->isCancelled()) {
            break;
        }
        parser.run((*job.groups)[g]);
    }
    *job.cpuNs += thisthread::cpuNs();
    job.queue->producerDone();
}

} // namespace burnrate::detail
