#!/usr/bin/env bash
# The kill test: every writer of the ledger and the settings is killed (SIGKILL) at random moments, again and again on
# the same data folder, then run once to the end; the folder must then pass `PRAGMA integrity_check` and give exactly
# the reports of a run that was never interrupted. Usage: bench/kill.sh [N] [WRITER...]
#   N        kills per writer (default 20)
#   WRITER   events, claude-code, codex, sync, reprice, budget, settings (default: all, in this order)
# For each writer: a seed folder holds the starting state; a copy of it gets one uninterrupted run (the reference:
# its wall time, its reports and the writer's own projections). Another copy then gets runs each killed after a
# random delay within that wall time; a kill "lands mid-run" when the process was still running (it died of the
# signal). A run that ends by itself before its kill has finished the work: that folder gets one more full run and is
# checked (integrity_check ok, every projection byte-identical to the reference's), and the next kills go to a fresh
# copy of the seed, so that they land inside the work; after the N-th kill the last folder is finished the same way.
# Exits non-zero when any writer fails. BURNRATE_KILL_KEEP=1 keeps the scratch folder; it is kept anyway when
# something fails. KILL_EVENTS, KILL_CLAUDE_LINES, KILL_CODEX_SESSIONS, KILL_REPRICE_EVENTS, KILL_BUDGET_EVENTS,
# KILL_BUDGET_CHECKS, KILL_SETTINGS_EVENTS and KILL_SETTINGS_ROUNDS change the size of the work.

