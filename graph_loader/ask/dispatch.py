"""Which intent answers a question: an ordered list of rules over what the question names
(the linked nodes' types) and asks (its cues).

A rule is a function ``(ctx, mains) -> Reply | None``; the first that replies wins.  To add an
intent, write its handler and put a rule for it in :data:`RULES` (or a branch in
:func:`by_type` for a new kind of node).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from chainkg.graph_loader.ask import duties, figures, links, places
from chainkg.graph_loader.ask.context import Ctx, Reply, entry_item, focus
from chainkg.graph_loader.ask.lexicon import Candidate
from chainkg.graph_loader.ask.model import AskItem

Rule = Callable[[Ctx, list[Candidate]], Reply | None]
SCOPES = ("Group", "Tier", "Plan")
COUNT_UNITS: dict[str, tuple[str, str]] = {
    "Chain": ("条", "chains"),
    "Park": ("个", "parks"),
    "Enterprise": ("家", "enterprises"),
    "Project": ("个", "projects"),
    "Action": ("项", "actions"),
    "Department": ("个", "departments"),
    "Measure": ("项", "measures"),
    "Target": ("项", "targets"),
    "Indicator": ("项", "indicators"),
    "Technology": ("项", "technologies"),
    "Platform": ("个", "platforms"),
    "Group": ("个", "groups"),
    "Tier": ("个", "tiers"),
    "Safeguard": ("项", "safeguards"),
    "District": ("个", "districts"),
    "Plan": ("个", "plans"),
}
"""The measure word (zh) and plural (en) a count of each kind takes."""
PLAN_LISTS = (("platform", "Platform"), ("enterprise", "Enterprise"), ("project", "Project"))
"""What a question about the plan itself lists, by its cue (方案有哪些平台: every platform)."""


def plan_scope(ctx: Ctx) -> Candidate | None:
    """Return the plan as a scope (its 30 chains), when the graph has it."""
    plan = next((e for e in ctx.lexicon.entries.values() if e.label == "Plan"), None)
    return Candidate(plan.id, "Plan", 0) if plan else None


def main_nodes(ctx: Ctx) -> list[Candidate]:
    """Return the nodes the question is about, best candidate per mention, without the
    groups and tiers that only qualify a chain also named (新能源里的光伏 is about 光伏)."""
    found = ctx.pick()
    chains = [c for c in found if c.label == "Chain"]
    within = {g for c in chains if (e := ctx.entry(c.id)) for g in e.within}
    asks_link = ctx.q.has("relation") and not ctx.q.has("figure", "growth", "where", "park_word")
    kept = [c for c in found if asks_link or not (c.label in ("Group", "Tier") and c.id in within)]
    kept = [_yearly_target(ctx, c) for c in kept]
    asks_chains = ctx.q.has("chain_word") and ctx.q.has("members", "group_q")
    out = []
    for c in kept:
        if c.label == "Chain" and asks_chains:  # 哪些产业链发展预制菜: the product, not the chain
            mention = next(m for m in ctx.q.mentions if any(x.id == c.id for x in m.candidates))
            tech = mention.of("Technology")
            if tech is not None and len(kept) == 1:
                out.append(tech)
                continue
        out.append(c)
    return out


def _yearly_target(ctx: Ctx, cand: Candidate) -> Candidate:
    """Return, for an indicator asked about each year (每年), the yearly target that names
    the same thing (绿色制造体系示范: 200 by 2027, or 20 each year), else ``cand``."""
    if cand.label != "Indicator" or not duties.YEARLY.search(ctx.q.rest):
        return cand
    mention = next(m for m in ctx.q.mentions if any(x.id == cand.id for x in m.candidates))
    alt = mention.of("Target")
    if alt is None:
        found = ctx.lexicon.containing(mention.text, "Target")
        alt = Candidate(found[0].id, "Target", mention.candidates[0].kind) if found else None
    return alt or cand


def rule_partial(ctx: Ctx, mains: list[Candidate]) -> Reply | None:
    """Which chains develop something named only in part (哪些产业链在做电池): every product
    or technology whose name holds the word."""
    q = ctx.q
    terms = [*q.partial, *q.nouns]
    if mains or not terms or not ("Chain" in q.types and q.has("members", "group_q")):
        return None
    if q.has("where", "park_word", "figure", "growth"):
        return None
    techs = [e for term in terms for e in ctx.lexicon.containing(term, "Technology")]
    if not techs:
        return None
    return links.tech_chains(ctx, [Candidate(e.id, e.label, 3) for e in techs[:20]])


# ---------------------------------------------------------------- rules


def rule_relation(ctx: Ctx, mains: list[Candidate]) -> Reply | None:
    """Two nodes and a question about their link (关系, 是否, 吗 …)."""
    if len(mains) < 2:
        return None
    same = len({m.label for m in mains}) == 1
    listy = ctx.q.has("figure", "growth", "where", "park_word", "sum", "count", "max", "min")
    if ctx.q.has("relation") and not (same and listy):
        return links.relation(ctx, mains[0], mains[1])
    if not (ctx.q.cues - {"members", "chain_word"}) and not same:
        return links.relation(ctx, mains[0], mains[1])
    return None


def _counted(ctx: Ctx, main: Candidate | None) -> str | None:
    types = [t for t in ctx.q.types if main is None or t != main.label]
    return types[0] if types else None


def rule_count(ctx: Ctx, mains: list[Candidate]) -> Reply | None:
    """How many: of a kind (几条产业链), or of what one node has (泰兴经开区承载几条产业链)."""
    if not ctx.q.has("count") or (ctx.q.has("sum") and ctx.q.has("figure")):
        return None
    main = mains[0] if mains else None
    counted = _counted(ctx, main)
    sub: Reply | None = None
    if main is None:
        if counted is None:
            return None
        if counted == "Indicator":
            sub = duties.indicators(ctx, [])
        elif counted == "Target":
            sub = duties.action_targets(ctx, [])
        else:
            sub = duties.listing(ctx, counted)
    else:
        sub = _count_of(ctx, main, counted)
    if sub is None or not sub.answered:
        return sub
    asked = [t for t in ctx.q.types if main is None or t != main.label]
    results = sub.results
    if main is not None and any(r.type in asked for r in results):
        # count what was asked: 几项行动 (not the plan-wide duty), 几条产业链 (not the group
        # whose main directions also name the product)
        results = [r for r in results if r.type in asked]
    kind = counted or (results[0].type if results else "Chain")
    zh, en = COUNT_UNITS.get(kind, ("个", "items"))
    n = len({r.id for r in results})
    what = ctx.nm(e) if main and (e := ctx.entry(main.id)) else ctx.t("方案", "The plan")
    names = ctx.names([{"name": r.name, "name_en": r.name_en} for r in results], limit=30)
    present = list(dict.fromkeys(r.type for r in results))
    # no kind asked (工信局负责几项): name every kind counted, not the first one's alone
    kinds = [k for k in present if k in asked] or (present if counted is None else []) or [kind]
    label = ctx.t("和", " and ").join(ctx.label(k) for k in kinds)
    en = (
        en
        if len(kinds) == 1
        else ctx.t("", " and ").join(COUNT_UNITS.get(k, ("", k))[1] for k in kinds)
    )
    text = ctx.t(f"{what}共{n}{zh}{label}", f"{what}: {n} {en}") + (
        ctx.t("：", ": ") + names + ctx.t("。", ".") if n else ctx.t("。", ".")
    )
    return Reply(
        "count", results, text, answered=True, value=n, unit=ctx.t(zh, en), focus=sub.focus
    )


def _count_of(ctx: Ctx, main: Candidate, counted: str | None) -> Reply | None:
    label = main.label
    if label in SCOPES and counted in (None, "Chain"):
        return links.group_chains(ctx, [main])
    if label in ("Park", "District") and counted in (None, "Chain"):
        return places.park_chains(ctx, [main])
    if label == "District" and counted == "Park":
        return places.district_parks(ctx, [main])
    if label in ("Chain", "Group") and counted == "Park":
        return places.chain_parks(ctx, [main])
    if label in ("Chain", "Group") and counted in ("Enterprise", "Project"):
        return links.chain_enterprises(ctx, [main])
    if label in ("Chain", "Group") and counted == "Technology":
        return links.chain_focus(ctx, [main])
    if label == "Department":
        return duties.department_duties(ctx, [main])
    if label in ("Action", "Measure", "Safeguard", "Target") and counted == "Department":
        return duties.responsible_departments(ctx, [main])
    if label == "Action" and counted == "Target":
        return duties.action_targets(ctx, [main])
    if label == "Action" and counted == "Platform":  # 创新升级引领行动有几个平台: not its measures
        return links.platforms(ctx, [main])
    if label == "Action":
        return duties.action_measures(ctx, [main])
    if label in ("Enterprise", "Project"):
        return links.enterprise_chains(ctx, [main])
    if label == "Technology":
        return links.tech_chains(ctx, [main])
    return None


def _scope_and_chains(ctx: Ctx, mains: list[Candidate]) -> tuple[Candidate | None, list[Candidate]]:
    scope = next((m for m in mains if m.label in (*SCOPES, "Park", "District")), None)
    chains = [m for m in mains if m.label == "Chain"]
    if scope is None and not chains and ctx.q.has("all"):
        scope = plan_scope(ctx)
    return scope, chains


def rule_sum(ctx: Ctx, mains: list[Candidate]) -> Reply | None:
    """A figure added up: 泰兴经济开发区承载的产业链2027年目标合计."""
    if not ctx.q.has("sum") or not (ctx.q.has("figure", "growth") or ctx.q.years):
        return None
    if any(m.label not in (*SCOPES, "Park", "District", "Chain") for m in mains):
        return None
    scope, chains = _scope_and_chains(ctx, mains)
    if scope is None and not chains:
        scope = plan_scope(ctx)
    return figures.add_up(ctx, scope, chains)  # 泰兴经济开发区的精细化工: that chain's alone


def rule_park_ranking(ctx: Ctx, mains: list[Candidate]) -> Reply | None:
    """The park that carries the most (or fewest) chains."""
    q = ctx.q
    if mains or not q.has("max", "min") or "Park" not in q.types or not q.has("chain_word"):
        return None
    if q.has("figure", "growth") or q.years:
        return None
    return places.parks_by_chains(ctx, smallest=q.has("min") and not q.has("max"))


def rule_ranking(ctx: Ctx, mains: list[Candidate]) -> Reply | None:
    """The largest, smallest, fastest-growing chains, the top N, those above a figure, or
    where a chain ranks."""
    q = ctx.q
    ranked = q.has("max", "min", "rank") or q.bounds is not None
    scope, chains = _scope_and_chains(ctx, mains)
    about_figures = q.has("figure", "growth", "chain_word") or bool(q.years)
    if not ranked or not (about_figures or (chains and q.has("rank"))):
        return None
    if any(m.label not in (*SCOPES, "Park", "District", "Chain") for m in mains):
        return None
    if chains and not q.has("rank") and not q.has("max", "min"):
        return None
    return figures.ranking(
        ctx,
        scope if scope and scope.label != "Plan" else None,
        chains if q.has("rank") or len(chains) == 1 else [],
    )


def rule_by_type(ctx: Ctx, mains: list[Candidate]) -> Reply | None:
    """What the question asks about the node it names, by the node's type."""
    if not mains:
        return None
    first = mains[0]
    chains = [m for m in mains if m.label == "Chain"]
    if (
        first.label in ("Park", "District")
        and chains
        and (ctx.q.has("figure", "growth") or ctx.q.years)
    ):
        return figures.chain_figure(ctx, chains, [])  # 泰兴经济开发区的精细化工2027年目标
    family = SCOPES if first.label in SCOPES else (first.label,)
    same = [m for m in mains if m.label in family]
    return by_type(ctx, first.label, same)


