#!/usr/bin/env bash
# Set up a fresh machine: make sure uv exists, then install the locked environment.
# Prints the command to run uv with (uv itself, or `python3 -m uv` when pip put it off PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v uv >/dev/null 2>&1; then
  UV=(uv)
elif python3 -m uv --version >/dev/null 2>&1; then
  UV=(python3 -m uv)
else
  python3 -m pip install --quiet --disable-pip-version-check uv >&2 \
    || python3 -m pip install --quiet --disable-pip-version-check --user uv >&2
  UV=(python3 -m uv)
fi
UV_PYTHON_DOWNLOADS=never "${UV[@]}" sync --frozen --quiet --compile-bytecode >&2
echo "${UV[*]}"
