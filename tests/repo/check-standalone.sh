#!/usr/bin/env bash
# check-standalone.sh [ROOT]
#
# Fails when a file of the repository at ROOT (default: this checkout) refers to something outside it, so that a
# clone with nothing beside it builds, tests, runs and can be understood. Checked in every tracked text file
# (untracked ones too when ROOT is not a git checkout), except the captured data under tests/fixtures (their
# READMEs are checked):
#   - a relative path that climbs out of ROOT ("../x" counted from the file's folder; in CMake, from
#     ${PROJECT_SOURCE_DIR} or ${CMAKE_SOURCE_DIR} when it follows them);
#   - the team's private reference shelf: the sibling folder "shared" (reached by a "../" path, or its docs/ and
#     fixtures/ subfolders), DESIGN.md or "DESIGN §";
#   - an absolute home or machine path: /home/NAME/, /Users/NAME, /root/, /work/, C:\Users\ (test data uses
#     the made-up /home/dev/; other data values are listed in standalone-allow.txt beside this script);
#   - an issue number ("issue 12", "Issue #12"): history belongs in git, not in the tree.
# Prints one "path:line: reason: text" line per finding and exits 1 when there is any, else 0.
set -euo pipefail

ROOT="$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/../..}" && pwd)"
ALLOW="$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/standalone-allow.txt"
cd "$ROOT"

list_files() {
    if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git -C "$ROOT" ls-files -z --cached --others --exclude-standard
    else
        find . -path ./build -prune -o -path ./.git -prune -o -type f -print0 | sed -z 's|^\./||'
    fi
}

# Allowed data values: "path: text" lines; text found in that file is a value, not a reference.
declare -A allowed=()
if [[ -f "$ALLOW" ]]; then
    while IFS= read -r line; do
        [[ -z "$line" || "$line" == \#* ]] && continue
        allowed["${line%%: *}"]+="${line#*: }"$'\n'
    done <"$ALLOW"
fi

is_allowed() { # path text
    local entry
    while IFS= read -r entry; do
        [[ -n "$entry" && "$2" == *"$entry"* ]] && return 0
    done <<<"${allowed[$1]:-}"
    return 1
}

findings=0
report() { # path line reason text
    printf '%s:%s: %s: %s\n' "$1" "$2" "$3" "$(printf '%s' "$4" | sed 's/^[[:space:]]*//' | cut -c1-160)"
    findings=$((findings + 1))
}

# How many folders below ROOT the base of a relative path in `path` at `prefix` is.
base_depth() { # path text-before-the-dots
    local path="$1" before="$2"
    if [[ "$before" =~ \$\{(PROJECT_SOURCE_DIR|CMAKE_SOURCE_DIR)\}/$ ]]; then
        echo 0
        return
    fi
    local dir
    dir="$(dirname "$path")"
    if [[ "$dir" == . ]]; then
        echo 0
    else
        awk -F/ '{print NF}' <<<"$dir"
    fi
}

shelf=shared # the name of the team's sibling folder, never a path of this repository
shelf_re="\\.\\./${shelf}\\b|\\b${shelf}/(docs|fixtures)\\b|\\bDESIGN(\\.md\\b| ?§)"
home_re='(/home/(?!dev/)[A-Za-z_][A-Za-z0-9_.-]*/|/Users/[A-Za-z_]|(?<![A-Za-z0-9_.-])/root/|(?<![A-Za-z0-9_.-])/work/|[A-Za-z]:\\\\?Users\\\\?)'
issue_re='\b[Ii]ssues? ?#?[0-9]+\b'

# The captured data under tests/fixtures is skipped (not its READMEs), and so are this check's own files, which
# spell out the patterns.
checked_files() {
    local path
    while IFS= read -r -d '' path; do
        case "$path" in
        tests/fixtures/*.md) ;;
        tests/fixtures/* | tests/repo/*) continue ;;
        esac
        [[ -f "$path" ]] && printf '%s\0' "$path"
    done < <(list_files)
}

# One grep over every text file (-I skips binary ones); each hit is then looked at on its own.
while IFS= read -r hit; do
    path="${hit%%:*}"
    hit="${hit#*:}"
    lineno="${hit%%:*}"
    text="${hit#*:}"
    if grep -Pq "$shelf_re" <<<"$text"; then
        report "$path" "$lineno" "refers to the team's private reference shelf" "$text"
    fi
    if grep -Pq "$home_re" <<<"$text" && ! is_allowed "$path" "$text"; then
        report "$path" "$lineno" "absolute path of someone's machine" "$text"
    fi
    if grep -Pq "$issue_re" <<<"$text"; then
        report "$path" "$lineno" "issue number (history belongs in git)" "$text"
    fi
    # Every "../" run on the line: does it climb above ROOT?
    rest="$text"
    while [[ "$rest" =~ ((\.\./)+) ]]; do
        dots="${BASH_REMATCH[1]}"
        before="${rest%%"$dots"*}"
        ups=$((${#dots} / 3))
        depth="$(base_depth "$path" "$before")"
        if ((ups > depth)); then
            report "$path" "$lineno" "relative path leaves the repository" "$text"
            break
        fi
        rest="${rest#*"$dots"}"
    done
done < <(checked_files | xargs -0 -r grep -nIHP "$shelf_re|$home_re|$issue_re|\.\./" || true)

if ((findings > 0)); then
    echo "check-standalone: $findings reference(s) outside the repository in $ROOT" >&2
    exit 1
fi
echo "check-standalone: no file refers outside $ROOT"
