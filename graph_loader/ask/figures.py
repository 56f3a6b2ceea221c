"""Figures: a chain's (group's, the plan's) revenue and targets, growth, rankings and sums.

The annex gives each chain's 2024 revenue and 2027/2030 targets; the text states targets for
groups (新能源产业规模超过500亿元) and for the 30 chains (7500/9000亿元).  A stated figure is
answered as stated; a figure the plan does not state (a group's 2024 revenue, a growth rate, a
sum) is computed from the annex rows and the text says so.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Literal

from chainkg.graph_loader.ask.context import (
    DERIVED_EN,
    DERIVED_ZH,
    Ctx,
    Reply,
    figure,
    focus,
    item,
    one_figure,
)
from chainkg.graph_loader.ask.lexicon import Candidate
from chainkg.graph_loader.ask.model import AskItem
from chainkg.graph_loader.ask.parse import Question
from chainkg.graph_loader.ask.places import carried_layout
from chainkg.graph_loader.ask.sets import scope_rows
from chainkg.graph_loader.catalog import Row
from chainkg.graph_loader.derived import required_cagr
from chainkg.graph_loader.vocabulary import COMPARISON_EN, in_english

YEARS = (2024, 2027, 2030)
"""The years the annex has figures for."""
FIELD = {2024: "revenue_2024", 2027: "target_2027", 2030: "target_2030"}
_ABSOLUTE = re.compile(
    r"增加多少|增量|增长多少亿|多出|多多少|提高多少|增加了多少|\bby how much\b|\babsolute\b"
)
_TARGET = re.compile(r"目标|\btargets?\b|\bgoals?\b")
_REVENUE = re.compile(r"收入|营收|规模|产值|体量|多大|\brevenues?\b|\bsales\b|\bsize\b")


@dataclass(frozen=True)
class Metric:
    """A figure of a chain: a year's level, or the growth from one year to another."""

    kind: Literal["level", "cagr", "increase"]
    start: int
    end: int

    @property
    def unit(self) -> str:
        return "%" if self.kind == "cagr" else "亿元"

    @property
    def period(self) -> str:
        return str(self.end) if self.kind == "level" else f"{self.start}-{self.end}"

    def of(self, row: Row) -> float | None:
        """Return the metric of a chain row, or None when it has no such figure."""
        end = row.get(FIELD[self.end])
        if self.kind == "level":
            return None if end is None else figure(float(end))
        start = row.get(FIELD[self.start])
        if start is None or end is None:
            return None
        return level_change(self, float(start), float(end))

    def label(self, ctx: Ctx) -> str:
        """Return what the metric is, in the answer's language."""
        if self.kind == "level":
            if self.end == 2024:
                return ctx.t("2024年销售收入", "2024 revenue")
            return ctx.t(f"{self.end}年销售收入目标", f"{self.end} revenue target")
        if self.kind == "cagr":
            return ctx.t(
                f"{self.start}—{self.end}年所需年均增速",
                f"required annual growth {self.start}–{self.end}",
            )
        return ctx.t(f"{self.start}—{self.end}年增量", f"increase {self.start}–{self.end}")


def level_change(metric: Metric, start: float, end: float) -> float | None:
    """Return the growth ``metric`` from ``start`` to ``end``: % a year, or the increase."""
    if metric.kind == "increase":
        return figure(end - start)
    rate = required_cagr(start, end, metric.end - metric.start)
    return None if rate is None else figure(rate * 100)


def _span(years: list[int]) -> tuple[int, int]:
    known = sorted(y for y in years if y in YEARS)
    if len(known) >= 2:
        return known[0], known[-1]
    if known == [2024] or not known:
        return 2024, 2027
    return 2024, known[0]


def metrics(q: Question, *, one: bool = False) -> list[Metric] | None:
    """Return the figures a question asks for (``one``: the single one to rank by); None when
    it names a year the plan has no figure for."""
    if any(y not in YEARS for y in q.years):
        return None
    if q.has("growth"):
        start, end = _span(q.years)
        return [Metric("increase" if _ABSOLUTE.search(q.rest) else "cagr", start, end)]
    years = [y for y in q.years if y in YEARS]
    if not years:
        if q.has("base"):
            years = [2024]
        elif _TARGET.search(q.rest):
            years = [2027, 2030]
        elif _REVENUE.search(q.rest) or one:
            years = [2024]
        else:
            years = list(YEARS)
    if one:
        years = years[:1]
    return [Metric("level", 2024, y) if y != 2024 else Metric("level", 2024, 2024) for y in years]


