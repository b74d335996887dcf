"""`Thesaurus`: what else a question's words may be written as, for one loaded index.

Three sources of expansions (each searched beside the typed form, and shown to the reader):
the editors' synonym file, numbers in the other notation, and short/full forms the archive
teaches itself (a short form printed in an article beside the full form it abbreviates).
And one source of corrections: the speller, for strings the archive never uses.

Pairs are learnt when a question needs them, from the few articles that hold the form
asked about, and remembered for the life of the index: nothing is added to ingest or to
the index files, and a new issue's pairs are found as soon as it is searchable.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from retrieval.expand import abbrev, numbers
from retrieval.expand.synonyms import read_groups
from retrieval.expand.typos import Speller
from retrieval.index.base import SearchIndex
from retrieval.tokenize import Tokenizer, without_spaces
from retrieval.types import Correction, Expansion

MAX_EXPANSIONS = 6
ARTICLES_TO_READ = 20  # articles read to learn one form's pairs
_ASCII_WORD = re.compile(r"[a-z0-9]")
_HAN = re.compile(r"[\u4e00-\u9fff]")

Literal = Callable[[str], Iterable[int]]  # passages holding a string verbatim, ascending, read lazily


class Thesaurus:
    def __init__(self, index: SearchIndex, tokenizer: Tokenizer, synonyms: Path | None = None) -> None:
        self.index = index
        self.tokenizer = tokenizer
        self.synonyms = synonyms
        self._groups: list[tuple[str, ...]] = []
        self._stamp: tuple[int, int] | None = None
        self._pairs: dict[str, list[str]] = {}
        self._lock = threading.Lock()
        # the vocabulary: indexed tokens, those dropped for being everywhere (李志龙 in a
        # small district paper), and the names the archive taught the tokenizer
        self.speller = Speller(
            lambda: itertools.chain(index.terms(), index.common, tokenizer.names), self._frequency, tokenizer.names
        )

    def _frequency(self, word: str) -> int:
        return self.index.size if word in self.index.common else self.index.df(word)

    # -- expansions --------------------------------------------------------------------
    def expansions(self, text: str, literal: Literal) -> list[Expansion]:
        """Expansions of the question text (what is left after dates and quotes)."""
        folded = without_spaces(self.tokenizer.fold(text))
        if not folded:
            return []
        out = self._synonyms(folded) + numbers.variants(folded) + self._abbreviations(folded, literal)
        seen: set[tuple[str, str]] = set()
        unique = []
        for e in out:
            if any(o.source == e.source and o.target != e.target and e.target in o.target for o in out):
                continue  # 深化改革委员会 beside 全面深化改革委员会 says nothing more
            if (e.source, e.target) not in seen:
                seen.add((e.source, e.target))
                unique.append(e)
        return unique[:MAX_EXPANSIONS]

    def _synonym_groups(self) -> list[tuple[str, ...]]:
        """The file's groups, read again when the file changes (editors edit it live)."""
        if self.synonyms is None:
            return []
        try:
            st = self.synonyms.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = (0, 0)
        with self._lock:
            if stamp != self._stamp:
                self._groups = read_groups(self.synonyms, self.tokenizer.fold) if stamp != (0, 0) else []
                self._stamp = stamp
            return self._groups

    def _synonyms(self, text: str) -> list[Expansion]:
        out: list[Expansion] = []
        fold = self.tokenizer.fold
        for group in self._synonym_groups():
            present = [f for f in group if _occurs(fold(f), text)]
            present = [f for f in present if not any(f != o and fold(f) in fold(o) for o in present)]
            for source in present:
                for target in group:
                    if target not in present and fold(source) not in fold(target) and fold(target) not in fold(source):
                        out.append(Expansion(source, target, "synonym"))
        return out

    def _abbreviations(self, text: str, literal: Literal) -> list[Expansion]:
        out: list[Expansion] = []
        learnt: list[Expansion] = []
        for form in self._short_candidates(text):
            learnt += [Expansion(form, full, "abbreviation") for full in self._learn(form, literal, short=True)]
        # 深改委, not its pieces 深改 and 改委 as well
        out += [e for e in learnt if not any(e.source != o.source and e.source in o.source for o in learnt)]
        for full in abbrev.long_forms(text):
            out += [Expansion(full, short, "abbreviation") for short in self._learn(full, literal, short=False)]
        return out

    def _short_candidates(self, text: str) -> list[str]:
        """Strings of the question that may be short forms: runs the tokenizer could only cut
        into single characters (深改委 → 深/改/委), and its own words of three to five
        characters that the archive uses rarely."""
        covered = [False] * len(text)
        words: list[str] = []
        for start, end, word in self.tokenizer.spans(text):
            if end - start >= 2:
                covered[start:end] = [True] * (end - start)
                if 3 <= end - start <= abbrev.MAX_SHORT:
                    words.append(word)
        runs: list[str] = []
        run = ""
        for ch, cov in zip(text, covered, strict=True):
            if not cov and _HAN.match(ch):
                run += ch
            else:
                if 2 <= len(run) <= abbrev.MAX_SHORT:
                    runs.append(run)
                run = ""
        if 2 <= len(run) <= abbrev.MAX_SHORT:
            runs.append(run)
        return list(dict.fromkeys(runs + self._mixed_runs(text) + words))[:4]

    def _mixed_runs(self, text: str) -> list[str]:
        """A single character glued to the word beside it (进博会 cut as 进 + 博会): the
        question's Han strings of two to five characters made of adjacent words, at least
        one of them a single character."""
        cut = []
        reach = 0
        for start, end, _ in sorted(self.tokenizer.spans(text), key=lambda x: (x[0], -(x[1] - x[0]))):
            if start >= reach:  # the longest word at each place
                cut.append((start, end))
                reach = end
        out = []
        for i in range(len(cut)):
            for j in range(i + 1, len(cut)):
                if cut[j][0] != cut[j - 1][1]:
                    break
                piece = text[cut[i][0] : cut[j][1]]
                if len(piece) > abbrev.MAX_SHORT:
                    break
                sizes = {cut[m][1] - cut[m][0] == 1 for m in range(i, j + 1)}
                if sizes == {True, False} and all(_HAN.match(ch) for ch in piece):  # both kinds
                    out.append(piece)
        return out

    def _learn(self, form: str, literal: Literal, short: bool) -> list[str]:
        """The other forms printed with `form` in the articles that hold it: its full forms
        (when `short`) or its short forms. Remembered for the life of the index."""
        key = ("s:" if short else "l:") + form
        with self._lock:
            if key in self._pairs:
                return self._pairs[key]
        counts: Counter[str] = Counter()
        for text in self._articles_holding(form, literal):
            counts.update(self._full_forms(form, text) if short else self._short_forms(form, text))
        found = [f for f, _ in counts.most_common(2)]
        with self._lock:
            self._pairs[key] = found
        return found

    def _full_forms(self, short: str, text: str) -> set[str]:
        out = set()
        for full in abbrev.long_forms(text):
            at = abbrev.abbreviates(short, full, self._starts(full))
            if at is not None:
                out.add(abbrev.widened(full, at, self.tokenizer.words(full), self.tokenizer.names))
        return out

    def _short_forms(self, full: str, text: str) -> set[str]:
        """Windows of `text` outside the full form's own occurrences that abbreviate it; the
        longest at each place. Two-character ones must be printed twice (两 characters that
        happen to begin two of the full form's words are common)."""
        starts = self._starts(full)
        heads = {full[i] for i in starts}
        outside = text.replace(full, "\0")
        found: Counter[str] = Counter()
        for p, ch in enumerate(outside):
            if ch not in heads:
                continue
            for size in range(abbrev.MAX_SHORT, 1, -1):
                window = outside[p : p + size]
                if len(window) == size and abbrev.abbreviates(window, full, starts) is not None:
                    found[window] += 1
                    break
        return {w for w, c in found.items() if len(w) >= 3 or c >= 2}

    def _starts(self, text: str) -> set[int]:
        return {start for start, _, _ in self.tokenizer.spans(text)}

    def _articles_holding(self, form: str, literal: Literal) -> list[str]:
        """The texts (all passages, folded) of the first articles that hold `form`."""
        texts: list[str] = []
        seen: set[int] = set()
        for doc in literal(form):  # ascending: stop at the first few articles
            owner = int(self.index.article_ids(np.asarray([doc], dtype=np.int64))[0])
            if owner in seen:
                continue
            seen.add(owner)
            texts.append(self._article_text(doc, owner))
            if len(texts) >= ARTICLES_TO_READ:
                break
        return texts

    def _article_text(self, doc: int, owner: int) -> str:
        """An article's passages are numbered one after another: read outward from `doc`."""
        lo = hi = doc
        while lo > 0 and int(self.index.article_ids(np.asarray([lo - 1], dtype=np.int64))[0]) == owner:
            lo -= 1
        while hi + 1 < self.index.size and int(self.index.article_ids(np.asarray([hi + 1], dtype=np.int64))[0]) == owner:
            hi += 1
        hi = min(hi, lo + 200)
        parts = [self.index.passage_title(lo)] + [self.index.passage_text(d) for d in range(lo, hi + 1)]
        return without_spaces(self.tokenizer.fold("\n".join(parts)))

    # -- corrections -------------------------------------------------------------------
    def corrections(self, text: str, literal: Literal) -> list[Correction]:
        """Likely misspellings in the question text, each with the archive word meant."""
        folded = without_spaces(self.tokenizer.fold(text))

        def known(s: str) -> bool:
            return self._frequency(s) > 0 or any(True for _ in literal(s))

        return self.speller.corrections(folded, known)


def _occurs(form: str, text: str) -> bool:
    """`form` in `text`; an ASCII form (gdp, ai) only as a whole word, not inside another."""
    at = text.find(form)
    while at >= 0:
        before = text[at - 1 : at]
        after = text[at + len(form) : at + len(form) + 1]
        ascii_form = bool(_ASCII_WORD.match(form[:1]))
        if not ascii_form or not (_ASCII_WORD.match(before or " ") or _ASCII_WORD.match(after or " ")):
            return True
        at = text.find(form, at + 1)
    return False
