"""What one line (or one paragraph) of a newspaper page is, from its words alone.

Every recogniser here is about the forms Chinese papers share, not about one paper:
- page furniture: mastheads (`人民日报 RENMIN RIBAO`, the paper's name, issue numbers,
  农历, weather), folio lines (`2024年6月14日 星期五 第2版 要闻`), editor lines (`本版责编：…`,
  `责任编辑`, `校对`, `图片编辑`), URLs, hotlines, QR hints, 导读 boxes, submission notices;
- lead forms that open an article (`本报讯（记者 …）`, `本报X月X日讯`, `本报[地名]X月X日电`,
  `新华社[地名]X月X日电`, `据新华社电`, `中新社…电`, a lead that is only `（记者 … 通讯员 …）`);
- bylines on their own line (`本报记者  何  聪`, `记者 林韬 通讯员 黄朝文`, `□ 周望舒`, `文/许青禾`,
  `本报评论员`, `读者 刘桂芬`), at the end of a paragraph (`（记者 …）`), photo credits (`… 摄`);
- continuation markers (`（下转第4版）`, `（紧转2版）`, `（上接第1版）`).

A line is furniture only when it also reads like furniture (no sentence punctuation, short):
a body sentence that mentions a hotline or an e-mail address stays body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.dates.numerals import numeral

_SP = re.compile(r"\s+")


def squash(text: str) -> str:
    """`text` without any whitespace (extraction puts spaces inside words)."""
    return _SP.sub("", text)


_SENTENCE_MARKS = re.compile(r"[，。；！？,;!?]")
_CN_NUM = "一二三四五六七八九十"
# ── furniture ───────────────────────────────────────────────────────────────────────────
_DATE_ONLY = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")  # a date on a line of its own: a masthead's
_DATE_WEEKDAY = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日(星期|周)[一二三四五六日天]")
_EDITOR = re.compile(
    r"(责任编辑|本版责编|本版编辑|责编|美术编辑|美编|视觉编辑|图片编辑|版式设计|版式|校对|值班编委|值班主任|"
    r"总编辑|编辑|制图|组版|排版|照排|设计)[:：]"
)
_EDITOR_BARE = re.compile(
    r"^(?:(?:责任编辑|本版责编|本版编辑|美术编辑|美编|视觉编辑|图片编辑|版式设计|版式|校对)[\u4e00-\u9fff]{2,4}){1,4}$"
)  # `责任编辑何砚 校对黎小禾` once squashed: roles and names, no colon
_ISSUE_NO = re.compile(
    r"第[\d" + _CN_NUM + r"]+期|总第\d+期|今日\d+版|本期\d+版|第\d+号|[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年"
    r"|农历|门户网站|数字报|电子版|国内统一连续出版物号|邮发代号|广告经营许可证|定价[:：]?\d|社址|机关报|主办|出版"
)
_LINK = re.compile(r"https?://|www\.|[A-Za-z0-9._-]+@[A-Za-z0-9-]+\.[A-Za-z.]+", re.I)
_CONTACT = re.compile(r"(热线|电话|订阅|订购|报料|传真|邮编|投诉|咨询)[:：]?[\d\-－ ]{5,}")
_QR = re.compile(r"扫码|扫一扫|二维码|客户端|公众号|视频号")
_GUIDE = re.compile(r"^(今日|本期|本版|要闻)?导读|^[▶►▷]")
# A contents line points to another page (`● 澄溪河生态廊道全线贯通 3版`, `城市书房增至48家…第5版`).
_CONTENTS = re.compile(r"^[●■◆▶►▷·•★☆]?\s*\S.{1,36}?\s*(?:…+|\.{2,})?\s*(?:第\s*)?[A-Z]?\d{1,2}\s*版$")
_NOTICE = re.compile(r"投稿|来稿|稿件|征稿|一稿多投|来信来稿|版权所有|转载")
_LABEL = re.compile(
    r"^(简讯|快讯|要闻|综合|导读|图片新闻|新闻速递|本版导读|专版|广告|公告|图片|新闻)$"
    r"|^[\u4e00-\u9fff]{1,4}(简讯|快讯|速递|短讯|动态|集锦|一览|播报)$"
)
_NOTICE_HEAD = re.compile(r"^(来稿须知|投稿须知|稿约|征稿启事|本版投稿|读者来信请寄|版权声明)[:：]")
_LATIN_ONLY = re.compile(r"^[A-Z][A-Z .&'·-]{3,}$")
_PAPER_NAME = re.compile(
    r"^[\u4e00-\u9fff]{2,8}(日报|晚报|晨报|时报|商报|周报|区报|县报|市报|报)([A-Za-z .·]+)?$"
)
# A folio's page number stands apart from its section name (`06  经济`, `要闻  3`, `第2版`);
# `860余名老人` is a headline.
_FOLIO_SECTION = re.compile(
    r"^(?:第\s*)?[A-Z]?0?\d{1,2}(?:\s*版)?\s+[\u4e00-\u9fff·]{2,6}$|^[\u4e00-\u9fff·]{2,6}\s+(?:第\s*)?[A-Z]?0?\d{1,2}(?:\s*版)?$"
    r"|^第\s*[A-Z]?\d{1,3}\s*版$"
)
_LATIN_HEAD = re.compile(r"^[A-Z][A-Z.&'·-]+(?:\s+[A-Z][A-Z.&'·-]+)+\b")
_TABLE_CELL = re.compile(r"^[+\-−]?[\d.,%]+$")
_SOURCE_NOTE = re.compile(r"数据来源[:：]|制表[:：]|资料来源[:：]|制图[:：]")
_WEATHER_START = re.compile(r"天气预报|气象台|天气[:：]|^天气$|℃|°C")
_WEATHER_WORDS = re.compile(r"℃|°C|晴|阴|多云|阵雨|雷阵雨|小雨|中雨|大雨|雪|风|雾|霾|夜间|白天|气温|气象|转")


def furniture(text: str, paper: str = "", mid_paragraph: bool = False) -> bool:
    """True when a line is page furniture (masthead, folio, editor line, link, notice …).

    `mid_paragraph`: the line comes while a paragraph is still open. A column of body text
    cut every dozen characters has lines like `1月1日出版的今年第1期《` or `由市委宣传部主办`,
    so there only what no sentence holds counts: an editor line, a Latin-only masthead, a
    row of figures, a dated folio."""
    s = squash(text)
    if not s:
        return False
    if mid_paragraph:
        return bool(
            _EDITOR_BARE.match(s)
            or (_EDITOR.search(s) and not _SENTENCE_MARKS.search(s))
            or _LATIN_ONLY.match(text.strip())
            or table_row(text)
            or (_DATE_WEEKDAY.search(s) and not _SENTENCE_MARKS.search(s) and (_ISSUE_NO.search(s) or len(s) <= 16))
        )
    if paper and s == squash(paper):
        return True
    punctuated = bool(_SENTENCE_MARKS.search(s))
    if _LATIN_ONLY.match(text.strip()) or (_NOTICE_HEAD.match(s) and len(s) <= 120):
        return True
    if _LATIN_HEAD.match(text.strip()) and len(s) <= 40:
        return True  # `CHANGCHUAN BUSINESS DAILY  财经新闻`: a masthead's Latin name
    if table_row(text):
        return True
    if punctuated:
        # A long line with sentences is body text unless it is plainly a page line (a masthead
        # with its date, an editor line): those never carry more than a few commas.
        return bool(len(s) <= 60 and (_DATE_WEEKDAY.search(s) or _EDITOR.search(s)) and s.count("，") <= 1)
    if _DATE_WEEKDAY.search(s) or _EDITOR.search(s) or _EDITOR_BARE.match(s) or _DATE_ONLY.match(s):
        return True
    if len(s) > 60:
        return False
    if _LINK.search(text) or _CONTACT.search(s) or _ISSUE_NO.search(s) or _GUIDE.search(s) or _CONTENTS.match(text.strip()):
        return True
    if len(s) <= 24 and (_QR.search(s) or _NOTICE.search(s)):
        return True
    if _SOURCE_NOTE.search(s):
        return True
    if _LABEL.match(s) or _FOLIO_SECTION.match(text.strip()) or s.isdigit():
        return True
    if _PAPER_NAME.match(s) and len(re.sub(r"[A-Za-z .·]", "", s)) <= 12:
        return True
    return bool(_WEATHER_START.search(s) and len(s) <= 30)


_BOX_HEAD = re.compile(
    r"^(?:(?:今日|本期|本版|要闻)?(?:导读|要目)|[\u4e00-\u9fff]{0,4}天气(?:预报)?|征稿启事|本版征稿|征稿|投稿须知|来稿须知|稿约|版权声明|读者须知)[:：]?$"
)


BULLETS = "●■◆▲▶►▷•·★☆◇○◎□"  # marks that open an item of a list or a contents box


def box_head(text: str) -> bool:
    """The header of a page's box that is furniture line by line (`导 读`, `天 气`, `征稿启事`):
    the short lines under it are the box's, not an article's."""
    return bool(_BOX_HEAD.match(squash(text)))


def paper_name(text: str) -> bool:
    """A newspaper's name as mastheads print it (`南岭日报`, `江澄晚报`, `今日拱墅报`)."""
    return bool(_PAPER_NAME.match(squash(text)))


