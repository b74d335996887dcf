"""`python -m retrieval eval FILE…`: question sets → figures, measured through the bot's own query path.

What is asked:

    question files (JSON Lines)  `{"question", "answer", "date"}` lines are asked as the bot asks
                                 them, `Archive.search(question, k=10)` (parsing, literal boost,
                                 evidence rule, per-article cap). A hit counts only when it comes
                                 from the question's own article (its date or issue date is the
                                 line's `date`, when it has one) and the answer, spaces removed,
                                 is in its excerpt. `{"lookup", "expect_titles_containing"}`
                                 lines check date lookups.
    literal recall               random 2-8 character archive strings typed as queries: the share
                                 whose passage is in the top 10.
    CMRC 2018 (`--cmrc PATH`)    each file's contexts become a temporary archive (one JSON Lines
                                 article per context, ingested like any CMS export) and its
                                 questions are asked the same way; a hit counts when it comes from
                                 the question's own context and holds one of its answers.
    pages (`--pages DIR`)        each page of a folder split by the real readers and scored
                                 against its `NAME.gold.json` (`retrieval/ingest/gold.py`).

Every figure stands beside the same question set answered by other systems, on the same units:

    ours, real path      `Archive.search`: what a user is shown
    ours, ranking alone  `archive.index.top(archive.tokenizer.tokens(q), 10)`: the same index
                         without the evidence rule or the per-article cap
    baseline, passages   rank-bm25's `BM25Okapi` over plain `jieba.lcut` tokens of the archive's
                         own passages (its "excerpt" is the whole passage)
    baseline, windows    the same over 200-character windows of each article's text
Both baselines add the title's tokens to every unit, as our index does, so passages against
windows shows what cutting does, and ours against the baseline on passages what ranking does.

Values: `Case` (a question and what makes a result right) → `Ranking` (a system's top 10, as
`Shown` results, or why it had none) → `Figures` (one row of a table).
"""

from __future__ import annotations

import json
import logging
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

import numpy as np

from retrieval.archive import Archive
from retrieval.errors import ArchiveError, CorpusFormatError
from retrieval.index import has_literal_codes
from retrieval.settings import Settings
from retrieval.tokenize import without_spaces
from retrieval.types import Progress

T = TypeVar("T")
DEPTH = 10  # results asked for, as the bot asks
RANKS = (1, 3, 10)
WINDOW = 200  # characters per baseline window
MISS_DEPTH = 3  # question files list every question not answered in the top 3
# CMRC contexts are undated Wikipedia text, but an article needs a date. Questions that name a
# year (`1990年…`) get a date filter that matches nothing here; `Archive.search` then retries on
# the whole archive, as it does for any filter that finds nothing, so the fixed date costs nothing.
CMRC_DATE = date(2000, 1, 1)
TITLES_NOTE = "titles: added to every baseline unit, as our index adds them to every passage"


def _no_progress(desc: str) -> Progress:
    def wrap(items: list[T], /) -> Iterable[T]:
        return items

    return wrap


ProgressFactory = Callable[[str], Progress]


# -- values -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    """One question and what makes a result right: one of `answers` (spaces removed) in what
    it shows, and the result from the question's own article: the one numbered `article_id`
    (CMRC) or one dated `day` (question files); `None` accepts any."""

    question: str
    answers: tuple[str, ...]
    label: str  # the answer as written, for miss lines
    where: str  # `file:line`, for miss lines
    day: date | None = None
    article_id: int | None = None


@dataclass(frozen=True)
class Shown:
    """One result as it is judged: the article it comes from and the text it shows."""

    article_id: int
    days: tuple[date, ...]  # event date and issue date
    text: str

    def own(self, case: Case) -> bool:
        if case.article_id is not None and self.article_id != case.article_id:
            return False
        return case.day is None or case.day in self.days

    def holds(self, case: Case) -> bool:
        text = without_spaces(self.text)
        return any(a in text for a in case.answers)


@dataclass(frozen=True)
class Ranking:
    """A system's answer to one case: its top results, best first; empty when it found nothing
    or refused (then `error` says why: `QueryError: …`, or `unexpected KeyError: …`)."""

    shown: tuple[Shown, ...]
    error: str = ""

    def rank(self, case: Case) -> int | None:
        """The rank (from 1) of the first result from the case's own article holding an answer."""
        return next((i for i, s in enumerate(self.shown, 1) if s.own(case) and s.holds(case)), None)

    @property
    def reason(self) -> str:
        """Why there is no result: the error's type, or `zero hits`."""
        return self.error.split(":", 1)[0] if self.error else "zero hits"


