#!/usr/bin/env bash
# check-clean-root.sh PACKAGE_DIR — the packages of `./dev package` in clean Debian 12 roots (run as root):
#   - the .deb installed with apt into a minimal root (apt fetches its dependencies);
#   - the AppDir in a root without any Qt package, holding only what an AppImage may take from the host (X11/xcb,
#     GL/EGL, fontconfig/freetype with a font, glib, D-Bus);
# in each: --version, an import of tests/fixtures/events/sample.jsonl and `report --format json` with its 5
# requests, then the desktop app's demo window on an Xvfb display of the host (screenshots deb-root-demo.png and
# appdir-root-demo.png in PACKAGE_DIR). The roots come from mmdebstrap and are cached in
# ${BURNRATE_ROOTS_CACHE:-~/.cache/burnrate-roots}; each check unpacks a fresh copy.
set -euo pipefail
PKG="$(cd "$1" && pwd)"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${BURNRATE_ROOTS_CACHE:-$HOME/.cache/burnrate-roots}"
HOST_LIBS="libx11-6,libx11-xcb1,libxcb1,libgl1,libegl1,libopengl0,libfontconfig1,libfreetype6,fonts-dejavu-core,libglib2.0-0,libdbus-1-3"
CHECK_NAME=check-clean-root
# shellcheck source=packaging/linux/checklib.sh
source "$ROOT/packaging/linux/checklib.sh"

mkdir -p "$CACHE"
base_tar() { # NAME INCLUDES
    local tar="$CACHE/$1.tar"
    if [[ ! -s "$tar" ]]; then
        mmdebstrap --quiet --variant=apt ${2:+--include="$2"} bookworm "$CACHE/$1.part.tar" >"$CACHE/$1.log" 2>&1
        mv "$CACHE/$1.part.tar" "$tar"
    fi
    echo "$tar"
}

work="$(mktemp -d)"
display=":$((90 + RANDOM % 100))"
xvfb=""
mounted=()
cleanup() {
    local m
    for m in "${mounted[@]}"; do umount -l "$m" 2>/dev/null || true; done
    [[ -n "$xvfb" ]] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 1 50); do
    [[ -S "/tmp/.X11-unix/X${display#:}" ]] && break
    sleep 0.1
done

unpack() { # TAR DIR: a fresh root with /proc and the host's X socket
    mkdir -p "$2"
    tar -C "$2" -xf "$1"
    cp /etc/resolv.conf "$2/etc/resolv.conf"
    mount -t proc proc "$2/proc" && mounted+=("$2/proc")
    mkdir -p "$2/tmp/.X11-unix"
    mount --bind /tmp/.X11-unix "$2/tmp/.X11-unix" && mounted+=("$2/tmp/.X11-unix")
    cp "$ROOT/tests/fixtures/events/sample.jsonl" "$2/tmp/sample.jsonl"
}

run_checks() { # WHAT DIR BINARY-IN-ROOT
    local what="$1" dir="$2" bin="$3"
    smoke_run "$what" /var/tmp/burnrate-data /tmp/sample.jsonl chroot "$dir" env -i HOME=/root PATH=/usr/bin:/bin "$bin"
    local shot="$PKG/${what// /-}-demo.png"
    if DISPLAY="$display" "$ROOT/packaging/linux/demo-shot.sh" "$shot" \
        chroot "$dir" env -i HOME=/root PATH=/usr/bin:/bin DISPLAY="$display" "$bin" --demo >"$work/shot.txt" 2>&1; then
        pass "$what: $(tail -1 "$work/shot.txt")"
    else
        fail "$what: $(tail -1 "$work/shot.txt")"
    fi
}

# The .deb, installed by apt.
deb="$(ls "$PKG"/burnrate_*.deb)"
unpack "$(base_tar debian12-apt "")" "$work/deb"
cp "$deb" "$work/deb/tmp/"
if chroot "$work/deb" /bin/sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends /tmp/$(basename "$deb")" >"$PKG/deb-root-apt.log" 2>&1; then
    pass "apt installed $(basename "$deb") into a clean Debian 12 root"
    run_checks "deb root" "$work/deb" /usr/bin/burnrate
else
    fail "apt could not install $(basename "$deb") (deb-root-apt.log)"
fi

# The AppDir, in a root with the host's libraries only.
unpack "$(base_tar debian12-appimage-host "$HOST_LIBS")" "$work/appdir"
if chroot "$work/appdir" /bin/sh -c 'dpkg -l | grep -qi qt6'; then
    fail "the AppImage host root holds a Qt package"
fi
cp -a "$PKG/Burnrate.AppDir" "$work/appdir/opt/"
run_checks "appdir root" "$work/appdir" /opt/Burnrate.AppDir/AppRun

finish
