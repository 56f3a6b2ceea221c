"""A question read: its normalized text, the names it mentions, its cues, years and figures,
and what it names that the plan does not have (another city, a chain that does not exist).

>>> from chainkg.graph_loader.ask.lexicon import Lexicon
>>> lex = Lexicon.build([{"id": "chain.pv", "label": "Chain", "name": "光伏",
...                       "name_en": "Photovoltaics", "aliases": [], "within": []}])
>>> q = parse(lex, "光伏2027年的目标是多少？")
>>> [m.text for m in q.mentions], q.years, sorted(q.cues & {"figure", "count"})
(['光伏'], [2027], ['figure'])
>>> parse(lex, "南京的光伏园区有哪些").unknown
['南京']
>>> parse(lex, "半导体产业链的目标").unknown
['半导体']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chainkg.graph_loader.ask.cues import (
    CUES,
    MASK,
    bounds,
    cues_in,
    top_n,
    type_words,
    years_in,
)
from chainkg.graph_loader.ask.lexicon import Lexicon, Mention
from chainkg.graph_loader.ask.normalize import CJK, is_cjk, normalize
from chainkg.graph_loader.ask.segment import tagged

HOME = frozenset({"泰州", "泰州市", "全市", "我市", "本市", "市里", "taizhou"})
"""Places that are the plan's own city."""
_PLACE_TAGS = frozenset({"ns", "nt"})
_NAMED_SUFFIX = re.compile(
    rf"([{CJK}]{{2,10}})(产业链|产业园区|产业园|园区|开发区|高新区|公司|集团)"
)
_FILLER = re.compile(
    r"哪些|哪个|哪家|哪条|什么|啥|的|有|各|这些|那些|这个|那个|所有|全部|重点|主要|相关|上下游|上游|下游|"
    r"主导|其他|别的|一共|总共|几条|几个|多少|和|与|及|或|是|在|还|都|请问|我想|想知道|告诉我|帮我|查|"
    r"一下|泰州市?|全市|市里|本市|我市|了|吗|呢|吧|个|条|家|类|大|年度|年|最|更|比较|较|\d+|"
    r"方案里?|规划|文件|高端|先进|绿色|新兴|重要"
)
_NOUN_TAGS = ("n", "eng", "j")
_EN_PROPER = re.compile(r"\b[A-Z][A-Za-z]+\b")
EN_KNOWN = frozenset(
    "what which where who whom whose when how why is are was were do does did the a an of in on "
    "for to by and or with from at as it its this that these those there i we you me my our "
    "please tell show list give can could would should will may taizhou chinese english plan "
    "action chain chains park parks group groups many more most other others all any some each "
    "every main major such these those whose own its key industrial economic development".split()
)
"""Capitalized English words that are not names (sentence starts, question words)."""
_ADJACENT_SUFFIX = re.compile(r"(产业链|产业|链)")


@dataclass
class Question:
    """What the engine read in a question."""

    raw: str
    text: str
    """The normalized question."""
    rest: str
    """``text`` with every linked name replaced by :data:`~cues.MASK`."""
    mentions: list[Mention]
    cues: set[str]
    types: list[str]
    """Labels the question names by kind (园区 → Park), most specific first."""
    years: list[int]
    top: int | None
    bounds: tuple[float, float] | None
    """The range a question keeps figures in (超过500亿 → 500 to infinity)."""
    unknown: list[str] = field(default_factory=list)
    """What the question names that the plan does not have."""
    partial: list[str] = field(default_factory=list)
    """Unlinked words named like a chain or park (疫苗产业链) that are part of names (新型疫苗)."""
    nouns: list[str] = field(default_factory=list)
    """Other unlinked nouns that are part of product names (电池 of 固态电池)."""

    def has(self, *cues: str) -> bool:
        """Return True when any of ``cues`` is in the question."""
        return any(c in self.cues for c in cues)


def _masked(text: str, mentions: list[Mention]) -> str:
    out, last = [], 0
    for m in mentions:
        out += [text[last : m.start], MASK]
        last = m.end
    return "".join([*out, text[last:]])


def _unknown_places(rest: str) -> list[str]:
    """Return the places (and organisations) jieba finds in the unlinked rest of a question."""
    plain = rest.replace(MASK, "，")
    return [
        w
        for w, tag in tagged(plain)
        if tag in _PLACE_TAGS and len(w) >= 2 and w not in HOME and not _FILLER.fullmatch(w)
    ]


