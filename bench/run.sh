#!/usr/bin/env bash
# Runs the benchmarks of bench/ against the default build and prints Burnrate's figures beside
# its peers' figures from the same run. Usage: bench/run.sh [events|pricing|budget|sync] [N]
#   events   1,000,000 generated envelope events: import throughput, peak RSS, report latency
#   pricing  10,000,000 synthetic usages across 50 models priced on one core: prices/s
#   budget   5,000,000 events over two years, four budgets: the budget check's latency (no peer)
#   sync     90-day backfill of all four providers from local fake servers: requests, wall time, rows
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build/default"
BIN="$BUILD/app/burnrate"
BENCH="$BUILD/bench/bench_events"
WHAT="${1:-events}"
N="${2:-1000000}"

ms_now() { date +%s%N; }

bench_events() {
    local scratch
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' RETURN
    echo "== events: $N generated envelope events (scratch $scratch)"
    "$BENCH" generate --events "$N" --out "$scratch/events.jsonl" >/dev/null
    ls -l "$scratch/events.jsonl" | awk '{printf "input: %.1f MB\n", $5/1e6}'

    # Burnrate: the real binary, cold ledger, wall time and peak RSS.
    local t0 t1 rss
    t0=$(ms_now)
    /usr/bin/time -f '%M' -o "$scratch/rss" "$BIN" --data-dir "$scratch/ledger" import events "$scratch/events.jsonl" >/dev/null
    t1=$(ms_now)
    rss=$(cat "$scratch/rss")
    local import_s eps
    import_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')
    eps=$(awk -v n="$N" -v s="$import_s" 'BEGIN{printf "%d", n/s}')
    # Re-import of the same file: idempotent, so every line is "unchanged".
    t0=$(ms_now)
    "$BIN" --data-dir "$scratch/ledger" import events "$scratch/events.jsonl" >/dev/null
    t1=$(ms_now)
    local reimport_s
    reimport_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')
    local report_inproc
    report_inproc=$("$BENCH" report --data-dir "$scratch/ledger" | sed 's/.*median": \([0-9.]*\).*/\1/')
    local samples=() i
    for i in $(seq 1 11); do
        t0=$(ms_now)
        "$BIN" --data-dir "$scratch/ledger" report --by model --format json >/dev/null
        t1=$(ms_now)
        samples+=("$(( (t1 - t0) / 1000 ))")
    done
    local report_cli_ms
    report_cli_ms=$(printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR]=$1} END{printf "%.2f", a[int((NR+1)/2)]/1000}')

    # Peer: a naive Python script (json + sqlite3) on the same file.
    local peer peer_eps peer_report
    peer=$(python3 "$ROOT/bench/peer_naive_import.py" "$scratch/events.jsonl" "$scratch/peer.sqlite3")
    peer_eps=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['events_per_s'])" "$peer")
    peer_report=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['report_by_model_ms_median'])" "$peer")

    printf '\n%-44s %14s %14s %10s\n' "figure" "burnrate" "naive peer" "ratio"
    printf '%-44s %14s %14s %9.2fx\n' "import throughput (events/s, higher=better)" "$eps" "$peer_eps" \
        "$(awk -v a="$eps" -v b="$peer_eps" 'BEGIN{print a/b}')"
    printf '%-44s %14s %14s %10s\n' "import wall time (s)" "$import_s" "" ""
    printf '%-44s %14s %14s %10s\n' "re-import of the same file (s)" "$reimport_s" "" ""
    printf '%-44s %14s %14s %10s\n' "import peak RSS (MB)" "$(awk -v k="$rss" 'BEGIN{printf "%.1f", k/1024}')" "" ""
    printf '%-44s %14s %14s %9.1fx\n' "report --by model, in-process (ms)" "$report_inproc" "$peer_report" \
        "$(awk -v a="$report_inproc" -v b="$peer_report" 'BEGIN{print b/a}')"
    printf '%-44s %14s %14s %10s\n' "report --by model, whole CLI process (ms)" "$report_cli_ms" "" ""
    echo
    echo "targets: import >= 300000 events/s; report < 50 ms"
}

bench_pricing() {
    local n="${PRICING_N:-10000000}"
    echo "== pricing: $n synthetic usages across 50 models, one core"
    local ours peer ours_ps peer_ps peer_n
    ours=$(taskset -c 0 "$BUILD/bench/bench_pricing" --count "$n" 2>/dev/null || "$BUILD/bench/bench_pricing" --count "$n")
    ours_ps=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['prices_per_s'])" "$ours")
    # The peer is ~100x slower: give it a tenth of the work and compare rates.
    peer_n=$(( n / 10 ))
    peer=$(python3 "$ROOT/bench/peer_naive_pricing.py" "$ROOT/pricing/prices.json" "$peer_n")
    peer_ps=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['prices_per_s'])" "$peer")
    echo "burnrate: $ours"
    echo "peer:     $peer"
    printf '\n%-44s %14s %14s %10s\n' "figure" "burnrate" "naive peer" "ratio"
    printf '%-44s %14s %14s %9.1fx\n' "prices per second (higher=better)" "$ours_ps" "$peer_ps" \
        "$(awk -v a="$ours_ps" -v b="$peer_ps" 'BEGIN{print a/b}')"
    echo
    echo "target: >= 5000000 prices/s on one core"
}

bench_budget() {
    local n="${2:-5000000}"
    echo "== budget: $n events over two years; global, provider, workflow and tag budgets (times in ms)"
    "$BUILD/bench/bench_budget" "$n"
    echo "global and provider spend come from the rollups; workflow and tag spend scan the period's events"
}

bench_sync() {
    local bin="$BUILD/bench/bench_sync"
    [[ -x "$bin" ]] || { echo "build/default/bench/bench_sync is missing (it needs BUILD_TESTING=ON)" >&2; exit 1; }
    echo "== sync: 90-day backfill of openai, anthropic, openrouter, deepseek (20 models, 5 projects, hourly buckets"
    echo "   for the last 48 h) from local fake servers, then a sync 15 minutes later"
    local out
    out="$("$bin")"
    python3 - "$out" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
rows = [
    ("requests made (backfill)", r["requests"], r["requests_fewest_possible"]),
    ("wall time (backfill, ms)", r["wall_ms"], "< 2000"),
    ("rows written (backfill)", r["rows"], ""),
    ("  usage buckets (of them hourly)", "%d (%d)" % (r["usage_rows"], r["hourly_usage_rows"]), ""),
    ("  billed cost rows", r["billed_rows"], ""),
    ("  balance snapshots", r["balance_rows"], ""),
    ("requests made (15 minutes later)", r["incremental_requests"], r["incremental_requests_fewest_possible"]),
    ("wall time (15 minutes later, ms)", r["incremental_wall_ms"], ""),
    ("report --by provider, in-process (ms)", r["report_by_provider_ms_median"], "< 50"),
]
print("\n%-40s %14s %16s" % ("figure", "burnrate", "fewest / target"))
for name, value, target in rows:
    print("%-40s %14s %16s" % (name, value, target))
ok = r["wall_ms"] < 2000 and r["requests"] <= r["requests_fewest_possible"] and r["failures"] == 0
print("\ntargets: backfill < 2 s, no more requests than the page limits require:", "met" if ok else "NOT MET")
PY
}

case "$WHAT" in
events) bench_events ;;
pricing) PRICING_N="${2:-10000000}" bench_pricing ;;
budget) bench_budget "$@" ;;
sync) bench_sync ;;
*) echo "unknown benchmark: $WHAT (known: events, pricing, budget, sync)" >&2; exit 2 ;;
esac
