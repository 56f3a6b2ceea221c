"""Chinese inside English text: names put into English, the rest marked for what it is.

English text from the seed (assumptions) and English pages quote the plan; the rule of
English mode (tests/viz/english.py) allows Chinese only inside ``<span lang="zh">`` of
class ``quote`` (verbatim plan text), ``section`` (二(三), 附件 …) or ``name`` (a proper name
with no English form, :data:`PROPER_NAMES`).  :func:`segments` splits a
text into plain strings and ``[text, kind]`` pairs: a run of Chinese that is the name of a
node becomes that node's English name; a section is marked ``section``; a proper name
``name``; anything else ``quote`` (the tests check that it is the plan's text).
``lang.js`` does the same in the browser for the API's answers (``chainkgLang.marked``).

>>> segments("二(三) makes it the 核心 of 新材料", {"新材料": "New Materials"})
[['二(三)', 'section'], ' makes it the ', ['核心', 'quote'], ' of New Materials']
>>> str(render([["光伏", "quote"], " & more"]))
'<span lang="zh" class="quote">光伏</span> &amp; more'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from chainkg.graph_loader.catalog import Row
from chainkg.graph_loader.store import GraphStore

PROPER_NAMES: frozenset[str] = frozenset({"大海新晨", "“大海新晨”", "说明", "中文"})
"""Chinese proper names with no English form that English text may carry (marked
``<span lang="zh" class="name">``): the plan's name for its system of 30 chains, the name
of the sheet that explains each Excel list, and the language button's name of Chinese
(a language is named in itself there, as language switches do)."""
Segment = str | list[str]
"""Plain text, or ``[text, kind]`` with kind ``quote``, ``section``, ``name`` or ``input``."""

_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_NUMERAL = "[一二三四五六七八九十]"
CJK_RUN = re.compile(
    f"{_NUMERAL}+\\({_NUMERAL}+\\)|附件#\\d+|[{_CJK}]+(?:[0-9A-Za-z()#.%+-]+[{_CJK}]+)*"
)
"""A run of Chinese: a section (二(三), 附件#17), or CJK characters and punctuation with
digits or Latin letters inside."""
SECTION = re.compile(f"^(?:{_NUMERAL}+(?:\\({_NUMERAL}+\\))?|附件(?:#\\d+)?|标题)$")
"""A section of the plan as the seed cites it: 二(三), 四(一), 附件#17, 附件, 标题."""


def kind_of(run: str) -> str:
    """Return what a run of Chinese in English text is: a section, a name or a quote."""
    if SECTION.match(run):
        return "section"
    if run in PROPER_NAMES:
        return "name"
    return "quote"


def segments(text: str, english: Mapping[str, str] | None = None) -> list[Segment]:
    """Return ``text`` as plain strings and marked runs of Chinese (names put into English)."""
    out: list[Segment] = []

    def plain(part: str) -> None:
        if part and out and isinstance(out[-1], str):
            out[-1] += part
        elif part:
            out.append(part)

    def chinese(run: str) -> None:
        if english and run in english:
            plain(english[run])
        elif "、" in run:  # a list of the plan's words: each in English or quoted
            for i, part in enumerate(p for p in run.split("、") if p):
                plain(", " if i else "")
                chinese(part)
        else:
            out.append([run, kind_of(run)])

    pos = 0
    for match in CJK_RUN.finditer(text):
        plain(text[pos : match.start()])
        chinese(match.group(0))
        pos = match.end()
    plain(text[pos:])
    return out


def render(parts: Sequence[Segment]) -> Markup:
    """Return segments as HTML: marked runs in ``<span lang="zh" class="…">``."""
    html = []
    for part in parts:
        if isinstance(part, str):
            html.append(escape(part))
        else:
            html.append(Markup('<span lang="zh" class="{}">{}</span>').format(part[1], part[0]))
    return Markup("").join(html)


def marked(text: str, english: Mapping[str, str] | None = None) -> Markup:
    """Return English ``text`` as HTML with its Chinese put into English or marked."""
    return render(segments(text, english))


def zh(text: str, kind: str = "quote") -> Markup:
    """Return one marked piece of Chinese (a quote, a section, a name)."""
    return render([[text, kind]])


def english_names(rows: list[Row]) -> dict[str, str]:
    """Return every node's Chinese name and alias with its English name, from the ``names``
    catalog query (a name wins over another node's alias)."""
    found: dict[str, str] = {}
    for row in rows:
        for alias in row.get("aliases") or []:
            found.setdefault(str(alias), str(row["name_en"]))
    for row in rows:
        found[str(row["name"])] = str(row["name_en"])
    return found


def english_of(store: GraphStore) -> dict[str, str]:
    """Return :func:`english_names` of a store's graph (kept per graph version)."""
    return store.memo(("english-names",), lambda: english_names(store.run("names")))


def verbatim(text: object, kind: str = "name") -> Markup:
    """Return words kept as they are written (a document staff cite, a key's name), marked
    as Chinese when they hold any (the ``verbatim`` filter of the templates)."""
    value = str(text)
    return zh(value, kind) if CJK_RUN.search(value) else escape(value)
