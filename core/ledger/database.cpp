#include "ledger/database.h"

#include "ledger/ledgerlog.h"
#include "util/checkedsum.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtNumeric>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <thread>

namespace burnrate {

namespace {

QString sqliteMessage(sqlite3 *db)
{
    return QString::fromUtf8(sqlite3_errmsg(db));
}

// Creates the file readable and writable by its owner only (0600 on POSIX systems) before SQLite opens
// it, and takes away any wider access an existing one has; SQLite gives its -wal and -shm companions
// the same mode as the database file.
Status ensureOwnerOnlyFile(const QString &path)
{
    constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite, OwnerOnly)) {
        return Status::failure(QStringLiteral("cannot create the ledger %1: %2").arg(path, file.errorString()));
    }
    file.close();
    // Best effort: a file system without permissions (FAT) keeps its own.
    (void)QFile::setPermissions(path, OwnerOnly);
    return okStatus();
}

// checked_add(a, b): a + b for the rollups' running totals, failing the statement (and so its transaction) when
// the sum does not fit 64 bits, where SQLite's own + would turn it into an inexact floating-point value. NULL in,
// NULL out, like +.
void sqlCheckedAdd(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    if (sqlite3_value_type(argv[0]) != SQLITE_INTEGER || sqlite3_value_type(argv[1]) != SQLITE_INTEGER) {
        sqlite3_result_error(ctx, "checked_add: a total is not an integer", -1);
        return;
    }
    std::int64_t sum = 0;
    if (qAddOverflow(static_cast<std::int64_t>(sqlite3_value_int64(argv[0])),
                     static_cast<std::int64_t>(sqlite3_value_int64(argv[1])), &sum)) {
        sqlite3_result_error(ctx, "a total is too large to hold in 64 bits", -1);
        return;
    }
    sqlite3_result_int64(ctx, sum);
}

// checked_sum(value, what): SUM(value) for reports and budgets, failing the statement with sumOverflowMessage(what)
// ("the total of input tokens exceeds ...") when the total does not fit 64 bits, where SUM() fails with a bare
// "integer overflow". A value that is not an integer (an inexact REAL an unchecked + left in a table) fails it the
// same way. NULLs are skipped; no value at all gives NULL, like SUM().
struct CheckedSumState
{
    std::int64_t sum;
    bool any;
};

void checkedSumStep(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    auto *state = static_cast<CheckedSumState *>(sqlite3_aggregate_context(ctx, sizeof(CheckedSumState)));
    if (!state) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    const int type = sqlite3_value_type(argv[0]);
    if (type == SQLITE_NULL) {
        return;
    }
    if (type != SQLITE_INTEGER ||
        qAddOverflow(state->sum, static_cast<std::int64_t>(sqlite3_value_int64(argv[0])), &state->sum)) {
        const auto *what = reinterpret_cast<const char *>(sqlite3_value_text(argv[1]));
        const QByteArray message =
            sumOverflowMessage(what ? QString::fromUtf8(what) : QStringLiteral("a column")).toUtf8();
        sqlite3_result_error(ctx, message.constData(), static_cast<int>(message.size()));
        return;
    }
    state->any = true;
}

void checkedSumFinal(sqlite3_context *ctx)
{
    const auto *state = static_cast<CheckedSumState *>(sqlite3_aggregate_context(ctx, 0));
    if (!state || !state->any) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_int64(ctx, state->sum);
}

// Process-wide SQLite settings, applied once before the library initialises: no memory
// statistics (they take a global mutex on every allocation, and nothing here reads them).
void configureSqliteOnce()
{
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return sqlite3_initialize() == SQLITE_OK;
    }();
    (void)configured;
}

} // namespace

Statement::Statement(Database *db, sqlite3_stmt *stmt)
    : m_db(db)
    , m_stmt(stmt)
    // Sized once: SQLite keeps pointers into these buffers (SQLITE_STATIC), so they must never move.
    , m_utf8(static_cast<size_t>(sqlite3_bind_parameter_count(stmt)) + 1)
    , m_utf8Source(m_utf8.size())
{}

