"""The words on the maps: wrapped labels, figures and the tooltips of nodes and edges.

A tooltip is data, lines of plain strings and marked Chinese (:data:`Tip`): ``map.js``
builds it with ``textContent`` (nothing in the data can inject markup) and marks quotes,
sections and names with ``<span lang="zh">``; every edge tooltip names the section of the
plan the link comes from and quotes it.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Mapping
from typing import Any, Literal

from chainkg.graph_loader.derived import required_cagr
from chainkg.graph_loader.vocabulary import COMPARISON_EN, KIND_EN, PERIOD_EN, UNIT_EN, in_english
from chainkg.viz.marks import Segment, segments
from chainkg.viz.style import edge_caption, edge_style, node_style

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, Lang] = ("zh", "en")

UNIT_YI = {"zh": "亿元", "en": "100M CNY"}
TECH_KINDS = {
    "product": ("产品", "product"),
    "technology": ("技术", "technology"),
    "material": ("材料", "material"),
    "equipment": ("装备", "equipment"),
    "service": ("服务", "service"),
}
QUOTE_LIMIT = 220
"""Longer quotes and texts are cut (with …) in tooltips; the API has them in full."""


def char_width(ch: str) -> float:
    """Return the width of a character in units of one CJK character."""
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55


def text_width(text: str) -> float:
    """Return the width of the widest line of ``text`` in CJK-character units."""
    return max((sum(map(char_width, line)) for line in text.split("\n")), default=0.0)


def wrap_zh(text: str, width: float = 9) -> str:
    """Break a Chinese label into lines of about ``width`` CJK characters.

    Runs of Latin letters and digits are not split.

    >>> wrap_zh("生物制药、抗体偶联药物、细胞治疗等一站式服务平台")
    '生物制药、抗体偶联\\n药物、细胞治疗等一\\n站式服务平台'
    >>> wrap_zh("TOPCon电池")
    'TOPCon电池'
    """
    lines: list[str] = []
    line, used = "", 0.0
    for i, ch in enumerate(text):
        w = char_width(ch)
        in_word = ch.isascii() and ch.isalnum() and i > 0 and text[i - 1].isascii()
        if used + w > width + 0.01 and line and not in_word:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    if line:
        lines.append(line)
    # do not leave a lone closing mark on a line of its own
    if len(lines) > 1 and text_width(lines[-1]) <= 1:
        last = lines.pop()
        lines[-1] += last
    return "\n".join(lines)


def wrap_en(text: str, width: int = 22) -> str:
    """Break an English label at spaces into lines of about ``width`` characters.

    >>> wrap_en("Taizhou Medical High-tech Zone (Gaogang District)")
    'Taizhou Medical High-\\ntech Zone (Gaogang\\nDistrict)'
    """
    return "\n".join(textwrap.wrap(text, width)) or text


def wrap(text: str, lang: Lang, widen: float = 1.0) -> str:
    """Return ``text`` wrapped for a label in ``lang`` (lines ``widen`` times as long)."""
    return wrap_zh(text, 9 * widen) if lang == "zh" else wrap_en(text, round(22 * widen))


def number(value: Any) -> str:
    """Return a figure as printed in the plan: no trailing zeros.

    >>> number(177.6), number(206), number(2.85), number(None)
    ('177.6', '206', '2.85', '–')
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "–"
    return f"{value:g}" if isinstance(value, float) else str(value)


def cagr(base: Any, target: Any, years: int) -> float | None:
    """Return the growth a year needed from ``base`` to ``target`` (None for non-figures).

    The same rule as the API (:func:`graph_loader.derived.required_cagr`).

    >>> cagr(100, 121, 2), cagr(0, 5, 3), cagr(None, 5, 3)
    (0.1, None, None)
    """
    figures = [v for v in (base, target) if isinstance(v, int | float) and not isinstance(v, bool)]
    if len(figures) != 2:
        return None
    return required_cagr(float(base), float(target), years)


