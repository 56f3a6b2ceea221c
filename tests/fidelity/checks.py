"""Every park–chain pair the API answers, read against the plan's paragraphs.

:func:`collect` asks the API (any store) for every park–chain pair it gives anywhere;
the ``check_*`` functions return the problems they find (empty when faithful), so a test
asserts ``== []`` and another test can show that a wrong seed is caught.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tests.api.conftest import TestClient
from tests.fidelity.plan_text import Names, Plan

V1 = "/api/v1"


@dataclass(frozen=True)
class Pair:
    """One park–chain row of one answer: where it was answered and the row itself."""

    where: str
    park: str
    chain: str
    row: dict[str, Any]


@dataclass
class Answers:
    """What the API answers about parks and chains, and what checking it needs."""

    names: Names
    plan: Plan
    rows: list[Pair] = field(default_factory=list)
    """Every row with evidence: /chains/{id}/parks, /chains/{id}, /parks/{id}/chains,
    /parks/{id}, /groups/{id}."""
    listed: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Every answer's (park, chain) pairs, by URL (including /chains?park=)."""
    family: dict[str, str] = field(default_factory=dict)
    """The route of each URL, e.g. ``/chains/{id}/parks``."""
    layouts: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    """A park's layout of a group (its ``carries`` entry), by (park, group)."""
    group_chains: dict[str, list[str]] = field(default_factory=dict)
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)


def _get(client: TestClient, url: str) -> Any:
    response = client.get(V1 + url)
    assert response.status_code == 200, (url, response.text)
    return response.json()


def collect(client: TestClient, plan_text: str) -> Answers:
    """Return every park–chain pair the API gives, with the names and layouts it reports."""
    names = Names()
    chains = _get(client, "/chains?limit=200")["items"]
    parks = _get(client, "/parks")["items"]
    groups = _get(client, "/groups")["items"]
    for item in [*chains, *parks, *groups]:
        names.add(item)
    names.parks = [p["id"] for p in parks]
    names.chain_rank = {c["id"]: c["rank"] for c in chains}
    names.chain_group = {c["id"]: c["group"] for c in chains}
    names.top_groups = [g["id"] for g in groups if g["parent"] is None]
    answers = Answers(names, Plan(plan_text, names))

    def add(route: str, id: str, pairs: list[tuple[str, str, dict[str, Any]]]) -> None:
        url = route.replace("{id}", id)
        answers.family[url] = route
        answers.listed[url] = [(p, c) for p, c, _ in pairs]
        answers.rows += [Pair(url, p, c, row) for p, c, row in pairs if row]

    for c in chains:
        cid = c["id"]
        for route, key in (("/chains/{id}/parks", "parks"), ("/chains/{id}", "parks")):
            rows = _get(client, route.replace("{id}", cid))[key]
            add(route, cid, [(p["id"], cid, p) for p in rows])
    for p in parks:
        pid = p["id"]
        rows = _get(client, f"/parks/{pid}/chains")["chains"]
        add("/parks/{id}/chains", pid, [(pid, c["id"], c) for c in rows])
        detail = _get(client, f"/parks/{pid}")
        add("/parks/{id}", pid, [(pid, c["id"], c) for c in detail["chains"]])
        for carried in detail["carries"]:
            if carried["type"] == "Group":
                answers.layouts[(pid, carried["id"])] = carried
        page = _get(client, f"/chains?park={pid}&limit=200")["items"]
        add("/chains?park={id}", pid, [(pid, c["id"], {}) for c in page])
    for g in groups:
        gid = g["id"]
        detail = _get(client, f"/groups/{gid}")
        answers.groups[gid] = detail
        members = _get(client, f"/chains?group={gid}&limit=200")["items"]
        answers.group_chains[gid] = [c["id"] for c in members]
        pairs = [(gp["id"], c["id"], c) for gp in detail["parks"] for c in gp["chains"]]
        add("/groups/{id}", gid, pairs)
    return answers


# ----------------------------------------------------------------- reading a sentence


def names_chain(names: Names, chain: str, text: str) -> bool:
    """Return True when ``text`` names ``chain`` itself, not inside a park or group name."""
    return chain in names.mentions(text)


def _is_heading(sentence: str) -> bool:
    return sentence.startswith("（")


# ----------------------------------------------------------------- the checks


def check_named_or_assumed(a: Answers) -> list[str]:
    """Each row's quote is in its section and names the park and the chain (or, for a layout
    of the whole group, the group); otherwise the row carries an assumption."""
    problems = []
    for pair in a.rows:
        row, names = pair.row, a.names
        evidence, source = row["evidence"], row["source"]
        if evidence not in a.plan.sections.get(source, ""):
            problems.append(f"{pair.where}: {pair.park}/{pair.chain} quote not in {source}")
            continue
        park = names.named(pair.park, evidence)
        chain = (
            names.named(pair.chain, evidence) or source == f"附件#{names.chain_rank[pair.chain]}"
        )
        via = row.get("via")
        whole = (
            via is not None
            and names.named(via, evidence)
            and set(a.layouts[(pair.park, via)]["covers"]) == set(a.group_chains[via])
        )
        if not (park and (chain or whole)) and not row.get("assumption"):
            problems.append(
                f"{pair.where}: {pair.park} carries {pair.chain}, but the quote “{evidence}” "
                "does not name both and the row has no assumption"
            )
    return problems