Statement::~Statement()
{
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
    }
}

Statement::Statement(Statement &&other) noexcept
    : m_db(other.m_db)
    , m_stmt(other.m_stmt)
    , m_utf8(std::move(other.m_utf8))
    , m_utf8Source(std::move(other.m_utf8Source))
{
    other.m_stmt = nullptr;
}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        if (m_stmt) {
            sqlite3_finalize(m_stmt);
        }
        m_db = other.m_db;
        m_stmt = other.m_stmt;
        m_utf8 = std::move(other.m_utf8);
        m_utf8Source = std::move(other.m_utf8Source);
        other.m_stmt = nullptr;
    }
    return *this;
}

void Statement::bindInt64(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void Statement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
}

void Statement::bind(int index, const QString &value)
{
    if (value.isNull()) {
        sqlite3_bind_null(m_stmt, index);
        return;
    }
    // Converted into this parameter's own buffer, which outlives the step (SQLITE_STATIC).
    const auto slot = static_cast<size_t>(index);
    if (slot >= m_utf8.size()) {
        sqlite3_bind_null(m_stmt, index); // out of range: let SQLite report the misuse on step
        return;
    }
    std::string &buf = m_utf8[slot];
    if (!value.isSharedWith(m_utf8Source[slot]) || value.size() != m_utf8Source[slot].size()) {
        m_utf8Source[slot] = value;
        const QChar *p = value.constData();
        const auto n = static_cast<size_t>(value.size());
        buf.resize(n);
        char *out = buf.data();
        size_t i = 0;
        for (; i < n && p[i].unicode() < 0x80; ++i) { // ASCII fast path
            out[i] = static_cast<char>(p[i].unicode());
        }
        if (i < n) {
            buf.resize(i);
            buf += value.mid(static_cast<qsizetype>(i)).toStdString();
        }
    }
    sqlite3_bind_text(m_stmt, index, buf.data(), static_cast<int>(buf.size()), SQLITE_STATIC);
}

void Statement::bind(int index, std::string_view utf8)
{
    sqlite3_bind_text(m_stmt, index, utf8.data(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
}

void Statement::bindStatic(int index, std::string_view utf8)
{
    sqlite3_bind_text(m_stmt, index, utf8.data(), static_cast<int>(utf8.size()), SQLITE_STATIC);
}

void Statement::bind(int index, std::optional<std::int64_t> value)
{
    if (value) {
        bindInt64(index, *value);
    } else {
        bindNull(index);
    }
}

void Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

Statement::Step Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return Step::Row;
    }
    if (rc == SQLITE_DONE) {
        return Step::Done;
    }
    if (m_db) {
        m_db->noteFailure(rc);
    }
    return Step::Error;
}

bool Statement::exec()
{
    Step s;
    while ((s = step()) == Step::Row) {
    }
    const bool ok = s == Step::Done;
    sqlite3_reset(m_stmt);
    return ok;
}

void Statement::reset()
{
    if (!m_stmt) {
        return; // a statement that did not prepare (Database::cached keeps those too) has nothing to reset
    }
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

std::optional<std::int64_t> Statement::optionalInt64(int column) const
{
    if (isNull(column)) {
        return std::nullopt;
    }
    return int64(column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!data) {
        return QString();
    }
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

std::string_view Statement::textView(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!data) {
        return {};
    }
    return {data, static_cast<size_t>(sqlite3_column_bytes(m_stmt, column))};
}

Database::Database(sqlite3 *db, QString path, Options options)
    : m_db(db)
    , m_path(std::move(path))
    , m_options(std::move(options))
{}

// Waits for another connection's lock in growing steps (short at first: most holds end within a few
// milliseconds), up to the busy timeout, and tells the owner once when the wait becomes noticeable.
int Database::busyHandler(void *self, int count)
{
    static constexpr std::array<int, 12> StepsMs = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
    auto *db = static_cast<Database *>(self);
    const auto now = std::chrono::steady_clock::now();
    if (count == 0) {
        db->m_waitStart = now;
    }
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now - db->m_waitStart).count();
    if (waited >= db->m_options.busyTimeoutMs) {
        return 0;
    }
    if (waited >= WaitNoticeMs && !db->m_waitNoticed) {
        db->m_waitNoticed = true;
        if (db->m_options.onWaiting) {
            db->m_options.onWaiting();
        }
    }
    const int step = StepsMs[std::min<size_t>(static_cast<size_t>(count), StepsMs.size() - 1)];
    std::this_thread::sleep_for(std::chrono::milliseconds(
        std::min<std::int64_t>(step, static_cast<std::int64_t>(db->m_options.busyTimeoutMs) - waited)));
    return 1;
}

