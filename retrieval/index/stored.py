"""What a hit shows, kept beside the postings, so a search needs no database round trip.

The database stays the source of truth; this copy is rebuilt (or extended) with the index.
Strings live in one UTF-8 blob with offsets, memory-mapped and decoded one at a time, so
only the passages a reply shows are ever turned into Python strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from retrieval.index.days import day_number
from retrieval.types import PassageRow, pack_headline

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]


@dataclass
class Strings:
    """Many strings in one UTF-8 blob with offsets: memory-mapped, read one at a time."""

    blob: npt.NDArray[np.uint8]
    offsets: I64

    @classmethod
    def build(cls, values: Sequence[str]) -> Strings:
        encoded = [v.encode("utf-8") for v in values]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        return cls(np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets)

    def __getitem__(self, i: int) -> str:
        return bytes(self.blob[self.offsets[i] : self.offsets[i + 1]]).decode("utf-8")

    def __len__(self) -> int:
        return len(self.offsets) - 1


@dataclass
class Stored:
    """Per passage: text, title, article id, issue day, page (0: unknown), paper."""

    texts: Strings
    titles: Strings
    article_ids: I64
    issue_days: I32
    pages: I32
    paper_ids: I32
    papers: list[str]

    @classmethod
    def build(cls, rows: Sequence[PassageRow]) -> Stored:
        names = list(dict.fromkeys(r.paper for r in rows))
        index = {p: i for i, p in enumerate(names)}
        return cls(
            Strings.build([r.text for r in rows]),
            Strings.build([pack_headline(r.kicker, r.title, r.subtitle) for r in rows]),
            np.asarray([r.article_id for r in rows], dtype=np.int64),
            np.asarray([day_number(r.issue_day or r.day) for r in rows], dtype=np.int32),
            np.asarray([r.page or 0 for r in rows], dtype=np.int32),
            np.asarray([index[r.paper] for r in rows], dtype=np.int32),
            names,
        )
