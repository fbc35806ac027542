#!/usr/bin/env bash
# check-cross.sh [windows|arm64|all]
#
# Compiles the engine (core/) for the two systems this machine cannot run, with Debian's cross compilers and the
# host's Qt headers (Qt's headers are the same on every system): Windows with MinGW-w64 (syntax only: the
# Windows platform files and every shared file under the Windows headers) and Linux on ARM64 (to objects, with the
# project's warnings as errors, so that the SIMD fallbacks and the ARM64 prefetch are compiled and assembled).
# Not a build for those systems (no Qt libraries for them here) and not MSVC: the release workflow builds with
# MSVC and on Apple Silicon. Prints one line per failing file and exits 1 when there is any.
# Needs g++-mingw-w64-x86-64-posix and g++-aarch64-linux-gnu (`./dev portcheck` installs them).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WHAT="${1:-all}"
cd "$ROOT"

qt=/usr/include/x86_64-linux-gnu/qt6
# Only the third-party headers the engine includes, so that the cross compilers keep their own C library.
third="$(mktemp -d)"
trap 'rm -rf "$third"' EXIT
for h in simdjson.h sqlite3.h sqlite3ext.h; do ln -s "/usr/include/$h" "$third/$h"; done
ln -s /usr/include/qt6keychain "$third/qt6keychain"

common=(-std=c++20 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual -Werror -DQT_NO_KEYWORDS -DQT_NO_CAST_FROM_ASCII -DQT_NO_CAST_TO_ASCII
    -DBURNRATE_VERSION='"0"' -DBURNRATE_APP_ID='"io.github.burnrate.Burnrate"' -DBURNRATE_COMMIT='"cross"'
    -Icore -isystem "$third" -isystem "$qt" -isystem "$qt/QtCore" -isystem "$qt/QtNetwork" -isystem "$qt/QtDBus")

# compile_one LABEL COMPILER FILE FLAGS...: prints "LABEL: FILE: first error" and fails when FILE does not compile.
compile_one() {
    local label="$1" cxx="$2" file="$3" out
    shift 3
    if ! out="$("$cxx" "$@" "$file" 2>&1)"; then
        echo "$label: $file: $(echo "$out" | grep -m1 -E 'error' || echo "$out" | head -1)"
        return 1
    fi
}
export -f compile_one

failures=0
compile() { # LABEL COMPILER SUFFIX-TO-SKIP... -- FLAGS...
    local label="$1" cxx="$2"
    shift 2
    local skip=()
    while [[ "$1" != -- ]]; do
        skip+=("$1")
        shift
    done
    shift
    local files=() f name ok
    while IFS= read -r -d '' f; do
        name="$(basename "$f")"
        ok=1
        for s in "${skip[@]}"; do
            [[ "$name" == *_"$s".* ]] && ok=0
        done
        ((ok)) && files+=("$f")
    done < <(find core -name '*.cpp' -print0 | sort -z)
    # One compiler per core; the output of a file that fails is one line.
    if ! printf '%s\0' "${files[@]}" |
        xargs -0 -P "$(nproc)" -I{} bash -c 'compile_one "$@"' _ "$label" "$cxx" {} "${common[@]}" "$@"; then
        failures=$((failures + 1))
    fi
    echo "$label: ${#files[@]} files compiled"
}

if [[ "$WHAT" == windows || "$WHAT" == all ]]; then
    compile windows x86_64-w64-mingw32-g++-posix unix linux mac -- \
        -fsyntax-only -DNOMINMAX -DWIN32_LEAN_AND_MEAN -DUNICODE -D_UNICODE
fi
if [[ "$WHAT" == arm64 || "$WHAT" == all ]]; then
    compile arm64 aarch64-linux-gnu-g++ win mac -- -O2 -c -o /dev/null
fi
if ((failures > 0)); then
    echo "check-cross: some files do not compile (above)" >&2
    exit 1
fi
echo "check-cross: core/ compiles for Windows (MinGW-w64, syntax) and ARM64 (objects)"