@dataclass(frozen=True)
class Figures:
    """One row of a table: a system's ranks over a question set (None: not in the top 10)."""

    system: str
    units: int  # passages or windows it ranked
    ranks: tuple[int | None, ...]
    empty: int  # questions with no result at all (refused, failed or zero hits)

    @classmethod
    def of(cls, system: str, units: int, cases: Sequence[Case], rankings: Sequence[Ranking]) -> Figures:
        ranks = tuple(r.rank(c) for c, r in zip(cases, rankings, strict=True))
        return cls(system, units, ranks, sum(1 for r in rankings if not r.shown))

    @property
    def questions(self) -> int:
        return len(self.ranks)

    def found(self, k: int) -> int:
        return sum(1 for r in self.ranks if r is not None and r <= k)

    def share(self, k: int) -> float:
        return self.found(k) / self.questions if self.ranks else 0.0

    @property
    def mrr(self) -> float:
        """Mean reciprocal rank at 10: a question answered first counts 1, at rank 4 a quarter."""
        return sum(1 / r for r in self.ranks if r is not None and r <= DEPTH) / self.questions if self.ranks else 0.0

    @property
    def no_result(self) -> float:
        return self.empty / self.questions if self.ranks else 0.0


@dataclass(frozen=True)
class Lookup:
    """A date-lookup line: the expression and words that the titles listed must contain."""

    expr: str
    expect: tuple[str, ...]
    where: str


@dataclass(frozen=True)
class CmrcQuestion:
    question: str
    answers: tuple[str, ...]


@dataclass(frozen=True)
class CmrcContext:
    """One CMRC paragraph: it becomes one article; its questions' gold passage is this one."""

    key: str  # CMRC's id (`DEV_0`), stored as the article's url to find it again
    title: str
    text: str
    questions: tuple[CmrcQuestion, ...]


# -- the systems ------------------------------------------------------------------------
def _days(day: date, issue_day: date | None) -> tuple[date, ...]:
    return (day, issue_day) if issue_day and issue_day != day else (day,)


def through_search(
    archive: Archive, cases: Sequence[Case], progress: Progress
) -> tuple[list[Ranking], list[Ranking]]:
    """Each case asked through `Archive.search(question, k=10)`, judged twice from the same
    hits: on their excerpts (what the bot shows) and on their whole passages."""
    by_excerpt: list[Ranking] = []
    by_passage: list[Ranking] = []
    for case in progress(list(cases)):
        try:
            hits = archive.search(case.question, k=DEPTH).hits
        except ArchiveError as exc:
            error = f"{type(exc).__name__}: {exc}"
            by_excerpt.append(Ranking((), error))
            by_passage.append(Ranking((), error))
            continue
        except Exception as exc:  # a measurement names the question that broke search and goes on
            error = f"unexpected {type(exc).__name__}: {exc}"
            by_excerpt.append(Ranking((), error))
            by_passage.append(Ranking((), error))
            continue
        by_excerpt.append(Ranking(tuple(Shown(h.article_id, _days(h.date, h.issue_date), h.excerpt) for h in hits)))
        by_passage.append(Ranking(tuple(Shown(h.article_id, _days(h.date, h.issue_date), h.passage) for h in hits)))
    return by_excerpt, by_passage


def through_index(archive: Archive, cases: Sequence[Case], progress: Progress) -> list[Ranking]:
    """Each case ranked by the index alone: the tokenizer's tokens, BM25 top 10, no evidence
    rule, no per-article cap, no date filter; judged on whole passages."""
    index, tokenizer = archive.index, archive.tokenizer
    out: list[Ranking] = []
    for case in progress(list(cases)):
        rows = [index.passage(d) for d, _ in index.top(tokenizer.tokens(case.question), DEPTH)]
        out.append(Ranking(tuple(Shown(r.article_id, _days(r.day, r.issue_day), r.text) for r in rows)))
    return out


