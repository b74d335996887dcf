"""Run a child process and watch it: wall time, and the peak memory of its whole process
tree (an ingest forks tokenising workers: their memory counts too, at the same moment,
which `ru_maxrss` of one process cannot tell). Two sums are sampled: resident set sizes
(pages a forked worker still shares with its parent count twice) and proportional set
sizes (each shared page divided among its sharers: the tree's real share of memory)."""

from __future__ import annotations

import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Watched:
    seconds: float
    peak_rss: int  # bytes, the tree's largest total seen
    stdout: str
    peak_pss: int = 0  # bytes, the largest total of proportional set sizes seen


def own_status() -> dict[str, int]:
    """This process's VmRSS, VmHWM and RssAnon in bytes (/proc/self/status)."""
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon"):
            out[key] = int(value.split()[0]) * 1024
    return out


def _tree(root: int) -> list[int]:
    """`root` and all its descendants (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # ended while we looked
        children.setdefault(int(stat[stat.rindex(")") + 2 :].split()[1]), []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def tree_memory(root: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes, summed over `root` and its descendants."""
    rss = pss = 0
    for pid in _tree(root):
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1]) * 1024
        except OSError:
            continue
    return rss, pss


def watched(cmd: list[str], env: dict[str, str] | None = None, every: float = 0.5) -> Watched:
    """Run `cmd` to the end (raising on failure), sampling its tree's memory."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        while not done.is_set():
            rss, pss = tree_memory(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            done.wait(every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd, out, err)
    return Watched(seconds, peak, out, peak_pss)
