"""Where a word is printed: every article that holds it verbatim, with how often.

    index.literal_candidates(word) ─▶ verify each passage's folded text ─▶ [Mention]

The trend chart (`retrieval.trend`) and the people lookup (`retrieval.people`) count with
this, so a word counts the same way in both and the same way search's literal check finds
it: folded (NFKC, traditional → simplified, lower case), spaces ignored, in the body or in
the headline (a headline counts once per article, as a reader sees it once).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from retrieval.errors import QueryError
from retrieval.index import SearchIndex
from retrieval.index.literal import has_literal_codes
from retrieval.tokenize import Tokenizer, without_spaces
from retrieval.types import PassageRow

MAX_WORD = 20  # characters: a word or a name, not a sentence


@dataclass(frozen=True)
class Mention:
    """One article that prints the word: `count` times in its body, plus one when its
    headline does."""

    article_id: int
    paper: str
    issue_date: date
    day: date  # the article's event date
    title: str  # the whole headline
    count: int
    passages: tuple[int, ...]  # the index's passage numbers holding it (to read around it)


def word_of(text: str, tokenizer: Tokenizer) -> str:
    """The folded, space-free form of a word to count; QueryError (Chinese) when it cannot be
    counted: empty, a single character, too long, or nothing but punctuation."""
    word = without_spaces(tokenizer.fold(text.strip().strip("\"'“”‘’「」『』")))
    if not word or not has_literal_codes(word):
        raise QueryError(f"“{text.strip()[:MAX_WORD]}”里没有可统计的字词。请给一个词，例如：亚运会")
    if len(word) < 2:
        raise QueryError(f"“{word}”只有一个字，统计出来没有意义。请给至少两个字的词。")
    if len(word) > MAX_WORD:
        raise QueryError(f"词太长（{len(word)}字）：请给一个不超过{MAX_WORD}字的词或名字。")
    return word


def find_mentions(index: SearchIndex, tokenizer: Tokenizer, word: str) -> list[Mention]:
    """Every article printing `word` (already folded by `word_of`), in passage order."""
    rows: dict[int, PassageRow] = {}
    body: dict[int, int] = {}
    head: dict[int, bool] = {}
    docs: dict[int, list[int]] = {}
    for doc in index.literal_candidates(word).tolist():
        row = index.passage(doc)
        n = without_spaces(tokenizer.fold(row.text)).count(word)
        titled = word in without_spaces(tokenizer.fold(row.headline))
        if not n and not titled:
            continue
        a = row.article_id
        rows.setdefault(a, row)
        body[a] = body.get(a, 0) + n
        head[a] = head.get(a, False) or titled
        docs.setdefault(a, []).append(doc)
    return [
        Mention(
            article_id=a, paper=row.paper, issue_date=row.issue_day or row.day, day=row.day,
            title=row.headline, count=body[a] + (1 if head[a] else 0),
            passages=tuple(docs[a]),
        )
        for a, row in rows.items()
    ]