class Baseline:
    """The naive retriever every figure is set beside: rank-bm25's `BM25Okapi` (k1 1.5, b 0.75,
    epsilon 0.25) over plain `jieba.lcut` tokens of each unit's title and text. Its results are
    the top 10 units holding a query token, score descending, then unit order; a unit is shown
    whole. (It imports jieba itself on purpose: it is not our tokenizer.)"""

    def __init__(self, units: Sequence[Shown], titles: Sequence[str]) -> None:
        import jieba
        from rank_bm25 import BM25Okapi

        jieba.setLogLevel(logging.WARNING)  # (its dictionary's loading is logged at DEBUG otherwise)
        self._cut: Callable[[str], list[str]] = jieba.lcut
        cut_titles = {t: self._cut(t) for t in set(titles)}
        docs = [cut_titles[t] + self._cut(u.text) for u, t in zip(units, titles, strict=True)]
        self.units = list(units)
        self._bm25 = BM25Okapi(docs) if docs else None
        holders: dict[str, list[int]] = {}
        for d, doc in enumerate(docs):
            for token in set(doc):
                holders.setdefault(token, []).append(d)
        self._holders = {t: np.asarray(ds, dtype=np.int64) for t, ds in holders.items()}

    @property
    def size(self) -> int:
        return len(self.units)

    def top(self, question: str) -> list[int]:
        """The unit numbers of the top 10 (BM25Okapi's scores, ties by unit number)."""
        tokens = self._cut(question)
        held = [self._holders[t] for t in dict.fromkeys(tokens) if t in self._holders]
        if not held or self._bm25 is None:
            return []
        candidates = np.unique(np.concatenate(held))
        scores = np.asarray(self._bm25.get_scores(tokens))[candidates]
        order = np.lexsort((candidates, -scores))[:DEPTH]
        return [int(d) for d in candidates[order]]

    def rank(self, cases: Sequence[Case], progress: Progress) -> list[Ranking]:
        return [Ranking(tuple(self.units[d] for d in self.top(c.question))) for c in progress(list(cases))]


def passage_units(archive: Archive) -> tuple[list[Shown], list[str]]:
    """The archive's own passages (what our index ranks) with their titles."""
    units: list[Shown] = []
    titles: list[str] = []
    for row in archive.passages():
        units.append(Shown(row.article_id, _days(row.day, row.issue_day), row.text))
        titles.append(row.headline)
    return units, titles


def window_units(archive: Archive) -> tuple[list[Shown], list[str]]:
    """200-character windows of each article's text, with the article's title."""
    units: list[Shown] = []
    titles: list[str] = []
    for a in archive.articles():
        for start in range(0, len(a.text), WINDOW):
            units.append(Shown(a.id, _days(a.date, a.issue_date), a.text[start : start + WINDOW]))
            titles.append(a.headline)
    return units, titles


@dataclass(frozen=True)
class Baselines:
    passages: Baseline
    windows: Baseline

    @classmethod
    def of(cls, archive: Archive) -> Baselines:
        return cls(Baseline(*passage_units(archive)), Baseline(*window_units(archive)))


@dataclass(frozen=True)
class Measured:
    """A question set answered by every system: the table's rows and what miss lines need."""

    rows: tuple[Figures, ...]
    by_excerpt: tuple[Ranking, ...]
    by_passage: tuple[Ranking, ...]


@contextmanager
def _timed(label: str) -> Iterator[None]:
    sys.stdout.flush()  # the figures printed so far come before the timing, also in a shared log
    t0 = time.perf_counter()
    yield
    print(f"  [{label}: {time.perf_counter() - t0:.1f} s]", file=sys.stderr, flush=True)


def measure(
    archive: Archive, cases: Sequence[Case], baselines: Baselines, progress: ProgressFactory, name: str
) -> Measured:
    """Every system on the same cases; timings go to stderr."""
    with _timed(f"{name}: Archive.search, {len(cases)} questions"):
        by_excerpt, by_passage = through_search(archive, cases, progress("Archive.search"))
    with _timed(f"{name}: index.top"):
        alone = through_index(archive, cases, progress("index.top"))
    with _timed(f"{name}: baseline on passages ({baselines.passages.size})"):
        base_passages = baselines.passages.rank(cases, progress("baseline passages"))
    with _timed(f"{name}: baseline on windows ({baselines.windows.size})"):
        base_windows = baselines.windows.rank(cases, progress("baseline windows"))
    size = archive.index.size
    rows = (
        Figures.of("ours: Archive.search, answer in excerpt", size, cases, by_excerpt),
        Figures.of("ours: Archive.search, answer in passage", size, cases, by_passage),
        Figures.of("ours: ranking alone (index.top, no evidence rule/cap)", size, cases, alone),
        Figures.of("baseline: BM25Okapi on our passages (excerpt = passage)", baselines.passages.size, cases,
                   base_passages),
        Figures.of(f"baseline: BM25Okapi on {WINDOW}-char windows (excerpt = window)", baselines.windows.size,
                   cases, base_windows),
    )
    return Measured(rows, tuple(by_excerpt), tuple(by_passage))


