#!/usr/bin/env bash
# check-packages.sh BUILD_DIR PACKAGE_DIR — the checks `./dev package --check` runs on what `./dev package` made:
#   - lintian on the .deb: no errors; desktop-file-validate; appstreamcli validate --no-net;
#   - the AppDir is self-contained: every library its binary and plugins load resolves inside it or to one an
#     AppImage may expect from the host (appdir-host-libs.txt); no Qt library comes from the host;
#   - the AppDir's binary, started with a clean environment, prints its version, imports the sample events and
#     reports the expected totals as JSON; the same from the read-only squashfs image mounted with squashfuse;
#   - the AppDir's desktop app shows its demo window in the real-parts harness (screenshot appdir-demo.png).
# Prints one line per failure and exits 1 when there is any.
set -euo pipefail
BUILD="$(cd "$1" && pwd)"
PKG="$(cd "$2" && pwd)"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
APPDIR="$PKG/Burnrate.AppDir"
APP_ID="io.github.burnrate.Burnrate"
CHECK_NAME=check-packages
# shellcheck source=packaging/linux/checklib.sh
source "$ROOT/packaging/linux/checklib.sh"

deb="$(ls "$PKG"/burnrate_*.deb)"
if lintian --fail-on error "$deb" >"$PKG/lintian.txt" 2>&1; then
    pass "lintian: no errors ($(grep -c '^W:' "$PKG/lintian.txt" || true) warnings, in lintian.txt)"
else
    fail "lintian: $(grep '^E:' "$PKG/lintian.txt" | paste -sd';')"
fi
desktop-file-validate "$BUILD/packaging/$APP_ID.desktop" && pass "desktop-file-validate" || fail "desktop-file-validate"
appstreamcli validate --no-net "$BUILD/packaging/$APP_ID.metainfo.xml" >/dev/null &&
    pass "appstreamcli validate" || fail "appstreamcli validate"

# Self-contained: every library a bundled ELF names (DT_NEEDED) resolves inside the AppDir through its rpaths (no
# LD_LIBRARY_PATH), or is one the host provides.
host_re="^($(grep -v '^#' "$ROOT/packaging/linux/appdir-host-libs.txt" | grep -v '^$' | paste -sd'|'))$"
outside=()
while IFS= read -r -d '' elf; do
    resolved="$(env -i ldd "$elf" 2>/dev/null | awk '/=>/ {print $1, $3}')"
    while read -r name; do
        [[ "$name" =~ $host_re ]] && continue
        path="$(awk -v n="$name" '$1 == n {print $2}' <<<"$resolved")"
        [[ "$path" == "$APPDIR"/* ]] && continue
        outside+=("$(basename "$elf") -> $name (${path:-not found})")
    done < <(patchelf --print-needed "$elf")
done < <(find "$APPDIR/usr/bin" "$APPDIR/usr/lib" "$APPDIR/usr/plugins" -type f \( -name burnrate -o -name '*.so*' \) -print0)
qt_from_host="$(env -i ldd "$APPDIR/usr/bin/burnrate" | awk '/libQt6/ {print $3}' | grep -v "^$APPDIR/" || true)"
[[ -z "$qt_from_host" ]] || outside+=("Qt from the host: $qt_from_host")
if ((${#outside[@]} == 0)); then
    pass "AppDir self-contained ($(find "$APPDIR/usr/lib" -name '*.so*' | wc -l) libraries, $(find "$APPDIR/usr/plugins" -name '*.so' | wc -l) plugins)"
else
    fail "AppDir loads from the host: ${outside[*]}"
fi

run_appdir() { # APPRUN WHAT: the smoke run with an empty environment and a scratch home
    local scratch
    scratch="$(mktemp -d)"
    smoke_run "$2" "$scratch/data" "$ROOT/tests/fixtures/events/sample.jsonl" env -i HOME="$scratch" PATH=/usr/bin:/bin "$1"
    rm -rf "$scratch"
}
run_appdir "$APPDIR/AppRun" "AppDir"

if [[ -f "$PKG/Burnrate.squashfs" ]] && command -v squashfuse >/dev/null; then
    mnt="$(mktemp -d)"
    squashfuse "$PKG/Burnrate.squashfs" "$mnt"
    run_appdir "$mnt/AppRun" "squashfs image (read-only mount)"
    fusermount -u "$mnt" || umount "$mnt"
    rmdir "$mnt"
elif [[ -f "$PKG/Burnrate.squashfs" ]]; then
    fail "squashfuse is missing: the image cannot be mounted"
fi

# The desktop app from the AppDir, on the harness's X display, tray and session bus: its demo window, kept as a
# screenshot.
if "$ROOT/tests/support/harness/with-harness.sh" "$ROOT/packaging/linux/demo-shot.sh" "$PKG/appdir-demo.png" \
    "$APPDIR/AppRun" --demo >"$PKG/appdir-demo.txt" 2>&1; then
    pass "$(tail -1 "$PKG/appdir-demo.txt")"
else
    fail "$(tail -1 "$PKG/appdir-demo.txt")"
fi

finish
