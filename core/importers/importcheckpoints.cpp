#include "importers/importcheckpoints.h"

#include "ledger/database.h"

#include <QCryptographicHash>

#include <algorithm>
#include <vector>

namespace burnrate {

Result<QHash<QString, Checkpoint>> CheckpointStore::load(Database &db, const QString &source)
{
    Statement &s = db.cached("SELECT id, path, identity, size, mtime_ns, byte_offset, head_hash, tail_hash, line_count,"
                             " bad_lines, state FROM import_checkpoints WHERE source = ?1");
    s.bind(1, source);
    QHash<QString, Checkpoint> out;
    Statement::Step step;
    while ((step = s.step()) == Statement::Step::Row) {
        Checkpoint cp;
        cp.id = s.int64(0);
        cp.path = s.text(1);
        cp.identity = s.text(2);
        cp.size = s.int64(3);
        cp.mtimeNs = s.int64(4);
        cp.offset = s.int64(5);
        cp.headHash = s.text(6);
        cp.tailHash = s.text(7);
        cp.lines = s.int64(8);
        cp.badLines = s.int64(9);
        cp.state = s.text(10);
        out.insert(cp.path, std::move(cp));
    }
    s.reset();
    if (step == Statement::Step::Error) {
        return Result<QHash<QString, Checkpoint>>::failure(
            QStringLiteral("cannot read import checkpoints: %1").arg(db.lastError()));
    }
    return out;
}

Result<std::int64_t> CheckpointStore::save(Database &db, const QString &source, const Checkpoint &cp)
{
    Statement &s = db.cached(
        "INSERT INTO import_checkpoints (source, path, identity, size, mtime_ns, byte_offset, head_hash, tail_hash,"
        " line_count, bad_lines, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
        " ON CONFLICT (source, path) DO UPDATE SET identity = excluded.identity, size = excluded.size,"
        " mtime_ns = excluded.mtime_ns, byte_offset = excluded.byte_offset, head_hash = excluded.head_hash,"
        " tail_hash = excluded.tail_hash, line_count = excluded.line_count, bad_lines = excluded.bad_lines,"
        " state = excluded.state RETURNING id");
    s.bind(1, source);
    s.bind(2, cp.path);
    s.bind(3, cp.identity);
    s.bind(4, cp.size);
    s.bind(5, cp.mtimeNs);
    s.bind(6, cp.offset);
    s.bind(7, cp.headHash);
    s.bind(8, cp.tailHash);
    s.bind(9, cp.lines);
    s.bind(10, cp.badLines);
    s.bind(11, cp.state);
    if (s.step() != Statement::Step::Row) {
        s.reset();
        return Result<std::int64_t>::failure(
            QStringLiteral("cannot save an import checkpoint: %1").arg(db.lastError()));
    }
    const std::int64_t id = s.int64(0);
    s.reset();
    return id;
}

Status CheckpointStore::remove(Database &db, std::int64_t id)
{
    Statement &s = db.cached("DELETE FROM import_checkpoints WHERE id = ?1");
    s.bind(1, id);
    if (!s.exec()) {
        return Status::failure(QStringLiteral("cannot remove an import checkpoint: %1").arg(db.lastError()));
    }
    return okStatus();
}

QString CheckpointStore::hashBytes(const char *data, std::int64_t size)
{
    const QByteArray digest =
        QCryptographicHash::hash(QByteArrayView(data, static_cast<qsizetype>(size)), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.left(16).toHex());
}

bool CheckpointStore::hashWindows(PositionalFile &file, std::int64_t offset, QString &head, QString &tail)
{
    const std::int64_t n = std::min(offset, Checkpoint::HashWindow);
    std::vector<char> buffer(static_cast<size_t>(std::max<std::int64_t>(n, 1)));
    if (!file.readFully(buffer.data(), n, 0)) {
        return false;
    }
    head = hashBytes(buffer.data(), n);
    if (offset <= Checkpoint::HashWindow) {
        tail = head;
        return true;
    }
    if (!file.readFully(buffer.data(), n, offset - n)) {
        return false;
    }
    tail = hashBytes(buffer.data(), n);
    return true;
}

} // namespace burnrate
