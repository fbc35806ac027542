#include "ledger/backups.h"

#include "ledger/database.h"
#include "ledger/ledgerlog.h"
#include "util/clock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace burnrate {

namespace {

constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions OwnerOnlyFolder = OwnerOnly | QFileDevice::ExeOwner;
const QString Prefix = QStringLiteral("ledger-");
const QString Suffix = QStringLiteral(".sqlite3");
const QString PartialSuffix = QStringLiteral(".partial");
const QString StampFormat = QStringLiteral("yyyyMMdd'T'HHmmss'Z'");
// How long a copy waits for a lock that another connection holds (a write in progress) before it gives up.
constexpr auto LockWait = std::chrono::seconds(60);

// An SQLite connection of its own, closed on every path.
struct Connection
{
    sqlite3 *db = nullptr;
    Connection() = default;
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;
    ~Connection() { sqlite3_close_v2(db); }
    QString error() const { return db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory"); }
};

QString stamp(const QDateTime &utc)
{
    return utc.toUTC().toString(StampFormat);
}

// Copies all of `from` into `to` in one step, retrying while either side is locked by another connection.
int backupAll(sqlite3 *to, sqlite3 *from)
{
    sqlite3_backup *backup = sqlite3_backup_init(to, "main", from, "main");
    if (!backup) {
        return sqlite3_errcode(to);
    }
    const auto until = std::chrono::steady_clock::now() + LockWait;
    int rc = SQLITE_OK;
    for (;;) {
        rc = sqlite3_backup_step(backup, -1);
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            continue;
        }
        break;
    }
    const int finished = sqlite3_backup_finish(backup);
    return rc == SQLITE_DONE ? finished : rc;
}

} // namespace

LedgerBackups::LedgerBackups(QString dataDir, const Clock &clock)
    : m_dataDir(std::move(dataDir))
    , m_clock(clock)
{}

QString LedgerBackups::folder() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("backups"));
}

QString LedgerBackups::ledgerPath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("ledger.sqlite3"));
}

QString LedgerBackups::check(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        return QStringLiteral("the file is missing");
    }
    Connection c;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &c.db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        return c.error();
    }
    sqlite3_busy_timeout(c.db, static_cast<int>(std::chrono::milliseconds(LockWait).count()));
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(c.db, "PRAGMA quick_check(3)", -1, &stmt, nullptr) != SQLITE_OK) {
        return c.error();
    }
    QStringList problems;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        problems << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) {
        return c.error();
    }
    if (problems == QStringList{QStringLiteral("ok")}) {
        return {};
    }
    return problems.join(QStringLiteral("; "));
}

Status LedgerBackups::copyInto(Database &ledger, const QString &target)
{
    const QString partial = target + PartialSuffix;
    QFile::remove(partial);
    {
        // Created owner-only before SQLite writes a byte of the ledger into it.
        QFile file(partial);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnly)) {
            return Status::failure(QStringLiteral("cannot create %1: %2").arg(partial, file.errorString()));
        }
    }
    const auto fail = [&](const QString &what) {
        QFile::remove(partial);
        return Status::failure(QStringLiteral("cannot write the backup %1: %2").arg(target, what));
    };
    {
        Connection copy;
        if (sqlite3_open_v2(QFile::encodeName(partial).constData(), &copy.db, SQLITE_OPEN_READWRITE, nullptr) !=
            SQLITE_OK) {
            return fail(copy.error());
        }
        if (backupAll(copy.db, ledger.handle()) != SQLITE_OK) {
            return fail(copy.error());
        }
        // A standalone file: no -wal beside it, synced to the disk before it gets its name.
        if (sqlite3_exec(copy.db, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;", nullptr, nullptr, nullptr) !=
            SQLITE_OK) {
            return fail(copy.error());
        }
    }
    if (const QString problem = check(partial); !problem.isEmpty()) {
        return fail(QStringLiteral("the copy does not pass quick_check (%1)").arg(problem));
    }
    if (!QFile::rename(partial, target)) {
        return fail(QStringLiteral("cannot rename %1").arg(partial));
    }
    return okStatus();
}

Result<BackupEntry> LedgerBackups::create(Database &ledger)
{
    auto made = take(ledger);
    if (made) {
        prune();
    }
    return made;
}

