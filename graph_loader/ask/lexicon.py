"""The lexicon: every node's names, aliases, English names and their variants in one automaton.

Built from the ``names`` catalog query, so both stores link a question the same way.
:meth:`Lexicon.mentions` finds every name in a normalized question with one Aho-Corasick pass
(pyahocorasick) and keeps the longest, leftmost ones that do not overlap.  A name that is
also another node's (未来产业: a tier and a group; 预制菜: a chain and a product) keeps every
candidate, best first: a name before an alias before a variant before part of a long name,
then by :data:`LABEL_ORDER`; the intent picks the candidate of the type it needs.

>>> lex = Lexicon.build([
...     {"id": "chain.pv", "label": "Chain", "name": "光伏", "name_en": "Photovoltaics",
...      "aliases": ["PV"], "within": ["group.new_energy"]},
...     {"id": "group.new_energy", "label": "Group", "name": "新能源", "name_en": "New Energy",
...      "aliases": [], "within": []},
... ])
>>> [(m.text, m.candidates[0].id) for m in lex.mentions("新能源里的光伏产业链在哪儿")]
[('新能源', 'group.new_energy'), ('光伏产业链', 'chain.pv')]
>>> [m.text for m in lex.mentions("pv and improve photovoltaic")]
['pv', 'photovoltaic']
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick

from chainkg.graph_loader.ask.cues import CUES
from chainkg.graph_loader.ask.normalize import is_cjk, normalize, variants
from chainkg.graph_loader.ask.segment import words
from chainkg.graph_loader.cache import PerStore
from chainkg.graph_loader.catalog import Row

NAME, ALIAS, VARIANT, FRAGMENT = 0, 1, 2, 3
"""How a text names a node, best first."""
LABEL_ORDER = (
    "Chain",
    "Group",
    "Park",
    "Enterprise",
    "Project",
    "Department",
    "Action",
    "Target",
    "Indicator",
    "Measure",
    "Safeguard",
    "Platform",
    "Technology",
    "District",
    "Tier",
    "Plan",
)
"""Which node a name shared by several means first, when the question does not say."""
SECTOR_LABELS = ("Chain", "Group", "Tier")
"""Labels whose English name's telling first word finds the node (:func:`_english_fragments`)."""
FRAGMENT_LABELS = ("Indicator", "Target", "Measure", "Safeguard", "Platform", "Action")
SECTION_LABELS = ("Action", "Safeguard")
"""Labels whose section (三(一), 四(一)) names the node: each has a section of its own."""
"""Labels with long names: part of such a name (four characters or more) also finds the node."""
GENERIC_WORDS = frozenset(
    "地区 生产总值 比重 工业 产业 企业 项目 新增 省级 以上 每年 培育 重点 产业链 国家 制造 制造业 "
    "建设 推进 强化 加快 实施 发展 水平 销售收入 规模 中心 平台 服务 泰州 全市 体系 创新 能力 "
    "行动 提升 力争 达到 突破 超过 集聚 孵化 管理 推动 深化 打造 促进 扩大 一批 各类 主导 参与 "
    "支持 新型 高水平 一流 融合 培优 引领".split()
)
"""Words too common in the long names to find one of them on their own."""
_CUT = re.compile(r"(达到|达|突破|超过|过万|比20|下降)")
_TRAILING_FIGURE = re.compile(r"\d+(\.\d+)?[家个件项%]?$")
EN_GENERIC = frozenset(
    "the and of for or in on to by with from more than less industry industries industrial chain "
    "chains development economic zone park parks taizhou municipal bureau enterprise enterprises "
    "project projects action target targets system systems equipment material materials product "
    "products technology technologies new high level provincial national share annual city "
    "district group groups plan key".split()
)
"""English words too common in names to find a node on their own."""
_EN_WORD = re.compile(r"[a-z0-9&]+")
_ASCII_WORD = re.compile(r"[0-9a-z]")
LEXICON_TTL = 60.0
"""Seconds a lexicon is reused for a store that knows no graph version."""


@dataclass(frozen=True)
class Candidate:
    """A node a text may name, and how (:data:`NAME` … :data:`FRAGMENT`)."""

    id: str
    label: str
    kind: int


@dataclass(frozen=True)
class Mention:
    """A span of the normalized question that names one or more nodes (best first)."""

    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...]

    def of(self, *labels: str) -> Candidate | None:
        """Return the best candidate with one of ``labels`` (any when none given)."""
        return next((c for c in self.candidates if not labels or c.label in labels), None)


@dataclass(frozen=True)
class Entry:
    """A node of the lexicon: its names and what it belongs to (groups, tiers)."""

    id: str
    label: str
    name: str
    name_en: str
    within: tuple[str, ...]


