#include "importers/eventimporter.h"

#include "importers/envelopeparser.h"
#include "importers/importerslog.h"
#include "importers/linereader.h"
#include "importers/writehold.h"
#include "ledger/checkpointer.h"
#include "ledger/database.h"
#include "ledger/eventdeltas.h"
#include "ledger/eventwriter.h"
#include "ledger/ledger.h"
#include "pricing/pricer.h"
#include "util/graveyard.h"
#include "util/localcalendar.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace burnrate {

namespace {

bool isBlank(std::string_view line)
{
    for (char c : line) {
        if (c != ' ' && c != '\t' && c != '\r') {
            return false;
        }
    }
    return true;
}

EventImporter::Format formatFromName(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv")) {
        return EventImporter::Format::Csv;
    }
    if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson") || suffix == QLatin1String("json")) {
        return EventImporter::Format::Jsonl;
    }
    return EventImporter::Format::Auto;
}

} // namespace

EventImporter::EventImporter(Ledger &ledger, QString sourceName, const PriceBook *book, int batchSize)
    : m_ledger(ledger)
    , m_source(std::move(sourceName))
    , m_book(book)
    , m_batchSize(batchSize)
{}

Status EventImporter::importPath(const QString &path, Format format, ImportSummary &summary)
{
    QFile file;
    QString display = path;
    if (path == QLatin1String("-")) {
        display = QStringLiteral("<stdin>");
        if (!file.open(stdin, QIODevice::ReadOnly)) {
            return Status::failure(QStringLiteral("cannot read standard input: %1").arg(file.errorString()));
        }
    } else {
        if (QFileInfo(path).isDir()) {
            return Status::failure(QStringLiteral("%1 is a folder, not an events file").arg(path));
        }
        file.setFileName(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return Status::failure(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        }
        if (format == Format::Auto) {
            format = formatFromName(path);
        }
    }
    return importDevice(file, display, format, summary);
}

namespace {

constexpr int HandOverBatch = 1024;

// One batch of parsed lines handed from the parser thread to the writer.
struct ParsedBatch
{
    std::vector<EventRecord> events;
    EventDeltas deltas; // what `events` add to the rollups if all of them are new (gathered by the parser)
    std::vector<ImportIssue> issues;
    std::int64_t lines = 0;
    QString fatal; // a problem that stops the import (unreadable input, bad CSV header)
    bool last = false;
};

// A bounded hand-over queue: the parser runs ahead of the writer by at most `capacity` batches.
class BatchQueue
{
public:
    explicit BatchQueue(size_t capacity)
        : m_capacity(capacity)
    {}
    bool push(ParsedBatch batch)
    {
        m_spent.sweep(); // freed here, on the parser thread, which has time to spare
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_queue.size() < m_capacity || m_cancelled; });
        if (m_cancelled) {
            return false;
        }
        m_queue.push_back(std::move(batch));
        m_notEmpty.notify_one();
        return true;
    }
    ParsedBatch pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_queue.empty(); });
        ParsedBatch b = std::move(m_queue.front());
        m_queue.pop_front();
        m_notFull.notify_one();
        return b;
    }
    // The writer hands back the events it stored; the parser thread frees them.
    void recycle(std::vector<EventRecord> events) { m_spent.bury(std::move(events)); }
    void cancel()
    {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        m_notFull.notify_all();
    }

private:
    size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<ParsedBatch> m_queue;
    Graveyard<std::vector<EventRecord>> m_spent;
    bool m_cancelled = false;
};

void parseAll(QIODevice &device, const QString &displayName, EventImporter::Format format, const QString &source,
              const PriceBook *book, LocalCalendar calendar, int batchSize, BatchQueue &queue)
{
    LineReader reader(device, simdjson::SIMDJSON_PADDING);
    EnvelopeParser parser(source);
    // This thread's own Pricer (it caches model lookups) over the shared, immutable book.
    std::optional<Pricer> pricer;
    if (book) {
        pricer.emplace(*book);
    }
    bool csvHeaderSeen = false;
    ParsedBatch batch;
    std::string_view line;
    while (reader.next(line)) {
        if (isBlank(line)) {
            continue;
        }
        if (format == EventImporter::Format::Auto) {
            const auto first = line.find_first_not_of(" \t\xEF\xBB\xBF");
            format = first != std::string_view::npos && line[first] == '{' ? EventImporter::Format::Jsonl
                                                                           : EventImporter::Format::Csv;
        }
        if (format == EventImporter::Format::Csv && !csvHeaderSeen) {
            csvHeaderSeen = true;
            if (auto st = parser.setCsvHeader(line); !st) {
                batch.fatal = QStringLiteral("%1:%2: %3").arg(displayName).arg(reader.lineNumber()).arg(st.error());
                break;
            }
            continue;
        }
        ++batch.lines;
        auto event = format == EventImporter::Format::Csv ? parser.parseCsvLine(line) : parser.parseJsonLine(line);
        if (event) {
            if (pricer) {
                pricer->priceEvent(event.value());
            } else {
                Pricer::applyReportedCost(event.value());
            }
            event->seal(); // after pricing: the fingerprint covers the cost and price_ref
            batch.deltas.add(calendar, *event, +1);
            if (batch.events.empty()) {
                batch.events.reserve(static_cast<size_t>(batchSize));
            }
            batch.events.push_back(std::move(event).value());
        } else {
            batch.issues.push_back({QStringLiteral("%1:%2").arg(displayName).arg(reader.lineNumber()), event.error()});
        }
        if (static_cast<int>(batch.events.size()) >= batchSize) {
            if (!queue.push(std::move(batch))) {
                return;
            }
            batch = ParsedBatch();
        }
    }
    if (batch.fatal.isEmpty() && reader.hasError()) {
        batch.fatal = QStringLiteral("cannot read %1: %2").arg(displayName, reader.errorString());
    }
    batch.last = true;
    queue.push(std::move(batch));
}

