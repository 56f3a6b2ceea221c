"""What a node is linked to: a chain's group, a group's chains, related chains, what a chain
develops, its enterprises and platforms, the chains of an enterprise or a technology, the
relation between two nodes, and the card of a node asked about on its own.
"""

from __future__ import annotations

import re

from chainkg.graph_loader.ask.context import Ctx, Reply, entry_item, focus, item
from chainkg.graph_loader.ask.lexicon import Candidate
from chainkg.graph_loader.ask.model import AskItem
from chainkg.graph_loader.ask.places import park_chain_items
from chainkg.graph_loader.ask.sets import cited, district_parks, linked, memberships, scope_rows
from chainkg.graph_loader.catalog import Row
from chainkg.graph_loader.derived import choose_path
from chainkg.graph_loader.vocabulary import REL_NAMES

_UP = re.compile(r"上游|上下游|\bupstream\b")
_DOWN = re.compile(r"下游|\bdownstream\b")


def chain_group(ctx: Ctx, targets: list[Candidate]) -> Reply | None:
    """Answer the group (and parent group) and tier of chains or groups."""
    items: list[AskItem] = []
    lines = []
    for t in targets:
        rows = [
            r
            for r in ctx.lead("links", id=t.id)
            if r["direction"] == "out" and r["type"] in ("IN_GROUP", "SUBGROUP_OF", "IN_TIER")
        ]
        rows.sort(
            key=lambda r: (
                {"IN_GROUP": 0, "SUBGROUP_OF": 1, "IN_TIER": 2}[r["type"]],
                r["other"]["id"],
            )
        )
        found = cited(ctx, rows)
        for f, r in zip(found, rows, strict=True):
            f.role = r["type"]
        items += found
        entry = ctx.entry(t.id)
        if entry and found:
            parts = ctx.t("，", ", ").join(
                ctx.t(
                    f"{REL_NAMES[r['type']][0]}：{r['other']['name']}",
                    f"{REL_NAMES[r['type']][1]}: {r['other']['name_en']}",
                )
                for r in rows
            )
            lines.append(ctx.t(f"{entry.name}——{parts}", f"{entry.name_en} — {parts}"))
    if not items:
        return None
    text = ctx.t("；", "; ").join(lines) + ctx.t("。", ".")
    text += ctx.assumed(items)
    groups = [i for i in items if i.type == "Group"]
    return Reply("chain_group", items, text, focus=focus(*groups[:1], *targets))


def group_chains(ctx: Ctx, groups: list[Candidate]) -> Reply | None:
    """Answer the chains of groups, tiers or the whole plan (in annex order)."""
    member = memberships(ctx)
    items: list[AskItem] = []
    for g in groups:
        rows = scope_rows(ctx, g, lead=True)
        for n in rows:
            if any(i.id == n["id"] for i in items):
                continue
            links = member.get(n["id"], [])
            for e in links:
                if g.label != "Group" or e["to"] == g.id or e["type"] == "IN_GROUP":
                    ctx.cite_row(e)
            items.append(item(n))
        if g.label in ("Tier", "Plan"):
            node = ctx.node(g.id)
            if node:
                ctx.cite_row(node)
    what = ctx.what(groups)
    if not items:
        return ctx.none(
            "group_chains",
            f"方案附件没有把产业链单列在{what}之下。",
            f"The plan's annex lists no chain under {what}.",
            groups,
        )
    text = ctx.t(
        f"{what}包括{len(items)}条产业链：{ctx.names(items_rows(items), limit=30)}。",
        f"{what} has {len(items)} chain{'s' if len(items) > 1 else ''}: "
        f"{ctx.names(items_rows(items), limit=30)}.",
    )
    return Reply(
        "group_chains",
        items,
        text,
        value=len(items) if len(groups) == 1 else None,
        unit=ctx.t("条", "chains") if len(groups) == 1 else None,
        focus=focus(*groups),
    )


def items_rows(items: list[AskItem]) -> list[dict[str, str]]:
    """Return answer items as name rows (for :meth:`Ctx.names`)."""
    return [{"name": i.name, "name_en": i.name_en} for i in items]


