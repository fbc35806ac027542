#!/usr/bin/env bash
# demo-shot.sh PNG CMD [ARGS...] — on the X display in $DISPLAY: runs CMD (the app started with --demo, however it is
# installed), waits for its demo window, saves a screenshot of the screen to PNG and stops CMD. Exit 1 when the
# window never appears or the screenshot is blank.
set -euo pipefail
PNG="$1"
shift
"$@" >"${PNG%.png}.log" 2>&1 &
app=$!
found=0
for _ in $(seq 1 60); do
    if xwininfo -root -tree 2>/dev/null | grep -q 'Burnrate.*demo data'; then
        found=1
        break
    fi
    sleep 0.5
done
sleep 2 # the first paint, the chart and the tray icon
import -window root "$PNG"
kill "$app" 2>/dev/null || true
wait "$app" 2>/dev/null || true
if ((!found)); then
    echo "demo-shot: the demo window did not appear (log: ${PNG%.png}.log)"
    exit 1
fi
colours="$(convert "$PNG" -format '%k' info:)"
if ((colours < 16)); then
    echo "demo-shot: the screenshot is blank ($colours colours)"
    exit 1
fi
echo "demo-shot: demo window shown, screenshot $PNG ($colours colours)"
