"""The plan's work: who is responsible for an action, measure or safeguard, what a department
is responsible for, the measures and targets of the actions, the indicators, and lists.
"""

from __future__ import annotations

import re

from chainkg.graph_loader.ask.context import Ctx, Reply, entry_item, focus, item, one_figure
from chainkg.graph_loader.ask.lexicon import Candidate
from chainkg.graph_loader.ask.links import items_rows
from chainkg.graph_loader.ask.model import AskItem
from chainkg.graph_loader.ask.sets import linked
from chainkg.graph_loader.catalog import Row
from chainkg.graph_loader.vocabulary import COMPARISON_EN, in_english

YEARLY = re.compile(
    r"每年|年度|每一年|\byearly\b|\bannual(?:ly)?\b|\beach year\b|\bper year\b|\bevery year\b"
)
CATEGORIES = ("产业韧性足", "创新水平高", "数实融合深", "绿色发展好", "企业实力强")
"""The five headings of the plan's 2027 goals (一(二))."""
_ORDER = {"Action": 0, "Safeguard": 1}


def in_quote(node: Row, quote: str) -> int:
    """Return where a node's name (or an alias) first stands in ``quote`` (its order in the
    plan's list), or the quote's length when it does not."""
    names = [str(node.get("name", "")), *(str(a) for a in node.get("aliases") or [])]
    found = [quote.find(n) for n in names if n and n in quote]
    return min(found) if found else len(quote)


def _dept_items(ctx: Ctx, holder: str) -> list[AskItem]:
    """Return the departments responsible for a node, in the order the plan lists them."""
    rows = linked(ctx, holder, "RESPONSIBLE_FOR", "in", "Department")
    order = {"按职责分工负责": 0, "负责": 0, "会同": 1, "落实": 2}
    rows.sort(
        key=lambda r: (
            order.get(r["edge"].get("role") or "", 3),
            in_quote(r["other"], str(r["edge"].get("evidence", ""))),
            r["other"]["id"],
        )
    )
    out = []
    for r in rows:
        ctx.cite_row(r["edge"])
        out.append(
            item(r["other"], role=r["edge"].get("role"), assumption=r["edge"].get("assumption"))
        )
    return out


def _up(ctx: Ctx, id: str, rel_type: str) -> Row | None:
    rows = linked(ctx, id, rel_type, "in")
    if not rows:
        return None
    ctx.cite_row(rows[0]["edge"])
    other: Row = rows[0]["other"]
    return other


def _organisers(ctx: Ctx) -> tuple[list[AskItem], Row | None]:
    """Return the departments 四(一) charges with all the key chains, and that safeguard."""
    for entry in sorted(ctx.lexicon.entries.values(), key=lambda e: e.id):
        if entry.label != "Safeguard":
            continue
        depts = _dept_items(ctx, entry.id)
        if any(d.role == "负责" for d in depts):
            return depts, ctx.node(entry.id)
    return [], None


def responsible_departments(ctx: Ctx, targets: list[Candidate]) -> Reply | None:
    """Answer who is responsible for actions, measures, targets or safeguards (through the
    action for a measure or target); for a chain, those 四(一) charges with all of them."""
    items: dict[str, AskItem] = {}
    lines = []
    for t in targets:
        holder: Row | None = ctx.node(t.id)
        path = []
        if t.label == "Target":
            holder = _up(ctx, t.id, "HAS_TARGET")
            path.append(holder)
        if holder is not None and (t.label == "Measure" or holder.get("label") == "Measure"):
            holder = _up(ctx, holder["id"], "HAS_MEASURE")
            path.append(holder)
        if t.label in ("Chain", "Group", "Park", "Plan", "Tier"):
            depts, safeguard = _organisers(ctx)
            if not depts or safeguard is None:
                continue
            for d in depts:
                items.setdefault(d.id, d)
            entry = ctx.entry(t.id)
            who = ctx.by_role(depts)
            zh, en = (entry.name, entry.name_en) if entry else ("", "")
            lines.append(
                ctx.t(
                    f"方案没有按产业链分别指定部门；{safeguard['name']}（四(一)）规定：{who}"
                    f"负责重点产业链培育提升工作（适用于{zh}等全部重点产业链）",
                    f"The plan assigns no department chain by chain; under "
                    f"{safeguard['name_en']} (四(一)): {who} for all key chains, {en} included",
                )
            )
            continue
        if holder is None:
            continue
        depts = _dept_items(ctx, holder["id"])
        for d in depts:
            items.setdefault(d.id, d)
        via = ""
        if path:
            via = ctx.t(f"（属于{holder['name']}）", f" (part of {holder['name_en']})")
        entry = ctx.entry(t.id)
        if depts and entry:
            lines.append(
                ctx.t(
                    f"{entry.name}{via}的责任单位：{ctx.by_role(depts)}",
                    f"Responsible for {entry.name_en}{via}: {ctx.by_role(depts)}",
                )
            )
    what = ctx.what(targets)
    if not items:
        return ctx.none(
            "responsible_departments",
            f"方案没有写明{what}的责任单位。",
            f"The plan names no department for {what}.",
            targets,
        )
    found = list(items.values())
    text = ctx.t("；", "; ").join(lines) + ctx.t("。", ".")
    text += ctx.assumed(found)
    return Reply(
        "responsible_departments",
        found,
        text,
        focus=focus(*[i for i in found if i.type == "Department"][:1]),
    )