def chain_relations(ctx: Ctx, chains: list[Candidate]) -> Reply | None:
    """Answer the chains related to chains: upstream, downstream, synergy, application …
    (every stated relation when the question asks up- or downstream and the plan has none)."""
    items: list[AskItem] = []
    lines = []
    up, down = bool(_UP.search(ctx.q.rest)), bool(_DOWN.search(ctx.q.rest))
    for c in chains:
        rows = [r for r in ctx.lead("links", id=c.id) if r["type"] == "RELATES_TO"]
        rows.sort(key=lambda r: (r["other"].get("rank", 0), r["direction"]))
        chosen = _up_down(rows, up, down) if up or down else rows
        entry = ctx.entry(c.id)
        if entry is None or not rows:
            continue
        if not chosen:
            side = ctx.t(
                "上下游" if up and down else "上游" if up else "下游",
                "upstream or downstream" if up and down else "upstream" if up else "downstream",
            )
            lines.append(
                ctx.t(
                    f"方案没有写明{entry.name}的{side}产业链，写明的关联有：",
                    f"The plan names no {side} chain of {entry.name_en}; it states: ",
                )
            )
            chosen = rows
        for r in chosen:
            ctx.cite_row(r["edge"])
            if all(i.id != r["other"]["id"] for i in items):
                kind = r["edge"]["kind"]
                role = kind if r["direction"] == "out" else f"{kind}<-"
                items.append(item(r["other"], role=role, assumption=r["edge"].get("assumption")))
        lines.append(
            ctx.t("、", ", ").join(
                ctx.t(_relation_zh(entry.name, r), _relation_en(entry.name_en, r)) for r in chosen
            )
        )
    what = ctx.what(chains)
    if not items:
        return ctx.none(
            "chain_relations",
            f"方案没有写明{what}的相关产业链。",
            f"The plan states no related chain of {what}.",
            chains,
        )
    text = "".join(
        line + ("" if line.endswith(("：", ": ")) else ctx.t("；", "; ")) for line in lines
    ).rstrip("；; ") + ctx.t("。", ".")
    text += ctx.assumed(items)
    return Reply("chain_relations", items, text, focus=focus(*chains))


def _up_down(rows: list[Row], up: bool, down: bool) -> list[Row]:
    """Return the RELATES_TO rows of a chain's upstream (``up``) or downstream (``down``)
    chains: the other supplies it, or it builds on / takes from the other, or the reverse."""
    out = []
    for r in sorted(rows, key=lambda r: (r["other"].get("rank", 0), r["direction"])):
        kind, d = r["edge"]["kind"], r["direction"]
        is_up = (kind == "upstream" and d == "in") or (
            kind in ("downstream", "builds_on") and d == "out"
        )
        is_down = (kind == "upstream" and d == "out") or (
            kind in ("downstream", "builds_on") and d == "in"
        )
        if (up and is_up) or (down and is_down):
            out.append(r)
    return out


_KIND_ZH = {
    "upstream": "上游",
    "downstream": "下游",
    "synergy": "协同",
    "application": "应用于",
    "builds_on": "依托",
}


def _relation_zh(name: str, r: Row) -> str:
    kind, other = r["edge"]["kind"], r["other"]["name"]
    a, b = (name, other) if r["direction"] == "out" else (other, name)
    if kind == "upstream":
        return f"{a}是{b}的上游"
    if kind == "downstream":
        return f"{a}是{b}的下游"
    if kind == "synergy":
        return f"{a}与{b}协同"
    if kind == "application":
        return f"{a}应用于{b}"
    return f"{a}依托{b}"


def _relation_en(name: str, r: Row) -> str:
    kind, other = r["edge"]["kind"], r["other"]["name_en"]
    a, b = (name, other) if r["direction"] == "out" else (other, name)
    words = {
        "upstream": "is upstream of",
        "downstream": "is downstream of",
        "synergy": "works in synergy with",
        "application": "is applied in",
        "builds_on": "builds on",
    }
    return f"{a} {words.get(kind, kind)} {b}"


