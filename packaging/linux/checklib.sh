# Sourced by check-packages.sh and check-clean-root.sh (after setting CHECK_NAME): one line per result, the count
# of failures, and the run every installed Burnrate gets.

failures=0
fail() {
    echo "$CHECK_NAME: FAIL: $*"
    failures=$((failures + 1))
}
pass() { echo "$CHECK_NAME: ok: $*"; }

# smoke_run WHAT DATA SAMPLE CMD...: CMD... starts burnrate however it is installed (a chroot, an empty
# environment); DATA and SAMPLE are paths as that burnrate sees them. It must print its version, import the sample
# events and report their 5 requests as JSON, and `burnrate doctor` must find a working TLS backend (without one
# every sync fails) and a sound ledger. Doctor's exit code is not used: without a session bus the keychain check
# fails, as it should.
smoke_run() {
    local what="$1" data="$2" sample="$3" version report doctor
    shift 3
    version="$("$@" --version 2>&1 | head -1 || true)"
    "$@" --data-dir "$data" import events "$sample" >/dev/null 2>&1 || true
    report="$("$@" --data-dir "$data" report --by model --since 2020-01-01 --format json 2>&1 || true)"
    if [[ "$version" == "burnrate "[0-9]* ]] &&
        python3 -c 'import json,sys; assert json.loads(sys.argv[1])["total"]["requests"] == 5' "$report" 2>/dev/null; then
        pass "$what: $version; 5 sample requests imported and reported"
    else
        fail "$what: --version: $version; report: $report"
    fi
    doctor="$("$@" --data-dir "$data" doctor --format json 2>&1 || true)"
    local tls
    if tls="$(python3 -c '
import json, sys
checks = {c["name"]: c for c in json.loads(sys.argv[1])["checks"]}
tls, ledger = checks["tls"], checks["ledger"]
assert tls["status"] == "ok" and tls["supported"], tls
assert ledger["status"] == "ok" and ledger["events"] == 5 and ledger["quick_check"] == "ok", ledger
print(tls["detail"])' "$doctor" 2>&1)"; then
        pass "$what: doctor: TLS $tls; ledger sound"
    else
        fail "$what: doctor: $tls"
    fi
}

# Ends the check: exit 1 after any failure.
finish() {
    if ((failures > 0)); then
        exit 1
    fi
    echo "$CHECK_NAME: all checks passed"
}