# -- question files ---------------------------------------------------------------------
def read_question_file(path: Path) -> tuple[list[Case], list[Lookup]]:
    """A question file's cases and date lookups (blank lines skipped)."""
    cases: list[Case] = []
    lookups: list[Lookup] = []
    for line_no, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{line_no}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusFormatError(f"{where}: not valid JSON ({exc.msg})") from exc
        if "lookup" in obj:
            lookups.append(Lookup(str(obj["lookup"]), tuple(obj["expect_titles_containing"]), where))
            continue
        answer = obj["answer"]
        written = [str(a) for a in answer] if isinstance(answer, list) else [str(answer)]
        try:
            day = date.fromisoformat(str(obj["date"])[:10]) if obj.get("date") else None
        except ValueError as exc:
            raise CorpusFormatError(f"{where}: `date` {obj['date']!r} is not a real date (YYYY-MM-DD)") from exc
        answers = tuple(a for a in (without_spaces(w) for w in written) if a)
        cases.append(Case(str(obj["question"]), answers, " / ".join(written), where, day=day))
    return cases, lookups


def check_lookups(archive: Archive, lookups: Sequence[Lookup]) -> tuple[int, list[str]]:
    """(lookups passed, failure lines)."""
    ok = 0
    failures: list[str] = []
    for lk in lookups:
        try:
            titles = [a.title for a in archive.by_date(lk.expr).articles]
        except ArchiveError as exc:
            titles = []
            failures.append(f"{lk.where} lookup {lk.expr}: {exc}")
        missing = [f for f in lk.expect if not any(f in t for t in titles)]
        if missing:
            failures.append(f"{lk.where} lookup {lk.expr}: missing {missing}")
        else:
            ok += 1
    return ok, failures


def _why(case: Case, by_excerpt: Ranking, by_passage: Ranking) -> str | None:
    """Why the real path did not answer `case` in the top 3 (None: it did)."""
    rank = by_excerpt.rank(case)
    if rank is not None and rank <= MISS_DEPTH:
        return None
    if rank is not None:
        return f"at rank {rank}, not in the top {MISS_DEPTH}"
    if not by_excerpt.shown:
        return "no result"
    other = next((i for i, s in enumerate(by_excerpt.shown, 1) if s.holds(case)), None)
    if other is not None:
        day = "/".join(d.isoformat() for d in by_excerpt.shown[other - 1].days)
        return f"in the excerpt at rank {other}, but from another article ({day})"
    where = by_passage.rank(case)
    if where is not None:
        return f"in passage at rank {where} but not in its excerpt"
    return f"not in the top {DEPTH}"


def _misses(cases: Sequence[Case], m: Measured) -> list[str]:
    out: list[str] = []
    for case, ex, ps in zip(cases, m.by_excerpt, m.by_passage, strict=True):
        if ex.error:
            out.append(f"{case.where} {case.question}: {ex.error}")
        elif why := _why(case, ex, ps):
            out.append(f"{case.where} {case.question} → {case.label}: {why}")
    return out


def _reasons(rankings: Sequence[Ranking]) -> str:
    counts = Counter(r.reason for r in rankings if not r.shown)
    return ", ".join(f"{why} {n}" for why, n in counts.most_common()) or "none"


def _table(rows: Sequence[Figures], unit: str) -> None:
    print(f"{'system':<60} {'questions':>9} {unit:>8} {'@1':>6} {'@3':>6} {'@10':>6} {'MRR@10':>7} {'no result':>9}")
    for f in rows:
        print(
            f"{f.system:<60} {f.questions:>9} {f.units:>8} {f.share(1):>6.3f} {f.share(3):>6.3f} "
            f"{f.share(10):>6.3f} {f.mrr:>7.3f} {f.no_result:>9.3f}"
        )


