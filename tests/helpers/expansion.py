"""A made-up city paper (临江日报) for the query-expansion tests: text the code has never seen.

Its articles print a full form beside its short form (市委全面深化改革委员会 / 市委深改委, with
全会 printed once beside them: two characters that fit the rule by chance; 中国国际进口博览会 /
进博会, and a later article with the full form only), a short form with no full form beside it
(数博会, whose full form 中国国际大数据产业博览会 is printed only in another article), people's
names after titles (市委书记陈志远, 局长叶青, 副市长王建国), bylines (王小明 three times over two
years, 林韬, 李晓燕, and 張偉 in traditional characters), numbers written both ways (三十五个项目
/ 35个项目, 一百二十亿元 / 120亿元), 地区生产总值 and 研究与试验发展 for the synonym file's GDP
and R&D, and one long article whose three passages all hold 垃圾分类 (the per-article cap).

`write_corpus(folder)` writes it as JSON Lines with a `synonyms.txt`; `open_archive(root)`
ingests it into a SQLite database under `root`
(`paper_settings(root)`: the same settings, for the CLI).
"""

from __future__ import annotations

import json
from pathlib import Path

from bot.settings import BotSettings
from retrieval import Archive
from tests.helpers.settings import NOW, make_settings

PAPER = "临江日报"
SYNONYMS = """\
# 编辑维护的同义词（测试用）
GDP 地区生产总值
R&D，研究与试验发展
"""

_SORTING = [  # one article in three passages (of two paragraphs each), every one about 垃圾分类
    "6月17日，市城管委召开垃圾分类示范小区推进会，局长叶青出席会议并讲话。叶青指出，垃圾分类是一项长期工作，"
    "要从源头减量入手，让每一户居民都知道厨余垃圾、可回收物、有害垃圾和其他垃圾应当怎样投放，"
    "各街道要把示范小区的做法总结成册，在全市推广，做到宣传到户、指导到人、督查到点。",
    "在滨江街道锦绣花园小区，垃圾分类督导员每天早晚各值守两小时，手把手教居民破袋投放。小区还设立了积分兑换点，"
    "居民每正确投放一次就能获得一个积分，积满一百分可以兑换洗衣液、大米等生活用品，参与率从年初的四成提高到九成，"
    "楼道里再也看不到乱堆乱放的垃圾袋了。",
    "运河街道则把垃圾分类写进了居民公约，由业委会、物业和社区三方共同监督。街道还组织志愿者开展“桶边守护”行动，"
    "对投放不规范的住户上门劝导，对连续三个月表现优秀的楼道授予流动红旗，居民之间比学赶超的氛围越来越浓，"
    "不少老人也成了小区里的宣传员。",
    "市城管委有关负责人介绍，今年全市新建垃圾分类示范小区八十个，改造投放点一千二百余处，配备智能回收箱三百台。"
    "厨余垃圾日处理能力提升到一千五百吨，其他垃圾焚烧发电项目已经完成环评，预计明年投入运行，"
    "届时全市生活垃圾将基本实现零填埋。",
    "为了让垃圾分类成为孩子们的习惯，市教育局在全市中小学开设了分类课程，每学期安排不少于四课时。"
    "学生们通过游戏、实验和社会实践认识不同种类的垃圾，再回家当起家庭分类监督员，"
    "许多家长表示，孩子的提醒比任何宣传都管用，家里的分类习惯就这样慢慢养成了。",
    "下一步，全市将建立垃圾分类常态化考核机制，考核结果纳入街道年度目标责任制，对排名靠后的街道进行约谈。"
    "同时将加快建设再生资源回收网络，推动可回收物进入产业链循环利用，努力把临江建设成为全省垃圾分类工作的标杆城市，"
    "让绿色低碳的生活方式深入人心。",
]