def by_type(ctx: Ctx, label: str, nodes: list[Candidate]) -> Reply | None:
    """Dispatch on the type of the node(s) asked about."""
    q = ctx.q
    if label == "Chain":
        if q.has("related") or (q.has("relation") and q.has("chain_word")):
            return links.chain_relations(ctx, nodes)
        if q.has("platform"):
            return links.platforms(ctx, nodes)
        if q.has("enterprise", "project"):
            return links.chain_enterprises(ctx, nodes)
        if q.has("where", "park_word"):
            return places.chain_parks(ctx, nodes)
        if q.has("growth", "figure", "base") or q.years:
            return figures.chain_figure(ctx, nodes, [])
        if q.has("dept"):
            return duties.responsible_departments(ctx, nodes)
        if q.has("group_q"):
            return links.chain_group(ctx, nodes)
        if q.has("tech", "measure"):
            return links.chain_focus(ctx, nodes)
        return card(ctx, nodes[0])
    if label in SCOPES:
        groups = [n for n in nodes if n.label != "Plan"]
        if not groups:  # the plan by its name: its platforms, enterprises, projects are all
            kind = next((k for c, k in PLAN_LISTS if q.has(c)), None)
            if kind is not None:
                return duties.listing(ctx, kind)
        if q.has("platform") and groups:
            return links.platforms(ctx, groups)
        if q.has("enterprise", "project") and groups:
            return links.chain_enterprises(ctx, groups)
        if q.has("where", "park_word") and groups:
            return places.chain_parks(ctx, groups)
        if q.has("dept"):
            return duties.responsible_departments(ctx, nodes)
        if q.has("growth", "figure", "base") or q.years:
            return figures.chain_figure(ctx, [], nodes)
        if q.has("group_q") and groups:
            return links.chain_group(ctx, groups)
        if q.has("tech", "measure") and groups:
            return links.chain_focus(ctx, groups)
        if q.has("chain_word", "members"):
            return links.group_chains(ctx, nodes)
        return card(ctx, nodes[0])
    if label == "Park":
        if q.has("where", "place"):
            return places.park_location(ctx, nodes)
        if q.has("figure", "growth") or q.years:  # each park's own total
            return _joined([figures.add_up(ctx, n, []) for n in nodes])
        if q.has("chain_word", "carry", "members", "group_q"):
            return places.park_chains(ctx, nodes)
        return card(ctx, nodes[0])
    if label == "District":
        if q.has("chain_word", "carry") and not q.has("park_word"):
            return places.park_chains(ctx, nodes)
        return places.district_parks(ctx, nodes)
    if label == "Department":
        return duties.department_duties(ctx, nodes)
    if label == "Action":
        if q.has("dept"):
            return duties.responsible_departments(ctx, nodes)
        if q.has("target", "figure") or q.years:
            return duties.action_targets(ctx, nodes)
        if q.has("platform"):
            return links.platforms(ctx, nodes)
        if q.has("measure", "members", "duty", "tech"):
            return duties.action_measures(ctx, nodes)
        return card(ctx, nodes[0])
    if label in ("Measure", "Safeguard"):
        if q.has("dept"):
            return duties.responsible_departments(ctx, nodes)
        if label == "Measure" and (q.has("target", "figure") or q.years):
            return duties.action_targets(ctx, nodes)
        return card(ctx, nodes[0])
    if label == "Target":
        if q.has("dept"):
            return duties.responsible_departments(ctx, nodes)
        return duties.action_targets(ctx, nodes)
    if label == "Indicator":
        return duties.indicators(ctx, nodes)
    if label in ("Enterprise", "Project"):
        return links.enterprise_chains(ctx, nodes)
    if label == "Technology":
        found = links.tech_chains(ctx, nodes)
        asks_where = q.has("park_word") or (q.has("where") and not q.has("chain_word"))
        if found is not None and (asks_where or q.has("figure", "growth", "enterprise")):
            return _not_a_chain(ctx, nodes, found)
        return found
    return card(ctx, nodes[0])