def _core(name: str) -> str:
    """Return a long name up to its figure or verb: 研发支出占地区生产总值比重达2.85%左右 → …比重.

    >>> _core("研发支出占地区生产总值比重达2.85%左右"), _core("省级以上专精特新企业900家")
    ('研发支出占地区生产总值比重', '省级以上专精特新企业')
    """
    return _TRAILING_FIGURE.sub("", _CUT.split(name, maxsplit=1)[0])


def _english_fragments(names: dict[str, tuple[str, str]]) -> dict[str, list[str]]:
    """Return, per node, parts of its English name that find it: for long names, runs of two
    words or more holding a word at most two names share; for products and technologies, a
    word of six letters or more that no other name has (perovskite); for chains, groups and
    tiers, the first word of six letters or more when no other of them has it (hydrogen,
    aerospace: a longer name holding it, Hydrogen storage technology, still wins)."""
    words = {node: _EN_WORD.findall(name) for node, (_, name) in names.items()}
    spread: dict[str, int] = defaultdict(int)
    sectors: dict[str, int] = defaultdict(int)
    for node, ws in words.items():
        for w in set(ws):
            spread[w] += 1
            if names[node][0] in SECTOR_LABELS:
                sectors[w] += 1
    out: dict[str, list[str]] = {}
    for node, ws in words.items():
        label = names[node][0]
        found = []
        if label in SECTOR_LABELS and ws:  # hydrogen → Hydrogen Energy, aerospace → …
            head = ws[0]
            if len(head) >= 6 and sectors[head] == 1 and head not in EN_GENERIC:
                found.append(head)
        if label == "Technology":
            found += [w for w in ws if len(w) >= 6 and spread[w] == 1 and w not in EN_GENERIC]
        if label in FRAGMENT_LABELS:
            for i in range(len(ws)):
                for j in range(i + 2, len(ws) + 1):
                    span = ws[i:j]
                    text = " ".join(span)
                    distinct = any(
                        (len(w) >= 4 or (w.isdigit() and len(w) >= 3))
                        and spread[w] <= 2
                        and w not in EN_GENERIC
                        for w in span
                    )
                    if len(text) >= 10 and distinct:
                        found.append(text)
        out[node] = found
    return out


def _fragments(cores: dict[str, str]) -> dict[str, list[str]]:
    """Return, per node, the parts of its long name that find it: runs of its words of four
    characters or more that hold a word no more than two of the long names share."""
    cut = {node: words(core) for node, core in cores.items()}
    spread: dict[str, int] = defaultdict(int)
    for ws in cut.values():
        for w in set(ws):
            spread[w] += 1
    out: dict[str, list[str]] = {}
    for node, ws in cut.items():
        found = []
        for i in range(len(ws)):
            for j in range(i + 1, len(ws) + 1):
                span = ws[i:j]
                text = "".join(span)
                if len(text) < 4 or not is_cjk(text) or any(not w.strip("、,()") for w in span):
                    continue
                if any(len(w) >= 2 and w not in GENERIC_WORDS and spread[w] <= 2 for w in span):
                    found.append(text)
        out[node] = found
    return out


@dataclass(frozen=True)
class LongName:
    """The telling words of a long name (an indicator's, a target's …), for loose matching."""

    id: str
    label: str
    words: tuple[str, ...]


LOOSE_ORDER = ("Indicator", "Target", "Measure", "Action", "Safeguard", "Platform")
"""Which long name a loose match means first: the plan's goals before the yearly targets."""


def _is_cue(word: str) -> bool:
    return any(p.fullmatch(word) for p in CUES.values())


def _long_names(
    cores: dict[str, str], labels: dict[str, str]
) -> tuple[list[LongName], dict[str, int]]:
    """Return the telling words of each long name (two characters or more, not common in the
    long names, not a question word) and how many long names share each word."""
    out = []
    spread: dict[str, int] = defaultdict(int)
    for node, core in sorted(cores.items()):
        ws = tuple(
            dict.fromkeys(
                w for w in words(core) if len(w) >= 2 and w not in GENERIC_WORDS and not _is_cue(w)
            )
        )
        for w in ws:
            spread[w] += 1
        if ws:
            out.append(LongName(node, labels[node], ws))
    return out, dict(spread)


