#include "ledger/migrations.h"

#include "ledger/database.h"
#include "ledger/ledgerlog.h"
#include "ledger/migrationsync.h"

#include <array>
#include <string_view>

namespace burnrate {

namespace {

// v1: the facts of local sources and their rollups.
constexpr std::string_view MigrationV1 = R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE events (
    id                 INTEGER PRIMARY KEY,
    source             TEXT    NOT NULL,
    source_key         TEXT    NOT NULL,
    occurred_at        INTEGER NOT NULL,            -- UTC ms
    ended_at           INTEGER,                     -- UTC ms
    provider           TEXT    NOT NULL,
    model              TEXT    NOT NULL,
    conversation_id    TEXT,
    project            TEXT,
    workflow_id        TEXT,
    workflow_type      TEXT,
    agent              TEXT,
    user_id            TEXT,
    feature            TEXT,
    environment        TEXT,
    prompt_version     TEXT,
    tags               TEXT,                        -- JSON object of strings
    input_uncached     INTEGER NOT NULL DEFAULT 0,
    cache_read         INTEGER NOT NULL DEFAULT 0,
    cache_write_5m     INTEGER NOT NULL DEFAULT 0,
    cache_write_1h     INTEGER NOT NULL DEFAULT 0,
    output             INTEGER NOT NULL DEFAULT 0,  -- reasoning included
    reasoning          INTEGER NOT NULL DEFAULT 0,  -- part of output
    requests           INTEGER NOT NULL DEFAULT 1,
    tool_calls         INTEGER NOT NULL DEFAULT 0,
    retries            INTEGER NOT NULL DEFAULT 0,
    latency_ms         INTEGER,
    payload_bytes      INTEGER,
    status             TEXT,
    outcome            TEXT,
    service_tier       TEXT,
    reported_cost_nano INTEGER,                     -- as stated by the source
    cost_nano          INTEGER,                     -- NULL = unpriced
    price_ref          TEXT,
    billing            TEXT    NOT NULL DEFAULT 'api' CHECK (billing IN ('api', 'subscription')),
    fingerprint        INTEGER NOT NULL DEFAULT 0   -- digest of the stored fields, for idempotent upserts
);
-- The natural key. Sources number their requests mostly in order, so new keys land near the end of
-- this index and a bulk import dirties few of its pages (a hashed key would dirty them all).
CREATE UNIQUE INDEX events_natural_key ON events (source, source_key);
CREATE INDEX events_occurred_at ON events (occurred_at);

CREATE TABLE rollups (
    day                INTEGER NOT NULL,            -- local Julian day number in meta.rollup_timezone
    provider           TEXT    NOT NULL,
    model              TEXT    NOT NULL,
    source             TEXT    NOT NULL,
    billing            TEXT    NOT NULL,
    requests           INTEGER NOT NULL DEFAULT 0,
    input_uncached     INTEGER NOT NULL DEFAULT 0,
    cache_read         INTEGER NOT NULL DEFAULT 0,
    cache_write_5m     INTEGER NOT NULL DEFAULT 0,
    cache_write_1h     INTEGER NOT NULL DEFAULT 0,
    output             INTEGER NOT NULL DEFAULT 0,
    reasoning          INTEGER NOT NULL DEFAULT 0,
    cost_nano          INTEGER NOT NULL DEFAULT 0,  -- priced requests only
    unpriced_requests  INTEGER NOT NULL DEFAULT 0,
    unpriced_tokens    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, provider, model, source, billing)
) WITHOUT ROWID;
)sql";

// v2: provider API facts and sync bookkeeping.
constexpr std::string_view MigrationV2 = R"sql(
CREATE TABLE usage_buckets (
    id                 INTEGER PRIMARY KEY,
    provider           TEXT    NOT NULL,
    account            TEXT    NOT NULL DEFAULT '',
    bucket_start       INTEGER NOT NULL,            -- UTC ms
    bucket_width       TEXT    NOT NULL,            -- 1m | 1h | 1d
    model              TEXT    NOT NULL DEFAULT '',
    project            TEXT    NOT NULL DEFAULT '',
    api_key            TEXT    NOT NULL DEFAULT '',
    workspace          TEXT    NOT NULL DEFAULT '',
    service_tier       TEXT    NOT NULL DEFAULT '',
    batch              INTEGER NOT NULL DEFAULT 0,
    context_window     TEXT    NOT NULL DEFAULT '',
    input_uncached     INTEGER NOT NULL DEFAULT 0,
    cache_read         INTEGER NOT NULL DEFAULT 0,
    cache_write_5m     INTEGER NOT NULL DEFAULT 0,
    cache_write_1h     INTEGER NOT NULL DEFAULT 0,
    output             INTEGER NOT NULL DEFAULT 0,
    reasoning          INTEGER NOT NULL DEFAULT 0,
    requests           INTEGER NOT NULL DEFAULT 0,
    web_searches       INTEGER NOT NULL DEFAULT 0,
    cost_nano          INTEGER,                     -- estimate; NULL = unpriced
    price_ref          TEXT,
    UNIQUE (provider, account, bucket_start, bucket_width, model, project, api_key, workspace, service_tier, batch,
            context_window)
);

