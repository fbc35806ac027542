#!/usr/bin/env bash
# check-portable.sh [ROOT]
#
# Fails when shared C++ code of the repository at ROOT (default: this checkout) would not build on all three
# systems (Linux, macOS on ARM64, Windows with MSVC). Shared code is every .cpp/.h/.mm under app/, core/, ui/
# and tests/ except platform files, whose names say their platform or processor: *_unix, *_linux, *_mac, *_win,
# *_x86, *_arm64 (CMake picks them per system). bench/ is left out: the benchmarks measure Linux against peers
# measured on Linux. A shared file must not
#   - include a header of one system (POSIX: unistd.h, fcntl.h, sys/..., termios.h, pthread.h, ...;
#     Windows: windows.h, io.h, ...), or glibc's malloc.h;
#   - use __int128 (MSVC has none), a GCC/Clang __builtin_, or inline assembly.
# Line comments are not looked at. Prints one "path:line: reason: text" line per finding and exits 1 when there
# is any, else 0.
set -euo pipefail

ROOT="$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/../..}" && pwd)"
cd "$ROOT"

headers='unistd|fcntl|termios|pthread|dlfcn|dirent|pwd|grp|poll|spawn|syslog|netdb|strings|sched|semaphore|malloc'
headers+='|sys/[a-z_/]+|netinet/[a-z_]+|arpa/[a-z_]+|windows|winsock2|ws2tcpip|io|direct|process|shlobj|intrin'
include_re="^[[:space:]]*#[[:space:]]*include[[:space:]]*<(${headers})\\.h>"
builtin_re='__int128|__builtin_|(^|[^A-Za-z0-9_])(asm|__asm__|__asm)([[:space:]]+(volatile|__volatile__))?[[:space:]]*\('

is_platform_file() {
    case "${1##*/}" in
    *_unix.* | *_linux.* | *_mac.* | *_win.* | *_x86.* | *_arm64.*) return 0 ;;
    esac
    return 1
}

sources() {
    find app core ui tests -path tests/fixtures -prune -o -type f \( -name '*.cpp' -o -name '*.h' -o -name '*.mm' \) \
        -print 2>/dev/null | sort
}

files=0
while IFS= read -r file; do
    is_platform_file "$file" || files=$((files + 1))
done < <(sources)

# One grep over the tree finds the candidates; each is then looked at without its line comment.
findings=0
while IFS= read -r hit; do
    file="${hit%%:*}"
    rest="${hit#*:}"
    line="${rest%%:*}"
    text="${rest#*:}"
    text="${text%%//*}"
    is_platform_file "$file" && continue
    if [[ "$text" =~ $include_re ]]; then
        reason="includes a header of one system (<${BASH_REMATCH[1]}.h>); put the code in a platform file"
    elif [[ "$text" =~ __int128 ]]; then
        reason="uses __int128, which MSVC lacks (util/uint128.h is portable)"
    elif [[ "$text" =~ __builtin_ ]]; then
        reason="uses a GCC/Clang builtin (Qt's qAddOverflow/qMulOverflow, <bit>, or a platform file)"
    elif [[ "$text" =~ $builtin_re ]]; then
        reason="uses inline assembly outside a platform file"
    else
        continue # the match was in the comment
    fi
    echo "$file:$line: $reason: $(echo "$text" | sed 's/^[[:space:]]*//')"
    findings=$((findings + 1))
done < <(sources | tr '\n' '\0' | xargs -0 -r grep -nHE "$include_re|$builtin_re" || true)

if ((findings > 0)); then
    echo "check-portable: $findings finding(s) in shared code" >&2
    exit 1
fi
echo "check-portable: $files shared file(s) use only Qt and standard C++ system interfaces"