def department_duties(ctx: Ctx, depts: list[Candidate]) -> Reply | None:
    """Answer what departments are responsible for: actions and safeguards, with their role."""
    items: list[AskItem] = []
    lines = []
    for d in depts:
        rows = ctx.lead("department_duties", id=d.id)
        rows.sort(
            key=lambda r: (
                _ORDER.get(r["item"]["label"], 2),
                r["item"].get("rank", 0),
                r["item"]["id"],
            )
        )
        found = []
        for r in rows:
            ctx.cite_row(r)
            found.append(item(r["item"], role=r.get("role"), assumption=r.get("assumption")))
        items += found
        entry = ctx.entry(d.id)
        tasks = [f for f in found if f.type != "Plan"]
        whole = [f for f in found if f.type == "Plan"]
        if found and entry:
            parts = [ctx.by_role(tasks)] if tasks else []
            parts += [
                ctx.t(
                    f"整个方案的组织实施（{ctx.role(w.role or '负责')}，四(一)）",
                    f"carrying out the whole plan ({ctx.role(w.role or '负责')}, 四(一))",
                )
                for w in whole
            ]
            lines.append(
                ctx.t(
                    f"{entry.name}负责：{'；'.join(parts)}",
                    f"{entry.name_en} is responsible for: {'; '.join(parts)}",
                )
            )
    what = ctx.what(depts)
    if not items:
        return ctx.none(
            "department_duties",
            f"方案没有写明{what}的职责。",
            f"The plan gives {what} no duty.",
            depts,
        )
    return Reply(
        "department_duties",
        items,
        ctx.t("；", "; ").join(lines) + ctx.t("。", "."),
        focus=focus(*depts),
    )


def action_measures(ctx: Ctx, actions: list[Candidate]) -> Reply | None:
    """Answer the measures of actions, in plan order."""
    rows = ctx.lead("action_measures", ids=[a.id for a in actions])
    rows.sort(key=lambda r: (r["action"], r["measure"].get("rank", 0)))
    items = []
    for r in rows:
        ctx.cite_row(r["measure"])
        items.append(item(r["measure"]))
    what = ctx.what(actions)
    if not items:
        return None
    text = ctx.t(
        f"{what}的举措：{ctx.names(items_rows(items))}。",
        f"Measures of {what}: {ctx.names(items_rows(items))}.",
    )
    return Reply("action_measures", items, text, focus=focus(*actions))


def _target_item(ctx: Ctx, t: Row) -> AskItem:
    ctx.cite_row(t)
    return item(
        t,
        value=t.get("value"),
        unit=t.get("unit"),
        period=str(t.get("period")),
        comparison="以上" if t.get("at_least") else None,
    )


def _target_line(ctx: Ctx, t: AskItem) -> str:
    amount = ctx.amount(t.value, t.unit)
    if ctx.lang == "zh":
        when = "每年" if t.period == "每年" else f"到{t.period}年"
        return f"{when}{t.name}{amount}{'以上' if t.comparison else ''}"
    when = "each year" if t.period == "每年" else f"by {t.period}"
    return f"{t.name_en}: {'at least ' if t.comparison else ''}{amount} {when}"


def _fits_year(ctx: Ctx, period: str) -> bool:
    years = ctx.q.years
    if not years:
        return True
    if period == "每年":
        return all(2025 <= y <= 2030 for y in years)
    return str(years[0]) == period


