"""Made-up issues written as CMS exports (JSON Lines): new articles for a test to ingest."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path


def write_issue(folder: Path, paper: str, day: date, articles: list[tuple[str, str]], page: int = 1) -> Path:
    """`folder/<paper>-<day>-<page>.jsonl` holding (title, text) articles of one issue page."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{paper}-{day.isoformat()}-{page}.jsonl"
    lines = [
        json.dumps({"title": t, "text": x, "date": day.isoformat(), "issue_date": day.isoformat(), "page": page,
                    "paper": paper}, ensure_ascii=False)
        for t, x in articles
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
