#!/bin/sh
# Regenerate deploy/requirements.lock: the runtime dependencies of pyproject.toml, pinned to the
# versions installed (and tested) in .venv, with the SHA-256 of every file PyPI offers for them, so
# the image installs exactly these and nothing else (pip --require-hashes). Run by `make lock`.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/tools"
PIP_CONFIG_FILE=/dev/null "$work/tools/bin/pip" install --quiet --index-url https://pypi.org/simple "pip-tools>=7.4,<8"
"$here/.venv/bin/pip" freeze --exclude-editable | grep -v '^-e ' > "$work/tested.txt"
cp "$here/pyproject.toml" "$work/pyproject.toml"
cd "$work"
PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS='' "$work/tools/bin/pip-compile" --quiet --generate-hashes --strip-extras \
    --no-emit-index-url --no-emit-find-links --index-url https://pypi.org/simple \
    --constraint tested.txt --output-file requirements.lock pyproject.toml
cp requirements.lock "$here/deploy/requirements.lock"
echo "deploy/requirements.lock: $(grep -c '==' "$here/deploy/requirements.lock") pinned packages"