def table_row(text: str) -> bool:
    """A row of a data box (`长川港务    6.82    +2.10%    3.15`): cells apart by wide gaps,
    two of them numbers, no sentence."""
    cells = [c for c in re.split(r"\s{2,}", text.strip()) if c]
    if len(cells) < 3 or _SENTENCE_MARKS.search(text):
        return False
    return sum(1 for c in cells if _TABLE_CELL.match(c)) >= 2


def weather_line(text: str) -> bool:
    """A line inside a weather box (after `全省天气预报`): short, no sentence, weather words."""
    s = squash(text)
    return len(s) <= 30 and not _SENTENCE_MARKS.search(s) and bool(_WEATHER_WORDS.search(s) or re.search(r"\d+日", s))


# ── leads ───────────────────────────────────────────────────────────────────────────────
AGENCIES = ("本报", "新华社", "中新社", "中新网", "人民网", "新华网", "央视网", "央视新闻", "光明网", "央广网", "中国新闻网",
            "国际在线", "澎湃新闻")
_AGENCY = "(?:" + "|".join(AGENCIES) + ")"
# A lead form glued after a headline on one line (`…大赛落幕 本报讯 记者…`): the space before it.
GLUED_LEAD = re.compile(
    r"(?<=[\u4e00-\u9fff”」》）)])\s+(?=(?:据\s*)?(?:" + "|".join(r"\s*".join(a) for a in AGENCIES) + r")[^，。]{0,14}?[讯电])"
)
_DATELINE = re.compile(
    r"^(?P<all>(?:据)?" + _AGENCY + r"(?P<place>[\u4e00-\u9fff]{0,8}?)"
    r"(?:(?P<m>\d{1,2}|[" + _CN_NUM + r"]+)月(?P<d>\d{1,2}|[" + _CN_NUM + r"]+)日)?(?:电|讯(?!员)|消息))"
)
# One vocabulary of byline roles: `本报` + `全媒体` + `记者`, each part optional but the last, and
# spaces allowed between them (`本报  记者`, `记 者` once squashed is the same pattern).
ROLE_PREFIXES = ("本报", "本刊", "新华社", "中新社", "全媒体", "融媒体", "特约", "见习", "首席", "实习")
_OWNERS = 4  # the first ROLE_PREFIXES say whose reporter (`本报记者`, `新华社记者`), the rest what kind
_ROLE_TITLES = ("摄影记者", "特约撰稿人", "评论员", "通讯员", "实习生", "记者", "摄影")
_ROLE_SPACED = (
    r"(?:(?:" + "|".join(ROLE_PREFIXES[:_OWNERS]) + r")\s*)?(?:(?:" + "|".join(ROLE_PREFIXES[_OWNERS:]) + r")\s*)?"
    r"(?:" + "|".join(_ROLE_TITLES) + ")"
)
ROLES = re.compile(_ROLE_SPACED)
ROLE_SPLIT = re.compile(
    "(" + "|".join(r"\s*".join(w) for w in sorted({*_ROLE_TITLES, *ROLE_PREFIXES}, key=len, reverse=True)) + ")"
)
_BRACKET_BYLINE = re.compile(r"[（(](?P<inner>" + _ROLE_SPACED + r"[^（）()]{0,60})[）)]")
# A byline without brackets after the form (`本报讯 记者罗清扬 通讯员 邵青 近日，…`): roles and
# names up to the lead sentence's first word (a date, `近日`, a comma); matched on squashed
# text, so a name is as long as the sentence after it lets it be.
_BARE_BYLINE = re.compile(
    r"(?P<inner>(?:" + _ROLE_SPACED + r"[\u4e00-\u9fff·]{2,4}?)+?)"
    r"(?=近日|日前|近期|近年来|昨天|昨日|今天|今日|今年|日|连日来|\d|[一二三四五六七八九十]+月|[，,：:]|$)"
)


