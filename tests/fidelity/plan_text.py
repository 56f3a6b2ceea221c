"""The plan read as sections, paragraphs and sentences, and the names the API knows.

The fidelity checks hold what the API answers against this reading of ``plan.txt``: a
quote lies in its section, a paragraph is the part of a section about one group (二(三)
holds three, opened by ``新智造，`` ``新材料，`` and ``新能源，``), and a sentence ends at ``。``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from chainkg.graph_loader.sections import split_sections


def sentences(text: str) -> list[str]:
    """Return the sentences of ``text``: cut after every ``。`` and at line breaks.

    >>> sentences("甲，乙。丙。\\n丁")
    ['甲，乙。', '丙。', '丁']
    """
    return [s for line in text.splitlines() for s in re.findall(r"[^。]+。?", line) if s.strip()]


@dataclass
class Names:
    """Every name and alias of the parks, chains and groups, by id, from the API."""

    of: dict[str, list[str]] = field(default_factory=dict)
    parks: list[str] = field(default_factory=list)
    chain_rank: dict[str, int] = field(default_factory=dict)
    chain_group: dict[str, str] = field(default_factory=dict)
    top_groups: list[str] = field(default_factory=list)

    def add(self, item: dict[str, Any]) -> None:
        self.of[item["id"]] = [item["name"], *item.get("aliases", [])]

    def named(self, id: str, text: str) -> bool:
        """Return True when ``text`` contains the name or an alias of ``id``."""
        return any(n in text for n in self.of[id])

    def parks_in(self, text: str) -> set[str]:
        """Return the parks ``text`` names (a part's name is not its whole's)."""
        return self.mentions(text) & set(self.parks)

    def mentions(self, text: str) -> set[str]:
        """Return the ids ``text`` mentions, reading the longest names first.

        So 四大省级汽车零部件基地 is a park and not the chain 汽车零部件, 海工装备和高技术船舶 a
        group and not the chain 高技术船舶, and 新能源（智能网联）汽车 a chain, not 新能源.
        """
        forms = sorted(
            ((f, id) for id, fs in self.of.items() for f in fs), key=lambda x: -len(x[0])
        )
        found = set()
        for form, id in forms:
            if form in text:
                found.add(id)
                text = text.replace(form, "\x00")
        return found


class Plan:
    """The plan text cut into sections, and a section into group paragraphs and sentences."""

    def __init__(self, text: str, names: Names) -> None:
        self.text = text
        self.sections = split_sections(text)
        self.names = names

    def paragraph(self, section: str, quote: str) -> list[str]:
        """Return the sentences of the group paragraph of ``section`` that holds ``quote``.

        A sentence that starts with a top-level group's name and ``，`` opens a paragraph.
        """
        leads = tuple(f"{n}，" for g in self.names.top_groups for n in self.names.of[g])
        paragraphs: list[list[str]] = [[]]
        for sentence in sentences(self.sections[section]):
            if sentence.startswith(leads) and paragraphs[-1]:
                paragraphs.append([])
            paragraphs[-1].append(sentence)
        found = [p for p in paragraphs if quote in "".join(p)]
        assert found, f"{quote!r} is in no paragraph of {section}"
        return found[0]

    def sentences_of(self, paragraph: list[str], quote: str) -> list[str]:
        """Return the sentences of ``paragraph`` that ``quote`` (first occurrence) runs over."""
        start = "".join(paragraph).index(quote)
        end, at, found = start + len(quote), 0, []
        for sentence in paragraph:
            if at < end and at + len(sentence) > start:
                found.append(sentence)
            at += len(sentence)
        return found