def check_basis(a: Answers) -> list[str]:
    """A stated row is a link to the chain; a derived row names its group (``via``), quotes its
    layout (park and group named), shows the layout's reach in the same paragraph and says how
    it was derived (``assumption``)."""
    problems = []
    for pair in a.rows:
        row, where = pair.row, f"{pair.where}: {pair.park}/{pair.chain}"
        if row["basis"] == "stated":
            if row["via"] is not None or row["covers_evidence"] is not None:
                problems.append(f"{where}: a stated row with via or covers_evidence")
            continue
        via = row["via"]
        if row["basis"] != "derived" or via is None or not row["assumption"]:
            problems.append(f"{where}: a derived row needs via and an assumption")
            continue
        layout = a.layouts.get((pair.park, via))
        if layout is None or pair.chain not in layout["covers"]:
            problems.append(f"{where}: derived from {via}, whose layout does not cover it")
            continue
        if not (a.names.named(pair.park, row["evidence"]) and a.names.named(via, row["evidence"])):
            problems.append(f"{where}: the layout quote names not both the park and {via}")
        paragraph = "".join(a.plan.paragraph(row["source"], row["evidence"]))
        if row["covers_evidence"] not in paragraph:
            problems.append(f"{where}: the reach quote is not in the layout's paragraph")
        if row["assumption"] != layout["covers_assumption"]:
            problems.append(f"{where}: the assumption is not the layout's")
    return problems


def check_paragraph_reach(a: Answers) -> list[str]:
    """A layout does not reach a chain its paragraph places elsewhere.

    For every derived row, in the layout's paragraph, outside the layout's own sentence:
    no sentence names the chain together with another park (依托兴化高新区、靖江经济开发区，
    …特种合金材料…), and no sentence without a park names the chain (同时，…做大做强电子信息…)
    unless the layout's sentence names no chain at all (a layout of the whole group, like
    大健康's “1+2+N”).
    """
    problems = []
    seen = set()
    for pair in a.rows:
        row = pair.row
        key = (pair.park, pair.chain)
        if row["basis"] != "derived" or key in seen:
            continue
        seen.add(key)
        paragraph = a.plan.paragraph(row["source"], row["evidence"])
        own = a.plan.sentences_of(paragraph, row["evidence"])
        pure = not any(
            names_chain(a.names, c, s)
            for c in a.names.chain_rank
            for s in own
            if not _is_heading(s)
        )
        for sentence in paragraph:
            if sentence in own or _is_heading(sentence):
                continue
            if not names_chain(a.names, pair.chain, sentence):
                continue
            others = a.names.parks_in(sentence) - {pair.park}
            if others:
                problems.append(
                    f"{pair.park} is derived for {pair.chain} from {row['via']}, but the paragraph "
                    f"gives it to {sorted(others)}: “{sentence}”"
                )
            elif not a.names.parks_in(sentence) and not pure:
                problems.append(
                    f"{pair.park} is derived for {pair.chain} from {row['via']}, but the paragraph "
                    f"names it in a sentence without a park: “{sentence}”"
                )
    return problems


def check_once(a: Answers) -> list[str]:
    """No answer lists a park twice for one chain."""
    return [
        f"{url}: {pair} listed {n} times"
        for url, pairs in a.listed.items()
        for pair, n in Counter(pairs).items()
        if n > 1
    ]


def check_agreement(a: Answers) -> list[str]:
    """Every answer gives the same pairs, and the same row for a pair."""
    by_route: dict[str, set[tuple[str, str]]] = {}
    for url, pairs in a.listed.items():
        by_route.setdefault(a.family[url], set()).update(pairs)
    reference = by_route["/chains/{id}/parks"]
    problems = [
        f"{route} gives {sorted(pairs ^ reference)} unlike /chains/{{id}}/parks"
        for route, pairs in by_route.items()
        if route != "/groups/{id}" and pairs != reference  # a group holds only its chains
    ]
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for pair in a.rows:
        row = {k: pair.row[k] for k in ("role", "source", "evidence", "assumption", "basis", "via")}
        first = rows.setdefault((pair.park, pair.chain), row)
        if first != row:
            problems.append(f"{pair.where}: {pair.park}/{pair.chain} differs from another answer")
    return problems


def check_groups(a: Answers) -> list[str]:
    """A group lists every park that carries its layout or any of its chains, with the chains
    each carries."""
    pairs = {(p.park, p.chain) for p in a.rows if a.family[p.where] == "/chains/{id}/parks"}
    problems = []
    for gid, detail in a.groups.items():
        chains = set(a.group_chains[gid])
        want = {(p, c) for p, c in pairs if c in chains}
        got = {(gp["id"], c["id"]) for gp in detail["parks"] for c in gp["chains"]}
        if got != want:
            problems.append(f"/groups/{gid}: parks and chains differ by {sorted(got ^ want)}")
        layouts = {p for p, g in a.layouts if g == gid}
        listed = {gp["id"] for gp in detail["parks"]}
        if not layouts <= listed:
            problems.append(f"/groups/{gid}: layout parks {sorted(layouts - listed)} missing")
    return problems


CHECKS = (
    check_named_or_assumed,
    check_basis,
    check_paragraph_reach,
    check_once,
    check_agreement,
    check_groups,
)


def all_problems(a: Answers) -> list[str]:
    """Return the problems of every check."""
    return [p for check in CHECKS for p in check(a)]
