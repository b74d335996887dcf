"""bot/__main__.py: a start-up that cannot reach Telegram, or that Telegram refuses, ends in one
clear line and a non-zero exit code; once the bot is up, a network failure is retried, not
the end of it. The entry point runs as a process, as `./run.sh` starts it."""

from __future__ import annotations

import signal
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.__main__ import REJECTED, UNREACHABLE
from tests.fake_telegram import FakeTelegram
from tests.helpers.bot import bot_process, free_port, run_bot

TOKEN = "123456:TEST-fake-telegram-token"  # FakeTelegram's: any other one is refused with 401


def assert_one_clear_line(stderr: str, first_words: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(first_words), stderr
    assert "Traceback" not in stderr


@pytest.fixture
def silent() -> Iterator[str]:
    """An address that accepts connections and never answers (a black-holed proxy)."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


def test_nothing_listening_is_one_line_saying_check_the_network(tmp_path: Path) -> None:
    run = run_bot(tmp_path, TOKEN, f"http://127.0.0.1:{free_port()}")  # connection refused
    assert run.returncode == 1
    assert_one_clear_line(run.stderr, UNREACHABLE)
    assert "网络" in run.stderr and "代理" in run.stderr


def test_an_unknown_host_is_one_line(tmp_path: Path) -> None:
    run = run_bot(tmp_path, TOKEN, "http://telegram.invalid")  # DNS failure (.invalid never resolves)
    assert run.returncode == 1
    assert_one_clear_line(run.stderr, UNREACHABLE)


def test_a_server_that_never_answers_is_one_line(tmp_path: Path, silent: str) -> None:
    run = run_bot(tmp_path, TOKEN, silent)  # getMe times out, three times
    assert run.returncode == 1
    assert_one_clear_line(run.stderr, UNREACHABLE)
    assert "TimedOut" in run.stderr


def test_a_token_telegram_refuses_is_one_line_naming_botfather(tmp_path: Path, fake_telegram: FakeTelegram) -> None:
    run = run_bot(tmp_path, "123456:not-the-bots-token", fake_telegram.url)  # 401 Unauthorized
    assert run.returncode == 2
    assert_one_clear_line(run.stderr, REJECTED)
    assert "@BotFather" in run.stderr


def test_a_failure_after_getme_is_still_start_up(tmp_path: Path, fake_telegram: FakeTelegram) -> None:
    """getMe and post_init succeed, the updater's deleteWebhook cannot: still the start-up
    (this printed a 60-line traceback)."""
    fake_telegram.fail_next("deleteWebhook", status=502, times=5)
    run = run_bot(tmp_path, TOKEN, fake_telegram.url)
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert lines[-1].startswith(UNREACHABLE) and "Bad Gateway" in lines[-1], run.stderr
    assert "Traceback" not in run.stderr
    assert len(lines) <= 5, run.stderr  # the fresh archive's INFO lines (migrated, ingested), then that one


def test_once_up_a_network_failure_is_retried_and_sigterm_ends_it_cleanly(
    tmp_path: Path, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    bot = bot_process(tmp_path, TOKEN, tg.url)
    try:
        tg.wait_for_call("getUpdates", timeout=60, finished=False)
        tg.fail_next("getUpdates", status=502, times=3)
        tg.fail_next("sendMessage", status=502)
        user = tg.user("Alice")
        tg.send_text(user, "招商大会签约了多少项目")
        [msg] = tg.wait_for_messages(user, 1, timeout=60)
        assert "37个重点项目" in msg["text"]
        assert bot.poll() is None, "the bot is still running"
        bot.send_signal(signal.SIGTERM)
        _, stderr = bot.communicate(timeout=60)
    finally:
        if bot.poll() is None:
            bot.kill()
            bot.communicate()
    assert bot.returncode == 0, stderr
    assert "sendMessage failed (NetworkError); retry 1" in stderr  # running: retries are told
