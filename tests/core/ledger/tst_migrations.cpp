#include "ledger/database.h"
#include "ledger/migrations.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace burnrate;

namespace {

// The schema as SQLite records it, independent of creation order.
QStringList schemaOf(Database &db)
{
    auto s = db.prepare("SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master"
                        " WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
    QStringList out;
    while (s->step() == Statement::Step::Row) {
        out << s->text(0);
    }
    return out;
}

// Rows written at each schema version, to prove later migrations keep them.
void seed(Database &db, int version)
{
    if (version >= 1) {
        QVERIFY(db.exec("INSERT INTO events (source, source_key, occurred_at, provider, model, input_uncached, output,"
                        " cost_nano) VALUES ('events', 'r1', 1793642400000, 'openai', 'gpt-4o', 10, 5, 123)"));
        // v6 added utc_day to the rollups' key.
        QVERIFY(db.exec(version < 6
                            ? "INSERT INTO rollups (day, provider, model, source, billing, requests, cost_nano)"
                              " VALUES (2461347, 'openai', 'gpt-4o', 'events', 'api', 1, 123)"
                            : "INSERT INTO rollups (day, provider, model, source, billing, requests, cost_nano,"
                              " utc_day) VALUES (2461347, 'openai', 'gpt-4o', 'events', 'api', 1, 123, 2461347)"));
        QVERIFY(db.exec("INSERT INTO meta (key, value) VALUES ('rollup_timezone', 'UTC')"));
    }
    if (version >= 2) {
        QVERIFY(db.exec("INSERT INTO billed_costs (provider, day, amount_nano) VALUES ('openai', '2026-11-02', 7)"));
    }
    if (version >= 2) {
        QVERIFY(db.exec("INSERT INTO usage_buckets (provider, bucket_start, bucket_width, model, output)"
                        " VALUES ('anthropic', 1793577600000, '1d', 'claude-opus-4-6', 11)"));
        QVERIFY(
            db.exec("INSERT INTO balances (provider, at, credit_nano, used_nano) VALUES ('deepseek', 5, 900, 100)"));
        QVERIFY(db.exec("INSERT INTO sync_state (provider, endpoint, covered_from, covered_until, last_success)"
                        " VALUES ('openai', 'costs', 1, 2, 2)"));
    }
    if (version >= 3) {
        QVERIFY(db.exec("INSERT INTO budgets (name, amount_nano, created_at) VALUES ('monthly', 100000000000, 0)"));
        QVERIFY(db.exec("INSERT INTO alerts (budget_id, period_start, threshold, fired_at, spend_nano)"
                        " VALUES (1, '2026-11-01', 50, 1, 50000000000)"));
        QVERIFY(
            db.exec("INSERT INTO import_checkpoints (source, path, identity, size, mtime_ns, byte_offset, head_hash)"
                    " VALUES ('claude-code', '/p/a.jsonl', '1:2', 300, 5, 300, 'h')"));
    }
    if (version >= 4) {
        QVERIFY(db.exec("INSERT INTO forecast_alerts (budget_id, period_start, fired_at, forecast_nano)"
                        " VALUES (1, '2026-11-01', 2, 131000000000)"));
        QVERIFY(db.exec("INSERT INTO anomaly_alerts (day, fired_at, spend_nano, twice_median_nano)"
                        " VALUES ('2026-11-18', 3, 9000000000, 4000000000)"));
    }
    if (version >= 5) {
        QVERIFY(db.exec("INSERT INTO import_origins (event_id, file_id, rank) SELECT id, 1, 7 FROM events"));
        QVERIFY(db.exec("INSERT INTO conversation_rollups (conversation_id, day, source, project, model, provider,"
                        " billing, events, requests, cost_nano, first_at, last_at) VALUES ('c1', 2461347, 'events',"
                        " '', 'gpt-4o', 'openai', 'api', 1, 1, 123, 1793642400000, 1793642400000)"));
    }
    if (version >= 6) {
        QVERIFY(db.exec("INSERT INTO rollups (day, provider, model, source, billing, utc_day, requests, cost_nano)"
                        " VALUES (2461348, 'openai', 'gpt-4o', 'events', 'api', 2461347, 2, 5)"));
        QVERIFY(db.exec("INSERT INTO billed_costs (provider, day, line_item, detail, amount_nano, synced_at)"
                        " VALUES ('anthropic', '2026-11-02', 'Claude Usage', 'token_type=output_tokens', 9, 3)"));
        QVERIFY(db.exec("INSERT INTO sync_coverage (provider, endpoint, from_ms, until_ms)"
                        " VALUES ('openai', 'costs', 1, 2)"));
        QVERIFY(db.exec("INSERT INTO balances (provider, source, currency, at, credit_nano, granted_nano,"
                        " topped_up_nano) VALUES ('deepseek', 'user/balance', 'CNY', 6, 110, 10, 100)"));
    }
}

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromEmptyFile();
    void fromEveryEarlierVersion_data();
    void fromEveryEarlierVersion();
    void refusesNewerLedger();
    void isIdempotent();
    void ownerOnlyAndWal();
};

void TestMigrations::fromEmptyFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ledger.sqlite3"));
    auto db = Database::open(path);
    QVERIFY2(db.ok(), qPrintable(db.error()));
    QCOMPARE((*db)->userVersion(), 0);
    QVERIFY(Migrations::migrate(**db));
    QCOMPARE((*db)->userVersion(), Migrations::latestVersion());
    const QStringList schema = schemaOf(**db);
    for (const char *table :
         {"events", "rollups", "meta", "usage_buckets", "billed_costs", "balances", "sync_state", "budgets", "alerts",
          "import_checkpoints", "price_snapshots", "forecast_alerts", "anomaly_alerts", "import_origins",
          "conversation_rollups", "sync_coverage", "usage_rollups", "billed_rollups"}) {
        QVERIFY2(schema.filter(QStringLiteral("table %1:").arg(QLatin1String(table))).size() == 1, table);
    }
}

