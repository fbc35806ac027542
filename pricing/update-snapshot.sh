#!/usr/bin/env bash
# Regenerates pricing/prices.json from a published @pydantic/genai-prices package, in one command.
#   pricing/update-snapshot.sh [VERSION]     (default: the latest version on the npm registry)
# Needs npm, node and python3. Works in a scratch folder; nothing from node_modules is kept.
# Afterwards: review `git diff pricing/prices.json`, check that overrides.json still applies (the
# converter prints a note for each correction that upstream has fixed), rebuild, run the tests.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PKG="@pydantic/genai-prices"
VERSION="${1:-$(npm view "$PKG" version)}"
PUBLISHED="$(npm view "$PKG@$VERSION" time --json | python3 -c "import json,sys; print(json.load(sys.stdin)['$VERSION'])")"
PUBLISHED="$(python3 -c "import sys,datetime; print(datetime.datetime.fromisoformat(sys.argv[1].replace('Z','+00:00')).astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'))" "$PUBLISHED")"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
echo "==> $PKG@$VERSION (published $PUBLISHED), scratch $SCRATCH" >&2
(cd "$SCRATCH" && npm pack --silent "$PKG@$VERSION" >/dev/null)
mkdir "$SCRATCH/gp"
tar xzf "$SCRATCH"/pydantic-genai-prices-*.tgz -C "$SCRATCH/gp"
# The data is a JS literal inside dist/index.js; the exported waitForUpdate() resolves to it until
# updatePrices() is used, which gives it as JSON without evaluating anything else.
node -e 'import(process.argv[1]).then(async m => {
  const all = await m.waitForUpdate();
  process.stdout.write(JSON.stringify(all)); })' "$SCRATCH/gp/package/dist/index.js" >"$SCRATCH/full.json"
python3 "$HERE/convert_genai_prices.py" "$SCRATCH/full.json" "$VERSION" "$PUBLISHED" "$HERE/prices.json" \
    --overrides "$HERE/overrides.json"
# Keep the licence notice in step with the package.
{
    echo "Burnrate's price snapshot (pricing/prices.json) is converted from $PKG $VERSION"
    echo "(https://github.com/pydantic/genai-prices), published $PUBLISHED, which carries this licence:"
    echo
    cat "$SCRATCH/gp/package/LICENSE"
} >"$HERE/LICENSE-genai-prices"
echo "==> done: review git diff $HERE" >&2