Result<BackupEntry> LedgerBackups::take(Database &ledger)
{
    using R = Result<BackupEntry>;
    const QDir dir(folder());
    if (!QDir().mkpath(dir.path())) {
        return R::failure(QStringLiteral("cannot create the backups folder %1").arg(dir.path()));
    }
    QFile::setPermissions(dir.path(), OwnerOnlyFolder);
    const QDateTime now = m_clock.nowUtc();
    QString id = stamp(now);
    for (int n = 2; QFileInfo::exists(dir.filePath(Prefix + id + Suffix)); ++n) {
        id = stamp(now) + QLatin1Char('-') + QString::number(n);
    }
    const QString path = dir.filePath(Prefix + id + Suffix);
    if (auto st = copyInto(ledger, path); !st) {
        qCDebug(lcLedger).noquote() << "backup failed:" << st.error();
        return R::failure(st.error());
    }
    BackupEntry entry{id, path, QDateTime::fromString(id.left(16), StampFormat), QFileInfo(path).size()};
    entry.takenAtUtc.setTimeSpec(Qt::UTC);
    qCDebug(lcLedger).noquote() << "backup" << id << "written," << entry.bytes << "bytes";
    return entry;
}

Result<std::optional<BackupEntry>> LedgerBackups::createIfDue(Database &ledger)
{
    using R = Result<std::optional<BackupEntry>>;
    const QList<BackupEntry> all = list();
    if (!all.isEmpty() && all.first().takenAtUtc.msecsTo(m_clock.nowUtc()) < AutomaticIntervalMs) {
        return std::optional<BackupEntry>();
    }
    auto made = create(ledger);
    if (!made) {
        return R::failure(made.error());
    }
    return std::optional<BackupEntry>(std::move(made).value());
}

QList<BackupEntry> LedgerBackups::list() const
{
    QList<BackupEntry> out;
    const QDir dir(folder());
    for (const QFileInfo &info : dir.entryInfoList({Prefix + QLatin1Char('*') + Suffix}, QDir::Files)) {
        const QString name = info.fileName();
        const QString id = name.mid(Prefix.size(), name.size() - Prefix.size() - Suffix.size());
        QDateTime taken = QDateTime::fromString(id.left(16), StampFormat);
        if (!taken.isValid()) {
            continue; // not one of ours
        }
        taken.setTimeSpec(Qt::UTC);
        out.append({id, info.filePath(), taken, info.size()});
    }
    std::sort(out.begin(), out.end(), [](const BackupEntry &a, const BackupEntry &b) {
        if (a.takenAtUtc != b.takenAtUtc) {
            return a.takenAtUtc > b.takenAtUtc;
        }
        // "…Z-10" after "…Z-9": the suffix counts.
        return a.id.size() != b.id.size() ? a.id.size() > b.id.size() : a.id > b.id;
    });
    return out;
}

std::optional<BackupEntry> LedgerBackups::find(const QString &id) const
{
    for (const BackupEntry &e : list()) {
        if (e.id == id) {
            return e;
        }
    }
    return std::nullopt;
}

std::optional<BackupEntry> LedgerBackups::newestGood() const
{
    for (const BackupEntry &e : list()) {
        if (check(e.path).isEmpty()) {
            return e;
        }
    }
    return std::nullopt;
}

void LedgerBackups::prune()
{
    const QList<BackupEntry> all = list();
    QSet<QString> keep;
    QList<QDate> days;
    QList<int> weeks;
    for (const BackupEntry &e : all) {
        const QDate day = e.takenAtUtc.date();
        if (!days.contains(day) && days.size() < KeptDays) {
            days.append(day);
            keep.insert(e.id);
        }
        int year = 0;
        const int week = day.weekNumber(&year);
        const int weekKey = year * 100 + week;
        if (!weeks.contains(weekKey) && weeks.size() < KeptWeeks) {
            weeks.append(weekKey);
            keep.insert(e.id);
        }
    }
    for (const BackupEntry &e : all) {
        if (!keep.contains(e.id)) {
            qCDebug(lcLedger).noquote() << "backup" << e.id << "removed by the retention";
            QFile::remove(e.path);
        }
    }
    // Copies that a killed process left unfinished.
    const QDir dir(folder());
    for (const QFileInfo &info : dir.entryInfoList({Prefix + QLatin1Char('*') + PartialSuffix}, QDir::Files)) {
        QFile::remove(info.filePath());
    }
}