// Writes one parsed batch in groups (one INSERT statement for EventWriter::GroupSize rows). Its
// rollup changes, gathered by the parser as though every event were new, are taken as they are
// when that is so; otherwise the inserted events are accounted one by one (updates are accounted
// by the writer itself, unchanged events not at all).
Status writeBatch(EventWriter &writer, const ParsedBatch &batch)
{
    const size_t count = batch.events.size();
    std::vector<EventWriter::Change> changes(count);
    std::array<const EventRecord *, EventWriter::GroupSize> group{};
    std::array<std::int64_t, EventWriter::GroupSize> ids{};
    for (size_t at = 0; at < count;) {
        const size_t n = std::min(EventWriter::GroupSize, count - at);
        for (size_t i = 0; i < n; ++i) {
            group[i] = &batch.events[at + i];
        }
        if (auto change = writer.upsertGroup(group.data(), n, ids.data(), changes.data() + at, {}); !change) {
            return Status::failure(change.error());
        }
        at += n;
    }
    writer.accountInserts(batch.deltas, changes.data(), count,
                          [&](size_t i) -> const EventRecord & { return batch.events[i]; });
    return okStatus();
}

} // namespace

Status EventImporter::importDevice(QIODevice &device, const QString &displayName, Format format, ImportSummary &summary)
{
    ++summary.files;
    // Parsing runs on its own thread, one batch ahead of the writer, which owns the ledger.
    // Hand-over batches are small (bounded memory); a write transaction spans many of them.
    BatchQueue queue(4);
    std::thread parserThread([&, calendar = m_ledger.calendar()] {
        parseAll(device, displayName, format, m_source, m_book, calendar, HandOverBatch, queue);
    });
    BackgroundCheckpointer checkpointer(m_ledger.db());
    Status result = okStatus();
    std::unique_ptr<EventWriter> writer;
    QElapsedTimer writerOpen;
    int inTransaction = 0;
    const auto commit = [&]() -> Status {
        if (!writer) {
            return okStatus();
        }
        auto st = writer->commit();
        if (st) {
            summary.inserted += writer->inserted();
            summary.updated += writer->updated();
            summary.unchanged += writer->unchanged();
        }
        writer.reset();
        inTransaction = 0;
        checkpointer.committed(); // the WAL starts again once it holds a few batches
        return st;
    };
    for (;;) {
        ParsedBatch batch = queue.pop();
        summary.lines += batch.lines;
        for (auto &issue : batch.issues) {
            ++summary.rejected;
            if (summary.issues.size() < ImportSummary::MaxIssuesKept) {
                summary.issues.append(std::move(issue));
            }
        }
        if (!batch.events.empty() && !writer) {
            writer = std::make_unique<EventWriter>(m_ledger.db(), m_ledger.calendar());
            writerOpen.start();
            writer->setCallerAccountsInserts(true);
            if (!writer->isActive()) {
                result =
                    Status::failure(QStringLiteral("cannot write to the ledger: %1").arg(m_ledger.db().lastError()));
            }
        }
        if (result && !batch.events.empty()) {
            // A transaction holds whole batches: the batch's rollup changes go in with its events.
            result = writeBatch(*writer, batch);
            inTransaction += static_cast<int>(batch.events.size());
            if (result && (inTransaction >= m_batchSize || writerOpen.elapsed() >= MaxImportWriteHoldMs)) {
                result = commit();
            }
        }
        queue.recycle(std::move(batch.events));
        if (result && !batch.fatal.isEmpty()) {
            result = Status::failure(batch.fatal);
        }
        if (!result || batch.last) {
            break;
        }
    }
    if (result) {
        result = commit();
    }
    writer.reset(); // an uncommitted batch rolls back
    queue.cancel();
    parserThread.join();
    if (result) {
        qCDebug(lcImporters) << "events" << displayName << "into" << m_source << "- so far:" << summary.inserted
                             << "new," << summary.rejected << "lines rejected";
    } else {
        qCDebug(lcImporters) << "events" << displayName << "stopped:" << result.error();
    }
    return result;
}

} // namespace burnrate
