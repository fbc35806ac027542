#!/usr/bin/env bash
# with-harness.sh CMD [ARGS...]
#
# Runs CMD inside a throwaway desktop session made of the real parts Burnrate talks to, then tears the
# session down and exits with CMD's exit code:
#   - a temporary HOME with XDG_RUNTIME_DIR, XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME inside it (0700)
#   - a private D-Bus session bus (dbus-run-session)
#   - gnome-keyring-daemon, Secret Service component, "login" collection unlocked and the default alias
#   - Xvfb on a free display (1280x1024x24, cookie auth), exported as DISPLAY
#   - trayer as the XEmbed system tray (owner of _NET_SYSTEM_TRAY_S0)
#   - dunst as the notification daemon (owner of org.freedesktop.Notifications)
# CMD also sees BURNRATE_HARNESS=1. Works without a TTY or stdin, as root or not, and any number of
# harnesses can run side by side. If a part fails to start, one "harness: error: ..." line is printed and the
# script exits with 125 without running CMD.
#
# Environment: BURNRATE_HARNESS_KEEP=1 keeps the temporary HOME (with the parts' logs in .harness/).

# shellcheck disable=SC2317 # the cleanup functions run from traps
set -euo pipefail

HARNESS_SCRIPT="$(readlink -f "${BASH_SOURCE[0]}")"
readonly HARNESS_SCRIPT
readonly HARNESS_FAILED=125
readonly HARNESS_TIMEOUT_S=15

log() { printf 'harness: %s\n' "$*" >&2; }
die() {
    printf 'harness: error: %s\n' "$*" >&2
    exit "$HARNESS_FAILED"
}

# Seconds since $1 (an $EPOCHREALTIME value), with two decimals.
elapsed() {
    local now="$EPOCHREALTIME"
    awk -v a="$1" -v b="$now" 'BEGIN { printf "%.2fs", b - a }'
}

# ---------------------------------------------------------------------------------------------------------------
# Outer stage: temporary HOME, then the inner stage inside dbus-run-session, then a sweep of whatever is left.
# ---------------------------------------------------------------------------------------------------------------