CREATE TABLE billed_costs (
    id                 INTEGER PRIMARY KEY,
    provider           TEXT    NOT NULL,
    account            TEXT    NOT NULL DEFAULT '',
    day                TEXT    NOT NULL,            -- UTC day YYYY-MM-DD
    project            TEXT    NOT NULL DEFAULT '',
    line_item          TEXT    NOT NULL DEFAULT '',
    api_key            TEXT    NOT NULL DEFAULT '',
    model              TEXT    NOT NULL DEFAULT '',
    amount_nano        INTEGER NOT NULL,
    UNIQUE (provider, account, day, project, line_item, api_key, model)
);

CREATE TABLE balances (
    provider           TEXT    NOT NULL,
    account            TEXT    NOT NULL DEFAULT '',
    at                 INTEGER NOT NULL,            -- UTC ms
    credit_nano        INTEGER,
    used_nano          INTEGER,
    PRIMARY KEY (provider, account, at)
) WITHOUT ROWID;

CREATE TABLE sync_state (
    provider           TEXT    NOT NULL,
    endpoint           TEXT    NOT NULL,
    covered_from       INTEGER,                     -- UTC ms
    covered_until      INTEGER,                     -- UTC ms
    last_success       INTEGER,
    last_attempt       INTEGER,
    last_error         TEXT,
    next_due           INTEGER,
    PRIMARY KEY (provider, endpoint)
) WITHOUT ROWID;
)sql";

// v3: budgets, alerts, import checkpoints and price snapshots.
constexpr std::string_view MigrationV3 = R"sql(
CREATE TABLE budgets (
    id                 INTEGER PRIMARY KEY,
    name               TEXT    NOT NULL UNIQUE,
    scope              TEXT    NOT NULL DEFAULT 'global',  -- global | provider | workflow | tag
    scope_value        TEXT,
    period             TEXT    NOT NULL DEFAULT 'monthly', -- monthly | weekly | daily
    start_day          INTEGER NOT NULL DEFAULT 1,
    amount_nano        INTEGER NOT NULL CHECK (amount_nano > 0),
    thresholds         TEXT    NOT NULL DEFAULT '[50,80,100]',
    created_at         INTEGER NOT NULL
);

CREATE TABLE alerts (
    budget_id          INTEGER NOT NULL REFERENCES budgets (id) ON DELETE CASCADE,
    period_start       TEXT    NOT NULL,
    threshold          INTEGER NOT NULL,
    fired_at           INTEGER NOT NULL,
    spend_nano         INTEGER NOT NULL,
    PRIMARY KEY (budget_id, period_start, threshold)
) WITHOUT ROWID;

CREATE TABLE import_checkpoints (
    source             TEXT    NOT NULL,
    path               TEXT    NOT NULL,
    identity           TEXT    NOT NULL,            -- device:inode
    size               INTEGER NOT NULL,
    mtime_ns           INTEGER NOT NULL,
    byte_offset        INTEGER NOT NULL,
    head_hash          TEXT    NOT NULL,
    PRIMARY KEY (source, path)
) WITHOUT ROWID;

CREATE TABLE price_snapshots (
    id                 TEXT    PRIMARY KEY,
    activated_at       INTEGER NOT NULL,
    active             INTEGER NOT NULL DEFAULT 0,
    body               BLOB    NOT NULL
);
)sql";

// v4: the memory of forecast and anomaly
// notifications, beside the threshold alerts of v3. A forecast alert is once per budget period, an anomaly
// alert once per local day.
constexpr std::string_view MigrationV4Budgets = R"sql(
CREATE TABLE forecast_alerts (
    budget_id          INTEGER NOT NULL REFERENCES budgets (id) ON DELETE CASCADE,
    period_start       TEXT    NOT NULL,            -- local date YYYY-MM-DD
    fired_at           INTEGER NOT NULL,            -- UTC ms
    forecast_nano      INTEGER NOT NULL,
    PRIMARY KEY (budget_id, period_start)
) WITHOUT ROWID;

CREATE TABLE anomaly_alerts (
    day                TEXT    PRIMARY KEY,         -- local date YYYY-MM-DD
    fired_at           INTEGER NOT NULL,            -- UTC ms
    spend_nano         INTEGER NOT NULL,            -- the day's spend when it fired
    twice_median_nano  INTEGER NOT NULL             -- 2 x the trailing median (exact for an even count of days)
) WITHOUT ROWID;
)sql";

