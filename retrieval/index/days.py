"""Passage dates as day numbers, so date filters are vector masks rather than loops.

An approximate date (a lead that says only 近日 or 日前) is a span: the passage's day is
the issue date and its earliest possible day is `APPROXIMATE_DAYS` before, since "近日"
in a weekly means the days before the issue.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import numpy.typing as npt

from retrieval.types import PassageRow

EPOCH = date(1970, 1, 1).toordinal()
APPROXIMATE_DAYS = 7

I32 = npt.NDArray[np.int32]
Mask = npt.NDArray[np.bool_]


def day_number(d: date) -> int:
    return d.toordinal() - EPOCH


def from_day_number(n: int) -> date:
    return date.fromordinal(n + EPOCH)


def spans(rows: Sequence[PassageRow]) -> tuple[list[int], list[int]]:
    """Each passage's day, and the earliest day it may be."""
    days = [day_number(r.day) for r in rows]
    earliest = [d - (APPROXIMATE_DAYS if r.approximate else 0) for d, r in zip(days, rows, strict=True)]
    return days, earliest


def range_mask(days: I32, earliest: I32, start: date | None, end: date | None) -> Mask:
    """Passages whose span meets [start, end] (either end open)."""
    mask = np.ones(len(days), dtype=bool)
    if start is not None:
        mask &= days >= day_number(start)
    if end is not None:
        mask &= earliest <= day_number(end)
    return mask


def month_day_mask(days: I32, earliest: I32, month: int, day: int | None) -> Mask:
    """Passages whose date (or span, for approximate dates) falls on a calendar month
    (and day) in any year."""
    mask = np.zeros(len(days), dtype=bool)
    span = int((np.asarray(days) - np.asarray(earliest)).max()) if len(days) else 0
    for back in range(span + 1):
        day_numbers = np.asarray(days, dtype=np.int64) - back
        inside = day_numbers >= earliest
        dates = day_numbers.astype("datetime64[D]")
        months = dates.astype("datetime64[M]").astype(np.int64) % 12 + 1
        hit = inside & (months == month)
        if day is not None:
            in_month = (dates - dates.astype("datetime64[M]")).astype(np.int64) + 1
            hit &= in_month == day
        mask |= hit
    return mask