void TestMigrations::fromEveryEarlierVersion_data()
{
    QTest::addColumn<int>("from");
    for (int v = 0; v < Migrations::latestVersion(); ++v) {
        QTest::addRow("from v%d", v) << v;
    }
}

void TestMigrations::fromEveryEarlierVersion()
{
    QFETCH(int, from);
    QTemporaryDir dir;
    QStringList freshSchema;
    {
        auto fresh = Database::open(dir.filePath(QStringLiteral("fresh.sqlite3")));
        QVERIFY(Migrations::migrate(**fresh));
        freshSchema = schemaOf(**fresh);
    }
    const QString path = dir.filePath(QStringLiteral("old.sqlite3"));
    {
        auto db = Database::open(path);
        QVERIFY(Migrations::migrate(**db, from));
        QCOMPARE((*db)->userVersion(), from);
        seed(**db, from);
    }
    // Reopen, as a newer Burnrate would, and migrate the rest of the way.
    auto db = Database::open(path);
    QVERIFY(Migrations::migrate(**db));
    QCOMPARE((*db)->userVersion(), Migrations::latestVersion());
    QCOMPARE(schemaOf(**db), freshSchema);
    if (from >= 1) {
        QCOMPARE((*db)->queryInt64("SELECT cost_nano FROM events WHERE source_key = 'r1'"),
                 std::optional<std::int64_t>(123));
        QCOMPARE((*db)->queryInt64("SELECT SUM(cost_nano) FROM rollups WHERE day = 2461347"),
                 std::optional<std::int64_t>(123));
    }
    if (from >= 2) {
        QCOMPARE((*db)->queryInt64("SELECT amount_nano FROM billed_costs"), std::optional<std::int64_t>(7));
    }
    if (from >= 2) {
        QCOMPARE((*db)->queryInt64("SELECT output FROM usage_buckets"), std::optional<std::int64_t>(11));
        QCOMPARE((*db)->queryInt64("SELECT bucket_end IS NULL FROM usage_buckets"), std::optional<std::int64_t>(1));
        // Summed into the report rollups on the way (a row without an end ends a bucket width later).
        QCOMPARE((*db)->queryInt64("SELECT output FROM usage_rollups WHERE bucket_end = 1793577600000 + 86400000"),
                 std::optional<std::int64_t>(11));
        QCOMPARE((*db)->queryInt64("SELECT SUM(amount_nano) FROM billed_rollups"),
                 (*db)->queryInt64("SELECT SUM(amount_nano) FROM billed_costs"));
        QCOMPARE((*db)->queryInt64("SELECT used_nano FROM balances WHERE provider = 'deepseek' AND currency = 'USD'"),
                 std::optional<std::int64_t>(100));
        QCOMPARE((*db)->queryInt64("SELECT covered_until + failures FROM sync_state"), std::optional<std::int64_t>(2));
    }
    if (from >= 3) {
        QCOMPARE((*db)->queryInt64("SELECT COUNT(*) FROM budgets"), std::optional<std::int64_t>(1));
        QCOMPARE((*db)->queryInt64("SELECT threshold FROM alerts"), std::optional<std::int64_t>(50));
        // v5 rebuilt the checkpoints table and kept its rows, with a fresh id and empty counters.
        QCOMPARE((*db)->queryInt64("SELECT byte_offset FROM import_checkpoints WHERE path = '/p/a.jsonl'"),
                 std::optional<std::int64_t>(300));
        QCOMPARE((*db)->queryInt64("SELECT COUNT(*) FROM import_checkpoints WHERE id > 0 AND bad_lines = 0"),
                 std::optional<std::int64_t>(1));
    }
    if (from >= 4) {
        QCOMPARE((*db)->queryInt64("SELECT forecast_nano FROM forecast_alerts"),
                 std::optional<std::int64_t>(131000000000));
        QCOMPARE((*db)->queryInt64("SELECT spend_nano FROM anomaly_alerts"), std::optional<std::int64_t>(9000000000));
    }
    if (from >= 1 && from < 5) {
        // v5 makes the next Ledger::open() rebuild every rollup, the conversation rollups included.
        QCOMPARE((*db)->queryInt64("SELECT COUNT(*) FROM meta WHERE key = 'rollup_timezone'"),
                 std::optional<std::int64_t>(0));
    }
    if (from >= 1 && from < 6) {
        // The rollups were copied with a stand-in UTC day, and the zone marker dropped so that Ledger::open
        // rebuilds them exactly.
        QCOMPARE((*db)->queryInt64("SELECT COUNT(*) FROM meta WHERE key = 'rollup_timezone'"),
                 std::optional<std::int64_t>(0));
        QCOMPARE((*db)->queryInt64("SELECT utc_day FROM rollups"), std::optional<std::int64_t>(2461347));
    }
}

