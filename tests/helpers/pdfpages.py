"""Generated e-paper PDF pages of made-up Chinese newspapers, with their known split into articles.

Every page is drawn with reportlab's built-in CID font STSong-Light (no font file needed), on an
A3-like page (842 x 1191 pt), in the way 数字报 sites publish them: one PDF per printed page, body
text in justified columns, articles in rectangular blocks, headlines by type size (引题 / 主题 /
副题), a masthead on front pages and a folio line on inner pages.  Some pages are drawn one
character at a time at computed x positions, others with one text run per line.

Next to each page a gold record says what a careful reader sees on it: its articles in reading
order (kicker, title, subtitle, event date, authors, the first 12 Han characters of the body,
continuation marker) and the strings that belong to no article (masthead lines, folio, boxes).

Conventions of the gold, where the print leaves room for doubt:

- ``body_start`` is taken from the body as printed, lead form included (本报讯（记者 张三）… gives
  本报讯记者张三…), but a continuation marker is not part of it: the rest of an article on a later
  page starts its body with （上接第1版）, its gold ``continued`` is 上接第1版, and its
  ``body_start`` is the 12 Han characters after the marker.  The part before the jump ends with a
  line （下转第4版）, its ``continued`` is 下转第4版.
- ``authors`` lists only names printed with that part: the rest of a continued article has no
  byline, so it has none.  本报评论员 is not a name.  A photographer credited in a caption inside a
  text article comes after the reporters.
- ``date`` is the event date of the lead (本报讯 6月13日，… → 6月13日; a photo item's caption that
  opens with 6月12日，… counts as its lead), else the dateline's (本报6月12日讯, 新华社北京6月12日电),
  else the issue date.
- ``furniture`` strings are given as printed with ASCII spaces between their parts; on pages drawn
  one character at a time a space is a gap with no character in it.
- Page names, pages and kinds: see ``NAMES`` and ``manifest.csv``; the scanned page (``scan_pdf``),
  the encrypted and the broken PDF are not in the set.

All papers, places, people and events are invented.

Run ``python -m tests.helpers.pdfpages OUT_DIR`` to write the whole set (``NAME.pdf`` and
``NAME.gold.json`` for every name, plus ``manifest.csv``).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import math
import random
import sys
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

__all__ = [
    "NAMES",
    "broken_pdf",
    "encrypted_pdf",
    "fact_page",
    "gold",
    "issue_pdf",
    "manifest_row",
    "page_pdf",
    "scan_pdf",
    "write_set",
]

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

PAGE_W = 842.0
PAGE_H = 1191.0
MARGIN = 40.0
CONTENT_BOTTOM = 1148.0  # lowest point of any block (top-down coordinates)
INNER_TOP = 66.0  # first block's top on an inner page, under the folio

_BLACK = (0.0, 0.0, 0.0)
_RED = (0.78, 0.07, 0.09)
_GREY = (0.35, 0.35, 0.35)


# --------------------------------------------------------------------------------------------
# text measurement and line breaking
# --------------------------------------------------------------------------------------------

_NO_START = set("，。、；：？！）》」』”’…—%·～,.;:?!)]")
_NO_END = set("（《「『“‘([")
_ASCII_RUN = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.%-+/:@_#&~")
_WIDTHS: dict[tuple[str, float, str], float] = {}


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _han(text: str) -> str:
    """Only the Han characters of text."""
    return "".join(ch for ch in text if _is_han(ch))


def _cw(ch: str, size: float, mode: str) -> float:
    """The advance of one character; a space is half an em when characters are placed one by one."""
    key = (ch, size, mode)
    w = _WIDTHS.get(key)
    if w is None:
        if ch == " " and mode == "char":
            w = size * 0.5
        else:
            w = pdfmetrics.stringWidth(ch, FONT, size)
        _WIDTHS[key] = w
    return w


def _sw(text: str, size: float, mode: str, cs: float = 0.0) -> float:
    """The width of a run of text with cs extra points between characters."""
    if not text:
        return 0.0
    return sum(_cw(ch, size, mode) for ch in text) + cs * (len(text) - 1)


def _tokens(text: str) -> list[str]:
    """Unbreakable pieces: one Han character or mark, a run of Latin letters and digits, —— or ……."""
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _ASCII_RUN:
            j = i
            while j < n and text[j] in _ASCII_RUN:
                j += 1
            out.append(text[i:j])
            i = j
        elif ch in "—…" and i + 1 < n and text[i + 1] == ch:
            out.append(text[i : i + 2])
            i += 2
        else:
            out.append(ch)
            i += 1
    return out


@dataclass
class _Line:
    """One printed line: its text, its offset from the column's left edge, its letter spacing."""

    text: str
    x0: float = 0.0
    cs: float = 0.0
    size: float = 0.0  # 0: the body size


def _break(
    text: str, size: float, width: float, mode: str, indent: int = 2, justify: bool = True
) -> list[_Line]:
    """Break a paragraph into lines filled to width (justified), its first line indented."""
    toks = _tokens(text)
    lines: list[_Line] = []
    n = len(toks)
    i = 0
    first = True
    while i < n:
        if not first:
            while i < n and toks[i] == " ":
                i += 1
            if i >= n:
                break
        off = indent * size if first else 0.0
        avail = width - off
        j = i
        w = 0.0
        while j < n:
            tw = _sw(toks[j], size, mode)
            if w + tw > avail + 1e-6:
                break
            w += tw
            j += 1
        if j == i:
            j = i + 1
        if j < n:
            k = j
            while k > i + 1 and (toks[k][0] in _NO_START or toks[k - 1][-1] in _NO_END):
                k -= 1
            j = k
        piece = toks[i:j]
        while piece and piece[-1] == " ":
            piece.pop()
        s = "".join(piece)
        last = j >= n
        cs = 0.0
        if justify and not last and len(s) > 1:
            cs = max(0.0, (avail - _sw(s, size, mode)) / (len(s) - 1))
        lines.append(_Line(s, off, cs))
        i = j
        first = False
    return lines


