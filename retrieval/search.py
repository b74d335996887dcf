"""Query → ranked hits: parse the question, rank passages, apply the evidence rule,
and cut excerpts that show the answer.

Query understanding: date expressions become filters (`retrieval.dates`), quoted
text (`"半山基地"`) must occur literally in every result, `-词` excludes passages
with that word. A query that occurs verbatim in the archive is found whatever jieba
made of it: passages holding the literal string rank first.

Evidence rule: a passage is shown only when it holds at least half of the query's
weight, the weight of a token being log((N+1)/(df+0.5)) (a word the archive never
uses weighs most). So `拱墅天气` returns nothing rather than every passage that
mentions 拱墅.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import numpy.typing as npt

from retrieval.dates import DateFilter, extract_date_filter
from retrieval.errors import IndexMissing, QueryError
from retrieval.excerpt import best_sentence, choose, find_matches, outside_adds
from retrieval.expand import Thesaurus
from retrieval.index.base import SearchIndex
from retrieval.index.literal import has_literal_codes
from retrieval.ingest.passages import sentences
from retrieval.ingest.repair import is_han, remove_spurious_spaces
from retrieval.source import MAX_PASTE_CHARS, find_source
from retrieval.tokenize import Tokenizer, is_generic, is_token, without_spaces
from retrieval.types import Correction, Expansion, Hit, PassageRow, SearchResult
from retrieval.verbatim import LiteralHits

MAX_QUERY_CHARS = 200  # longer is a pasted paragraph: its source is looked up (retrieval.source)
PASTE_FALLBACK_CHARS = 30  # a shorter text that finds nothing is looked up as a paste too
EVIDENCE_SHARE = 0.5
PARTIAL_SHARE = 0.25  # what a passage must hold of a question no passage holds enough of
HEADLINE_PROBES = 50  # passages whose headlines `_heads` reads: enough to reach the articles headed by a word
LITERAL_MAX_CHARS = 16
LITERAL_VERIFY_LIMIT = 400
# A question naming an event matches the lead, while the answer often sits in a later
# passage of the same article: let two passages of one article through.
PASSAGES_PER_ARTICLE = 2
_LATIN = re.compile(r"[A-Za-z]{2,}")
LATIN_HINT = "档案是中文报纸，请用中文关键词提问（拼音和英文查不到），例如：经济发展"
_SENTENCES = re.compile(r"[^。！？；!?]+")
_ASKING = re.compile(r"哪[个些家里儿位年天种项]?|什么|几(?:个|大|名|项|家|年|天|(?![乎]))|多少|谁|何[时地处种]")
_BREAK = re.compile(r"[\s，。？！、,.?!；;：:]")
_QUOTED = re.compile(r"[\"“”「」『』]([^\"“”「」『』]{1,40})[\"“”「」『』]")
_EXCLUDED = re.compile(r"(?:^|\s)[-－]([^\s\-－]+)")


@dataclass
class ParsedQuery:
    text: str  # what is left to search for
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    filter: DateFilter | None = None
    tokens: list[str] = field(default_factory=list)
    literal: str | None = None  # the query without its date, when short enough to look up verbatim
    full_literal: str | None = None  # the query with its date words, for the unfiltered retry
    date_only: bool = False  # nothing but a date and generic words: answer with the date's articles
    expansions: list[Expansion] = field(default_factory=list)  # searched beside the typed words
    paste: bool = False  # a pasted paragraph (longer than a question): find where it is from


def parse_query(query: str, tokenizer: Tokenizer, today: date) -> ParsedQuery:
    """Raises QueryError (Chinese message) for input that cannot be searched."""
    query = (query or "").strip()
    if not query:
        raise QueryError("请输入要查找的内容，例如：招商大会签约了多少项目")
    if len(query) > MAX_PASTE_CHARS:
        raise QueryError(f"消息太长（{len(query)}字）：一次最多{MAX_PASTE_CHARS}字。请只粘贴要查出处的那一段。")
    if len(query) > MAX_QUERY_CHARS:
        # a pasted paragraph asks where it is from; a date inside it is quoted, not a filter
        return ParsedQuery(query, paste=True)
    phrases = [p.strip() for p in _QUOTED.findall(query) if p.strip()]
    rest = _QUOTED.sub(" ", query)
    excluded = [w for w in _EXCLUDED.findall(rest)]
    # the corpus's own repair: `李 志 龙 走访 杭钢`, copied from a damaged page, is 李志龙走访杭钢
    rest = remove_spurious_spaces(_EXCLUDED.sub(" ", rest))
    before_dates = without_spaces(rest)
    rest, date_filter = extract_date_filter(rest, today)
    rest = rest.strip()
    tokens = tokenizer.tokens(_apart(rest) + " " + " ".join(phrases))
    if date_filter is not None and not phrases and all(is_generic(t) for t in tokens) and not _fragment(rest):
        # `2025年3月7日发生了什么`, `最近7天`, `那期头版有哪些文章`: the date is the question
        return ParsedQuery(rest, [], excluded, date_filter, [], None, None, date_only=True)
    # The verbatim string to look up: what is left after the date, or the whole query when
    # the date was all there was (a literal like `）6月11日`). Never a string of stop words only.
    compact = without_spaces(rest)
    if not has_literal_codes(tokenizer.fold(compact)):
        compact = before_dates
    literal: str | None = compact if 2 <= len(compact) <= LITERAL_MAX_CHARS and not phrases else None
    if literal and not has_literal_codes(tokenizer.fold(literal)):
        literal = None
    if not tokens and not phrases and not literal:
        if date_filter is not None:
            raise QueryError(
                f"问题里只有日期（{date_filter.describe()}），没有要查的内容。按日期浏览请用 /date {date_filter.label}"
            )
        raise QueryError("问题里没有可检索的词（只有标点、表情或“什么”“哪些”这类词）。请换几个关键词试试。")
    full = before_dates if 2 <= len(before_dates) <= LITERAL_MAX_CHARS and not phrases else None
    return ParsedQuery(rest, phrases, excluded, date_filter, tokens, literal, full)


def _apart(text: str) -> str:
    """Question words set apart, so jieba cannot glue them to the subject (`几周年` cut as
    几周 + 年 would lose 周年)."""
    return _ASKING.sub(lambda m: f" {m.group()} ", text)


def _fragment(rest: str) -> bool:
    """Punctuation left beside a date (`）6月11日`, `了《2023年`) marks a piece of copied text
    to be found verbatim, not a question about that date (a final ？ or 。 is a question's)."""
    body = rest.strip().rstrip("？?！!。.…")
    return any(unicodedata.category(ch)[0] in "PS" for ch in body)


class Searcher:
    """Runs one parsed query against one index: everything a hit shows comes from the
    index's stored copy, so the query path never touches the database."""

    def __init__(
        self, index: SearchIndex, tokenizer: Tokenizer, thesaurus: Thesaurus | None = None,
        per_article: int | None = None,
    ) -> None:
        if not index.has_passages:
            raise IndexMissing("the index has no stored passages: run `python -m retrieval reindex`")
        self.index = index
        self.tokenizer = tokenizer
        self.thesaurus = thesaurus
        self.per_article = max(1, per_article or PASSAGES_PER_ARTICLE)
        self.fill = not per_article  # the default cap orders a short list; one asked for cuts it
        self.capped = 0  # passages the last ranking left out for the per-article cap
        self.common = index.common
        # The last question's stand-ins: asked for by the ranking, the evidence rule and the
        # excerpt alike; read as one tuple, so a reader on another thread never gets a mix.
        self._last_stand_ins: tuple[object, dict[str, list[str]]] | None = None
        self._literal_cache: dict[str, LiteralHits] = {}
        self._topic_cache: dict[str, bool] = {}  # word → names what an article is about (`_topics`)

    def weight(self, token: str) -> float:
        if token in self.common or is_generic(token):
            return 0.0  # in most passages, or a word about the paper (报道): says nothing of the subject
        df = self.index.df(token)
        weight = math.log((self.index.size + 1) / (df + 0.5))
        # A word the archive never uses is often an artefact of how jieba cut the question
        # (`架上` out of `高架上`): it counts, but cannot veto a passage on its own.
        return weight * 0.5 if df == 0 else weight

    def _held(
        self, words: set[str], docs: npt.NDArray[np.int64], postings: dict[str, npt.NDArray[np.bool_]],
        question: str,
    ) -> dict[str, npt.NDArray[np.bool_]]:
        """Which of `docs` hold each of the question's words: by the postings, or by the
        literal index when the passage prints the word's characters in a row that jieba cut
        otherwise (an unknown name cut one way in the question and another in the text:
        扎加藏布 as 扎/加/藏 and as 扎加/藏布). A one-character token counts only with a
        neighbour it has in the question (`加藏`, `藏布`): 园 of 杭叉科创园 is not held by
        every 园区. `words`: those to read so (the others keep what the postings say)."""
        text = without_spaces(self.tokenizer.fold(question))
        held = dict(postings)
        for t in words:
            by_postings = postings[t]
            if by_postings.all():
                continue
            probes = [t] if len(t) > 1 else [text[i : i + 2] for i in range(len(text) - 1) if t in text[i : i + 2]]
            for probe in probes:
                if has_literal_codes(probe):  # (looked up for these passages only)
                    by_postings = by_postings | self.index.literal_holding(probe, docs)
            held[t] = by_postings
        return held

    def _max_possible(self, tokens: list[str]) -> float:
        """An upper bound of any passage's BM25 score for these tokens (the scoring model's)."""
        return sum(self.index.model.upper_bound(max(self.index.idf(t), 0.0)) for t in tokens)

    def _literal_docs(self, text: str) -> npt.NDArray[np.int64]:
        """Passages whose title or text contains `text` verbatim (spaces ignored)."""
        return self._literal_hits(text).docs()

    def _literal_hits(self, text: str) -> LiteralHits:
        """The passages printing a literal string, checked lazily (`verbatim.LiteralHits`).
        Asked more than once per query (refusal check, ranking, the unfiltered retry): one
        object per string, so nothing is read twice."""
        if text not in self._literal_cache:
            norm = without_spaces(self.tokenizer.fold(text))
            indexed = has_literal_codes(norm)

            def found(limit: int) -> npt.NDArray[np.int32]:
                return self.index.literal_candidates(norm, limit) if indexed else np.zeros(0, dtype=np.int32)

            self._literal_cache[text] = LiteralHits(found, lambda d: self._prints(norm, d), LITERAL_VERIFY_LIMIT)
        return self._literal_cache[text]

    def _prints(self, norm: str, doc: int) -> bool | None:
        """Whether passage `doc` prints `norm` (folded, no spaces): in its body (True), only
        in its headline (False), or not at all (None). The text as stored is tried first:
        folding it (NFKC, traditional → simplified) is what costs, and most hits print
        the string as typed."""
        body = self.index.passage_text(doc)
        if norm in without_spaces(body) or norm in without_spaces(self.tokenizer.fold(body)):
            return True
        title = self.index.passage_title(doc)
        if norm in without_spaces(title) or norm in without_spaces(self.tokenizer.fold(title)):
            return False
        return None

    def _mask(self, q: ParsedQuery, use_filter: bool) -> npt.NDArray[np.bool_] | None:
        mask: npt.NDArray[np.bool_] | None = None
        f = q.filter if use_filter else None
        if f is not None:
            if f.month is not None and f.start is None and f.end is None:
                mask = self.index.month_day_mask(f.month, f.day)
            else:
                mask = self.index.date_mask(f.start, f.end)
        for phrase in q.phrases:
            docs = self._literal_docs(phrase)
            m = np.zeros(self.index.size, dtype=bool)
            m[docs] = True
            mask = m if mask is None else mask & m
        for word in q.excluded:
            docs = self._literal_docs(word)
            if mask is None:
                mask = np.ones(self.index.size, dtype=bool)
            mask[docs] = False
        return mask

    def run(self, q: ParsedQuery, k: int, offset: int, query: str) -> SearchResult:
        if q.paste:
            hits, total, notice = self._source(query, k, offset)
            if not hits:
                notice = "没有在档案中找到这段文字的出处（也没有相近的段落）。"
            return SearchResult(query=query, terms=[], filter=None, hits=hits, total=total, notice=notice,
                                per_article=self.per_article)
        result = self._run(q, k, offset, query)
        if not result.hits and len(without_spaces(query)) >= PASTE_FALLBACK_CHARS:
            hits, total, notice = self._source(query, k, offset)
            if hits:
                return replace(result, hits=hits, total=total, notice=notice)
        return result

    def _source(self, text: str, k: int, offset: int) -> tuple[list[Hit], int, str | None]:
        """The articles a pasted text comes from, as hits on their best-matching passage."""
        found = find_source(text, self.index, self.tokenizer, limit=offset + k)
        hits = []
        for m in found[offset : offset + k]:
            row = self.index.passage(m.doc)
            start, end = m.matched
            ex = choose(row.text, [(start, end, 1.0)] if end > start else [])
            hits.append(_hit(row, ex.text, ex.highlights, m.similarity, "", []))
        if not hits:
            return [], 0, None
        first = hits[0]
        page = f"第{first.page}版" if first.page else ""
        share = found[offset].similarity
        how = "原文" if found[offset].literal and share >= 0.95 else f"相近的文字（约{share:.0%}相同）"
        said = f"这段文字出自《{first.title}》（{first.paper} {first.issue_date.isoformat()}{page}），档案中有{how}。"
        return hits, len(found), said

    def _run(self, q: ParsedQuery, k: int, offset: int, query: str) -> SearchResult:
        if not q.tokens and not q.phrases and not (q.literal and self._literal_hits(q.literal)):
            raise QueryError("问题里没有可检索的词（只有标点、表情或“什么”“哪些”这类词）。请换几个关键词试试。")
        if self.thesaurus is not None and not q.expansions:
            q = replace(q, expansions=self.thesaurus.expansions(q.text, self._literal_hits))
        hits, total, notice = self._answer(q, k, offset)
        corrections: list[Correction] = []
        if self.thesaurus is not None and (not hits or notice or self._unprinted(q)):
            # nothing, only part of the question, or hits that pass without a word the archive
            # never prints: a misspelt name? (李志隆 → 李志龙, when 走访杭叉 alone would pass)
            corrections = self.thesaurus.corrections(q.text, self._literal_hits)
            if corrections:
                fixed = self._corrected(q, corrections)
                fixed_hits, fixed_total, fixed_notice = self._answer(fixed, k, offset)
                if fixed_hits and (not hits or not fixed_notice):
                    meant = "、".join(f"「{c.right}」" for c in corrections)
                    typed = "、".join(f"「{c.wrong}」" for c in corrections)
                    said = f"你要找的是不是{meant}？以下按{meant}查找（你输入的是{typed}）。"
                    q, hits, total, notice = fixed, fixed_hits, fixed_total, _join(said, fixed_notice)
                else:
                    corrections = []
        if not hits and _LATIN.search(query) and not any(is_han(ch) for ch in query):
            notice = LATIN_HINT  # `weather today`, `zhaoshang dahui`: the archive is in Chinese
        if hits and q.expansions:
            shown = "；".join(f"{e.source} → {e.target}" for e in q.expansions)
            notice = _join(f"已扩展：{shown}（加引号可只查原词）", notice)
        return SearchResult(
            query=query, terms=q.tokens, filter=q.filter, hits=hits, total=total, notice=notice,
            expansions=list(q.expansions), corrections=corrections, per_article=self.per_article,
            capped=self.capped,
        )

    def matches(self, q: ParsedQuery, within: npt.NDArray[np.bool_], k: int) -> list[Hit]:
        """The passages among `within` that search would show for `q` on its own evidence
        (no partial matches, no spelling corrections, no weaker fill): what a subscription
        is matched with against a new issue."""
        if self.index.size == 0 or not within.any():
            return []
        if not q.tokens and not q.phrases and not (q.literal and self._literal_hits(q.literal)):
            return []
        if self.thesaurus is not None and not q.expansions:
            q = replace(q, expansions=self.thesaurus.expansions(q.text, self._literal_hits))
        return self._ranked(q, k, 0, use_filter=True, fill=False, within=within)[0]

    def _answer(self, q: ParsedQuery, k: int, offset: int) -> tuple[list[Hit], int, str | None]:
        """Ranked hits under the date filter; else the whole archive; else partial matches."""
        hits, total = self._ranked(q, k, offset, use_filter=True)
        notice = None
        if not hits and q.filter is not None:
            # The date may have been part of the words (`区昨天又`, `2023年度`): search
            # the whole archive with the question as typed.
            retry = replace(q, literal=q.full_literal or q.literal)
            hits, total = self._ranked(retry, k, offset, use_filter=False)
            if hits:
                notice = f"在{q.filter.describe()}的报道中没有找到，以下是全部档案中的结果。"
        if not hits:
            hits, total, notice = self._partial(q, k, offset, notice)
        return hits, total, notice

    def _unprinted(self, q: ParsedQuery) -> bool:
        """Whether the question holds a word of two characters or more that no passage prints:
        a token, or a run of one-character tokens (jieba cuts an unknown 李志隆 into 李/志/隆)."""
        text = without_spaces(self.tokenizer.fold(q.text))
        words, run = [], ""
        for t in [*q.tokens, ""]:
            if len(t) == 1 and (run + t) in text:
                run += t
                continue
            words += [run] if len(run) >= 2 else []
            run = t if len(t) == 1 else ""
            if len(t) >= 2:
                words.append(t)
        return any(
            self.index.df(w) == 0 and not is_generic(w) and w not in self.common and not self._literal_hits(w)
            for w in dict.fromkeys(words)
        )

    def _corrected(self, q: ParsedQuery, corrections: list[Correction]) -> ParsedQuery:
        """The question with each misspelt string replaced by the word meant."""
        text = without_spaces(self.tokenizer.fold(q.text))
        for c in corrections:
            text = text.replace(c.wrong, c.right)
        tokens = self.tokenizer.tokens(text + " " + " ".join(q.phrases))
        literal = text if 2 <= len(text) <= LITERAL_MAX_CHARS and not q.phrases else None
        if literal and not has_literal_codes(literal):
            literal = None
        expansions = self.thesaurus.expansions(text, self._literal_hits) if self.thesaurus else []
        return replace(q, text=text, tokens=tokens, literal=literal, full_literal=None, expansions=expansions)

    def _partial(self, q: ParsedQuery, k: int, offset: int, notice: str | None) -> tuple[list[Hit], int, str | None]:
        """No passage holds enough of the question: rank by the words the archive does know
        and say which ones matched (`冯晶是什么职务`: 职务 is never used, 冯晶 is), rather than
        "not found". A question none of whose content words the archive knows stays unfound."""
        content = [t for t in dict.fromkeys(q.tokens) if self.weight(t) > 0]
        known = [t for t in content if self.index.df(t) > 0]
        expanded = set(self._stand_ins(q))
        content = [t for t in content if t not in expanded]  # 职务 may be missing; GDP is not
        if not known or q.phrases:
            return [], 0, notice
        missing = [t for t in content if t not in known]
        topics = self._topics(known)
        if topics:
            # A name or subject the archive itself knows is worth showing on its own, ranked
            # by all the words it knows: passages that hold it (冯晶 of 冯晶是什么职务, 凌云 of
            # 凌云原来的名字叫什么, where 原来 and 名字 occur everywhere but beside 凌云).
            partial = replace(q, tokens=known, literal=None, full_literal=None, expansions=[])
            share, words = 0.0, 0
        else:
            # Otherwise only a question of two words or more (a long question a passage
            # answers in other words), and a passage must hold two of them and a quarter of its
            # weight: that 杭州 of 今天杭州天气怎么样, 计算 of 量子计算机 or 科创 of an unknown
            # 杭叉科创园 occurs somewhere is no match at all.
            named = [t for t in content if len(t) >= 2 and not any(t != o and t in o for o in content)]
            if len(named) < 2:
                return [], 0, notice
            partial = replace(q, literal=None, full_literal=None)
            share, words = PARTIAL_SHARE, 2
        hits, total = self._ranked(partial, k, offset, use_filter=True, share=share, min_words=words, topics=topics)
        if not hits and q.filter is not None:
            hits, total = self._ranked(partial, k, offset, use_filter=False, share=share, min_words=words,
                                       topics=topics)
        if not hits:
            return [], 0, notice
        hits = [replace(h, answer="", answer_highlights=[]) for h in hits]  # part of a question answers nothing
        shown = [self.tokenizer.fold(h.headline + h.passage) for h in hits]
        matched = [t for t in known if any(t in text for text in shown)] or known
        matched = [t for t in matched if len(t) > 1] or matched  # 杭叉, not 杭 and 叉 as well
        said = f"只找到与「{'、'.join(matched[:5])}」相关的内容"
        if missing:
            said += f"（档案里没有「{'、'.join(missing[:5])}」）"
        return hits, total, said + "。"

    def _topics(self, known: list[str]) -> list[str]:
        """The question's words that name what an article is about: a name the archive uses
        (a person, an organisation, a byline: the tokenizer's harvested words), or a word
        that begins a line of a headline, the place of a headline's subject (`李思摩`,
        `冯晶在部署…`), and is specific (in at most √N passages). 拱墅 of a district paper
        weighs nothing; 杭州 of 今天杭州天气怎么样 heads no article, and 组合 of
        `…组合拳` is not what the headline is about."""
        limit = max(1, math.isqrt(self.index.size))
        topics = []
        for t in known:
            if t not in self._topic_cache:
                self._topic_cache[t] = t in self.tokenizer.names or (
                    len(t) >= 2 and 0 < self.index.df(t) <= limit and self._heads(t)
                )
            if self._topic_cache[t]:
                topics.append(t)
        return topics

    def _heads(self, word: str) -> bool:
        """Whether `word` begins a line of the headline of one of the articles it ranks first
        for (a headline's words are in each of its passages, so those come first)."""
        titles = {self.index.passage_title(d) for d, _ in self.index.top([word], HEADLINE_PROBES)}
        return any(line.startswith(word) for title in titles for line in self.tokenizer.fold(title).split())

    def _answers(
        self, sentence: str, weights: dict[str, float], literals: list[str], alternates: dict[str, list[str]]
    ) -> bool:
        """Whether `sentence` may be shown as the answer (💡): it holds what was typed
        verbatim, or the question's content words: at least two of them (when it has two)
        and half their weight. One shared word (`明天` of 明天天气怎么样, `写` of
        林韬写了哪些报道) makes a passage worth listing, not an answer."""
        text = without_spaces(self.tokenizer.fold(sentence))
        if any(without_spaces(self.tokenizer.fold(lit)) in text for lit in literals if lit):
            return True
        content = {t: w for t, w in weights.items() if w > 0}
        # search mode cuts 一号工程 into 一号, 工程 and 一号工程: count the longest word only
        content = {t: w for t, w in content.items() if not any(t != o and t in o for o in content)}
        held = {t: w for t, w in content.items() if t in text or any(a in text for a in alternates.get(t, ()))}
        total = sum(content.values())
        return total > 0 and len(held) >= min(2, len(content)) and sum(held.values()) >= EVIDENCE_SHARE * total

    def _ranked(
        self, q: ParsedQuery, k: int, offset: int, use_filter: bool, share: float = EVIDENCE_SHARE, min_words: int = 0,
        topics: Sequence[str] = (), fill: bool = True, within: npt.NDArray[np.bool_] | None = None,
    ) -> tuple[list[Hit], int]:
        """The evidence rule: a passage must hold `share` of the question's weight (and, with
        `min_words`, that many of its distinct words; with `topics`, one of them). `fill`: a
        short list is topped up with weaker matches (a reader asking wants something to
        read; an alert wants only what passes). `within`: only these passages."""
        if self.index.size == 0:
            return [], 0
        mask = self._mask(q, use_filter)
        if within is not None:
            mask = within if mask is None else mask & within
        alternates = self._alternates(q)
        ranking = list(dict.fromkeys([*q.tokens, *(t for alts in alternates.values() for alt in alts for t in alt)]))
        boost: dict[int, float] = {}
        if q.literal:
            literal = self._literal_hits(q.literal)
            if not literal.too_common and literal:  # few enough to read: each is boosted
                lift = self._max_possible(ranking) + 1.0
                # the passage that holds the string beats its siblings that share the headline
                boost = {d: lift * (2.0 if in_body else 1.0) for d, in_body in literal.verified().items()}
        pool = max(50, (offset + k) * 4 * self.per_article)
        ranked = self.index.top(ranking, pool, allowed=mask, boost=boost or None)
        if not ranked:
            return [], 0
        weights = {t: self.weight(t) for t in set(q.tokens)}
        total_weight = sum(weights.values())
        literals = [*q.phrases, *([q.literal] if q.literal else [])]
        docs = np.asarray([d for d, _ in ranked], dtype=np.int64)
        matched_weight = np.zeros(len(docs))
        held_by = {t: self.index.holds(t, docs) for t in set(ranking)}  # from the postings
        # the full rule also reads the characters (an unknown name cut two ways); the partial
        # tiers, where one word decides, only what the postings say (组合 is not in 组合拳)
        if share >= EVIDENCE_SHARE:  # the words that weigh, and what the expansions stand for them with
            read = {t for t, w in weights.items() if w > 0} | {a for alts in alternates.values() for alt in alts for a in alt}
            in_text = self._held(read, docs, held_by, q.text)
        else:
            in_text = held_by
        for t, w in weights.items():
            held = in_text[t].copy()
            for alt in alternates.get(t, ()):  # a passage with 地区生产总值 holds GDP
                held |= np.logical_and.reduce([in_text[a] for a in alt]) if alt else False
            matched_weight += w * held
        evidence = dict(zip(docs.tolist(), matched_weight.tolist(), strict=True))
        owners = dict(zip(docs.tolist(), self.index.article_ids(docs).tolist(), strict=True))
        words_held = np.zeros(len(docs), dtype=np.int64)
        if min_words:
            content = [t for t, w in weights.items() if w > 0]
            for t in content:
                if not any(t != o and t in o for o in content):  # 董事长, not 董事 as well
                    words_held += held_by[t]
        held_count = dict(zip(docs.tolist(), words_held.tolist(), strict=True))
        if topics:
            about = np.logical_or.reduce([self.index.holds(t, docs) for t in topics])
            ranked = [r for r, keep in zip(ranked, about.tolist(), strict=True) if keep]
        passing = [
            (d, score) for d, score in ranked
            if d in boost or q.phrases or (
                total_weight > 0 and evidence[d] / total_weight >= share - 1e-9 and held_count[d] >= min_words
            )
        ]
        if fill and passing and len(passing) < offset + k and share > PARTIAL_SHARE and total_weight > 0:
            # a short list is filled, after the passages that hold enough of the question, with
            # those that hold two of its words and a quarter of its weight (a long question is
            # often answered in other words)
            if not min_words:
                content = [t for t, w in weights.items() if w > 0]
                words_held = sum(
                    (held_by[t].astype(np.int64) for t in content if not any(t != o and t in o for o in content)),
                    np.zeros(len(docs), dtype=np.int64),
                )
                held_count = dict(zip(docs.tolist(), words_held.tolist(), strict=True))
            taken = {d for d, _ in passing}
            passing += [
                (d, score) for d, score in ranked
                if d not in taken and evidence[d] / total_weight >= PARTIAL_SHARE - 1e-9 and held_count[d] >= 2
            ]
            # and then with those holding the question's subject (石塘 of 石塘以前的名字是什么,
            # when another article happens to hold 以前 and 名字)
            subjects = self._topics([t for t in content if self.index.df(t) > 0]) if len(passing) < offset + k else []
            if subjects:
                about = dict(zip(docs.tolist(), np.logical_or.reduce([held_by[t] for t in subjects]).tolist(),
                                 strict=True))
                taken = {d for d, _ in passing}
                passing += [(d, score) for d, score in ranked if about[d] and d not in taken]
        day = _day_phrase(q.filter)  # filtered or not: where the text prints the day, the answer is told
        accepted = self._siblings_ordered(
            passing, owners, self._concepts(q, weights), alternates, boost, day, want=offset + k
        )
        # what the expansions bring in is highlighted like the words typed, each expansion
        # weighing what its word does (not each of its parts as much: 改革 of 深化改革委员会)
        shown_weights = dict(weights)
        for t, alts in alternates.items():
            for alt in alts:
                for a in alt:
                    shown_weights.setdefault(a, weights.get(t, 0.0) / len(alt))
        if day and total_weight > 0:  # the day asked about shows where the answer is told
            extra = {day: max(weights.values())}
        else:
            extra = {}
        stand_ins = self._stand_ins(q)
        targets = {t: stand_ins.get(t, [])
                   for t in weights}
        page = accepted[offset : offset + k]
        hits = []
        for d, score in page:
            row = self.index.passage(d)  # the texts only of what is shown
            before, after = self._around(d, row)
            around = before + row.text + after
            core = (len(before), len(before) + len(row.text))
            found = find_matches(around, self.tokenizer.spans, shown_weights, literals, self.tokenizer.fold, extra)
            ex = choose(around, outside_adds(around, found, core), core=core)
            matches = [(s - core[0], e - core[0], w) for s, e, w in found if s >= core[0] and e <= core[1]]
            ans = best_sentence(row.text, matches)
            confident = self._answers(ans.text, weights, literals, targets)
            hits.append(_hit(row, ex.text, ex.highlights, score, ans.text if confident else "",
                             ans.highlights if confident else []))
        return hits, len(accepted)

    def _around(self, doc: int, row: PassageRow) -> tuple[str, str]:
        """The sentence before a passage and the one after it, within its article: a passage
        may begin just after the sentence that says when and where (`2月10日，李志龙赴深圳
        开展招商活动。` | `在招商蛇口集团，…`), and the excerpt may show it with the answer."""
        before = after = ""
        near = [d for d in (doc - 1, doc + 1) if 0 <= d < self.index.size]
        # (a neighbour in another article is told by its article number alone, without
        # unpacking its text: most of an article's first and last passages' neighbours)
        same = {d for d, a in zip(near, self.index.article_ids(np.asarray(near, dtype=np.int64)).tolist(), strict=True)
                if a == row.article_id}
        if doc - 1 in same:
            prev = self.index.passage(doc - 1)
            if prev.id == row.id - 1:
                before = sentences(prev.text)[-1] if prev.text.strip() else ""
        if doc + 1 in same:
            nxt = self.index.passage(doc + 1)
            if nxt.id == row.id + 1:
                after = sentences(nxt.text)[0] if nxt.text.strip() else ""
        return before, after

    def _siblings_ordered(
        self, passing: list[tuple[int, float]], owners: dict[int, int], weights: dict[str, float],
        alternates: dict[str, list[list[str]]], boost: dict[int, float], day: str | None = None,
        want: int = 0,
    ) -> list[tuple[int, float]]:
        """At most `per_article` passages of each article, in the places of its best-ranked
        ones, best answer first. Every passage of an article carries its headline's words, and
        the lead repeats them, so BM25 puts the lead first; the answer to `网信委会议提出打造
        什么产业集群` sits in the passage whose one sentence holds the question's other words
        (打造, 产业集群). Siblings are ordered by that sentence's weight, counting only words
        not in the headline; a passage holding the typed string verbatim keeps its lead."""
        groups: dict[int, list[tuple[int, float]]] = {}
        for d, score in passing:
            groups.setdefault(owners[d], []).append((d, score))
        reordered: dict[int, list[tuple[int, float]]] = {}
        for owner, members in groups.items():
            if len(members) > 1:
                title = without_spaces(self.tokenizer.fold(self.index.passage_title(members[0][0])))
                own = {t: w for t, w in weights.items() if w > 0 and t not in title}
                if own and day:  # `敖煜新4月21日走访了…`: the passage that prints the day
                    own[day] = max(own.values())
                if own:
                    def key(item: tuple[int, float], own: dict[str, float] = own) -> tuple[bool, float]:
                        return (item[0] in boost, self._sentence_weight(item[0], own, alternates))
                    members = sorted(members, key=key, reverse=True)  # stable: BM25 order on ties
            groups[owner] = members
            reordered[owner] = members[: self.per_article]
        used: dict[int, int] = {}
        out: list[tuple[int, float]] = []
        for d, _ in passing:
            owner = owners[d]
            n = used.get(owner, 0)
            if n < len(reordered[owner]):
                out.append(reordered[owner][n])
                used[owner] = n + 1
        if self.fill and len(out) < want:
            # fewer articles than asked for: the cap orders the list (every article before a
            # third passage of one), it does not shorten it
            rest = [m for owner, members in groups.items() for m in members[self.per_article :]]
            rest.sort(key=lambda m: -m[1])
            out += rest[: want - len(out)]
        self.capped = sum(len(m) for m in groups.values()) - len(out)
        return out

    def _concepts(self, q: ParsedQuery, weights: dict[str, float]) -> dict[str, float]:
        """The question's words as a reader would count them, with their weight: the longest
        token only (董事长, not 董事 as well), a run of single characters as one word (张利明,
        a name jieba does not know, not 张, 利 and 明), and twice the weight for the words
        the question asks about (`_focus`)."""
        folded = self.tokenizer.fold(q.text)
        spans = sorted(
            ((a, b, t) for a, b, t in self.tokenizer.spans(q.text, normalized=folded) if t in weights),
            key=lambda x: (x[0], -(x[1] - x[0])),
        )
        longest: list[tuple[int, int, str]] = []
        for a, b, t in spans:
            if longest and b <= longest[-1][1]:
                continue  # inside the word before
            longest.append((a, b, t))
        focus = self._focus(q.text)
        out: dict[str, float] = {}
        run: list[tuple[int, int, str]] = []

        def flush() -> None:
            if run:
                word = folded[run[0][0] : run[-1][1]]
                weight = max(weights[t] for _, _, t in run) * (2.0 if any(t in focus for _, _, t in run) else 1.0)
                if weight > 0:
                    out[word] = max(out.get(word, 0.0), weight)
                run.clear()

        for a, b, t in longest:
            if b - a == 1 and (not run or run[-1][1] == a):
                run.append((a, b, t))
                continue
            flush()
            if b - a == 1:
                run.append((a, b, t))
            else:
                w = weights[t] * (2.0 if t in focus else 1.0)
                if w > 0:
                    out[t] = max(out.get(t, 0.0), w)
        flush()
        for phrase in q.phrases:
            out.setdefault(self.tokenizer.fold(phrase), max(weights.values(), default=0.0))
        return out

    def _focus(self, text: str) -> set[str]:
        """The words next to the question word, what the question asks about: 加快 and 投产 of
        `…座谈时提到要加快哪个项目投产`, 打造 and 产业集群 of `…打造什么产业集群`. The rest
        names the event, which every passage of the article is about."""
        folded = self.tokenizer.fold(text)
        out: set[str] = set()
        spans = self.tokenizer.spans(text, normalized=folded)
        for m in _ASKING.finditer(folded):
            for start, end, token in spans:
                if not is_token(token):
                    continue
                before = end <= m.start() and not _BREAK.search(folded[end : m.start()]) and m.start() - end <= 2
                after = start >= m.end() and not _BREAK.search(folded[m.end() : start]) and start - m.end() <= 2
                if before or after:
                    out.add(token)
        return out

    def _sentence_weight(self, doc: int, weights: dict[str, float], alternates: dict[str, list[list[str]]]) -> float:
        """The weight of the question's words in the passage's best sentence."""
        best = 0.0
        text = self.tokenizer.fold(self.index.passage_text(doc))
        for sentence in _SENTENCES.findall(text):
            sentence = without_spaces(sentence)
            held = sum(
                w for t, w in weights.items()
                if t in sentence or any(all(a in sentence for a in alt) for alt in alternates.get(t, ()))
            )
            best = max(best, held)
        return best

    def _stand_ins(self, q: ParsedQuery) -> dict[str, list[str]]:
        """{question token: the strings it may be printed as}, from the expansions. A token
        holding an expansion's source gets the source replaced (三十七个 → 37个: jieba glued
        the measure word on); one inside it, or overlapping it, gets the target. Worked out
        once per question (it tokenizes the question again)."""
        key = (q.text, tuple(q.tokens), tuple((e.source, e.target) for e in q.expansions))
        last = self._last_stand_ins
        if last is not None and last[0] == key:
            return last[1]
        out = self._find_stand_ins(q)
        self._last_stand_ins = (key, out)
        return out

    def _find_stand_ins(self, q: ParsedQuery) -> dict[str, list[str]]:
        folded = self.tokenizer.fold(q.text)
        spans = [(a, b, t) for a, b, t in self.tokenizer.spans(q.text, normalized=folded) if t in q.tokens]
        out: dict[str, list[str]] = {}
        for e in q.expansions:
            source, target = self.tokenizer.fold(e.source), self.tokenizer.fold(e.target)
            at = [m.start() for m in re.finditer(re.escape(source), folded)]
            for a, b, t in spans:
                if any(a < x + len(source) and x < b for x in at):
                    written = t.replace(source, target) if source in t else target
                    out.setdefault(t, [])
                    if written not in out[t]:
                        out[t].append(written)
            for t in dict.fromkeys(q.tokens):  # a token the spans missed (a phrase's)
                if t in source and t not in out:
                    out[t] = [target]
        return out

    def _alternates(self, q: ParsedQuery) -> dict[str, list[list[str]]]:
        """{question token: the token lists of what else it may be written as}."""
        out: dict[str, list[list[str]]] = {}
        for t, written in self._stand_ins(q).items():
            for w in written:
                alt = [a for a in self.tokenizer.tokens(w) if a not in self.common]
                if alt and alt not in out.get(t, []):
                    out.setdefault(t, []).append(alt)
        return out

def _hit(
    row: PassageRow, excerpt: str, highlights: list[tuple[int, int]], score: float, answer: str,
    answer_highlights: list[tuple[int, int]],
) -> Hit:
    return Hit(
        article_id=row.article_id,
        passage_id=row.id,
        title=row.title,
        kicker=row.kicker,
        subtitle=row.subtitle,
        date=row.day,
        date_approximate=row.approximate,
        issue_date=row.issue_day or row.day,
        paper=row.paper,
        page=row.page,
        excerpt=excerpt,
        highlights=highlights,
        passage=row.text,
        score=score,
        answer=answer,
        answer_highlights=answer_highlights,
    )


def _day_phrase(f: DateFilter | None) -> str | None:
    """How a page prints the one day a question names (`4月21日`), or None."""
    if f is None:
        return None
    if f.month is not None and f.day is not None:
        return f"{f.month}月{f.day}日"
    if f.start is not None and f.start == f.end:
        return f"{f.start.month}月{f.start.day}日"
    return None


def _join(*parts: str | None) -> str | None:
    """Notices, one per line (the reader sees every one of them)."""
    kept = [p for p in parts if p]
    return "\n".join(kept) if kept else None