def _unknown_names(rest: str) -> list[str]:
    """Return the 〈X〉产业链 / 〈X〉园区 … whose X is no known name and no question word."""
    found = []
    for m in _NAMED_SUFFIX.finditer(rest):
        head = m.group(1)
        for pattern in CUES.values():
            head = pattern.sub("", head)
        head = _FILLER.sub("", head)
        if len(head) >= 2 and any(tag.startswith(_NOUN_TAGS) for _, tag in tagged(head)):
            found.append(head)
    return found


def _named_as_chain(text: str, m: Mention) -> bool:
    """Return True when a mention is written as a chain's name (光伏产业链, 船舶产业)."""
    return bool(
        _ADJACENT_SUFFIX.match(text[m.end : m.end + 3]) or _ADJACENT_SUFFIX.search(m.text[-3:])
    )


def _unknown_compounds(text: str, mentions: list[Mention], lexicon: Lexicon) -> list[str]:
    """Return what is run together with a name written as a chain's that the plan does not
    have: two names (新能源船舶产业链, unless one is the other's group: 新能源光伏产业) or a
    noun and a name (电动船舶产业链)."""
    found = []
    for i, b in enumerate(mentions):
        if not _named_as_chain(text, b):
            continue
        a = mentions[i - 1] if i > 0 else None
        if a is not None and a.end == b.start:
            entry = lexicon.entries.get(b.candidates[0].id)
            if entry is None or a.candidates[0].id not in entry.within:
                found.append(a.text + b.text)
            continue
        before = re.search(rf"[{CJK}]+$", text[: b.start])
        if before is None:
            continue
        words = tagged(before.group(0))
        word, tag = words[-1] if words else ("", "")
        nounish = tag.startswith((*_NOUN_TAGS, "b")) and len(word) >= 2
        if (
            nounish
            and not _FILLER.fullmatch(word)
            and not any(p.fullmatch(word) for p in CUES.values())
        ):
            found.append(word + b.text)
    return found


_EN_NAMED = re.compile(
    r"\b([a-z][a-z]{3,})\s+(?:chains?|industry|industries|parks?|zones?|compan(?:y|ies)|groups?)\b"
)


def _unknown_english(raw: str, rest: str, mentions: list[Mention], lexicon: Lexicon) -> list[str]:
    """Return English words that name what the graph does not have: capitalized words no
    English name uses (Nanjing, Wuxi), and a word naming a chain or park (semiconductor chain)."""
    found = []
    linked = " ".join(m.text for m in mentions)
    for word in _EN_PROPER.findall(raw):
        low = word.lower()
        common = max(lexicon.english.get(low, 0), lexicon.english.get(low.removesuffix("s"), 0))
        if low in EN_KNOWN or common >= 2 or re.search(rf"\b{low}\b", linked):
            continue
        if not cues_in(low):
            found.append(word)
    for m in _EN_NAMED.finditer(rest):
        word = m.group(1)
        if word not in EN_KNOWN and not cues_in(word):
            found.append(word)
    return found


def _leftover_nouns(rest: str) -> list[str]:
    """Return the nouns of the unlinked rest of a question that are no question word."""
    plain = rest.replace(MASK, "，")
    return [
        w
        for w, tag in tagged(plain)
        if tag.startswith(_NOUN_TAGS)
        and len(w) >= 2
        and not _FILLER.fullmatch(w)
        and not any(p.fullmatch(w) for p in CUES.values())
    ]


def parse(lexicon: Lexicon, raw: str) -> Question:
    """Return the question ``raw`` read against ``lexicon``."""
    text = normalize(raw)
    mentions = lexicon.mentions(text)
    loose = lexicon.loose(text, mentions)
    if loose is not None:
        mentions = sorted([*mentions, loose], key=lambda m: m.start)
    rest = _masked(text, mentions)
    unknown = [
        *_unknown_places(rest),
        *_unknown_names(rest),
        *_unknown_compounds(text, mentions, lexicon),
        *_unknown_english(raw, rest, mentions, lexicon),
    ]
    partial = [u for u in unknown if is_cjk(u) and lexicon.containing(u)]
    nouns = [w for w in _leftover_nouns(rest) if is_cjk(w) and lexicon.containing(w, "Technology")]
    return Question(
        raw=raw,
        text=text,
        rest=rest,
        mentions=mentions,
        cues=cues_in(rest),
        types=type_words(rest),
        years=years_in(text),
        top=top_n(rest),
        bounds=bounds(rest),
        unknown=[u for u in dict.fromkeys(unknown) if u not in partial],
        partial=list(dict.fromkeys(partial)),
        nouns=nouns,
    )