def _col_capacity(top: float, bottom: float, size: float, leading: float) -> int:
    if bottom - top < size:
        return 0
    return int((bottom - top - size) // leading) + 1


def _columns(x_l: float, x_r: float, k: int, size: float, gutter: float) -> list[tuple[float, float]]:
    """k body columns between x_l and x_r, each a whole number of characters wide."""
    width = x_r - x_l
    chars = int((width - (k - 1) * gutter) / (k * size) + 1e-6)
    if chars < 4:
        raise ValueError(f"columns too narrow: {width:.0f} pt for {k} columns")
    cw = chars * size
    g = (width - k * cw) / (k - 1) if k > 1 else 0.0
    return [(x_l + i * (cw + g), cw) for i in range(k)]


# --------------------------------------------------------------------------------------------
# prose: sentence banks that fill an article's block once its hand-written paragraphs are set
# --------------------------------------------------------------------------------------------

_BANKS: dict[str, list[str]] = {
    "project": [
        "据了解，{place}今年共谋划实施重点项目{n}个，截至5月底已完成投资{n2}亿元，投资完成率居全市前列。",
        "为保障项目顺利推进，相关部门建立了“一个项目、一名领导、一个专班、一抓到底”的工作机制，"
        "及时协调解决用地、用能、资金等方面的难题。",
        "项目现场，塔吊林立，机器轰鸣，施工人员正在进行土方开挖和桩基施工，一派繁忙景象。",
        "“从签约到开工只用了不到三个月，审批服务的效率超出了我们的预期。”一家入驻企业的负责人告诉记者。",
        "今年以来，{place}持续优化审批服务，推行项目审批“容缺受理”和“拿地即开工”，"
        "平均审批时限压缩至{n}个工作日以内。",
        "据测算，这批项目全部建成投产后，预计可新增年产值{n2}亿元、新增就业岗位{n3}余个。",
        "在产业链招商方面，{place}围绕智能装备、新材料、生物医药等主导产业绘制产业链图谱，开展精准招商。",
        "下一步，{place}将加大要素保障力度，强化项目全生命周期服务，确保项目按时间节点有序推进。",
        "记者在现场看到，新建厂房的钢结构主体已基本完工，部分生产线设备正在安装调试。",
        "相关负责人表示，将坚持“要素跟着项目走”，在土地、能耗、资金等方面优先保障重大项目需求。",
        "与此同时，一批配套道路、管网和公共服务设施也在同步建设，园区承载能力不断提升。",
        "为加快项目进度，施工方倒排工期、挂图作战，实行“两班倒”连续作业，全力抢抓施工黄金期。",
        "在项目服务专班的协调下，电力、供水、燃气等配套接入手续实现“一窗通办”，企业少跑了不少腿。",
        "业内人士认为，这批项目的落地，将进一步补齐产业链短板，增强区域经济发展后劲。",
        "今年1至5月，{place}固定资产投资同比增长{p}%，其中工业投资增长{p2}%，增速高于全省平均水平。",
        "{place}还建立了重大项目周调度、月通报制度，对进度滞后的项目及时预警、跟踪督办。",
        "多位企业负责人表示，良好的营商环境是他们选择在此投资兴业的重要原因。",
        "按照计划，该项目一期工程将于明年上半年竣工，二期工程同步启动前期工作。",
        "据了解，项目建成后将成为{place}重要的产业承载平台。",
        "施工现场还引入了智慧工地管理系统，对扬尘、噪声等进行实时监测。",
        "项目建设方表示，将严格落实安全生产责任，确保工程质量和施工安全。",
    ],
    "meeting": [
        "会议强调，要坚持人民至上、生命至上，把保障人民群众生命财产安全放在首位，切实担负起防汛防台的责任。",
        "会议指出，当前已进入主汛期，各地各部门要克服麻痹思想和侥幸心理，全面排查整治各类风险隐患。",
        "会议要求，要压紧压实各级各部门责任，完善预警响应机制，确保预警信息传递到村到户到人。",
        "会议听取了有关部门关于近期重点工作的情况汇报，并对下一阶段工作作出部署。",
        "会议审议并原则通过了相关实施方案，要求抓紧修改完善后按程序印发实施。",
        "会议强调，要聚焦群众急难愁盼问题，把好事办实、把实事办好，让发展成果更多惠及全体市民。",
        "与会人员围绕议题进行了深入讨论，提出了许多具有针对性和可操作性的意见建议。",
        "会议要求，要加强统筹协调，形成工作合力，以钉钉子精神抓好各项任务落实。",
        "会议指出，今年以来全市经济运行总体平稳、稳中有进，但也面临一些困难和挑战，必须保持定力、乘势而上。",
        "会议强调，要持续推进安全生产治本攻坚，聚焦建筑施工、道路交通、燃气、消防等重点领域开展拉网式排查。",
        "会议要求，各级领导干部要深入一线、靠前指挥，做到守土有责、守土尽责。",
        "会议还就做好“三夏”生产、高温天气防范应对等工作进行了部署。",
        "会议指出，要强化应急物资储备和救援队伍建设，确保关键时刻拉得出、用得上。",
        "会议强调，要以更大力度优化营商环境，持续为企业纾困解难，进一步激发经营主体活力。",
        "会议要求，要统筹抓好城市更新和乡村建设，在补短板、强弱项上持续用力。",
        "会议指出，要把调查研究贯穿工作始终，多到基层一线听民声、察民情、解民忧。",
    ],
    "culture": [
        "展演现场，来自{place}的剪纸、竹编、木雕等传统技艺轮番登场，不少观众驻足观看、拍照留念。",
        "近年来，{place}深入实施文化惠民工程，建成城市书房、文化驿站等新型公共文化空间{n}个。",
        "“这些老手艺是祖辈传下来的，我们有责任把它们传承好。”一位年过七旬的老艺人说。",
        "活动期间，主办方还将举办非遗市集、专题讲座和研学体验等系列活动，让更多年轻人走近传统文化。",
        "据介绍，本次活动共吸引参展单位{n}余家，线上线下观众累计超过{n}万人次。",
        "在互动体验区，孩子们在传承人的指导下学做扎染，体验指尖上的乐趣。",
        "一批以本土历史文化为题材的文艺作品相继推出，其中多部作品入选省级以上展演。",
        "文化部门相关负责人表示，将进一步挖掘地方文化资源，推动文化与旅游深度融合。",
        "傍晚时分，古戏台上锣鼓声声，一出传统折子戏引得台下观众连连叫好。",
        "为让非遗“活起来”，{place}鼓励传承人开发文创产品，一些传统手工艺品成了游客争相购买的“伴手礼”。",
        "此外，{place}还组织文艺志愿者深入乡村、社区开展送戏送书活动，今年以来已开展{n2}余场。",
        "专家认为，保护和传承非物质文化遗产，关键在人，要着力培养年轻一代传承人。",
        "展览以时间为轴，通过{n2}余件实物、图片和影像资料，展现了这座城市千年文脉的发展历程。",
        "不少市民表示，家门口就能欣赏到高水平的文艺演出，精神文化生活越来越丰富。",
        "夜幕降临，广场上的露天电影准时开场，附近的居民搬着小板凳早早前来占座。",
        "在展厅里，一件件精美的展品让观众目不暇接，不少人拿出手机拍照留念。",
        "据悉，相关展览将持续至下月底，市民可凭身份证免费参观。",
        "近年来，越来越多的年轻人开始关注传统文化，成为非遗传承的新生力量。",
        "{place}还将推出一批精品文旅线路，串联起沿线的文化遗存和特色村落。",
        "每逢周末，城市书房里座无虚席，不少家长带着孩子前来阅读。",
        "老艺人一边演示，一边向围观的年轻人讲解其中的门道。",
        "演出结束后，观众久久不愿离去，纷纷上台与演员合影。",
        "据了解，这些作品大多取材于当地的民间故事和生活场景。",
        "为培养后继人才，{place}在多所学校开设了非遗传承课程。",
        "一件件老物件，诉说着这座城市的过往。",
    ],
    "livelihood": [
        "“以前上下楼要歇好几回，现在按一下按钮就到家门口了。”家住{place}的张阿姨笑着说。",
        "为破解资金难题，{place}探索形成“政府补一点、居民出一点、社会筹一点”的多元筹资模式。",
        "社区工作人员逐户上门征求意见，耐心做好协调工作，推动项目尽快落地。",
        "据统计，今年以来{place}已累计办理民生实事{n}件，群众满意率达{p}%以上。",
        "针对老年人出行不便的问题，{place}在社区增设了助餐点和便民服务站，提供理发、维修等上门服务。",
        "记者在现场看到，改造后的小区道路平整、绿化提升，新增了停车位和休闲健身场地。",
        "相关负责人介绍，下一步将继续扩大覆盖范围，力争年底前实现城区主要社区全覆盖。",
        "居民们纷纷表示，身边的变化看得见、摸得着，生活越来越方便了。",
        "为确保施工安全，施工单位设置了围挡和警示标识，并尽量避开居民休息时间作业。",
        "{place}还开通了线上预约通道，居民可通过手机小程序查询进度、反映问题，实现“掌上办”。",
        "今年，{place}将加装电梯、管网改造等纳入民生实事项目，计划完成老旧小区改造{n}个。",
        "在街道党群服务中心，志愿者正在为前来咨询的居民讲解医保缴费和社保认证的相关政策。",
        "据了解，该项目由街道牵头，物业、业委会和居民代表共同参与，实行全过程公开透明。",
        "一些小区还成立了居民议事小组，定期开展协商，大家的事大家商量着办。",
        "市民李先生告诉记者，以前下雨天小区里到处是积水，改造完成后这个问题彻底解决了。",
        "为方便上班族，服务站还推出了“错时服务”，工作日晚上和周末照常开放。",
        "在一家社区食堂，十多位老人正围坐在一起用餐，两荤一素一汤，价格实惠、口味清淡。",
        "据介绍，服务站还引入了家政、维修等便民服务企业，居民在家门口就能享受“一站式”服务。",
        "为了让老年人用得惯、用得好，工作人员还手把手教他们使用智能设备。",
        "“现在办事不用跑远路，在社区就能搞定。”居民王大伯说。",
        "{place}还建立了民生诉求快速响应机制，群众反映的问题一般在三个工作日内得到回复。",
        "针对部分小区停车难的问题，{place}通过挖潜、共享等方式新增停车泊位{n2}个。",
        "街道还组织党员志愿者结对帮扶独居老人，定期上门探望、帮忙代购生活用品。",
        "下一步，{place}将继续聚焦“一老一小”等重点人群，持续补齐民生短板。",
        "在改造过程中，施工方还专门为行动不便的老人修建了无障碍坡道。",
        "每天上午，服务站里都聚集着前来量血压、读书看报的老人。",
        "小区门口新建的快递驿站，解决了居民取件难的问题。",
        "社区还开设了“四点半课堂”，为双职工家庭的孩子提供课后看护。",
        "一些居民主动当起了志愿者，帮忙维护秩序、打扫卫生。",
        "据了解，相关费用由财政补助和居民自筹共同承担。",
        "“有什么困难，打个电话，社区很快就有人上门。”独居老人陈奶奶说。",
    ],
    "agriculture": [
        "眼下，{place}的田野上一片繁忙景象，收割机来回穿梭，金黄的麦浪随风起伏。",
        "为确保颗粒归仓，当地农业部门组织技术人员深入田间地头，指导农户适时收割、及时晾晒。",
        "今年{place}小麦种植面积{n}万亩，受益于良种推广和科学管理，平均亩产比去年提高{n}公斤左右。",
        "“今年风调雨顺，收成不错，价格也稳，心里踏实。”种粮大户老王一边过秤一边说。",
        "收购网点公开挂牌收购价格和质量标准，现场检验、现场结算，不让农民吃亏。",
        "近年来，{place}大力推进高标准农田建设，累计建成高标准农田{n}万亩，农业机械化水平显著提升。",
        "在农机合作社，一排排崭新的收割机、插秧机整齐停放，随时准备投入作业。",
        "为解决农民“卖粮难”问题，{place}还推出了预约收购、上门收购等便民服务。",
        "夏收结束后，当地将抓紧抢种晚稻和夏玉米，确保全年粮食生产目标任务完成。",
        "{place}还积极发展订单农业，引导农户与粮食加工企业签订购销合同，让农民种粮更有底气。",
        "农技专家提醒，近期雨水较多，农户要及时收获、晾晒入仓，防止粮食霉变。",
        "目前，{place}已累计收购新麦{n2}吨，收购进度快于去年同期。",
        "依托数字化平台，农户可以在手机上查看墒情、气象等信息，种地越来越“聪明”。",
        "村党支部书记介绍，村里成立了强村公司，统一流转土地、统一提供服务，村集体经济年收入突破{n2}万元。",
        "在田埂边的临时烘干点，烘干机昼夜运转，刚收下的湿谷当天就能烘干入库。",
        "在田间地头，技术人员正在为农户讲解病虫害绿色防控技术。",
        "为稳定农民收益，当地还推广了农业保险，今年参保面积达{n}万亩。",
        "“有了合作社统一收购，我们再也不愁卖了。”一位果农说。",
        "随着乡村旅游的兴起，不少农户办起了农家乐和民宿，收入来源更加多元。",
        "当地还通过直播带货等方式拓宽销路，一批特色农产品走上了全国各地消费者的餐桌。",
    ],
    "sports": [
        "比赛中，{place}队员沉着冷静、发挥稳定，最终以{a}比{b}战胜对手，取得开门红。",
        "本届赛事共吸引了来自全省各地的{n}支代表队、{n2}余名运动员参赛，规模为历届之最。",
        "赛后，主教练在接受采访时表示，队员们在高温天气下坚持拼搏，展现出良好的精神风貌。",
        "下半场开场不久，主队通过一次快速反击扩大比分，现场观众爆发出热烈的欢呼声。",
        "近年来，{place}大力推进全民健身设施建设，新建改建口袋公园、百姓健身房等{n}处。",
        "这名年仅17岁的小将在预赛中便表现抢眼，决赛中更是刷新了个人最好成绩。",
        "据悉，赛事期间还将举办体育嘉年华、青少年体育技能展示等配套活动。",
        "“能在家门口看到这么高水平的比赛，真是过瘾。”带着孩子前来观赛的市民说。",
        "体育部门相关负责人表示，将以办赛为契机，进一步激发群众参与体育运动的热情。",
        "在随后进行的团体赛中，{place}队再接再厉，以总成绩第一的优势夺得冠军。",
        "比赛采用小组循环加淘汰赛的方式进行，将持续至本月下旬。",
        "据了解，该场馆赛后将面向市民免费或低收费开放，进一步提高场馆利用率。",
        "教练组介绍，队员们此前进行了为期两个月的集训，重点加强了体能和战术配合。",
        "看台上，身穿统一服装的球迷挥舞着旗帜，为主队呐喊助威。",
        "比赛当天，现场观众超过{n3}人，看台上助威声此起彼伏。",
        "据了解，这是{place}首次承办此类赛事，组委会为此做了大量准备工作。",
        "随着比赛的深入，各队之间的竞争也将更加激烈。",
        "不少家长带着孩子前来观赛，希望让孩子感受体育运动的魅力。",
        "赛事组委会还设立了医疗保障点和饮水补给站，确保运动员和观众的安全。",
        "业内人士表示，高水平赛事的引进，有助于带动当地体育产业发展。",
        "开场仅十分钟，客队就利用角球机会率先破门。",
        "中场休息时，主教练及时调整战术，加强了边路进攻。",
        "终场哨响，球员们相互拥抱，庆祝这场来之不易的胜利。",
        "这支球队中有不少是本地培养的年轻球员，平均年龄不到24岁。",
        "赛前，不少球迷早早来到场馆外，排起了长队等待入场。",
        "裁判组由来自省内外的资深裁判组成，确保比赛公平公正。",
        "在另一场比赛中，两队经过激烈争夺，最终握手言和。",
        "据组委会统计，本届赛事的线上直播观看人次已超过{n}万。",
        "“我们会总结经验，备战下一场比赛。”队长在赛后说。",
        "近年来，{place}青少年体育人才培养成效明显，先后向省队输送运动员{n}名。",
        "比赛间隙，场边的啦啦队送上了精彩的表演。",
        "一名观众说，身边的人在赛场上拼搏，比看职业比赛还要激动。",
        "据介绍，赛事全程免费向公众开放，吸引了周边乡镇的群众赶来观看。",
        "赛事的举办，也让体育运动在乡村蔚然成风，越来越多的村民走上了球场。",
        "比赛结束后，不少观众仍意犹未尽，三五成群地在场边讨论着比赛中的精彩瞬间。",
    ],
    "environment": [
        "沿着滨水步道前行，两岸绿树成荫，白鹭不时掠过水面，不少市民在此散步、骑行。",
        "为了守护一江清水，{place}全面落实河湖长制，市、县、乡、村四级河长定期巡河。",
        "监测数据显示，今年以来{place}主要河流断面水质均达到或优于三类标准。",
        "项目建设中，{place}坚持“生态优先、自然修复”的理念，尽量保留原有植被和河道形态。",
        "据介绍，生态廊道沿线串联起{n}个公园和{n}个历史文化节点，形成“一河两岸、十景串珠”的格局。",
        "过去，这里河道淤塞、垃圾遍地，周边居民苦不堪言；如今，河水清澈见底，成了市民休闲的好去处。",
        "环保志愿者定期开展“护河行动”，清理河岸垃圾，宣传生态环保知识。",
        "{place}还实施了雨污分流改造工程，新建改造污水管网{n}公里，从源头上减少污水入河。",
        "专家表示，生态廊道的建成，不仅改善了城市生态环境，也为生物多样性保护提供了空间。",
        "目前，{place}森林覆盖率已达{p}%，空气质量优良天数比例持续保持在较高水平。",
        "夜幕降临，廊道沿线的景观灯次第亮起，倒映在水中，流光溢彩。",
        "下一步，{place}将推动生态廊道与周边文旅资源联动发展，打造城市休闲新名片。",
        "在一处湿地观测点，工作人员正在记录水鸟的种类和数量，今年已观测到鸟类{n2}余种。",
        "清晨，不少市民在廊道上晨跑、打太极，享受清新的空气。",
        "{place}还在沿线种植乡土树种和水生植物{n2}余种，逐步恢复河道的自然生态功能。",
        "“小时候常在这条河里游泳，后来河水变脏了，现在终于又看到了当年的模样。”一位老居民感慨地说。",
        "为巩固治理成效，{place}引入了智慧监测系统，对水质、水位进行实时监测。",
    ],
    "tech": [
        "走进企业的智能车间，机械臂精准抓取零件，自动导引车来回穿梭，整个生产过程井然有序。",
        "通过数字化改造，企业的生产效率提升了{p2}%，产品不良率下降了近一半。",
        "企业负责人介绍，公司每年将销售收入的{p2}%以上投入研发，目前已拥有发明专利{n}项。",
        "近年来，{place}大力实施创新驱动发展战略，高新技术企业数量从{n}家增加到{n2}家。",
        "为破解企业“引才难”问题，{place}推出人才公寓、子女入学等一揽子服务举措。",
        "这款产品填补了国内同类产品的空白，已批量供货国内多家知名企业。",
        "在科创园区，一批初创企业依托公共实验平台，实现了从实验室到生产线的跨越。",
        "{place}还组建了产业技术创新联盟，推动高校、科研院所与企业开展联合攻关。",
        "相关负责人表示，将持续加大对科技型中小企业的扶持力度，培育更多“专精特新”企业。",
        "据统计，今年1至5月，{place}规上工业企业研发费用同比增长{p}%。",
        "在生产线末端，工人正在对刚下线的产品进行检测、包装，这批订单将发往海外市场。",
        "企业技术总监告诉记者，团队用了三年时间攻克关键工艺，产品性能达到行业先进水平。",
        "“订单已经排到了明年二月，我们正在加紧扩建新产线。”企业负责人说。",
        "记者在企业展厅看到，多款新产品已经进入量产阶段。",
        "{place}设立了科技创新专项资金，对企业研发投入给予一定比例的补助。",
        "近年来，该企业与多所高校共建研发中心，推动科技成果就地转化。",
        "一批“链主”企业带动上下游配套企业集聚发展，产业集群效应日益显现。",
    ],
    "consumer": [
        "为提升消费体验，{place}对街区照明、休憩座椅和公共卫生间进行了改造升级。",
        "据统计，今年“五一”假期，{place}共接待游客{n}万人次，旅游收入同比增长{p2}%。",
        "不少摊主是附近的年轻人，白天上班，晚上摆摊，把兴趣变成了副业。",
        "市场监管部门安排专人巡查，督促经营户明码标价、规范经营，守护好夜市的“烟火气”。",
        "除了美食，夜集上的非遗体验、街头演艺也吸引了不少年轻人驻足。",
        "相关负责人表示，将进一步丰富夜间消费业态，打造一批有特色、有品质的夜间消费集聚区。",
        "夜色渐深，江风习习，灯光映照下的滨江步道上，散步的人群依然不少。",
        "为方便市民出行，公交部门还延长了周边多条线路的末班车时间。",
        "今年以来，{place}接连推出音乐节、美食节等活动，带动周边餐饮、住宿消费明显增长。",
        "一位来自外地的游客说，这里既有城市的热闹，又有小城的闲适，下次还想再来。",
        "城管部门划定了临时停车区域和摊位范围，做到“热闹不扰民、繁华不杂乱”。",
        "据介绍，街区还引入了数字化管理平台，实时监测客流，保障游客安全。",
        "“一个晚上能卖出三四百杯，比去年好多了。”一位经营饮品摊的摊主说。",
        "记者注意到，不少商户推出了特色套餐和优惠活动，吸引顾客驻足消费。",
        "周末的街区人头攒动，不少商户的营业额比平时翻了一番。",
        "“这里的小吃很有地方特色，价格也实惠。”一位游客说。",
        "据统计，街区开街以来累计客流已超过{n}万人次。",
        "不少年轻人结伴而来，拍照打卡，分享到社交平台。",
        "街区还定期举办手作市集和街头音乐会，营造浓厚的文化氛围。",
        "为方便游客，景区推出了线上预约和电子导览服务。",
        "业内人士认为，文旅融合正成为拉动消费增长的新引擎。",
        "暑期将至，不少旅行社推出了亲子游、研学游等特色产品。",
    ],
    "work": [
        "正午时分，地表温度超过50摄氏度，队员们的工装很快就被汗水浸透。",
        "“干我们这一行，最怕的就是出问题，所以每一个细节都要做到位。”一名老队员说。",
        "简单吃过午饭，队员们又马不停蹄地赶往下一个点位。",
        "这些年，班组先后获得省级“工人先锋号”等荣誉称号，培养出多名技术骨干。",
        "随着智能巡检系统的投用，不少重复性工作交给了机器人和无人机，但关键环节仍离不开人工复核。",
        "傍晚时分，结束一天工作的队员们才有空坐下来喝口水。",
        "对于他们来说，节假日加班早已是常态，家人也从最初的不理解变成了默默支持。",
        "回到站里，大家顾不上休息，又围在一起复盘当天的工作，梳理需要跟进的问题。",
        "一名刚入职两年的年轻队员说，跟着师傅们学到的不只是技术，更是一份责任。",
        "“只要大家安心，我们辛苦一点也值得。”",
        "据了解，今年以来，{place}相关队伍已累计开展服务{n2}余次，排除各类隐患{n}处。",
        "夜深了，值班室里依然亮着灯，监控屏幕上的数据一刻不停地刷新着。",
        "他们的身影，是这座城市最平凡也最动人的风景。",
        "在{place}，像这样默默坚守在一线的普通劳动者还有很多。",
        "天刚蒙蒙亮，他们就已经出现在岗位上。",
        "“习惯了，不觉得苦。”说这话时，他憨厚地笑了笑。",
    ],
    "education": [
        "{place}教育部门相关负责人介绍，近年来已累计建成科普教育基地{n}个，每年接待中小学生研学{n2}余批次。",
        "许多学校把科普教育纳入课后服务，开设了航模、机器人、编程等兴趣课程。",
        "“孩子们的想象力常常让我们惊喜。”一位指导老师说。",
        "获奖学生代表表示，参与活动让自己对身边的科学问题有了更深的理解。",
        "据介绍，部分优秀作品将在科技馆、图书馆等场所进行巡回展出。",
        "专家建议，家长要多带孩子走进自然、走进场馆，在实践中培养科学兴趣。",
        "主办方表示，将把这项活动打造成品牌，吸引更多青少年参与。",
        "今年暑期，{place}还将组织开展“科学家进校园”等系列活动，邀请专家学者与学生面对面交流。",
        "在颁奖现场，一件用废旧材料制作的雨水收集装置模型引起不少人的兴趣。",
        "近年来，越来越多的中小学生利用课余时间参加科技竞赛和实践活动。",
        "学校还与高校、科研院所合作，建立了一批校外实践基地。",
        "{place}各中小学今年共开展科技节、科普周等活动{n2}余场次。",
        "学生们在老师的带领下动手实验，课堂气氛十分活跃。",
        "据介绍，今年共有{n2}余名学生报名参加相关活动。",
    ],
    "comment": [
        "事实证明，只有真抓实干，才能把蓝图变为现实。",
        "干部敢为，地方才能敢闯，企业才能敢干，群众才能敢首创。",
        "说到底，检验工作成效的标准，是群众的获得感、幸福感、安全感。",
        "民生无小事，枝叶总关情。把群众的小事当成自己的大事，才能赢得群众的信任和支持。",
        "这就要求我们既要有“功成不必在我”的境界，又要有“功成必定有我”的担当。",
        "推动工作落实，贵在行动，成在坚持。",
        "面对新形势新任务，唯有保持只争朝夕的劲头，才能在激烈竞争中赢得主动。",
        "好的政策，还需要好的落实。要在细节上多下功夫，打通政策落地的“最后一公里”。",
        "城市的温度，往往就体现在这些细微之处。",
        "当然，问题的解决不可能一蹴而就，需要各方持续用力、久久为功。",
        "换位思考，多听听群众的意见，很多看似棘手的问题往往就能找到答案。",
        "以实干论英雄、凭实绩用干部，才能形成能者上、优者奖、庸者下的良好局面。",
        "改革越往深处走，越需要一批敢啃硬骨头、敢涉险滩的干部。",
        "为担当者担当，为负责者负责，干部才能放下包袱、轻装上阵。",
        "一个地方的发展，离不开干事创业的精气神。",
        "制度的生命力在于执行。再好的制度，如果只停留在纸面上，也难以发挥应有的作用。",
        "容错不是纵错，免责不是免罪。要把握好政策界限，既保护干部干事创业的积极性，又防止个别人借机逃避责任。",
        "激励干部担当作为，既要“严管”，也要“厚爱”。",
        "对那些不怕得罪人、敢于碰硬的干部，组织上就要旗帜鲜明地为他们撑腰。",
        "群众的眼睛是雪亮的。谁在真干事、谁在做表面文章，群众心里有杆秤。",
        "一分部署，九分落实。",
        "关键在于把“问题清单”变成“履职清单”，让群众的满意度成为工作的“晴雨表”。",
        "很多时候，群众的诉求并不复杂，难的是有没有人真正放在心上。",
        "从这个意义上说，一条斑马线、一盏路灯、一张长椅，都是城市治理水平的缩影。",
        "城市更新不是简单的推倒重来，而是一场需要耐心和智慧的“微创手术”。",
        "留住老街巷，就是留住城市的根脉；留住老居民，就是留住城市的烟火。",
        "只有让群众参与进来，更新才能更好地回应群众期待。",
        "办好民生实事，既要尽力而为，也要量力而行。",
        "实践告诉我们，越是基层的问题，越需要用心用情去解决。",
        "各级干部要多一些“钉钉子”的韧劲，少一些“一阵风”的做派。",
        "以小见大，这些看似细微的变化，折射的正是治理理念的转变。",
        "好的治理，往往藏在细节里。",
        "问题发现了，就要及时解决；解决不了的，也要给群众一个说法。",
        "干事创业，最怕的是“等靠要”，最需要的是“闯创干”。",
        "要让想干事的人有机会，能干事的人有舞台，干成事的人有地位。",
        "激励与约束，犹如车之两轮、鸟之两翼，缺一不可。",
        "容错纠错机制的建立，释放的是鼓励探索、宽容失败的鲜明信号。",
        "对于干部而言，有了制度保障，更要增强本领，做到既敢为又善为。",
        "不担当、不作为，表面上看是少了风险，实际上是最大的风险。",
        "时代呼唤担当，发展需要实干。",
        "群众利益无小事。一件件“小事”办好了，群众的满意度自然就上来了。",
        "把群众的“急难愁盼”放在心上，就要多一些主动作为，少一些推诿扯皮。",
        "这些“微改变”背后，是治理思路从“管理”向“服务”的转变。",
        "民生工作没有终点，只有连续不断的新起点。",
        "一座城市的文明程度，往往体现在对老人、孩子等群体的关爱上。",
        "保护历史文化，不是把老建筑圈起来供人参观，而是让它们继续融入当下的生活。",
        "城市发展既要有高度，更要有温度。",
        "让群众成为城市更新的参与者、受益者，而不是旁观者，这是检验更新成效的重要标尺。",
        "交通安全关系千家万户，容不得半点马虎。",
        "对于群众反映的问题，有关部门应当闻风而动、立行立改。",
        "舆论监督的目的，不是为了批评而批评，而是为了推动问题的解决。",
        "公共设施建设，既要重“建”，更要重“管”。",
        "说一千道一万，群众满意才是硬道理。",
        "少一些“重建设轻管理”，多一些“长流水不断线”，公共空间才能常用常新。",
        "治理的精细化，离不开每一位市民的参与。",
        "让城市的每一个角落都干净整洁、井然有序，需要管理者多花一份心思。",
    ],
    "essay": [
        "小时候，总觉得夏天很长，长得像门前那条望不到头的小河。",
        "那些日子过去很多年了，可每到这个季节，我总会想起那个小院。",
        "风从田埂上吹过来，带着稻花的清香，也带着泥土的气息。",
        "母亲总说，日子是一天一天过出来的，急不得。",
        "后来我离开了小镇，去了很远的城市，见过许多繁华的街市，却始终忘不了那一方小小的天井。",
        "傍晚的霞光落在瓦檐上，把整条老街都染成了淡淡的橘色。",
        "如今回想起来，那些平淡无奇的日子，竟是最值得珍惜的时光。",
        "雨停了，檐角还在滴着水，一声一声，像是在数着什么。",
        "我常想，人这一生，能守住一份简单的快乐，已是很大的福气。",
        "月亮升起来了，照着院子里的老井，也照着井边打盹的黄狗。",
        "那时候的快乐很简单，一根冰棍、一本小人书，就能让我们高兴上大半天。",
        "岁月流转，老屋早已翻新，可那份温暖一直留在心底。",
        "巷口的老槐树还在，树下乘凉的人却换了一茬又一茬。",
        "夜里躺在竹床上，听着远处的蛙声，不知不觉就睡着了。",
        "老街的石板路被雨水洗得发亮，脚踩上去，能听见清脆的回声。",
        "那条小河如今还在，只是河边洗衣的人少了，多了几个垂钓的老人。",
        "父亲话不多，却总在我们不经意的时候，把一切都打点得妥妥帖帖。",
        "灶膛里的火噼噼啪啪地响着，锅里的米饭渐渐飘出香味。",
        "远处的山一层一层地淡下去，最后融进了暮色里。",
        "我忽然明白，所谓乡愁，不过是一些再也回不去的寻常日子。",
        "每次离家，母亲都要往我的行李箱里塞满吃的，生怕我在外面饿着。",
        "院墙上的凌霄花开得正盛，橘红色的花朵从墙头一直垂到墙根。",
        "日子就这样不紧不慢地过着，像檐下的燕子，来了又去，去了又来。",
        "读书的时候，总盼着长大；长大以后，却常常怀念读书的时光。",
        "黄昏时分，炊烟从各家的屋顶升起来，在半空中慢慢散开。",
        "那一刻，我仿佛又变回了那个赤着脚在田埂上奔跑的孩子。",
        "有些味道，是要用一辈子去记住的。",
        "夏夜的风凉凉的，带着荷塘的清香，从窗口轻轻地吹进来。",
        "多年以后再读这本书，感受和少年时已大不相同。",
        "好的文字，总能让人在喧嚣中安静下来。",
        "村口的大樟树下，总坐着几位摇着扇子聊天的老人。",
        "那年夏天雨水特别多，屋后的池塘涨满了水，青蛙叫了整整一夜。",
        "我在那本旧书里夹着的一片枫叶，颜色早已褪尽，叶脉却依然清晰。",
        "祖母的针线筐里，总有各种颜色的线团和碎布头。",
        "晨雾还没有散尽，早起的人们已经在河边洗衣淘米了。",
        "放学的路上，我们常常在桑树下停留，摘桑葚吃得满嘴紫红。",
        "有时候，一首老歌、一种气味，就能把人带回很多年前。",
        "人到中年，越来越喜欢安静，喜欢一个人坐在窗前看云。",
        "时光是最好的滤镜，把那些苦涩的日子也变得温柔起来。",
        "我想，这大概就是生活最本真的样子。",
        "屋檐下的燕子窝还在，只是不知道今年回来的，是不是去年那一对。",
        "城里的夜太亮了，很难再看到小时候那样满天的星星。",
    ],
    "generic": [
        "据了解，相关工作将持续开展至今年年底。",
        "下一步，相关部门将进一步完善工作机制，推动各项措施落地见效。",
        "记者了解到，这一做法得到了群众的普遍认可。",
        "相关负责人表示，将认真总结经验，适时在更大范围推广。",
        "为做好这项工作，{place}专门成立了工作专班，明确责任分工和时间节点。",
        "截至目前，各项工作进展顺利，部分指标已提前完成年度任务。",
        "不少群众表示，希望这样的好做法能够长期坚持下去。",
        "{place}将把这项工作纳入年度考核，定期通报进展情况。",
        "据悉，有关部门还将组织专项督查，确保各项任务落到实处。",
        "活动现场气氛热烈，参与群众纷纷点赞。",
        "相关工作开展以来，取得了明显成效。",
        "记者从有关部门了解到，目前各项准备工作已基本就绪。",
        "相关部门还将加强跟踪问效，及时研究解决工作中遇到的新情况新问题。",
        "这项工作涉及面广、任务量大，需要各方协同配合。",
        "据介绍，相关配套政策也将陆续出台。",
        "{place}还通过微信公众号、短视频等渠道加强宣传，提高群众知晓率。",
        "多位受访群众表示，这项举措实实在在，给大家带来了便利。",
        "按照计划，这项工作将分三个阶段推进。",
        "负责人表示，将以此为契机，推动相关工作再上新台阶。",
        "此外，相关部门还将定期开展“回头看”，巩固工作成果。",
    ],
}


_CHAINS: dict[str, tuple[str, ...]] = {
    "project": ("project", "tech", "generic"),
    "meeting": ("meeting", "generic"),
    "culture": ("culture", "consumer", "generic"),
    "livelihood": ("livelihood", "consumer", "generic"),
    "agriculture": ("agriculture", "environment", "generic"),
    "sports": ("sports", "education", "generic"),
    "environment": ("environment", "agriculture", "generic"),
    "tech": ("tech", "project", "generic"),
    "consumer": ("consumer", "culture", "generic"),
    "work": ("work", "livelihood", "generic"),
    "education": ("education", "culture", "generic"),
    "comment": ("comment",),
    "essay": ("essay",),
}


class _Filler:
    """Deals sentences for a page: a topic's own bank first, then related ones; none twice on a page."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.order: dict[str, list[str]] = {}
        self.used: set[str] = set()

    def candidates(self, topic: str, k: int) -> list[str]:
        out: list[str] = []
        for bank in _CHAINS[topic]:
            if bank not in self.order:
                sentences = list(_BANKS[bank])
                self.rng.shuffle(sentences)
                self.order[bank] = sentences
            for t in self.order[bank]:
                if t not in self.used and t not in out:
                    out.append(t)
                    if len(out) == k:
                        return out
        return out

    def take(self, template: str) -> None:
        self.used.add(template)


def _fill_slots(template: str, place: str, rng: random.Random) -> str:
    a = rng.randint(2, 4)
    return template.format(
        place=place,
        n=rng.randint(12, 96),
        n2=rng.randint(120, 960),
        n3=rng.randint(1200, 9600),
        p=f"{rng.randint(52, 97)}.{rng.randint(1, 9)}",
        p2=rng.randint(3, 19),
        a=a,
        b=rng.randint(0, a - 1),
    )


# --------------------------------------------------------------------------------------------
# page model
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Grid:
    """The page's column grid: ncols columns of chars characters of size pt, gutter pt apart."""

    ncols: int
    chars: int
    size: float
    gutter: float
    leading: float

    @property
    def cw(self) -> float:
        return self.chars * self.size

    @property
    def x0(self) -> float:
        total = self.ncols * self.cw + (self.ncols - 1) * self.gutter
        return (PAGE_W - total) / 2

    def x(self, col: int) -> float:
        return self.x0 + col * (self.cw + self.gutter)

    def right(self, col: int) -> float:
        return self.x(col) + self.cw


@dataclass
class _Photo:
    """A picture: a grey box with a caption in 8 pt under it.

    In a text article it covers body columns first..last (0-based) at the top of the body."""

    caption: str
    height: float
    first: int = 0
    last: int = 0


@dataclass
class _Art:
    """One article as printed and as its gold record describes it."""

    title: list[str]
    date: str
    authors: list[str]
    paras: list[str] = field(default_factory=list)
    kicker: str = ""
    subtitle: str = ""
    title_size: float = 24.0
    align: str = "center"
    vertical: bool = False
    byline: str = ""  # printed between headline and body (记者 X, □ 文/Y, 本报评论员)
    byline_align: str = "left"
    topic: str = ""  # fill the block with sentences of this bank after the paragraphs
    place: str = ""
    end: str = ""  # appended to the last paragraph, e.g. （记者 孙八）
    cont_to: str = ""  # 下转第4版: printed as its own line at the end
    cont_from: str = ""  # 上接第1版: printed at the start of the body
    photo: _Photo | None = None
    photo_news: bool = False  # the photo and its caption are the whole article
    poem: bool = False  # paras are the poem's lines, "" between stanzas


@dataclass
class _Box:
    """A framed box of lines that belong to no article (导读, weather)."""

    label: str
    lines: list[str]
    size: float = 10.0


@dataclass
class _Block:
    col0: int
    span: int
    top: float
    bottom: float
    art: _Art | None = None
    box: _Box | None = None
    frame: bool = False
    cols: int = 0  # body columns; 0: as many as the block spans


@dataclass
class _Spec:
    name: str
    paper: str
    issue: str  # ISO date
    page: int
    kind: str
    note: str
    grid: _Grid
    mode: str  # "char": one character at a time; "line": one text run per line
    head: Callable[[_Painter], None]
    blocks: list[_Block]
    foot: list[str] = field(default_factory=list)
    bold: bool = True


class _Painter:
    """Draws text on a canvas (top-down coordinates) and records strings that belong to no article."""

    def __init__(self, c: canvas.Canvas, mode: str) -> None:
        self.c = c
        self.mode = mode
        self.furniture: list[str] = []

    def run(
        self,
        x: float,
        y: float,
        s: str,
        size: float,
        cs: float = 0.0,
        bold: bool = False,
        color: tuple[float, float, float] = _BLACK,
    ) -> None:
        """Draw s with its baseline at y (from the top), starting at x, cs pt between characters."""
        if not s:
            return
        c = self.c
        c.setFillColorRGB(*color)
        t = c.beginText()
        t.setFont(FONT, size)
        t.setCharSpace(0)
        if bold:
            c.setStrokeColorRGB(*color)
            c.setLineWidth(size * 0.03)
            t.setTextRenderMode(2)
        py = PAGE_H - y
        if self.mode == "char":
            xx = x
            for ch in s:
                if ch != " ":
                    t.setTextOrigin(xx, py)
                    t.textOut(ch)
                xx += _cw(ch, size, "char") + cs
        else:
            t.setCharSpace(cs)
            t.setTextOrigin(x, py)
            t.textOut(s)
            t.setCharSpace(0)
        if bold:
            t.setTextRenderMode(0)
        c.drawText(t)
        if color != _BLACK:
            c.setFillColorRGB(*_BLACK)
        if bold:
            c.setStrokeColorRGB(*_BLACK)

    def aligned(
        self,
        x_l: float,
        x_r: float,
        y: float,
        s: str,
        size: float,
        align: str = "left",
        cs: float = 0.0,
        bold: bool = False,
        color: tuple[float, float, float] = _BLACK,
    ) -> None:
        w = _sw(s, size, self.mode, cs)
        if align == "center":
            x = x_l + (x_r - x_l - w) / 2
        elif align == "right":
            x = x_r - w
        else:
            x = x_l
        self.run(x, y, s, size, cs, bold, color)

    def furn(
        self,
        x_l: float,
        x_r: float,
        y: float,
        s: str,
        size: float,
        align: str = "left",
        cs: float = 0.0,
        bold: bool = False,
        color: tuple[float, float, float] = _BLACK,
    ) -> None:
        """Draw a string that belongs to no article, and record it."""
        self.aligned(x_l, x_r, y, s, size, align, cs, bold, color)
        self.furniture.append(s)

    def hline(self, x1: float, x2: float, y: float, width: float = 0.5, color: Any = _GREY) -> None:
        c = self.c
        c.setStrokeColorRGB(*color)
        c.setLineWidth(width)
        c.line(x1, PAGE_H - y, x2, PAGE_H - y)
        c.setStrokeColorRGB(*_BLACK)

    def vline(self, x: float, y1: float, y2: float, width: float = 0.5) -> None:
        c = self.c
        c.setStrokeColorRGB(*_GREY)
        c.setLineWidth(width)
        c.line(x, PAGE_H - y1, x, PAGE_H - y2)
        c.setStrokeColorRGB(*_BLACK)

    def rect(
        self,
        x: float,
        top: float,
        w: float,
        h: float,
        fill: tuple[float, float, float] | None = None,
        stroke: float = 0.0,
    ) -> None:
        c = self.c
        if fill is not None:
            c.setFillColorRGB(*fill)
        c.setLineWidth(stroke or 0.6)
        c.rect(x, PAGE_H - top - h, w, h, stroke=1 if stroke else 0, fill=1 if fill is not None else 0)
        c.setFillColorRGB(*_BLACK)


# --------------------------------------------------------------------------------------------
# laying out one article
# --------------------------------------------------------------------------------------------


class LayoutError(ValueError):
    """An article's own text does not fit its block."""


def _fit_size(lines: Sequence[str], size: float, width: float, mode: str, floor: float = 12.0) -> float:
    widest = max(_sw(s, size, mode) for s in lines)
    if widest <= width:
        return size
    fitted = math.floor(size * width / widest * 2) / 2
    if fitted < floor:
        raise LayoutError(f"headline {lines!r} too wide for {width:.0f} pt")
    return fitted


def _draw_photo(p: _Painter, x: float, top: float, w: float, h: float, rng: random.Random) -> None:
    """A grey picture: sky, a horizon, some darker shapes.  No text."""
    c = p.c
    p.rect(x, top, w, h, fill=(0.80, 0.80, 0.80))
    horizon = top + h * rng.uniform(0.35, 0.6)
    p.rect(x, horizon, w, top + h - horizon, fill=(0.58, 0.58, 0.58))
    for _ in range(9):
        cx = x + rng.uniform(0.08, 0.92) * w
        cy = horizon + rng.uniform(-0.15, 0.35) * h
        r = rng.uniform(0.03, 0.09) * min(w, h)
        g = rng.uniform(0.3, 0.5)
        c.setFillColorRGB(g, g, g)
        c.ellipse(cx - r * 1.4, PAGE_H - cy - r, cx + r * 1.4, PAGE_H - cy + r, stroke=0, fill=1)
    c.setFillColorRGB(*_BLACK)
    c.setStrokeColorRGB(0.2, 0.2, 0.2)
    c.setLineWidth(0.4)
    c.rect(x, PAGE_H - top - h, w, h, stroke=1, fill=0)


_CAPTION = 8.0
_CAPTION_LEAD = 11.0


def _caption_lines(text: str, width: float, mode: str) -> list[_Line]:
    lines = _break(text, _CAPTION, width, mode, indent=0)
    for ln in lines:
        ln.size = _CAPTION
    return lines


class _Ctx:
    """What a page's articles share: its painter, grid, random source and sentence dealers."""

    def __init__(self, painter: _Painter, grid: _Grid, seed: str, bold: bool) -> None:
        self.p = painter
        self.grid = grid
        self.rng = random.Random(zlib.crc32(seed.encode()))
        self.filler = _Filler(self.rng)
        self.bold = bold
        # how full each article's block came out: (title, lines set, lines the block holds)
        self.fill: list[tuple[str, int, int]] = []


def _headline(ctx: _Ctx, art: _Art, x_l: float, x_r: float, top: float) -> float:
    """Draw kicker, title lines and subtitle across x_l..x_r from top; return where the body starts."""
    p = ctx.p
    width = x_r - x_l
    y = top
    align = art.align
    if art.kicker:
        ks = _fit_size([art.kicker], 13.5, width, p.mode)
        y += ks * 1.05
        p.aligned(x_l, x_r, y, art.kicker, ks, align)
        y += ks * 0.55
    ts = _fit_size(art.title, art.title_size, width, p.mode)
    for i, line in enumerate(art.title):
        y += ts * (0.95 if i == 0 else 1.18)
        p.aligned(x_l, x_r, y, line, ts, align, bold=ctx.bold)
    y += ts * 0.3
    if art.subtitle:
        ss = _fit_size([art.subtitle], 13.0, width, p.mode)
        y += ss * 1.15
        p.aligned(x_l, x_r, y, art.subtitle, ss, align)
        y += ss * 0.35
    return y + 9.0


def _compose(ctx: _Ctx, art: _Art, width: float, capacity: int) -> list[_Line]:
    """The article's body as lines: its paragraphs, then sentences of its topic until the block is full."""
    size, mode = ctx.grid.size, ctx.p.mode
    cache: dict[str, int] = {}

    def count(text: str) -> int:
        n = cache.get(text)
        if n is None:
            n = len(_break(text, size, width, mode))
            cache[text] = n
        return n

    paras = list(art.paras)
    if art.cont_from:
        paras[0] = f"（{art.cont_from}）" + paras[0]
    tail = 1 if art.cont_to else 0

    def total(ps: list[str]) -> int:
        return sum(count(t) for t in ps[:-1]) + count(ps[-1] + art.end) + tail

    if total(paras) > capacity:
        raise LayoutError(f"{art.title[0]}: {total(paras)} lines for a block of {capacity}")
    if art.topic:
        filler = ctx.filler
        done = False
        while not done:
            new = ""
            for _ in range(ctx.rng.choice((2, 2, 3, 3, 4))):
                for template in filler.candidates(art.topic, 8):
                    sentence = _fill_slots(template, art.place, ctx.rng)
                    if total([*paras, new + sentence]) <= capacity:
                        new += sentence
                        filler.take(template)
                        break
                else:
                    done = True
                    break
            if new:
                paras.append(new)
            elif not done:
                break
    lines: list[_Line] = []
    for i, text in enumerate(paras):
        if i == len(paras) - 1:
            text += art.end
        if i == 0 and art.cont_from:
            lines.extend(_break(text, size, width, mode, indent=0))
        else:
            lines.extend(_break(text, size, width, mode))
    if art.cont_to:
        mark = f"（{art.cont_to}）"
        lines.append(_Line(mark, width - _sw(mark, size, mode)))
    return lines


def _flow(
    ctx: _Ctx, lines: list[_Line], cols: list[tuple[float, float]], tops: list[float], bottom: float
) -> int:
    """Draw lines down the first column, then the next; return how many did not fit."""
    size, leading = ctx.grid.size, ctx.grid.leading
    i = 0
    for (x, _w), top in zip(cols, tops, strict=True):
        y = top + size * 0.88
        while i < len(lines) and y + size * 0.12 <= bottom + 1e-6:
            ln = lines[i]
            ctx.p.run(x + ln.x0, y, ln.text, ln.size or size, ln.cs)
            i += 1
            y += leading
    return len(lines) - i


def _article(ctx: _Ctx, blk: _Block) -> dict[str, Any]:
    """Draw one article in its block; return its gold record."""
    art = blk.art
    assert art is not None
    p, g = ctx.p, ctx.grid
    size, leading = g.size, g.leading
    x_l, x_r = g.x(blk.col0), g.right(blk.col0 + blk.span - 1)
    top, bottom = blk.top, blk.bottom
    if blk.frame:
        p.rect(x_l - 4, top, x_r - x_l + 8, bottom - top, stroke=0.8)
        x_l, x_r, top, bottom = x_l + 6, x_r - 6, top + 8, bottom - 6
    k = blk.cols or blk.span
    body_right = x_r
    if art.vertical:
        y = top
        right = x_r
        ts = art.title_size
        if art.kicker:
            ks = 14.0
            kx = right - ks * 1.05
            for i, ch in enumerate(art.kicker):
                p.run(kx, top + 6 + ks * 0.9 + i * ks * 1.15, ch, ks)
            right = kx - ks * 0.5
        tx = right - ts * 1.05
        step = ts * 1.12
        if 6 + len(art.title[0]) * step > bottom - top:
            raise LayoutError(f"vertical title {art.title[0]} longer than its block")
        for i, ch in enumerate(art.title[0]):
            p.run(tx, top + 6 + ts * 0.9 + i * step, ch, ts, bold=ctx.bold)
        body_right = tx - ts * 0.25 - g.gutter
        p.vline(body_right + g.gutter / 2, top, bottom)
    else:
        y = _headline(ctx, art, x_l, x_r, top)
    if art.byline:
        y += size
        indent = x_l + (2 * size if art.byline_align == "left" else 0)
        p.aligned(indent, x_r, y, art.byline, size, art.byline_align)
        y += leading - size + 2
    first_body = ""
    if art.photo_news:
        assert art.photo is not None
        _draw_photo(p, x_l, y, x_r - x_l, art.photo.height, ctx.rng)
        y += art.photo.height + 4
        lines = _caption_lines(art.photo.caption, x_r - x_l, p.mode)
        yy = y + _CAPTION * 0.88
        for ln in lines:
            p.run(x_l + ln.x0, yy, ln.text, _CAPTION, ln.cs)
            yy += _CAPTION_LEAD
        if yy - _CAPTION_LEAD + 2 > bottom:
            raise LayoutError(f"photo {art.title[0]} overflows its block")
        first_body = art.photo.caption
    else:
        cols = _columns(x_l, body_right, k, size, g.gutter)
        width = cols[0][1]
        tops = [y] * k
        if art.photo is not None:
            ph = art.photo
            px = cols[ph.first][0]
            pw = cols[ph.last][0] + cols[ph.last][1] - px
            _draw_photo(p, px, y, pw, ph.height, ctx.rng)
            cy = y + ph.height + 4 + _CAPTION * 0.88
            for ln in _caption_lines(ph.caption, pw, p.mode) if ph.caption else []:
                p.run(px + ln.x0, cy, ln.text, _CAPTION, ln.cs)
                cy += _CAPTION_LEAD
            for i in range(ph.first, ph.last + 1):
                tops[i] = cy - _CAPTION_LEAD + 12
        if art.poem:
            lines = [_Line(s, 2 * size) for s in art.paras]
            for ln in lines:
                if _sw(ln.text, size, p.mode) + ln.x0 > width + 1e-6:
                    raise LayoutError(f"poem line {ln.text} wider than its column")
            first_body = "".join(art.paras)
        else:
            capacity = sum(_col_capacity(t, bottom, size, leading) for t in tops)
            lines = _compose(ctx, art, width, capacity)
            ctx.fill.append((art.title[0], len(lines), capacity))
            first_body = art.paras[0]
        left = _flow(ctx, lines, cols, tops, bottom)
        if left:
            raise LayoutError(f"{art.title[0]}: {left} lines do not fit")
    return {
        "kicker": art.kicker,
        "title": "".join(art.title),
        "subtitle": art.subtitle,
        "date": art.date,
        "authors": list(art.authors),
        "body_start": _han(first_body)[:12],
        "continued": art.cont_to or art.cont_from,
    }


def _box(ctx: _Ctx, blk: _Block) -> None:
    box = blk.box
    assert box is not None
    p, g = ctx.p, ctx.grid
    x_l, x_r = g.x(blk.col0), g.right(blk.col0 + blk.span - 1)
    p.rect(x_l, blk.top, x_r - x_l, blk.bottom - blk.top, stroke=0.8)
    band = 22.0
    p.rect(x_l, blk.top, x_r - x_l, band, fill=(0.15, 0.15, 0.15))
    p.furn(x_l, x_r, blk.top + 16, box.label, 13, "center", cs=6, color=(1, 1, 1))
    y = blk.top + band + 6
    step = box.size * 1.75
    for line in box.lines:
        y += box.size * 1.2
        p.furn(x_l + 8, x_r - 8, y, line, box.size)
        y += step - box.size * 1.2
    if y > blk.bottom:
        raise LayoutError(f"box {box.label} overflows")


def _rules(ctx: _Ctx, blocks: list[_Block]) -> None:
    """Thin rules between blocks: under a block with one below it, right of a block with one beside it."""
    g = ctx.grid
    right_edge = g.right(g.ncols - 1)
    for b in blocks:
        if b.frame or b.box is not None:
            continue
        x_l, x_r = g.x(b.col0), g.right(b.col0 + b.span - 1)
        if b.bottom < CONTENT_BOTTOM - 20:
            ctx.p.hline(x_l, x_r, b.bottom + 7)
        if x_r < right_edge - 20:
            ctx.p.vline(x_r + g.gutter / 2, b.top, b.bottom)


def _draw(c: canvas.Canvas, spec: _Spec) -> dict[str, Any]:
    """Draw one page on c (not ending it); return its gold record."""
    painter = _Painter(c, spec.mode)
    ctx = _Ctx(painter, spec.grid, spec.name, spec.bold)
    spec.head(painter)
    articles = []
    for blk in spec.blocks:
        if blk.art is not None:
            articles.append(_article(ctx, blk))
        elif blk.box is not None:
            _box(ctx, blk)
    _rules(ctx, spec.blocks)
    if spec.foot:
        _foot(painter, spec.foot)
    starts = [a["body_start"] for a in articles]
    if len(set(starts)) != len(starts):
        raise LayoutError(f"{spec.name}: two articles start alike: {starts}")
    return {"kind": spec.kind, "articles": articles, "furniture": painter.furniture}


def _foot(p: _Painter, items: list[str]) -> None:
    """A line of small print at the bottom of the page, spread across its width."""
    y = PAGE_H - MARGIN + 18
    p.hline(MARGIN + 4, PAGE_W - MARGIN - 4, y - 11, 0.6, _BLACK)
    n = len(items)
    span = (PAGE_W - 2 * MARGIN - 8) / n
    for i, s in enumerate(items):
        x_l = MARGIN + 4 + i * span
        align = "left" if i == 0 else ("right" if i == n - 1 else "center")
        p.furn(x_l, x_l + span, y, s, 8, align)


def _new_canvas(buf: io.BytesIO, encrypt: str | None = None) -> canvas.Canvas:
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1, encrypt=encrypt, pageCompression=1)
    c.setTitle("")
    c.setAuthor("")
    c.setCreator("tests.helpers.pdfpages")
    return c


