"""`LiteralHits`: the passages that print a string verbatim, checked only as far as asked.

The literal index gives candidates (passages holding every character pair of the string);
each must still be read to know whether it prints the string, and whether in its body or
only in its headline. Callers ask different questions of the same string: is it printed
anywhere (the first hit answers), which passages to boost (all of them, when they are few),
which articles hold it (the first few), which to mask (all). So candidates are checked
lazily, in passage order, and each answer reads no further than it needs. A string with
more than `limit` candidates is too common to check one by one: every candidate counts,
as a body match (the boost then does not apply), and nothing is read at all. Only the
first `limit + 1` candidates are looked up to tell; the whole list only when a caller
asks for it (a quoted phrase's mask).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import numpy.typing as npt

Check = Callable[[int], bool | None]  # passage → True (in its body), False (headline only), None (absent)
Candidates = Callable[[int], npt.NDArray[np.int32]]  # limit (negative: all) → the first candidates, ascending


class LiteralHits:
    def __init__(self, candidates: Candidates, check: Check, limit: int) -> None:
        self._lookup = candidates
        self._first = candidates(limit + 1)
        self.too_common = len(self._first) > limit
        self._candidates = None if self.too_common else self._first
        self._check = check
        self._found: dict[int, bool] = {}
        self._read = 0  # candidates checked so far

    @property
    def candidates(self) -> npt.NDArray[np.int32]:
        """Every candidate, ascending (looked up in full on first use for a common string)."""
        if self._candidates is None:
            self._candidates = self._lookup(-1)
        return self._candidates

    def _more(self) -> Iterator[int]:
        """Check candidates past those read, yielding each hit as it is found."""
        while self._read < len(self.candidates):
            d = int(self.candidates[self._read])
            self._read += 1
            where = self._check(d)
            if where is not None:
                self._found[d] = where
                yield d

    def __iter__(self) -> Iterator[int]:
        """Passages holding the string, ascending."""
        if self.too_common:  # the first ones already looked up, the rest only if asked for
            yield from (int(d) for d in self._first)
            yield from (int(d) for d in self.candidates[len(self._first):])
            return
        yield from list(self._found)
        yield from self._more()

    def __bool__(self) -> bool:
        if self.too_common or self._found:
            return True
        return next(self._more(), None) is not None

    def verified(self) -> dict[int, bool]:
        """{passage: printed in its body} for every hit (a string few enough to check)."""
        for _ in self._more():
            pass
        return dict(self._found)

    def __len__(self) -> int:
        return len(self.candidates) if self.too_common else len(self.verified())

    def docs(self) -> npt.NDArray[np.int64]:
        if self.too_common:
            return self.candidates.astype(np.int64)
        return np.asarray(sorted(self.verified()), dtype=np.int64)
