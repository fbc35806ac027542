#!/usr/bin/env bash
# make-appdir.sh BUILD_DIR APPDIR [SQUASHFS]
#
# Makes the AppDir of the AppImage from an installed build: `cmake --install BUILD_DIR --prefix APPDIR/usr`, then
# every library the binary and its Qt plugins load, except those an AppImage may expect from the host (glibc,
# X11/xcb, GL/EGL, fontconfig/freetype, glib, D-Bus: appdir-host-libs.txt), with rpaths into usr/lib, qt.conf,
# AppRun, the desktop file, the icon and .DirIcon at the top. Libraries loaded at run time by name are added too:
# libsecret (QtKeychain's Secret Service backend) and OpenSSL (the tls plugin; without it every sync fails).
# With SQUASHFS, also packs the AppDir with mksquashfs (the AppImage's payload; the release workflow adds the
# runtime with appimagetool, which Debian does not have).
set -euo pipefail

BUILD="$(cd "$1" && pwd)"
APPDIR="$2"
SQUASHFS="${3:-}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
APP_ID="io.github.burnrate.Burnrate"
QT_PLUGINS="$(qtpaths6 --query QT_INSTALL_PLUGINS 2>/dev/null || echo /usr/lib/x86_64-linux-gnu/qt6/plugins)"
LIBDIR=/usr/lib/x86_64-linux-gnu

rm -rf "$APPDIR"
mkdir -p "$APPDIR"
APPDIR="$(cd "$APPDIR" && pwd)"
cmake --install "$BUILD" --prefix "$APPDIR/usr" --strip >/dev/null

# The plugins the app needs at run time.
plugins=(
    platforms/libqxcb.so
    xcbglintegrations/libqxcb-glx-integration.so xcbglintegrations/libqxcb-egl-integration.so
    tls/libqopensslbackend.so tls/libqcertonlybackend.so
    networkinformation/libqnetworkmanager.so networkinformation/libqglib.so
    imageformats/libqsvg.so imageformats/libqico.so
    iconengines/libqsvgicon.so
    platforminputcontexts/libcomposeplatforminputcontextplugin.so
)
for plugin in "${plugins[@]}"; do
    install -D -m 0644 "$QT_PLUGINS/$plugin" "$APPDIR/usr/plugins/$plugin"
done
# Loaded by name at run time, so no ldd finds them.
mkdir -p "$APPDIR/usr/lib"
for lib in libsecret-1.so.0 libssl.so.3 libcrypto.so.3; do
    cp -L "$LIBDIR/$lib" "$APPDIR/usr/lib/"
done

host_re="^($(grep -v '^#' "$HERE/appdir-host-libs.txt" | grep -v '^$' | paste -sd'|'))$"
# Every library an ELF file names (DT_NEEDED), less the host's, copied once each, then its own in turn. What a
# host library needs is the host's business: it finds it there.
copy_deps() {
    local file="$1" name path
    while read -r name; do
        [[ "$name" =~ $host_re ]] && continue
        [[ -e "$APPDIR/usr/lib/$name" ]] && continue
        path="$(ldd "$file" | awk -v n="$name" '$1 == n {print $3}')"
        if [[ -z "$path" || ! -f "$path" ]]; then
            echo "make-appdir: $(basename "$file") needs $name, which is not installed" >&2
            exit 1
        fi
        cp -L "$path" "$APPDIR/usr/lib/$name"
        copy_deps "$APPDIR/usr/lib/$name"
    done < <(patchelf --print-needed "$file")
}
copy_deps "$APPDIR/usr/bin/burnrate"
while IFS= read -r -d '' elf; do
    copy_deps "$elf"
done < <(find "$APPDIR/usr/plugins" "$APPDIR/usr/lib" -name '*.so*' -print0)

# rpaths: the binary finds usr/lib, the plugins and the libraries find each other.
patchelf --set-rpath '$ORIGIN/../lib' "$APPDIR/usr/bin/burnrate"
find "$APPDIR/usr/lib" -name '*.so*' -exec patchelf --set-rpath '$ORIGIN' {} \;
find "$APPDIR/usr/plugins" -name '*.so' -exec patchelf --set-rpath '$ORIGIN/../../lib' {} \;
strip --strip-unneeded "$APPDIR"/usr/lib/*.so* "$APPDIR"/usr/plugins/*/*.so 2>/dev/null || true

cat >"$APPDIR/usr/bin/qt.conf" <<'CONF'
[Paths]
Prefix = ..
Plugins = plugins
CONF

install -m 0755 "$HERE/AppRun" "$APPDIR/AppRun"
ln -sf "usr/share/applications/$APP_ID.desktop" "$APPDIR/$APP_ID.desktop"
ln -sf "usr/share/icons/hicolor/256x256/apps/$APP_ID.png" "$APPDIR/$APP_ID.png"
ln -sf "$APP_ID.png" "$APPDIR/.DirIcon"

echo "AppDir: $APPDIR ($(du -sh "$APPDIR" | cut -f1), $(find "$APPDIR/usr/lib" -name '*.so*' | wc -l) libraries)"
if [[ -n "$SQUASHFS" ]]; then
    rm -f "$SQUASHFS"
    mksquashfs "$APPDIR" "$SQUASHFS" -root-owned -noappend -comp zstd -quiet >/dev/null
    echo "squashfs: $SQUASHFS ($(du -h "$SQUASHFS" | cut -f1))"
fi
