#!/usr/bin/env bash
# Create the virtual environment (if missing) and install the project into it.
# Used by run.sh and test.sh; VENV chooses the folder (default .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  echo "Creating $VENV …" >&2
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi
stamp="$VENV/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)-${1:-}"
if [ ! -f "$stamp" ]; then
  echo "Installing dependencies into $VENV …" >&2
  "$VENV/bin/python" -m pip install --quiet -e ".${1:+[$1]}"
  touch "$stamp"
fi
