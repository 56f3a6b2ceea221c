"""Where chains are carried: the parks of a chain or group, the chains of a park or district,
where a park lies, and the parks of a district.

A park that carries a chain's group carries the chain too; such a row is derived (its
``carried`` is the group, not the chain) and the answer says "derived from the group layout".
"""

from __future__ import annotations

from chainkg.graph_loader.ask.context import DERIVED_EN, DERIVED_ZH, Ctx, Reply, focus, item
from chainkg.graph_loader.ask.lexicon import Candidate
from chainkg.graph_loader.ask.model import AskItem
from chainkg.graph_loader.ask.sets import cited, linked, memberships, scope_rows
from chainkg.graph_loader.ask.sets import district_parks as parks_in
from chainkg.graph_loader.catalog import Row


def _cite_layout(ctx: Ctx, chain: str, via: str, member: dict[str, list[Row]]) -> None:
    """Cite how ``chain`` belongs to ``via`` (its group, or the group's parent)."""
    for edge in member.get(chain, []):
        ctx.cite_row(edge)
        if edge["to"] != via:
            for up in member.get(edge["to"], []):
                if up["to"] == via:
                    ctx.cite_row(up)


def _label_of(ctx: Ctx, id: str | None) -> str | None:
    entry = ctx.entry(id) if id else None
    return entry.label if entry else None


def _derived_note(ctx: Ctx, items: list[AskItem]) -> str:
    via = sorted({it.via for it in items if it.via})
    if not via:
        return ""
    names = ctx.names([e for v in via if (e := ctx.entry(v)) is not None])
    return ctx.t(f"其中经“{names}”的关联{DERIVED_ZH}。", f" Rows through {names} are {DERIVED_EN}.")


def chain_parks(ctx: Ctx, targets: list[Candidate]) -> Reply | None:
    """Answer the parks that carry chains (directly or through the group) or groups."""
    member = memberships(ctx) if any(t.label == "Chain" for t in targets) else {}
    results: dict[str, AskItem] = {}
    for target in targets:
        if target.label == "Chain":
            for row in ctx.lead("chain_parks", id=target.id):
                derived = row["carried"] != target.id
                ctx.cite_row(row)
                if derived:
                    _cite_layout(ctx, target.id, row["carried"], member)
                found = item(
                    row["park"],
                    role=row.get("role"),
                    via=row["carried"] if derived else None,
                    assumption=row.get("assumption"),
                )
                known = results.get(found.id)
                if known is None or (known.via and not found.via):
                    results[found.id] = found
        else:
            for it in cited(ctx, linked(ctx, target.id, "CARRIES", "in")):
                results.setdefault(it.id, it)
            for chain in scope_rows(ctx, target) if target.label in ("Group", "Tier") else []:
                for it in cited(ctx, linked(ctx, chain["id"], "CARRIES", "in"), via=chain["id"]):
                    results.setdefault(it.id, it)
    what = ctx.what(targets)
    items = sorted(results.values(), key=lambda i: (i.via is not None, i.via or "", i.id))
    if not items:
        return ctx.none(
            "chain_parks",
            f"方案没有写明{what}的承载园区。",
            f"The plan names no park that carries {what}.",
            targets,
        )
    via_label = {i.id: _label_of(ctx, i.via) for i in items}
    note = _derived_note(ctx, [i for i in items if via_label[i.id] == "Group"])
    chain_level = [i for i in items if via_label[i.id] == "Chain"]
    if chain_level:
        note += ctx.t(
            "其中" + "、".join(i.name for i in chain_level) + "承载的是该产业中的具体产业链。",
            " " + ", ".join(i.name_en for i in chain_level) + " carry chains of the group.",
        )
    text = ctx.t(
        f"{what}的承载园区有{len(items)}个：{ctx.by_role(items)}。",
        f"{what} is carried by {len(items)} park{'s' if len(items) > 1 else ''}: "
        f"{ctx.by_role(items)}.",
    )
    return Reply("chain_parks", items, text + note + ctx.assumed(items), focus=focus(*targets))


def park_chain_items(ctx: Ctx, park: str, member: dict[str, list[Row]]) -> list[AskItem]:
    """Return the chains a park carries, once each (a direct row before a derived one)."""
    found: dict[str, tuple[int, AskItem]] = {}
    for row in ctx.lead("park_chains", id=park):
        chain = row["chain"]
        derived = row["carried"] != chain["id"]
        ctx.cite_row(row)
        if derived:
            _cite_layout(ctx, chain["id"], row["carried"], member)
        it = item(
            chain,
            role=row.get("role"),
            via=row["carried"] if derived else None,
            assumption=row.get("assumption"),
        )
        known = found.get(it.id)
        if known is None or (known[1].via and not it.via):
            found[it.id] = (int(chain.get("rank", 0)), it)
    return [it for _, it in sorted(found.values(), key=lambda p: (p[0], p[1].id))]


def carried_layout(ctx: Ctx, scope: Candidate) -> set[str]:
    """Cite how a park (or the parks of a district) carries its chains; return the chains it
    names directly (the others it carries through a group)."""
    parks = [scope.id] if scope.label == "Park" else parks_in(ctx, scope.id)
    member = memberships(ctx)
    return {it.id for park in parks for it in park_chain_items(ctx, park, member) if it.via is None}