def chain_focus(ctx: Ctx, targets: list[Candidate]) -> Reply | None:
    """Answer what chains or groups develop: the annex's directions and the technologies named."""
    items: list[AskItem] = []
    lines = []
    for t in targets:
        node = ctx.node(t.id)
        if node is None:
            continue
        rows = linked(ctx, t.id, "FOCUSES_ON", "out", "Technology")
        found = cited(ctx, rows)
        for f, r in zip(found, rows, strict=True):
            f.role = r["other"].get("kind")
        items += found
        directions = node.get("directions")
        if directions:
            ctx.cite(node.get("source"), directions)
            lines.append(
                ctx.t(
                    f"{node['name']}的重点发展方向：{directions}",
                    f"Focus of {node['name_en']} (quoted from the annex): {directions}",
                )
            )
        elif found:
            lines.append(
                ctx.t(
                    f"{node['name']}重点发展：{ctx.names(items_rows(found))}。",
                    f"{node['name_en']} develops {ctx.names(items_rows(found))}.",
                )
            )
        for p in node.get("positioning") or []:
            ctx.cite_row(node)
            lines.append(ctx.t(f"定位：{p}。", f"Positioning: {p}."))
    if not items and not lines:
        return None
    return Reply(
        "chain_focus", items, "".join(lines) or ctx.t("（无）", "(none)"), focus=focus(*targets)
    )


def chain_enterprises(ctx: Ctx, targets: list[Candidate]) -> Reply | None:
    """Answer the lead enterprises and key projects that anchor chains or groups."""
    wants_ent = ctx.q.has("enterprise")
    wants_proj = ctx.q.has("project")
    labels = [lab for lab, on in (("Enterprise", wants_ent), ("Project", wants_proj)) if on] or [
        "Enterprise",
        "Project",
    ]
    items: dict[str, AskItem] = {}
    for t in targets:
        ids = [t.id]
        if t.label in ("Group", "Tier"):
            ids += [n["id"] for n in scope_rows(ctx, t)]
        for node_id in ids:
            rows = linked(ctx, node_id, "ANCHORS", "in", *labels)
            for it in cited(ctx, rows, via=None if node_id == t.id else node_id):
                items.setdefault(it.id, it)
    what = ctx.what(targets)
    kinds = ctx.t(
        "、".join({"Enterprise": "龙头企业", "Project": "重点项目"}[lab] for lab in labels),
        " or ".join(
            {"Enterprise": "lead enterprise", "Project": "key project"}[lab] for lab in labels
        ),
    )
    if not items:
        return ctx.none(
            "chain_enterprises",
            f"方案没有点名{what}的{kinds}。",
            f"The plan names no {kinds} for {what}.",
            targets,
        )
    found = sorted(items.values(), key=lambda i: (i.type, i.id))
    text = ctx.t(
        f"{what}的{kinds}：{ctx.names(items_rows(found))}。",
        f"{kinds.capitalize()}s of {what}: {ctx.names(items_rows(found))}.",
    )
    return Reply("chain_enterprises", found, text, focus=focus(*targets))


def enterprise_chains(ctx: Ctx, ents: list[Candidate]) -> Reply | None:
    """Answer the chains (and groups) that enterprises or projects anchor, and their projects."""
    items: dict[str, AskItem] = {}
    extra = []
    for e in ents:
        rows = linked(ctx, e.id, "ANCHORS", "out")
        for it in cited(ctx, rows):
            items.setdefault(it.id, it)
        owned = linked(ctx, e.id, "OWNS", "out") + linked(ctx, e.id, "OWNS", "in")
        for r in owned:
            ctx.cite_row(r["edge"])
            extra.append(r["other"])
    what = ctx.what(ents)
    if not items:
        return ctx.none(
            "enterprise_chains",
            f"方案没有写明{what}带动的产业链。",
            f"The plan ties {what} to no chain.",
            ents,
        )
    found = sorted(items.values(), key=lambda i: (i.type != "Chain", i.id))
    text = ctx.t(
        f"{what}带动（支撑）的产业链：{ctx.names(items_rows(found))}。",
        f"{what} anchors {ctx.names(items_rows(found))}.",
    )
    if extra:
        text += ctx.t(f"相关项目/企业：{ctx.names(extra)}。", f" Related: {ctx.names(extra)}.")
    text += ctx.assumed(found)
    return Reply(
        "enterprise_chains",
        found,
        text,
        focus=focus(*[i for i in found if i.type == "Chain"][:1], *ents),
    )


