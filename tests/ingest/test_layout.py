"""Any page of any paper: the segmenter on made-up pages of papers it was not written for.

- Every Han character of a page ends up in exactly one place: an article's body, its
  headline fields, its byline, its continuation markers, or the page's furniture list
  (checked on every test page, and on random pages built from the pieces pages are made of).
- The page benchmark's floors: the project's own pages (tests/data/pages), two sets written
  blind by helpers who never saw the code (tests/data/pages_heldout, pages_blind2) and the
  five seeds.
- The recognisers of `retrieval.ingest.lines`, one form at a time.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.ingest import lines as L
from retrieval.ingest.gold import read_pages, score_folder
from retrieval.ingest.repair import han_chars
from retrieval.ingest.segment import Segmented, segment
from retrieval.types import ArticleRecord

DATA = Path(__file__).parent.parent / "data"
FOLDERS = [DATA / "pages", DATA / "pages_heldout", DATA / "pages_blind2", DATA / "seed_pages"]


def _placed(articles: list[ArticleRecord], furniture: list[str]) -> Counter[str]:
    text = "".join(
        a.text
        + ("" if a.title_derived else a.kicker + a.title + a.subtitle)
        + a.byline
        + "".join(a.continued_on)
        for a in articles
    )
    return Counter(han_chars(text + "".join(furniture)))


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_every_han_character_of_a_page_in_exactly_one_place(folder: Path) -> None:
    records = read_pages(folder, "测试报")
    assert records
    for name, record in records.items():
        assert not isinstance(record, str), record
        raw = Counter(han_chars((folder / f"{name}.txt").read_text("utf-8")))
        assert _placed(record.articles, record.furniture) == raw, name


_PIECES = [
    "本报讯（记者 林韬 通讯员 黄朝文）", "新华社北京9月5日电（记者 赵一鸣）", "（记者 梁晓）", "本报记者  王 蕾",
    "□ 周望舒", "文/许青禾", "（下转第4版）", "（上接第1版）", "——同比增长8.6%", "责任编辑：吴敏", "2024年9月6日 星期五",
    "www.example.cn", "新闻热线：0571-88880135", "全省天气预报", "多云 22℃～30℃", "■ 小标题", "9月3日上午，", "近日，",
    "区委书记李志龙出席", "会议强调", "。", "，", "\n", "\n\n", " ", "重\n要\n讲\n话", "\n\n区\n委", "记者 顾远帆 摄", "编辑同志：",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60))
def test_random_pages_lose_and_invent_no_han_character(pieces: list[str]) -> None:
    raw = "".join(pieces)
    seg: Segmented = segment(raw, date(2024, 9, 6))
    assert _placed(seg.articles, seg.furniture) == Counter(han_chars(raw))


def test_own_pages_meet_the_issue_floors() -> None:
    total, _ = score_folder(DATA / "pages", "测试报")
    assert total.found / total.gold >= 0.95
    assert total.headline_exact / total.found >= 0.9
    assert total.leaked == 0


def test_blind_pages_meet_the_hidden_set_aim() -> None:
    """Pages a helper wrote without seeing the code: the aim for unseen papers."""
    total, _ = score_folder(DATA / "pages_heldout", "测试报")
    assert total.found / total.gold >= 0.9
    assert total.headline_exact / total.found >= 0.85


def test_second_blind_set_floor() -> None:
    """A second blind set, written after the first was used for tuning: 21/28 found on its
    first run; the floor keeps what was gained since without pretending it is the aim."""
    total, _ = score_folder(DATA / "pages_blind2", "测试报")
    assert total.found / total.gold >= 0.8
    assert total.headline_exact / total.found >= 0.85


def test_seeds_still_come_out_right() -> None:
    total, _ = score_folder(DATA / "seed_pages", "今日拱墅")
    assert (total.found, total.headline_exact, total.title_exact, total.dates, total.authors) == (total.gold,) * 5
    assert total.fragments == 0 and total.leaked == 0


@pytest.mark.parametrize(
    "line",
    [
        "2024年9月10日 星期二 第5版 城事 责任编辑：方远 校对：杨帆", "本版责编：马 骁", "校对：邓 蕙    图片编辑：苏 暮",
        "RENMIN RIBAO", "华夏日报  HUAXIA DAILY", "江州日报", "第24117号  今日12版", "www.donghunews.cn   新闻热线：0571-88880135",
        "扫码下载“江澄晚报”客户端", "今日导读  ▶3版 东湖区实现村社法律顾问全覆盖", "06  经济", "简  讯", "全省天气预报",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert L.furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "东湖区获评省级全民运动健身模范区", "至邮箱lzp@jiangchengwb.cn，并注明拍摄时间、地点和背后的故事；", "修表铺",
        "区委书记李志龙出席会议并讲话，区长主持。", "秋季文旅消费季将于  中秋前启动",
    ],
)
def test_not_furniture(line: str) -> None:
    assert not L.furniture(line)


@pytest.mark.parametrize(
    ("paragraph", "form", "month", "day", "byline"),
    [
        ("本报讯（记者 林韬 通讯员 黄朝文）3月18日上午，", "本报讯", None, None, "记者 林韬 通讯员 黄朝文"),
        ("本 报 讯（记 者  陈晓岚）9月3日，", "本报讯", None, None, "记 者  陈晓岚"),
        ("本报广州9月5日电（记者 钟朗）9月3日，全省", "本报广州9月5日电", 9, 5, "记者 钟朗"),
        ("本报10月15日讯（全媒体记者 谢 恒）今天上午，", "本报10月15日讯", 10, 15, "全媒体记者 谢 恒"),
        ("新 华社  北 京9月5日 电（记者 赵 一鸣）9月4日，", "新华社北京9月5日电", 9, 5, "记者 赵 一鸣"),
        ("据新华社电 近日，多所高校迎来新生", "据新华社电", None, None, ""),
        ("中新社广州9月5日电(记者 程景然)第五届", "中新社广州9月5日电", 9, 5, "记者 程景然"),
        ("（记 者  梁  晓  通 讯 员  邝敏）9月4日，岭口县", "", None, None, "记 者  梁  晓  通 讯 员  邝敏"),
    ],
)
def test_lead_forms(paragraph: str, form: str, month: int | None, day: int | None, byline: str) -> None:
    found = L.lead(paragraph)
    assert found is not None
    assert (found.form, found.month, found.day, found.byline) == (form, month, day, byline)


@pytest.mark.parametrize(
    "paragraph", ["本报记者  叶知远  通讯员  裘  晴", "（记者 苏 芮 通讯员 韦岚）", "记者从会上获悉，", "报讯记者来了。"]
)
def test_not_leads(paragraph: str) -> None:
    assert L.lead(paragraph) is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("本报记者  王  蕾", ["王蕾"]), ("本报通讯员  柯  蓝  记者  吕小禾", ["柯蓝", "吕小禾"]), ("全媒体记者  周  岚", ["周岚"]),
        ("□ 周望舒", ["周望舒"]), ("文/许青禾", ["许青禾"]), ("读者  刘桂芬", ["刘桂芬"]), ("本报评论员", []),
    ],
)
def test_byline_lines(line: str, names: list[str]) -> None:
    assert L.byline_line(line)
    assert L.names_in(line) == names


@pytest.mark.parametrize("line", ["记者从会上获悉", "记者了解到该中心由县属国企投", "区委书记李志龙"])
def test_body_lines_are_not_bylines(line: str) -> None:
    assert not L.byline_line(line)


def _page(*parts: str) -> str:
    return "\n\n".join(parts)


def test_vertical_columns_read_right_to_left_and_a_kicker_column_stands_apart() -> None:
    """A made-up page: the extractor gives the left column (the main title) first; the right
    column, which ends in a saying verb, is the kicker."""
    vertical = "\n".join("以改革精神破解发展难题") + "\n\n" + "\n".join("市委理论学习中心组专题学习会强调")
    raw = _page("本报讯（记者 张三）10月12日下午，市委理论学习中心组举行专题学习会。会议指出，改革是破解发展难题的关键一招。", vertical)
    [a] = segment(raw, date(2024, 10, 15)).articles
    assert (a.kicker, a.title, a.subtitle) == ("市委理论学习中心组专题学习会强调", "以改革精神破解发展难题", "")


def test_vertical_columns_joined_the_way_the_text_reads() -> None:
    vertical = "\n".join("重要讲话精神") + "\n\n" + "\n".join("区委常委会传达学习总书记")
    raw = _page(vertical, "本报讯（记者 张三）3月15日上午，区委常委会召开会议，传达学习总书记重要讲话精神。")
    [a] = segment(raw, date(2024, 3, 22)).articles
    assert a.title == "区委常委会传达学习总书记重要讲话精神"


def test_headline_parts_kicker_title_subtitle() -> None:
    raw = _page(
        "以旧换新政策持续释放红利", "家电汽车消费“热”起来", "——全市已发放补贴资金2.16亿元",
        "本报讯（全媒体记者 罗嘉怡）记者10月15日从市商务局获悉，全市已发放补贴资金2.16亿元，带动家电、汽车销售。",
    )
    [a] = segment(raw, date(2024, 10, 16)).articles
    assert (a.kicker, a.title, a.subtitle) == ("以旧换新政策持续释放红利", "家电汽车消费“热”起来", "——全市已发放补贴资金2.16亿元")
    assert a.authors == ["罗嘉怡"] and a.date == date(2024, 10, 15)


def test_dateline_date_when_the_lead_names_no_day() -> None:
    raw = "本报10月15日讯（记者 谢恒）今天上午，高新区服务中心揭牌运行。"
    [a] = segment(raw, date(2024, 10, 16)).articles
    assert (a.date, a.date_approximate) == (date(2024, 10, 15), False)


def test_items_without_leads_are_separate_articles() -> None:
    raw = _page(
        "县城第三水厂完成扩容改造", "11月2日，县城第三水厂扩容改造工程通过验收。（记者 应川）",
        "竹编非遗工坊迎来首批研学团", "近日，溪口镇的竹编非遗工坊迎来首批研学团。（通讯员 方苗莘）",
    )
    arts = segment(raw, date(2024, 11, 7)).articles
    assert [(a.title, a.authors) for a in arts] == [
        ("县城第三水厂完成扩容改造", ["应川"]), ("竹编非遗工坊迎来首批研学团", ["方苗莘"]),
    ]
    assert arts[0].date == date(2024, 11, 2) and arts[1].date_approximate


def test_continuation_markers_close_and_open_articles() -> None:
    raw = _page(
        "全省推进会在岭东召开", "本报讯（记者 钟朗）9月19日，全省推进会召开。会议要求，在稳链补链上下功夫，（下  转 第4版）",
        "把项目变成实景图", "本报评论员", "项目是经济发展的牛鼻子。抓住了项目，就抓住了主动权。",
    )
    arts = segment(raw, date(2024, 9, 20)).articles
    assert [a.title for a in arts] == ["全省推进会在岭东召开", "把项目变成实景图"]
    assert arts[0].continued_on == ["下转第4版"] and "下转" not in arts[0].text
    assert arts[1].byline == "本报评论员" and arts[1].authors == []
    [b] = segment("（上接第1版）在强链延链上求突破。", date(2024, 9, 20)).articles
    assert b.continued_on == ["上接第1版"] and b.text == "在强链延链上求突破。"


def test_an_orphan_headline_is_furniture_with_a_warning() -> None:
    raw = _page("本报讯（记者 张三）3月1日，区里召开会议。", "穗禾牌生物有机肥", "订购热线：8866 0000")
    seg = segment(raw, date(2024, 3, 5))
    assert "穗禾牌生物有机肥" in seg.furniture
    assert any("穗禾牌生物有机肥" in w for w in seg.warnings)


def test_masthead_words_inside_a_column_of_body_text_stay_body() -> None:
    """A narrow column cuts `…1月1日出版的今年第1期《求是》…` so that one line looks like a
    masthead (`出版`, `第1期`); inside an open paragraph it is body text."""
    raw = _page("《求是》发表重要文章", "本报讯（记者 张三）近日，2022年", "1月1日出版的今年第1期《", "求是》杂志发表重要文章。")
    [a] = segment(raw, date(2022, 1, 2)).articles
    assert "1月1日出版的今年第1期《求是》杂志" in a.text
    assert not segment(raw, date(2022, 1, 2)).furniture


def test_a_dateline_cut_from_its_byline_is_one_lead() -> None:
    raw = _page("碳达峰碳中和工作会议召开", "新 华社西安1月25日电", "（记者 赵蕾）1月24日，会议在西安召开。")
    [a] = segment(raw, date(2022, 1, 26)).articles
    assert a.text.startswith("新华社西安1月25日电（记者 赵蕾）1月24日")
    assert (a.title, a.authors, a.date) == ("碳达峰碳中和工作会议召开", ["赵蕾"], date(2022, 1, 24))


def test_a_headline_with_commas_of_enumeration_stays_a_headline() -> None:
    """`、` and `：` are headline punctuation; a byline line under such a headline starts the body."""
    raw = "\n".join([
        "会议指出", "中央听取全国人大常委会、国务院、全国政协工作汇报", "本报记者  郑凯",
        "1月6日，中央听取全国人大常委会、国务院、全国政协工作汇报。会议指出，要坚持全面领导。",
    ])
    [a] = segment(raw, date(2022, 1, 7)).articles
    assert a.text.startswith("1月6日，") and a.byline == "本报记者 郑凯" and a.authors == ["郑凯"]
    assert a.headline == "会议指出 中央听取全国人大常委会、国务院、全国政协工作汇报"


def test_a_sub_title_with_brackets_is_part_of_the_headline() -> None:
    raw = _page("“双奥之城”镌刻辉煌一笔", "——本台今天（2月20日）播发快评", "2月20日，本台今天播发", "快评：“双奥之城”镌刻", "下辉煌一笔。")
    [a] = segment(raw, date(2022, 2, 21)).articles
    assert (a.title, a.subtitle) == ("“双奥之城”镌刻辉煌一笔", "——本台今天（2月20日）播发快评")
    assert a.text.startswith("2月20日，")


def test_the_headline_after_a_poem_goes_to_the_lead_article_under_it() -> None:
    poem = ["夏至帖", "□ 林 间 月", "蝉声把白昼拉到最长", "河水慢下来", "慢到可以数清", "柳叶落进水里的次数", "母亲在檐下剥豆",
            "一粒，两粒", "她说这一天过完", "夜就一寸一寸", "长回来了", "像放进一枚", "还没有熟透的杏子"]
    raw = "\n".join([*poem, "全民阅读节启动", "本报讯（记者 钟毓）6月19日，全民阅读节在市民中心启动。"])
    poem_article, news = segment(raw, date(2025, 6, 20)).articles
    assert poem_article.title == "夏至帖" and poem_article.text.endswith("还没有熟透的杏子")
    assert (news.kicker, news.title) == ("", "全民阅读节启动")


def test_a_headline_over_a_paragraph_opening_ju_liao_jie() -> None:
    raw = _page("百年影像再现河城记忆", "据了解，“河城记忆——白河", "百年影像展”6月18日在市图", "书馆开幕，展出老照片320", "余幅。")
    [a] = segment(raw, date(2025, 6, 20)).articles
    assert a.title == "百年影像再现河城记忆" and a.text.startswith("据了解，")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("下转第4版", (True, 4)), ("紧转2版", (True, 2)), ("上接第1版", (False, 1)), ("转十二版", (True, 12)), ("第4版", None)],
)
def test_continuation_markers_read(text: str, expected: tuple[bool, int] | None) -> None:
    assert L.marker(text) == expected