def _joined(replies: list[Reply | None]) -> Reply | None:
    """Return one reply of several nodes' (each park's sum): the first's, or, for more than
    one, their items and texts in turn, with no single figure."""
    found = [r for r in replies if r is not None]
    if len(found) < 2:
        return found[0] if found else None
    first = found[0]
    return Reply(
        first.intent,
        [i for r in found for i in r.results],
        " ".join(r.text for r in found),
        answered=all(r.answered for r in found),
        focus=[k for r in found for k in r.focus],
    )


def _not_a_chain(ctx: Ctx, nodes: list[Candidate], found: Reply) -> Reply:
    """Refuse parks, figures or enterprises of a product asked about as if it were a chain
    (人工智能产业链在哪些园区), saying which chains name it."""
    what = ctx.what(nodes)
    return Reply(
        "tech_chains",
        found.results,
        ctx.t(
            f"“{what}”不是方案的30条重点产业链之一，方案没有给出它的园区、目标或企业。",
            f"“{what}” is not one of the plan's 30 key chains; the plan gives it no parks, "
            "targets or enterprises. ",
        )
        + found.text,
        answered=False,
        focus=found.focus,
    )


def rule_no_node(ctx: Ctx, mains: list[Candidate]) -> Reply | None:
    """Questions about the whole plan: its figures, its goals, its yearly targets, lists."""
    if mains:
        return None
    q = ctx.q
    plan = plan_scope(ctx)
    if plan and q.has("all") and (q.has("figure", "growth") or q.years) and not q.has("indicator"):
        return figures.chain_figure(ctx, [], [plan])
    if q.has("indicator") or (q.has("target") and q.has("all") and not q.has("figure")):
        return duties.indicators(ctx, [])
    if q.has("target") and (
        "Target" in q.types or duties.YEARLY.search(q.rest) or "Action" in q.types
    ):
        return duties.action_targets(ctx, [])
    if q.types and q.has("members", "all", "count") and not (q.partial or q.nouns):
        return duties.listing(ctx, q.types[0])
    return None