// v5: agent-log imports and per-conversation rollups.
// - import_checkpoints gets an integer id (never reused: AUTOINCREMENT), the hash of the bytes before the
//   resume offset, line and malformed-line counts, and the parser state at the offset. Rows of the v3
//   table are carried over, should there be any.
// - import_origins: which file (checkpoint id) an imported event came from, and its dedupe rank, so a
//   rewritten file's rows can be replaced and a duplicate's best copy kept. Kept by the importer
//   itself (no foreign key, no index by file: both cost on every insert, and rewrites are rare).
// - conversation_rollups: spend per (conversation, local day, project, model, source, billing) with
//   first/last activity, kept in the same transaction as the events, for `report --by conversation`.
// - The rollup zone is forgotten so that Ledger::open() rebuilds all rollups, conversations included.
constexpr std::string_view MigrationV5AgentLogs = R"sql(
ALTER TABLE import_checkpoints RENAME TO import_checkpoints_v3;
CREATE TABLE import_checkpoints (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    source             TEXT    NOT NULL,
    path               TEXT    NOT NULL,
    identity           TEXT    NOT NULL,            -- device:inode
    size               INTEGER NOT NULL,
    mtime_ns           INTEGER NOT NULL,
    byte_offset        INTEGER NOT NULL,            -- read up to here (always a line end)
    head_hash          TEXT    NOT NULL,            -- of the first bytes, up to 4 KiB and byte_offset
    tail_hash          TEXT    NOT NULL DEFAULT '', -- of the 4 KiB before byte_offset
    line_count         INTEGER NOT NULL DEFAULT 0,  -- lines before byte_offset
    bad_lines          INTEGER NOT NULL DEFAULT 0,  -- malformed lines before byte_offset
    state              TEXT,                        -- the parser's state at byte_offset
    UNIQUE (source, path)
);
INSERT INTO import_checkpoints (source, path, identity, size, mtime_ns, byte_offset, head_hash)
    SELECT source, path, identity, size, mtime_ns, byte_offset, head_hash FROM import_checkpoints_v3;
DROP TABLE import_checkpoints_v3;

CREATE TABLE import_origins (
    event_id           INTEGER PRIMARY KEY,         -- events.id
    file_id            INTEGER NOT NULL,            -- import_checkpoints.id (the file may be gone)
    rank               INTEGER NOT NULL DEFAULT 0   -- dedupe preference flags of the kept copy
);

CREATE INDEX events_conversation ON events (conversation_id, occurred_at) WHERE conversation_id IS NOT NULL;

CREATE TABLE conversation_rollups (
    conversation_id    TEXT    NOT NULL,            -- '' for events without one
    day                INTEGER NOT NULL,            -- local Julian day number in meta.rollup_timezone
    source             TEXT    NOT NULL,
    project            TEXT    NOT NULL,            -- '' for none
    model              TEXT    NOT NULL,
    provider           TEXT    NOT NULL,
    billing            TEXT    NOT NULL,
    events             INTEGER NOT NULL DEFAULT 0,
    requests           INTEGER NOT NULL DEFAULT 0,
    input_uncached     INTEGER NOT NULL DEFAULT 0,
    cache_read         INTEGER NOT NULL DEFAULT 0,
    cache_write_5m     INTEGER NOT NULL DEFAULT 0,
    cache_write_1h     INTEGER NOT NULL DEFAULT 0,
    output             INTEGER NOT NULL DEFAULT 0,
    reasoning          INTEGER NOT NULL DEFAULT 0,
    cost_nano          INTEGER NOT NULL DEFAULT 0,  -- priced requests only
    unpriced_requests  INTEGER NOT NULL DEFAULT 0,
    unpriced_tokens    INTEGER NOT NULL DEFAULT 0,
    first_at           INTEGER NOT NULL,            -- UTC ms
    last_at            INTEGER NOT NULL,            -- UTC ms
    PRIMARY KEY (conversation_id, day, source, project, model, provider, billing)
) WITHOUT ROWID;
CREATE INDEX conversation_rollups_day ON conversation_rollups (day);

DELETE FROM meta WHERE key = 'rollup_timezone';
)sql";

// v7: the natural key with the key first: nearly every comparison in it is then decided by the first
// column, which SQLite compares in its fast path (with the source first, alike in a whole bulk import,
// each comparison would go on into the second column), so bulk imports spend less time in the index.
// ON CONFLICT (source, source_key) still names it (a set of columns), and lookups give both columns.
constexpr std::string_view MigrationV7KeyFirst = R"sql(
DROP INDEX events_natural_key;
CREATE UNIQUE INDEX events_natural_key ON events (source_key, source);
)sql";