# --------------------------------------------------------------------------------------------
# mastheads and folios
# --------------------------------------------------------------------------------------------

_WEEKDAYS = "一二三四五六日"
_LUNAR = {"2024-06-14": "农历甲辰年五月初九", "2024-06-15": "农历甲辰年五月初十"}


@dataclass(frozen=True)
class _Paper:
    name: str
    sponsor: str = ""
    publisher: str = ""
    cn: str = ""
    post: str = ""
    foot: tuple[str, ...] = ()
    style: str = "left"  # masthead: the name at the left, or centred


_XC = _Paper(
    "溪澄日报",
    sponsor="中共溪澄市委主办",
    publisher="溪澄日报社出版",
    cn="国内统一连续出版物号 CN 39-0521",
    post="邮发代号 39-18",
    foot=(
        "溪澄日报社出版",
        "地址：溪澄市澄湖区望湖路88号",
        "新闻热线：0599-86012345",
        "网址：www.xcrb.example",
    ),
)
_TC = _Paper(
    "棠川晚报",
    sponsor="棠川日报社主办",
    publisher="棠川晚报编辑部出版",
    cn="国内统一连续出版物号 CN 39-0688",
    post="邮发代号 39-66",
    foot=("新闻热线：96600", "发行热线：0598-82356789", "广告热线：0598-82356000", "网址：www.tcwb.example"),
    style="center",
)