def _value_item(ctx: Ctx, node: Row, metric: Metric, value: float | None) -> AskItem:
    ctx.cite_row(node)
    return item(node, value=value, unit=metric.unit, period=metric.period)


def _stated_indicator(ctx: Ctx, scope_id: str, year: int) -> Row | None:
    """Return the revenue indicator the text states for a group (or the plan) and year."""
    for row in ctx.run("links", id=scope_id):
        other = row["other"]
        if (
            row["type"] == "GOAL_OF"
            and row["direction"] == "in"
            and other.get("metric") == "revenue"
            and other.get("year") == year
        ):
            return dict(other)
    return None


def _sum(metric: Metric, rows: list[Row]) -> float | None:
    """Return the metric of the summed annex rows (the sum of levels, growth of the sums)."""
    if metric.kind == "level":
        values = [metric.of(r) for r in rows]
        known = [v for v in values if v is not None]
        return figure(sum(known)) if known else None
    start = sum(float(r.get(FIELD[metric.start]) or 0) for r in rows)
    end = sum(float(r.get(FIELD[metric.end]) or 0) for r in rows)
    return level_change(metric, start, end) if start else None


def _scope_figure(ctx: Ctx, scope: Row, rows: list[Row], metric: Metric) -> tuple[AskItem, str]:
    """Return a group's, tier's or the plan's figure: as the text states it, else the annex sum."""
    stated = _stated_indicator(ctx, scope["id"], metric.end) if metric.kind == "level" else None
    annex = _sum(metric, rows)
    for r in rows:
        ctx.cite_row(r)
    if stated is not None:
        ctx.cite_row(stated)
        value = figure(float(stated["value"]))
        text = ctx.t(
            f"{ctx.nm(scope)}{metric.label(ctx)}：{stated.get('comparison', '')}"
            f"{ctx.amount(value, '亿元')}（方案正文）；"
            f"附件各产业链合计{ctx.amount(annex, '亿元')}。",
            f"{ctx.nm(scope)}, {metric.label(ctx)}: "
            f"{in_english(COMPARISON_EN, stated.get('comparison'))} "
            f"{ctx.amount(value, '亿元')} (the plan's text); the annex rows add up to "
            f"{ctx.amount(annex, '亿元')}.",
        )
        return item(
            scope,
            value=value,
            unit="亿元",
            period=metric.period,
            comparison=stated.get("comparison"),
        ), text
    text = ctx.t(
        f"{ctx.nm(scope)}{metric.label(ctx)}为{ctx.amount(annex, metric.unit)}"
        f"（方案未单列，由附件{len(rows)}条产业链数据计算得出）。",
        f"{ctx.nm(scope)}, {metric.label(ctx)}: {ctx.amount(annex, metric.unit)} (not stated by "
        f"the plan; computed from the annex rows of its {len(rows)} chains).",
    )
    return item(scope, value=annex, unit=metric.unit, period=metric.period), text


def chain_figure(ctx: Ctx, targets: list[Candidate], scopes: list[Candidate]) -> Reply | None:
    """Answer a figure of chains (annex), groups, tiers or the plan (stated or added up)."""
    wanted = metrics(ctx.q)
    if wanted is None:
        return _no_year(ctx, "chain_figure")
    results: list[AskItem] = []
    lines: list[str] = []
    for cand in targets:
        node = ctx.node(cand.id)
        if node is None:
            continue
        values = [(m, m.of(node)) for m in wanted]
        ctx.cite_row(node)
        results += [item(node, value=v, unit=m.unit, period=m.period) for m, v in values]
        parts = ctx.t("，", ", ").join(
            ctx.t(
                f"{m.label(ctx)}{ctx.amount(v, m.unit)}", f"{m.label(ctx)} {ctx.amount(v, m.unit)}"
            )
            for m, v in values
        )
        lines.append(ctx.t(f"{ctx.nm(node)}{parts}", f"{ctx.nm(node)}: {parts}"))
    for cand in scopes:
        scope = ctx.node(cand.id)
        if scope is None:
            continue
        rows = scope_rows(ctx, cand)
        for m in wanted:
            found, text = _scope_figure(ctx, scope, rows, m)
            results.append(found)
            lines.append(text)
    if not results:
        return None
    growth = any(m.kind != "level" for m in wanted)
    note = ctx.t(
        "（增速按附件数据推算，方案未直接给出。）" if growth else "",
        " (Growth is computed from the annex figures; the plan does not state it.)"
        if growth
        else "",
    )
    sep = ctx.t("；", "; ")
    text = sep.join(line.rstrip("。.") for line in lines) + ctx.t("。", ".") + note
    return Reply(
        "chain_figure",
        results,
        text,
        **one_figure(results),
        focus=focus(*targets, *scopes),
    )