// The undo journal of a re-pricing, which commits in chunks: the cost and price_ref each event had before the run
// changed it, kept until the run finishes (then emptied) or is cancelled or interrupted (then put back).
constexpr std::string_view MigrationV8RepriceUndo = R"sql(
CREATE TABLE reprice_undo (
    event_id  INTEGER PRIMARY KEY,
    cost_nano INTEGER,
    price_ref TEXT
);
)sql";

// v10: the workflow view and workflow budgets read rollups instead of every event of their range. One row per
// workflow run (id) of a workflow key on a local day, per source, project, model and billing: runs still count
// distinctly over any range of days. Forgetting meta.rollup_timezone makes Ledger::open() rebuild every rollup from
// the events, this one included.
constexpr std::string_view MigrationV10WorkflowRollups = R"sql(
CREATE TABLE workflow_rollups (
    workflow_key       TEXT    NOT NULL,            -- workflow type, else workflow id, else ''
    workflow_id        TEXT    NOT NULL,            -- '' for none
    day                INTEGER NOT NULL,            -- local Julian day number in meta.rollup_timezone
    source             TEXT    NOT NULL,
    project            TEXT    NOT NULL,            -- '' for none
    model              TEXT    NOT NULL,
    billing            TEXT    NOT NULL,
    events             INTEGER NOT NULL DEFAULT 0,
    requests           INTEGER NOT NULL DEFAULT 0,
    input_uncached     INTEGER NOT NULL DEFAULT 0,
    cache_read         INTEGER NOT NULL DEFAULT 0,
    cache_write_5m     INTEGER NOT NULL DEFAULT 0,
    cache_write_1h     INTEGER NOT NULL DEFAULT 0,
    output             INTEGER NOT NULL DEFAULT 0,
    reasoning          INTEGER NOT NULL DEFAULT 0,
    cost_nano          INTEGER NOT NULL DEFAULT 0,  -- priced requests only
    unpriced_requests  INTEGER NOT NULL DEFAULT 0,
    unpriced_tokens    INTEGER NOT NULL DEFAULT 0,
    successes          INTEGER NOT NULL DEFAULT 0,  -- requests that succeeded, outcome accepted or edited
    retried_requests   INTEGER NOT NULL DEFAULT 0,
    retries            INTEGER NOT NULL DEFAULT 0,
    tool_calls         INTEGER NOT NULL DEFAULT 0,
    latency_sum_ms     INTEGER NOT NULL DEFAULT 0,
    latency_count      INTEGER NOT NULL DEFAULT 0,  -- events with a latency
    first_at           INTEGER NOT NULL,            -- UTC ms
    last_at            INTEGER NOT NULL,            -- UTC ms
    PRIMARY KEY (workflow_key, workflow_id, day, source, project, model, billing)
) WITHOUT ROWID;
CREATE INDEX workflow_rollups_day ON workflow_rollups (day);

DELETE FROM meta WHERE key = 'rollup_timezone';
)sql";

constexpr std::array<std::string_view, 10> Steps = {MigrationV1,
                                                    MigrationV2,
                                                    MigrationV3,
                                                    MigrationV4Budgets,
                                                    MigrationV5AgentLogs,
                                                    MigrationV6Sync,
                                                    MigrationV7KeyFirst,
                                                    MigrationV8RepriceUndo,
                                                    MigrationV9CheckedRollups,
                                                    MigrationV10WorkflowRollups};

} // namespace

int Migrations::latestVersion()
{
    return static_cast<int>(Steps.size());
}

Status Migrations::migrate(Database &db, int target)
{
    if (target < 0) {
        target = latestVersion();
    }
    const int current = db.userVersion();
    if (current > latestVersion()) {
        return Status::failure(QStringLiteral("the ledger %1 was written by a newer Burnrate (schema %2, this one "
                                              "knows up to %3); update Burnrate")
                                   .arg(db.path())
                                   .arg(current)
                                   .arg(latestVersion()));
    }
    for (int version = current + 1; version <= target; ++version) {
        Transaction tx(db);
        if (!tx.isActive()) {
            return Status::failure(QStringLiteral("cannot migrate the ledger: %1").arg(tx.error()));
        }
        if (auto st = db.exec(Steps[static_cast<size_t>(version - 1)]); !st) {
            return Status::failure(QStringLiteral("migration to schema %1 failed: %2").arg(version).arg(st.error()));
        }
        if (auto st = db.setUserVersion(version); !st) {
            return st;
        }
        if (auto st = tx.commit(); !st) {
            return Status::failure(QStringLiteral("migration to schema %1 failed: %2").arg(version).arg(st.error()));
        }
        qCDebug(lcLedger) << "ledger" << db.path() << "migrated to schema" << version;
    }
    return okStatus();
}

} // namespace burnrate