# Every process of one harness run carries BURNRATE_HARNESS_SESSION=<its temp dir> in its environment, including
# ones D-Bus activated or that daemonised themselves. The outer stage does not carry it, so this never hits the
# caller.
sweep_session_processes() {
    local marker="BURNRATE_HARNESS_SESSION=$1"
    local -a pids=()
    local dir pid
    for dir in /proc/[0-9]*; do
        pid="${dir#/proc/}"
        [[ "$pid" == "$$" ]] && continue
        if grep -qzxF -- "$marker" "$dir/environ" 2>/dev/null; then
            pids+=("$pid")
        fi
    done
    ((${#pids[@]})) || return 0
    log "stopping ${#pids[@]} leftover process(es): ${pids[*]}"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    local i
    for ((i = 0; i < 20; i++)); do
        local alive=0
        for pid in "${pids[@]}"; do
            kill -0 "$pid" 2>/dev/null && alive=1
        done
        ((alive)) || return 0
        sleep 0.1
    done
    kill -KILL "${pids[@]}" 2>/dev/null || true
}

outer_cleanup() {
    local rc=$?
    trap - EXIT INT TERM HUP
    sweep_session_processes "$HARNESS_HOME"
    if [[ "${BURNRATE_HARNESS_KEEP:-0}" == 1 ]]; then
        log "kept $HARNESS_HOME"
    else
        rm -rf -- "$HARNESS_HOME"
    fi
    exit "$rc"
}

outer_main() {
    if (($# == 0)); then
        sed -n '2,16p' "$HARNESS_SCRIPT" | sed 's/^# \{0,1\}//' >&2
        exit 2
    fi
    local tool
    for tool in dbus-run-session dbus-send gnome-keyring-daemon secret-tool Xvfb xauth xdpyinfo trayer dunst \
        busctl awk; do
        command -v "$tool" >/dev/null || die "'$tool' is not installed (./dev test installs the test packages)"
    done
    [[ -x /usr/bin/python3 ]] || command -v python3 >/dev/null ||
        die "'python3' is not installed (the tray check uses it; clang-format depends on it)"

    HARNESS_HOME="$(mktemp -d "${TMPDIR:-/tmp}/burnrate-harness.XXXXXXXX")"
    chmod 0700 "$HARNESS_HOME"
    trap outer_cleanup EXIT
    trap 'exit 129' HUP
    trap 'exit 130' INT
    trap 'exit 143' TERM

    export HOME="$HARNESS_HOME"
    export XDG_RUNTIME_DIR="$HOME/.runtime"
    export XDG_DATA_HOME="$HOME/.local/share"
    export XDG_CONFIG_HOME="$HOME/.config"
    export XDG_CACHE_HOME="$HOME/.cache"
    export XDG_STATE_HOME="$HOME/.local/state"
    local dir
    for dir in "$XDG_RUNTIME_DIR" "$HOME/.local" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" \
        "$XDG_STATE_HOME" "$HOME/.harness"; do
        mkdir -p "$dir"
        chmod 0700 "$dir"
    done

    # Nothing of the caller's desktop may leak in.
    unset DISPLAY WAYLAND_DISPLAY XAUTHORITY SESSION_MANAGER DBUS_SESSION_BUS_ADDRESS SSH_AUTH_SOCK \
        GNOME_KEYRING_CONTROL XDG_SESSION_ID XDG_SEAT XDG_VTNR XDG_CURRENT_DESKTOP DESKTOP_SESSION \
        QT_QPA_PLATFORM QT_QPA_PLATFORMTHEME QT_STYLE_OVERRIDE GTK_MODULES
    export XDG_SESSION_TYPE=x11

    local rc=0
    env BURNRATE_HARNESS_STAGE=inner BURNRATE_HARNESS_SESSION="$HARNESS_HOME" \
        dbus-run-session -- bash "$HARNESS_SCRIPT" "$@" || rc=$?
    exit "$rc"
}

# ---------------------------------------------------------------------------------------------------------------
# Inner stage: runs inside dbus-run-session, starts the parts, runs CMD, stops the parts.
# ---------------------------------------------------------------------------------------------------------------

PART_PIDS=()
LOG_DIR=""

inner_cleanup() {
    local rc=$?
    trap - EXIT INT TERM HUP
    local i pid
    for ((i = ${#PART_PIDS[@]} - 1; i >= 0; i--)); do
        kill -TERM "${PART_PIDS[i]}" 2>/dev/null || true
    done
    local deadline=$((SECONDS + 3))
    for pid in "${PART_PIDS[@]}"; do
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
            sleep 0.05
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    exit "$rc"
}

# start_part NAME LOGFILE CMD...: starts CMD in the background with no stdin and its output in LOGFILE.
start_part() {
    local name="$1" logfile="$2"
    shift 2
    "$@" </dev/null >"$logfile" 2>&1 &
    PART_PIDS+=("$!")
    LAST_PID=$!
}

# part_failed NAME PID LOGFILE MESSAGE: one error line, plus the tail of the part's log for the curious.
part_failed() {
    local name="$1" pid="$2" logfile="$3" message="$4"
    if ! kill -0 "$pid" 2>/dev/null; then
        message+=" ($name exited)"
    fi
    if [[ -s "$logfile" ]]; then
        tail -n 5 "$logfile" | sed "s/^/harness:   $name: /" >&2
    fi
    die "$name: $message"
}

# Polls CMD... every 50 ms until it succeeds or HARNESS_TIMEOUT_S passes, giving up early if PID dies.
poll_until() {
    local pid="$1"
    shift
    local deadline=$((SECONDS + HARNESS_TIMEOUT_S))
    while ((SECONDS < deadline)); do
        if "$@"; then
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.05
    done
    return 1
}

bus_call() {
    dbus-send --session --print-reply=literal --reply-timeout=5000 "$@" 2>/dev/null
}

name_has_owner() {
    [[ "$(bus_call --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
        "string:$1")" == *true* ]]
}

# The pid of the connection owning bus name $1 (without activating it).
name_owner_pid() {
    bus_call --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.GetConnectionUnixProcessID \
        "string:$1" | awk '{ print $2 }'
}

start_xvfb() {
    local t0="$EPOCHREALTIME" logfile="$LOG_DIR/xvfb.log" displayfile="$LOG_DIR/display"
    local cookie
    cookie="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    # The server takes every cookie of its auth file, whatever display number the entry names.
    : >"$LOG_DIR/xserver.auth"
    xauth -q -f "$LOG_DIR/xserver.auth" add :0 MIT-MAGIC-COOKIE-1 "$cookie"
    : >"$displayfile"
    # -displayfd: Xvfb picks the first free display itself (lock files make that race-free) and writes it once
    # it accepts connections.
    start_part Xvfb "$logfile" Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset \
        -auth "$LOG_DIR/xserver.auth" 3>"$displayfile"
    local pid="$LAST_PID"
    poll_until "$pid" grep -q '^[0-9]' "$displayfile" || part_failed Xvfb "$pid" "$logfile" "no display came up"
    local number
    number="$(head -n 1 "$displayfile")"
    export DISPLAY=":$number"
    export XAUTHORITY="$HOME/.Xauthority"
    : >"$XAUTHORITY"
    xauth -q -f "$XAUTHORITY" add "$DISPLAY" MIT-MAGIC-COOKIE-1 "$cookie"
    # Also as a wildcard entry (family ffff), so a hostname that changes inside containers does not matter.
    local entry
    entry="$(xauth -q -f "$XAUTHORITY" nlist "$DISPLAY")"
    printf 'ffff%s\n' "${entry:4}" | xauth -q -f "$XAUTHORITY" nmerge -
    local dimensions
    dimensions="$(xdpyinfo 2>/dev/null | awk '/dimensions:/ { print $2 }')" ||
        part_failed Xvfb "$pid" "$logfile" "xdpyinfo cannot connect to $DISPLAY"
    [[ "$dimensions" == 1280x1024 ]] ||
        part_failed Xvfb "$pid" "$logfile" "$DISPLAY has dimensions '$dimensions', expected 1280x1024"
    log "Xvfb: display $DISPLAY, ${dimensions}x24, pid $pid ($(elapsed "$t0"))"
}

keyring_alias() {
    bus_call --dest=org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.ReadAlias \
        string:default
}

keyring_default_is_login() {
    [[ "$(keyring_alias)" == *"/org/freedesktop/secrets/collection/login"* ]]
}

start_keyring() {
    local t0="$EPOCHREALTIME" logfile="$LOG_DIR/gnome-keyring.log"
    local password
    password="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    # --unlock reads the password from stdin and creates the "login" keyring with it on first use.
    printf '%s' "$password" | gnome-keyring-daemon --foreground --unlock --components=secrets \
        >"$logfile" 2>&1 &
    PART_PIDS+=("$!")
    local pid=$!
    poll_until "$pid" name_has_owner org.freedesktop.secrets ||
        part_failed gnome-keyring-daemon "$pid" "$logfile" "org.freedesktop.secrets never appeared on the bus"
    local owner
    owner="$(name_owner_pid org.freedesktop.secrets)"
    [[ "$owner" == "$pid" ]] ||
        part_failed gnome-keyring-daemon "$pid" "$logfile" "org.freedesktop.secrets is owned by pid $owner, not ours"
    if ! poll_until "$pid" keyring_default_is_login; then
        # Older gnome-keyring versions do not alias a login keyring made by --unlock as the default.
        local collections
        collections="$(bus_call --dest=org.freedesktop.secrets /org/freedesktop/secrets \
            org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Service string:Collections)"
        [[ "$collections" == *"/org/freedesktop/secrets/collection/login"* ]] ||
            part_failed gnome-keyring-daemon "$pid" "$logfile" "no login collection (collections: $collections)"
        bus_call --dest=org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.SetAlias \
            string:default objpath:/org/freedesktop/secrets/collection/login >/dev/null
        keyring_default_is_login || part_failed gnome-keyring-daemon "$pid" "$logfile" \
            "the default alias is '$(keyring_alias)', not the login collection"
    fi
    local locked
    locked="$(bus_call --dest=org.freedesktop.secrets /org/freedesktop/secrets/collection/login \
        org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked)"
    [[ "$locked" == *false* ]] || part_failed gnome-keyring-daemon "$pid" "$logfile" "the login collection is locked"
    # A real round trip through libsecret, the way QtKeychain will do it. Timeouts: a locked keyring would
    # otherwise wait forever on a prompt nobody can answer.
    local probe="probe-$RANDOM$RANDOM" stored
    printf '%s' "$probe" | timeout 10 secret-tool store --label='Burnrate harness probe' burnrate-harness probe ||
        part_failed gnome-keyring-daemon "$pid" "$logfile" "secret-tool store failed"
    stored="$(timeout 10 secret-tool lookup burnrate-harness probe)" ||
        part_failed gnome-keyring-daemon "$pid" "$logfile" "secret-tool lookup failed"
    [[ "$stored" == "$probe" ]] ||
        part_failed gnome-keyring-daemon "$pid" "$logfile" "secret-tool lookup gave '$stored', expected '$probe'"
    timeout 10 secret-tool clear burnrate-harness probe ||
        part_failed gnome-keyring-daemon "$pid" "$logfile" "secret-tool clear failed"
    log "gnome-keyring-daemon: Secret Service, login collection unlocked and default, pid $pid ($(elapsed "$t0"))"
}

# Waits until X selection $1 has an owner. There is no stock command line tool that prints selection owners, so
# this asks libX11 through Python's ctypes (python3 comes with clang-format, which ./dev installs). The system
# interpreter is preferred: a pyenv shim would look for its root under the temporary HOME.
wait_for_selection_owner() {
    local selection="$1" pid="$2" python=/usr/bin/python3
    [[ -x "$python" ]] || python="$(command -v python3)" || return 2
    "$python" - "$selection" "$pid" "$HARNESS_TIMEOUT_S" <<'PY'
import ctypes, os, sys, time

selection, pid, timeout = sys.argv[1].encode(), int(sys.argv[2]), float(sys.argv[3])
x11 = ctypes.CDLL("libX11.so.6")
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XInternAtom.restype = ctypes.c_ulong
x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
x11.XGetSelectionOwner.restype = ctypes.c_ulong
x11.XGetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
display = x11.XOpenDisplay(None)
if not display:
    sys.exit(3)
atom = x11.XInternAtom(display, selection, 0)
deadline = time.monotonic() + timeout
while time.monotonic() < deadline:
    owner = x11.XGetSelectionOwner(display, atom)
    if owner:
        print(hex(owner))
        x11.XCloseDisplay(display)
        sys.exit(0)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        break
    time.sleep(0.05)
x11.XCloseDisplay(display)
sys.exit(1)
PY
}

start_trayer() {
    local t0="$EPOCHREALTIME" logfile="$LOG_DIR/trayer.log"
    start_part trayer "$logfile" trayer --edge top --align right --widthtype request --height 24 \
        --SetDockType true --transparent false
    local pid="$LAST_PID" owner
    owner="$(wait_for_selection_owner _NET_SYSTEM_TRAY_S0 "$pid")" ||
        part_failed trayer "$pid" "$logfile" "nobody owns the _NET_SYSTEM_TRAY_S0 selection"
    kill -0 "$pid" 2>/dev/null || part_failed trayer "$pid" "$logfile" "trayer died"
    log "trayer: system tray, _NET_SYSTEM_TRAY_S0 owned by window $owner, pid $pid ($(elapsed "$t0"))"
}

write_dunstrc() {
    mkdir "$XDG_CONFIG_HOME/dunst"
    chmod 0700 "$XDG_CONFIG_HOME/dunst"
    # Long timeouts at every urgency: notifications stay up until closed (dunstctl close-all), then go to the
    # history, which is what the tests read. No actions, scripts, dmenu or browser.
    cat >"$XDG_CONFIG_HOME/dunst/dunstrc" <<'EOF'
[global]
    monitor = 0
    follow = none
    width = 300
    height = 100
    origin = top-right
    offset = 10x40
    notification_limit = 0
    indicate_hidden = yes
    idle_threshold = 0
    sticky_history = yes
    history_length = 200
    show_age_threshold = -1
    ignore_dbusclose = false
    startup_notification = false
    dmenu = /bin/false
    browser = /bin/false
    always_run_script = false
    mouse_left_click = none
    mouse_middle_click = none
    mouse_right_click = none

[urgency_low]
    timeout = 600

[urgency_normal]
    timeout = 600

[urgency_critical]
    timeout = 600
EOF
}

start_dunst() {
    local t0="$EPOCHREALTIME" logfile="$LOG_DIR/dunst.log"
    write_dunstrc
    start_part dunst "$logfile" dunst -config "$XDG_CONFIG_HOME/dunst/dunstrc"
    local pid="$LAST_PID"
    poll_until "$pid" name_has_owner org.freedesktop.Notifications ||
        part_failed dunst "$pid" "$logfile" "org.freedesktop.Notifications never appeared on the bus"
    local owner server
    owner="$(name_owner_pid org.freedesktop.Notifications)"
    [[ "$owner" == "$pid" ]] ||
        part_failed dunst "$pid" "$logfile" "org.freedesktop.Notifications is owned by pid $owner, not ours"
    server="$(bus_call --dest=org.freedesktop.Notifications /org/freedesktop/Notifications \
        org.freedesktop.Notifications.GetServerInformation | awk 'NR == 1 { print $1 }')"
    log "dunst: org.freedesktop.Notifications (server '$server'), pid $pid ($(elapsed "$t0"))"
}

inner_main() {
    unset BURNRATE_HARNESS_STAGE
    LOG_DIR="$HOME/.harness"
    trap inner_cleanup EXIT
    set -E # the ERR trap also fires inside functions
    trap 'die "unexpected failure (line $LINENO): $BASH_COMMAND"' ERR
    trap 'exit 129' HUP
    trap 'exit 130' INT
    trap 'exit 143' TERM

    local t0="$EPOCHREALTIME"
    [[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]] || die "dbus-run-session gave no DBUS_SESSION_BUS_ADDRESS"
    log "D-Bus: session bus $DBUS_SESSION_BUS_ADDRESS, HOME $HOME"
    start_keyring
    start_xvfb
    start_trayer
    start_dunst
    export BURNRATE_HARNESS=1
    log "ready in $(elapsed "$t0"), running: $*"

    trap - ERR
    local rc=0
    "$@" || rc=$?
    exit "$rc"
}

if [[ "${BURNRATE_HARNESS_STAGE:-}" == inner ]]; then
    inner_main "$@"
else
    outer_main "$@"
fi
