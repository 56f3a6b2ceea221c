"""The working mechanism on the maps (served pages only; the static site has no records):
a panel on a chain's or park's map with its 挂钩 assignment, its 招商 pipeline by stage, its
candidates and 卡脖子 items and the gaps left; and two layers drawn over the map, the
assignment and the candidates, each switched on and off in the panel (``layers.js``).

The layers are records, not plan facts: they are kept out of the map's own data (every edge
there is an edge of the graph), drawn dashed in colours of their own, and each tooltip says
who recorded what, when, citing which document.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from chainkg.graph_loader.store import GraphStore
from chainkg.records.assignments import BASIS_QUOTE as ASSIGNMENT_QUOTE
from chainkg.records.candidates import STAGE_EN, STAGES
from chainkg.records.gaps import chain_gaps
from chainkg.records.mechanism import AssignmentOut, CandidateOut, Mechanism, mechanism, plan_of
from chainkg.records.store import RecordsStore
from chainkg.viz.render import PageLinks, script_json, templates

STAGE_COLOR = {
    "线索": "#90a4ae",
    "在谈": "#ffb300",
    "签约": "#43a047",
    "开工": "#1e88e5",
    "投产": "#1b5e20",
}
"""A candidate's colour by stage (the pipeline bar and the candidates layer)."""
ASSIGNMENT_COLOR = "#6a1b9a"
SHOWN_CANDIDATES = 40
"""The most candidates drawn on a map (the panel lists them all on the gap page)."""


def _who(zh: bool, written_by: str, written_at: str, source: str) -> str:
    day = written_at[:10]
    if zh:
        return f"录入：{written_by}，{day}；依据：{source}"
    return f"Recorded by {written_by} on {day}, citing {source}"


def _node(
    id: str, zh: str, en: str, tips: tuple[str, str], color: str, anchors: list[str], side: str
) -> dict[str, Any]:
    return {
        "id": id,
        "label_zh": zh,
        "label_en": en,
        "title_zh": tips[0],
        "title_en": tips[1],
        "color": color,
        "anchors": anchors,
        "side": side,
    }


def _edge(source: str, anchors: list[str], zh: str, en: str, color: str) -> dict[str, Any]:
    return {"from": source, "to": anchors, "label_zh": zh, "label_en": en, "color": color}


def assignment_layer(found: AssignmentOut | None, links: PageLinks) -> dict[str, Any]:
    """Return the layer of an assignment: the leader and the task force beside the subject,
    the lead department joined to it (the map's own department node, when it has one)."""
    layer: dict[str, Any] = {"id": "assignment", "zh": "挂钩责任", "en": "Assignment"}
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    if found is not None:
        subject = [found.subject]
        who = (
            _who(True, found.written_by, found.written_at, found.source),
            _who(False, found.written_by, found.written_at, found.source),
        )
        base = f"assignment:{found.subject}"
        if found.leader:
            title = f"（{found.leader_title}）" if found.leader_title else ""
            title_en = f" ({found.leader_title})" if found.leader_title else ""
            nodes.append(
                _node(
                    f"{base}#leader",
                    f"挂钩市领导\n{found.leader}{title}",
                    f"City leader\n{found.leader}{title_en}",
                    (
                        f"挂钩市领导：{found.leader}{title}\n{who[0]}",
                        f"City leader: {found.leader}{title_en}\n{who[1]}",
                    ),
                    ASSIGNMENT_COLOR,
                    subject,
                    "left",
                )
            )
            edges.append(_edge(f"{base}#leader", subject, "挂钩", "linked", ASSIGNMENT_COLOR))
        if found.department:
            dept = found.department
            node = _node(
                f"{base}#department",
                dept.name,
                dept.name_en or dept.name,
                (f"牵头部门：{dept.name}\n{who[0]}", f"Lead department: {dept.name_en}\n{who[1]}"),
                "#546e7a",
                subject,
                "left",
            )
            node["same_as"] = dept.id
            node["href"] = links.node("Department", dept.id)
            nodes.append(node)
            edges.append(_edge(f"{base}#department", subject, "牵头", "leads", ASSIGNMENT_COLOR))
        if found.task_force:
            contact = found.task_force_contact or ""
            nodes.append(
                _node(
                    f"{base}#task_force",
                    f"专班\n{found.task_force}",
                    f"Task force\n{found.task_force}",
                    (
                        f"服务专班：{found.task_force} {contact}\n{who[0]}",
                        f"Task force: {found.task_force} {contact}\n{who[1]}",
                    ),
                    ASSIGNMENT_COLOR,
                    subject,
                    "right",
                )
            )
            edges.append(_edge(f"{base}#task_force", subject, "服务", "serves", ASSIGNMENT_COLOR))
    layer["nodes"], layer["edges"] = nodes, edges
    return layer


