#ifndef BURNRATE_CORE_IMPORTERS_IMPORTCHECKPOINTS_H
#define BURNRATE_CORE_IMPORTERS_IMPORTCHECKPOINTS_H

#include "util/positionalfile.h"
#include "util/result.h"

#include <QHash>
#include <QString>

#include <cstdint>

namespace burnrate {

class Database;

// How far one log file has been imported. Written in the same transaction as the events read up to
// `offset`, so that a killed import resumes exactly where its last commit ended.
struct Checkpoint
{
    static constexpr std::int64_t HashWindow = 4096;

    std::int64_t id = 0; // 0 = not stored yet
    QString path;
    QString identity; // device:inode
    std::int64_t size = 0;
    std::int64_t mtimeNs = 0;
    std::int64_t offset = 0;   // always just after a line end
    QString headHash;          // of bytes [0, min(offset, HashWindow))
    QString tailHash;          // of bytes [offset - min(offset, HashWindow), offset)
    std::int64_t lines = 0;    // lines before offset
    std::int64_t badLines = 0; // malformed lines before offset
    QString state;             // the parser's state at offset (Codex: model, cumulative usage)
};

class CheckpointStore final
{
public:
    // Every checkpoint of a source, by path.
    static Result<QHash<QString, Checkpoint>> load(Database &db, const QString &source);
    // Inserts or updates (by source and path); returns the checkpoint's id.
    static Result<std::int64_t> save(Database &db, const QString &source, const Checkpoint &cp);
    static Status remove(Database &db, std::int64_t id);

    // The hash a checkpoint keeps of some bytes of its file.
    static QString hashBytes(const char *data, std::int64_t size);
    // Reads the head and tail windows of an open file for a checkpoint at `offset`. False on a read
    // error or a file shorter than `offset`.
    [[nodiscard]] static bool hashWindows(PositionalFile &file, std::int64_t offset, QString &head, QString &tail);
};

} // namespace burnrate

#endif // BURNRATE_CORE_IMPORTERS_IMPORTCHECKPOINTS_H