def _day(issue: str) -> date:
    return date.fromisoformat(issue)


def _date_cn(issue: str) -> str:
    d = _day(issue)
    return f"{d.year}年{d.month}月{d.day}日"


def _weekday(issue: str) -> str:
    return "星期" + _WEEKDAYS[_day(issue).weekday()]


def _masthead(paper: _Paper, issue: str, number: str, pages: str) -> Callable[[_Painter], None]:
    """The front page's masthead: the paper's name very large, its registration lines, the date."""

    def head(p: _Painter) -> None:
        x_l, x_r = MARGIN + 6, PAGE_W - MARGIN - 6
        lunar = _LUNAR.get(issue, "")
        if paper.style == "left":
            p.furn(x_l, x_r, 100, paper.name, 60, cs=4, bold=True, color=_RED)
            line = f"{_date_cn(issue)} {_weekday(issue)}" + (f" {lunar}" if lunar else "")
            p.furn(x_l + 2, x_r, 134, line, 12)
            small = [s for s in (paper.sponsor, paper.publisher, paper.cn, paper.post, number, pages) if s]
            y = 58.0
            for s in small:
                p.furn(x_l + 470, x_r, y, s, 9, "right")
                y += 15.5
        else:
            p.furn(x_l, x_r, 104, paper.name, 54, "center", cs=10, bold=True, color=_RED)
            y = 64.0
            for s in [s for s in (paper.sponsor, paper.cn, paper.post, number) if s]:
                p.furn(x_l, x_l + 230, y, s, 9)
                y += 16
            y = 64.0
            for s in [_date_cn(issue), _weekday(issue), lunar, pages]:
                if s:
                    p.furn(x_r - 230, x_r, y, s, 9, "right")
                    y += 16
            p.furn(x_l, x_r, 134, "读者的贴心朋友", 11, "center", cs=3)
        p.hline(x_l, x_r, 147, 2.4, _BLACK)
        p.hline(x_l, x_r, 151.5, 0.6, _BLACK)

    return head


