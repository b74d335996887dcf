"""Editors' uploads: pages sent to the bot become files of the corpus, with an undo.

    files (pdf / txt / a zip of them), caption ─▶ unpack (zip members, limits) ─▶ staging
        folder with a manifest line per file (the caption's date and paper)
    ─▶ read each staged file as the ingest would (no database): a file no page of which reads
       (broken, password-protected, a scan, no date) is refused with the reader's reason
    ─▶ the accepted files move to `corpus/uploads/<issue date>/`, what they replace is kept
       in `undo_dir/<token>/` ─▶ `Archive.ingest` of those files ─▶ `Upload`

`undo(token)` puts every replaced file back, deletes the files the upload added and the
issues they made, and ingests again: the archive is as before the upload. Nothing of the
upload is stored if every file is refused.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import secrets
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from retrieval.dates import real_date
from retrieval.errors import CorpusFormatError
from retrieval.ingest.discover import MANIFEST, discover, identity
from retrieval.ingest.lines import paper_name
from retrieval.ingest.pipeline import read
from retrieval.ingest.readers import READERS
from retrieval.types import IngestReport, IssueRecord

UPLOADS = "uploads"  # the folder of the corpus that editors' uploads go to
SUFFIXES = (".pdf", ".txt")
MAX_MEMBERS = 400  # files in one zip
MAX_UNPACKED = 400 * 2**20  # bytes of all a zip's members together (a zip bomb is refused)
_DATE = re.compile(r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?|(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,40}$")


@dataclass(frozen=True)
class Sent:
    """One file as the editor sent it."""

    name: str
    data: bytes


@dataclass
class Upload:
    """What an upload did: the ingest of the accepted files, the files refused (name, why),
    and the token that undoes it (None when nothing was stored)."""

    report: IngestReport
    refused: list[tuple[str, str]] = field(default_factory=list)
    token: str | None = None
    issue_date: date | None = None
    paper: str = ""


def caption_meta(caption: str | None, default_paper: str) -> tuple[date | None, str, str | None]:
    """(issue date, paper, problem) from an upload's caption: `2024-06-14`, `2024年6月14日`,
    `20240614`, optionally with the paper's name as mastheads print it (`南岭日报 2024-09-20`;
    other words are ignored). An impossible date is a problem to report, not a date."""
    text = (caption or "").strip()
    m = _DATE.search(text)
    if not m:
        return None, default_paper, None
    y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
    when = real_date(int(y), int(mo), int(d))
    words = re.split(r"[\s，,:：]+", text[: m.start()] + " " + text[m.end() :])
    paper = next((w for w in words if w == default_paper or paper_name(w)), default_paper)
    if when is None:
        return None, paper, f"说明里的日期 {m.group(0)} 不存在"
    return when, paper, None


def _safe_name(name: str) -> str:
    """A file name without folders or characters a file system refuses."""
    base = PurePosixPath(name.replace("\\", "/")).name
    base = re.sub(r"[\x00-\x1f<>:\"|?*]", "_", base).strip(". ")
    return base[:120] or "page"


def _member_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name: UTF-8 when the zip says so, else as Windows' Chinese zip tools
    write it (GBK bytes that Python read as CP437)."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def unpack(files: Iterable[Sent]) -> tuple[list[Sent], list[tuple[str, str]]]:
    """The page files of an upload (a zip's members in its place) and what was refused."""
    out: list[Sent] = []
    refused: list[tuple[str, str]] = []
    for f in files:
        suffix = Path(f.name).suffix.lower()
        if suffix == ".zip":
            try:
                with zipfile.ZipFile(io.BytesIO(f.data)) as z:
                    members = [i for i in z.infolist() if not i.is_dir()]
                    if len(members) > MAX_MEMBERS or sum(i.file_size for i in members) > MAX_UNPACKED:
                        refused.append((f.name, f"压缩包太大（{len(members)} 个文件）；请按期分开上传"))
                        continue
                    for info in members:
                        name = _member_name(info)
                        if Path(name).suffix.lower() in SUFFIXES and not PurePosixPath(name).name.startswith("."):
                            out.append(Sent(_safe_name(name), z.read(info)))
                        elif not name.endswith("/"):
                            refused.append((f"{f.name}/{name}", "不是版面文件（只收 PDF 或 .txt）"))
            except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError) as exc:
                refused.append((f.name, f"压缩包无法打开（{type(exc).__name__}）；可能已损坏或有密码"))
        elif suffix in SUFFIXES:
            out.append(Sent(_safe_name(f.name), f.data))
        else:
            refused.append((f.name, "不是版面文件：请发送 PDF、.txt 或它们的 zip 压缩包"))
    return out, refused


def _write_manifest(folder: Path, rows: dict[str, tuple[str, date | None]]) -> None:
    """The folder's manifest.csv with these files' lines set (other lines kept)."""
    path = folder / MANIFEST
    lines = _read_rows(path)
    for name, (paper, when) in rows.items():
        lines[name] = [name, paper, when.isoformat() if when else "", ""]
    _save_rows(path, lines)