void TestMigrations::refusesNewerLedger()
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("ledger.sqlite3")));
    QVERIFY((*db)->setUserVersion(Migrations::latestVersion() + 1));
    const auto st = Migrations::migrate(**db);
    QVERIFY(!st.ok());
    QVERIFY(st.error().contains(QStringLiteral("newer Burnrate")));
    QCOMPARE((*db)->userVersion(), Migrations::latestVersion() + 1);
}

void TestMigrations::isIdempotent()
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("ledger.sqlite3")));
    QVERIFY(Migrations::migrate(**db));
    seed(**db, Migrations::latestVersion());
    QVERIFY(Migrations::migrate(**db));
    QVERIFY(Migrations::migrate(**db));
    QCOMPARE((*db)->queryInt64("SELECT COUNT(*) FROM events"), std::optional<std::int64_t>(1));
    QCOMPARE((*db)->queryInt64("SELECT COUNT(*) FROM rollups"), std::optional<std::int64_t>(2));
    QCOMPARE((*db)->queryInt64("SELECT SUM(amount_nano) FROM billed_costs"), std::optional<std::int64_t>(16));
    QCOMPARE((*db)->queryInt64("SELECT COUNT(*) FROM balances"), std::optional<std::int64_t>(2));
    QCOMPARE((*db)->queryInt64("SELECT until_ms FROM sync_coverage"), std::optional<std::int64_t>(2));
}

namespace {

// Mode 0600 where files have POSIX modes; Windows keeps access in the ACL of the profile folder instead.
bool ownerOnly(const QString &path)
{
#if defined(Q_OS_UNIX)
    constexpr QFileDevice::Permissions Others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                                QFileDevice::WriteOther | QFileDevice::ExeOther | QFileDevice::ExeOwner;
    const QFileDevice::Permissions p = QFile::permissions(path);
    return (p & Others) == 0 && p.testFlag(QFileDevice::ReadOwner) && p.testFlag(QFileDevice::WriteOwner);
#else
    return QFileInfo::exists(path);
#endif
}

} // namespace

void TestMigrations::ownerOnlyAndWal()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/ledger.sqlite3"));
    auto db = Database::open(path);
    QVERIFY(db.ok());
    QVERIFY(Migrations::migrate(**db));
    QVERIFY(ownerOnly(path));
    auto mode = (*db)->prepare("PRAGMA journal_mode");
    QVERIFY(mode->step() == Statement::Step::Row);
    QCOMPARE(mode->text(0), QStringLiteral("wal"));
    QCOMPARE((*db)->queryInt64("PRAGMA foreign_keys"), std::optional<std::int64_t>(1));
    // The WAL companion inherits the owner-only mode.
    QVERIFY((*db)->exec("INSERT INTO meta (key, value) VALUES ('x', 'y')"));
    const QString wal = path + QStringLiteral("-wal");
    if (QFileInfo::exists(wal)) {
        QVERIFY(ownerOnly(wal));
    }
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
