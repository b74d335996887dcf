"""The button grammar in one codec: what a button's callback_data says, and what a saved
result page holds.

callback_data (at most 64 bytes; a client may send anything, so `decode` accepts any
string and returns None for what it does not understand):

    p:<token>:<page>   a page of saved results (the token names a `PageState` in the store)
    a:<article id>     the whole article
    d:<date>           the articles of a date (as `/date` would list them)
    o:<article id>     the printed page (the e-paper PDF) the article comes from
    r:<article id>     the article's related coverage (相关报道)
    u:<token>          undo an editor's upload (admins)
    q:<token>          a saved search (a trend chart's period) as a new message
    x:<subscription>   remove one of the chat's subscriptions (/subs)

A `PageState` is saved under a random token as a small JSON payload (`{"k": "s", "q": …}`);
the keys are kept as they are so the tokens of results shown before an upgrade still work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["search", "date", "latest", "today"]
_KIND_KEYS: dict[Kind, str] = {"search": "s", "date": "d", "latest": "l", "today": "t"}
_KEY_KINDS: dict[str, Kind] = {v: k for k, v in _KIND_KEYS.items()}


@dataclass(frozen=True)
class PageButton:
    token: str
    page: int


@dataclass(frozen=True)
class ArticleButton:
    article_id: int


@dataclass(frozen=True)
class DateButton:
    date: str  # a date expression, e.g. 2024-06-14


@dataclass(frozen=True)
class OriginalButton:
    article_id: int


@dataclass(frozen=True)
class RelatedButton:
    article_id: int


@dataclass(frozen=True)
class UndoButton:
    token: str  # `retrieval.uploads` names the upload's undo record with it


@dataclass(frozen=True)
class QueryButton:
    token: str  # names a saved `PageState`, shown from its first page in a new message


@dataclass(frozen=True)
class UnsubscribeButton:
    subscription_id: int


Callback = (
    PageButton | ArticleButton | DateButton | OriginalButton | RelatedButton | UndoButton | QueryButton
    | UnsubscribeButton
)


def encode(button: Callback) -> str:
    match button:
        case PageButton(token, page):
            return f"p:{token}:{page}"
        case ArticleButton(article_id):
            return f"a:{article_id}"
        case DateButton(day):
            return f"d:{day}"
        case OriginalButton(article_id):
            return f"o:{article_id}"
        case RelatedButton(article_id):
            return f"r:{article_id}"
        case UndoButton(token):
            return f"u:{token}"
        case QueryButton(token):
            return f"q:{token}"
        case UnsubscribeButton(subscription_id):
            return f"x:{subscription_id}"


def decode(data: str) -> Callback | None:
    """The button that sent `data`, or None when it is malformed (any string may arrive)."""
    kind, _, rest = data.partition(":")
    if kind == "p":
        token, _, page = rest.rpartition(":")
        if token and page.isascii() and page.isdigit():
            return PageButton(token, int(page))
    elif kind == "a" and rest.isascii() and rest.isdigit():
        return ArticleButton(int(rest))
    elif kind == "d" and rest:
        return DateButton(rest)
    elif kind == "o" and rest.isascii() and rest.isdigit():
        return OriginalButton(int(rest))
    elif kind == "r" and rest.isascii() and rest.isdigit():
        return RelatedButton(int(rest))
    elif kind == "u" and rest:
        return UndoButton(rest)
    elif kind == "q" and rest:
        return QueryButton(rest)
    elif kind == "x" and rest.isascii() and rest.isdigit():
        return UnsubscribeButton(int(rest))
    return None


@dataclass(frozen=True)
class PageState:
    """What a result page shows: a search (`query` is the question), a date's articles
    (`query` is the date expression), the latest issue, or this day in past years."""

    kind: Kind
    query: str = ""

    def to_payload(self) -> dict[str, object]:
        payload: dict[str, object] = {"k": _KIND_KEYS[self.kind]}
        if self.kind == "search":
            payload["q"] = self.query
        elif self.kind == "date":
            payload["e"] = self.query
        return payload

    @classmethod
    def from_payload(cls, payload: dict[str, object]) -> PageState | None:
        kind = _KEY_KINDS.get(str(payload.get("k")))
        if kind is None:
            return None
        if kind == "search":
            return cls(kind, str(payload.get("q", "")))
        if kind == "date":
            return cls(kind, str(payload.get("e", "")))
        return cls(kind)