def _folio(
    paper: _Paper, issue: str, page: int, section: str, editors: Sequence[str], with_name: bool = False
) -> Callable[[_Painter], None]:
    """An inner page's folio line: date, section, page number and editors spread across the width."""

    def head(p: _Painter) -> None:
        x_l, x_r = MARGIN + 6, PAGE_W - MARGIN - 6
        y = 46.0
        mid = PAGE_W / 2
        date_s = f"{_date_cn(issue)} {_weekday(issue)}"
        num = str(page)
        eds = " ".join(editors)
        if page % 2:  # odd pages: the date at the left, the page number at the right
            if with_name:
                p.furn(x_l, x_r, y, paper.name, 10, bold=True)
                p.furn(x_l + 60, x_r, y, date_s, 9)
            else:
                p.furn(x_l, x_r, y, date_s, 9)
            p.furn(mid - 80, mid + 80, y, section, 15, "center", cs=4, bold=True)
            p.furn(x_l, x_r - 34, y, eds, 9, "right")
            p.rect(x_r - 26, y - 17, 26, 22, fill=(0.15, 0.15, 0.15))
            p.furn(x_r - 26, x_r, y, num, 15, "center", color=(1, 1, 1))
        else:  # even pages mirror them
            p.rect(x_l, y - 17, 26, 22, fill=(0.15, 0.15, 0.15))
            p.furn(x_l, x_l + 26, y, num, 15, "center", color=(1, 1, 1))
            p.furn(x_l + 34, x_r, y, eds, 9)
            p.furn(mid - 80, mid + 80, y, section, 15, "center", cs=4, bold=True)
            if with_name:
                p.furn(x_l, x_r - 60, y, date_s, 9, "right")
                p.furn(x_l, x_r, y, paper.name, 10, "right", bold=True)
            else:
                p.furn(x_l, x_r, y, date_s, 9, "right")
        p.hline(x_l, x_r, 54, 1.4, _BLACK)
        p.hline(x_l, x_r, 57, 0.4, _BLACK)

    return head


def _supplement(
    folio: Callable[[_Painter], None], name: str, lines: Sequence[str]
) -> Callable[[_Painter], None]:
    """A 副刊 page's head: its folio, then the supplement's own name in large type."""

    def head(p: _Painter) -> None:
        folio(p)
        x_l, x_r = MARGIN + 6, PAGE_W - MARGIN - 6
        p.furn(x_l + 4, x_r, 112, name, 40, cs=8, bold=True, color=(0.12, 0.3, 0.45))
        y = 86.0
        for s in lines:
            p.furn(x_l, x_r, y, s, 9, "right")
            y += 15
        p.hline(x_l, x_r, 126, 0.8, (0.12, 0.3, 0.45))

    return head


# --------------------------------------------------------------------------------------------
# the pages of the set
# --------------------------------------------------------------------------------------------

_G6_12 = _Grid(6, 12, 9.5, 10, 14.5)
_G6_13 = _Grid(6, 13, 9.0, 10, 14.0)
_G6_11 = _Grid(6, 11, 10.5, 10, 17.0)
_G7_11 = _Grid(7, 11, 9.0, 10, 13.8)
_G6_12P = _Grid(6, 12, 9.5, 10, 15.5)

_A = "2024-06-14"  # 溪澄日报's issue
_B = "2024-06-15"  # 棠川晚报's issue
_FRONT_TOP = 164.0


def _f01() -> _Spec:
    lead = _Art(
        kicker="坚持项目为王 奋力攻坚克难",
        title=["我市二季度重大项目集中开工"],
        subtitle="——总投资326亿元 涉及先进制造、城市更新等领域",
        title_size=28,
        date="2024-06-13",
        authors=["林晓岚", "周一帆"],
        paras=[
            "本报讯（记者 林晓岚 通讯员 周一帆）6月13日上午，我市2024年第二季度重大项目集中开工活动在澄湖新区"
            "主会场举行，各县（市、区）设分会场同步开工。此次集中开工项目共58个，总投资326亿元，涵盖先进制造、"
            "数字经济、城市更新、交通水利等多个领域。",
            "市委书记顾长川宣布项目开工，市长沈立恒致辞。沈立恒说，项目是经济发展的“压舱石”。今年以来，全市上下"
            "坚持把项目建设作为稳增长的主抓手，一批打基础、利长远的好项目相继落地。希望各地各部门进一步强化要素"
            "保障，优化审批服务，推动项目早建成、早投产、早见效。",
            "在主会场，澄湖新区智能装备产业园项目负责人介绍，该项目总投资42亿元，建成后将形成年产伺服电机、精密"
            "减速器等核心部件80万套的能力，预计可实现年产值60亿元。",
        ],
        topic="project",
        place="澄湖新区",
    )
    grain = _Art(
        title=["望岚县夏粮收购开秤"],
        title_size=22,
        date=_A,
        authors=["陈志远"],
        paras=[
            "本报讯 记者陈志远 近日，望岚县夏粮收购工作全面启动，全县12个收购网点同步开秤，预计今年收购小麦、"
            "油菜籽等夏粮4.6万吨。"
        ],
        topic="agriculture",
        place="望岚县",
    )
    guide = _Box(
        "导读",
        [
            "● 澄溪河生态廊道全线贯通 3版",
            "● 溪澄籍小将夺得两枚金牌 4版",
            "● 荷塘初夏 白鹭洲湿地迎客 5版",
            "● 为实干者撑腰鼓劲 6版",
            "● 枇杷熟了（散文） 8版",
        ],
    )
    lifts = _Art(
        title=["老城区加装电梯进入快车道"],
        subtitle="——今年已完工126台 惠及居民2300余户",
        date=_A,
        authors=["许文博"],
        paras=[
            "本报讯（记者 许文博）记者近日从市住建局获悉，今年以来，我市老旧小区加装电梯工作提速推进。截至6月"
            "上旬，全市已完工加装电梯126台，另有98台正在施工，惠及居民2300余户。",
            "“加装电梯难，难在意见统一。”市住建局相关负责人介绍，为破解这一难题，我市出台了加装电梯工作指引，"
            "明确低层住户补偿参考标准，并由街道、社区搭建协商平台，引导居民算好“经济账”和“亲情账”。",
        ],
        topic="livelihood",
        place="澄湖区",
        cont_to="下转第4版",
    )
    crafts = _Art(
        kicker="百余项非遗项目集中亮相",
        title=["全国乡村手艺展演周开幕"],
        date="2024-06-11",
        authors=["王启明", "韩素云"],
        paras=[
            "新华社北京6月12日电（记者 王启明 韩素云）6月11日，首届全国乡村手艺展演周在北京开幕，来自各地的"
            "120余个非遗项目、300多名民间艺人集中亮相，展示乡村文化振兴的丰硕成果。",
            "本次展演以“手艺里的乡村”为主题，设置传统技艺、民间音乐、乡村美食等展区。开幕式上，来自山区和水乡"
            "的民歌、评弹、皮影戏等节目依次上演，赢得观众阵阵掌声。",
        ],
        topic="culture",
        place="各地",
    )
    port = _Art(
        title=["港口吞吐量创同期新高"],
        title_size=20,
        date="2024-06-13",
        authors=["黄思睿"],
        paras=[
            "本报6月13日讯（记者 黄思睿）记者从溪澄港务集团获悉，今年1至5月，溪澄港累计完成集装箱吞吐量108.6"
            "万标箱，同比增长12.4%，创历史同期新高。"
        ],
        topic="project",
        place="溪澄港",
    )
    night = _Art(
        title=["夜经济点亮滨江“烟火气”"],
        date=_A,
        authors=["宋佳音"],
        paras=[
            "傍晚七点，暑气渐消，澄湖区滨江路上的“溪澄夜集”准时亮灯。烤串的香气、手作摊位的吆喝声和街头乐队的"
            "歌声交织在一起，前来逛吃的市民游客络绎不绝。",
            "“下班后带孩子来转转，吃点小吃、听听歌，特别放松。”市民陈女士说。据了解，“溪澄夜集”于今年5月开市，"
            "设有特色餐饮、文创市集、潮玩体验等摊位180余个，周末日均客流超过2万人次。",
        ],
        topic="consumer",
        place="澄湖区",
        end="（记者 宋佳音）",
    )
    return _Spec(
        "f01",
        _XC.name,
        _A,
        1,
        "front page",
        "front page: masthead, lead with kicker/title/subtitle, 导读 box, article continued on page 4",
        _G6_12,
        "line",
        _masthead(_XC, _A, "第12876期", "今日8版"),
        [
            _Block(0, 4, _FRONT_TOP, 585, lead),
            _Block(4, 2, _FRONT_TOP, 420, grain),
            _Block(4, 2, 434, 585, box=guide),
            _Block(0, 3, 599, 905, lifts),
            _Block(3, 3, 599, 905, crafts),
            _Block(0, 2, 919, CONTENT_BOTTOM, port),
            _Block(2, 4, 919, CONTENT_BOTTOM, night),
        ],
        foot=list(_XC.foot),
    )


def _f02() -> _Spec:
    meeting = _Art(
        title=["市政府召开第二十六次常务会议"],
        subtitle="——研究部署安全生产和防汛防台工作",
        title_size=26,
        date="2024-06-12",
        authors=["赵明川"],
        paras=[
            "本报讯（记者 赵明川）6月12日，市长沈立恒主持召开市政府第二十六次常务会议，研究部署安全生产和防汛"
            "防台工作，审议《溪澄市城市更新条例（草案）》等事项。",
            "会议指出，今年入梅以来，我市降雨偏多，部分地区出现短时强降水，防汛形势严峻复杂。各地各部门要立足于"
            "防大汛、抗大灾，全面落实防汛责任制，加强对山塘水库、地质灾害隐患点、城市低洼易涝区域的巡查值守。",
            "会议审议了《溪澄市城市更新条例（草案）》。会议认为，制定出台该条例，对于规范城市更新活动、改善人居"
            "环境具有重要意义。要坚持“留改拆”并举，注重保护历史文化风貌，按程序提请市人大常委会审议。",
        ],
        topic="meeting",
        place="全市",
    )
    machines = _Art(
        title=["枫溪镇建成首座", "“共享农机站”"],
        title_size=22,
        date=_A,
        authors=["罗清扬", "邵青"],
        paras=[
            "本报讯 记者罗清扬 通讯员 邵青 近日，枫溪镇首座“共享农机站”建成投用，站内配备收割机、插秧机、"
            "植保无人机等各类农机具46台（套），农户通过手机即可预约使用。"
        ],
        topic="agriculture",
        place="枫溪镇",
    )
    digital = _Art(
        title=["数字乡村现场推进会在我市召开"],
        title_size=22,
        date="2024-06-12",
        authors=["郑雨桐", "叶知秋"],
        paras=[
            "本报6月12日讯（记者 郑雨桐 通讯员 叶知秋）全省数字乡村建设现场推进会今天在我市召开。与会人员实地"
            "察看了望岚县云岫村数字农业基地、枫溪镇乡村治理数字平台等现场，交流各地经验做法。",
            "近年来，我市以数字化改革为牵引，推动数字技术与农业生产、乡村治理、农村生活深度融合，建成数字农业"
            "工厂23家，乡村治理数字平台实现行政村全覆盖。",
        ],
        topic="tech",
        place="望岚县",
    )
    power = _Art(
        kicker="走基层·一线见闻",
        title=["守护万家灯火的“电力蓝”"],
        date=_A,
        authors=["唐可欣"],
        byline="记者 唐可欣",
        paras=[
            "凌晨五点，东漪区变电运维站的灯已经亮了。运维班班长邱建国换上工装、背起工具包，带着两名队员驱车赶往"
            "20公里外的一座变电站。“天气越来越热，用电负荷一天比一天高，设备一点都马虎不得。”他说。",
            "到达现场后，三人分工协作，逐一检查主变压器、开关柜和电缆接头。红外测温仪的屏幕上，一串串数字不断"
            "跳动。邱建国蹲在设备旁，仔细比对每一个数据，不时在巡检记录上写下几笔。",
            "迎峰度夏期间，这个12人的班组要负责辖区内31座变电站的运行维护，平均每人每天要走上两万多步。“累是"
            "累点，但看到千家万户灯火通明，心里就踏实了。”",
        ],
        topic="work",
        place="东漪区",
    )
    science = _Art(
        title=["首届全国青少年水利科普作品评选揭晓"],
        date="2024-06-12",
        authors=[],
        paras=[
            "新华社北京6月13日电 6月12日，首届全国青少年水利科普作品征集评选结果在北京揭晓，共有260件作品分获"
            "一、二、三等奖，我省选送的12件作品榜上有名。",
            "本次活动自去年10月启动以来，共收到来自全国各地中小学生提交的科普绘画、短视频、科技小制作等作品1.8万"
            "余件。评审专家表示，参评作品选题新颖、形式多样，充分展现了青少年对节水护水的认识和思考。",
        ],
        topic="education",
        place="各地",
    )
    bridge = _Art(
        title=["望岚高速互通完成主桥合龙"],
        date="2024-06-13",
        authors=["何嘉树"],
        paras=[
            "本报讯 6月13日，望岚高速澄湖互通主桥顺利合龙，标志着该项目建设取得关键进展，为年底前建成通车奠定"
            "基础。",
            "澄湖互通是望岚高速的重要节点工程，主桥全长1.2公里，采用钢混组合梁结构。施工期间，建设单位克服了"
            "跨越既有道路、交通组织复杂等困难，采用“步履式顶推”工艺，最大限度减少对周边交通的影响。",
        ],
        topic="project",
        place="望岚高速沿线",
        end="（记者 何嘉树）",
    )
    return _Spec(
        "f02",
        _XC.name,
        _A,
        2,
        "inner page",
        "inner news page: folio, six articles, mixed lead forms (本报讯（记者）, 本报讯 记者, 本报…讯, 新华社…电, "
        "byline, end credit)",
        _G7_11,
        "char",
        _folio(_XC, _A, 2, "要闻", ["责任编辑：周立群", "校对：吴敏"]),
        [
            _Block(0, 5, INNER_TOP, 440, meeting),
            _Block(5, 2, INNER_TOP, 440, machines),
            _Block(0, 3, 454, 806, digital),
            _Block(3, 4, 454, 806, power),
            _Block(0, 4, 820, CONTENT_BOTTOM, science),
            _Block(4, 3, 820, CONTENT_BOTTOM, bridge),
        ],
    )