_REPORTED = re.compile(r"^(?P<inner>(?:" + _ROLE_SPACED + r"[\u4e00-\u9fff·]{2,4}?)+)报道")


@dataclass(frozen=True)
class Lead:
    """How a paragraph opens an article: the lead form's text, the dateline's month/day if
    printed, and where the lead sentence starts (after the form and its bracketed byline)."""

    form: str  # squashed: `本报广州9月5日电`, `本报讯`, `` for a bare （记者 …）
    month: int | None
    day: int | None
    byline: str  # the bracket's inside, as printed (spaces kept: names are rebuilt from them)
    rest: str  # the paragraph after the form and the byline
    bracketed: bool = True  # `本报讯（记者 …）`; False for `本报讯 记者… 近日，…`


def _num(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text)
    value = numeral(text)
    return value if isinstance(value, int) else None


def lead(paragraph: str) -> Lead | None:
    """The lead form at the start of `paragraph`, or None when it opens no article."""
    # Match on the squashed text but cut the original: the byline's spaces tell names apart.
    mapping = [i for i, ch in enumerate(paragraph) if not ch.isspace()]
    s = "".join(paragraph[i] for i in mapping)

    def at(k: int) -> int:  # position in `paragraph` of squashed index k
        return mapping[k] if k < len(mapping) else len(paragraph)

    reported = _REPORTED.match(s)
    if reported and not _NOT_NAME.search(ROLES.sub("", reported.group("inner"))):
        # `记者 沈砚舟 报道 走进…`: a byline that opens the lead sentence
        byline = paragraph[: at(reported.end("inner") - 1) + 1].strip()
        if not paragraph[at(reported.end()) :].strip():
            return None
        rest = paragraph[at(reported.end("inner")) :].strip()  # `报道 …`: the word stays in the text
        return Lead(form="", month=None, day=None, byline=byline, rest=rest, bracketed=False)
    m = _DATELINE.match(s)
    form, month, day, end = "", None, None, 0
    if m:
        form, month, day, end = m.group("all"), _num(m.group("m")), _num(m.group("d")), m.end()
        if (len(m.group("place")) > 6 and not m.group("m")) or re.search("记者|通讯|评论", m.group("place")):
            return None  # `本报…讯` with a long run between is a sentence, not a dateline
    b = _BRACKET_BYLINE.match(s, end)
    byline = ""
    if b:
        byline = paragraph[at(b.start("inner")) : at(b.end("inner") - 1) + 1]
        end = b.end()
    elif not m:
        return None
    elif bare := _BARE_BYLINE.match(s, end):
        byline = paragraph[at(bare.start("inner")) : at(bare.end("inner") - 1) + 1]
        end = bare.end()
        rest = paragraph[at(end) :] if end < len(s) else ""
        return Lead(form=form, month=month, day=day, byline=byline, rest=rest, bracketed=False)
    rest = paragraph[at(end) :] if end < len(s) else ""
    if not m and not rest.strip():
        return None  # a paragraph that is only `（记者 …）` ends an article, it opens none
    return Lead(form=form, month=month, day=day, byline=byline, rest=rest)