void Database::writeLockReleased(std::chrono::steady_clock::time_point since)
{
    const auto held =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - since).count();
    m_longestWriteHoldMs = std::max<std::int64_t>(m_longestWriteHoldMs, held);
    if (held > LongWriteHoldMs) {
        qCDebug(lcLedger) << "held the write lock for" << held << "ms";
    }
}

void Database::noteFailure(int code)
{
    const int primary = code & 0xff;
    if ((primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) && !m_damaged) {
        m_damaged = true;
        const QString message = sqliteMessage(m_db);
        qCDebug(lcLedger).noquote() << "the ledger" << m_path << "is damaged:" << message;
        if (m_options.onDamaged) {
            m_options.onDamaged(message);
        }
    }
}

bool Database::lastErrorWasBusy() const
{
    return (sqlite3_extended_errcode(m_db) & 0xff) == SQLITE_BUSY;
}

Database::~Database()
{
    m_cache.clear();
    sqlite3_close_v2(m_db);
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, Options options)
{
    const bool memory = path == QStringLiteral(":memory:");
    if (!memory && !options.readOnly) {
        const QFileInfo info(path);
        if (!QDir().mkpath(info.absolutePath())) {
            return Result<std::unique_ptr<Database>>::failure(
                QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));
        }
        if (auto st = ensureOwnerOnlyFile(path); !st) {
            return Result<std::unique_ptr<Database>>::failure(st.error());
        }
    }
    configureSqliteOnce();
    sqlite3 *raw = nullptr;
    const int flags =
        (options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
    const QByteArray name = memory ? QByteArray(":memory:") : QFile::encodeName(path);
    const int rc = sqlite3_open_v2(name.constData(), &raw, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString message = raw ? sqliteMessage(raw) : QStringLiteral("out of memory");
        sqlite3_close_v2(raw);
        return Result<std::unique_ptr<Database>>::failure(
            QStringLiteral("cannot open the ledger %1: %2").arg(path, message));
    }
    std::unique_ptr<Database> db(new Database(raw, path, options));
    sqlite3_busy_handler(raw, &Database::busyHandler, db.get());
    // Larger lookaside slots serve most of a statement's small allocations without malloc.
    sqlite3_db_config(raw, SQLITE_DBCONFIG_LOOKASIDE, nullptr, 512, 256);
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_create_function(raw, "checked_add", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                            sqlCheckedAdd, nullptr, nullptr);
    sqlite3_create_function(raw, "checked_sum", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                            nullptr, checkedSumStep, checkedSumFinal);
    std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;";
    if (!memory && !options.readOnly) {
        // A 64 MiB page cache keeps bulk imports from re-reading index pages. 64 KiB pages, SQLite's
        // largest (for a new file; an existing one keeps its own): B-trees one level shallower, fewer
        // splits and WAL frames than with the default 4 KiB, so bulk imports spend less time in SQLite.
        // Reads are cached in bytes (cache_size), not in pages.
        pragmas += "PRAGMA page_size=65536; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                   "PRAGMA cache_size=-65536;";
    }
    if (auto st = db->exec(pragmas); !st) {
        return Result<std::unique_ptr<Database>>::failure(
            QStringLiteral("cannot open the ledger %1: %2").arg(path, st.error()));
    }
    if (!memory && !options.readOnly) {
        // Checkpoints every ~32 MiB of WAL: a page a large import keeps changing is copied back once per
        // checkpoint, so fewer checkpoints mean less copy work.
        sqlite3_wal_autocheckpoint(raw, db->walPages(WalCheckpointBytes));
    }
    return db;
}