class Lexicon:
    """Every node's names in one automaton; finds the nodes a question names."""

    def __init__(
        self,
        entries: dict[str, Entry],
        surfaces: dict[str, list[Candidate]],
        long_names: tuple[list[LongName], dict[str, int]] = ([], {}),
    ) -> None:
        self.entries = entries
        self._long, self._spread = long_names
        english: dict[str, int] = defaultdict(int)
        for e in entries.values():
            for w in set(_EN_WORD.findall(normalize(e.name_en))):
                english[w] += 1
                if w.endswith("s"):
                    english[w[:-1]] += 1
        self.english: dict[str, int] = dict(english)
        """How many English names use each word (and its singular): the graph's vocabulary."""
        self._automaton: Any = ahocorasick.Automaton()
        for text, cands in surfaces.items():
            ordered = tuple(sorted(cands, key=lambda c: (c.kind, LABEL_ORDER.index(c.label), c.id)))
            self._automaton.add_word(text, (text, ordered))
        self._automaton.make_automaton()

    @classmethod
    def build(cls, rows: Iterable[Row]) -> Lexicon:
        """Return the lexicon of ``names`` query rows."""
        entries: dict[str, Entry] = {}
        found: dict[str, dict[str, Candidate]] = defaultdict(dict)

        def add(text: str, node: str, label: str, kind: int) -> None:
            if len(text) < 2:  # one character (阀, 酶) would match everywhere
                return
            known = found[text].get(node)
            if known is None or kind < known.kind:
                found[text][node] = Candidate(node, label, kind)

        cores: dict[str, str] = {}
        english: dict[str, tuple[str, str]] = {}
        for row in rows:
            node, label = str(row["id"]), str(row["label"])
            name, name_en = str(row.get("name") or ""), str(row.get("name_en") or "")
            aliases = [str(a) for a in row.get("aliases") or []]
            entries[node] = Entry(node, label, name, name_en, tuple(row.get("within") or ()))
            add(normalize(name), node, label, NAME)
            for alias in [name_en, *aliases]:
                add(normalize(alias), node, label, ALIAS)
            for form in variants(label, [name, name_en, *aliases]):
                add(form, node, label, VARIANT)
            if label in SECTION_LABELS and row.get("source"):
                add(normalize(str(row["source"])), node, label, ALIAS)
            if label in FRAGMENT_LABELS:
                cores[node] = _core(normalize(name))
                add(cores[node], node, label, VARIANT)
            english[node] = (label, normalize(re.sub(r"\([^)]*\)", "", name_en)))
        for node, parts in [*_fragments(cores).items(), *_english_fragments(english).items()]:
            for part in parts:
                add(part, node, entries[node].label, FRAGMENT)
        labels = {node: entries[node].label for node in cores}
        surfaces = {t: list(c.values()) for t, c in found.items()}
        return cls(entries, surfaces, _long_names(cores, labels))

    def mentions(self, text: str) -> list[Mention]:
        """Return the names in normalized ``text``: longest first, then leftmost, no overlaps.

        A name in Latin letters or digits must stand as a word (``pv`` is not in ``improve``).
        """
        spans = []
        for end, (surface, cands) in self._automaton.iter(text):
            start = end - len(surface) + 1
            if _ASCII_WORD.match(surface[0]) and start > 0 and _ASCII_WORD.match(text[start - 1]):
                continue
            if _ASCII_WORD.match(surface[-1]) and _ASCII_WORD.match(text[end + 1 : end + 2]):
                continue
            spans.append(Mention(start, end + 1, surface, cands))
        spans.sort(key=lambda m: (-len(m.text), m.candidates[0].kind, m.start))
        chosen: list[Mention] = []
        for m in spans:
            if all(m.end <= c.start or m.start >= c.end for c in chosen):
                chosen.append(m)
        return sorted(chosen, key=lambda m: m.start)

    def loose(self, text: str, taken: list[Mention]) -> Mention | None:
        """Return a long name the question names loosely, outside ``taken``: most of its
        telling words, in any order (绿色制造示范 for 绿色制造体系示范); or None."""
        best: list[tuple[float, LongName, int, int]] = []
        for name in self._long:
            spans = [(text.find(w), w) for w in name.words if w in text]
            spans = [
                (i, w) for i, w in spans if all(i + len(w) <= m.start or i >= m.end for m in taken)
            ]
            if not spans:
                continue
            share = sum(len(w) for _, w in spans) / sum(len(w) for w in name.words)
            one = len(spans) == 1 and self._spread.get(spans[0][1]) == 1
            if (len(spans) >= 2 and share >= 0.5) or (
                one and name.label in ("Indicator", "Target")
            ):
                start = min(i for i, _ in spans)
                end = max(i + len(w) for i, w in spans)
                best.append((share, name, start, end))
        if not best:
            return None
        best.sort(key=lambda b: (-b[0], LOOSE_ORDER.index(b[1].label), b[1].id))
        top = best[0]
        cands = tuple(Candidate(b[1].id, b[1].label, FRAGMENT) for b in best if b[0] == top[0])
        return Mention(top[2], top[3], text[top[2] : top[3]], cands)

    def containing(self, term: str, label: str | None = None) -> list[Entry]:
        """Return the nodes (of ``label``) whose name or English name contains ``term``."""
        low = normalize(term)
        return [
            e
            for e in sorted(self.entries.values(), key=lambda e: e.id)
            if (label is None or e.label == label)
            and (low in normalize(e.name) or (not is_cjk(low) and low in normalize(e.name_en)))
        ]


LEXICONS: PerStore[Lexicon] = PerStore(lambda store: Lexicon.build(store.run("names")), LEXICON_TTL)
"""The process's lexicons: one per store and graph version (a reload of Neo4j shows up)."""