def tech_chains(ctx: Ctx, techs: list[Candidate]) -> Reply | None:
    """Answer the chains (and groups) whose focus names a product or technology."""
    items: dict[str, AskItem] = {}
    for t in techs:
        for it in cited(ctx, linked(ctx, t.id, "FOCUSES_ON", "in")):
            items.setdefault(it.id, it)
    what = ctx.what(techs)
    if not items:
        return None
    found = sorted(items.values(), key=lambda i: (i.type != "Chain", i.id))
    chains = [i for i in found if i.type == "Chain"]
    groups = [i for i in found if i.type != "Chain"]
    text = ctx.t(
        f"{what}出现在{ctx.names(items_rows(chains))}产业链的重点发展方向中"
        if chains
        else f"{what}",
        f"{what} is in the focus of {ctx.names(items_rows(chains))}" if chains else f"{what}",
    )
    if groups:
        text += ctx.t(
            f"{'，并' if chains else ''}见于{ctx.names(items_rows(groups))}产业的主攻方向",
            f"{' and' if chains else ' is'} named for the group{'s' if len(groups) > 1 else ''} "
            f"{ctx.names(items_rows(groups))}",
        )
    return Reply("tech_chains", found, text + ctx.t("。", "."), focus=focus(*found[:1]))


def platforms(ctx: Ctx, targets: list[Candidate]) -> Reply | None:
    """Answer the innovation platforms that support chains, groups or actions."""
    items: dict[str, AskItem] = {}
    for t in targets:
        ids = [t.id]
        entry = ctx.entry(t.id)
        if t.label == "Chain" and entry:
            ids += list(entry.within)
        for node_id in ids:
            for it in cited(
                ctx,
                linked(ctx, node_id, "SUPPORTS", "in", "Platform"),
                via=None if node_id == t.id else node_id,
            ):
                items.setdefault(it.id, it)
    what = ctx.what(targets)
    if not items:
        return ctx.none(
            "platforms",
            f"方案没有写明支撑{what}的创新平台。",
            f"The plan names no platform supporting {what}.",
            targets,
        )
    found = sorted(items.values(), key=lambda i: (i.via is not None, i.id))
    text = ctx.t(
        f"支撑{what}的创新平台：{ctx.names(items_rows(found))}。",
        f"Platforms supporting {what}: {ctx.names(items_rows(found))}.",
    )
    if any(i.via for i in found):
        text += ctx.t("部分平台支撑的是其所属产业（via）。", " Some support its group (via).")
    text += ctx.assumed(found)
    return Reply("platforms", found, text, focus=focus(*targets))


def _membership(ctx: Ctx, a: Candidate, b: Candidate) -> Reply | None:
    """Answer whether a chain is in a group or tier it is not directly linked to: not, and
    where it is (光伏是不是未来产业: no, 新能源 and 战略性新兴产业)."""
    chain, group = (a, b) if a.label == "Chain" else (b, a)
    if chain.label != "Chain" or group.label not in ("Group", "Tier"):
        return None
    entry, other = ctx.entry(chain.id), ctx.entry(group.id)
    if entry is None or other is None:
        return None
    if group.id in entry.within:
        return None  # a direct link: answered with its evidence
    found = chain_group(ctx, [chain])
    if found is None:
        return None
    return Reply(
        "relation",
        found.results,
        ctx.t(f"{entry.name}不属于{other.name}。", f"{entry.name_en} is not in {other.name_en}. ")
        + found.text,
        focus=found.focus,
    )


