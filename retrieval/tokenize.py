"""The only module that imports jieba: text → search tokens.

Two engines cut the same way: `rjieba` (the jieba-rs binding, ~20× faster, what ingest
and search use) and `jieba` itself, the reference (a test checks that their tokens
agree on the archive). jieba keeps global state, logs on import and pays ~1 s to load
its dictionary, so it is loaded only when asked for, as its own `jieba.Tokenizer`
instance with its cache file pinned under the index folder. Either engine gets the
archive's own words once, at start-up.

Tokens are made from folded text (`fold`: NFKC, simplified Chinese, lower case) (a query typed in
繁體 finds the archive's simplified text). Stop words never reach the index: BM25Okapi
gives a token in more than half the passages a floor weight that grows with the
archive, so 的 would outweigh real words in a large one.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import unicodedata
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import opencc
import rjieba

if TYPE_CHECKING:
    import jieba
_WHITESPACE = re.compile(r"\s+")
ENGINES = ("rjieba", "jieba")

# Question words (the user asks, the archive does not answer in these words) and
# function words. Single characters that carry meaning in names (李, 张) are kept.
STOP_WORDS = frozenset(
    """
    什么 哪些 哪个 哪里 哪儿 哪 多少 几 几个 谁 吗 呢 吧 啊 呀 么 如何 怎么 怎样 怎么样 为什么 为何
    是否 是不是 有没有 有无 请问 请 告诉 一下 关于 介绍 相关 情况 提到 说 讲 问 我 我们 你 你们 他 她 它 他们
    的 了 和 与 及 以及 或 或者 是 在 有 也 都 就 而 并 对 将 把 被 于 从 向 为 以 等 之 其 这 那 这个 那个
    这些 那些 该 此 个 着 过 给 让 由 又 还 更 最 很 已 已经 到 上 下 中 内 里 后 前 时 日 月 年 号
    第几 排第几 哪几 哪几个 几名 多少名 多少个 一个 一些 之一 吗？ 呢？ 了吗 没有 要 会 能 可以 应该 需要 通过 进行 开展
    """.split()
)
# Words a reader uses to ask about the paper itself, not about a subject: `2025年3月7日发生了
#什么`, `那期头版有哪些文章`, `去年三月的报道`. They stay tokens (a passage may be about 报道),
# but they weigh nothing as evidence, and a question made only of them and a date is a date
# lookup, not a search.
GENERIC_WORDS = frozenset(
    """
    报道 报导 新闻 消息 文章 稿件 稿子 内容 事情 事 事件 大事 要闻 发生 发生了 有 出了 出现
    头版 版面 版 那期 这期 本期 一期 期 那天 当天 这天 当日 报纸 报上 报 刊登 刊发 刊载 登 登了 发表
    写 写了 讲了 说了 篇 条 哪篇 几篇 全部 所有 都有 列出 看看 看 查 查一下 查询 找 搜索
    """.split()
)


def is_generic(token: str) -> bool:
    return token in GENERIC_WORDS


FOLD_CACHE = 8192  # folded texts kept (a few MB)
FOLD_CACHE_CHARS = 4000  # longer texts (whole articles) are folded every time


def _jieba() -> Any:  # (jieba has no type hints)
    """jieba (the reference engine, `/who`'s tagger), imported when first asked for: its
    import took a quarter of a second of every start (timed by hand); quiet as before."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


class Tokenizer:
    """jieba's search mode (HMM off, so the same string always cuts the same way) plus the
    archive's words. Safe to share between threads."""

    def __init__(
        self, user_words: Iterable[str] = (), cache_dir: Path | None = None, engine: str = "rjieba"
    ) -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown tokenizer engine {engine!r}; use one of {ENGINES}")
        self.engine = engine
        self._converter = opencc.OpenCC("t2s")
        self._fold_cached = functools.lru_cache(maxsize=FOLD_CACHE)(self._fold)
        self._lock = threading.Lock()
        self._rjieba: rjieba.Jieba | None = None
        self._jieba: jieba.Tokenizer | None = None
        if engine == "rjieba":
            self._rjieba = rjieba.Jieba()
        else:
            self._jieba = _jieba().Tokenizer()
            if cache_dir is not None:
                cache_dir.mkdir(parents=True, exist_ok=True)
                self._jieba.tmp_dir = str(cache_dir)
            self._jieba.initialize()
        self.user_words: list[str] = []
        self.names: frozenset[str] = frozenset()  # the same words as a set (search's partial matches)
        self.add_words(user_words)

    def add_words(self, words: Iterable[str]) -> None:
        with self._lock:
            for word in words:
                word = self.fold(word).strip()
                if len(word) < 2 or " " in word:
                    continue
                if self._rjieba is not None:
                    self._rjieba.add_word(word, max(self._rjieba.suggest_freq(word), 10), None)
                elif self._jieba is not None:
                    self._jieba.add_word(word, freq=max(self._jieba.suggest_freq(word, tune=False), 10))
                self.user_words.append(word)
            self.names = frozenset(self.user_words)

    def _cut(self, text: str) -> list[str]:
        if self._rjieba is not None:
            return list(self._rjieba.cut_for_search(text, False))
        assert self._jieba is not None
        return list(self._jieba.cut_for_search(text, HMM=False))

    def words(self, text: str) -> list[str]:
        """jieba's default (accurate) cut of already folded text: each character in one word."""
        if self._rjieba is not None:
            return list(self._rjieba.cut(text, False))
        assert self._jieba is not None
        return list(self._jieba.cut(text, HMM=False))

    def _tokenize(self, text: str) -> list[tuple[str, int, int]]:
        if self._rjieba is not None:
            return list(self._rjieba.tokenize(text, "search", False))
        assert self._jieba is not None
        return list(self._jieba.tokenize(text, mode="search", HMM=False))

    def fold(self, text: str) -> str:
        """NFKC (full-width digits/letters → ASCII), traditional → simplified, lower case.
        Length-preserving for CJK text, so offsets into the folded text are offsets
        into the original. A question folds the same passages several times (the literal
        check, the excerpt, the answer sentence) and popular passages recur across
        questions: the last FOLD_CACHE results are kept (a pure function; lru_cache is
        thread-safe)."""
        return self._fold_cached(text) if len(text) <= FOLD_CACHE_CHARS else self._fold(text)

    def _fold(self, text: str) -> str:
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        return str(self._converter.convert(text)).lower()

    def tokens(self, text: str) -> list[str]:
        """Search tokens: jieba's search mode (words and their sub-words), minus stop words,
        punctuation and whitespace."""
        norm = self.fold(text)
        return [t for t in self._cut(norm) if _is_token(t)]

    def raw_tokens(self, normalized: str) -> list[str]:
        """Search-mode tokens of already normalised text, unfiltered (see `is_token`): for
        bulk indexing, which filters each distinct token once."""
        return self._cut(normalized)

    def spans(
        self, text: str, wanted: Collection[str] | None = None, normalized: str | None = None
    ) -> list[tuple[int, int, str]]:
        """(start, end, token) of the tokens in `text` (only those in `wanted`, if given),
        for highlighting. `normalized`: `fold(text)`, when the caller has it already."""
        norm = normalized if normalized is not None else self.fold(text)
        if len(norm) != len(text):  # NFKC changed the length (ligatures): fall back to no offsets
            norm = text.lower()
        if wanted is not None:
            return [(s, e, w) for w, s, e in self._tokenize(norm) if w in wanted]
        return [(s, e, w) for w, s, e in self._tokenize(norm) if _is_token(w)]


def without_spaces(text: str) -> str:
    """`text` with every whitespace character removed: how literal strings are compared
    (the extractor's spaces inside words never count)."""
    return _WHITESPACE.sub("", text)


def is_token(token: str) -> bool:
    """Not a stop word, not whitespace or punctuation."""
    return _is_token(token)


def _is_token(token: str) -> bool:
    token = token.strip()
    return bool(token) and token not in STOP_WORDS and any(ch.isalnum() for ch in token)


_POSSEG = threading.Lock()  # jieba.posseg's default tokenizer loads its dictionary lazily, unsafely


def pos_tags(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) by jieba's tagger (`nr`: a person's name); for `/who`."""
    _jieba()
    import jieba.posseg

    with _POSSEG:
        return [(p.word, p.flag) for p in jieba.posseg.cut(text)]


def in_dictionary(word: str) -> bool:
    """Whether jieba's own dictionary holds `word` (load it first with `pos_tags`)."""
    return bool(_jieba().dt.FREQ.get(word))