def _no_year(ctx: Ctx, intent: Any) -> Reply:
    years = [y for y in ctx.q.years if y not in YEARS]
    return Reply(
        intent,
        [],
        ctx.t(
            f"方案只给出2024年销售收入和2027、2030年目标，"
            f"没有{'、'.join(map(str, years))}年的数据。",
            f"The plan gives 2024 revenue and 2027 and 2030 targets only; it has no figures for "
            f"{', '.join(map(str, years))}.",
        ),
        answered=False,
    )


def ranked(ctx: Ctx, rows: list[Row], metric: Metric) -> list[tuple[Row, float]]:
    """Return the chains with their metric, largest first (then annex order)."""
    valued = [(r, v) for r in rows if (v := metric.of(r)) is not None]
    return sorted(valued, key=lambda rv: (-rv[1], rv[0].get("rank", 0), rv[0]["id"]))


def ranking(ctx: Ctx, scope: Candidate | None, chains: list[Candidate]) -> Reply | None:
    """Answer the largest/smallest/fastest-growing chains, the top N, those over a threshold,
    or where one chain ranks."""
    wanted = metrics(ctx.q, one=True)
    if wanted is None:
        return _no_year(ctx, "ranking")
    metric = wanted[0]
    rows = scope_rows(ctx, scope, lead=True)
    ordered = ranked(ctx, rows, metric)
    if scope is not None and scope.label in ("Park", "District"):
        carried_layout(ctx, scope)
    where = ctx.scope_name(scope, ("30条产业链", "the 30 chains"))
    if not ordered:
        return None
    if chains:
        return _position(ctx, chains, ordered, metric, where)
    if ctx.q.bounds is not None:
        chosen, head = _within(ctx, ordered, metric, where, ctx.q.bounds)
        if not chosen:
            return Reply(
                "ranking",
                [],
                head,
                value=0,
                unit=ctx.t("条", "chains"),
                focus=focus(scope) if scope else [],
            )
    else:
        chosen, head = _top(ctx, ordered, metric, where)
    results = [_value_item(ctx, r, metric, v) for r, v in chosen]
    sep = ctx.t("、", ", ")
    body = sep.join(
        ctx.t(
            f"{ctx.nm(r)}（{ctx.amount(v, metric.unit)}）",
            f"{ctx.nm(r)} ({ctx.amount(v, metric.unit)})",
        )
        for r, v in chosen
    )
    note = ctx.t("（增速按附件数据推算。）", " (growth computed from the annex.)")
    return Reply(
        "ranking",
        results,
        head + body + ctx.t("。", ".") + (note if metric.kind != "level" else ""),
        **one_figure(results),
        focus=focus(scope) if scope else [],
    )


def _position(
    ctx: Ctx, chains: list[Candidate], ordered: list[tuple[Row, float]], metric: Metric, where: str
) -> Reply | None:
    """Answer where chains rank among ``ordered``."""
    pos = {r["id"]: i + 1 for i, (r, _) in enumerate(ordered)}
    results = []
    lines = []
    for c in chains:
        hit = next(((r, v) for r, v in ordered if r["id"] == c.id), None)
        if hit is None:
            continue
        results.append(_value_item(ctx, hit[0], metric, hit[1]))
        amount = ctx.amount(hit[1], metric.unit)
        lines.append(
            ctx.t(
                f"{ctx.nm(hit[0])}{metric.label(ctx)}{amount}，在{where}中排第{pos[c.id]}位",
                f"{ctx.nm(hit[0])}: {metric.label(ctx)} {amount}, number {pos[c.id]} of "
                f"{len(ordered)} in {where}",
            )
        )
    if not results:
        return None
    rank = pos[results[0].id] if len(results) == 1 else None
    return Reply(
        "ranking",
        results,
        ctx.t("；", "; ").join(lines) + ctx.t("。", "."),
        value=rank,
        unit=ctx.t("位", "rank") if rank else None,
        focus=focus(*chains),
    )


