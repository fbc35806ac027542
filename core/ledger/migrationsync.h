#ifndef BURNRATE_CORE_LEDGER_MIGRATIONSYNC_H
#define BURNRATE_CORE_LEDGER_MIGRATIONSYNC_H

// The schema step of provider sync, kept apart from migrations.cpp for its length.

#include "util/joinedstring.h"

#include <string_view>

namespace burnrate {

namespace migrationv6 {

constexpr std::string_view Head = R"sql(
CREATE TABLE rollups_v4 (
    day                INTEGER NOT NULL,            -- local Julian day number in meta.rollup_timezone
    provider           TEXT    NOT NULL,
    model              TEXT    NOT NULL,
    source             TEXT    NOT NULL,
    billing            TEXT    NOT NULL,
    utc_day            INTEGER NOT NULL,            -- Julian day number of the UTC date
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
    PRIMARY KEY (day, provider, model, source, billing, utc_day)
) WITHOUT ROWID;
-- The UTC day cannot be told from a local day in SQL: copy the rows with a stand-in and let Ledger::open rebuild
-- them exactly from the events (it does when meta.rollup_timezone is missing).
INSERT INTO rollups_v4 (day, provider, model, source, billing, utc_day, requests, input_uncached, cache_read,
                        cache_write_5m, cache_write_1h, output, reasoning, cost_nano, unpriced_requests,
                        unpriced_tokens)
    SELECT day, provider, model, source, billing, day, requests, input_uncached, cache_read, cache_write_5m,
           cache_write_1h, output, reasoning, cost_nano, unpriced_requests, unpriced_tokens FROM rollups;
DROP TABLE rollups;
ALTER TABLE rollups_v4 RENAME TO rollups;
DELETE FROM meta WHERE key = 'rollup_timezone';

ALTER TABLE usage_buckets ADD COLUMN bucket_end INTEGER;     -- UTC ms, exclusive; a partial bucket ends early
ALTER TABLE usage_buckets ADD COLUMN extra TEXT;             -- JSON object of metrics without a column
ALTER TABLE usage_buckets ADD COLUMN synced_at INTEGER;      -- UTC ms

CREATE TABLE billed_costs_v4 (
    id                 INTEGER PRIMARY KEY,
    provider           TEXT    NOT NULL,
    account            TEXT    NOT NULL DEFAULT '',
    day                TEXT    NOT NULL,            -- UTC day YYYY-MM-DD
    project            TEXT    NOT NULL DEFAULT '',  -- OpenAI project, Anthropic workspace
    line_item          TEXT    NOT NULL DEFAULT '',  -- OpenAI line item, Anthropic description
    api_key            TEXT    NOT NULL DEFAULT '',
    model              TEXT    NOT NULL DEFAULT '',
    detail             TEXT    NOT NULL DEFAULT '',  -- the other grouping fields, "name=value;..." sorted
    amount_nano        INTEGER NOT NULL,
    synced_at          INTEGER,
    UNIQUE (provider, account, day, project, line_item, api_key, model, detail)
);
INSERT INTO billed_costs_v4 (id, provider, account, day, project, line_item, api_key, model, amount_nano)
    SELECT id, provider, account, day, project, line_item, api_key, model, amount_nano FROM billed_costs;
DROP TABLE billed_costs;
ALTER TABLE billed_costs_v4 RENAME TO billed_costs;

CREATE TABLE balances_v4 (
    provider           TEXT    NOT NULL,
    account            TEXT    NOT NULL DEFAULT '',
    source             TEXT    NOT NULL DEFAULT '',  -- the endpoint: key | credits | user/balance
    currency           TEXT    NOT NULL DEFAULT 'USD',
    at                 INTEGER NOT NULL,            -- UTC ms
    credit_nano        INTEGER,                     -- what is left to spend; NULL = no limit
    used_nano          INTEGER,                     -- running total spent, when the provider states it
    used_today_nano    INTEGER,                     -- spent in the UTC day of `at`, when stated
    granted_nano       INTEGER,                     -- DeepSeek: granted part of the balance
    topped_up_nano     INTEGER,                     -- DeepSeek: topped-up part of the balance
    PRIMARY KEY (provider, account, source, currency, at)
) WITHOUT ROWID;
INSERT INTO balances_v4 (provider, account, at, credit_nano, used_nano)
    SELECT provider, account, at, credit_nano, used_nano FROM balances;
DROP TABLE balances;
ALTER TABLE balances_v4 RENAME TO balances;

-- The windows each endpoint has synced, merged where they touch: a provider-day is "covered" by an API when
-- its whole span from midnight on lies in one of them.
CREATE TABLE sync_coverage (
    provider           TEXT    NOT NULL,
    endpoint           TEXT    NOT NULL,
    from_ms            INTEGER NOT NULL,            -- UTC ms, inclusive
    until_ms           INTEGER NOT NULL,            -- UTC ms, exclusive
    PRIMARY KEY (provider, endpoint, from_ms)
) WITHOUT ROWID;

-- Provider data summed the way reports read it (by provider, model and bucket; by provider, day and model), kept
-- by triggers in the same transaction as the rows, so reports never scan the per-project, per-key rows.
CREATE TABLE usage_rollups (
    provider           TEXT    NOT NULL,
    bucket_start       INTEGER NOT NULL,
    model              TEXT    NOT NULL,
    bucket_end         INTEGER NOT NULL,
    bucket_width       TEXT    NOT NULL,
    rows               INTEGER NOT NULL DEFAULT 0,
    requests           INTEGER NOT NULL DEFAULT 0,
    input_uncached     INTEGER NOT NULL DEFAULT 0,
    cache_read         INTEGER NOT NULL DEFAULT 0,
    cache_write_5m     INTEGER NOT NULL DEFAULT 0,
    cache_write_1h     INTEGER NOT NULL DEFAULT 0,
    output             INTEGER NOT NULL DEFAULT 0,
    reasoning          INTEGER NOT NULL DEFAULT 0,
    cost_nano          INTEGER NOT NULL DEFAULT 0,  -- priced rows only
    unpriced_requests  INTEGER NOT NULL DEFAULT 0,
    unpriced_tokens    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (provider, bucket_start, model, bucket_end, bucket_width)
) WITHOUT ROWID;

)sql";

// What one usage_buckets row adds to usage_rollups (NEW), and what it takes away (OLD). The insert trigger adds,
// the delete trigger takes away, the update trigger (re-pricing) does both.
constexpr std::string_view UsageAdd =
    R"sql(    INSERT INTO usage_rollups VALUES (NEW.provider, NEW.bucket_start, NEW.model,
        COALESCE(NEW.bucket_end, NEW.bucket_start + CASE NEW.bucket_width WHEN '1h' THEN 3600000 WHEN '1m' THEN 60000
                                                                          ELSE 86400000 END),
        NEW.bucket_width, 1, NEW.requests, NEW.input_uncached, NEW.cache_read, NEW.cache_write_5m, NEW.cache_write_1h,
        NEW.output, NEW.reasoning, COALESCE(NEW.cost_nano, 0),
        CASE WHEN NEW.cost_nano IS NULL THEN NEW.requests ELSE 0 END,
        CASE WHEN NEW.cost_nano IS NULL THEN NEW.input_uncached + NEW.cache_read + NEW.cache_write_5m +
                                             NEW.cache_write_1h + NEW.output ELSE 0 END)
    ON CONFLICT DO UPDATE SET rows = rows + 1, requests = requests + excluded.requests,
        input_uncached = input_uncached + excluded.input_uncached, cache_read = cache_read + excluded.cache_read,
        cache_write_5m = cache_write_5m + excluded.cache_write_5m,
        cache_write_1h = cache_write_1h + excluded.cache_write_1h, output = output + excluded.output,
        reasoning = reasoning + excluded.reasoning, cost_nano = cost_nano + excluded.cost_nano,
        unpriced_requests = unpriced_requests + excluded.unpriced_requests,
        unpriced_tokens = unpriced_tokens + excluded.unpriced_tokens;
)sql";
constexpr std::string_view UsageRemove =
    R"sql(    UPDATE usage_rollups SET rows = rows - 1, requests = requests - OLD.requests,
        input_uncached = input_uncached - OLD.input_uncached, cache_read = cache_read - OLD.cache_read,
        cache_write_5m = cache_write_5m - OLD.cache_write_5m, cache_write_1h = cache_write_1h - OLD.cache_write_1h,
        output = output - OLD.output, reasoning = reasoning - OLD.reasoning,
        cost_nano = cost_nano - COALESCE(OLD.cost_nano, 0),
        unpriced_requests = unpriced_requests - CASE WHEN OLD.cost_nano IS NULL THEN OLD.requests ELSE 0 END,
        unpriced_tokens = unpriced_tokens - CASE WHEN OLD.cost_nano IS NULL THEN OLD.input_uncached + OLD.cache_read +
                                              OLD.cache_write_5m + OLD.cache_write_1h + OLD.output ELSE 0 END
    WHERE provider = OLD.provider AND bucket_start = OLD.bucket_start AND model = OLD.model
      AND bucket_end = COALESCE(OLD.bucket_end, OLD.bucket_start + CASE OLD.bucket_width WHEN '1h' THEN 3600000
                                                                    WHEN '1m' THEN 60000 ELSE 86400000 END)
      AND bucket_width = OLD.bucket_width;
    DELETE FROM usage_rollups WHERE rows = 0 AND provider = OLD.provider AND bucket_start = OLD.bucket_start;
)sql";
constexpr std::string_view UsageInsert =
    "CREATE TRIGGER usage_buckets_rollup_insert AFTER INSERT ON usage_buckets BEGIN\n";
