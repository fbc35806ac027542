#!/usr/bin/env bash
# check-fixtures.sh [FIXTURES_DIR]
#
# The test data is the repository's own and must stay as captured: every file listed in tests/fixtures/SHA256SUMS
# exists and has that hash, and every data file of the folder is listed there (READMEs, which say where each
# file comes from, are not hashed). Prints one line per file that is missing, changed or unlisted; exits 1 then.
set -euo pipefail

DIR="${1:-$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../fixtures}"
if [[ ! -d "$DIR" ]]; then
    echo "check-fixtures: the fixtures folder $DIR is missing" >&2
    exit 1
fi
cd "$DIR"
if [[ ! -r SHA256SUMS ]]; then
    echo "check-fixtures: $DIR/SHA256SUMS is missing or unreadable" >&2
    exit 1
fi

problems=0
while IFS= read -r line; do
    problems=$((problems + 1))
    echo "check-fixtures: tests/fixtures/${line%: *}: ${line##*: }"
done < <(sha256sum --check --quiet SHA256SUMS 2>/dev/null | grep -v '^sha256sum:' || true)

listed="$(sed 's/^[0-9a-f]*  //' SHA256SUMS | LC_ALL=C sort)"
while IFS= read -r file; do
    if ! grep -qxF "$file" <<<"$listed"; then
        problems=$((problems + 1))
        echo "check-fixtures: tests/fixtures/$file: not listed in SHA256SUMS (add it with its origin in its README)"
    fi
done < <(find . -type f ! -name SHA256SUMS ! -name '*.md' | sed 's|^\./||' | LC_ALL=C sort)

if ((problems > 0)); then
    exit 1
fi
echo "check-fixtures: $(wc -l <SHA256SUMS) fixtures present and unchanged"
