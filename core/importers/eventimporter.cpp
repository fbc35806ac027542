#include "importers/eventimporter.h"

#include "importers/envelopeparser.h"
#include "importers/linereader.h"
#include "ledger/database.h"
#include "ledger/eventwriter.h"
#include "ledger/ledger.h"

#include <QFile>
#include <QFileInfo>

#include <simdjson.h>

#include <memory>

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

EventImporter::EventImporter(Ledger &ledger, QString sourceName, int batchSize)
    : m_ledger(ledger)
    , m_source(std::move(sourceName))
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

Status EventImporter::importDevice(QIODevice &device, const QString &displayName, Format format,
                                   ImportSummary &summary)
{
    ++summary.files;
    LineReader reader(device, simdjson::SIMDJSON_PADDING);
    EnvelopeParser parser(m_source);
    std::unique_ptr<EventWriter> writer;
    int inBatch = 0;
    bool csvHeaderSeen = false;
    const auto flush = [&]() -> Status {
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
        inBatch = 0;
        return st;
    };
    const auto reject = [&](std::int64_t line, const QString &reason) {
        ++summary.rejected;
        if (summary.issues.size() < ImportSummary::MaxIssuesKept) {
            summary.issues.append({QStringLiteral("%1:%2").arg(displayName).arg(line), reason});
        }
    };

    std::string_view line;
    while (reader.next(line)) {
        if (isBlank(line)) {
            continue;
        }
        if (format == Format::Auto) {
            const auto first = line.find_first_not_of(" \t\xEF\xBB\xBF");
            format = first != std::string_view::npos && line[first] == '{' ? Format::Jsonl : Format::Csv;
        }
        if (format == Format::Csv && !csvHeaderSeen) {
            csvHeaderSeen = true;
            if (auto st = parser.setCsvHeader(line); !st) {
                return Status::failure(QStringLiteral("%1:%2: %3").arg(displayName).arg(reader.lineNumber()).arg(st.error()));
            }
            continue;
        }
        ++summary.lines;
        auto event = format == Format::Csv ? parser.parseCsvLine(line) : parser.parseJsonLine(line);
        if (!event) {
            reject(reader.lineNumber(), event.error());
            continue;
        }
        if (!writer) {
            writer = std::make_unique<EventWriter>(m_ledger.db(), m_ledger.calendar());
            if (!writer->isActive()) {
                return Status::failure(QStringLiteral("cannot write to the ledger: %1").arg(m_ledger.db().lastError()));
            }
        }
        if (auto change = writer->upsert(*event); !change) {
            return Status::failure(change.error());
        }
        if (++inBatch >= m_batchSize) {
            if (auto st = flush(); !st) {
                return st;
            }
        }
    }
    if (reader.hasError()) {
        return Status::failure(QStringLiteral("cannot read %1: %2").arg(displayName, reader.errorString()));
    }
    return flush();
}

} // namespace burnrate