constexpr std::string_view UsageDelete =
    "CREATE TRIGGER usage_buckets_rollup_delete AFTER DELETE ON usage_buckets BEGIN\n";
constexpr std::string_view UsageUpdate = "-- An update (re-pricing) is a delete and an insert.\nCREATE TRIGGER "
                                         "usage_buckets_rollup_update AFTER UPDATE ON usage_buckets BEGIN\n";

constexpr std::string_view BilledTable = R"sql(CREATE TABLE billed_rollups (
    provider           TEXT    NOT NULL,
    day                TEXT    NOT NULL,
    model              TEXT    NOT NULL,
    rows               INTEGER NOT NULL DEFAULT 0,
    amount_nano        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (provider, day, model)
) WITHOUT ROWID;

)sql";

// The same for billed_costs rows and billed_rollups.
constexpr std::string_view BilledAdd =
    R"sql(    INSERT INTO billed_rollups VALUES (NEW.provider, NEW.day, NEW.model, 1, NEW.amount_nano)
    ON CONFLICT DO UPDATE SET rows = rows + 1, amount_nano = amount_nano + excluded.amount_nano;
)sql";
constexpr std::string_view BilledRemove =
    R"sql(    UPDATE billed_rollups SET rows = rows - 1, amount_nano = amount_nano - OLD.amount_nano
    WHERE provider = OLD.provider AND day = OLD.day AND model = OLD.model;
    DELETE FROM billed_rollups WHERE rows = 0 AND provider = OLD.provider AND day = OLD.day AND model = OLD.model;
)sql";
constexpr std::string_view BilledInsert =
    "CREATE TRIGGER billed_costs_rollup_insert AFTER INSERT ON billed_costs BEGIN\n";
