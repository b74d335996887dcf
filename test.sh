#!/usr/bin/env bash
# One command to run every check on a fresh machine: installs, then ruff, mypy (strict) and pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh dev
VENV="${VENV:-.venv}"
"$VENV/bin/ruff" check retrieval bot benchmarks tests
"$VENV/bin/mypy"
"$VENV/bin/python" -m pytest -q "$@"
