"""index/stored.py: strings packed one by one against a trained dictionary read back exactly,
from memory and from disk, on every thread; small fields stay plain UTF-8."""

from __future__ import annotations

import random
import threading
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.index import files
from retrieval.index.stored import MIN_TRAIN, TRAIN, Packer, Strings

_PHRASES = ["拱墅区", "运河", "新闻联播", "习近平", "高质量发展", "记者", "报道", "2024年", "，", "。", "的", "在", "和",
            "Hangzhou", "📰", "\u3000", "（", "）", "\n"]


def _texts(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choices(_PHRASES, k=rng.randint(0, 60))) for _ in range(n)]


def _saved(tmp: Path, strings: Strings) -> Strings:
    files._save_strings(strings, tmp, "texts")
    return files._load_strings(tmp, "texts")


def test_a_large_field_is_packed_and_reads_back(tmp_path: Path) -> None:
    values = _texts(random.Random(1), TRAIN + 500)
    values[7] = ""  # an empty string, and one the dictionary never saw
    values[-1] = "完全不同的内容：" + "丽" * 3000 + "\x00"
    strings = Strings.build(values)
    assert strings.packer.dictionary is not None
    plain = sum(len(v.encode("utf-8")) for v in values)
    assert len(strings.blob) < 0.6 * plain  # phrasing the dictionary knows takes far less
    loaded = _saved(tmp_path, strings)
    assert [loaded[i] for i in range(len(values))] == values
    assert len(loaded) == len(values)


def test_a_small_field_stays_plain(tmp_path: Path) -> None:
    values = _texts(random.Random(2), MIN_TRAIN - 1)
    strings = Strings.build(values)
    assert strings.packer.dictionary is None
    assert bytes(strings.blob) == "".join(values).encode("utf-8")
    loaded = _saved(tmp_path, strings)
    assert [loaded[i] for i in range(len(values))] == values


def test_every_thread_reads_the_same_strings(tmp_path: Path) -> None:
    """Decompressors are per thread: many threads reading at once get exact strings."""
    values = _texts(random.Random(3), TRAIN)
    loaded = _saved(tmp_path, Strings.build(values))
    errors: list[int] = []

    def read(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(3000):
            i = rng.randrange(len(values))
            if loaded[i] != values[i]:
                errors.append(i)

    threads = [threading.Thread(target=read, args=(s,)) for s in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


_SAMPLE = [t.encode("utf-8") for t in _texts(random.Random(4), MIN_TRAIN * 2)]
_TRAINED = Packer.train(_SAMPLE)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_string_round_trips_through_a_trained_packer(text: str) -> None:
    assert _TRAINED.dictionary is not None
    raw = text.encode("utf-8", "surrogatepass")
    [packed] = _TRAINED.pack([raw])
    assert _TRAINED.unpack(packed) == raw


def test_samples_zstd_cannot_learn_from_give_plain_strings() -> None:
    """Empty strings only (an archive of headline-less passages): no dictionary, plain."""
    packer = Packer.train([b""] * (MIN_TRAIN + 10))
    assert packer.dictionary is None
    assert packer.pack([b"abc"]) == [b"abc"] and packer.unpack(b"abc") == b"abc"
