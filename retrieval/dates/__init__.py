"""Date phrases ↔ dates: the one place that knows how Chinese users and reporters write dates.

Three callers need this and must agree on every rule, which is why it lives in one package:

* `/date EXPR` and `python -m retrieval date EXPR` → `parse_date_expr` (the whole text is a date);
* free-text questions → `extract_date_filter` (find the date, cut it out, keep the rest for search);
* ingestion → `lead_date` (the event date written at the start of an article's lead).

`today` is always a parameter (see `today_in`), so results never depend on the clock or the
environment and tests can pin any day.

Choices, documented here because callers rely on them:

* Years are accepted only in 1900–2100: outside it a four-digit number followed by 年 is far
  more likely "5000年历史" than a date, so `extract_date_filter` leaves it in the text and
  `parse_date_expr` rejects it.
* A date without a year (`3月20日`, `三月`) means that month/day in *any* year
  (`DateFilter.month/day`); a year-less *range* (`3月1日至3月15日`, `3月3-5日`) cannot be said
  that way, so it is placed in the latest year in which it starts on or before `today`.
* Periods are whole: `本周` is Monday–Sunday, `本月` the whole month, `今年` the whole year, even
  past `today`. `最近N天/周/个月/年` is the N units ending today, today included
  (`最近7天` = today-6 … today; `近一个月` on 11-22 = 10-23 … 11-22).
* Several expressions in one question: `A至B` / `A到B` / `A-B` / `从A到B` make a range (the end
  inherits a missing year/month from the start, and vice versa); a year alone plus a year-less
  month/day anywhere else in the question are merged (`2024年 李志龙 3月20日` → 2024-03-20);
  otherwise the first expression wins and the others stay in the text.  `A以来` / `A至今` give
  an open end.  `3月底`, `2024年初`, `3月下旬` keep the whole month/year (the suffix is cut too).
* Not filters, left in the text: `2023年度` (a fiscal year), `2020年代`, `2024级`,
  `第一季度`, counts (`37个`, `14名`, `190亿元`), 8-digit numbers that are not valid dates,
  and statistical month spans such as `1-2月` (a reporting period, published later than it
  covers — in `2024年1-2月考核结果` only `2024年` becomes the filter).  `今日拱墅` is the
  newspaper's name, not "today".
* Impossible dates raise `DateError` with the reason (`2月没有30日`, `2023年2月没有29日`,
  `没有13月`) whenever they are written with 年/月/日 or as `Y-M-D`; a bare `13月` inside a
  question (no day, no year) is not treated as a date, but `parse_date_expr` rejects it.
* The remainder returned by `extract_date_filter` has whitespace collapsed and trimmed, and a
  leading/trailing `的` or separator left behind by the removal dropped.

The parts:

    filter.DateFilter     what a date phrase becomes (start/end, or month/day in any year)
    numerals              Arabic/Chinese numerals, full-width digits, checks, shifts
    grammar.EXPRESSIONS   one row per expression: first characters, pattern, builder → Piece
    resolve               pieces → one filter: parse_date_expr, extract_date_filter
    lead                  lead_date (ingest), today_in, real_date
"""

from retrieval.dates.filter import DateFilter
from retrieval.dates.lead import lead_date, real_date, today_in
from retrieval.dates.numerals import YEAR_MAX, YEAR_MIN
from retrieval.dates.resolve import extract_date_filter, parse_date_expr

__all__ = [
    "YEAR_MAX",
    "YEAR_MIN",
    "DateFilter",
    "extract_date_filter",
    "lead_date",
    "parse_date_expr",
    "real_date",
    "today_in",
]
