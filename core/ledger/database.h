#ifndef BURNRATE_CORE_LEDGER_DATABASE_H
#define BURNRATE_CORE_LEDGER_DATABASE_H

#include "util/result.h"

#include <QByteArray>
#include <QString>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace burnrate {

class Database;

// A prepared statement. Owned by the caller, or cached by Database::cached().
class Statement final
{
public:
    enum class Step
    {
        Row,
        Done,
        Error
    };

    Statement() = default;
    Statement(Database *db, sqlite3_stmt *stmt);
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }

    // Parameters are 1-based, as in SQLite.
    template <std::integral T>
    void bind(int index, T value)
    {
        bindInt64(index, static_cast<std::int64_t>(value));
    }
    void bindInt64(int index, std::int64_t value);
    void bind(int index, double value);
    void bind(int index, const QString &value); // a null QString binds NULL
    void bind(int index, std::string_view utf8);
    // Binds without copying: `utf8` must stay valid until the statement is reset or re-bound.
    void bindStatic(int index, std::string_view utf8);
    void bind(int index, std::optional<std::int64_t> value);
    void bindNull(int index);

    [[nodiscard]] Step step();
    // Runs to completion, ignoring rows. Returns false on error (see Database::lastError()).
    [[nodiscard]] bool exec();
    void reset();

    int columnCount() const;
    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    std::optional<std::int64_t> optionalInt64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    std::string_view textView(int column) const;

private:
    Database *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    // UTF-8 copies of bound QStrings, one per parameter, reused so binding does not allocate; the
    // QString last converted for each, so that binding the same shared string again costs nothing.
    std::vector<std::string> m_utf8;
    std::vector<QString> m_utf8Source;
};

// RAII owner of one SQLite connection. Not thread-safe; use one per thread.
class Database final
{
public:
    struct Options
    {
        bool readOnly = false;
        // How long a statement waits for another connection's write lock before it fails with "busy".
        int busyTimeoutMs = DefaultBusyTimeoutMs;
        // Called once per connection when a wait for the lock has lasted WaitNoticeMs: the CLI says on stderr why
        // it is not moving.
        std::function<void()> onWaiting;
        // Called once per connection when SQLite finds the file is not a database or is corrupt, with its message.
        std::function<void(const QString &)> onDamaged;
    };
    static constexpr int DefaultBusyTimeoutMs = 60'000;
    static constexpr int WaitNoticeMs = 300;
    // A writer that keeps the write lock longer than this makes every other writer wait noticeably; such a hold is
    // logged (burnrate.ledger) with its length.
    static constexpr int LongWriteHoldMs = 250;

    // Opens (creating with owner-only permissions when missing) a database file, in WAL mode
    // with foreign keys on. ":memory:" opens a private in-memory database. Every connection has two SQL functions
    // of checked sums (util/checkedsum.h): checked_add(a, b), a + b that fails the statement when the sum does not
    // fit 64 bits, and the aggregate checked_sum(value, what), SUM(value) that fails it with the message
    // sumOverflowMessage(what).
    static Result<std::unique_ptr<Database>> open(const QString &path, Options options);
    static Result<std::unique_ptr<Database>> open(const QString &path) { return open(path, Options{}); }
    // The version of the SQLite library in use ("3.40.1").
    static QString sqliteVersion();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const QString &path() const { return m_path; }

    // Runs one or more statements without results.
    Status exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    // A statement kept for the life of the connection, reset before it is handed out.
    Statement &cached(std::string_view sql);

    std::int64_t lastInsertRowId() const;
    int changes() const;
    QString lastError() const;

    // WAL frames (pages of this database) that make up about `bytes`.
    int walPages(std::int64_t bytes);
    // How much WAL a connection lets grow before it is copied back (checkpointed).
    static constexpr std::int64_t WalCheckpointBytes = 32LL << 20;

    int userVersion();
    Status setUserVersion(int version);

    // Reads one integer from a single-value query; std::nullopt when there is no row or on error.
    [[nodiscard]] std::optional<std::int64_t> queryInt64(std::string_view sql);

    sqlite3 *handle() const { return m_db; }

    // The longest time a Transaction of this connection held the write lock, in milliseconds.
    std::int64_t longestWriteHoldMs() const { return m_longestWriteHoldMs; }
    // Whether the last failed statement failed because another connection kept the lock past the busy timeout.
    bool lastErrorWasBusy() const;
    // Whether SQLite met a file that is not a database, or a malformed page, on this connection.
    bool damaged() const { return m_damaged; }

private:
    friend class Transaction;
    friend class Statement;
    Database(sqlite3 *db, QString path, Options options);
    void noteFailure(int code);
    static int busyHandler(void *self, int count);
    void writeLockReleased(std::chrono::steady_clock::time_point since);

    sqlite3 *m_db = nullptr;
    QString m_path;
    Options m_options;
    std::chrono::steady_clock::time_point m_waitStart;
    bool m_waitNoticed = false;
    bool m_damaged = false;
    std::int64_t m_longestWriteHoldMs = 0;
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_cache;
};

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() succeeded.
class Transaction final
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    const QString &error() const { return m_error; }
    Status commit();
    void rollback();

private:
    Database &m_db;
    bool m_active = false;
    QString m_error;
    std::chrono::steady_clock::time_point m_since;
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_DATABASE_H
