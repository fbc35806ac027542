#!/usr/bin/env bash
# appdir-demo-shot.sh APPRUN PNG — inside the real-parts harness (tests/support/harness/with-harness.sh): starts the
# app with --demo, waits for its window, saves a screenshot of the screen to PNG, quits the app. Exit 1 when the
# window never appears or the screenshot is blank.
set -euo pipefail
APPRUN="$1"
PNG="$2"
"$APPRUN" --demo >"${PNG%.png}.log" 2>&1 &
app=$!
for _ in $(seq 1 60); do
    if xwininfo -root -tree 2>/dev/null | grep -q 'Burnrate.*demo data'; then
        break
    fi
    sleep 0.5
done
sleep 2 # the first paint, the chart and the tray ring
found=0
xwininfo -root -tree | grep -q 'Burnrate.*demo data' && found=1
import -window root "$PNG"
kill "$app" 2>/dev/null || true
wait "$app" 2>/dev/null || true
if ((!found)); then
    echo "appdir-demo-shot: the demo window did not appear (log: ${PNG%.png}.log)"
    exit 1
fi
colours="$(convert "$PNG" -format '%k' info:)"
if ((colours < 16)); then
    echo "appdir-demo-shot: the screenshot is blank ($colours colours)"
    exit 1
fi
echo "appdir-demo-shot: demo window shown, screenshot $PNG ($colours colours)"