def park_chains(ctx: Ctx, parks: list[Candidate]) -> Reply | None:
    """Answer the chains that parks (or the parks of districts) carry."""
    member = memberships(ctx)
    results: dict[str, AskItem] = {}
    park_ids = []
    for p in parks:
        if p.label == "District":
            park_ids += parks_in(ctx, p.id)
        else:
            park_ids.append(p.id)
    for park in park_ids:
        for it in park_chain_items(ctx, park, member):
            known = results.get(it.id)
            if known is None or (known.via and not it.via):
                results[it.id] = it
    items = list(results.values())
    what = ctx.what(parks)
    if not items:
        return ctx.none(
            "park_chains",
            f"方案没有写明{what}承载的产业链。",
            f"The plan names no chain carried by {what}.",
            parks,
        )
    via_parks = ""
    if any(p.label == "District" for p in parks):
        names = ctx.names([e for pid in park_ids if (e := ctx.entry(pid)) is not None])
        via_parks = ctx.t(f"（经{names}）", f" (through {names})")
    text = ctx.t(
        f"{what}{via_parks}承载{len(items)}条产业链：{ctx.by_role(items)}。",
        f"{what}{via_parks} carries {len(items)} chain{'s' if len(items) > 1 else ''}: "
        f"{ctx.by_role(items)}.",
    )
    return Reply(
        "park_chains",
        items,
        text + _derived_note(ctx, items) + ctx.assumed(items),
        focus=focus(*[p for p in parks if p.label == "Park"]),
    )


def district_parks(ctx: Ctx, districts: list[Candidate]) -> Reply | None:
    """Answer the parks that lie in districts (as the plan's names place them)."""
    items: list[AskItem] = []
    for d in districts:
        for row in ctx.lead("links", id=d.id):
            if (
                row["type"] == "LOCATED_IN"
                and row["direction"] == "in"
                and row["other"]["label"] == "Park"
            ):
                ctx.cite_row(row["edge"])
                ctx.cite_row(row["other"])
                items.append(item(row["other"], assumption=row["edge"].get("assumption")))
    items.sort(key=lambda i: i.id)
    what = ctx.what(districts)
    if not items:
        return Reply(
            "district_parks",
            [],
            ctx.t(f"方案没有写明位于{what}的园区。", f"The plan places no park in {what}."),
            answered=False,
        )
    text = ctx.t(
        f"位于{what}的园区：{ctx.names(items_as_rows(items))}。",
        f"Parks in {what}: {ctx.names(items_as_rows(items))}.",
    )
    return Reply("district_parks", items, text + ctx.assumed(items), focus=focus(*items[:1]))


def items_as_rows(items: list[AskItem]) -> list[dict[str, str]]:
    """Return answer items as name rows (for :meth:`Ctx.names`)."""
    return [{"name": i.name, "name_en": i.name_en} for i in items]


def park_location(ctx: Ctx, parks: list[Candidate]) -> Reply | None:
    """Answer where parks lie: their district, and the park they are part of."""
    items: list[AskItem] = []
    lines = []
    for p in parks:
        node = ctx.entry(p.id)
        for row in ctx.lead("links", id=p.id):
            if row["direction"] == "out" and row["type"] in ("LOCATED_IN", "PART_OF"):
                ctx.cite_row(row["edge"])
                items.append(
                    item(row["other"], role=row["type"], assumption=row["edge"].get("assumption"))
                )
                inside = row["type"] == "LOCATED_IN"
                zh, en = (node.name, node.name_en) if node else (p.id, p.id)
                lines.append(
                    ctx.t(
                        f"{zh}{'位于' if inside else '属于'}{row['other']['name']}",
                        f"{en} {'lies in' if inside else 'is part of'} {row['other']['name_en']}",
                    )
                )
    what = ctx.what(parks)
    if not items:
        return ctx.none(
            "park_location",
            f"方案没有写明{what}的位置。",
            f"The plan does not say where {what} lies.",
            parks,
        )
    text = ctx.t("；", "; ").join(lines) + ctx.t("。", ".") + ctx.assumed(items)
    return Reply("park_location", items, text, focus=focus(*parks))


def parks_by_chains(ctx: Ctx, *, smallest: bool = False) -> Reply | None:
    """Answer the park(s) that carry the most (or the fewest) chains."""
    member = memberships(ctx)
    counted = []
    for row in ctx.lead("nodes", label="Park"):
        park = row["node"]
        found = park_chain_items(ctx, park["id"], member)
        if found:
            counted.append((len(found), park, found))
    if not counted:
        return None
    best = (min if smallest else max)(n for n, _, _ in counted)
    top = sorted((p for p in counted if p[0] == best), key=lambda p: p[1]["id"])
    items = [item(park, value=n, unit=ctx.t("条", "chains")) for n, park, _ in top]
    derived = any(i.via for _, _, found in top for i in found)
    word = ctx.t("最少" if smallest else "最多", "the fewest" if smallest else "the most")
    text = ctx.t(
        f"承载产业链{word}的园区：{ctx.names([p for _, p, _ in top])}（{best}条）。",
        f"The park carrying {word} chains: {ctx.names([p for _, p, _ in top])} ({best}).",
    )
    if derived:
        text += ctx.t(
            f"计数包含{DERIVED_ZH}的产业链。", f" The count includes chains {DERIVED_EN}."
        )
    single = items[0] if len(items) == 1 else None
    return Reply(
        "ranking",
        items,
        text,
        value=best if single else None,
        unit=single.unit if single else None,
        focus=focus(*items[:1]),
    )