def action_targets(ctx: Ctx, targets: list[Candidate]) -> Reply | None:
    """Answer the targets of targets, measures or actions (all actions when none is named),
    kept to the yearly ones (每年) or a year when the question says so."""
    found: list[AskItem] = []
    action_ids = [t.id for t in targets if t.label == "Action"]
    measure_ids = {t.id for t in targets if t.label == "Measure"}
    target_ids = {t.id for t in targets if t.label == "Target"}
    if not targets:
        action_ids = sorted(e.id for e in ctx.lexicon.entries.values() if e.label == "Action")
    if measure_ids:
        for m in sorted(measure_ids):
            action = _up(ctx, m, "HAS_MEASURE")
            if action is not None:
                action_ids.append(action["id"])
    rows = ctx.lead("action_measures", ids=action_ids) if action_ids else []
    for r in sorted(rows, key=lambda r: (r["action"], r["measure"].get("rank", 0))):
        if measure_ids and r["measure"]["id"] not in measure_ids:
            continue
        for t in sorted(r["targets"], key=lambda t: t["id"]):
            found.append(_target_item(ctx, t))
    for tid in sorted(target_ids):
        node = ctx.node(tid)
        if node is not None:
            found.append(_target_item(ctx, node))
    if YEARLY.search(ctx.q.rest) and not target_ids:
        found = [f for f in found if f.period == "每年"]
    years_ok = [f for f in found if _fits_year(ctx, f.period or "")]
    what = ctx.what(targets) or ctx.t("五大行动", "the five actions")
    if not years_ok:
        return Reply(
            "action_targets",
            [],
            ctx.t(
                f"方案没有给出{what}在{ctx.q.years[0]}年的目标。",
                f"The plan gives no target of {what} for {ctx.q.years[0]}.",
            )
            if ctx.q.years
            else ctx.t(
                f"方案没有给出{what}的量化目标。", f"The plan gives {what} no quantified target."
            ),
            answered=False,
            focus=focus(*targets),
        )
    text = ctx.t("；", "; ").join(_target_line(ctx, f) for f in years_ok) + ctx.t("。", ".")
    return Reply(
        "action_targets",
        years_ok,
        text,
        **one_figure(years_ok),
        focus=focus(*targets),
    )


def indicators(ctx: Ctx, inds: list[Candidate]) -> Reply | None:
    """Answer indicators: the ones named, or every one (of a year or heading when asked)."""
    if inds:
        nodes = [n for i in inds if (n := ctx.node(i.id)) is not None]
    else:
        nodes = [r["node"] for r in ctx.lead("nodes", label="Indicator")]
        category = next((c for c in CATEGORIES if c in ctx.q.text), None)
        if category:
            nodes = [n for n in nodes if n.get("category") == category]
        if ctx.q.years:
            nodes = [n for n in nodes if n.get("year") in ctx.q.years]
    nodes.sort(key=lambda n: (n.get("year", 0), n["id"]))
    years = [str(n.get("year")) for n in nodes]
    if inds and ctx.q.years and not any(n.get("year") in ctx.q.years for n in nodes):
        return Reply(
            "indicators",
            [],
            ctx.t(
                f"方案的这项指标只给出{'、'.join(years)}年的目标。",
                f"The plan sets this indicator for {', '.join(years)} only.",
            ),
            answered=False,
        )
    items = []
    for n in nodes:
        ctx.cite_row(n)
        items.append(
            item(
                n,
                value=n.get("value"),
                unit=n.get("unit"),
                period=str(n.get("year")),
                comparison=n.get("comparison"),
            )
        )
    if not items:
        return None
    text = ctx.t("；", "; ").join(
        ctx.t(
            f"到{n.get('year')}年，{_without_year(n)}",
            f"{n['name_en']}: {in_english(COMPARISON_EN, n.get('comparison'))} "
            f"{ctx.amount(n.get('value'), n.get('unit'))}",
        )
        for n in nodes
    ) + ctx.t("。", ".")
    return Reply(
        "indicators",
        items,
        text,
        **one_figure(items),
    )


def _without_year(indicator: Row) -> str:
    """Return an indicator's quote without its opening 到20xx年，."""
    return str(indicator["evidence"]).removeprefix(f"到{indicator.get('year')}年，")


def listing(ctx: Ctx, label: str) -> Reply | None:
    """Answer every node of one kind: chains in annex order, actions in plan order, parks …"""
    rows = [r["node"] for r in ctx.lead("nodes", label=label)]
    rows.sort(key=lambda n: (n.get("rank", 0), n["id"]))
    if not rows:
        return None
    items = []
    for n in rows:
        ctx.cite_row(n)
        items.append(item(n))
    text = ctx.t(
        f"方案共有{len(items)}个{ctx.label(label)}：{ctx.names(rows, limit=30)}。",
        f"The plan has {len(items)} {ctx.label(label, plural=len(items) > 1)}: "
        f"{ctx.names(rows, limit=30)}.",
    )
    return Reply("list", items, text, value=len(items), unit=None)


def card_text(ctx: Ctx, cand: Candidate) -> tuple[list[AskItem], str] | None:
    """Return a measure's, safeguard's or platform's own text (the plan's words), for a card."""
    node = ctx.node(cand.id)
    if node is None:
        return None
    ctx.cite_row(node)
    body = node.get("text")
    if body:
        ctx.cite(node.get("source"), body)
    head = ctx.t(
        f"{node['name']}（{ctx.label(cand.label)}，{node.get('source', '')}）",
        f"{node['name_en']} ({ctx.label(cand.label)}, {node.get('source', '')})",
    )
    kind = node.get("kind")
    extra = (
        ctx.t(f"：{body}", f": {body}")
        if body
        else (ctx.t(f"：{kind}", f": {kind}") if kind else "")
    )
    return [entry_item(e)] if (e := ctx.entry(cand.id)) else [], head + extra