def percent(rate: float | None) -> str:
    """Return a growth rate (4 decimals, as the API gives it) as a percentage.

    Two decimals, so the figure is exactly the API's, not rounded a second time.

    >>> percent(0.0565), percent(0.1), percent(None)
    ('5.65%', '10.00%', '–')
    """
    return "–" if rate is None else f"{rate * 100:.2f}%"


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Return ``text`` cut to ``limit`` characters, with … when cut."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chain_figures(props: Mapping[str, Any], lang: Lang) -> list[str]:
    """Return the lines of a chain's figures: 2024 → 2027 → 2030 and the growth they need."""
    r24, t27, t30 = props.get("revenue_2024"), props.get("target_2027"), props.get("target_2030")
    g1, g2 = cagr(r24, t27, 3), cagr(t27, t30, 3)
    if lang == "zh":
        return [
            f"销售收入（亿元）：2024年 {number(r24)} → 2027年目标 {number(t27)}"
            f" → 2030年目标 {number(t30)}",
            f"所需年均增速：2024→2027 {percent(g1)}；2027→2030 {percent(g2)}",
        ]
    return [
        f"Sales revenue ({UNIT_YI['en']}): 2024 {number(r24)} → 2027 target {number(t27)}"
        f" → 2030 target {number(t30)}",
        f"Required annual growth: 2024→2027 {percent(g1)}; 2027→2030 {percent(g2)}",
    ]


Line = list[Segment]
"""One line of a tooltip: plain strings and marked Chinese (:mod:`chainkg.viz.marks`)."""
Tip = list[Line]
"""A tooltip: its lines (``map.js`` draws them as elements, marks as ``<span lang="zh">``)."""


def tip_text(tip: Tip) -> str:
    """Return a tooltip as plain text, one line per line (for tests and logs)."""
    return "\n".join("".join(s if isinstance(s, str) else s[0] for s in line) for line in tip)


def _word(table: Mapping[str, str], value: Any) -> Segment:
    """Return a word of the plan in English, or marked as quoted when there is none."""
    text = str(value)
    english = table.get(text)
    return english if english is not None else [text, "quote"]


def _details(props: Mapping[str, Any], label: str, lang: Lang) -> Tip:
    zh = lang == "zh"
    lines: Tip = []
    if label == "Chain":
        lines += [[line] for line in chain_figures(props, lang)]
        if props.get("directions"):
            directions = clip(props["directions"])
            lines.append(
                ["重点发展方向：" + directions] if zh else ["Directions: ", [directions, "quote"]]
            )
    elif label == "Plan":
        for key, zh_name, en_name in (
            ("annex", "30条产业链销售收入（亿元）", "Revenue of the 30 chains (100M CNY)"),
            ("industry", "规上工业销售收入（亿元）", "Above-scale industry revenue (100M CNY)"),
        ):
            a = props.get(f"{key}_total_2024", props.get(f"{key}_revenue_2024"))
            b = props.get(f"{key}_total_2027", props.get(f"{key}_target_2027"))
            c = props.get(f"{key}_total_2030", props.get(f"{key}_target_2030"))
            lines.append(
                [
                    f"{zh_name if zh else en_name}: 2024 {number(a)} → 2027 {number(b)}"
                    f" → 2030 {number(c)}"
                ]
            )
    elif label == "Tier" and "chain_count" in props:
        count = props["chain_count"]
        lines.append([f"产业链：{count} 条" if zh else f"Chains: {count}"])
    elif label == "Group" and props.get("positioning"):
        if zh:
            lines.append(["定位：" + "、".join(props["positioning"])])
        else:
            line: Line = ["Positioning: "]
            for i, word in enumerate(props["positioning"]):
                line += [*([", "] if i else []), [str(word), "quote"]]
            lines.append(line)
    elif label == "Technology" and props.get("kind") in TECH_KINDS:
        kind = TECH_KINDS[props["kind"]]
        lines.append([("类别：" if zh else "Kind: ") + (kind[0] if zh else kind[1])])
    elif label in ("Park", "Platform", "Department", "District"):
        value = props.get("type") or props.get("kind")
        if value:
            lines.append(["类型：" + str(value)] if zh else ["Kind: ", _word(KIND_EN, value)])
    elif label == "Target":
        more = ("以上" if zh else " or more") if props.get("at_least") else ""
        period = str(props.get("period", ""))
        value, unit = number(props.get("value")), str(props.get("unit", ""))
        if zh:
            lines.append([f"目标：{period} {value}{unit}{more}"])
        else:
            amount = " ".join(x for x in (value, in_english(UNIT_EN, unit)) if x)
            when = in_english(PERIOD_EN, period) if period in PERIOD_EN else f"by {period}"
            lines.append([f"Target: {amount}{more} ({when})"])
    elif label == "Indicator":
        year, value = props.get("year", ""), number(props.get("value"))
        unit, comparison = str(props.get("unit") or ""), str(props.get("comparison", ""))
        if zh:
            lines.append([f"{year}年：{comparison} {value}{unit}"])
        else:
            amount = " ".join(x for x in (value, in_english(UNIT_EN, unit)) if x)
            lines.append([f"{year}: {in_english(COMPARISON_EN, comparison)} {amount}"])
    elif label in ("Measure", "Safeguard") and props.get("text"):
        text = clip(props["text"])
        lines.append(["内容：" + text] if zh else ["Text: ", [text, "quote"]])
    return lines


