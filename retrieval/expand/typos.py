"""Misspelt names and words: 李志隆 → 李志龙, 杭钗 → 杭叉.

A reader types a name by its sound, so the usual slip is a character of the same (or
nearly the same) pinyin. The speller knows the archive's vocabulary (every indexed
token of two to six Han characters) and proposes a word that differs from a string of the
question in one character whose pinyin is the same, or one letter away (cha/chai, zi/zhi).
Which words differ in one place is found through keys with that place blanked out
(`李志*`), built once per index when the first question needs them; pypinyin says how a
character sounds and rapidfuzz how far apart two sounds are.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable

from rapidfuzz.distance import Levenshtein

from retrieval.types import Correction

_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
MIN_WINDOW, MAX_WINDOW = 2, 6


def _plain(syllable: str) -> str:
    """A syllable with the distinctions many speakers blur (and type) dropped: retroflex
    zh/ch/sh, front and back nasal finals, initial n/l."""
    syllable = re.sub(r"^([zcs])h", r"\1", syllable)
    syllable = re.sub(r"ng$", "n", syllable)
    return re.sub(r"^n", "l", syllable)


class Speller:
    def __init__(self, terms: Callable[[], Iterable[str]], df: Callable[[str], int], names: frozenset[str]) -> None:
        self._terms = terms
        self._df = df
        self._names = names
        self._keys: dict[str, list[str]] | None = None
        self._lock = threading.Lock()

    def prepare(self) -> None:
        """Build what the first misspelt question would otherwise wait for: the vocabulary's
        blanked keys and pypinyin's dictionaries (at 1M passages about 0.4 s and 0.5 s, in
        the scale benchmark's questions' profile)."""
        import pypinyin  # noqa: F401  (its dictionaries load on import)

        self._blanked()

    def _blanked(self) -> dict[str, list[str]]:
        with self._lock:
            if self._keys is None:
                keys: defaultdict[str, list[str]] = defaultdict(list)
                for word in self._terms():
                    if _HAN_WORD.match(word):
                        for i in range(len(word)):
                            keys[word[:i] + "*" + word[i + 1 :]].append(word)
                self._keys = dict(keys)
            return self._keys

    def corrections(self, text: str, known: Callable[[str], bool]) -> list[Correction]:
        """Non-overlapping corrections for the strings of `text` (folded) the archive never
        uses (`known(s)` is false), longest first. A string of two characters is corrected
        only to a word of the same sound that the archive names (a person, a company):
        two characters across a word boundary are too easily one off from something."""
        found: list[tuple[int, int, Correction]] = []
        taken: set[int] = set()
        for run in _HAN_RUN.finditer(text):
            chars = run.group()
            for size in range(min(MAX_WINDOW, len(chars)), MIN_WINDOW - 1, -1):
                for i in range(len(chars) - size + 1):
                    span = range(run.start() + i, run.start() + i + size)
                    if taken & set(span):
                        continue
                    window = chars[i : i + size]
                    if known(window):
                        continue
                    best = self._best(window)
                    if best is None or (size == 2 and not (best.same_sound and best.right in self._names)):
                        continue
                    found.append((span.start, span.stop, best))
                    taken |= set(span)
        return [c for _, _, c in sorted(found, key=lambda f: f[0])]

    def _best(self, window: str) -> Correction | None:
        # (imported on first use: its dictionaries took 0.4 s of every start, timed by hand)
        from pypinyin import lazy_pinyin

        keys = self._blanked()
        options: list[tuple[tuple[int, int, int], Correction]] = []
        for i in range(len(window)):
            for word in keys.get(window[:i] + "*" + window[i + 1 :], ()):
                if word == window:
                    continue
                typed, meant = lazy_pinyin(window[i]), lazy_pinyin(word[i])
                distance = Levenshtein.distance(typed[0], meant[0])
                slip = _plain(typed[0]) == _plain(meant[0])  # zhi/zi, shen/sheng, nan/lan
                if not slip and (distance > 1 or min(len(typed[0]), len(meant[0])) < 3):
                    continue  # li/ji are different sounds; cha/chai is a slip
                same = distance == 0
                rank = (int(same), int(word in self._names), self._df(word))
                options.append((rank, Correction(window, word, same)))
        if not options:
            return None
        return max(options, key=lambda o: o[0])[1]
