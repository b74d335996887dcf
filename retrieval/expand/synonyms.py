"""The editable synonym file (`corpus/synonyms.txt`).

One group of equivalent forms per line, separated by spaces, commas or `=`
(`GDP 地区生产总值 国内生产总值`); `#` starts a comment. Every form of a group expands to
every other. Editors keep the file with the corpus: the archive's own vocabulary
(地区生产总值) is not the readers' (GDP), and only people who know the paper can say
which words are the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

_SEPARATORS = re.compile(r"[\s,，、=＝;；|]+")


def read_groups(path: Path, fold: Callable[[str], str]) -> list[tuple[str, ...]]:
    """The file's groups as written (duplicates by their folded form dropped); a missing
    file is no groups, a line with one form is ignored (there is nothing to expand it to)."""
    try:
        text = path.read_text("utf-8-sig", errors="replace")  # Notepad writes a BOM
    except OSError:
        return []
    groups: list[tuple[str, ...]] = []
    for line in text.splitlines():
        forms = list({fold(f): f for f in reversed(_SEPARATORS.split(line.split("#", 1)[0])) if f.strip()}.values())
        forms.reverse()
        if len(forms) >= 2:
            groups.append(tuple(forms))
    return groups
