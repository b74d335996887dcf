"""Ingest: idempotent, atomic per file, loud about bad files, and nothing lost."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from retrieval import Archive
from retrieval.store import Store, make_engine
from retrieval.store.models import PageToken
from retrieval.types import ArticleRecord, IssueRecord
from tests.helpers.settings import CORPUS, NOW, make_settings


def _corpus_copy(tmp: Path, names: list[str]) -> Path:
    folder = tmp / "corpus"
    folder.mkdir()
    for n in names:
        shutil.copy(CORPUS / n, folder / n)
    shutil.copy(CORPUS / "manifest.csv", folder / "manifest.csv")
    return folder


@pytest.fixture
def fresh(tmp_path: Path) -> Archive:
    folder = _corpus_copy(tmp_path, ["000_dc93311a83d8204f.txt", "002_30cb9bfa44a51e07.txt"])
    return Archive.open(make_settings(tmp_path, corpus_dir=folder), now=lambda: NOW)


def test_ingest_is_idempotent(fresh: Archive) -> None:
    first = fresh.ingest()
    assert first.count("new") == 2 and first.articles == 16
    version = fresh.store.get_meta("version")
    again = fresh.ingest()
    assert again.count("unchanged") == 2 and not again.changed
    assert fresh.store.get_meta("version") == version
    assert fresh.stats().articles == 16


def test_changed_file_replaces_its_articles(fresh: Archive) -> None:
    fresh.ingest()
    page = fresh.corpus_dir / "002_30cb9bfa44a51e07.txt"
    text = page.read_text("utf-8")
    cut = text.index("区委网络安全和信息化委员会会议召开")
    page.write_text(text[:cut], "utf-8")
    report = fresh.ingest()
    assert report.count("replaced") == 1 and report.count("unchanged") == 1
    titles = [a.title for a in fresh.store.articles_between()]
    assert not any("网络安全" in t for t in titles)
    assert len(titles) == len(set(a.id for a in fresh.store.articles_between()))
    gone = fresh.search("网络安全和信息化委员会")  # at most partial matches of other articles
    assert not any("网络安全和信息化委员会" in h.title + h.passage for h in gone.hits), gone.notice


def test_bad_files_are_named_and_the_rest_goes_in(fresh: Archive) -> None:
    fresh.ingest()
    before = fresh.stats().articles
    folder = fresh.corpus_dir
    (folder / "empty_2024-01-05.txt").write_bytes(b"")
    (folder / "binary_2024-01-12.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "nodate.txt").write_text("本报讯（记者 林韬）近日，某事发生。", "utf-8")
    (folder / "gbk_2024-01-19.txt").write_bytes("本报讯（记者 林韬）1月18日上午，拱墅区召开测试会议。".encode("gbk"))
    report = fresh.ingest()
    failed = {f.path.name: f.reason or "" for f in report.files if f.status == "failed"}
    assert set(failed) == {"empty_2024-01-05.txt", "binary_2024-01-12.txt", "nodate.txt"}
    assert "manifest.csv" in failed["nodate.txt"] and "nodate.txt" in failed["nodate.txt"]
    assert any("GB18030" in w for w in report.warnings)
    assert fresh.stats().articles == before + 1  # the GBK page went in, nothing was lost


def test_masthead_disagreement_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    shutil.copy(CORPUS / "002_30cb9bfa44a51e07.txt", folder / "page.txt")
    (folder / "manifest.csv").write_text("file,paper,issue_date\npage.txt,今日拱墅,2024-06-21\n", "utf-8")
    a = Archive.open(make_settings(tmp_path, corpus_dir=folder), now=lambda: NOW)
    report = a.ingest()
    assert any("2024-06-14" in w and "2024-06-21" in w for w in report.warnings)
    assert {x.issue_date.isoformat() for x in a.store.articles_between()} == {"2024-06-21"}


def test_masthead_alone_dates_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    shutil.copy(CORPUS / "002_30cb9bfa44a51e07.txt", folder / "page.txt")
    a = Archive.open(make_settings(tmp_path, corpus_dir=folder), now=lambda: NOW)
    assert a.ingest().count("new") == 1
    assert a.latest_issue().filter.start is not None and a.latest_issue().filter.start.isoformat() == "2024-06-14"


def test_jsonl_import(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "export.jsonl").write_text(
        '{"title": "运河边新开一座图书馆", "date": "2025-05-02", "text": "5月1日，运河图书馆开馆，藏书十万册。", '
        '"authors": "张三、李四", "page": 3, "paper": "测试日报"}\n',
        "utf-8",
    )
    (folder / "bad.jsonl").write_text('{"title": "缺日期", "text": "正文"}\n', "utf-8")
    a = Archive.open(make_settings(tmp_path, corpus_dir=folder), now=lambda: NOW)
    report = a.ingest()
    failed = [f for f in report.files if f.status == "failed"]
    assert len(failed) == 1 and "bad.jsonl:1" in (failed[0].reason or "")
    art = a.store.articles_between()[0]
    assert art.citation() == "张三, 李四. 运河边新开一座图书馆[N]. 测试日报, 2025-05-02(3)."
    assert a.search("运河图书馆藏书").hits[0].article_id == art.id


def test_page_state_round_trip_and_expiry(fresh: Archive) -> None:
    token = fresh.save_state({"q": "招商", "offset": 3})
    assert len(token) <= 16
    assert fresh.load_state(token) == {"q": "招商", "offset": 3}
    assert fresh.load_state("nope") is None
    assert fresh.load_state("x" * 100) is None


def test_processes_sharing_an_index_folder_load_it_rather_than_rebuild(tmp_path: Path) -> None:
    folder = _corpus_copy(tmp_path, ["001_3e1904aefa3dd74a.txt"])
    settings = make_settings(tmp_path, corpus_dir=folder)
    first = Archive.open(settings, now=lambda: NOW)
    first.ingest()
    second = Archive.open(settings, now=lambda: NOW)  # another bot process on the same machine
    assert second.last_index_mode == ""  # found the fresh index on disk: loaded, not rebuilt
    assert second.search("招商大会签约了多少项目").hits
    (folder / "002_30cb9bfa44a51e07.txt").write_bytes((CORPUS / "002_30cb9bfa44a51e07.txt").read_bytes())
    shutil.copy(CORPUS / "manifest.csv", folder / "manifest.csv")
    first.ingest()
    assert second.ensure_fresh() and second.last_index_mode == ""  # reloaded the index first wrote
    assert second.search("区委全面深化改革委员会").hits


def test_calendar_day_lookups_are_selected_by_the_database(archive: Archive) -> None:
    from datetime import date

    on_march_20 = archive.store.articles_on_calendar_day(3, 20, before=date(2026, 1, 1))
    assert {a.date.isoformat() for a in on_march_20} == {"2024-03-20"} and len(on_march_20) == 2
    assert archive.store.articles_on_calendar_day(3, 20, before=date(2024, 3, 20)) == []
    june_14 = archive.by_date("6月14日").articles  # the issue of 2024-06-14 and its reports
    assert len(june_14) == 9 and {a.issue_date.isoformat() for a in june_14} == {"2024-06-14"}
    assert len(archive.by_date("三月").articles) == 12


def test_expired_page_tokens_are_purged(tmp_path: Path) -> None:
    store = Store(make_engine(f"sqlite:///{tmp_path / 'a.db'}"))
    old = [store.save_state({"k": "s", "q": str(i)}) for i in range(300)]
    fresh = store.save_state({"k": "l"})
    with store.sessions.begin() as s:  # age the first 300 past the TTL
        s.execute(update(PageToken).where(PageToken.token.in_(old)).values(created_at=datetime(2000, 1, 1)))
    assert store.purge_states(timedelta(days=30)) == 300
    with store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(PageToken)) == 1
    assert store.load_state(fresh, timedelta(days=30)) == {"k": "l"}


def test_a_file_read_by_other_rules_is_replaced_though_its_bytes_are_the_same(tmp_path: Path) -> None:
    """A rebuilt segmenter must reach the files already stored: same bytes, other rules → read again."""
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    try:
        store = Store(engine)
        day = date(2024, 9, 6)
        issue = IssueRecord(source="p.txt", sha256="ab" * 32, paper="东湖区报", issue_date=day, page=1,
                            articles=[ArticleRecord(title="标题", text="正文。", date=day, issue_date=day,
                                                    passages=["正文。"])], rules="1")
        assert store.replace_issue(issue) == "new"
        assert store.replace_issue(issue) == "unchanged"
        assert store.replace_issue(replace(issue, rules="2")) == "replaced"
        assert store.replace_issue(replace(issue, rules="2")) == "unchanged"
    finally:
        engine.dispose()


def test_nearest_dates_come_from_the_date_indexes(archive: Archive) -> None:
    """The days nearest a date are those a scan of every article's dates would give."""
    every = sorted(set(archive.store.article_dates()) | set(archive.store.issue_dates()))
    for pivot in [every[0] - timedelta(days=400), every[0], every[len(every) // 2] + timedelta(days=1),
                  every[-1] + timedelta(days=30)]:
        want = sorted(sorted(every, key=lambda d: (abs((d - pivot).days), d))[:3])
        assert archive.store.nearest_dates(pivot) == want
    assert archive.store.latest_issue_date() == max(archive.store.issue_dates())


def _signed(source: str, day: date, names: list[list[str]]) -> IssueRecord:
    arts = [ArticleRecord(title=f"标题{i}", text="正文。", date=day, issue_date=day, position=i, authors=n,
                          passages=["正文。"]) for i, n in enumerate(names)]
    return IssueRecord(source=source, sha256=source.encode().hex()[:64].ljust(64, "0"), paper="东湖区报",
                       issue_date=day, page=1, articles=arts, rules="1")


def test_bylines_answer_who_signs_and_what_they_wrote(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        store = Store(engine)
        store.replace_issue(_signed("a.txt", date(2024, 3, 1), [["王蕾", "林韬"], ["王蕾", "王蕾"], []]))
        store.replace_issue(_signed("b.txt", date(2024, 3, 2), [["林韬"], ["王"]]))
        assert store.authors() == sorted({"王蕾", "林韬", "王"})  # each name once
        assert [a.title for a in store.articles_by_author("林韬")] == ["标题0", "标题0"]  # newest first
        assert [a.issue_date.day for a in store.articles_by_author("林韬")] == [2, 1]
        assert [a.title for a in store.articles_by_author("王蕾")] == ["标题0", "标题1"]
        assert store.articles_by_author("王") != store.articles_by_author("王蕾")  # the whole name, not a part
        assert store.articles_by_author("无名氏") == []
        # a file read again replaces its bylines; a removed file takes them along
        store.replace_issue(replace(_signed("a.txt", date(2024, 3, 1), [["周一帆"]]), sha256="cd" * 32))
        assert store.authors() == sorted({"周一帆", "林韬", "王"})
        assert store.remove_source("b.txt") == 1
        assert store.authors() == ["周一帆"]
        assert store.articles_by_author("林韬") == []
    finally:
        engine.dispose()


def test_a_very_long_name_is_kept_as_far_as_the_column_holds(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        store = Store(engine)
        long = "名" * 700
        store.replace_issue(_signed("a.txt", date(2024, 3, 1), [[long, long[:600]]]))
        assert store.authors() == ["名" * 500]
        assert len(store.articles_by_author(long)) == 1
        assert store.articles_between()[0].authors == [long, long[:600]]  # the article keeps its names whole
    finally:
        engine.dispose()


def test_leads_are_each_articles_first_passage(database_url: str) -> None:
    """What the archive's words are harvested from: each article's first passage, in
    order, read in batches (a batch of 2 over five articles), and the passages counted."""
    engine = make_engine(database_url)
    try:
        store = Store(engine)
        day = date(2024, 3, 1)
        arts = [ArticleRecord(title=f"标题{i}", text="", date=day, issue_date=day, position=i,
                              passages=[f"第{i}篇第{j}段。" for j in range(i % 3 + 1)]) for i in range(5)]
        store.replace_issue(IssueRecord(source="a.txt", sha256="ab" * 32, paper="东湖区报", issue_date=day, page=1,
                                        articles=arts, rules="1"))
        assert list(store.leads(batch=2)) == [f"第{i}篇第0段。" for i in range(5)]
        assert store.passage_count() == sum(i % 3 + 1 for i in range(5))
    finally:
        engine.dispose()
