"""Dates at ingest: the event date in a lead, today in the paper's time zone, and real
dates from numbers a masthead or a file name gave."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from retrieval.dates.grammar import AR, CND, CNM, NB
from retrieval.dates.numerals import ascii_width, cn_year, numeral
from retrieval.errors import DateError

_BYLINE = re.compile(r"本报讯\s*(?:\([^()]{0,80}\))?")
_LEAD_DATE = re.compile(
    r"(?:(?P<y>(?<![0-9])[0-9]{4}|[〇零○一二三四五六七八九]{4})年)?"
    rf"{NB}(?P<m>{AR}|{CNM})月(?P<d>{AR}|{CND})[日号]"
)
_VAGUE = re.compile(r"近日|日前|连日|近期|近来")
_BARE_DAY = re.compile(r"(?<![0-9月年/.\-－])([1-9]|[12][0-9]|3[01])日(?![元本报电讯])")


def _day_of_month(day: int, issue_date: date) -> tuple[date, bool]:
    """The day `day` of the issue's month, or of the month before when that is in the future."""
    month_start = issue_date.replace(day=1)
    for start in (month_start, (month_start - timedelta(days=1)).replace(day=1)):
        try:
            event = start.replace(day=day)
        except ValueError:
            continue
        if event <= issue_date + timedelta(days=1):
            return event, False
    return issue_date, True
_LEAD_WINDOW = 80


def _in_issue_year(month: int, day: int, issue_date: date) -> date | None:
    """Month and day printed without a year: the issue's year, or the year before for a month
    more than one after the issue's (a December lead in a January issue)."""
    return real_date(issue_date.year - (1 if month > issue_date.month + 1 else 0), month, day)


def lead_date(lead: str, issue_date: date, dateline: tuple[int, int] | None = None) -> tuple[date, bool]:
    """Event date of a newspaper article from the start of its lead paragraph, and whether it is approximate.

    Reporters open with the event date (`3月18日上午，…`) but omit the year, and the paper
    comes out days later, so the issue date alone would misdate most articles.  Only the first
    ~80 characters after the `本报讯（记者 …）` byline are read (whitespace removed, since the
    corpus is OCR text with stray spaces and line breaks): later dates are usually about
    something else.  The year is the issue's, except a month more than one after the issue's
    (a December lead in a January issue), which is the previous year.  Falls back to
    `(issue_date, True)` when the lead says only 近日/日前/连日来/近期 first, has no date, the date
    does not exist, or it lies more than 7 days after (or about a year before) the issue.

    `dateline`: the (month, day) of a dateline before the lead (`本报10月15日讯`, `新华社北京9月5日
    电`), the filing date. Days in the lead are counted from it, and a lead that names no day
    (`今天上午，…`) happened on it; only a vague lead (`近日…`) stays approximate. Never raises.
    """
    filed = _in_issue_year(*dateline, issue_date) if dateline else None
    if filed is not None:
        counted, approximate = lead_date(lead, filed)
        if not approximate or _VAGUE.search(_head(lead)[:30]):
            return counted, approximate
        return filed, False
    head = _head(lead)
    found = _LEAD_DATE.search(head)
    vague = _VAGUE.search(head)
    bare = _BARE_DAY.search(head, 0, found.start() if found else len(head))
    if bare is not None and (vague is None or vague.start() > bare.start()):
        # `记者11日从…获悉，新馆自2月10日开放以来`: a day without a month is the issue's month
        # (or the one before, for a day after the issue's), and it comes first in the lead.
        return _day_of_month(int(bare.group(1)), issue_date)
    if found is None or (vague is not None and vague.start() < found.start()):
        return issue_date, True
    month, day = numeral(found.group("m")), numeral(found.group("d"))
    if month is None or day is None or not 1 <= month <= 12:
        return issue_date, True
    y = found.group("y")
    try:
        printed = date(int(y) if y.isascii() else cn_year(y), month, day) if y is not None else None
        event = printed or _in_issue_year(month, day, issue_date)
        if event is None:
            return issue_date, True
        too_late = event > issue_date + timedelta(days=7)
        too_early = event < issue_date - timedelta(days=400)
    except (ValueError, OverflowError):
        return issue_date, True
    if too_late or too_early:
        return issue_date, True
    return event, False


def _head(lead: str) -> str:
    """The first ~80 characters of the lead after a `本报讯（…）` byline, whitespace removed."""
    text = ascii_width(lead)
    byline = _BYLINE.search(text, 0, 300)
    return re.sub(r"\s+", "", text[byline.end() if byline else 0 :][: _LEAD_WINDOW * 4])[:_LEAD_WINDOW]


def today_in(tz_name: str, now: datetime | None = None) -> date:
    """Today's date in the archive's time zone (zoneinfo), `now` injectable for tests (aware datetime).

    "今天" must mean the newspaper's day, not the server's (a UTC server is 8 hours behind
    Hangzhou).  An unknown zone raises `DateError`; a naive `now` is a programming error
    (`ValueError`), because guessing its zone is exactly the bug this function prevents.
    """
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise DateError(f"未知的时区：{tz_name}（例如 Asia/Shanghai）") from exc
    if now is None:
        return datetime.now(tz).date()
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("today_in: `now` must be a timezone-aware datetime")
    return now.astimezone(tz).date()


def real_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the numbers name no real day (a masthead or file name that an
    OCR or a typo damaged must not crash an ingest)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None