def _sourced(item: Mapping[str, Any], lang: Lang, english: Mapping[str, str] | None) -> Tip:
    """Return the lines every tooltip ends with: section, quote and assumption."""
    zh = lang == "zh"
    source, quote = str(item.get("source") or "–"), clip(item.get("evidence") or "–")
    if zh:
        lines: Tip = [["出处：" + source], [f"原文：“{quote}”"]]
    else:
        lines = [["Source: ", [source, "section"]], ["Quote: “", [quote, "quote"], "”"]]
    if item.get("assumption"):
        text = clip(item["assumption"])
        lines.append(["假设：" + text] if zh else ["Assumption: ", *segments(text, english)])
    return lines


def node_tooltip(
    node: Mapping[str, Any], lang: Lang, english: Mapping[str, str] | None = None
) -> Tip:
    """Return the tooltip of a node row: its name (both names in Chinese), type, figures,
    section, quote and assumption; ``english`` puts Chinese names in English text."""
    label = str(node.get("label", ""))
    style = node_style(label)
    zh = lang == "zh"
    if zh:
        lines: Tip = [[str(node.get("name") or node.get("id"))]]
        if node.get("name_en"):
            lines.append([str(node["name_en"])])
    else:
        lines = [[str(node.get("name_en") or node.get("id"))]]
    lines.append([f"{style.zh if zh else style.en} · {node.get('id')}"])
    lines += _details(node, label, lang)
    if node.get("source") or node.get("evidence"):
        lines += _sourced(node, lang, english)
    return lines


def edge_tooltip(
    edge: Mapping[str, Any],
    names: Mapping[str, str],
    lang: Lang,
    english: Mapping[str, str] | None = None,
) -> Tip:
    """Return the tooltip of an edge row: its ends, role, section, quote and assumption.

    ``names`` gives the display name of each end (in ``lang``); ``english`` puts Chinese
    names in English text.
    """
    zh = lang == "zh"
    rel = str(edge.get("type", ""))
    style = edge_style(rel)
    caption = edge_caption(edge.get("role"), edge.get("kind"))[0 if zh else 1]
    a, b = names.get(edge["from"], edge["from"]), names.get(edge["to"], edge["to"])
    arrow = f" —{caption}→ " if caption else " → "
    lines: Tip = [
        [f"{a}{arrow}{b}"],
        [f"{'关系' if zh else 'Relation'}: {style.zh if zh else style.en} ({rel})"],
    ]
    if edge.get("role") and not zh:
        lines.append(["Role in the plan's words: ", [str(edge["role"]), "quote"]])
    if edge.get("derived_for"):
        lines.append(
            [f"由产业布局推导：方案未为“{edge['derived_for']}”点名本园区"]
            if zh
            else [
                "Derived from the group layout: the plan does not name this park for "
                + str(edge.get("derived_for_en") or edge["derived_for"])
            ]
        )
    lines += _sourced(edge, lang, english)
    if edge.get("covers"):
        reach = ("、" if zh else ", ").join(names.get(c, c) for c in edge["covers"])
        reach_quote = clip(edge["covers_evidence"])
        derivation = clip(edge["covers_assumption"], 2 * QUOTE_LIMIT)
        if zh:
            lines += [
                ["布局覆盖：" + reach],
                [f"覆盖依据：“{reach_quote}”"],
                ["推导假设：" + derivation],
            ]
        else:
            lines += [
                ["Layout covers: " + reach],
                ["Reach quote: “", [reach_quote, "quote"], "”"],
                ["Derivation: ", *segments(derivation, english)],
            ]
    return lines
