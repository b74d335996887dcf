"""Running the real bot against the fake Bot API server, and talking to it as a user."""

from __future__ import annotations

import copy
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from bot.settings import BotSettings
from tests.fake_telegram import FakeTelegram, polling
from tests.helpers.settings import CORPUS, ROOT, TEST_DATABASE_TIMEOUT

ADMIN = 4242
__all__ = [
    "ADMIN",
    "ask",
    "bold",
    "bot_process",
    "bot_settings",
    "buttons",
    "forge_press",
    "free_port",
    "polling",
    "run_bot",
]


def bot_settings(tg: FakeTelegram, **kw: Any) -> BotSettings:
    """Settings of a bot that talks to `tg`, with ADMIN as its admin."""
    kw.setdefault("database_timeout", TEST_DATABASE_TIMEOUT)
    return BotSettings(
        _env_file=None,
        telegram_bot_token=tg.token,
        telegram_base_url=tg.url,
        admin_user_ids=frozenset({ADMIN}),
        corpus_dir=CORPUS,
        **kw,
    )


def buttons(msg: dict[str, Any]) -> dict[str, str]:
    """Button text → callback_data (a copy-text button: the text it copies; a share button:
    its inline query; a link: its URL)."""
    rows = msg.get("reply_markup", {}).get("inline_keyboard", [])
    out: dict[str, str] = {}
    for row in rows:
        for b in row:
            copy = b.get("copy_text")
            out[b["text"]] = b.get("callback_data") or (copy["text"] if copy else None) or b.get(
                "switch_inline_query") or b.get("url") or ""
    return out


def bold(msg: dict[str, Any]) -> list[str]:
    """The bold parts of a received message, from its entities."""
    text = msg["text"]
    return [
        text.encode("utf-16-le")[e["offset"] * 2 : (e["offset"] + e["length"]) * 2].decode("utf-16-le")
        for e in msg.get("entities", [])
        if e["type"] == "bold"
    ]


async def ask(tg: FakeTelegram, user: Any, question: str, count: int = 1) -> list[dict[str, Any]]:
    """`user` sends `question`; the bot's `count` replies."""
    tg.send_text(user, question)
    return await tg.wait_for_messages_async(user, count, timeout=10)


def forge_press(tg: FakeTelegram, user: Any, message: dict[str, Any] | None, data: str) -> str:
    """A modified client sends `data` as callback_data on `message` (no such button needed),
    or, with no message, on a button under an inline message (the update has no chat)."""
    with tg._lock:
        qid = str(next(tg._ids) * 7919 + 4_000_000_000_000)
        cq: dict[str, Any] = {"id": qid, "from": user.to_dict(), "data": data}
        if message is None:
            cq.update(inline_message_id="AAAAinline", chat_instance="9")
        else:
            cq.update(message=copy.deepcopy(tg._messages[tg._message_key(message)].data), chat_instance="1")
        tg._callback_queries[qid] = {"delivered": False, "answered": False}
        tg._push_update("callback_query", cq)
        return qid


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _process_env(tmp: Path, token: str, base_url: str) -> dict[str, str]:
    """`python -m bot`'s environment: Telegram at `base_url`, the archive under `tmp`, none of
    the developer's TELEGRAM_* variables (and, run in `tmp`, no .env of theirs)."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")},
        "TELEGRAM_BOT_TOKEN": token,
        "TELEGRAM_BASE_URL": base_url,
        "DATABASE_URL": f"sqlite:///{tmp / 'archive.db'}",
        "INDEX_DIR": str(tmp / "index"),
        "CORPUS_DIR": str(CORPUS),
        "PYTHONPATH": str(ROOT),
    }


def run_bot(tmp: Path, token: str, base_url: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the bot's entry point (`python -m bot`) to its end, as `./run.sh` starts it."""
    return subprocess.run(
        [sys.executable, "-m", "bot"], cwd=tmp, env=_process_env(tmp, token, base_url),
        capture_output=True, text=True, timeout=timeout,
    )


def bot_process(
    tmp: Path, token: str, base_url: str, log: Path | None = None, **env: str
) -> subprocess.Popen[str]:
    """`python -m bot` started in the background, with `env` added to its environment; its
    stderr piped, or written to `log` (a long-running process's log must not fill a pipe
    nobody reads). The caller ends it."""
    args: dict[str, Any] = dict(cwd=tmp, env={**_process_env(tmp, token, base_url), **env}, stdout=subprocess.DEVNULL,
                                text=True)
    if log is None:
        return subprocess.Popen([sys.executable, "-m", "bot"], stderr=subprocess.PIPE, **args)
    with log.open("a", encoding="utf-8") as stderr:  # the child keeps its own copy
        return subprocess.Popen([sys.executable, "-m", "bot"], stderr=stderr, **args)