def accept(
    files: Iterable[Sent],
    corpus: Path,
    undo_dir: Path,
    paper: str,
    issue_date: date | None,
    ingest: Callable[[list[Path]], IngestReport],
) -> Upload:
    """Stage, check, store and ingest an upload (see the module's docstring)."""
    pages, refused = unpack(files)
    undo_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=undo_dir, prefix=".staging-") as tmp:
        staging = Path(tmp)
        names: dict[str, Sent] = {}
        for p in pages:
            name = p.name
            k = 2
            while name in names:  # two files of one name in one upload: both are kept
                name = f"{Path(p.name).stem}-{k}{Path(p.name).suffix}"
                k += 1
            names[name] = p
            (staging / name).write_bytes(p.data)
        if names:
            _write_manifest(staging, {n: (paper, issue_date) for n in names})
        dated: dict[str, date] = {}
        good: set[str] = set()
        for path, record in read(discover([staging], READERS.keys()), paper):
            name = path.name if path.name in names else path.name.split(" ", 1)[0]
            if isinstance(record, IssueRecord):
                good.add(name)
                if record.issue_date is not None:
                    dated.setdefault(name, record.issue_date)
            elif name not in good:
                # No server paths in what the editor reads, and the file is named once.
                refused.append((name, str(record).replace(f"{staging}/", "").removeprefix(f"{name}: ")))
        refused = [(n, why) for n, why in refused if n not in good]
        if not good:
            return Upload(IngestReport(), refused, None, issue_date, paper)
        when = issue_date or min(dated.values(), default=None)
        folder = corpus / UPLOADS / (when.isoformat() if when else "undated")
        folder.mkdir(parents=True, exist_ok=True)
        token = secrets.token_urlsafe(12)
        keep = undo_dir / token
        keep.mkdir()
        entries: list[dict[str, str | None]] = []
        targets = [*sorted(good), MANIFEST]
        for name in targets:
            target = folder / name
            backup = None
            if target.exists():
                backup = f"{len(entries)}_{name}"
                shutil.copy2(target, keep / backup)
            written = hashlib.sha256((staging / name).read_bytes()).hexdigest() if name != MANIFEST else None
            entries.append({"path": identity(target, corpus), "backup": backup, "written": written})
        (keep / "undo.json").write_text(json.dumps({"entries": entries}, ensure_ascii=False), encoding="utf-8")
        for name in sorted(good):
            shutil.move(str(staging / name), folder / name)
        _write_manifest(folder, {n: (paper, issue_date or dated.get(n)) for n in sorted(good)})
    report = ingest([folder / n for n in sorted(good)])
    return Upload(report, refused, token, when, paper)


def undo(
    token: str,
    corpus: Path,
    undo_dir: Path,
    remove: Callable[[str], int],
    ingest: Callable[[list[Path]], IngestReport],
) -> tuple[int, int, IngestReport]:
    """Undo the upload `token` names: (files restored, files removed, the ingest of the
    restored files). CorpusFormatError when the token is unknown or already used."""
    keep = undo_dir / token
    if not _TOKEN.match(token) or not (keep / "undo.json").exists():
        raise CorpusFormatError("这次上传已经撤销过了，或撤销记录已不存在")
    entries = json.loads((keep / "undo.json").read_text(encoding="utf-8"))["entries"]
    pages = [e for e in entries if Path(str(e["path"])).name != MANIFEST]
    for e in pages:  # a later upload replaced one of these pages: undo that one first
        target = corpus / str(e["path"])
        if target.exists() and e.get("written") and hashlib.sha256(target.read_bytes()).hexdigest() != e["written"]:
            raise CorpusFormatError(f"{target.name} 在这次上传之后又被更新过：请先撤销后来的那次上传")
    restored: list[Path] = []
    removed = 0
    for e in pages:
        target = corpus / str(e["path"])
        if e["backup"]:
            shutil.copy2(keep / str(e["backup"]), target)
            restored.append(target)
        else:
            target.unlink(missing_ok=True)
            removed += remove(str(e["path"]))
    for e in entries:
        if Path(str(e["path"])).name == MANIFEST:
            old = keep / str(e["backup"]) if e["backup"] else None
            _restore_lines(corpus / str(e["path"]), old, {Path(str(p["path"])).name for p in pages})
    shutil.rmtree(keep)
    report = ingest(restored) if restored else IngestReport()
    return len(restored), removed, report


def _read_rows(path: Path) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    if path.exists():
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("file"):
                    rows[row["file"]] = [row["file"], row.get("paper") or "", row.get("issue_date") or "", row.get("page") or ""]
    return rows


def _restore_lines(manifest: Path, old: Path | None, names: set[str]) -> None:
    """The manifest's lines for `names` as they were before the upload (gone if there were
    none), every other line (a later upload's) kept."""
    now, before = _read_rows(manifest), _read_rows(old) if old is not None else {}
    for name in names:
        if name in before:
            now[name] = before[name]
        else:
            now.pop(name, None)
    if now:
        _save_rows(manifest, now)
    else:
        manifest.unlink(missing_ok=True)


def _save_rows(path: Path, rows: dict[str, list[str]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["file", "paper", "issue_date", "page"])
    w.writerows(rows.values())
    path.write_text(buf.getvalue(), encoding="utf-8")