def report_question_file(archive: Archive, path: Path, baselines: Callable[[], Baselines],
                         progress: ProgressFactory) -> None:
    """Print one question file's figures: the old lines first (other tools parse them), then
    the table, then every question not answered in the top 3."""
    cases, lookups = read_question_file(path)
    ok, failures = check_lookups(archive, lookups)
    measured = measure(archive, cases, baselines(), progress, path.name) if cases else None
    print(f"== {path}")
    if measured is not None:
        n, real = len(cases), measured.rows[0]
        r1, r3 = real.found(1), real.found(3)
        print(f"questions            {n}")
        print(f"answer in excerpt @1 {r1}/{n} = {r1 / n:.3f}")
        print(f"answer in excerpt @3 {r3}/{n} = {r3 / n:.3f}")
    if lookups:
        print(f"date lookups         {ok}/{len(lookups)}")
    if measured is not None:
        print(f"-- answer in excerpt @1/@3/@{DEPTH}, MRR@{DEPTH}, share with no result (refused, failed or zero hits):")
        print("   a hit counts only from the question's own article (its date or issue date is the question's")
        print("   `date`) and with the answer in what it shows; baseline: rank-bm25 BM25Okapi over plain jieba.lcut;")
        print(f"   {TITLES_NOTE}")
        _table(measured.rows, "units")
        print(f"   no result, by reason (ours: Archive.search): {_reasons(measured.by_excerpt)}")
        failures += _misses(cases, measured)
    for f in failures:
        print(f"  miss: {f}")


# -- literal recall -----------------------------------------------------------------------
def literal_recall(archive: Archive, samples: int, seed: int) -> tuple[int, int, float, list[str]]:
    """(asked, found in top 10, mean seconds per query, misses)."""
    rng = random.Random(seed)
    rows = list(archive.passages())
    tokenizer = archive.tokenizer
    asked = found = 0
    misses: list[str] = []
    elapsed = 0.0
    attempts = 0
    while asked < samples and attempts < samples * 20 and rows:
        attempts += 1
        row = rng.choice(rows)
        text = without_spaces(row.text)
        size = rng.randint(2, 8)
        if len(text) <= size:
            continue
        start = rng.randrange(0, len(text) - size)
        needle = text[start : start + size]
        if not has_literal_codes(tokenizer.fold(needle)):
            continue
        containing = [r.id for r in rows if needle in without_spaces(r.text)]
        if len(containing) > 10:
            continue
        asked += 1
        t0 = time.perf_counter()
        try:
            hits = archive.search(needle, k=10).hits
        except ArchiveError:
            hits = []
        elapsed += time.perf_counter() - t0
        if any(h.passage_id in containing for h in hits):
            found += 1
        else:
            misses.append(needle)
    return asked, found, (elapsed / asked if asked else 0.0), misses


# -- CMRC 2018 ----------------------------------------------------------------------------
def cmrc_files(path: Path) -> list[Path]:
    """A file as given; in a folder each split (dev, trial) on its own, the SQuAD-style copies
    when the folder holds both layouts."""
    if not path.is_dir():
        return [path]
    found = sorted(path.rglob("*.json"))
    squad = [f for f in found if "squad" in f.as_posix()]
    if not (squad or found):
        raise CorpusFormatError(f"{path}: no CMRC 2018 JSON files (cmrc2018_dev.json, cmrc2018_trial.json) in it")
    return squad or found


