"""The only module that imports jieba: text → search tokens.

jieba keeps global state, logs on import and pays ~1 s to load its dictionary, so
the project owns one `jieba.Tokenizer` instance per `Tokenizer`, with its cache file
pinned under the index folder and the archive's own words added once.

Tokens are made from NFKC, simplified-Chinese, lower-case text (a query typed in
繁體 finds the archive's simplified text). Stop words never reach the index: BM25Okapi
gives a token in more than half the passages a floor weight that grows with the
archive, so 的 would outweigh real words in a large one.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import jieba
import opencc

jieba.setLogLevel(logging.WARNING)

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
_KEEP = re.compile(r"[\w\u4e00-\u9fff]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


class Tokenizer:
    """jieba (HMM off, so the same string always cuts the same way) plus the archive's words."""

    def __init__(self, user_words: Iterable[str] = (), cache_dir: Path | None = None) -> None:
        self._jieba = jieba.Tokenizer()
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            self._jieba.tmp_dir = str(cache_dir)
        self._jieba.initialize()
        self._converter = opencc.OpenCC("t2s")
        self._lock = threading.Lock()
        self.user_words: list[str] = []
        self.add_words(user_words)

    def add_words(self, words: Iterable[str]) -> None:
        with self._lock:
            for word in words:
                word = self.normalize(word).strip()
                if len(word) >= 2 and " " not in word:
                    self._jieba.add_word(word, freq=max(self._jieba.suggest_freq(word, tune=False), 10))
                    self.user_words.append(word)

    def normalize(self, text: str) -> str:
        """NFKC (full-width digits/letters → ASCII), traditional → simplified, lower case.
        Length-preserving for CJK text, so offsets into the normalized text are offsets
        into the original."""
        text = unicodedata.normalize("NFKC", text)
        return str(self._converter.convert(text)).lower()

    def tokens(self, text: str) -> list[str]:
        """Search tokens: jieba's search mode (words and their sub-words), minus stop words,
        punctuation and whitespace."""
        norm = self.normalize(text)
        return [t for t in self._jieba.cut_for_search(norm, HMM=False) if _is_token(t)]

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, token) of every token in `text`, for highlighting."""
        norm = self.normalize(text)
        if len(norm) != len(text):  # NFKC changed the length (ligatures): fall back to no offsets
            norm = text.lower()
        return [(s, e, w) for w, s, e in self._jieba.tokenize(norm, mode="search", HMM=False) if _is_token(w)]


def _is_token(token: str) -> bool:
    token = token.strip()
    return bool(token) and token not in STOP_WORDS and bool(_KEEP.search(token)) and not token.isspace()


def char_bigrams(text: str) -> set[str]:
    """Overlapping CJK character pairs: the literal-recall index, which does not care
    how jieba cut a word (`处理` inside `待处理`, two characters of a name)."""
    grams: set[str] = set()
    for run in re.findall(r"[\u4e00-\u9fff]+|[a-z0-9]+", text):
        grams.update(run)  # single characters too: a query may hold just one
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
