"""index/lifecycle.py: the folder lock dies with its process, however it is killed; workers
die with their parent; waiting for a live holder is bounded and names it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from retrieval.errors import IndexBusy
from retrieval.index import IndexHome
from tests.helpers.settings import ROOT

# Holds the lock while tokenising, over and over, on worker processes (small batches so a
# pool runs even on a tiny archive), and says when it holds it.
HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import retrieval.index.workers as workers
    from retrieval.index.lifecycle import IndexHome
    from retrieval.tokenize import Tokenizer
    workers.BATCH, workers.PARALLEL_ABOVE = 40, 10
    home = IndexHome(Path(sys.argv[1]) / "index", Path(sys.argv[1]) / "userdict.txt")
    rows = [("标题", "李志龙走访杭钢集团，调研企业。" * 20)] * 400
    tokenizer = Tokenizer()
    with home.lock():
        print("locked", flush=True)
        while True:
            for _ in workers.encode_all(rows, [], True, tokenizer):
                pass
    """
)


def _start_holder(folder: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)], cwd=folder, text=True,
        stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def _processes_in(folder: Path) -> list[int]:
    """Live processes whose working directory is `folder` (the holder and its workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if Path(os.readlink(entry / "cwd")) == folder:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_a_killed_holder_leaves_no_lock_and_no_workers(tmp_path: Path) -> None:
    rng = random.Random(12)
    for trial in range(6):
        folder = (tmp_path / f"trial{trial}").resolve()
        folder.mkdir()
        proc = _start_holder(folder)
        time.sleep(rng.uniform(0.05, 1.5))  # a random point: starting, mid-batch, between batches
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()  # type: ignore[union-attr]
        deadline = time.monotonic() + 10
        while _processes_in(folder) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _processes_in(folder) == [], f"trial {trial}: workers outlived their parent"
        started = time.monotonic()
        with IndexHome(folder / "index", folder / "userdict.txt", lock_timeout=5).lock():
            pass
        assert time.monotonic() - started < 1.0, f"trial {trial}: the dead holder's lock was still there"


def test_waiting_for_a_live_holder_is_bounded_and_names_it(tmp_path: Path) -> None:
    folder = tmp_path.resolve()
    proc = _start_holder(folder)
    try:
        started = time.monotonic()
        with pytest.raises(IndexBusy, match=str(proc.pid)):
            with IndexHome(folder / "index", folder / "userdict.txt", lock_timeout=1.0).lock():
                pass
        assert 0.9 < time.monotonic() - started < 5
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()  # type: ignore[union-attr]


def test_two_homes_in_one_process_exclude_each_other(tmp_path: Path) -> None:
    a = IndexHome(tmp_path / "index", tmp_path / "userdict.txt")
    b = IndexHome(tmp_path / "index", tmp_path / "userdict.txt")
    inside: list[str] = []

    def use(home: IndexHome, name: str) -> None:
        with home.lock():
            inside.append(f"{name}+")
            time.sleep(0.2)
            inside.append(f"{name}-")

    threads = [threading.Thread(target=use, args=(h, n)) for h, n in ((a, "a"), (b, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert inside in (["a+", "a-", "b+", "b-"], ["b+", "b-", "a+", "a-"])