RULES: list[Rule] = [
    rule_relation,
    rule_count,
    rule_sum,
    rule_park_ranking,
    rule_ranking,
    rule_by_type,
    rule_partial,
    rule_no_node,
]
"""The rules, tried in order."""


# ---------------------------------------------------------------- cards


def card(ctx: Ctx, cand: Candidate) -> Reply | None:
    """Answer what the plan says about one node asked about on its own."""
    entry = ctx.entry(cand.id)
    if entry is None:
        return None
    parts: list[Reply | None] = []
    label = cand.label
    if label == "Chain":
        parts = [
            links.chain_group(ctx, [cand]),
            figures.chain_figure(ctx, [cand], []),
            places.chain_parks(ctx, [cand]),
        ]
    elif label in SCOPES:
        parts = [links.group_chains(ctx, [cand])]
    elif label == "Park":
        parts = [places.park_chains(ctx, [cand]), places.park_location(ctx, [cand])]
    elif label == "Action":
        parts = [duties.action_measures(ctx, [cand]), duties.responsible_departments(ctx, [cand])]
    elif label == "Safeguard":
        found = duties.card_text(ctx, cand)
        dept = duties.responsible_departments(ctx, [cand])
        text = (found[1] if found else "") + (" " + dept.text if dept and dept.answered else "")
        return Reply("entity_card", [entry_item(entry)], text, focus=focus(cand))
    else:
        found = duties.card_text(ctx, cand)
        if found is None:
            return None
        return Reply("entity_card", [entry_item(entry)], found[1], focus=focus(cand))
    kept = [p for p in parts if p is not None and p.answered]
    head = ctx.t(f"{entry.name}（{ctx.label(label)}）。", f"{entry.name_en} ({ctx.label(label)}). ")
    items: list[AskItem] = [entry_item(entry)]
    return Reply("entity_card", items, head + "".join(p.text for p in kept), focus=focus(cand))


