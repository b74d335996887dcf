"""What a hit shows and what counts as holding a question's word, on a made-up paper.

Three classes of question the first evidence rule got wrong, each built here from text the
code has never seen:
- the sentence that says when and where ends the passage before the answer (`5月8日，…赴
  宁波…。` | `在海港物流集团，…`): the excerpt shows it with the answer;
- an unknown name jieba cuts one way in the question and another in the text (洛加藏布:
  洛/加/藏 and 洛/加/藏布): the passage that prints it holds it;
- a subject that heads an article (石塘) with words used only elsewhere (以前, 名字): the
  subject's article is shown, not the article that happens to hold the other words.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrieval import Archive, QueryError
from retrieval.excerpt import MAX_CHARS
from retrieval.ingest.passages import cut
from retrieval.tokenize import without_spaces
from tests.helpers.expansion import open_archive

_LEAD = (
    "本报讯 连日来，市领导带队分赴宁波、上海开展招商活动，走访重点企业，面对面宣传推介临江的营商环境和产业政策，"
    "点对点精准招引优质项目，积极寻求港口物流、先进制造和数字经济等多领域合作，动员全市上下迅速掀起招商热潮，"
    "以实际行动打好经济翻身仗，为全年经济社会高质量发展开好局、起好步，努力实现首季开门红。"
    "各地各部门要把招商引资作为头号工程，全力以赴招大引强、招才引智。"
)
_VISIT = (
    "5月8日至9日，市长周海涛赴宁波开展招商活动。\n"
    "在海港物流集团，周海涛与集团负责人进行座谈交流。周海涛表示，临江正全力推进港城融合发展，"
    "希望双方在已有合作的基础上，深度参与临江港区和物流园区建设，发挥平台纽带作用，更好以商引商、以企引企，"
    "吸引更多优质项目和优秀人才落户临江，推动政企合作迈上新台阶。当前临江正在加快建设综合交通枢纽，"
    "集装箱航线和铁路专用线都将在年内投入使用，企业可以在这里找到广阔的发展空间。随后，周海涛一行前往远洋航运集团拜访，"
    "双方就航线开辟和仓储布局进行了深入交流。"
)
ROWS: list[dict[str, object]] = [
    {"title": "市领导带队赴宁波上海开展招商活动", "date": "2024-05-10", "page": 1, "text": _LEAD + "\n" + _VISIT},
    {"title": "洛河上游生态调查启动", "date": "2024-05-11", "page": 2,
     "text": "5月10日，洛河上游生态调查正式启动。洛河的主要支流有洛加藏布、洛根藏布等。"
     "洛加藏布全长三百公里，发源于念青山，向南流入洛河。调查队将沿河采集水样和鱼类标本，"
     "摸清上游湿地的分布和保护现状，为制定流域保护规划提供依据。"},
    {"title": "石塘", "date": "2024-05-12", "page": 3,
     "text": "石塘，旧称白沙渡，是临江城北的一个古渡口。清代这里设有巡检司，商船往来不绝，"
     "街市沿河而建，至今保留着青石板路和二十多座明清民居。近年来，石塘开展了古建筑修缮和河道整治。"},
    {"title": "老街换新颜", "date": "2024-05-13", "page": 4,
     "text": "城南老街以前没有正式的名字，居民习惯按门牌称呼。今年街道征集了路名，"
     "经过投票，老街有了新的名字“和顺街”。改造后的老街铺设了透水路面，增设了休息座椅和绿化。"},
    {"title": "全市新增公共停车位三千个", "date": "2024-05-14", "page": 5,
     "text": "今年以来，全市新增公共停车位三千个，其中立体停车库十二座。交通部门还上线了停车诱导系统，"
     "市民可以通过手机查询空余车位，平均找车位时间缩短了一半。"},
]


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    archive = open_archive(tmp_path_factory.mktemp("partial"), ROWS, synonyms=None)
    yield archive
    archive.close()


# -- the sentences around a passage -------------------------------------------------------------
def test_the_setup_cuts_the_when_and_where_from_the_answer() -> None:
    passages = cut(_LEAD + "\n" + _VISIT)
    assert passages[0].endswith("市长周海涛赴宁波开展招商活动。")
    assert passages[1].startswith("在海港物流集团")


def test_the_excerpt_shows_the_sentence_before_the_passage_when_it_holds_the_question(paper: Archive) -> None:
    [first, *_] = paper.search("周海涛5月8日去宁波拜访了哪家集团").hits
    assert first.passage.startswith("在海港物流集团")
    assert "5月8日" in first.excerpt and "海港物流集团" in first.excerpt
    assert without_spaces(first.excerpt.strip("…")) in without_spaces(paper.article(first.article_id).text)
    assert first.excerpt[first.highlights[0][0]:first.highlights[0][1]]  # highlights index the excerpt itself


def test_a_sentence_around_the_passage_with_nothing_new_is_not_shown(paper: Archive) -> None:
    for hit in paper.search("周海涛集团座谈交流").hits:
        assert not hit.excerpt.startswith("5月8日"), hit.excerpt  # the passage holds every word itself


# -- a name cut two ways -------------------------------------------------------------------------
def test_an_unknown_name_cut_otherwise_in_the_text_is_held(paper: Archive) -> None:
    result = paper.search("洛加藏布发源于哪座山")
    assert result.hits and result.hits[0].title == "洛河上游生态调查启动"
    assert "念青山" in result.hits[0].excerpt


def test_a_single_character_counts_only_beside_its_neighbour_in_the_question(paper: Archive) -> None:
    # 园 and 区 are printed (物流园区, 港区), never beside 科技: 科技园区 holds nothing
    assert paper.search("科技园区").hits == []


# -- a subject that heads an article -------------------------------------------------------------
def test_a_subject_that_heads_an_article_is_shown_with_words_found_only_elsewhere(paper: Archive) -> None:
    # 老街换新颜 holds 以前 and 名字, and passes; the article headed 石塘 follows it
    titles = [h.title for h in paper.search("石塘以前的名字是什么").hits]
    assert titles[:2] == ["老街换新颜", "石塘"]


def test_a_subject_alone_with_an_unknown_word_gets_partial_matches(paper: Archive) -> None:
    result = paper.search("石塘的人口普查")
    assert [h.title for h in result.hits] == ["石塘"]
    assert result.notice and "「石塘" in result.notice


def test_a_word_inside_a_headline_is_no_subject(paper: Archive) -> None:
    # 停车 is printed in a headline, but not where a headline names its subject
    assert paper.search("停车的人口普查").hits == []


def test_unrelated_words_stay_not_found(paper: Archive) -> None:
    for q in ("量子纠缠的原理", "世界杯冠军是谁", "明天天气怎么样"):
        assert paper.search(q).hits == [], q


@pytest.mark.parametrize(("question", "title"), [
    ("石塘名字", "石塘"), ("洛加藏布发源", "洛河上游生态调查启动"), ("海港物流集团", "市领导带队赴宁波上海开展招商活动"),
])
def test_the_answers_come_from_their_own_article(paper: Archive, question: str, title: str) -> None:
    assert paper.search(question).hits[0].title == title


def test_excerpts_stay_within_their_article(paper: Archive) -> None:
    for q in ("周海涛", "宁波招商", "远洋航运集团", "洛河", "老街", "停车位", "5月8日宁波"):
        for hit in paper.search(q).hits:
            assert without_spaces(hit.excerpt.strip("…")) in without_spaces(paper.article(hit.article_id).text), q


_CHARS = sorted({ch for r in ROWS for ch in str(r["text"]) + str(r["title"]) if "\u4e00" <= ch <= "\u9fff"})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(_CHARS), st.sampled_from(["的", "是什么", "哪家", "5月8日", " ", "“", "园"])),
                min_size=1, max_size=14))
def test_questions_of_the_papers_own_characters_never_break_the_rules(paper: Archive, pieces: list[str]) -> None:
    """Runs of one-character tokens, unknown names, headline subjects: the search answers or
    refuses cleanly, and what it shows stays inside its article."""
    question = "".join(pieces)
    try:
        result = paper.search(question)
    except QueryError:
        return
    for hit in result.hits:
        assert without_spaces(hit.excerpt.strip("…")) in without_spaces(paper.article(hit.article_id).text)
        assert len(hit.excerpt) <= MAX_CHARS + 2
