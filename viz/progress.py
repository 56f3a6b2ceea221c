"""Progress pictures, drawn on the server as SVG (no script, no chart library, no request):
a chain's chart (2024 → actuals → 2027 → 2030 against the straight path), a department's
measures as bars against their targets, the progress page and the panels on the maps.

Every word is in both languages (``<tspan class="zh">`` / ``class="en"``); the page's CSS
shows one. The SVG uses presentation attributes only (no ``style=``, no event handlers), so
it passes a strict Content-Security-Policy.

>>> fmt(1234.5), fmt(250), fmt(0.0512, percent=True), fmt(None)
('1,234.5', '250', '5.12%', '–')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from chainkg.graph_loader.store import GraphStore
from chainkg.graph_loader.vocabulary import (
    COMPARISON_EN,
    PERIOD_EN,
    UNIT_EN,
    in_english,
)
from chainkg.records import progress as p
from chainkg.records.store import RecordsStore
from chainkg.viz.render import PageLinks, templates

STATUS_COLOR = {
    "ahead": "#2e7d32",
    "on_track": "#1565c0",
    "behind": "#c62828",
    "not_due": "#757575",
    "no_data": "#9e9e9e",
}
STATUS_TEXT = {
    "ahead": ("超前", "ahead"),
    "on_track": ("正常", "on track"),
    "behind": ("滞后", "behind"),
    "not_due": ("未到期", "not due"),
    "no_data": ("无数据", "no data"),
}
TYPE_TEXT = {
    "Plan": ("全部产业链", "All chains"),
    "Group": ("产业", "Group"),
    "Chain": ("产业链", "Chain"),
    "Target": ("举措目标", "Target"),
    "Indicator": ("发展指标", "Indicator"),
}


def fmt(value: float | None, *, percent: bool = False) -> str:
    """Return a figure with thousands separators and at most two decimals (– for none)."""
    if value is None:
        return "–"
    if percent:
        return f"{value * 100:.2f}%"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def both(zh: str, en: str) -> Markup:
    """Return SVG text in both languages (the page's CSS shows one)."""
    return Markup('<tspan class="zh">{}</tspan><tspan class="en">{}</tspan>').format(zh, en)


def svg_title(zh: str, en: str) -> Markup:
    """Return an SVG ``<title>`` (its tooltip) in Chinese, switched to English by lang.js."""
    return Markup('<title data-i18n="text" data-text-zh="{}" data-text-en="{}">{}</title>').format(
        zh, en, zh
    )


def status_text(status: str) -> tuple[str, str]:
    """Return a status in Chinese and English."""
    return STATUS_TEXT.get(status, (status, status))


# ---------------------------------------------------------------- the chain chart


class _Scale:
    """Maps years and values onto the chart's box."""

    def __init__(self, values: Sequence[float], box: tuple[float, float, float, float]) -> None:
        low, high = min(values), max(values)
        pad = (high - low) * 0.08 or max(abs(high) * 0.1, 1.0)
        self.low, self.high = low - pad, high + pad
        self.left, self.top, self.right, self.bottom = box

    def x(self, year: int) -> float:
        span = p.END_YEAR - p.BASE_YEAR
        return round(self.left + (year - p.BASE_YEAR) / span * (self.right - self.left), 1)

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return round(self.bottom - share * (self.bottom - self.top), 1)


def _points(scale: _Scale, pairs: Sequence[tuple[int, float]]) -> str:
    return " ".join(f"{scale.x(y)},{scale.y(v)}" for y, v in pairs)


def chain_chart(chain: p.ChainProgress, *, width: int = 300, height: int = 180) -> Markup:
    """Return the SVG chart of a chain: the path with its tolerance band, the 2024 figure, the
    2027 and 2030 targets, and the actuals coloured by status."""
    path = [(pt.year, pt.value) for pt in chain.path]
    actual = [(a.year, float(a.value)) for a in chain.actuals]
    values = [v for _, v in path] + [v for _, v in actual] or [0.0, 1.0]
    scale = _Scale(values, (44, 14, width - 12, height - 24))
    parts: list[str] = []
    for year in range(p.BASE_YEAR, p.END_YEAR + 1):
        x = scale.x(year)
        parts.append(
            f'<line x1="{x}" y1="{scale.top}" x2="{x}" y2="{scale.bottom}" stroke="#eceff1"/>'
            f'<text x="{x}" y="{height - 8}" text-anchor="middle" font-size="10" '
            f'fill="#607d8b">{year}</text>'
        )
    for value in (min(values), max(values)):
        parts.append(
            f'<text x="{scale.left - 4}" y="{scale.y(value) + 3}" text-anchor="end" '
            f'font-size="10" fill="#607d8b">{escape(fmt(round(value)))}</text>'
        )
    if path:
        upper = [(y, v * (1 + p.TOLERANCE)) for y, v in path]
        lower = [(y, v * (1 - p.TOLERANCE)) for y, v in reversed(path)]
        parts.append(
            f'<polygon class="band" points="{_points(scale, upper + lower)}" fill="#e3f2fd">'
            f"{svg_title(f'±{p.TOLERANCE:.0%} 正常区间', f'±{p.TOLERANCE:.0%} on-track band')}"
            "</polygon>"
        )
        parts.append(
            f'<polyline class="path" points="{_points(scale, path)}" fill="none" '
            'stroke="#546e7a" stroke-width="1.5" stroke-dasharray="5 3"/>'
        )
        for year, value, zh, en in (
            (p.BASE_YEAR, chain.revenue_2024, "2024年", "2024"),
            (p.MID_YEAR, chain.target_2027, "2027年目标", "2027 target"),
            (p.END_YEAR, chain.target_2030, "2030年目标", "2030 target"),
        ):
            x, y = scale.x(year), scale.y(value)
            parts.append(
                f'<g class="plan-point" data-year="{year}"><rect x="{x - 4}" y="{y - 4}" '
                f'width="8" height="8" transform="rotate(45 {x} {y})" fill="#ffffff" '
                f'stroke="#37474f" stroke-width="1.5"/>'
                f"{svg_title(f'{zh} {fmt(value)} 亿元', f'{en} {fmt(value)} (100M CNY)')}</g>"
            )
    if actual:
        line = [(p.BASE_YEAR, float(chain.revenue_2024)), *actual] if path else actual
        parts.append(
            f'<polyline class="actual-line" points="{_points(scale, line)}" fill="none" '
            'stroke="#263238" stroke-width="2"/>'
        )
    for a in chain.actuals:
        zh, en = status_text(a.status)
        tip = svg_title(  # the source (staff's own words) is in the zh tooltip and on the page
            f"{a.year}年实际 {fmt(a.value)} 亿元，路径 {fmt(a.expected)}（{zh}）；出处：{a.source}",
            f"{a.year} actual {fmt(a.value)}, path {fmt(a.expected)} ({en})",
        )
        parts.append(
            f'<circle class="actual status-{a.status}" data-year="{a.year}" '
            f'cx="{scale.x(a.year)}" cy="{scale.y(float(a.value))}" r="4.5" '
            f'fill="{STATUS_COLOR[a.status]}" stroke="#ffffff" stroke-width="1">'
            f"{tip}</circle>"
        )
    label = Markup(
        'aria-label="{zh}" data-i18n="aria-label" data-aria-label-zh="{zh}" '
        'data-aria-label-en="{en}"'
    ).format(zh=chain.name, en=chain.name_en)
    return Markup(
        f'<svg class="chart chain-chart" data-id="{escape(chain.id)}" '
        f'data-status="{chain.status}" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" {label} '
        f'xmlns="http://www.w3.org/2000/svg">{svg_title(chain.name, chain.name_en)}'
        f"{''.join(parts)}</svg>"
    )


# ---------------------------------------------------------------- department bars


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def target_bars(targets: Sequence[p.TargetProgress], *, width: int = 300) -> Markup:
    """Return the SVG bars of targets: each latest actual as a share of its target, with a
    line at 100 %; targets with nothing recorded are drawn empty."""
    row, left, right = 30, 118, width - 46
    height = max(row * len(targets) + 26, 40)
    full = left + (right - left) / 1.5  # the bars run to 150 % of the target
    parts = [
        f'<line x1="{full}" y1="6" x2="{full}" y2="{height - 16}" stroke="#37474f" '
        'stroke-dasharray="3 2"/>'
        f'<text x="{full}" y="{height - 4}" text-anchor="middle" font-size="10" fill="#607d8b">'
        f"{both('目标 100%', 'target 100%')}</text>"
    ]
    for i, t in enumerate(targets):
        y = 8 + i * row
        latest = t.latest
        share = (float(latest.value) / float(t.value)) if latest and t.value else 0.0
        length = round(min(share, 1.5) / 1.5 * (right - left), 1)
        zh, en = status_text(t.status)
        unit_en, period_en = in_english(UNIT_EN, t.unit), in_english(PERIOD_EN, t.period)
        label = Markup(
            '<text x="{x}" y="{y}" text-anchor="end" font-size="11" fill="#263238">{t}</text>'
        ).format(x=left - 6, y=y + 14, t=both(_short(t.name, 9), _short(t.name_en, 18)))
        tip = svg_title(
            f"{t.name}：目标 {fmt(t.value)}{t.unit}（{t.period}）"
            + (f"，{latest.year}年 {fmt(latest.value)}" if latest else "，无数据")
            + f"（{zh}）",
            f"{t.name_en}: target {fmt(t.value)}{' ' + unit_en if unit_en else ''} "
            f"({period_en if t.period in PERIOD_EN else 'by ' + t.period})"
            + (f", {latest.year}: {fmt(latest.value)}" if latest else ", no data")
            + f" ({en})",
        )
        value_text = f"{fmt(latest.value)}/{fmt(t.value)}" if latest else "–"
        parts.append(
            f'<g class="bar status-{t.status}" data-id="{escape(t.id)}">{label}'
            f'<rect x="{left}" y="{y + 3}" width="{right - left}" height="16" fill="#f5f5f5" '
            f'stroke="#cfd8dc"/>'
            f'<rect class="fill" x="{left}" y="{y + 3}" width="{length}" height="16" '
            f'fill="{STATUS_COLOR[t.status]}"/>'
            f'<text x="{right + 4}" y="{y + 15}" font-size="10" fill="#37474f">'
            f"{escape(value_text)}</text>{tip}</g>"
        )
    return Markup(
        f'<svg class="chart target-bars" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="targets" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )


# ---------------------------------------------------------------- panels on the maps


def chain_panel(graph: GraphStore, records: RecordsStore, id: str, links: PageLinks) -> Markup:
    """Return the progress panel of a chain's map."""
    chain, _version = p.chain_progress_of(graph, records, id)
    return Markup(
        templates()
        .get_template("_progress_panels.html")
        .module.chain_panel(  # type: ignore[attr-defined]
            chain, chain_chart(chain, width=262, height=170), links, view=_view()
        )
    )


def department_panel(graph: GraphStore, records: RecordsStore, id: str, links: PageLinks) -> Markup:
    """Return the progress panel of a department's map."""
    dept = p.department_progress(graph, records, id)
    targets = [t for m in dept.measures for t in m.targets]
    return Markup(
        templates()
        .get_template("_progress_panels.html")
        .module.department_panel(  # type: ignore[attr-defined]
            dept, target_bars(targets, width=262), links, view=_view()
        )
    )


def _view() -> dict[str, Any]:
    """Return what the templates need to show statuses and figures."""
    return {
        "status": STATUS_TEXT,
        "color": STATUS_COLOR,
        "fmt": fmt,
        "types": TYPE_TEXT,
        "unit_en": lambda unit: in_english(UNIT_EN, unit),
        "period_en": lambda period: in_english(PERIOD_EN, period),
        "comparison_en": lambda comparison: in_english(COMPARISON_EN, comparison),
    }


# ---------------------------------------------------------------- the page


def render_progress(
    graph: GraphStore, records: RecordsStore, links: PageLinks, *, lang: str = "zh"
) -> str:
    """Return the progress page: totals, 预警, groups, chain charts, targets, indicators."""
    plan = p.plan_progress(graph, records)
    actuals = [
        *(a for c in plan.chains for a in c.actuals),
        *(a for m in plan.measures for t in m.targets for a in t.actuals),
        *(a for i in plan.indicators for a in i.actuals),
    ]
    sources = Counter(a.source for a in actuals)
    return (
        templates()
        .get_template("progress.html")
        .render(
            lang=lang,
            plan=plan,
            sources=sorted(sources.items(), key=lambda kv: (-kv[1], kv[0])),
            charts={c.id: chain_chart(c) for c in plan.chains},
            dept_bars={
                d.id: target_bars([t for m in d.measures for t in m.targets], width=300)
                for d in plan.departments
            },
            links=links,
            view=_view(),
        )
    )
