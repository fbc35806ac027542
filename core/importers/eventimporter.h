#ifndef BURNRATE_CORE_IMPORTERS_EVENTIMPORTER_H
#define BURNRATE_CORE_IMPORTERS_EVENTIMPORTER_H

#include "util/result.h"

#include <QList>
#include <QString>

#include <cstdint>

class QIODevice;

namespace burnrate {

class Ledger;
class PriceBook;

struct ImportIssue
{
    QString location; // file:line
    QString reason;
};

struct ImportSummary
{
    static constexpr int MaxIssuesKept = 1000;

    std::int64_t files = 0;
    std::int64_t lines = 0; // non-blank lines read
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t rejected = 0;
    QList<ImportIssue> issues; // the first MaxIssuesKept rejected lines

    std::int64_t accepted() const { return inserted + updated + unchanged; }
};

// Imports event envelopes (JSONL or CSV) into the ledger: idempotent on (source, request_id); bad
// lines are counted, kept as issues and skipped; good lines are committed in batches, each batch
// one transaction together with its rollups.
class EventImporter final
{
public:
    enum class Format
    {
        Auto,
        Jsonl,
        Csv
    };

    // With a price book, every event is priced at import (its own Pricer on the parser thread);
    // without one, an event keeps the cost its source reported, else it is unpriced. `batchSize` is
    // the events per write transaction: few, large transactions rewrite each index page once instead
    // of once per small batch, but WAL checkpoints run after commits, so a transaction much larger than
    // the checkpoint size leaves one large checkpoint (and its fsync) to the end. A transaction is also committed
    // once it has been open 150 ms (about 200 ms with its commit), so that other writers never wait long.
    EventImporter(Ledger &ledger, QString sourceName, const PriceBook *book = nullptr, int batchSize = 60000);

    // `path` "-" reads standard input.
    Status importPath(const QString &path, Format format, ImportSummary &summary);
    Status importDevice(QIODevice &device, const QString &displayName, Format format, ImportSummary &summary);

private:
    Ledger &m_ledger;
    QString m_source;
    const PriceBook *m_book;
    int m_batchSize;
};

} // namespace burnrate

#endif // BURNRATE_CORE_IMPORTERS_EVENTIMPORTER_H
