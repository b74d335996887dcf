"""index/files.py: a saved index is checked (sizes, CRC-32) before it is trusted; any damage
means a rebuild from the database, never a crash or a wrong answer."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from retrieval import Archive
from retrieval.errors import IndexCorrupt
from retrieval.index import files
from tests.helpers.settings import NOW, make_settings

QUERIES = ["招商大会签约了多少项目", "杭叉科创园", "李志龙 走访 企业", '"半山基地"', "2024年6月 委员会"]


def _answers(archive: Archive) -> list[list[tuple[int, int, str]]]:
    return [[(h.article_id, h.passage_id, h.excerpt) for h in archive.search(q, k=5).hits] for q in QUERIES]


def _damage(folder: Path, rng: random.Random) -> str:
    """One random kind of damage to one random file of the saved index."""
    target = rng.choice(sorted(f for f in folder.iterdir() if f.is_file()))
    data = target.read_bytes()
    kind = rng.choice(["truncate", "delete", "flip", "append", "zero"])
    if kind == "truncate":
        target.write_bytes(data[: rng.randrange(0, max(1, len(data)))])
    elif kind == "delete":
        target.unlink()
    elif kind == "flip" and data:
        at = rng.randrange(len(data))
        target.write_bytes(data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :])
    elif kind == "append":
        target.write_bytes(data + b"\x00garbage")
    else:
        target.write_bytes(b"\x00" * len(data))
    return f"{kind} {target.name}"


@pytest.fixture(scope="module")
def clean_answers(tmp_path_factory: pytest.TempPathFactory) -> list[list[tuple[int, int, str]]]:
    archive = Archive.open(make_settings(tmp_path_factory.mktemp("clean")), now=lambda: NOW)
    archive.ingest()
    answers = _answers(archive)
    archive.close()
    return answers


def test_any_damage_to_the_saved_index_means_a_rebuild_not_a_crash(
    tmp_path: Path, clean_answers: list[list[tuple[int, int, str]]]
) -> None:
    settings = make_settings(tmp_path)
    first = Archive.open(settings, now=lambda: NOW)
    first.ingest()
    first.close()
    rng = random.Random(31)
    for _ in range(8):
        what = _damage(settings.index_dir, rng)
        archive = Archive.open(settings, now=lambda: NOW)  # the header still matches the database
        assert _answers(archive) == clean_answers, what
        assert archive.last_index_mode == "rebuild", what
        archive.close()


def test_a_running_archive_notices_files_changed_under_it(
    tmp_path: Path, clean_answers: list[list[tuple[int, int, str]]]
) -> None:
    settings = make_settings(tmp_path)
    archive = Archive.open(settings, now=lambda: NOW)
    archive.ingest()
    assert not archive.ensure_fresh()
    victim = settings.index_dir / "article_ids.npy"
    victim.write_bytes(victim.read_bytes()[:64])  # truncated under the mapping
    assert archive.ensure_fresh()  # rebuilt before any search touched the mapping
    assert _answers(archive) == clean_answers
    assert not archive.ensure_fresh()
    archive.close()


def test_verify_names_what_is_wrong(tmp_path: Path) -> None:
    archive = Archive.open(make_settings(tmp_path), now=lambda: NOW)
    archive.ingest()
    folder = tmp_path / "index"
    header = files.read_header(folder)
    files.verify(folder, header)
    (folder / "pages.npy").write_bytes((folder / "pages.npy").read_bytes()[:-1] + b"\x01")
    with pytest.raises(IndexCorrupt, match=r"pages\.npy"):
        files.verify(folder, header)
    (folder / "header.json").write_text("{not json", "utf-8")
    assert files.read_header(folder) == {}
    archive.close()


def test_verify_reads_only_files_written_since_the_index_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening a large index must not read it whole: files whose modification time is the
    one recorded when the index was written are trusted; a file written since is read."""
    archive = Archive.open(make_settings(tmp_path), now=lambda: NOW)
    archive.ingest()
    folder = tmp_path / "index"
    header = files.read_header(folder)
    read: list[str] = []
    real = files._crc
    monkeypatch.setattr(files, "_crc", lambda path: read.append(path.name) or real(path))
    files.verify(folder, header)
    assert read == []
    victim = folder / "pages.npy"
    victim.write_bytes(victim.read_bytes())  # the same bytes, written again
    files.verify(folder, header)
    assert read == ["pages.npy"]
    archive.close()