Status Database::exec(std::string_view sql)
{
    const std::string copy(sql);
    char *err = nullptr;
    if (const int rc = sqlite3_exec(m_db, copy.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
        noteFailure(sqlite3_extended_errcode(m_db));
        const int primary = sqlite3_extended_errcode(m_db) & 0xff;
        QString message = (primary == SQLITE_BUSY || primary == SQLITE_FULL || primary == SQLITE_IOERR) ? lastError()
                          : err ? QString::fromUtf8(err)
                                : sqliteMessage(m_db);
        sqlite3_free(err);
        return Status::failure(message);
    }
    return okStatus();
}

Result<Statement> Database::prepare(std::string_view sql)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc =
        sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        noteFailure(rc);
        return Result<Statement>::failure(QStringLiteral("SQL error: %1").arg(sqliteMessage(m_db)));
    }
    return Statement(this, stmt);
}

Statement &Database::cached(std::string_view sql)
{
    const std::string key(sql);
    auto it = m_cache.find(key);
    if (it == m_cache.end()) {
        auto prepared = prepare(sql);
        auto holder = std::make_unique<Statement>(prepared ? std::move(prepared).value() : Statement());
        it = m_cache.emplace(key, std::move(holder)).first;
    } else {
        it->second->reset();
    }
    return *it->second;
}

std::int64_t Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

QString Database::lastError() const
{
    if (lastErrorWasBusy()) {
        return QStringLiteral("another Burnrate process kept the ledger locked for more than %1 s")
            .arg(m_options.busyTimeoutMs / 1000.0);
    }
    const int primary = sqlite3_extended_errcode(m_db) & 0xff;
    if (primary == SQLITE_FULL || primary == SQLITE_IOERR) {
        return QStringLiteral("cannot write to %1: the disk is full or refuses the write (%2); nothing of the "
                              "unfinished change is kept")
            .arg(QFileInfo(m_path).absolutePath(), sqliteMessage(m_db));
    }
    return sqliteMessage(m_db);
}

int Database::walPages(std::int64_t bytes)
{
    const std::int64_t pageSize = std::max<std::int64_t>(512, queryInt64("PRAGMA page_size").value_or(4096));
    return static_cast<int>(std::max<std::int64_t>(1, bytes / pageSize));
}

int Database::userVersion()
{
    return static_cast<int>(queryInt64("PRAGMA user_version").value_or(0));
}

Status Database::setUserVersion(int version)
{
    return exec("PRAGMA user_version=" + std::to_string(version));
}

std::optional<std::int64_t> Database::queryInt64(std::string_view sql)
{
    auto stmt = prepare(sql);
    if (!stmt) {
        return std::nullopt;
    }
    if (stmt->step() != Statement::Step::Row || stmt->isNull(0)) {
        return std::nullopt;
    }
    return stmt->int64(0);
}

Transaction::Transaction(Database &db)
    : m_db(db)
{
    if (auto st = m_db.exec("BEGIN IMMEDIATE"); st) {
        m_active = true;
        m_since = std::chrono::steady_clock::now();
    } else {
        m_error = st.error();
    }
}

Transaction::~Transaction()
{
    rollback();
}

Status Transaction::commit()
{
    if (!m_active) {
        return Status::failure(m_error.isEmpty() ? QStringLiteral("no transaction is active") : m_error);
    }
    auto st = m_db.exec("COMMIT");
    if (st) {
        m_active = false;
        m_db.writeLockReleased(m_since);
    }
    return st;
}

void Transaction::rollback()
{
    if (m_active) {
        (void)m_db.exec("ROLLBACK");
        m_active = false;
        m_db.writeLockReleased(m_since);
    }
}

QString Database::sqliteVersion()
{
    return QString::fromLatin1(sqlite3_libversion());
}

} // namespace burnrate