def candidates_layer(candidates: list[CandidateOut], anchor: str) -> dict[str, Any]:
    """Return the layer of candidates: each below the direction it fills (on a chain's map),
    or below its chain or the map's own node."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for c in candidates[:SHOWN_CANDIDATES]:
        anchors = [a for a in (c.direction_ref.id if c.direction_ref else None, c.chain) if a]
        anchors.append(anchor)
        direction = c.direction_ref.name if c.direction_ref else (c.direction or "—")
        direction_en = (
            (c.direction_ref.name_en or c.direction_ref.name)
            if c.direction_ref
            else (c.direction or "—")
        )
        park = f"；目标园区：{c.park.name}" if c.park else ""
        park_en = f"; target park: {c.park.name_en or c.park.name}" if c.park else ""
        assumed = f"\n{c.direction_assumption}" if c.direction_assumption else ""
        id = f"candidate:{c.chain}|{c.enterprise}"
        color = STAGE_COLOR.get(c.stage, "#9e9e9e")
        nodes.append(
            _node(
                id,
                f"{c.enterprise}\n{c.stage}",
                f"{c.enterprise}\n{c.stage_en}",
                (
                    f"招商目标企业：{c.enterprise}（{c.category}，{c.stage}"
                    f"{'，' + c.stage_date if c.stage_date else ''}）\n补链方向：{direction}{park}"
                    f"{assumed}\n{_who(True, c.written_by, c.written_at, c.source)}",
                    f"Candidate: {c.enterprise} ({c.category_en}, {c.stage_en}"
                    f"{', ' + c.stage_date if c.stage_date else ''})\nFills: {direction_en}"
                    f"{park_en}{assumed}\n{_who(False, c.written_by, c.written_at, c.source)}",
                ),
                color,
                anchors,
                "below",
            )
        )
        edges.append(_edge(id, anchors, c.category, c.category_en, color))
    return {
        "id": "candidates",
        "zh": "招商目标企业",
        "en": "Candidates",
        "nodes": nodes,
        "edges": edges,
    }


def _panel(
    found: Mechanism,
    links: PageLinks,
    layers: list[dict[str, Any]],
    gaps: dict[str, Any] | None,
) -> Markup:
    return Markup(
        templates()
        .get_template("_mechanism_panel.html")
        .module.mechanism_panel(  # type: ignore[attr-defined]
            found,
            links,
            view={
                "stages": STAGES,
                "stage_en": STAGE_EN,
                "color": STAGE_COLOR,
                "basis": ASSIGNMENT_QUOTE,
                "gaps": gaps,
            },
            layers=script_json({"layers": layers}),
        )
    )


def chain_panel(graph: GraphStore, records: RecordsStore, id: str, links: PageLinks) -> Markup:
    """Return the mechanism panel of a chain's map (with its two layers)."""
    found = mechanism(graph, records, id, plan_of(graph), history=False)
    gap = chain_gaps(graph, records, id)
    layers = [assignment_layer(found.assignment, links), candidates_layer(found.candidates, id)]
    return _panel(found, links, layers, {"counts": gap.counts, "href": links.gaps("chain", id)})


def park_panel(graph: GraphStore, records: RecordsStore, id: str, links: PageLinks) -> Markup:
    """Return the mechanism panel of a park's map: its assignment and the candidates that
    target it."""
    found = mechanism(graph, records, id, history=False)
    layers = [assignment_layer(found.assignment, links), candidates_layer(found.candidates, id)]
    return _panel(found, links, layers, {"counts": None, "href": links.gaps("park", id)})