# ---------------------------------------------------------------- refusals


SUGGEST: dict[str, list[tuple[str, str]]] = {
    "Chain": [
        ("{}在哪些园区？", "Which parks carry {}?"),
        ("{}2027年目标是多少？", "What is the 2027 target of {}?"),
        ("{}属于哪个产业？", "Which group is {} in?"),
    ],
    "Group": [
        ("{}包括哪些产业链？", "Which chains does {} include?"),
        ("{}在哪些园区？", "Which parks carry {}?"),
    ],
    "Park": [("{}承载哪些产业链？", "Which chains does {} carry?")],
    "Department": [("{}负责哪些行动？", "What is {} responsible for?")],
    "Action": [
        ("{}的责任单位有哪些？", "Who is responsible for {}?"),
        ("{}每年的目标是什么？", "What are the yearly targets of {}?"),
    ],
}
GENERIC = [
    ("光伏在哪些园区？", "Which parks carry photovoltaics?"),
    (
        "泰兴经济开发区承载哪些产业链？",
        "Which chains does Taixing Economic Development Zone carry?",
    ),
    ("2027年目标最大的产业链是哪个？", "Which chain has the largest 2027 target?"),
    (
        "市工业和信息化局负责哪些行动？",
        "What is the Bureau of Industry and Information Technology responsible for?",
    ),
    ("新能源包括哪些产业链？", "Which chains does New Energy include?"),
]


