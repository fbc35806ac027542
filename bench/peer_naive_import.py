#!/usr/bin/env python3
"""The naive peer: what a short script would do with the same envelope file.

Reads JSONL with the standard json module, inserts one row per request into SQLite with
executemany in one transaction (ON CONFLICT on request_id for idempotency, like Burnrate), then
answers "cost by model" with a GROUP BY over the raw rows. Prints one JSON object.
"""
import json
import sqlite3
import sys
import time
import resource
from decimal import Decimal


def main():
    src, db_path = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(
        "CREATE TABLE events (request_id TEXT PRIMARY KEY, provider TEXT, model TEXT, started_at TEXT,"
        " input INTEGER, cached INTEGER, output INTEGER, cost_nano INTEGER)")
    rows = []
    count = 0
    with open(src, encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            cost = e.get("estimated_cost_usd")
            rows.append((e["request_id"], e["provider"], e["model"], e["started_at"], e.get("input_tokens", 0),
                         e.get("cached_input_tokens", 0), e.get("output_tokens", 0),
                         int(Decimal(str(cost)) * 1_000_000_000) if cost is not None else None))
            if len(rows) >= 20000:
                db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING", rows)
                count += len(rows)
                rows.clear()
    db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING", rows)
    count += len(rows)
    db.commit()
    import_s = time.perf_counter() - t0
    times = []
    for _ in range(5):
        t = time.perf_counter()
        db.execute("SELECT model, provider, COUNT(*), SUM(input), SUM(cached), SUM(output), SUM(cost_nano)"
                   " FROM events GROUP BY model, provider").fetchall()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(json.dumps({"import_s": round(import_s, 3), "events_per_s": int(count / import_s),
                      "report_by_model_ms_median": round(times[len(times) // 2], 2),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


if __name__ == "__main__":
    main()
