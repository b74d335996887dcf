"""What a hit shows, kept beside the postings, so a search needs no database round trip.

The database stays the source of truth; this copy is rebuilt (or extended) with the index.
Strings live in one blob with offsets, memory-mapped and decoded one at a time, so only
the passages a reply shows (or a literal check reads) are ever turned into Python strings.

Each string is compressed on its own (`Packer`): Zstandard with a dictionary trained on the
first `TRAIN` strings of the field. A passage is a few hundred bytes, which alone barely
compresses, but against a dictionary of the archive's own phrasing it takes under half of
its UTF-8 (42% on CCTV passages held out of the training sample, measured by hand) and
still decodes alone (~2 µs).
Fewer strings than a dictionary needs (a small archive) are kept as plain UTF-8. An
extension compresses its new strings with the dictionary the index already has.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import zstandard

from retrieval.index.days import day_number
from retrieval.types import PassageRow, pack_headline

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]


TRAIN = 20_000  # strings a dictionary is trained on: the first ones of the field
MIN_TRAIN = 2_000  # fewer than this: no dictionary, plain UTF-8
DICT_BYTES = 112_640  # zstd's default dictionary size
LEVEL = 3
_MAGICLESS = zstandard.FORMAT_ZSTD1_MAGICLESS  # no magic number, checksum or dictionary id: ~9 bytes less a string


class Packer:
    """Compresses and decompresses single strings against one trained dictionary (None:
    plain UTF-8). Decompressors are not thread-safe: each thread gets its own."""

    def __init__(self, dictionary: bytes | None) -> None:
        self.dictionary = dictionary
        self._dict = zstandard.ZstdCompressionDict(dictionary) if dictionary else None
        self._local = threading.local()
        self._compressor: zstandard.ZstdCompressor | None = None

    @classmethod
    def train(cls, sample: Sequence[bytes]) -> Packer:
        """A packer for strings like `sample` (the field's first strings, UTF-8)."""
        if len(sample) < MIN_TRAIN:
            return cls(None)
        try:  # fixed k and d: deterministic, and 6× faster than zstd's parameter search
            trained = zstandard.train_dictionary(DICT_BYTES, list(sample), k=256, d=8, level=LEVEL)
        except zstandard.ZstdError:  # samples too alike or too small to learn from
            return cls(None)
        return cls(trained.as_bytes())

    def pack(self, values: Sequence[bytes]) -> list[bytes]:
        if self._dict is None:
            return list(values)
        if self._compressor is None:
            params = zstandard.ZstdCompressionParameters.from_level(
                LEVEL, format=_MAGICLESS, write_checksum=0, write_dict_id=0, write_content_size=1)
            self._compressor = zstandard.ZstdCompressor(compression_params=params, dict_data=self._dict)
        compress = self._compressor.compress
        return [compress(v) for v in values]

    def unpack(self, raw: bytes) -> bytes:
        if self._dict is None:
            return raw
        d = getattr(self._local, "d", None)
        if d is None:
            d = self._local.d = zstandard.ZstdDecompressor(dict_data=self._dict, format=_MAGICLESS)
        return d.decompress(raw)


PLAIN = Packer(None)


@dataclass
class Strings:
    """Many strings in one blob with offsets, each packed alone (`Packer`): memory-mapped,
    read one at a time."""

    blob: npt.NDArray[np.uint8]
    offsets: I64
    packer: Packer = field(default=PLAIN)

    @classmethod
    def build(cls, values: Sequence[str]) -> Strings:
        encoded = [v.encode("utf-8") for v in values]
        packer = Packer.train(encoded[:TRAIN])
        packed = packer.pack(encoded)
        offsets = np.zeros(len(packed) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in packed], out=offsets[1:])
        return cls(np.frombuffer(b"".join(packed), dtype=np.uint8), offsets, packer)

    def __getitem__(self, i: int) -> str:
        return self.packer.unpack(bytes(self.blob[self.offsets[i] : self.offsets[i + 1]])).decode("utf-8")

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