def read_cmrc(path: Path) -> list[CmrcContext]:
    """A CMRC 2018 file in its SQuAD layout (`{"data": [{"title", "paragraphs": [{"id",
    "context", "qas"}]}]}`) or its original one (`[{"context_id", "title", "context_text",
    "qas": [{"query_text", "answers"}]}]`)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusFormatError(f"{path}: not a readable CMRC 2018 JSON file ({exc})") from exc
    out: list[CmrcContext] = []
    try:
        if isinstance(data, dict):
            for art in data["data"]:
                for n, para in enumerate(art["paragraphs"]):
                    qs = tuple(
                        CmrcQuestion(qa["question"], tuple(dict.fromkeys(a["text"] for a in qa["answers"])))
                        for qa in para["qas"]
                    )
                    key = str(para.get("id") or f"{art.get('id', art.get('title'))}#{n}")
                    out.append(CmrcContext(key, str(art.get("title") or ""), para["context"], qs))
        else:
            for para in data:
                qs = tuple(CmrcQuestion(qa["query_text"], tuple(dict.fromkeys(qa["answers"]))) for qa in para["qas"])
                out.append(CmrcContext(str(para["context_id"]), str(para.get("title") or ""), para["context_text"], qs))
    except (KeyError, TypeError) as exc:
        raise CorpusFormatError(f"{path}: not in CMRC 2018's SQuAD or original layout (no {exc})") from exc
    return out


@contextmanager
def cmrc_archive(
    contexts: Sequence[CmrcContext], like: Archive, name: str = "CMRC"
) -> Iterator[tuple[Archive, dict[str, int]]]:
    """A temporary archive (SQLite, index and corpus in a temporary folder) whose articles are
    the contexts, written as a JSON Lines export and ingested as any other; with the article
    id of each context key."""
    with tempfile.TemporaryDirectory(prefix="cmrc-") as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        corpus.mkdir()
        lines = [
            json.dumps(
                {"title": c.title or c.key, "date": CMRC_DATE.isoformat(), "text": c.text, "url": f"cmrc:{c.key}"},
                ensure_ascii=False,
            )
            for c in contexts
            if c.text.strip()
        ]
        (corpus / "cmrc.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
        settings = Settings(  # type: ignore[call-arg]  # a developer's .env must not move these
            _env_file=None,
            database_url=f"sqlite:///{root / 'cmrc.db'}",
            corpus_dir=corpus,
            index_dir=root / "index",
            default_paper="CMRC 2018",
            timezone=like.timezone,
        )
        archive = Archive.open(settings)
        try:
            with _timed(f"{name}: ingest {len(lines)} contexts"):
                report = archive.ingest([corpus])
            failed = [f"{f.path}: {f.reason}" for f in report.files if f.status == "failed"]
            if failed:
                raise CorpusFormatError(f"CMRC contexts could not be ingested: {'; '.join(failed)}")
            ids = {a.url.removeprefix("cmrc:"): a.id for a in archive.articles() if a.url}
            yield archive, ids
        finally:
            archive.close()


def cmrc_cases(contexts: Sequence[CmrcContext], ids: dict[str, int], where: str) -> list[Case]:
    cases = []
    for c in contexts:
        for n, q in enumerate(c.questions):
            answers = tuple(a for a in (without_spaces(t) for t in q.answers) if a)
            if c.key in ids and answers and q.question.strip():
                cases.append(Case(q.question, answers, " / ".join(q.answers), f"{where}:{c.key}#{n}",
                                  article_id=ids[c.key]))
    return cases


def report_cmrc(path: Path, like: Archive, progress: ProgressFactory) -> None:
    """One CMRC file through a temporary archive: its table, and every question the real path
    failed on with an unexpected exception."""
    contexts = read_cmrc(path)
    with cmrc_archive(contexts, like, path.name) as (archive, ids):
        cases = cmrc_cases(contexts, ids, path.name)
        with _timed(f"{path.name}: baselines built"):
            baselines = Baselines.of(archive)
        m = measure(archive, cases, baselines, progress, path.name)
        passages = archive.index.size
    real_excerpt, real_passage, *others = m.rows
    print(f"== CMRC 2018 {path.stem} ({path}): share of questions whose top-k results from their own context "
          "hold an answer")
    print(f"   {len(cases)} questions, {len(ids)} contexts (one article each, dated {CMRC_DATE}), {passages} passages;")
    print("   a hit counts only from the question's own context (its article); no result: refused, failed or")
    print("   zero hits; baseline: rank-bm25 BM25Okapi over plain jieba.lcut;")
    print(f"   {TITLES_NOTE}")
    rows = [real_passage, real_excerpt, *others]
    _table(rows, "passages")
    print(f"   no result, by reason (ours: Archive.search): {_reasons(m.by_excerpt)}")
    for case, r in zip(cases, m.by_excerpt, strict=True):
        if r.error.startswith("unexpected"):
            print(f"  miss: {case.where} {case.question}: {r.error}")


# -- the command --------------------------------------------------------------------------
def run_eval(
    archive: Archive,
    files: Sequence[Path],
    literal: int,
    cmrc_path: Path | None = None,
    seed: int = 7,
    progress: ProgressFactory | None = None,
    pages: Sequence[Path] = (),
) -> int:
    """Print every measurement asked for; the exit code (0)."""
    bar = progress or _no_progress
    built: list[Baselines] = []

    def baselines() -> Baselines:  # built once, and only when a file has questions
        if not built:
            with _timed("baselines built"):
                built.append(Baselines.of(archive))
        return built[0]

    for path in files:
        report_question_file(archive, path, baselines, bar)
    if literal:
        asked, found, mean, misses = literal_recall(archive, literal, seed)
        print("== literal recall (random archive substrings, 2-8 chars, ≤10 passages each)")
        print(f"queries              {asked}")
        print(f"found in top 10      {found}/{asked} = {found / asked if asked else 0:.3f}")
        print(f"mean search time     {mean * 1000:.1f} ms")
        if misses:
            print(f"  misses (first 10): {misses[:10]}")
    if cmrc_path:
        for path in cmrc_files(cmrc_path):
            report_cmrc(path, archive, bar)
    if pages:
        from retrieval.ingest.gold import report

        report(pages, archive.default_paper)
    return 0
