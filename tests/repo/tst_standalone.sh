#!/usr/bin/env bash
# Proves that check-standalone.sh can fail: a throwaway git repository with one file per kind of outside
# reference must give exactly those findings, and the same repository without them must pass.
set -euo pipefail

CHECK="$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/check-standalone.sh"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
repo="$scratch/repo"
mkdir -p "$repo/core/a" "$repo/tests/fixtures/x" "$repo/docs"
cd "$repo"
git init -q .

fail() {
    echo "tst_standalone: FAIL: $*" >&2
    exit 1
}

# Clean files, including the forms that must not be flagged.
cat >core/a/ok.cpp <<'CPP'
#include "../b.h"          // inside the repository
// A made-up home in test data: /home/dev/src/app; a user's folder spelled ~/.claude/projects.
// See docs/architecture.md §2 for the spend rule.
CPP
printf '# Notes\nSee [the envelope](../docs/event-envelope.md) and tests/fixtures/x/README.md.\n' >docs/guide.md
printf 'set(FIXTURES "${PROJECT_SOURCE_DIR}/tests/fixtures")\n' >CMakeLists.txt
printf '{"cwd": "/home/alice/project", "p": "../../../../etc"}\n' >tests/fixtures/x/data.json
git add -A
"$CHECK" "$repo" >"$scratch/clean.out" 2>&1 || fail "a clean tree was refused: $(cat "$scratch/clean.out")"

# One planted reference of each kind.
printf '// Reads %s/%s/fixtures/events/sample.jsonl\n' .. shared >core/a/shelf.cpp
printf '// The spend rule (DESIGN §2)\n' >core/a/design.h
printf '#include "../../../outside.h"\n' >core/a/escape.cpp
printf 'const char *p = "/home/alice/burnrate/data";\n' >core/a/home.cpp
printf '# Written in issue 13\n' >core/a/history.txt
printf 'set(X "${PROJECT_SOURCE_DIR}/../sibling/fixtures")\n' >core/CMakeLists.txt
printf 'See [notes](../../outside.md).\n' >docs/escape.md
printf 'Captured on /Users/bob/Desktop\n' >tests/fixtures/x/README.md
git add -A
if "$CHECK" "$repo" >"$scratch/dirty.out" 2>&1; then
    fail "a tree with outside references passed"
fi
for expected in \
    "core/a/shelf.cpp:1: refers to the team's private reference shelf" \
    "core/a/escape.cpp:1: relative path leaves the repository" \
    "core/a/design.h:1: refers to the team's private reference shelf" \
    "core/a/home.cpp:1: absolute path of someone's machine" \
    "core/a/history.txt:1: issue number" \
    "core/CMakeLists.txt:1: relative path leaves the repository" \
    "docs/escape.md:1: relative path leaves the repository" \
    "tests/fixtures/x/README.md:1: absolute path of someone's machine"; do
    grep -qF "$expected" "$scratch/dirty.out" || fail "missing finding '$expected' in: $(cat "$scratch/dirty.out")"
done
findings="$(grep -c '^[^ ]*:[0-9]*: ' "$scratch/dirty.out" || true)"
[[ "$findings" == 8 ]] || fail "expected 8 findings, got $findings: $(cat "$scratch/dirty.out")"
# Nothing from the clean files or the fixture data.
if grep -qE '^(core/a/ok.cpp|docs/guide.md|CMakeLists.txt|tests/fixtures/x/data.json):' "$scratch/dirty.out"; then
    fail "a clean file was flagged: $(cat "$scratch/dirty.out")"
fi
echo "tst_standalone: the check passes a clean tree and names each of 8 planted references"
