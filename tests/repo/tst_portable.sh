#!/usr/bin/env bash
# Proves that check-portable.sh can fail: a tree of portable files and platform files passes, then a POSIX
# header, __int128, a builtin and inline assembly in shared files are each named, and a comment is not.
set -euo pipefail

CHECK="$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/check-portable.sh"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
root="$scratch/tree"
mkdir -p "$root/core/util" "$root/ui" "$root/tests/core" "$root/tests/fixtures" "$root/app"

fail() {
    echo "tst_portable: FAIL: $*" >&2
    exit 1
}

printf '#include <QFile>\n#include <emmintrin.h>\n// no __int128 here, nor asm("nop")\nint f();\n' \
    >"$root/core/util/shared.cpp"
printf '#include <unistd.h>\n#include <sys/stat.h>\nint g() { return __builtin_ctz(1u); }\n' \
    >"$root/core/util/file_unix.cpp"
printf '#include <windows.h>\n' >"$root/core/util/file_win.cpp"
printf 'inline void p(const char *x) { asm volatile("prefetcht0 %%0" : : "m"(*x)); }\n' \
    >"$root/core/util/prefetch_x86.h"
printf '#include <unistd.h>\n' >"$root/tests/fixtures/data.h"
"$CHECK" "$root" >"$scratch/clean.out" 2>&1 || fail "a portable tree was refused: $(cat "$scratch/clean.out")"
grep -qF "1 shared file(s)" "$scratch/clean.out" || fail "unexpected output: $(cat "$scratch/clean.out")"

printf '#include <fcntl.h>\n' >"$root/ui/window.cpp"
printf 'using Wide = __int128;\n' >"$root/core/util/wide.h"
printf 'bool o(long a, long b, long *r) { return __builtin_add_overflow(a, b, r); }\n' >"$root/tests/core/tst_x.cpp"
printf 'int main() { __asm__ volatile ("nop"); }\n' >"$root/app/main.cpp"
if "$CHECK" "$root" >"$scratch/bad.out" 2>&1; then
    fail "shared code with system headers, __int128, a builtin and assembly passed"
fi
for expected in 'ui/window.cpp:1: includes a header of one system (<fcntl.h>)' \
    'core/util/wide.h:1: uses __int128' 'tests/core/tst_x.cpp:1: uses a GCC/Clang builtin' \
    'app/main.cpp:1: uses inline assembly outside a platform file' 'check-portable: 4 finding(s)'; do
    grep -qF "$expected" "$scratch/bad.out" || fail "not named: $expected; got: $(cat "$scratch/bad.out")"
done
echo "tst_portable: the check passes platform files and comments, and names a POSIX header, __int128, a builtin and inline assembly in shared code"
