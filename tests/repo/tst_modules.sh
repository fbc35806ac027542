#!/usr/bin/env bash
# Proves that check-modules.sh can fail: a made-up tree of three modules passes, then a cycle, an include of a
# module that is not linked, and a ui include of the command line are each named.
set -euo pipefail

CHECK="$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/check-modules.sh"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
root="$scratch/tree"
mkdir -p "$root/core/util" "$root/core/ledger" "$root/core/cli" "$root/ui"

fail() {
    echo "tst_modules: FAIL: $*" >&2
    exit 1
}

printf 'burnrate_add_module(util\n    SOURCES clock.h\n    LINKS Qt6::Core)\n' >"$root/core/util/CMakeLists.txt"
printf 'burnrate_add_module(ledger\n    SOURCES ledger.h ledger.cpp\n    LINKS burnrate_util SQLite::SQLite3)\n' \
    >"$root/core/ledger/CMakeLists.txt"
printf 'burnrate_add_module(cli\n    SOURCES cli.cpp\n    LINKS burnrate_ledger)\n' >"$root/core/cli/CMakeLists.txt"
printf '#include "util/clock.h"\n' >"$root/core/ledger/ledger.cpp"
printf '#include "ledger/ledger.h"\n#include "util/clock.h"\n#include "cli/other.h"\n' >"$root/core/cli/cli.cpp"
printf '#include "ledger/ledger.h"\n#include "ui/pages/page.h"\n#include "window.moc"\n' >"$root/ui/window.cpp"
"$CHECK" "$root" >"$scratch/clean.out" 2>&1 || fail "a clean tree was refused: $(cat "$scratch/clean.out")"
grep -q "3 modules, no cycle" "$scratch/clean.out" || fail "unexpected output: $(cat "$scratch/clean.out")"

# An include of a module the file's module does not link, and the desktop app including the command line.
printf '#include "cli/cli.h"\n' >>"$root/core/ledger/ledger.cpp"
printf '#include "cli/reporttable.h"\n#include "pages/page.h"\n' >>"$root/ui/window.cpp"
if "$CHECK" "$root" >"$scratch/includes.out" 2>&1; then
    fail "wrong includes passed"
fi
grep -qF 'core/ledger/ledger.cpp:2: core/ledger includes "cli/cli.h" but does not link burnrate_cli' \
    "$scratch/includes.out" || fail "the ledger include was not named: $(cat "$scratch/includes.out")"
grep -qF 'ui/window.cpp:4: the desktop app includes the command line ("cli/reporttable.h")' "$scratch/includes.out" ||
    fail "the ui include was not named: $(cat "$scratch/includes.out")"
grep -qF 'ui/window.cpp:5: "pages/page.h" names no module' "$scratch/includes.out" ||
    fail "the ui include without its module was not named: $(cat "$scratch/includes.out")"

# A cycle: util links cli.
printf 'burnrate_add_module(util\n    SOURCES clock.h\n    LINKS Qt6::Core burnrate_cli)\n' \
    >"$root/core/util/CMakeLists.txt"
if "$CHECK" "$root" >"$scratch/cycle.out" 2>&1; then
    fail "a cycle passed"
fi
grep -qF "the links of core/ form a cycle among: cli ledger util" "$scratch/cycle.out" ||
    fail "the cycle was not named: $(cat "$scratch/cycle.out")"
echo "tst_modules: the check passes a layered tree and names a stray include, a ui include of cli, a ui include without its module and a cycle"
