"""bot/redact.py: the token and the webhook secret never leave the process, in any case or
encoding, split over writes or not; start-up failures end in one clear line."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.__main__ import REJECTED, UNREACHABLE
from bot.redact import MARK, RedactingStream, Redactor
from tests.helpers.settings import CORPUS, ROOT

TOKEN = "987654:AAFakeTokenNeverLogMe_x-9"
SECRET = TOKEN.split(":", 1)[1]


def leaks(text: str) -> list[str]:
    """Every form of the token found in `text` (case-insensitive)."""
    low = text.lower()
    forms = {TOKEN, SECRET, quote(TOKEN, safe=""), quote(TOKEN)}
    return [f for f in forms if f.lower() in low]


FORMS = st.sampled_from([TOKEN, TOKEN.lower(), TOKEN.upper(), quote(TOKEN, safe=""), quote(TOKEN, safe="").lower(),
                         SECRET, SECRET.swapcase(), f"/bot{TOKEN}/getMe"])


@settings(max_examples=300)
@given(st.lists(st.one_of(st.text(max_size=30), FORMS), min_size=1, max_size=8), st.data())
def test_any_form_of_the_token_split_over_any_writes_is_redacted(parts: list[str], data: st.DataObject) -> None:
    text = "".join(parts)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=5)))
    out = io.StringIO()
    stream = RedactingStream(out, Redactor([TOKEN]))
    last = 0
    for cut in [*cuts, len(text)]:
        stream.write(text[last:cut])
        last = cut
    stream.flush()
    assert not leaks(out.getvalue()), out.getvalue()
    if any(leaks(p) for p in parts):
        assert MARK in out.getvalue()


def test_ordinary_text_is_left_alone() -> None:
    redact = Redactor([TOKEN, ""])
    assert redact("招商大会签约了37个项目 https://example.org/a?b=1") == "招商大会签约了37个项目 https://example.org/a?b=1"
    assert not Redactor([])


# -- the whole process, against a hostile Bot API server -------------------------------------------
class _Hostile(BaseHTTPRequestHandler):
    status = 401
    echo = "raw"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        return

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        path = {"raw": self.path, "lower": self.path.lower(), "upper": self.path.upper(),
                "quoted": quote(self.path, safe="")}[self.echo]
        body = f'{{"ok": false, "error_code": {self.status}, "description": "no such thing: {path}"}}'
        if self.status >= 500:
            body = f"<html><body>upstream {path} failed</body></html>"
        data = body.encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json" if self.status < 500 else "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST


@pytest.fixture
def hostile() -> Iterator[tuple[ThreadingHTTPServer, type[_Hostile]]]:
    handler = type("Handler", (_Hostile,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, handler
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("status", "echo", "last_line"),
    [
        (401, "raw", REJECTED),
        (404, "lower", REJECTED),
        (502, "quoted", UNREACHABLE),
        (500, "upper", UNREACHABLE),
        (503, "raw", UNREACHABLE),
        (400, "lower", "Telegram 返回错误"),
    ],
)
def test_start_up_failures_end_in_one_clear_line_and_never_show_the_token(
    hostile: tuple[ThreadingHTTPServer, type[_Hostile]], tmp_path: Path, status: int, echo: str, last_line: str
) -> None:
    server, handler = hostile
    handler.status, handler.echo = status, echo
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")},
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_BASE_URL": f"http://127.0.0.1:{server.server_address[1]}",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}",
        "INDEX_DIR": str(tmp_path / "index"),
        "CORPUS_DIR": str(CORPUS),
    }
    run = subprocess.run(
        [sys.executable, "-m", "bot"], cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, timeout=120,
    )
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert not leaks(output), output
    assert "Traceback" not in output, output
    assert run.stderr.strip().splitlines()[-1].startswith(last_line), run.stderr
