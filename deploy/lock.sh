#!/bin/sh
# make lock: the only command that resolves. From the ranges in pyproject.toml, for Python 3.11 on every
# platform, uv writes three files of one resolution, each pin with the SHA-256 of every file the index
# offers for it and no index address (a mirror works the same):
#   requirements.lock          everything make install puts in .venv: runtime, test and lint tools, uv
#   deploy/requirements.lock   the runtime part of it, for the container image and servers (pip can read it)
#   deploy/uv-bootstrap.lock   uv alone, which make install puts in .venv with pip before uv installs the rest
# UPGRADE=--upgrade (the default) moves every pin to the newest release inside its range; `make lock
# UPGRADE=` keeps the pins that still fit and resolves only what changed in pyproject.toml.
set -eu
cd "$(dirname "$0")/.."
uv=${UV:-.venv/bin/uv}
export UV_PYTHON_DOWNLOADS=never UV_CUSTOM_COMPILE_COMMAND="make lock"
set -- --quiet --generate-hashes --universal --python-version 3.11
"$uv" pip compile "$@" ${UPGRADE---upgrade} --extra dev --output-file requirements.lock pyproject.toml
"$uv" pip compile "$@" --constraint requirements.lock --output-file deploy/requirements.lock pyproject.toml
echo uv | "$uv" pip compile "$@" --constraint requirements.lock --output-file deploy/uv-bootstrap.lock -
echo "requirements.lock: $(grep -c '^[a-z0-9].*==' requirements.lock) pinned packages;" \
     "deploy/requirements.lock: $(grep -c '^[a-z0-9].*==' deploy/requirements.lock)"