def relation(ctx: Ctx, a: Candidate, b: Candidate) -> Reply | None:
    """Answer how two nodes are linked: directly, through a park's group layout, or by the
    shortest path of the graph."""
    ea, eb = ctx.entry(a.id), ctx.entry(b.id)
    if ea is None or eb is None:
        return None
    direct = [r for r in ctx.lead("links", id=a.id) if r["other"]["id"] == b.id]
    if direct:
        items = [entry_item(ea), entry_item(eb)]
        parts = []
        for r in sorted(direct, key=lambda r: r["type"]):
            ctx.cite_row(r["edge"])
            src, dst = (ea, eb) if r["direction"] == "out" else (eb, ea)
            zh, en = REL_NAMES.get(r["type"], (r["type"], r["type"]))
            role = r["edge"].get("role")
            items[1 if r["direction"] == "out" else 0].role = r["type"]
            if r["type"] == "RELATES_TO":
                parts.append(ctx.t(_relation_zh(ea.name, r), _relation_en(ea.name_en, r)))
                continue
            parts.append(
                ctx.t(
                    f"{src.name}{zh}{dst.name}{'（' + ctx.role(role) + '）' if role else ''}",
                    f"{src.name_en} {en} {dst.name_en}"
                    f"{' (' + ctx.role(role) + ')' if role else ''}",
                )
            )
        text = ctx.t("；", "; ").join(parts) + ctx.t("。", ".")
        if any(r["edge"].get("assumption") for r in direct):
            text += ctx.t(
                "该关联为对原文的解读（见证据）。",
                " The link is read into the text (see the evidence).",
            )
        return Reply("relation", items, text, focus=focus(a, b))
    member_of = _membership(ctx, a, b)
    if member_of is not None:
        return member_of
    park, chain = (a, b) if a.label in ("Park", "District") else (b, a)
    if park.label in ("Park", "District") and chain.label == "Chain":
        parks = [park.id] if park.label == "Park" else district_parks(ctx, park.id)
        member = memberships(ctx)
        for pid in parks:
            for it in park_chain_items(ctx, pid, member):
                if it.id == chain.id:
                    pe, ce = ctx.entry(pid), ctx.entry(chain.id)
                    assert pe is not None and ce is not None
                    derived = (
                        ctx.t(
                            "（由所属产业的空间布局推得，derived from the group layout）",
                            " — derived from the group layout",
                        )
                        if it.via
                        else ""
                    )
                    text = ctx.t(
                        f"{pe.name}承载{ce.name}（{ctx.role(it.role)}）{derived}。",
                        f"{pe.name_en} carries {ce.name_en} ({ctx.role(it.role)}){derived}.",
                    )
                    return Reply("relation", [entry_item(pe), it], text, focus=focus(pe, ce))
    rows = ctx.lead("paths", **{"from": a.id, "to": b.id})
    chosen = choose_path(rows)
    if chosen is None:
        return Reply(
            "relation",
            [],
            ctx.t(
                f"图中{ea.name}与{eb.name}之间没有关联。",
                f"The graph does not link {ea.name_en} and {eb.name_en}.",
            ),
            answered=False,
            focus=focus(a, b),
        )
    ids, edges = chosen
    nodes = {r["node"]["id"]: r["node"] for r in ctx.run("nodes_by_ids", ids=ids)}
    items = []
    steps = [ctx.nm(nodes[ids[0]])]
    for i, e in enumerate(edges):
        ctx.cite_row(e)
        nxt = nodes[ids[i + 1]]
        zh, en = REL_NAMES.get(e["type"], (e["type"], e["type"]))
        arrow = f" —{ctx.t(zh, en)}→ " if e["from"] == ids[i] else f" ←{ctx.t(zh, en)}— "
        steps.append(arrow + ctx.nm(nxt))
    for n in ids:
        items.append(item(nodes[n]))
    text = ctx.t(
        f"{ea.name}与{eb.name}没有直接关联，图中最短路径（{len(edges)}步）：{''.join(steps)}。",
        f"{ea.name_en} and {eb.name_en} are not linked directly; the shortest path "
        f"({len(edges)} steps): "
        f"{''.join(steps)}.",
    )
    return Reply("relation", items, text, focus=focus(a, b))