def _f03() -> _Spec:
    river = _Art(
        kicker="一河碧水绕城来",
        title=["澄溪河生态廊道全线贯通"],
        title_size=30,
        vertical=True,
        date="2024-06-13",
        authors=["梁远舟", "沈小禾"],
        paras=[
            "本报讯（记者 梁远舟 通讯员 沈小禾）6月13日，随着最后一段滨水步道完成铺装，全长28.6公里的澄溪河"
            "生态廊道全线贯通。这条串联起城区8个公园、5处历史文化节点的“绿色项链”，将于本月下旬全面向市民开放。",
            "澄溪河是溪澄的“母亲河”，自西向东穿城而过。2021年起，我市启动澄溪河生态廊道建设，统筹实施河道清淤、"
            "岸线修复、截污纳管和景观提升等工程，累计完成投资19.8亿元。",
            "记者沿着廊道看到，河岸两侧的杂草荒地变成了花境草坡，废弃的老码头改造成了亲水平台，沿线还设置了驿站、"
            "书屋和健身场地。在东漪区段，一座由旧粮仓改造的“澄溪记忆馆”吸引了不少市民驻足参观。",
        ],
        topic="environment",
        place="澄溪河沿线",
    )
    jobs = _Art(
        title=["东漪区上线", "“15分钟就业服务圈”"],
        title_size=20,
        date=_A,
        authors=["韩书仪"],
        paras=[
            "本报讯 记者韩书仪 近日，东漪区“15分钟就业服务圈”正式上线，在全区26个社区设立就业服务驿站，为求职者"
            "提供岗位推荐、技能培训、政策咨询等“一站式”服务。"
        ],
        topic="livelihood",
        place="东漪区",
    )
    tea = _Art(
        title=["云岫村夏茶开采"],
        subtitle="——今年预计增收300万元",
        title_size=22,
        date="2024-06-12",
        authors=["程亦凡", "何苗"],
        paras=[
            "本报讯（记者 程亦凡 通讯员 何苗）6月12日，望岚县云岫村的千亩茶园迎来夏茶采摘季，茶农们穿梭在茶垄间，"
            "手指翻飞，一片片嫩绿的茶芽被采进竹篓。"
        ],
        topic="agriculture",
        place="云岫村",
    )
    carbon = _Art(
        kicker="创新驱动 智造未来",
        title=["全市首个“零碳”工业园区通过评估"],
        date="2024-06-13",
        authors=["陆子衿", "苏望舒"],
        paras=[
            "本报讯（通讯员 陆子衿 记者 苏望舒）6月13日，澄湖新区智造产业园通过省级“零碳”园区评估，成为我市首个"
            "“零碳”工业园区。",
            "近年来，该园区大力推广屋顶分布式光伏、储能和余热回收等技术，建成光伏电站总装机容量达86兆瓦，年发电量"
            "约9000万千瓦时，园区企业单位产值能耗较三年前下降27%。",
        ],
        topic="tech",
        place="澄湖新区",
    )
    bamboo = _Art(
        title=["老手艺“织”出新生活"],
        subtitle="——望岚县竹编产业带动千余户增收",
        date=_A,
        authors=["钱若兰", "邹文"],
        paras=[
            "走进望岚县翠竹坞竹编工坊，十多名村民正围坐在一起，剖篾、编织、收口，一根根青竹在他们手中变成了精巧的"
            "果篮、茶席和灯罩。",
            "“以前编竹篮只能拿到集市上卖，现在通过电商平台，订单来自全国各地。”工坊负责人林秀英一边示范一边说。"
            "去年，工坊的销售额突破800万元，带动周边1200余户农户在家门口就业增收。",
        ],
        topic="culture",
        place="望岚县",
        end="（记者 钱若兰 通讯员 邹文）",
    )
    return _Spec(
        "f03",
        _XC.name,
        _A,
        3,
        "vertical headline",
        "a lead article with a vertical title and a vertical kicker at the right of its block, four others",
        _G6_13,
        "line",
        _folio(_XC, _A, 3, "区县新闻", ["责任编辑：黄佳禾", "校对：郑一"]),
        [
            _Block(0, 4, INNER_TOP, 620, river),
            _Block(4, 2, INNER_TOP, 380, jobs),
            _Block(4, 2, 394, 620, tea),
            _Block(0, 3, 634, CONTENT_BOTTOM, carbon),
            _Block(3, 3, 634, CONTENT_BOTTOM, bamboo),
        ],
        foot=list(_XC.foot),
    )


def _f04() -> _Spec:
    rest = _Art(
        title=["加装电梯进入快车道"],
        date=_A,
        authors=[],
        cont_from="上接第1版",
        paras=[
            "在澄湖区望湖社区，73岁的退休教师刘阿姨家所在的单元上个月刚刚装上电梯。“我住五楼，腿脚不好，以前一个"
            "月都难得下一次楼。”刘阿姨说，电梯装好后，她每天都能下楼买菜、散步，还报名参加了社区的书法班。",
            "为让更多居民享受加装电梯带来的便利，我市还推出了“统一设计、统一招标、统一施工”的片区化加装模式，一个"
            "片区内多部电梯同步施工，平均建设周期缩短约三分之一，单台造价降低10%左右。",
        ],
        topic="livelihood",
        place="澄湖区",
    )
    swim = _Art(
        kicker="全国青少年游泳冠军赛",
        title=["溪澄籍小将夺得两枚金牌"],
        subtitle="——刷新个人最好成绩",
        date="2024-06-12",
        authors=["方晴"],
        paras=[
            "本报讯（记者 方晴）6月12日晚，在外地举行的全国青少年游泳冠军赛女子200米蝶泳决赛中，溪澄籍小将顾小满"
            "以2分09秒37的成绩夺得冠军，这是她在本次比赛中收获的第二枚金牌。",
            "今年16岁的顾小满7岁开始练习游泳，12岁入选省队。在10日进行的女子100米蝶泳比赛中，她已率先夺得一金。"
            "“比赛前教练一直鼓励我放开游，我就想着把平时练的都发挥出来。”赛后，顾小满在电话里对记者说。",
        ],
        topic="sports",
        place="溪澄",
    )
    craftsmen = _Art(
        kicker="弘扬劳模精神 厚植工匠文化",
        title=["我市启动2024年“溪澄工匠”选树活动"],
        subtitle="——将评选100名技能人才 最高给予20万元奖励",
        title_size=26,
        date="2024-06-13",
        authors=["邱鸣", "裴然"],
        paras=[
            "本报讯（记者 邱鸣 通讯员 裴然）6月13日，我市2024年“溪澄工匠”选树活动正式启动。今年将在先进制造、"
            "建筑施工、现代服务等领域评选“溪澄工匠”100名，对获评人员分档给予最高20万元的奖励。"
        ],
        topic="work",
        place="全市",
    )
    sea = _Art(
        title=["沿海多地开展海洋垃圾清理行动"],
        date="2024-06-13",
        authors=["柳岸"],
        paras=[
            "新华社上海6月13日电（记者 柳岸）记者从有关部门获悉，沿海多地近期组织开展海洋垃圾清理行动，累计清理"
            "岸滩垃圾300余吨，参与志愿者超过5万人次。"
        ],
        topic="environment",
        place="沿海各地",
    )
    parks = _Art(
        title=["城区新增12座口袋公园"],
        title_size=20,
        date=_A,
        authors=["尹清越"],
        paras=[
            "本报讯 记者尹清越 近日，澄湖区白塔路、东漪区梧桐巷等12座“口袋公园”陆续建成开放，为周边居民提供了"
            "家门口的休闲好去处。"
        ],
        topic="livelihood",
        place="澄湖区",
    )
    return _Spec(
        "f04",
        _XC.name,
        _A,
        4,
        "continued",
        "page 4: the rest of the front page's 加装电梯 article (上接第1版) under a shorter headline, four others",
        _G6_12,
        "char",
        _folio(_XC, _A, 4, "综合新闻", ["责任编辑：许晴川", "校对：毛一鸣"]),
        [
            _Block(0, 3, INNER_TOP, 560, rest),
            _Block(3, 3, INNER_TOP, 560, swim),
            _Block(0, 6, 574, 830, craftsmen),
            _Block(0, 4, 844, CONTENT_BOTTOM, sea),
            _Block(4, 2, 844, CONTENT_BOTTOM, parks),
        ],
    )


def _f05() -> _Spec:
    lotus = _Art(
        title=["荷塘初夏"],
        date="2024-06-12",
        authors=["钟若水"],
        photo_news=True,
        photo=_Photo(
            "6月12日，游客在东漪区白鹭洲湿地公园赏荷拍照。眼下，公园内200余亩荷花陆续绽放，粉白相间的花朵在绿叶"
            "映衬下亭亭玉立，吸引众多市民游客前来观赏。  记者 钟若水 摄",
            330,
        ),
    )
    weather = _Box(
        "天气", ["溪澄 今天 多云转阵雨", "气温 23℃～30℃", "东南风 3到4级", "明天 阵雨转多云 24℃～31℃"]
    )
    bus = _Art(
        title=["市区新增3条定制公交线路"],
        title_size=20,
        date="2024-06-13",
        authors=["蒋南星"],
        paras=[
            "本报讯（记者 蒋南星）6月13日起，我市新开通3条定制公交线路，分别连接澄湖新区产业园、东漪区科创园与"
            "主城区主要居住片区，市民可通过“溪澄公交”小程序预约座位。"
        ],
        topic="livelihood",
        place="主城区",
    )
    street = _Art(
        kicker="城市更新里的烟火人间",
        title=["一条老街的“新生”"],
        subtitle="——石板巷有机更新改造见闻",
        title_size=28,
        date="2024-06-12",
        authors=["叶书白", "欧阳晨"],
        paras=[
            "本报讯（记者 叶书白）6月12日，记者走进澄湖区石板巷，青石板路、白墙黛瓦、木格花窗，修缮一新的老街"
            "既保留了历史风貌，又多了几分现代气息。这条有着三百多年历史的老街，去年启动有机更新改造，近日基本完工。",
            "“改造没有大拆大建，而是像‘绣花’一样一点点修。”澄湖区城市更新中心负责人介绍，改造中共修缮历史建筑"
            "42处，保留古树名木11株，同步完成雨污分流、管线入地和消防设施改造。",
            "如今，老街上的裁缝铺、理发店、豆腐坊照常营业，新引入的书店、咖啡馆和非遗工作室也陆续开张。在巷子里"
            "住了六十多年的周大爷说：“老邻居都还在，街坊味道没变，住着更舒心了。”",
        ],
        photo=_Photo("图为6月12日，居民在改造后的石板巷里休闲纳凉。  记者 欧阳晨 摄", 150, 4, 5),
        topic="consumer",
        place="石板巷",
    )
    health = _Art(
        title=["“健康小屋”开进社区"],
        title_size=22,
        date="2024-06-13",
        authors=["唐可欣", "邹宁"],
        paras=[
            "本报讯 记者唐可欣 通讯员 邹宁 6月13日，澄湖区首批10个社区“健康小屋”同时启用，居民在家门口就能免费"
            "测量血压、血糖、体脂等指标，并获得家庭医生的健康指导。"
        ],
        topic="livelihood",
        place="澄湖区",
    )
    summer = _Art(
        title=["暑期托管班报名启动"],
        subtitle="——今年将提供学位1.2万个",
        title_size=22,
        date=_A,
        authors=["沈知行"],
        paras=[
            "本报讯（记者 沈知行）记者近日从市教育局获悉，今年我市暑期托管服务报名工作已于本周开始，全市共设置托管点"
            "96个，提供学位1.2万个。",
            "据介绍，暑期托管服务以看护为主，兼顾阅读、体育、艺术、科普等活动，不组织集体补课。托管服务将于7月8日"
            "开班，每期两周，家长可根据需要自愿选择。",
        ],
        topic="education",
        place="全市",
    )
    return _Spec(
        "f05",
        _XC.name,
        _A,
        5,
        "photo",
        "a photo news item (title, picture, caption), a text article with a picture and caption inside, a weather box",
        _G6_12,
        "line",
        _folio(_XC, _A, 5, "民生", ["责任编辑：倪秋白", "校对：詹小禾"]),
        [
            _Block(0, 4, INNER_TOP, 470, lotus),
            _Block(4, 2, INNER_TOP, 196, box=weather),
            _Block(4, 2, 210, 470, bus),
            _Block(0, 6, 484, 810, street),
            _Block(0, 3, 824, CONTENT_BOTTOM, health),
            _Block(3, 3, 824, CONTENT_BOTTOM, summer),
        ],
        foot=list(_XC.foot),
    )


def _f06() -> _Spec:
    editorial = _Art(
        title=["为实干者撑腰鼓劲"],
        title_size=30,
        date=_A,
        authors=[],
        byline="本报评论员",
        byline_align="center",
        paras=[
            "干事创业，需要激情，更需要保障。近日，我市出台《关于建立容错纠错机制激励干部担当作为的实施办法》，明确了"
            "容错的情形、程序和结果运用，为敢闯敢干的干部吃下“定心丸”。",
            "当前，我市正处在爬坡过坎、转型升级的关键时期，重大项目要攻坚，改革任务要落地，民生短板要补齐，哪一项"
            "都离不开一支想干事、能干事、干成事的干部队伍。",
            "然而，在一些地方和部门，仍有少数干部存在“多干多错、少干少错、不干不错”的心态，遇到矛盾绕着走，碰到"
            "难题往上交。究其原因，有能力不足的问题，也有“怕”字当头的顾虑。",
            "建立容错纠错机制，就是要旗帜鲜明地为担当者担当、为负责者负责。对于在改革创新、攻坚克难中出现的失误，"
            "只要不是明知故犯、不是谋取私利，就要给予理解和包容，让干部卸下思想包袱，放开手脚干事。",
            "当然，容错不等于纵错。对那些打着改革旗号胡作非为、假借容错之名逃避责任的，必须坚决追责问责。只有把握好"
            "“容”与“纠”的关系，才能让机制真正发挥激励作用。",
            "干部有了底气，发展就有了锐气。期待全市广大干部以此为契机，鼓足干劲、勇挑重担，在推动高质量发展的"
            "主战场上比作为、比实绩。",
        ],
        topic="comment",
    )
    today = _Art(
        kicker="今日谈",
        title=["“小切口”里", "见“大民生”"],
        title_size=22,
        date=_A,
        authors=["钱一舟"],
        byline="□ 钱一舟",
        byline_align="right",
        paras=[
            "前不久，东漪区在社区试点“家门口办事清单”，把居民最常办的32项事务下放到社区服务站，居民不出社区就能"
            "办好。事情不大，却实实在在解决了群众的烦心事。",
            "类似的“小切口”，在我们身边还有很多：一些小区的路灯坏了迟迟没人修，一些公交站台没有遮阳棚，一些社区的"
            "健身器材年久失修……这些问题看起来不起眼，却关系着群众每天的生活品质。",
            "解决这些“小问题”，不需要大投入，关键是要有“把群众的事当成自家事”的情怀。多到群众中走一走、听一听，"
            "就会发现，民生工作大有可为。",
        ],
        topic="comment",
    )
    renewal = _Art(
        kicker="来论",
        title=["让城市更新留住“老味道”"],
        date=_A,
        authors=["温书言"],
        byline="文/温书言",
        paras=[
            "城市更新，更新的是房子、是管网、是道路，但不应更新掉的，是一座城市的记忆和温度。",
            "走进一些改造后的街区，不难发现这样的现象：老房子拆了，新楼盖起来了，可熟悉的烟火气却不见了；招牌"
            "统一了，店面亮堂了，可街坊邻里的老店却搬走了。这样的更新，难免让人感到遗憾。",
            "城市是有生命的。那些老街巷、老建筑、老字号，承载着一代代人的记忆，是一座城市独特的气质所在。城市更新，"
            "不能只见“物”不见“人”，更不能把有温度的生活场景一拆了之。",
            "在这方面，我市石板巷的改造提供了有益的借鉴：不搞大拆大建，而是“微改造”“绣花功”，既改善了居住条件，"
            "又留住了原住民和老味道。",
        ],
        topic="comment",
    )
    crossing = _Art(
        kicker="民生观察",
        title=["小区门口的斑马线该补画了"],
        date=_A,
        authors=["曾一苇"],
        byline="□ 本报记者 曾一苇",
        paras=[
            "近日，有市民向本报反映，东漪区梧桐路与杏林街交叉口附近的斑马线已经模糊不清，早晚高峰时段行人过街存在"
            "安全隐患。记者随后进行了实地走访。",
            "记者在现场看到，该路口周边分布着三个住宅小区和一所小学，每天上下学时段，接送孩子的家长和学生在路口"
            "聚集，而地面上的斑马线只剩下断断续续的白色印迹。",
            "“每天早上送孩子上学，都得紧紧拉着他的手，生怕有车冲过来。”家住附近的刘女士说。不少家长表示，希望有关"
            "部门尽快重新施划斑马线，并增设减速带和警示标志。",
            "记者随后将这一情况反映给属地街道和交警部门。交警部门工作人员表示，将尽快安排人员到现场勘查，在近期完成"
            "标线重新施划。本报将持续关注。",
        ],
        topic="comment",
    )
    parks = _Art(
        title=["“口袋公园”要建好更要管好"],
        title_size=22,
        date=_A,
        authors=["言之"],
        byline="□ 言之",
        paras=[
            "近年来，各地建起了不少“口袋公园”，见缝插绿，让市民出门就能见到绿色。这是一件好事，值得点赞。",
            "但也要看到，一些“口袋公园”建成后疏于管理，座椅破损无人修，绿化枯死无人补，有的甚至成了堆放杂物的"
            "角落。建起来只是第一步，管得好才能长久。",
            "建议有关部门明确管护主体，落实管护经费，同时引导周边居民共同参与，让“口袋公园”真正成为群众身边的"
            "“幸福角落”。",
        ],
        topic="comment",
    )
    return _Spec(
        "f06",
        _XC.name,
        _A,
        6,
        "评论",
        "commentary page: 本报评论员 editorial, a framed 今日谈 column, 来论 and 民生观察 pieces with author lines",
        _G6_11,
        "char",
        _folio(_XC, _A, 6, "评论", ["责任编辑：苗青", "校对：夏一"]),
        [
            _Block(0, 4, INNER_TOP, 640, editorial),
            _Block(4, 2, INNER_TOP, 640, today, frame=True),
            _Block(0, 3, 654, CONTENT_BOTTOM, renewal),
            _Block(3, 3, 654, 900, crossing),
            _Block(3, 3, 914, CONTENT_BOTTOM, parks),
        ],
    )


