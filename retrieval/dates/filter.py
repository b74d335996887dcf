"""`DateFilter`: the one value a date phrase becomes, and its Chinese wording."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from retrieval.errors import DateError


def fmt_day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@dataclass(frozen=True)
class DateFilter:
    """A date restriction from a query or a /date command.

    `start`/`end` bound absolute dates (inclusive, `None` = open); `month`/`day` restrict to a
    calendar month (and day) in any year, for dates typed without a year.  Both kinds may be
    combined; `contains` checks all of them.  Invalid combinations raise `DateError` at
    construction so a bad filter can never reach the search layer.
    """

    start: date | None = None
    end: date | None = None
    month: int | None = None
    day: int | None = None
    label: str = ""

    def __post_init__(self) -> None:
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"没有{self.month}月：月份应为1到12")
        if self.day is not None:
            if self.month is None:
                raise DateError(f"只有日（{self.day}日）没有月：请写成“6月{self.day}日”这样的形式")
            if not 1 <= self.day <= last_day(2000, self.month):
                raise DateError(f"{self.month}月没有{self.day}日")
        if self.start is not None and self.end is not None and self.start > self.end:
            raise DateError(f"起始日期{fmt_day(self.start)}晚于结束日期{fmt_day(self.end)}")

    def contains(self, d: date) -> bool:
        """Whether an article dated `d` passes this filter."""
        if self.start is not None and d < self.start:
            return False
        if self.end is not None and d > self.end:
            return False
        if self.month is not None and d.month != self.month:
            return False
        return self.day is None or d.day == self.day

    def is_single_day(self) -> bool:
        """True when the filter names one day (so callers can say "that day" instead of "between")."""
        if self.start is not None and self.start == self.end:
            return True
        return self.month is not None and self.day is not None

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict (ISO dates), stable for logs, page tokens and the CLI."""
        return {
            "label": self.label,
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "month": self.month,
            "day": self.day,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> DateFilter:
        """Inverse of `to_json`, so a filter stored in a page token comes back identical."""

        def _d(key: str) -> date | None:
            value = data.get(key)
            if value is None:
                return None
            if not isinstance(value, str):
                raise DateError(f"日期字段{key}格式错误：{value!r}")
            try:
                return date.fromisoformat(value)
            except ValueError as exc:
                raise DateError(f"日期字段{key}格式错误：{value!r}") from exc

        def _i(key: str) -> int | None:
            value = data.get(key)
            if value is None:
                return None
            if not isinstance(value, int) or isinstance(value, bool):
                raise DateError(f"日期字段{key}格式错误：{value!r}")
            return value

        label = data.get("label", "")
        return cls(
            start=_d("from"),
            end=_d("to"),
            month=_i("month"),
            day=_i("day"),
            label=label if isinstance(label, str) else "",
        )

    def describe(self) -> str:
        """Chinese wording for messages: whole years/months are named as such, not as day ranges."""
        parts: list[str] = []
        s, e = self.start, self.end
        if s is not None and e is not None:
            parts.append(_describe_range(s, e))
        elif s is not None:
            parts.append(f"{fmt_day(s)}起")
        elif e is not None:
            parts.append(f"{fmt_day(e)}及以前")
        if self.month is not None:
            md = f"{self.month}月{self.day}日" if self.day is not None else f"{self.month}月"
            parts.append(f"每年{md}" if not parts else f"（仅{md}）")
        return "".join(parts) or "不限日期"


def _describe_range(s: date, e: date) -> str:
    if s == e:
        return fmt_day(s)
    whole_months = s.day == 1 and e.day == last_day(e.year, e.month)
    if whole_months and s.month == 1 and e.month == 12:
        return f"{s.year}年" if s.year == e.year else f"{s.year}年至{e.year}年"
    if whole_months:
        if (s.year, s.month) == (e.year, e.month):
            return f"{s.year}年{s.month}月"
        return f"{s.year}年{s.month}月至{e.year}年{e.month}月"
    return f"{fmt_day(s)}至{fmt_day(e)}"
