"""Convert the CCTV 新闻联播 transcripts (shared/corpora/cctv-xwlb) into the archive's JSON
Lines import format, replicated with shifted dates to reach a passage count.

The text is research-only: it is read from the path given and written to a scratch
folder for the benchmark run, never into the repository.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from retrieval.ingest.passages import cut

_ITEM = re.compile(r"^### (.+?)\s*$", re.M)
_LINK = re.compile(r"\[查看原文\]\((\S+?)\)")


@dataclass(frozen=True)
class Item:
    title: str
    day: date
    text: str
    url: str | None


def items(source: Path) -> Iterator[Item]:
    """Every news item under `## 详细新闻`, in date order."""
    folder = source / "news" if (source / "news").is_dir() else source
    for path in sorted(folder.glob("*.md")):
        m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", path.stem)
        if not m:
            continue
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        body = path.read_text("utf-8")
        detail = body.split("## 详细新闻", 1)[-1]
        heads = list(_ITEM.finditer(detail))
        for i, h in enumerate(heads):
            chunk = detail[h.end() : heads[i + 1].start() if i + 1 < len(heads) else len(detail)]
            link = _LINK.search(chunk)
            text = _LINK.sub("", chunk).replace("**", "").strip()
            text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
            if len(text) >= 20:
                yield Item(h.group(1).strip(), day, text, link.group(1) if link else None)


def _shift(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def write_archive(source: Path, target: Path, passages: int, span_years: int = 5) -> tuple[int, int, int]:
    """Write JSONL files (one per month) until `passages` passages; returns (articles,
    passages, characters). Replica r shifts every date by r × span_years years."""
    target.mkdir(parents=True, exist_ok=True)
    base = list(items(source))
    if not base:
        raise SystemExit(f"no news items found under {source}")
    articles = count = chars = 0
    replica = 0
    files: dict[str, list[str]] = {}
    while count < passages:
        for item in base:
            day = _shift(item.day, replica * span_years)
            n = len(cut(item.text))
            line = json.dumps(
                {"title": item.title, "date": day.isoformat(), "text": item.text, "url": item.url, "paper": "新闻联播"},
                ensure_ascii=False,
            )
            files.setdefault(f"{day.year:04d}-{day.month:02d}", []).append(line)
            articles += 1
            count += n
            chars += len(item.text)
            if count >= passages:
                break
        replica += 1
        for month, lines in files.items():  # written replica by replica: ten million passages do not fit
            with (target / f"xwlb-{month}.jsonl").open("a", encoding="utf-8") as fh:
                fh.write("\n".join(lines) + "\n")
        files.clear()
    return articles, count, chars