def _f07() -> _Spec:
    loquat = _Art(
        title=["枇杷熟了"],
        title_size=22,
        date=_A,
        authors=["孟书禾"],
        byline="□ 孟书禾",
        byline_align="center",
        photo=_Photo("", 300, 1, 2),
        paras=[
            "老家的院子里有一棵枇杷树，是祖父年轻时种下的。树不算高，枝叶却极茂盛，一年四季都是绿油油的，像一把"
            "撑开的大伞，把半个院子都罩在阴凉里。",
            "枇杷是一种很特别的果树。别的树都在春天开花，它偏偏在冬天开花，细碎的白花藏在毛茸茸的叶子底下，不仔细"
            "看很难发现，却有一股淡淡的甜香，在寒风里飘得很远。",
            "等到五月，满树的果子就由青转黄，一簇一簇挂在枝头，像一盏盏小灯笼。那是我们最盼望的日子。放学回来，"
            "书包一扔，就爬上树去摘。祖母在树下仰着头喊：“慢点，慢点，别摔着！”",
            "刚摘下的枇杷，表皮有一层细细的绒毛，轻轻一撕，薄薄的皮就剥下来了，露出金黄的果肉，咬一口，汁水顺着"
            "手指往下淌，甜里带着一点点酸。祖母总是挑最大最黄的留给我，自己只吃那些被鸟啄过的。",
            "后来祖父祖母相继离世，老屋空了下来，我也在城里安了家。有一年五月回去，推开院门，枇杷树依旧枝繁叶茂，"
            "满树的果子无人采摘，熟透了，一颗一颗落在地上。我站在树下，很久说不出话来。",
            "那天晚上，我在老屋里住了一宿。月光从窗棂间漏进来，落在斑驳的墙上。我想起小时候，每到这个季节，祖母"
            "都会把吃不完的枇杷熬成枇杷膏，装在玻璃罐里，说是冬天咳嗽了可以冲水喝。",
            "第二天一早，我搬来梯子，把树上的枇杷一颗一颗摘下来，装了满满两篮。邻居家的孩子们闻讯赶来，围着篮子"
            "叽叽喳喳，像极了当年的我。",
            "回城的路上，车窗外的田野飞快地后退。我知道，那棵枇杷树会一直站在那里，年年开花，年年结果，守着老屋，"
            "也守着我回不去的童年。",
        ],
        topic="essay",
    )
    river = _Art(
        title=["六月的河"],
        title_size=20,
        date=_A,
        authors=["林间"],
        byline="□ 林间",
        byline_align="center",
        poem=True,
        paras=[
            "六月的河是醒着的",
            "它把一整夜的星光",
            "悄悄搬到了岸上",
            "",
            "芦苇在风里数着",
            "一只白鹭的影子",
            "渔火远了又近",
            "像谁在唤一个乳名",
            "",
            "我站在石桥上",
            "看河水把夏天",
            "一页一页翻过去",
            "翻到最后一页",
            "是故乡的黄昏",
        ],
    )
    cicada = _Art(
        title=["蝉"],
        title_size=20,
        date=_A,
        authors=["苏小荷"],
        byline="文/苏小荷",
        byline_align="center",
        poem=True,
        paras=[
            "把整个夏天",
            "都喊成了",
            "一个字的名字",
            "",
            "树荫底下",
            "老人摇着蒲扇",
            "说：热啊",
            "",
            "它便更响地",
            "替他回答",
        ],
    )
    fan = _Art(
        title=["外婆的蒲扇"],
        title_size=20,
        date=_A,
        authors=["周梓言"],
        byline="文/周梓言",
        byline_align="right",
        paras=[
            "外婆有一把蒲扇，扇面已经泛黄，边缘用蓝布条细细地包了一圈，是她自己一针一线缝上去的。",
            "夏天的夜晚，没有空调，连电扇也很少见。吃过晚饭，外婆便搬出竹床放在院子里，让我躺在上面，她坐在一旁"
            "的小板凳上，一下一下地给我扇着风，嘴里哼着听不清词的小调。",
            "蚊子嗡嗡地飞过来，外婆的扇子就往那边轻轻一拍。我数着天上的星星，数着数着就睡着了。半夜醒来，扇子还在"
            "摇，外婆的眼睛却已经闭上了。",
            "后来我上了中学，住进了学校的宿舍，夏天的夜晚再也没有人给我扇扇子了。每次放假回家，外婆总是早早地站在"
            "巷口等我，手里依旧拿着那把蒲扇。",
            "外婆去世那年，我在整理她的遗物时，又看到了那把蒲扇。扇柄被磨得光滑发亮，布条已经褪了色。我把它带回了"
            "城里，挂在书房的墙上。",
            "如今家里有了空调，夏天再热也不怕。可每当看到那把蒲扇，我总会想起那些星光满天的夜晚，想起外婆一下一下"
            "摇着扇子的模样。",
        ],
        topic="essay",
    )
    book = _Art(
        title=["在《小城手记》里读懂故乡"],
        title_size=22,
        date=_A,
        authors=["叶南枝"],
        byline="□ 叶南枝",
        paras=[
            "《小城手记》是本土作家沈默川的最新散文集，收录了作者近十年来书写故乡溪澄的四十余篇文章。翻开这本书，"
            "老城的街巷、河埠、茶馆和市井人物，一一浮现在眼前。",
            "作者的笔调是克制的、温和的，不刻意煽情，也不故作高深。写卖馄饨的老伯，写修钟表的师傅，写雨天巷口的"
            "青苔，三言两语，便有了人间烟火的温度。",
            "书中最打动我的，是《河埠头》一篇。作者写少年时在河埠头看人洗衣、淘米、杀鱼，写船娘摇橹经过时唱的小调，"
            "写涨水时孩子们在石阶上嬉闹……那些早已消失的日常，在作者的笔下重新鲜活起来。",
            "读《小城手记》，常常让我想起自己的故乡。每个人心中都有一座小城，那里有我们的来处，也有我们走不出的牵挂。",
        ],
        topic="essay",
    )
    frogs = _Art(
        title=["夏夜听蛙"],
        title_size=20,
        date=_A,
        authors=["陶一然"],
        byline="文/陶一然",
        byline_align="right",
        paras=[
            "住进城里以后，已经很多年没有听到蛙声了。",
            "前些天去乡下朋友家小住，晚饭后坐在院子里乘凉，忽然听到屋后的稻田里传来一阵阵蛙鸣，起初是一两声，试探"
            "似的，接着便此起彼伏，连成一片，仿佛整个夏夜都在歌唱。",
            "朋友说，这几年村里不打农药了，田里的青蛙又多了起来。我静静地听着，心里涌起一种久违的安宁。原来，有些"
            "声音一直都在，只是我们走得太远，听不见了。",
        ],
        topic="essay",
    )
    notice = _Box(
        "征稿启事",
        [
            "本版常年征集散文、诗歌、随笔等文学作品，",
            "来稿请注明真实姓名、通讯地址及联系方式。",
            "投稿邮箱：chengxichao@xcrb.example",
            "一经采用，稿酬从优。",
        ],
    )
    folio = _folio(_XC, _A, 8, "副刊", ["责任编辑：苏望舒", "美编：孟秋实"])
    return _Spec(
        "f07",
        _XC.name,
        _A,
        8,
        "副刊",
        "literary supplement 澄溪潮: essays with □/文/ author lines, two poems whose lines are not filled",
        _G6_12P,
        "line",
        _supplement(folio, "澄溪潮", ["第1128期", "投稿邮箱：chengxichao@xcrb.example"]),
        [
            _Block(0, 3, 140, 1000, loquat),
            _Block(0, 3, 1014, CONTENT_BOTTOM, box=notice),
            _Block(3, 1, 140, 414, river),
            _Block(3, 1, 428, 640, cicada),
            _Block(4, 2, 140, 640, fan),
            _Block(3, 3, 654, 900, book),
            _Block(3, 3, 914, CONTENT_BOTTOM, frogs),
        ],
        bold=False,
    )


def _f08() -> _Spec:
    train = _Art(
        kicker="“棠川制造”加速驶向国际市场",
        title=["首趟“棠川号”国际货运班列", "满载机电产品驶向中亚"],
        title_size=28,
        date="2024-06-14",
        authors=["柯远航", "阮秋池"],
        paras=[
            "本报讯（记者 柯远航 通讯员 阮秋池）6月14日上午9时，随着一声汽笛长鸣，满载55个集装箱的首趟“棠川号”"
            "国际货运班列从棠川国际陆港缓缓驶出，将经西部口岸出境，预计15天后抵达中亚。",
            "本趟班列装载的货物主要为我市企业生产的电动工具、小型农机、汽车配件和日用五金，货值约2600万元。“以前"
            "货物要先运到沿海港口再转海运，现在在家门口就能‘上车出海’，运输时间缩短了近一半。”棠川一家机电企业的"
            "物流负责人说。",
            "据悉，“棠川号”国际货运班列的开通，得益于我市与沿线地区陆港合作的深化。下一步，棠川国际陆港将逐步实现"
            "班列常态化开行，力争年内开行30列以上。",
        ],
        topic="project",
        place="棠川国际陆港",
    )
    guide = _Box(
        "今日导读",
        ["● 整治“飞线充电” 2版", "● 棠江新增亲水平台 2版", "● 棠川队主场取胜 5版", "● 一把二胡的四十年 5版"],
    )
    weather = _Box("天气", ["今天 多云转雷阵雨", "24℃～31℃ 南风3级", "明天 雷阵雨 25℃～30℃"])
    cruise = _Art(
        title=["棠江夜游线路上新"],
        title_size=20,
        date=_B,
        authors=["宁小溪"],
        paras=[
            "本报讯 记者宁小溪 近日，棠江夜游推出“古渡寻踪”新线路，游船从老码头出发，途经棠江大桥、鹤鸣塔等12处"
            "景点，全程约50分钟。"
        ],
        topic="consumer",
        place="棠江两岸",
    )
    bayberry = _Art(
        title=["樟坪杨梅红了"],
        title_size=30,
        vertical=True,
        date="2024-06-14",
        authors=["蓝映雪"],
        paras=[
            "本报讯（记者 蓝映雪）6月14日，第十二届樟坪杨梅节在鹤鸣县樟坪镇开幕。漫山遍野的杨梅树上，紫红色的果子"
            "挂满枝头，吸引了大批游客前来采摘。",
            "樟坪镇种植杨梅已有三百多年历史，全镇杨梅种植面积2.3万亩，年产量约1.5万吨。近年来，当地通过品种改良、"
            "冷链物流和电商直播，让“樟坪杨梅”走出了大山。",
        ],
        topic="agriculture",
        place="樟坪镇",
    )
    books = _Art(
        title=["城市书房增至48家"],
        subtitle="——年接待读者超百万人次",
        title_size=20,
        date=_B,
        authors=["沈知意"],
        paras=[
            "本报讯（记者 沈知意）记者近日从市文化广电旅游局获悉，随着棠溪区滨江书房等5家城市书房近日开放，我市城市"
            "书房总数增至48家。"
        ],
        topic="culture",
        place="棠川",
    )
    comment = _Art(
        kicker="晚报快评",
        title=["让“出海”之路越走越宽"],
        date=_B,
        authors=[],
        byline="本报评论员",
        byline_align="center",
        paras=[
            "首趟“棠川号”国际货运班列的开行，为“棠川制造”打开了一条通往国际市场的新通道，也让更多本地企业看到了"
            "“走出去”的新机遇。",
            "通道打开了，更要用好。企业要练好内功，在产品质量、品牌建设上多下功夫；相关部门要当好“店小二”，在通关"
            "便利、物流补贴、金融服务等方面持续发力。",
        ],
        topic="comment",
    )
    return _Spec(
        "f08",
        _TC.name,
        _B,
        1,
        "front page",
        "second paper's front page: centred masthead, lead with a two-line title, 导读 and weather boxes, "
        "a vertical headline without kicker, a 本报评论员 commentary",
        _G7_11,
        "char",
        _masthead(_TC, _B, "第9321期", "今日16版"),
        [
            _Block(0, 5, _FRONT_TOP, 590, train),
            _Block(5, 2, _FRONT_TOP, 330, box=guide),
            _Block(5, 2, 344, 450, box=weather),
            _Block(5, 2, 464, 870, cruise),
            _Block(0, 3, 604, CONTENT_BOTTOM, bayberry, cols=2),
            _Block(3, 2, 604, 870, books),
            _Block(3, 4, 884, CONTENT_BOTTOM, comment),
        ],
        foot=list(_TC.foot),
    )


def _f09() -> _Spec:
    football = _Art(
        title=["绿茵逐梦"],
        title_size=22,
        date="2024-06-14",
        authors=["龙泽"],
        photo_news=True,
        photo=_Photo(
            "6月14日晚，在棠川市体育中心举行的城市足球联赛第五轮比赛中，棠川队球员（左）带球突破。当晚，棠川队主场"
            "以2比1战胜对手。  记者 龙泽 摄",
            240,
        ),
    )
    match = _Art(
        kicker="城市足球联赛第五轮",
        title=["棠川队主场2比1取胜"],
        date="2024-06-14",
        authors=["白一杨"],
        paras=[
            "本报讯（记者 白一杨）6月14日晚，城市足球联赛第五轮在棠川市体育中心展开争夺，棠川队凭借下半场的两粒进球，"
            "以2比1逆转来访的临江队，取得主场三连胜。"
        ],
        topic="sports",
        place="棠川",
    )
    erhu = _Art(
        title=["一把二胡的四十年"],
        subtitle="——记民间艺人邵德文",
        date=_B,
        authors=["黎秋", "冯晓"],
        byline="□ 文/本报记者 黎秋",
        paras=[
            "傍晚时分，棠溪区老街的一间小屋里传出悠扬的二胡声。67岁的邵德文坐在竹椅上，微闭双眼，弓弦起落间，一曲"
            "《棠江月》如泣如诉。",
            "邵德文与二胡结缘，是在四十多年前。那时他在县文工团当学徒，跟着老师傅学拉琴、学修琴。“那时候条件苦，一把"
            "琴要用好多年，坏了就自己修。”说起往事，老人脸上满是笑意。",
            "退休后，邵德文在家里办起了免费二胡班，前后教过的学生有三百多人，最小的只有六岁。如今，他的不少学生已经"
            "考入专业院校，还有人回到老街，接过了他的琴弓。",
        ],
        photo=_Photo("图为邵德文在家中拉奏二胡。  通讯员 冯晓 摄", 130, 2, 3),
        topic="culture",
        place="棠溪区",
    )
    go = _Art(
        title=["全国青少年围棋锦标赛落幕"],
        date="2024-06-14",
        authors=["聂远"],
        paras=[
            "新华社成都6月14日电（记者 聂远）为期五天的全国青少年围棋锦标赛14日在成都落幕，来自全国各地的600余名"
            "小棋手参加了比赛，我省选手获得两个组别的冠军。"
        ],
        topic="sports",
        place="各地",
    )
    basketball = _Art(
        title=["夏夜里的“村BA”"],
        subtitle="——鹤鸣县乡村篮球赛见闻",
        title_size=26,
        date=_B,
        authors=["许清和"],
        byline="□ 文/许清和",
        paras=[
            "晚上八点，鹤鸣县石桥村的灯光球场座无虚席。场边的大喇叭里，解说员用方言喊得热火朝天；场上，两支由村民"
            "组成的球队你来我往，比分交替上升。",
            "“白天下地干活，晚上来打球，这日子有滋味！”28岁的队员周小龙刚投进一个三分球，激动地挥舞着拳头。他和"
            "队友们大多是村里的种植户、快递员和返乡创业青年。",
            "今年的乡村篮球赛从5月开赛，全县共有64支村队报名参赛，比赛一直持续到7月。赛场外，村民们还摆起了特产"
            "摊位，卖杨梅、卖米酒、卖手工粽子，一场球赛带火了一片“夜经济”。",
        ],
        topic="sports",
        place="鹤鸣县",
    )
    paintings = _Art(
        title=["“墨韵棠川”书画展开展"],
        title_size=22,
        date="2024-06-14",
        authors=["温晓岚"],
        paras=[
            "本报讯（记者 温晓岚）6月14日，“墨韵棠川”书画作品展在市美术馆开展，展出本地书画家创作的书法、国画"
            "作品120余幅。",
            "展览分“山水棠川”“古韵新风”“翰墨传承”三个单元，既有年逾八旬的老书画家的力作，也有青年作者的新作。"
            "展览将持续至7月14日，市民可免费参观。",
        ],
        topic="culture",
        place="棠川",
    )
    return _Spec(
        "f09",
        _TC.name,
        _B,
        5,
        "文体",
        "sports and culture page: photo news, a feature with a photo inside, 新华社 lead, □ 文/ bylines",
        _G7_11,
        "line",
        _folio(_TC, _B, 5, "文体新闻", ["责任编辑：谭一苇", "校对：蔡晓"], with_name=True),
        [
            _Block(0, 3, INNER_TOP, 420, football),
            _Block(3, 4, INNER_TOP, 420, match),
            _Block(0, 4, 434, 800, erhu),
            _Block(4, 3, 434, 800, go),
            _Block(0, 4, 814, CONTENT_BOTTOM, basketball),
            _Block(4, 3, 814, CONTENT_BOTTOM, paintings),
        ],
    )


