#!/bin/sh
# Vendor the NL Design System CSS for the web front end and axe-core for its tests, from the npm
# registry (npm pack into a temporary directory; nothing is installed in the project). Each file is
# copied with its package's licence, and VENDORED.json records package, version, file and SHA-256
# (tests/unit/web/test_assets.py checks them). Run: sh deploy/web-assets.sh, then commit.
set -eu
UTRECHT_CSS="@utrecht/component-library-css@9.0.4"
TOKENS="@nl-design-system-unstable/voorbeeld-design-tokens@7.4.1"
AXE="axe-core@4.14.1"
here=$(cd "$(dirname "$0")/.." && pwd)
static="$here/bot/frontends/web/static/vendor"
axe_dir="$here/tests/web/vendor/axe-core"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
for spec in "$UTRECHT_CSS" "$TOKENS" "$AXE"; do
    npm pack --silent "$spec" >/dev/null
done
for tgz in *.tgz; do mkdir "${tgz%.tgz}" && tar xzf "$tgz" -C "${tgz%.tgz}"; done
mkdir -p "$static/utrecht-component-library-css" "$static/voorbeeld-design-tokens" "$axe_dir"
cp utrecht-component-library-css-*/package/dist/index.css utrecht-component-library-css-*/package/LICENSE.md \
    "$static/utrecht-component-library-css/"
cp nl-design-system-unstable-voorbeeld-design-tokens-*/package/dist/theme.css \
    nl-design-system-unstable-voorbeeld-design-tokens-*/package/LICENSE.md "$static/voorbeeld-design-tokens/"
cp axe-core-*/package/axe.min.js axe-core-*/package/LICENSE axe-core-*/package/LICENSE-3RD-PARTY.txt "$axe_dir/"
manifest() {  # $1 package@version, $2 licence, then files
    spec=$1; licence=$2; shift 2
    for file in "$@"; do
        printf '  {"package": "%s", "licence": "%s", "file": "%s", "sha256": "%s"},\n' \
            "$spec" "$licence" "${file#"$here"/}" "$(sha256sum "$file" | cut -c1-64)"
    done
}
{
    echo "["
    manifest "$UTRECHT_CSS" "EUPL-1.2" "$static/utrecht-component-library-css/index.css" \
        "$static/utrecht-component-library-css/LICENSE.md"
    manifest "$TOKENS" "EUPL-1.2" "$static/voorbeeld-design-tokens/theme.css" "$static/voorbeeld-design-tokens/LICENSE.md"
    manifest "$AXE" "MPL-2.0" "$axe_dir/axe.min.js" "$axe_dir/LICENSE" "$axe_dir/LICENSE-3RD-PARTY.txt" | sed '$ s/,$//'
    echo "]"
} > "$here/bot/frontends/web/static/VENDORED.json"
echo "vendored: $UTRECHT_CSS $TOKENS $AXE"
