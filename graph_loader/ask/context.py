"""What every intent's answer is built with: the question, the store, the language, and the
evidence, items and query the answer collects on the way.

An intent handler takes a :class:`Ctx` and returns a :class:`Reply` (or None when the question
is not one it answers).  It reads the graph only through :meth:`Ctx.run` (catalog queries), and
cites every fact it uses with :meth:`Ctx.cite` or :meth:`Ctx.cite_row`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from chainkg.graph_loader.ask.lexicon import Candidate, Entry, Lexicon
from chainkg.graph_loader.ask.model import (
    AskEntity,
    AskEvidence,
    AskItem,
    AskQuery,
    Intent,
    Lang,
    NodeKey,
)
from chainkg.graph_loader.ask.parse import Question
from chainkg.graph_loader.catalog import Row
from chainkg.graph_loader.store import GraphStore
from chainkg.graph_loader.vocabulary import KIND_CAPTIONS, LABEL_NAMES, ROLE_EN, UNIT_EN

DERIVED_ZH = "由所属产业的空间布局推得（derived from the group layout），方案未逐链点名"
DERIVED_EN = "derived from the group layout: the plan names the group's parks, not each chain's"


@dataclass
class Reply:
    """What an intent answers: items, text, the single figure and the node to map."""

    intent: Intent
    results: list[AskItem]
    text: str
    answered: bool = True
    value: int | float | None = None
    unit: str | None = None
    focus: list[NodeKey] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)


def one_figure(items: list[AskItem]) -> dict[str, Any]:
    """Return the ``value`` and ``unit`` of a reply: the item's, when it has one item."""
    single = items[0] if len(items) == 1 else None
    return {"value": single.value if single else None, "unit": single.unit if single else None}


def figure(value: float) -> int | float:
    """Return a figure as printed: ``304.0`` → ``304``, ``177.6`` stays.

    >>> figure(304.0), figure(177.6), figure(6113.000000001)
    (304, 177.6, 6113)
    """
    rounded = round(value, 4)
    return int(rounded) if rounded == int(rounded) else rounded