def _f10() -> _Spec:
    charging = _Art(
        kicker="多部门联合行动",
        title=["整治“飞线充电”守护居民安全"],
        subtitle="——已排查小区312个 整改隐患1800余处",
        title_size=26,
        date="2024-06-14",
        authors=["冉晴", "古月"],
        paras=[
            "本报讯（记者 冉晴 通讯员 古月）6月14日，记者从市消防救援支队获悉，我市开展电动自行车“飞线充电”专项"
            "整治行动以来，已排查住宅小区312个，整改各类隐患1800余处。",
            "在棠溪区桂花苑小区，记者看到，过去楼道里随处可见的“飞线”已经消失，取而代之的是集中充电棚里整齐排列的"
            "智能充电桩。“充满自动断电，扫码就能用，一度电不到一块钱，比在家充还划算。”正在充电的居民说。",
        ],
        topic="livelihood",
        place="棠溪区",
    )
    vests = _Art(
        title=["“红马甲”的早高峰"],
        title_size=22,
        date=_B,
        authors=["庞一鸣"],
        byline="记者 庞一鸣",
        paras=[
            "早上七点，棠溪区实验小学门口，十多名身穿红马甲的志愿者已经各就各位。他们中年纪最大的72岁，最小的也有"
            "50多岁，都是附近小区的退休居民。"
        ],
        topic="work",
        place="棠溪区",
    )
    buses = _Art(
        title=["农村客运公交化", "再添两条线路"],
        title_size=20,
        date=_B,
        authors=["梅晓涵"],
        paras=[
            "本报讯 记者梅晓涵 近日，鹤鸣县新开通樟坪至石门、鹤鸣至青溪两条城乡公交线路，票价统一为2元，沿线1.6万"
            "余名村民出行更加方便。"
        ],
        topic="livelihood",
        place="鹤鸣县",
    )
    platforms = _Art(
        title=["棠江新增8处亲水平台"],
        title_size=20,
        date="2024-06-14",
        authors=["乔木"],
        paras=["本报6月14日讯（记者 乔木）棠江滨江带提升工程近日完工，两岸新增亲水平台8处、休憩驿站5座。"],
        topic="environment",
        place="棠江两岸",
    )
    canteen = _Art(
        title=["社区食堂吃出幸福味"],
        title_size=20,
        date="2024-06-13",
        authors=["程远", "林夏"],
        paras=["本报讯 6月13日，新港区海棠社区长者食堂正式开业，60岁以上老人凭卡就餐可享受八折优惠。"],
        topic="livelihood",
        place="新港区",
        end="（记者 程远 通讯员 林夏）",
    )
    travel = _Art(
        title=["多地推出暑期", "文旅惠民举措"],
        title_size=20,
        date="2024-06-14",
        authors=["江帆"],
        paras=[
            "新华社北京6月14日电（记者 江帆）暑期临近，多地文旅部门陆续推出景区门票减免、文旅消费券发放等惠民举措，"
            "进一步激发暑期文旅消费活力。"
        ],
        topic="consumer",
        place="多地",
    )
    return _Spec(
        "f10",
        _TC.name,
        _B,
        2,
        "inner page",
        "second paper's city page: six articles, a byline feature, short items with end credits",
        _G6_12,
        "char",
        _folio(_TC, _B, 2, "城事", ["责任编辑：邓小川", "校对：韦宁"], with_name=True),
        [
            _Block(0, 4, INNER_TOP, 520, charging),
            _Block(4, 2, INNER_TOP, 520, vests),
            _Block(0, 2, 534, CONTENT_BOTTOM, buses),
            _Block(2, 2, 534, 840, platforms),
            _Block(2, 2, 854, CONTENT_BOTTOM, canteen),
            _Block(4, 2, 534, CONTENT_BOTTOM, travel),
        ],
        foot=list(_TC.foot),
    )


_BUILDERS: dict[str, Callable[[], _Spec]] = {
    "f01": _f01,
    "f02": _f02,
    "f03": _f03,
    "f04": _f04,
    "f05": _f05,
    "f06": _f06,
    "f07": _f07,
    "f08": _f08,
    "f09": _f09,
    "f10": _f10,
}

NAMES: list[str] = list(_BUILDERS)
"""The page names of the set, in issue order (the scan page is not one of them)."""


# --------------------------------------------------------------------------------------------
# the API
# --------------------------------------------------------------------------------------------


def _spec(name: str) -> _Spec:
    try:
        return _BUILDERS[name]()
    except KeyError:
        raise KeyError(f"no page {name!r} in the set; the names are {NAMES}") from None


def _render(specs: Sequence[_Spec], encrypt: str | None = None) -> tuple[bytes, list[dict[str, Any]]]:
    buf = io.BytesIO()
    c = _new_canvas(buf, encrypt)
    golds = []
    for spec in specs:
        golds.append(_draw(c, spec))
        c.showPage()
    c.save()
    return buf.getvalue(), golds


@cache
def _page(name: str) -> tuple[bytes, str]:
    data, golds = _render([_spec(name)])
    return data, json.dumps(golds[0], ensure_ascii=False)


def page_pdf(name: str) -> bytes:
    """One page of the set as a one-page PDF."""
    return _page(name)[0]


def gold(name: str) -> dict[str, Any]:
    """The page's gold record: its kind, its articles in reading order, its furniture strings."""
    result: dict[str, Any] = json.loads(_page(name)[1])
    return result


def manifest_row(name: str) -> tuple[str, str, int]:
    """(paper, issue date as ISO, page number) of a page of the set."""
    spec = _spec(name)
    return spec.paper, spec.issue, spec.page


def write_set(folder: Path) -> list[Path]:
    """Write NAME.pdf and NAME.gold.json for every page, and manifest.csv; return the PDFs' paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    rows = []
    for name in NAMES:
        pdf = folder / f"{name}.pdf"
        pdf.write_bytes(page_pdf(name))
        (folder / f"{name}.gold.json").write_text(
            json.dumps(gold(name), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        spec = _spec(name)
        rows.append([pdf.name, spec.paper, spec.issue, spec.page, spec.note])
        paths.append(pdf)
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "paper", "issue_date", "page", "note"])
        w.writerows(rows)
    return paths


def issue_pdf(names: list[str]) -> bytes:
    """Several pages of the set as one multi-page PDF, in the given order."""
    return _render([_spec(n) for n in names])[0]


def encrypted_pdf(password: str = "secret") -> bytes:
    """A page of the set (f02), encrypted with a user password: it cannot be opened without it."""
    return _render([_spec(NAMES[1])], encrypt=password)[0]


def broken_pdf() -> bytes:
    """A real page's bytes cut off at half: not a PDF any reader can open."""
    data = page_pdf(NAMES[0])
    return data[: len(data) // 2]


def _scan_image() -> Any:
    """A grey page image as a scanner makes it: masthead, columns of text-like marks, a picture, speckle."""
    from PIL import Image, ImageDraw

    rng = random.Random(20240614)
    w, h = 600, 849
    img = Image.new("L", (w, h), 236)
    d = ImageDraw.Draw(img)
    d.rectangle((40, 28, 300, 78), fill=70)  # the paper's name
    for y in (34, 48, 62):
        d.rectangle((430, y, 560, y + 6), fill=120)
    d.rectangle((30, 90, 570, 93), fill=40)
    cols = [(30 + i * 92, 30 + i * 92 + 84) for i in range(6)]
    d.rectangle((cols[0][0], 104, cols[3][1], 124), fill=60)  # a headline
    d.rectangle((cols[4][0], 104, cols[5][1], 250), fill=150)  # a picture
    for i, (x0, x1) in enumerate(cols):
        y = 260 if i >= 4 else 136
        while y < 820:
            if rng.random() < 0.06:
                d.rectangle((x0, y, x1 - rng.randint(20, 50), y + 12), fill=80)  # a small headline
                y += 22
                continue
            x = x0 + (12 if rng.random() < 0.15 else 0)
            while x < x1 - 6:
                d.rectangle((x, y, x + 5, y + 5), fill=rng.randint(60, 120))
                x += 7
            y += 10
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    specks = noise.point(lambda v: 90 if v > 250 else 255)
    img = Image.composite(img, specks, specks.point(lambda v: 255 if v == 255 else 0))
    return img.rotate(0.6, fillcolor=236)


def scan_pdf() -> bytes:
    """A page with no text layer: a scanned-looking raster image and nothing else."""
    buf = io.BytesIO()
    c = _new_canvas(buf)
    try:
        from reportlab.lib.utils import ImageReader

        c.drawImage(ImageReader(_scan_image()), 0, 0, PAGE_W, PAGE_H)
    except ImportError:  # no Pillow: draw the same kind of page with rectangles
        rng = random.Random(20240614)
        c.setFillColorRGB(0.92, 0.92, 0.92)
        c.rect(0, 0, PAGE_W, PAGE_H, stroke=0, fill=1)
        c.setFillColorRGB(0.3, 0.3, 0.3)
        for i in range(6):
            x = 45 + i * 127
            for j in range(70):
                c.rect(x, PAGE_H - 180 - j * 13.5, 117 - (rng.random() < 0.1) * 60, 5, stroke=0, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


_FACT_FILLERS = [
    _Art(
        title=["城区新增一批便民驿站"],
        title_size=22,
        date="",
        authors=["严书朗"],
        paras=[
            "本报讯 记者严书朗 近日，城区新建的一批便民服务驿站陆续投用，为环卫工人、快递小哥等户外劳动者提供"
            "饮水、休息、充电等服务。"
        ],
        topic="livelihood",
        place="城区",
    ),
    _Art(
        title=["夏季农产品展销会开幕"],
        title_size=22,
        date="",
        authors=["封雨眠"],
        paras=[
            "本报讯（记者 封雨眠）为期三天的夏季优质农产品展销会在市会展中心开幕，来自各县区的160余家企业"
            "和合作社带来了杨梅、茶叶、笋干等特色农产品。"
        ],
        topic="agriculture",
        place="各县区",
    ),
    _Art(
        title=["青少年暑期体育公益课开课"],
        title_size=22,
        date="",
        authors=["管一诺"],
        paras=[
            "本报讯 记者管一诺 近日，全市青少年暑期体育公益课陆续开课，游泳、篮球、乒乓球等12个项目面向中小学生"
            "免费开放报名。"
        ],
        topic="sports",
        place="全市",
    ),
    _Art(
        title=["老字号街区焕新亮相"],
        title_size=22,
        date="",
        authors=["晏清"],
        paras=[
            "本报讯（记者 晏清 通讯员 池小鱼）经过一年多的改造提升，老城区的老字号街区近日重新开街，"
            "30余家老字号门店回归营业。"
        ],
        topic="consumer",
        place="老城区",
    ),
]


def _wrap_title(title: str, width: float, mode: str) -> tuple[list[str], float]:
    """The title in as few lines of 24 pt (down to 20 pt) as fit width."""
    for size in (24.0, 22.0, 20.0):
        if _sw(title, size, mode) <= width:
            return [title], size
    n = math.ceil(_sw(title, 20.0, mode) / width)
    while True:
        per = math.ceil(len(title) / n)
        lines = [title[i : i + per] for i in range(0, len(title), per)]
        if max(_sw(s, 20.0, mode) for s in lines) <= width:
            return lines, 20.0
        n += 1


def _fact_spec(paper: str, issue_date: str, page: int, title: str, body: str) -> _Spec:
    grid, mode = _G6_11, "char"
    known = {p.name: p for p in (_XC, _TC)}
    pap = known.get(paper, _Paper(paper))
    if page == 1:
        head = _masthead(pap, issue_date, "", "今日8版")
        top = _FRONT_TOP
    else:
        head = _folio(pap, issue_date, page, "要闻", ["责任编辑：文一", "校对：林二"], with_name=True)
        top = INNER_TOP
    paras = [s.strip() for s in body.splitlines() if s.strip()] or [body]
    n = sum(len(_break(s, grid.size, grid.cw, mode)) for s in paras)
    avail = CONTENT_BOTTOM - top
    k = 2 if n <= 50 else 3 if n <= 100 else 4 if n <= 200 else 6
    x_l, x_r = grid.x(0), grid.right(k - 1)
    tlines, tsize = _wrap_title(title, x_r - x_l, mode)
    h = 9 + tsize * 1.25 * len(tlines) + math.ceil(n / k) * grid.leading + grid.size + 2 * grid.leading
    if k < 6:
        h = max(h, 260.0)
    if h > avail:
        raise ValueError(f"fact_page: a body of {len(body)} characters does not fit one page")
    main = _Art(title=tlines, title_size=tsize, date=issue_date, authors=[], paras=paras)
    i = zlib.crc32(f"{paper}|{issue_date}|{page}|{title}".encode()) % len(_FACT_FILLERS)
    f1 = copy.deepcopy(_FACT_FILLERS[i])
    f2 = copy.deepcopy(_FACT_FILLERS[(i + 2) % len(_FACT_FILLERS)])  # a filler of other topics
    bottom = top + h
    blocks = [_Block(0, k, top, bottom, main)]
    if k < 6:
        blocks.append(_Block(k, 6 - k, top, bottom, f1))
    if CONTENT_BOTTOM - bottom >= 170:
        blocks.append(_Block(0, 6, bottom + 14, CONTENT_BOTTOM, f2 if k < 6 else f1))
    for b in blocks[1:]:
        assert b.art is not None
        b.art.date = issue_date
    return _Spec(
        "fact",
        paper,
        issue_date,
        page,
        "front page" if page == 1 else "inner page",
        "one fact article",
        grid,
        mode,
        head,
        blocks,
    )


def fact_page(paper: str, issue_date: str, page: int, title: str, body: str) -> bytes:
    """A one-page PDF of paper's page for issue_date (ISO) holding one article with title and body.

    The page has a masthead (page 1) or a folio line for that date, the article laid out in columns
    (paragraphs of body are its lines), and one or two filler articles of unrelated content."""
    return _render([_fact_spec(paper, issue_date, page, title, body)])[0]


def main(argv: Sequence[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.helpers.pdfpages OUT_DIR", file=sys.stderr)
        return 2
    for path in write_set(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