def _within(
    ctx: Ctx,
    ordered: list[tuple[Row, float]],
    metric: Metric,
    where: str,
    bounds: tuple[float, float],
) -> tuple[list[tuple[Row, float]], str]:
    """Return the chains whose figure lies in ``bounds`` (ends excluded unless both are
    finite), and the answer's opening words."""
    lo, hi = bounds
    closed = math.isfinite(lo) and math.isfinite(hi)
    chosen = [(r, v) for r, v in ordered if (lo <= v <= hi if closed else lo < v < hi)]
    low = ctx.amount(lo, metric.unit) if math.isfinite(lo) else ""
    high = ctx.amount(hi, metric.unit) if math.isfinite(hi) else ""
    if closed:
        cond = ctx.t(
            f"{metric.label(ctx)}在{low}到{high}之间",
            f"{metric.label(ctx)} between {low} and {high}",
        )
    elif math.isfinite(lo):
        cond = ctx.t(f"{metric.label(ctx)}超过{low}", f"{metric.label(ctx)} above {low}")
    else:
        cond = ctx.t(f"{metric.label(ctx)}低于{high}", f"{metric.label(ctx)} below {high}")
    if not chosen:
        return [], ctx.t(f"{where}中没有{cond}的产业链。", f"No chain of {where} has {cond}.")
    n = len(chosen)
    return chosen, ctx.t(
        f"{where}中{cond}的产业链有{n}条：", f"{n} chains of {where} have {cond}: "
    )


def _top(
    ctx: Ctx, ordered: list[tuple[Row, float]], metric: Metric, where: str
) -> tuple[list[tuple[Row, float]], str]:
    """Return the top (or bottom) N chains, ties at the cut included, and the opening words."""
    smallest = ctx.q.has("min") and not ctx.q.has("max")
    if smallest:
        ordered = ordered[::-1]
    n = ctx.q.top or 1
    cut = ordered[min(n, len(ordered)) - 1][1]
    chosen = ordered[:n] + [(r, v) for r, v in ordered[n:] if v == cut]
    if metric.kind == "cagr":
        word = ctx.t("最低" if smallest else "最高", "lowest" if smallest else "highest")
    else:
        word = ctx.t("最小" if smallest else "最大", "smallest" if smallest else "largest")
    first = ctx.t(f"前{n}条" if n > 1 else "", f"The {n} chains" if n > 1 else "The chain")
    return chosen, ctx.t(
        f"{where}中{metric.label(ctx)}{word}的{first}产业链：",
        f"{first} of {where} with the {word} {metric.label(ctx)}: ",
    )


def add_up(ctx: Ctx, scope: Candidate | None, chains: list[Candidate]) -> Reply | None:
    """Answer a figure added up over chains: a park's, a group's, listed chains, or all 30."""
    wanted = metrics(ctx.q, one=True)
    if wanted is None:
        return _no_year(ctx, "sum")
    metric = wanted[0]
    if chains:
        rows = [n for c in chains if (n := ctx.node(c.id)) is not None]
    else:
        rows = scope_rows(ctx, scope, lead=True)
    if not rows:
        return None
    valued = [(r, metric.of(r)) for r in rows]
    total = _sum(metric, rows)
    results = [_value_item(ctx, r, metric, v) for r, v in valued]
    where = ctx.scope_name(scope)
    carried = scope is not None and scope.label in ("Park", "District")
    direct = carried_layout(ctx, scope) if carried and scope is not None else set()
    derived = carried and any(r["id"] not in direct for r in rows)
    stated = (
        _stated_indicator(ctx, scope.id, metric.end)
        if scope is not None and scope.label in ("Group", "Plan") and metric.kind == "level"
        else None
    )
    names = ctx.names(rows)
    text = ctx.t(
        f"{where + ('承载的' if carried else '中') if where else ''}"
        f"{names}的{metric.label(ctx)}合计{ctx.amount(total, metric.unit)}（按附件各链数值相加）。",
        f"{metric.label(ctx).capitalize()} of {names}"
        f"{' (carried by ' + where + ')' if carried else ''}: "
        f"{ctx.amount(total, metric.unit)} in total (the annex rows added up).",
    )
    if stated is not None:
        ctx.cite_row(stated)
        goal = ctx.amount(float(stated["value"]), "亿元")
        text += ctx.t(
            f"方案正文的目标为{stated.get('comparison', '')}{goal}。",
            f" The plan's text states {in_english(COMPARISON_EN, stated.get('comparison'))} "
            f"{goal}.",
        )
    if derived:
        text += ctx.t(f"其中部分产业链{DERIVED_ZH}。", f" Some of these rows are {DERIVED_EN}.")
    return Reply(
        "sum", results, text, value=total, unit=metric.unit, focus=focus(scope) if scope else []
    )