constexpr std::string_view BilledDelete =
    "CREATE TRIGGER billed_costs_rollup_delete AFTER DELETE ON billed_costs BEGIN\n";
constexpr std::string_view BilledUpdate =
    "CREATE TRIGGER billed_costs_rollup_update AFTER UPDATE ON billed_costs BEGIN\n";

constexpr std::string_view TriggerEnd = "END;\n";
constexpr std::string_view Blank = "\n";

constexpr std::string_view Tail = R"sql(
-- Rows synced before this schema (none in practice: there was no sync) go into the rollups through the triggers.
CREATE TEMP TABLE usage_v3 AS SELECT * FROM usage_buckets;
DELETE FROM usage_buckets;
INSERT INTO usage_buckets SELECT * FROM usage_v3;
DROP TABLE usage_v3;
CREATE TEMP TABLE billed_v3 AS SELECT * FROM billed_costs;
DELETE FROM billed_costs;
INSERT INTO billed_costs SELECT * FROM billed_v3;
DROP TABLE billed_v3;

ALTER TABLE sync_state ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;  -- consecutive failed attempts
ALTER TABLE sync_state ADD COLUMN retry_after INTEGER;                  -- UTC ms the provider asked us to wait until
)sql";

} // namespace migrationv6

// v6: provider sync. Rollups also keyed by the UTC day, so the spend rule can leave out local spend of a
// provider-day that an API covers; usage buckets keep their real end (partial buckets) and the metrics that have no
// column; billed costs keep the detail that tells their rows apart; balances are kept per endpoint and currency;
// sync state counts consecutive failures for the per-provider backoff.
constexpr std::string_view MigrationV6Sync =
    JoinedString<migrationv6::Head, migrationv6::UsageInsert, migrationv6::UsageAdd, migrationv6::TriggerEnd,
                 migrationv6::Blank, migrationv6::UsageDelete, migrationv6::UsageRemove, migrationv6::TriggerEnd,
                 migrationv6::Blank, migrationv6::UsageUpdate, migrationv6::UsageRemove, migrationv6::UsageAdd,
                 migrationv6::TriggerEnd, migrationv6::Blank, migrationv6::BilledTable, migrationv6::BilledInsert,
                 migrationv6::BilledAdd, migrationv6::TriggerEnd, migrationv6::Blank, migrationv6::BilledDelete,
                 migrationv6::BilledRemove, migrationv6::TriggerEnd, migrationv6::Blank, migrationv6::BilledUpdate,
                 migrationv6::BilledRemove, migrationv6::BilledAdd, migrationv6::TriggerEnd, migrationv6::Tail>::value;