class Ctx:
    """One question being answered."""

    def __init__(self, store: GraphStore, lexicon: Lexicon, question: Question, lang: Lang):
        self.store = store
        self.lexicon = lexicon
        self.q = question
        self.lang: Lang = lang
        self.query: AskQuery | None = None
        self._led = False
        self._evidence: dict[tuple[str, str], AskEvidence] = {}
        self._used: dict[int, Candidate] = {}

    # ------------------------------------------------------------ the graph

    def run(self, name: str, **params: Any) -> list[Row]:
        """Return the rows of a catalog query (reported as the answer's query if the first)."""
        rows = self.store.run(name, **params)
        if self.query is None:
            self.query = AskQuery(name=name, params=params)
        return rows

    def lead(self, name: str, **params: Any) -> list[Row]:
        """Return the rows of the catalog query that gives the answer's items (reported)."""
        rows = self.store.run(name, **params)
        if not self._led:
            self.query = AskQuery(name=name, params=params)
            self._led = True
        return rows

    def scope_name(self, cand: Candidate | None, default: tuple[str, str] = ("", "")) -> str:
        """Return the name of a node by candidate, or ``default`` (zh, en) when there is none."""
        entry = self.entry(cand.id) if cand is not None else None
        return self.nm(entry) if entry is not None else self.t(*default)

    def node(self, id: str) -> Row | None:
        """Return a node's row, or None."""
        rows = self.run("node", id=id)
        return rows[0]["node"] if rows else None

    def entry(self, id: str) -> Entry | None:
        """Return a node's lexicon entry (names, groups), or None."""
        return self.lexicon.entries.get(id)

    # ------------------------------------------------------------ what the question names

    def pick(self, *labels: str) -> list[Candidate]:
        """Return, per mention, its best candidate with one of ``labels`` (once each, in order)."""
        found: dict[str, Candidate] = {}
        for i, m in enumerate(self.q.mentions):
            cand = m.of(*labels)
            if cand is not None and cand.id not in found:
                found[cand.id] = cand
                self._used.setdefault(i, cand)
        return list(found.values())

    def entities(self) -> list[AskEntity]:
        """Return what the question was linked to (the candidate an intent used, else the best)."""
        out = []
        for i, m in enumerate(self.q.mentions):
            cand = self._used.get(i, m.candidates[0])
            entry = self.entry(cand.id)
            if entry is not None:
                out.append(
                    AskEntity(
                        id=cand.id,
                        type=cand.label,
                        name=entry.name,
                        name_en=entry.name_en,
                        matched=m.text,
                    )
                )
        return out

    # ------------------------------------------------------------ evidence

    def cite(self, source: Any, quote: Any, assumption: Any = None) -> None:
        """Record one fact's section and verbatim quote (once)."""
        if not source or not quote:
            return
        key = (str(source), str(quote))
        if key not in self._evidence:
            self._evidence[key] = AskEvidence(
                source=key[0], quote=key[1], assumption=str(assumption) if assumption else None
            )

    def cite_record(
        self,
        record: str,
        source: str,
        says: str,
        written_by: str,
        written_at: str,
        assumption: str | None = None,
    ) -> None:
        """Record a record staff wrote as evidence: what it says, the document it cites,
        who wrote it and when (once)."""
        key = (f"record:{record}", says)
        if key not in self._evidence:
            self._evidence[key] = AskEvidence(
                source=source,
                quote=says,
                assumption=assumption,
                record=record,
                written_by=written_by,
                written_at=written_at,
            )

    def cite_row(self, row: Mapping[str, Any]) -> None:
        """Record the source, evidence and assumption of a node or link row."""
        self.cite(row.get("source"), row.get("evidence"), row.get("assumption"))

    def evidence(self) -> list[AskEvidence]:
        """Return every fact cited, in the order cited."""
        return list(self._evidence.values())

    # ------------------------------------------------------------ words

    def t(self, zh: str, en: str) -> str:
        """Return the text in the answer's language."""
        return en if self.lang == "en" else zh

    def nm(self, node: Mapping[str, Any] | Entry) -> str:
        """Return a node's name in the answer's language."""
        if isinstance(node, Entry):
            return node.name_en if self.lang == "en" and node.name_en else node.name
        name = str(node.get("name", ""))
        return str(node.get("name_en") or name) if self.lang == "en" else name

    def names(self, nodes: Iterable[Mapping[str, Any] | Entry], limit: int = 12) -> str:
        """Return names joined (、 or commas), the list cut after ``limit`` with a count."""
        items = [self.nm(n) for n in nodes]
        more = len(items) - limit
        shown = items[:limit]
        if more > 0:
            shown.append(self.t(f"等{len(items)}项", f"and {more} more"))
        return ("、" if self.lang == "zh" else ", ").join(shown)

    def what(self, cands: Iterable[Candidate]) -> str:
        """Return the names of the nodes a question named (of ``cands``), joined."""
        return self.names([e for c in cands if (e := self.entry(c.id)) is not None])

    def by_role(self, items: list[AskItem]) -> str:
        """Return ``name、name（role）；…``: the items' names grouped by their role."""
        roles: dict[str, list[str]] = {}
        for it in items:
            roles.setdefault(it.role or "", []).append(it.name_en if self.lang == "en" else it.name)
        sep = self.t("、", ", ")
        return self.t("；", "; ").join(
            self.t(f"{sep.join(ns)}（{self.role(r)}）", f"{sep.join(ns)} ({self.role(r)})")
            if r
            else sep.join(ns)
            for r, ns in roles.items()
        )

    def assumed(self, items: list[AskItem]) -> str:
        """Return a sentence saying some links are read into the text, when any item's is."""
        if not any(it.assumption for it in items):
            return ""
        return self.t(
            "部分关联为对原文的解读（见证据中的 assumption）。",
            " Some links are read into the text (see the evidence's assumption).",
        )

    def none(self, intent: Intent, zh: str, en: str, cands: list[Candidate]) -> Reply:
        """Return the refused reply of an intent whose node has nothing to show."""
        return Reply(intent, [], self.t(zh, en), answered=False, focus=focus(*cands))

    def label(self, label: str, plural: bool = False) -> str:
        """Return a node label's name (园区 / park, parks)."""
        zh, en = LABEL_NAMES.get(label, (label, label))
        en = en.lower()
        if plural and self.lang == "en":
            en = en[:-1] + "ies" if en.endswith("y") else en + "s"
        return self.t(zh, en)

    def role(self, role: str | None) -> str:
        """Return a link's role (or chain relation kind) in the answer's language."""
        if not role:
            return ""
        if role in KIND_CAPTIONS:
            zh, en = KIND_CAPTIONS[role]
            return self.t(zh, en)
        return self.t(role, ROLE_EN.get(role, role))

    def amount(self, value: float | None, unit: str | None) -> str:
        """Return a figure with its unit: ``304亿元`` / ``304 (100M CNY)``, ``5.01%``."""
        if value is None:
            return "—"
        number = f"{figure(value):,}" if self.lang == "en" else f"{figure(value)}"
        if not unit:
            return number
        if self.lang == "zh":
            return number + unit
        en = UNIT_EN.get(unit, unit)
        if en == "%":
            return number + "%"
        return f"{number} {en}".strip()


def item(node: Mapping[str, Any], **extra: Any) -> AskItem:
    """Return a node row as an answer item (with ``role``, ``value`` … from ``extra``)."""
    return AskItem(
        id=str(node["id"]),
        type=str(node.get("label", "")),
        name=str(node.get("name", "")),
        name_en=str(node.get("name_en", "")),
        **extra,
    )


def entry_item(entry: Entry, **extra: Any) -> AskItem:
    """Return a lexicon entry as an answer item."""
    return AskItem(id=entry.id, type=entry.label, name=entry.name, name_en=entry.name_en, **extra)


def focus(*nodes: Mapping[str, Any] | Entry | Candidate | AskItem | None) -> list[NodeKey]:
    """Return the nodes to map, in order, skipping None."""
    out = []
    for n in nodes:
        if n is None:
            continue
        if isinstance(n, Entry | Candidate):
            out.append(NodeKey(label=n.label, id=n.id))
        elif isinstance(n, AskItem):
            out.append(NodeKey(label=n.type, id=n.id))
        else:
            out.append(NodeKey(label=str(n["label"]), id=str(n["id"])))
    return out