# shellcheck disable=SC2317 # the writers' functions are called by name (setup_W, run_W, check_W)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build/default"
BIN="$BUILD/app/burnrate"
WRITERS_BIN="$BUILD/bench/kill_writers"
FAKES_BIN="$BUILD/bench/fake_providers_serve"
N="${1:-20}"
shift || true
ALL_WRITERS=(events claude-code codex sync reprice budget settings)
if (($# > 0)); then
    WRITERS=("$@")
else
    WRITERS=("${ALL_WRITERS[@]}")
fi
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "kill.sh: N must be a number of kills (1 or more), not \"$N\"" >&2; exit 2; }
for w in "${WRITERS[@]}"; do
    if [[ " ${ALL_WRITERS[*]} " != *" $w "* ]]; then
        echo "kill.sh: unknown writer $w (known: ${ALL_WRITERS[*]})" >&2
        exit 2
    fi
done
for b in "$BIN" "$WRITERS_BIN" "$BUILD/bench/bench_events" "$BUILD/bench/bench_agentlogs"; do
    [[ -x "$b" ]] || { echo "kill.sh: $b is missing (build the default preset)" >&2; exit 1; }
done
command -v sqlite3 >/dev/null || { echo "kill.sh: the sqlite3 shell is needed for PRAGMA integrity_check" >&2; exit 1; }

SCRATCH="$(mktemp -d)"
FAKES_PID=""
FAILED=0
stop_fakes() {
    if [[ -n "$FAKES_PID" ]]; then
        kill "$FAKES_PID" 2>/dev/null || true
        wait "$FAKES_PID" 2>/dev/null || true
        FAKES_PID=""
    fi
}
cleanup() {
    if [[ "${BURNRATE_KILL_KEEP:-0}" == 1 || "$FAILED" != 0 ]]; then
        echo "scratch folder kept: $SCRATCH"
    else
        rm -rf "$SCRATCH"
    fi
}
trap cleanup EXIT

# Every process sees the same calendar and nothing of the user's: UTC as the system zone, no zone override, an
# empty home (no keychain, no agent logs, no data folder but the one given).
export TZ=UTC LANG=C.UTF-8 HOME="$SCRATCH/home"
unset BURNRATE_TIMEZONE BURNRATE_DATA_DIR BURNRATE_IMPORT_BATCH CODEX_HOME CLAUDE_CONFIG_DIR DISPLAY WAYLAND_DISPLAY
mkdir -p "$HOME"
SHARED="$SCRATCH/shared"
mkdir -p "$SHARED"

now_ns() { date +%s%N; }
# The sqlite3 shell, waiting for a lock rather than failing at once: two shells opening a ledger whose WAL is gone
# (its last writer closed it) race to set it up, and the loser would get "database is locked" without a wait.
sq() { sqlite3 -cmd ".timeout 10000" "$@"; }
secs() { awk -v ns="$1" 'BEGIN{printf "%.2f", ns/1e9}'; }
share_of() { awk -v t="$1" -v f="$2" 'BEGIN{printf "%.2f", t*f}'; }

# The generated envelope events (2026-10-01 .. 2026-11-30, ten models of four providers) that several writers use.
events_file() {
    local f="$SHARED/events.jsonl"
    if [[ ! -f "$f" ]]; then
        "$BUILD/bench/bench_events" generate --events "${KILL_EVENTS:-150000}" --out "$f" >/dev/null
    fi
    echo "$f"
}

# --- the writers --------------------------------------------------------------------------------------------------
# Each has setup_W WORK SEED (inputs into WORK, the starting state into the folder SEED) and run_W DATA, which
# becomes the writer's process (exec), so that its pid is the one killed; check_W DATA OUT, when defined, writes
# more projections to compare beside the reports.

setup_events() {
    ln -s "$(events_file)" "$1/events.jsonl"
    mkdir -p "$2"
}
run_events() { exec "$BIN" --data-dir "$1" import events "$WORK/events.jsonl"; }

setup_claude_code() {
    "$BUILD/bench/bench_agentlogs" generate --out "$1/tree" --size "${KILL_CLAUDE_LINES:-60000}" --sessions 60 \
        >/dev/null
    mkdir -p "$2"
}
run_claude_code() { exec "$BIN" --data-dir "$1" import claude-code "$WORK/tree" --billing api; }
# Where each file's import stands, and which file's copy of each request was kept (by path: checkpoint ids are not
# part of the result).
check_claude_code() {
    table_dump "$1" import_checkpoints source,path >"$2/import_checkpoints.txt"
    sq -ascii "$1/ledger.sqlite3" "SELECT e.source, e.source_key, c.path, o.rank FROM import_origins o
        JOIN events e ON e.id = o.event_id LEFT JOIN import_checkpoints c ON c.id = o.file_id
        ORDER BY e.source, e.source_key" | sha256sum | sed 's/ .*/  import_origins by path/' >"$2/import_origins.txt"
}

# Copies of the real Codex rollout of tests/fixtures, each a session of its own: a new session id (in the name and
# in session_meta), its times moved later (a request's key is its time and cumulative totals, so copies at the same
# times would be one session seen twice) and its token counts scaled by 1, 2 or 3; every fifth on another model.
setup_codex() {
    python3 - "$ROOT/tests/fixtures/agent-logs" "$1/codex" "${KILL_CODEX_SESSIONS:-3000}" <<'PY'
import datetime, glob, os, re, sys, uuid
src = glob.glob(os.path.join(sys.argv[1], "codex-0.104-real-rollout-*.jsonl"))[0]
out, count = sys.argv[2], int(sys.argv[3])
old_id = re.search(r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$", src).group(1)
lines = open(src, encoding="utf-8").read().splitlines(keepends=True)
stamp = re.compile(r'"timestamp":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})Z"')
tokens = re.compile(r'"(input_tokens|cached_input_tokens|output_tokens|reasoning_output_tokens|total_tokens)":(\d+)')
base = datetime.datetime(2026, 2, 23, 19, 34, 25, 573000)
for i in range(count):
    shift = datetime.timedelta(minutes=13 * i)
    scale = 1 + i % 3
    sid = str(uuid.UUID(int=(0x019c8bfe << 96) | i))
    def move(m):
        t = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f") + shift
        return '"timestamp":"%sZ"' % t.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3]
    body = []
    for line in lines:
        line = stamp.sub(move, line.replace(old_id, sid))
        if '"token_count"' in line:
            line = tokens.sub(lambda m: '"%s":%d' % (m.group(1), int(m.group(2)) * scale), line)
        if i % 5 == 4:
            line = line.replace('"gpt-5.3-codex"', '"gpt-5.2-codex"')
        body.append(line)
    start = base + shift
    folder = os.path.join(out, "sessions", start.strftime("%Y/%m/%d"))
    os.makedirs(folder, exist_ok=True)
    name = "rollout-%s-%s.jsonl" % (start.strftime("%Y-%m-%dT%H-%M-%S"), sid)
    with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
        f.writelines(body)
PY
    mkdir -p "$2"
}
run_codex() { exec "$BIN" --data-dir "$1" import codex "$WORK/codex" --billing api; }
check_codex() { check_claude_code "$@"; }

# The four fake providers in a process of their own, their clock standing at the start of the hour; the sync
# backfills 90 days from them. A sync is a function of the day it runs on (the 90 days, the last 48 hours in
# hourly buckets), so the writer starts only when the whole of it fits before the next UTC midnight.
setup_sync() {
    [[ -x "$FAKES_BIN" ]] || { echo "kill.sh: $FAKES_BIN is missing (it needs BUILD_TESTING=ON)" >&2; return 1; }
    local left=$((86400 - $(date -u +%s) % 86400)) need=$((120 + N * 6))
    if ((left < need)); then
        echo "   waiting $((left + 5)) s for the next UTC day: the sync writer needs about $need s within one day"
        sleep $((left + 5))
    fi
    "$FAKES_BIN" >"$1/fakes.env" 2>"$1/fakes.err" &
    FAKES_PID=$!
    local i
    for i in $(seq 1 100); do
        grep -qx ready "$1/fakes.env" && break
        sleep 0.1
    done
    if ! grep -qx ready "$1/fakes.env"; then
        echo "kill.sh: the fake providers did not start" >&2
        cat "$1/fakes.err" >&2
        return 1
    fi
    local line
    while IFS= read -r line; do
        if [[ "$line" == BURNRATE_*=* ]]; then
            export "${line?}"
        fi
    done <"$1/fakes.env"
    mkdir -p "$2"
}
run_sync() { exec "$BIN" --data-dir "$1" sync; }
# The synced rows themselves (without their row ids) and the reconciliation. Balance snapshots, sync_state and
# sync_coverage are left out: each run that reaches a balance endpoint stores a snapshot of its own moment,
# sync_state holds the times of the last attempt and success, and coverage ends at each run's own "now"; what the
# snapshots add up to is in the reports.
check_sync() {
    "$BIN" --data-dir "$1" report --reconcile --format json >"$2/report-reconcile.json"
    table_dump "$1" usage_buckets >"$2/usage_buckets.txt"
    table_dump "$1" billed_costs >"$2/billed_costs.txt"
}
teardown_sync() { stop_fakes; }

# Requests of a model the shipped prices do not know, imported, then the user's own price for it: a re-pricing
# changes every event (as in tests/core/cli/tst_cliprocess.cpp).
setup_reprice() {
    python3 - "$1/own.jsonl" "${KILL_REPRICE_EVENTS:-60000}" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write('{"request_id":"o%d","provider":"acme","model":"my-model","started_at":"2026-11-%02dT%02d:00:00Z",'
                '"input_tokens":%d,"output_tokens":%d,"conversation_id":"c%d"}\n'
                % (i, 1 + i % 30, i % 24, 1000 + i % 5000, 5 + i % 300, i // 25))
PY
    mkdir -p "$2"
    "$BIN" --data-dir "$2" import events "$1/own.jsonl" >/dev/null
    cat >"$2/prices.user.json" <<'JSON'
{"format": "llm-spend-pricing-overlay", "format_version": 1, "id": "user", "providers": [{"id": "acme",
 "name": "Acme", "models": [{"id": "my-model", "name": "My model", "versions": [{"effective_from": null,
 "rates": {"input": "1", "output": "2"}}]}]}]}
JSON
}
run_reprice() { exec "$BIN" --data-dir "$1" reprice; }
check_reprice() {
    sq "$1/ledger.sqlite3" "SELECT 'undo journal rows', count(*) FROM reprice_undo" >"$2/reprice_undo.txt"
}

# The app's budget check (kill_writers budget-check: BudgetEngine::check at two moments of every day of the two
# months of events) over five budgets: global monthly and daily, a provider's weekly, a workflow's and a tag's
# monthly, each set so that some thresholds and forecasts fire; a burst of requests on 2026-11-20 is an unusual day.
setup_budget() {
    python3 - "$(events_file)" "$1/events.jsonl" "${KILL_BUDGET_EVENTS:-40000}" <<'PY'
import sys
src, dst, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(src).readlines()
step = max(1, len(lines) // count)  # every step-th event: the two months, thinner
with open(dst, "w") as out:
    for i, line in enumerate(lines[::step][:count]):
        out.write(line.rstrip("\n")[:-1] + ',"tags":{"team":"%s"}}\n' % "abcd"[i % 4])
    for i in range(3000):
        out.write('{"request_id":"burst%d","provider":"openai","model":"gpt-4o",'
                  '"started_at":"2026-11-20T%02d:%02d:00Z",'
                  '"input_tokens":200000,"output_tokens":20000,"tags":{"team":"a"}}\n' % (i, 8 + i % 10, i % 60))
PY
    mkdir -p "$2"
    "$BIN" --data-dir "$2" import events "$1/events.jsonl" >/dev/null
    # Amounts as shares of the two months' spend (the burst included), so that some thresholds fire and some not.
    local total
    total=$("$BIN" --data-dir "$2" report --by month --format json | python3 -c \
        'import json,sys; print(json.load(sys.stdin)["total"]["cost_nano"] / 1e9)')
    "$BIN" --data-dir "$2" budget set all --amount "$(share_of "$total" 0.55)" >/dev/null
    "$BIN" --data-dir "$2" budget set daily --amount "$(share_of "$total" 0.02)" --period daily \
        --thresholds 80,100 >/dev/null
    "$BIN" --data-dir "$2" budget set openai-weekly --amount "$(share_of "$total" 0.035)" --period weekly \
        --scope provider:openai >/dev/null
    "$BIN" --data-dir "$2" budget set flow-3 --amount "$(share_of "$total" 0.035)" --scope workflow:flow_3 \
        --start-day 15 >/dev/null
    "$BIN" --data-dir "$2" budget set team-a --amount "$(share_of "$total" 0.12)" --scope tag:team=a \
        --thresholds 25,50,75,100 >/dev/null
}
run_budget() {
    exec "$WRITERS_BIN" budget-check --data-dir "$1" --from 2026-10-01 --days 61 \
        --checks-per-day "${KILL_BUDGET_CHECKS:-2}"
}
# The alert memory, and the status of every budget at two moments (the clock fixed, so they compare).
check_budget() {
    local t
    for t in alerts forecast_alerts anomaly_alerts budgets; do
        table_dump "$1" "$t" >"$2/$t.txt"
    done
    "$WRITERS_BIN" budget-status --data-dir "$1" --at 2026-11-21 >"$2/budget-status-2026-11-21.json"
    "$WRITERS_BIN" budget-status --data-dir "$1" --at 2026-12-01 >"$2/budget-status-2026-12-01.json"
}

# The app's settings writes (kill_writers settings: time zone, week start, sync interval, anomaly floor,
# onboarding, agent-log sources, window state; then the ledger's rollups bucketed in the new zone) over a ledger.
setup_settings() {
    local events step
    events="$(events_file)"
    step=$(($(wc -l <"$events") / ${KILL_SETTINGS_EVENTS:-50000}))
    awk -v step="$((step > 0 ? step : 1))" 'NR % step == 0' "$events" >"$1/events.jsonl"
    mkdir -p "$2"
    "$BIN" --data-dir "$2" import events "$1/events.jsonl" >/dev/null
}
run_settings() { exec "$WRITERS_BIN" settings --data-dir "$1" --rounds "${KILL_SETTINGS_ROUNDS:-10}"; }
check_settings() {
    "$WRITERS_BIN" settings-dump --data-dir "$1" >"$2/settings.txt"
    sq "$1/ledger.sqlite3" "SELECT key, value FROM meta WHERE key = 'rollup_timezone'" >"$2/rollup_zone.txt"
    "$BIN" --data-dir "$1" report --by week --format json >"$2/report-week.json"
}

# --- the harness --------------------------------------------------------------------------------------------------

# The digest of a table's rows in a fixed order (by the columns $3, else by all), without the row id: ids are not part
# of the result (a killed transaction can use up ids that a later one skips).
table_dump() {
    local db="$1/ledger.sqlite3" cols rows digest
    cols=$(sq "$db" "SELECT group_concat(quote(name), ',') FROM pragma_table_info('$2') WHERE name <> 'id'")
    rows=$(sq "$db" "SELECT count(*) FROM \"$2\"")
    digest=$(sq -ascii "$db" "SELECT $cols FROM \"$2\" ORDER BY ${3:-$cols}" | sha256sum)
    echo "${digest%% *}  $2 ($rows rows)"
}

# What is compared: the reports as JSON, the events and rollups without their ids, and the writer's own projections.
reports() {
    local data="$1" out="$2" by
    mkdir -p "$out"
    for by in day model provider conversation workflow; do
        "$BIN" --data-dir "$data" report --by "$by" --format json >"$out/report-$by.json"
    done
    table_dump "$data" events source,source_key >"$out/events.txt"
    table_dump "$data" rollups >"$out/rollups.txt"
    table_dump "$data" conversation_rollups >"$out/conversation_rollups.txt"
    table_dump "$data" workflow_rollups >"$out/workflow_rollups.txt"
    if declare -F "check_$WRITER" >/dev/null; then
        "check_$WRITER" "$data" "$out"
    fi
}

# The checks of one killed folder after its full run: integrity, then every projection against the reference's.
# Appends what is wrong to PROBLEMS.
check_folder() {
    local data="$1" name="$2" integrity f
    integrity=$(sq "$data/ledger.sqlite3" "PRAGMA integrity_check" 2>&1 || true)
    [[ "$integrity" == ok ]] || PROBLEMS+=("$name: integrity_check: $(head -3 <<<"$integrity" | tr '\n' ' ')")
    reports "$data" "$data-reports" || PROBLEMS+=("$name: not every projection could be read")
    for f in "$WORK"/reference-reports/*; do
        cmp -s "$f" "$data-reports/$(basename "$f")" ||
            PROBLEMS+=("$name: $(basename "$f") differs from the uninterrupted run's: diff $f $data-reports/")
    done
    # Files the kills left behind, by name against the reference's folder (informational).
    local extra
    extra=$(comm -13 <(cd "$WORK/reference" && find . | sort) <(cd "$data" && find . | sort) | tr '\n' ' ')
    [[ -z "$extra" ]] || LEFTOVERS+=("$name: $extra")
}

# One full run of a killed folder, then its checks.
finish_round() {
    local data="$1" name="$2" code=0 t0 t1
    t0=$(now_ns)
    ("run_$WRITER" "$data") >"$data.final.out" 2>&1 || code=$?
    t1=$(now_ns)
    FINAL_NS=$((FINAL_NS + t1 - t0))
    ((code == 0)) || PROBLEMS+=("$name: the full run after the kills exited $code: $(tail -1 "$data.final.out")")
    check_folder "$data" "$name"
}

kill_writer() {
    WRITER="${1//-/_}" # the suffix of the writer's functions
    WORK="$SCRATCH/$1"
    mkdir -p "$WORK"
    echo "== $1"
    local seed="$WORK/seed" t0 t1 begin
    begin=$(now_ns)
    t0=$begin
    "setup_$WRITER" "$WORK" "$seed"
    t1=$(now_ns)
    echo "   setup $(secs $((t1 - t0))) s"

    # 1. The reference: one uninterrupted run on a copy of the seed.
    cp -a "$seed" "$WORK/reference"
    local code=0
    t0=$(now_ns)
    ("run_$WRITER" "$WORK/reference") >"$WORK/reference.out" 2>&1 || code=$?
    t1=$(now_ns)
    local duration_ns=$((t1 - t0))
    if ((code != 0)); then
        echo "   the uninterrupted run failed (exit $code):"
        tail -5 "$WORK/reference.out"
        echo "   verdict: FAIL (data in $WORK)"
        return 3
    fi
    reports "$WORK/reference" "$WORK/reference-reports"

    # 2. N runs on a copy of the seed, each killed after a random delay within the reference's wall time. A run that
    # ends by itself before its kill has finished the work: that folder gets its full run and checks, and the next
    # kills go to a new copy of the seed, so that they land inside the work rather than in runs with nothing to do.
    PROBLEMS=()
    LEFTOVERS=()
    FINAL_NS=0
    local duration_us=$((duration_ns / 1000)) landed=0 rounds=0 i pid status delay_us data=""
    for ((i = 1; i <= N; i++)); do
        if [[ -z "$data" ]]; then
            rounds=$((rounds + 1))
            data="$WORK/killed-$rounds"
            cp -a "$seed" "$data"
        fi
        delay_us=$(((RANDOM * 32768 + RANDOM) % duration_us))
        ("run_$WRITER" "$data") >>"$data.out" 2>&1 &
        pid=$!
        sleep "$(awk -v us="$delay_us" 'BEGIN{printf "%.6f", us/1e6}')"
        kill -KILL "$pid" 2>/dev/null || true
        status=0
        { wait "$pid" || status=$?; } 2>/dev/null
        if ((status == 128 + 9)); then
            landed=$((landed + 1))
            continue
        fi
        ((status == 0)) || PROBLEMS+=("killed-$rounds: run $i, after kills, exited $status: $(tail -1 "$data.out")")
        # 3. The work is done: one more full run, then the checks.
        finish_round "$data" "killed-$rounds"
        data=""
    done
    [[ -z "$data" ]] || finish_round "$data" "killed-$rounds"

    local compared
    compared=$(cd "$WORK/reference-reports" && echo *)
    printf '   reference run %s s; kills %d, %d landed mid-run; %d folder(s) killed and finished' \
        "$(secs "$duration_ns")" "$N" "$landed" "$rounds"
    printf ' (their full runs %s s in all); %s s for the writer\n' "$(secs "$FINAL_NS")" \
        "$(secs $(($(now_ns) - begin)))"
    echo "   compared with the uninterrupted run: integrity_check, $compared"
    for f in "${LEFTOVERS[@]}"; do
        echo "   left in the data folder beyond the reference's files: $f"
    done
    if declare -F "teardown_$WRITER" >/dev/null; then
        "teardown_$WRITER"
    fi
    if ((${#PROBLEMS[@]} > 0)); then
        for f in "${PROBLEMS[@]}"; do
            echo "   FAIL: $f"
        done
        echo "   verdict: FAIL (data in $WORK)"
        return 3
    fi
    echo "   verdict: PASS (integrity ok and all identical in every folder)"
    [[ "${BURNRATE_KILL_KEEP:-0}" == 1 ]] || rm -rf "$WORK"
}

echo "== kill test: $N kills per writer; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (scratch $SCRATCH)"
START=$(now_ns)
VERDICTS=()
for w in "${WRITERS[@]}"; do
    # Each writer in a subshell of its own, where errexit holds (a function called from a condition runs without it):
    # a step that fails unexpectedly ends that writer, not the whole test.
    set +e
    (
        set -e
        trap stop_fakes EXIT
        kill_writer "$w"
    )
    status=$?
    set -e
    if ((status == 0)); then
        VERDICTS+=("$w PASS")
    else
        ((status == 3)) || echo "   verdict: FAIL (the harness stopped with exit $status; data in $SCRATCH/$w)"
        VERDICTS+=("$w FAIL")
        FAILED=1
    fi
done
echo
echo "summary ($(secs $(($(now_ns) - START))) s): ${VERDICTS[*]/%/;}"
exit "$FAILED"