# ── continuations ──────────────────────────────────────────────────────────────────────
CONTINUED = re.compile(
    r"[（(]\s*((?:下\s*转|紧\s*转|转)\s*(?:第\s*)?(?:\d+|[" + _CN_NUM + r"]+)\s*版)\s*[)）]"
)
_MARKER = re.compile(r"^(下转|紧转|转|上接|接)第?(\d+|[" + _CN_NUM + r"]+)版$")


def marker(continued: str) -> tuple[bool, int] | None:
    """(forward, page) of a squashed continuation marker: `下转第4版` → (True, 4), `上接1版` →
    (False, 1); None for anything else."""
    m = _MARKER.match(continued)
    page = _num(m.group(2)) if m else None
    return (m.group(1) not in ("上接", "接"), page) if m and page else None


CONTINUES_FROM = re.compile(r"^\s*[（(]\s*((?:上\s*接|接)\s*(?:第\s*)?(?:\d+|[" + _CN_NUM + r"]+)\s*版)\s*[)）]")

# ── bylines ─────────────────────────────────────────────────────────────────────────────
_NAME = r"[\u4e00-\u9fff·](?:\s*[\u4e00-\u9fff·]){1,5}"
END_BYLINE = re.compile(r"[（(]\s*(?P<inner>" + _ROLE_SPACED + r"[^（）()]{1,60})[）)]\s*$")
_BYLINE_LINE = re.compile(r"^(?:" + _ROLE_SPACED + r"\s*(?:" + _NAME + r"\s*)*)+$")
# A signature's marks before the names: `□ 钱一舟`, `文/温书言`, `□ 文/本报记者 黎秋`.
_SIGN_MARK = re.compile(r"^(?:[□■◎○●]\s*)?(?:(?:文/图|文／图)\s*[/／:：]?\s*|(?:文图|撰文|口述|文|图)\s*[/／:：]\s*)?")
_NAMES_ONLY = re.compile(_NAME + r"(?:\s+" + _NAME + r")*")
_READER = re.compile(r"^(?:读者|网友|市民|作者)\s*(?P<names>(?![的之和与是])" + _NAME + r")$")
_PHOTO_CREDIT = re.compile(
    r"(?:^|\s|(?<=[。！？”）]))(?P<credit>(?:" + _ROLE_SPACED + r"\s*)?(?:[\u4e00-\u9fff·](?:\s?[\u4e00-\u9fff·]){1,3}\s*){1,3}摄)\s*$"
)


