"""Numbers written two ways: 三十七 ↔ 37, 二〇二四 ↔ 2024, 190亿元 ↔ 190亿.

Papers print both forms (headlines and quotes often in Chinese numerals, body text in
Arabic), and readers type either. cn2an does the conversion; this module only finds the
numbers in a question and says what else they may be written as.
"""

from __future__ import annotations

import re
from typing import Any

from retrieval.types import Expansion

# A run of Chinese numerals that is a number, not a word holding one (统一, 一号工程, 第三):
# either with a multiplier (三十七, 一百九十, 两千) or written digit by digit (二〇二四).
_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万亿]{2,}")
_CN_DIGITS = re.compile(r"^[零〇一二三四五六七八九]{3,}$")
_MULTIPLIERS = set("十百千万亿")
_ARABIC = re.compile(r"(?<![0-9.])([0-9]{1,12})(?![0-9.])")  # ASCII only: folded text keeps ٣٧ as it is
_MONEY = re.compile(r"([0-9]+(?:\.[0-9]+)?)(万|亿)(元?)")


def _cn2an() -> Any:  # (cn2an has no type hints)
    """cn2an, imported on first use: its import takes about a third of a second (timed by
    hand), which every start of the bot and of each CLI command paid, most for nothing."""
    import cn2an

    return cn2an


def variants(text: str) -> list[Expansion]:
    """Other spellings of the numbers in `text` (folded question text), in order of appearance."""
    out: list[Expansion] = []
    for m in _CN_RUN.finditer(text):
        run = m.group()
        if not (_MULTIPLIERS & set(run) or _CN_DIGITS.match(run)):
            continue
        unit = ""
        if run[-1] in "万亿" and len(run) > 1:  # 一百二十亿 is printed 120亿, not 12000000000
            run, unit = run[:-1], run[-1]
        try:
            value = _cn2an().cn2an(run, "smart")
        except (ValueError, KeyError, IndexError):
            continue
        number = str(int(value)) if float(value).is_integer() else str(value)
        out.append(Expansion(run + unit, number + unit, "number"))
    for m in _ARABIC.finditer(text):
        digits = m.group(1)
        if len(digits) < 2 and not text[m.end() : m.end() + 1]:
            continue  # a lone digit at the end says little
        following = text[m.end() : m.end() + 1]
        try:
            if len(digits) == 4 and following == "年":  # a year: 2024年 is printed 二〇二四年
                spelled = _cn2an().an2cn(digits, "direct").replace("零", "〇")
            elif int(digits) == 0 or len(digits) > 8:
                continue
            else:
                spelled = _cn2an().an2cn(digits)
        except (ValueError, KeyError, IndexError):
            continue
        out.append(Expansion(digits, spelled, "number"))
    for m in _MONEY.finditer(text):  # 190亿 ↔ 190亿元: the unit is often left out
        amount, unit, yuan = m.groups()
        out.append(Expansion(m.group(), f"{amount}{unit}" if yuan else f"{amount}{unit}元", "number"))
    return _unique(out)


def _unique(items: list[Expansion]) -> list[Expansion]:
    seen: set[tuple[str, str]] = set()
    out = []
    for e in items:
        if (e.source, e.target) not in seen and e.source != e.target:
            seen.add((e.source, e.target))
            out.append(e)
    return out