Result<QString> LedgerBackups::moveAside()
{
    using R = Result<QString>;
    const QDateTime now = m_clock.nowUtc();
    QString target = QDir(m_dataDir).filePath(QStringLiteral("damaged-") + stamp(now));
    for (int n = 2; QFileInfo::exists(target); ++n) {
        target = QDir(m_dataDir).filePath(QStringLiteral("damaged-%1-%2").arg(stamp(now)).arg(n));
    }
    if (!QDir().mkpath(target)) {
        return R::failure(QStringLiteral("cannot create %1").arg(target));
    }
    QFile::setPermissions(target, OwnerOnlyFolder);
    const QString ledger = ledgerPath();
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (!QFileInfo::exists(ledger + suffix)) {
            continue;
        }
        const QString moved = QDir(target).filePath(QFileInfo(ledger).fileName() + suffix);
        if (!QFile::rename(ledger + suffix, moved)) {
            return R::failure(QStringLiteral("cannot move %1 to %2").arg(ledger + suffix, moved));
        }
    }
    qCDebug(lcLedger).noquote() << "damaged ledger moved to" << target;
    return target;
}

Result<RestoreOutcome> LedgerBackups::restore(const QString &id)
{
    using R = Result<RestoreOutcome>;
    const auto entry = find(id);
    if (!entry) {
        return R::failure(QStringLiteral("there is no backup %1 (see burnrate backup list)").arg(id));
    }
    if (const QString problem = check(entry->path); !problem.isEmpty()) {
        return R::failure(QStringLiteral("the backup %1 is damaged (%2); choose another one").arg(id, problem));
    }
    RestoreOutcome outcome;
    outcome.restored = *entry;
    const QString ledger = ledgerPath();
    if (QFileInfo::exists(ledger) && check(ledger).isEmpty()) {
        // Healthy: keep it as a backup first, then copy the backup's pages over it through the ledger's own
        // connection, which takes the write lock like any writer.
        auto db = Database::open(ledger);
        if (!db) {
            return R::failure(db.error());
        }
        // Not pruned now: the retention could take the very backup being restored.
        auto previous = take(**db);
        if (!previous) {
            return R::failure(
                QStringLiteral("cannot keep the current ledger before restoring: %1").arg(previous.error()));
        }
        outcome.previous = std::move(previous).value();
        Connection source;
        if (sqlite3_open_v2(QFile::encodeName(entry->path).constData(), &source.db, SQLITE_OPEN_READONLY, nullptr) !=
            SQLITE_OK) {
            return R::failure(QStringLiteral("cannot read the backup %1: %2").arg(id, source.error()));
        }
        if (backupAll((*db)->handle(), source.db) != SQLITE_OK) {
            return R::failure(QStringLiteral("cannot restore the backup %1: %2 (the ledger is unchanged)")
                                  .arg(id, (*db)->lastError()));
        }
        qCDebug(lcLedger).noquote() << "restored backup" << id << "over the ledger";
        return outcome;
    }
    if (QFileInfo::exists(ledger)) {
        auto moved = moveAside();
        if (!moved) {
            return R::failure(moved.error());
        }
        outcome.movedAside = std::move(moved).value();
    }
    // No ledger (or a damaged one, now aside): the backup's file, copied under a temporary name and then renamed.
    const QString partial = ledger + PartialSuffix;
    QFile::remove(partial);
    if (!QFile::copy(entry->path, partial)) {
        QFile::remove(partial);
        return R::failure(QStringLiteral("cannot copy the backup %1 to %2").arg(id, partial));
    }
    QFile::setPermissions(partial, OwnerOnly);
    if (!QFile::rename(partial, ledger)) {
        QFile::remove(partial);
        return R::failure(QStringLiteral("cannot put the backup %1 in place of %2").arg(id, ledger));
    }
    qCDebug(lcLedger).noquote() << "restored backup" << id << "as the ledger";
    return outcome;
}

} // namespace burnrate