class _Credit:
    """`… 记者 顾远帆 摄` at the end of a text; only the last characters are looked at, so a
    long line costs nothing."""

    REACH = 32

    def search(self, text: str) -> re.Match[str] | None:
        cut = max(0, len(text) - self.REACH)
        return _PHOTO_CREDIT.search(text, cut)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return _PHOTO_CREDIT.fullmatch(text) if len(text) <= self.REACH else None


PHOTO_CREDIT = _Credit()
END_NOTE = re.compile(r"^\s*[（(][^（）()]{2,80}[）)]\s*$")
SUBHEAD_MARK = re.compile(r"^\s*[■●◆▲★☆◇◎▌▍]")


def _unmark(text: str) -> tuple[bool, str]:
    """(whether a signature's marks were there, the text after them)."""
    m = _SIGN_MARK.match(text)
    return (True, text[m.end() :].strip()) if m and m.end() else (False, text)


def signature(text: str) -> bool:
    """A signature that only ever closes a piece (`读者 刘桂芬`), never opens one."""
    return bool(_READER.match(text.strip()))


def byline_line(text: str) -> bool:
    """A line that is only a byline: roles and names, a signature, `文/…`, `本报评论员`."""
    t = text.strip()
    if len(squash(t)) > 30 or _SENTENCE_MARKS.search(t):
        return False
    if _READER.match(t):
        return True
    marked, t = _unmark(t)
    if marked and _NAMES_ONLY.fullmatch(t) and not ROLES.match(squash(t)):
        return True
    if not (ROLES.match(squash(t)) and _BYLINE_LINE.match(spaced_roles(t))):
        return False
    chunks = [squash(c) for c in ROLE_SPLIT.split(spaced_roles(t)) if c.strip() and not ROLE_SPLIT.fullmatch(c.strip())]
    # Between roles stand names: short, and without the function words a sentence has.
    return all(len(c) <= 8 and not _NOT_NAME.search(c) for c in chunks)


_NOT_NAME = re.compile(r"[的了是在从和与到为对将把被向由于等这那个们也都就要说来去上下中]|手记|观察|述评|调查|札记|来信|连线|视点|专访")


def spaced_roles(text: str) -> str:
    """Role words squashed and set off by spaces (`记 者林韬` → ` 记者 林韬`)."""
    return ROLE_SPLIT.sub(lambda m: f" {squash(m.group(1))} ", text).strip()


def split_names(chunk: str) -> list[str]:
    """Names from the text between two roles, whose spaces are unreliable (`黄 朝文`): runs of
    2-3 characters; fragments shorter than two characters are glued to the next one and a
    four- or six-character run of two names (`林韬郑斌`) is split in half."""
    names: list[str] = []
    buf = ""
    for f in chunk.replace("、", " ").replace("，", " ").split():
        buf += f
        if len(buf) >= 2:
            names.append(buf)
            buf = ""
    if buf:
        if names and len(names[-1]) == 2:
            names[-1] += buf
        else:
            names.append(buf)
    out: list[str] = []
    for n in names:
        if len(n) == 4 and "·" not in n:
            out.extend([n[:2], n[2:]])
        elif len(n) == 6 and "·" not in n:
            out.extend([n[:3], n[3:]])
        else:
            out.append(n)
    return [n for n in out if re.search(r"[\u4e00-\u9fff]", n)]


def names_in(byline: str) -> list[str]:
    """Authors named in a byline (`记者 林韬 通讯员 黄朝文`, `□ 周望舒`, `文/许青禾`, `读者 刘桂芬`)."""
    t = byline.strip()
    reader = _READER.match(t)
    if reader:
        return split_names(reader.group("names"))
    marked, t = _unmark(t)
    if marked and _NAMES_ONLY.fullmatch(t) and not ROLES.match(squash(t)):
        return split_names(t)
    t = re.sub(r"摄\s*$", "", t)
    authors: list[str] = []
    for chunk in ROLE_SPLIT.split(spaced_roles(t)):
        if not chunk.strip() or ROLE_SPLIT.fullmatch(chunk.strip()):
            continue
        authors.extend(a for a in split_names(chunk) if a not in authors)
    return authors
