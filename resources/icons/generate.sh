#!/usr/bin/env bash
# generate.sh — renders resources/icons/burnrate.svg into the committed PNGs (16 to 512 px, hicolor sizes),
# burnrate.ico (Windows) and burnrate.icns (macOS). Run it after changing the SVG; needs rsvg-convert
# (librsvg2-bin), icotool (icoutils) and png2icns (icnsutils), all from Debian.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

sizes=(16 22 24 32 48 64 128 256 512)
for size in "${sizes[@]}"; do
    rsvg-convert --width "$size" --height "$size" --format png --output "burnrate-$size.png" burnrate.svg
done
icotool --create --output burnrate.ico burnrate-16.png burnrate-24.png burnrate-32.png burnrate-48.png \
    burnrate-64.png burnrate-128.png --raw=burnrate-256.png
# png2icns takes the sizes macOS knows: 16, 32, 48, 128, 256, 512.
png2icns burnrate.icns burnrate-16.png burnrate-32.png burnrate-48.png burnrate-128.png burnrate-256.png \
    burnrate-512.png >/dev/null
echo "generated: ${sizes[*]} px, burnrate.ico, burnrate.icns"