def suggestions(ctx: Ctx, mains: list[Candidate]) -> list[str]:
    """Return questions the plan can answer (about what the question named, if anything)."""
    out = []
    for m in mains[:2]:
        entry = ctx.entry(m.id)
        label = "Group" if m.label in SCOPES else m.label
        for zh, en in SUGGEST.get(label, []):
            if entry:
                out.append(ctx.t(zh.format(entry.name), en.format(entry.name_en)))
    out += [ctx.t(zh, en) for zh, en in GENERIC]
    return list(dict.fromkeys(out))[:5]


def refusal(ctx: Ctx, why: str) -> Reply:
    """Return the refused answer: why, in the answer's language."""
    q = ctx.q
    if why == "unknown":
        names = "、".join(q.unknown) if ctx.lang == "zh" else ", ".join(q.unknown)
        text = ctx.t(
            f"方案中没有“{names}”：本图谱只收录《泰州市重点产业链培育提升行动方案》中的内容。",
            f"The plan does not cover “{names}”: this graph holds only the Taizhou key "
            "industrial-chain plan.",
        )
    elif why == "outside":
        text = ctx.t(
            "这个问题超出了《泰州市重点产业链培育提升行动方案》的内容，无法回答。",
            "This question is outside what the Taizhou key industrial-chain plan says.",
        )
    else:
        text = ctx.t(
            "没有在方案中找到能回答这个问题的内容。可以问产业链、园区、目标、行动和责任单位。",
            "Nothing in the plan answers this question. Ask about chains, parks, targets, "
            "actions or departments.",
        )
    return Reply("unknown", [], text, answered=False)


ExtraRule = Callable[[Ctx], Reply | None]
"""A rule from outside the plan graph (the records staff write), tried before the others."""


def answer(ctx: Ctx, extra: Sequence[ExtraRule] = ()) -> Reply:
    """Return the reply to the question of ``ctx``: the first rule's (``extra`` first,
    unless the question names what the plan does not have), or a refusal."""
    q = ctx.q
    if not q.unknown:
        for rule in extra:
            found = rule(ctx)
            if found is not None:
                if not found.answered and not found.suggestions:
                    found.suggestions = suggestions(ctx, main_nodes(ctx))
                return found
    if q.unknown:
        reply = refusal(ctx, "unknown")
    elif q.partial and not q.mentions and not ("Chain" in q.types and q.has("members", "group_q")):
        q.unknown = q.partial
        reply = refusal(ctx, "unknown")
    elif q.has("outside") or (q.has("smalltalk") and not q.mentions):
        reply = refusal(ctx, "outside")
    else:
        mains = main_nodes(ctx)
        reply = next((r for rule in RULES if (r := rule(ctx, mains)) is not None), None) or refusal(
            ctx, "none"
        )
        if not reply.answered:
            reply.suggestions = suggestions(ctx, mains)
        return reply
    reply.suggestions = suggestions(ctx, [])
    return reply
