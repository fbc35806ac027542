#!/usr/bin/env bash
# Proves that check-fixtures.sh can fail: on a copy of tests/fixtures it passes, then names a deleted, a changed
# and an unlisted file.
set -euo pipefail

HERE="$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -r "$HERE/../fixtures" "$scratch/fixtures"

fail() {
    echo "tst_checkfixtures: FAIL: $*" >&2
    exit 1
}

"$HERE/check-fixtures.sh" "$scratch/fixtures" >"$scratch/clean.out" 2>&1 || fail "the copy was refused: $(cat "$scratch/clean.out")"

rm "$scratch/fixtures/events/sample.jsonl"
printf ' ' >>"$scratch/fixtures/pricing/golden-cases.json"
printf '{}\n' >"$scratch/fixtures/providers/new-capture.json"
if "$HERE/check-fixtures.sh" "$scratch/fixtures" >"$scratch/dirty.out" 2>&1; then
    fail "a damaged fixtures folder passed"
fi
for expected in "tests/fixtures/events/sample.jsonl: FAILED open or read" \
    "tests/fixtures/pricing/golden-cases.json: FAILED" \
    "tests/fixtures/providers/new-capture.json: not listed"; do
    grep -qF "$expected" "$scratch/dirty.out" || fail "missing '$expected' in: $(cat "$scratch/dirty.out")"
done
[[ "$(wc -l <"$scratch/dirty.out")" == 3 ]] || fail "expected 3 lines, got: $(cat "$scratch/dirty.out")"
echo "tst_checkfixtures: the check passes the fixtures and names a deleted, a changed and an unlisted file"