namespace migrationv9 {

// The rollups' running totals of v6 added with SQLite's +, which turns a sum past 64 bits into an inexact
// floating-point value; these add with checked_add() (registered by ledger/database.cpp on every connection), which
// fails the statement, and so the sync's transaction, instead.
constexpr std::string_view Drop = R"sql(
DROP TRIGGER usage_buckets_rollup_insert;
DROP TRIGGER usage_buckets_rollup_update;
DROP TRIGGER billed_costs_rollup_insert;
DROP TRIGGER billed_costs_rollup_update;

)sql";

constexpr std::string_view UsageAdd =
    R"sql(    INSERT INTO usage_rollups VALUES (NEW.provider, NEW.bucket_start, NEW.model,
        COALESCE(NEW.bucket_end, NEW.bucket_start + CASE NEW.bucket_width WHEN '1h' THEN 3600000 WHEN '1m' THEN 60000
                                                                          ELSE 86400000 END),
        NEW.bucket_width, 1, NEW.requests, NEW.input_uncached, NEW.cache_read, NEW.cache_write_5m, NEW.cache_write_1h,
        NEW.output, NEW.reasoning, COALESCE(NEW.cost_nano, 0),
        CASE WHEN NEW.cost_nano IS NULL THEN NEW.requests ELSE 0 END,
        CASE WHEN NEW.cost_nano IS NULL THEN checked_add(checked_add(checked_add(checked_add(NEW.input_uncached,
            NEW.cache_read), NEW.cache_write_5m), NEW.cache_write_1h), NEW.output) ELSE 0 END)
    ON CONFLICT DO UPDATE SET rows = rows + 1, requests = checked_add(requests, excluded.requests),
        input_uncached = checked_add(input_uncached, excluded.input_uncached),
        cache_read = checked_add(cache_read, excluded.cache_read),
        cache_write_5m = checked_add(cache_write_5m, excluded.cache_write_5m),
        cache_write_1h = checked_add(cache_write_1h, excluded.cache_write_1h),
        output = checked_add(output, excluded.output), reasoning = checked_add(reasoning, excluded.reasoning),
        cost_nano = checked_add(cost_nano, excluded.cost_nano),
        unpriced_requests = checked_add(unpriced_requests, excluded.unpriced_requests),
        unpriced_tokens = checked_add(unpriced_tokens, excluded.unpriced_tokens);
)sql";

constexpr std::string_view BilledAdd =
    R"sql(    INSERT INTO billed_rollups VALUES (NEW.provider, NEW.day, NEW.model, 1, NEW.amount_nano)
    ON CONFLICT DO UPDATE SET rows = rows + 1, amount_nano = checked_add(amount_nano, excluded.amount_nano);
)sql";

} // namespace migrationv9

// v9: the sync rollups' triggers add with checked_add(). A subtraction needs no check: a rollup holds the row it
// takes away. The rows counter grows by one per row and cannot reach 64 bits.
constexpr std::string_view MigrationV9CheckedRollups =
    JoinedString<migrationv9::Drop, migrationv6::UsageInsert, migrationv9::UsageAdd, migrationv6::TriggerEnd,
                 migrationv6::Blank, migrationv6::UsageUpdate, migrationv6::UsageRemove, migrationv9::UsageAdd,
                 migrationv6::TriggerEnd, migrationv6::Blank, migrationv6::BilledInsert, migrationv9::BilledAdd,
                 migrationv6::TriggerEnd, migrationv6::Blank, migrationv6::BilledUpdate, migrationv6::BilledRemove,
                 migrationv9::BilledAdd, migrationv6::TriggerEnd>::value;

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_MIGRATIONSYNC_H