ARTICLES: list[dict[str, object]] = [
    {
        "title": "市委全面深化改革委员会召开第五次会议", "date": "2024-03-05", "page": 1, "authors": ["王小明"],
        "text": "3月4日，市委全面深化改革委员会召开第五次会议。市委书记陈志远主持会议并讲话。\n"
        "会议传达学习了党的二十届三中全会精神，审议通过了《关于优化营商环境的若干措施》等文件。陈志远指出，市委深改委要发挥把方向、谋大局、"
        "定政策、促改革的作用，各专项小组要把改革任务落到实处。\n"
        "会议强调，今年要重点推进国资国企、科技创新和社会治理领域的改革，深改委办公室要加强督察，"
        "确保各项改革举措落地见效。",
    },
    {
        "title": "我市交易团在进博会签约三十五个项目", "date": "2024-11-08", "page": 2, "authors": ["李晓燕"],
        "text": "11月5日至10日，第七届中国国际进口博览会在上海举办。市委书记陈志远带队参观展馆。\n"
        "我市交易团在进博会期间共签约三十五个项目，意向采购金额达一百二十亿元，涉及高端装备、医疗器械和食品农产品。"
        "进博会已成为我市企业拓展国际市场的重要平台。",
    },
    {
        "title": "临港产业园新开工35个项目", "date": "2024-04-12", "page": 3, "authors": ["王小明"],
        "text": "今年一季度，临港产业园新开工35个项目，总投资120亿元，涵盖新能源汽车、生物医药等领域。"
        "副市长王建国在开工仪式上表示，要全力保障项目建设用地和用工需求。",
    },
    {
        "title": "前三季度我市经济运行稳中向好", "date": "2023-09-20", "page": 1, "authors": ["王小明"],
        "text": "前三季度，全市实现地区生产总值4120亿元，同比增长5.8%，增速高于全省平均水平。"
        "其中，第二产业增加值增长6.1%，规模以上工业企业利润由降转升。",
    },
    {
        "title": "垃圾分类进社区 示范小区越建越多", "date": "2024-06-18", "page": 4, "authors": ["林韬"],
        "text": "\n".join(_SORTING),
    },
    {
        "title": "滨江夜市开市 夜间经济点亮江岸", "date": "2024-08-02", "page": 5, "authors": ["林韬"],
        "text": "8月1日晚，滨江夜市正式开市，市商务局局长叶青出席开市仪式。夜市设有摊位两百个，"
        "汇集了本地小吃、文创产品和非遗手工艺，开市首晚吸引游客三万余人次。",
    },
    {
        "title": "我市企业亮相数博会", "date": "2024-05-27", "page": 6, "authors": ["李晓燕"],
        "text": "5月26日，数博会在贵阳开幕，我市十二家企业携工业互联网、智慧城市等成果参展，现场达成合作意向十余项。",
    },
    {
        "title": "大数据产业博览会闭幕 我市收获多项合作", "date": "2024-05-30", "page": 6,
        "text": "5月29日，中国国际大数据产业博览会在贵阳闭幕。本届博览会以数字经济为主题，我市企业共签订合作协议八项。",
    },
    {  # the full form only: found by 进博会 only through what the 2024 article taught
        "title": "第八届进口博览会招展启动", "date": "2025-03-01", "page": 2,
        "text": "记者从市商务局获悉，第八届中国国际进口博览会招展工作已经启动，我市计划组织一百家企业参展。",
    },
    {  # a byline as a CMS may store it, in traditional characters
        "title": "滨江老街改造完成", "date": "2024-09-09", "page": 3, "authors": ["張偉"],
        "text": "历时一年，滨江老街改造完成，沿街商铺恢复营业，老字号陆续回归。",
    },
    {
        "title": "我市研发投入持续增长", "date": "2024-02-01", "page": 2,
        "text": "去年，全市研究与试验发展经费投入占地区生产总值的比重达到百分之三，企业成为研发投入的主体。",
    },
]


def jsonl(rows: list[dict[str, object]]) -> str:
    return "".join(json.dumps({"paper": PAPER, **r}, ensure_ascii=False) + "\n" for r in rows)


def write_corpus(folder: Path, rows: list[dict[str, object]] | None = None, synonyms: str | None = SYNONYMS) -> Path:
    """The made-up paper (or `rows`) as `folder/linjiang.jsonl`, with `synonyms.txt` unless None."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "linjiang.jsonl").write_text(jsonl(ARTICLES if rows is None else rows), "utf-8")
    if synonyms is not None:
        (folder / "synonyms.txt").write_text(synonyms, "utf-8")
    return folder


def paper_settings(root: Path) -> BotSettings:
    """The settings of the archive `open_archive(root)` builds (for the CLI's `run`)."""
    return make_settings(root, corpus_dir=root / "corpus")


def open_archive(root: Path, rows: list[dict[str, object]] | None = None, synonyms: str | None = SYNONYMS) -> Archive:
    """An archive of the made-up paper under `root` (corpus in `root/corpus`), ingested; the caller closes it."""
    write_corpus(root / "corpus", rows, synonyms)
    archive = Archive.open(paper_settings(root), now=lambda: NOW)
    archive.ingest()
    return archive
