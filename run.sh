#!/usr/bin/env bash
# One command to run the bot on a fresh machine: installs, ingests corpus/, starts the bot.
# With no TELEGRAM_BOT_TOKEN it explains how to get one and how to try the local console.
# Extra arguments go to `python -m bot` (e.g. ./run.sh console, ./run.sh ask "问题").
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
VENV="${VENV:-.venv}"
"$VENV/bin/python" -m retrieval ingest >&2
exec "$VENV/bin/python" -m bot "$@"
