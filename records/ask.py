"""Questions about the working mechanism as recorded: who is 挂钩 to a chain (谁挂钩光伏),
which candidates are at a stage (光伏在谈项目有哪些), a chain's 卡脖子 items and its open
directions (光伏还缺哪些环节).

These are rules of the ask engine (:func:`chainkg.graph_loader.ask.ask`'s ``extra``), tried
before the plan's own: ``ask(store, q, lang, extra=rules(records))``.  Each answer cites the
records it uses (what they say, the document cited, who wrote them, when) and the plan's
sentence they follow; when nothing is recorded the answer is ``answered: false`` and says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from chainkg.graph_loader.ask import ExtraRule, ask
from chainkg.graph_loader.ask.context import Ctx, Reply, focus
from chainkg.graph_loader.ask.lexicon import Candidate
from chainkg.graph_loader.ask.model import Answer, AskItem, Lang
from chainkg.graph_loader.store import GraphStore
from chainkg.records import assignments as a
from chainkg.records import candidates as c
from chainkg.records import chokepoints as k
from chainkg.records.gaps import GAP_LABELS, ChainGaps, chain_gaps
from chainkg.records.mechanism import (
    AssignmentOut,
    CandidateOut,
    Written,
    mechanism,
    park_candidates,
    plan_of,
)
from chainkg.records.store import RecordsStore


def _w(*words: str) -> str:
    return r"\b(?:" + "|".join(words) + r")\b"


ASSIGNMENT = re.compile(
    r"挂钩|牵头部门|牵头单位|由哪个部门牵头|哪个部门牵头|谁牵头|牵头|专班|链长|市领导|联系领导|"
    r"分管领导|包挂|"
    + _w(
        "city leaders?",
        "municipal leaders?",
        "leaders? assigned",
        "assigned",
        "liaison",
        "task ?forces?",
        "special teams?",
        "working groups?",
        "lead(?:ing)? departments?",
        "departments? (?:that )?leads?",
        "who leads",
        "chain chief",
    )
)
CANDIDATE = re.compile(
    r"在谈|洽谈|谈判|签约|开工|投产|线索|招商目标|目标企业|招引对象|候选企业|拟招引|招引企业|招商企业|"
    r"招商清单|招引清单|招商项目|招引项目|储备项目|招商进展|招商情况|"
    + _w(
        "pipeline",
        "candidates?",
        "courted",
        "courting",
        "to attract",
        "being attracted",
        "in talks",
        "under negotiation",
        "negotiat(?:ing|ions?)",
        "signed",
        "under construction",
        "in production",
        "investment targets?",
        "target enterprises",
        "prospects?",
    )
)
CHOKEPOINT = re.compile(
    r"卡脖子|卡脖|"
    + _w("chokepoints?", "choke points?", "bottleneck technolog(?:y|ies)", "stranglehold")
)
GAPS = re.compile(
    r"补链|缺口|短板|空白|缺什么|缺哪些|缺少|还缺|待补|没有覆盖|未覆盖|薄弱环节|"
    + _w("gaps?", "missing", "uncovered", "not covered", "open directions?", "what is lacking")
)
STAGE_WORDS: tuple[tuple[re.Pattern[str], tuple[c.Stage, ...]], ...] = (
    (re.compile(r"已签约|签约以上|签约及以上|落地|" + _w("signed", "landed")), c.SIGNED),
    (re.compile(r"签约"), ("签约",)),
    (
        re.compile(r"在谈|洽谈|谈判|" + _w("in talks", "under negotiation", "negotiat\\w*")),
        ("在谈",),
    ),
    (
        re.compile(
            r"开工|在建|" + _w("under construction", "started construction", "broke ground")
        ),
        ("开工",),
    ),
    (re.compile(r"投产|" + _w("in production", "producing", "operating")), ("投产",)),
    (re.compile(r"线索|" + _w("leads", "prospects?", "clues?")), ("线索",)),
)
CATEGORY_WORDS: tuple[tuple[re.Pattern[str], c.Category], ...] = (
    (re.compile(r"链主|" + _w("chain leaders?")), "链主"),
    (re.compile(r"头部|" + _w("head enterprises?", "leading enterprises?")), "头部"),
    (re.compile(r"配套|" + _w("suppliers?", "supporting")), "配套"),
)
CHAIN_CHIEF = re.compile(r"链长|" + _w("chain chief"))


def _cue(ctx: Ctx, pattern: re.Pattern[str]) -> bool:
    return pattern.search(ctx.q.rest) is not None


def _stages(ctx: Ctx) -> tuple[c.Stage, ...]:
    for pattern, stages in STAGE_WORDS:
        if pattern.search(ctx.q.rest):
            return stages
    return c.STAGES


def _subject(ctx: Ctx, *labels: str) -> Candidate | None:
    found = ctx.pick(*labels)
    return found[0] if found else None


def _by(ctx: Ctx, written_by: str, written_at: str, source: str) -> str:
    day = written_at[:10]
    return ctx.t(
        f"（{written_by}于{day}录入，依据：{source}）",
        f" (recorded by {written_by} on {day}, citing {source})",
    )


def _asked(
    ctx: Ctx, cue: re.Pattern[str], *labels: str, query: tuple[str, dict[str, Any]] | None = None
) -> tuple[Candidate, str] | None:
    """Return the node a question with ``cue`` asks about (of ``labels``) and its name, or
    None when it is not such a question; the answer's query is ``query``, else the node."""
    if not _cue(ctx, cue):
        return None
    subject = _subject(ctx, *labels)
    if subject is None:
        return None
    name, params = query or ("node", {"id": subject.id})
    ctx.lead(name, **params)
    entry = ctx.entry(subject.id)
    return subject, ctx.nm(entry) if entry else subject.id


def _record_item(
    ctx: Ctx, kind: str, key: str, found: Written, says: str, assumption: str | None, **item: Any
) -> AskItem:
    """Cite a record (what it says, its source, who wrote it and when) and return its item."""
    record = f"{kind}:{key}"
    ctx.cite_record(record, found.source, says, found.written_by, found.written_at, assumption)
    return AskItem(id=record, assumption=assumption, **item)


# ---------------------------------------------------------------- 挂钩 assignments


def _assignment_says(ctx: Ctx, found: AssignmentOut) -> str:
    parts = []
    if found.leader:
        title = ctx.t(f"（{found.leader_title}）", f" ({found.leader_title})")
        parts.append(
            ctx.t("挂钩市领导：", "city leader: ")
            + found.leader
            + (title if found.leader_title else "")
        )
    if found.department:
        name = found.department.name_en if ctx.lang == "en" else found.department.name
        parts.append(ctx.t("牵头部门：", "lead department: ") + str(name or found.department.name))
    if found.task_force:
        contact = ctx.t(
            f"（联系：{found.task_force_contact}）", f" (contact: {found.task_force_contact})"
        )
        parts.append(
            ctx.t("服务专班：", "task force: ")
            + found.task_force
            + (contact if found.task_force_contact else "")
        )
    return ctx.t("；", "; ").join(parts)


def assignment_reply(ctx: Ctx, records: RecordsStore) -> Reply | None:
    """谁挂钩光伏, 光伏由哪个部门牵头, Which department leads PV?"""
    asked = _asked(ctx, ASSIGNMENT, *a.SUBJECT_LABELS)
    if asked is None:
        return None
    subject, name = asked
    found = mechanism(ctx.store, records, subject.id).assignment
    chief = _cue(ctx, CHAIN_CHIEF)
    if found is None:
        return ctx.none(
            "chain_assignment",
            f"尚未录入{name}的挂钩市领导、牵头部门和服务专班。方案四(一)要求“{a.BASIS_QUOTE}”；"
            "录入后可查（POST /api/v1/assignments，或导入 Excel）。",
            f"No city leader, lead department or task force is recorded for {name} yet. The "
            "plan's 四(一) asks for one leader, one lead department and one task force per key "
            "chain; record them with POST /api/v1/assignments or the Excel import.",
            [subject],
        )
    says = _assignment_says(ctx, found)
    assumption = (
        "链长 (chain chief) is read as the plan's 挂钩市领导 (四(一)): the plan has no 链长."
        if chief
        else None
    )
    ctx.cite(a.BASIS_SOURCE, a.BASIS_QUOTE, assumption)
    ctx.cite_record(
        f"{a.ASSIGNMENTS.name}:{found.subject}",
        found.source,
        says,
        found.written_by,
        found.written_at,
    )
    results = []
    if found.leader:
        results.append(
            AskItem(
                id=f"{a.ASSIGNMENTS.name}:{found.subject}#leader",
                type="Leader",
                name=found.leader,
                name_en=found.leader,
                role=found.leader_title or ctx.t("挂钩市领导", "city leader"),
                assumption=assumption,
            )
        )
    if found.department:
        results.append(
            AskItem(
                id=found.department.id,
                type="Department",
                name=found.department.name,
                name_en=found.department.name_en or found.department.name,
                role=ctx.t("牵头部门", "lead department"),
            )
        )
    if found.task_force:
        results.append(
            AskItem(
                id=f"{a.ASSIGNMENTS.name}:{found.subject}#task_force",
                type="TaskForce",
                name=found.task_force,
                name_en=found.task_force,
                role=found.task_force_contact or ctx.t("服务专班", "task force"),
            )
        )
    note = ctx.t("（按方案的挂钩市领导理解“链长”）", " (链长 read as the plan's city leader)")
    text = (
        ctx.t(f"{name}：", f"{name}: ")
        + says
        + ctx.t("。", ".")
        + _by(ctx, found.written_by, found.written_at, found.source)
        + (note if chief else "")
    )
    return Reply("chain_assignment", results, text, focus=focus(subject))


# ---------------------------------------------------------------- 招商 candidates


def _candidate_says(ctx: Ctx, found: CandidateOut) -> str:
    bits = [ctx.t(found.category, found.category_en), ctx.t(found.stage, found.stage_en)]
    if found.stage_date:
        bits.append(found.stage_date)
    if found.direction_ref:
        name = found.direction_ref.name_en if ctx.lang == "en" else found.direction_ref.name
        bits.append(ctx.t("补", "fills ") + str(name or found.direction_ref.name))
    elif found.direction:
        bits.append(ctx.t("方向：", "direction: ") + found.direction)
    if found.park:
        name = found.park.name_en if ctx.lang == "en" else found.park.name
        bits.append(ctx.t("目标园区：", "target park: ") + str(name or found.park.name))
    inner = ctx.t("，", ", ").join(bits)
    return ctx.t(f"{found.enterprise}（{inner}）", f"{found.enterprise} ({inner})")


def _stage_words(ctx: Ctx, stages: tuple[c.Stage, ...]) -> str:
    if stages == c.STAGES:
        return ""
    zh = "、".join(stages)
    en = ", ".join(c.STAGE_EN[s] for s in stages)
    return ctx.t(f"处于“{zh}”阶段的", f" at stage {en}")


def candidates_reply(ctx: Ctx, records: RecordsStore) -> Reply | None:
    """光伏在谈项目有哪些, 泰兴经开区签约了哪些企业, Which PV candidates are in talks?"""
    asked = _asked(ctx, CANDIDATE, "Chain", "Park")
    if asked is None:
        return None
    subject, name = asked
    if subject.label == "Chain":
        found = mechanism(ctx.store, records, subject.id).candidates
    else:
        found = park_candidates(plan_of(ctx.store), records, subject.id)
    stages = _stages(ctx)
    categories = [cat for pattern, cat in CATEGORY_WORDS if pattern.search(ctx.q.rest)]
    chosen = [
        x for x in found if x.stage in stages and (not categories or x.category in categories)
    ]
    kinds = ctx.t("、".join(categories), ", ".join(c.CATEGORY_EN[x] for x in categories))
    what = _stage_words(ctx, stages) + (ctx.t(kinds, " " + kinds) if categories else "")
    if not chosen:
        return ctx.none(
            "chain_candidates",
            f"尚无{name}{what}招商目标企业记录（招商目标企业清单，方案三(二)）。",
            f"No 招商 candidate{what} is recorded for {name} (the candidate lists of the plan's "
            "三(二)).",
            [subject],
        )
    ctx.cite(c.BASIS_SOURCE, c.BASIS_QUOTE)
    items = [
        _record_item(
            ctx,
            c.CANDIDATES.name,
            f"{x.chain}|{x.enterprise}",
            x,
            _candidate_says(ctx, x),
            x.direction_assumption,
            type="Candidate",
            name=x.enterprise,
            name_en=x.enterprise,
            role=ctx.t(x.stage, x.stage_en),
        )
        for x in chosen
    ]
    listed = ctx.t("；", "; ").join(_candidate_says(ctx, x) for x in chosen[:12])
    more = len(chosen) - 12
    tail = ctx.t(f"等{len(chosen)}家", f" and {more} more") if more > 0 else ""
    text = ctx.t(
        f"{name}{what}招商目标企业有{len(chosen)}家：{listed}{tail}。（据招商目标企业清单记录）",
        f"{len(chosen)} 招商 candidate(s){what} are recorded for {name}: {listed}{tail}.",
    ) + ctx.assumed(items)
    return Reply(
        "chain_candidates",
        items,
        text,
        value=len(chosen),
        unit=ctx.t("家", "enterprises"),
        focus=focus(subject),
    )


# ---------------------------------------------------------------- 卡脖子 and gaps


def chokepoints_reply(ctx: Ctx, records: RecordsStore) -> Reply | None:
    """光伏的卡脖子技术有哪些, PV chokepoint technologies."""
    asked = _asked(ctx, CHOKEPOINT, "Chain")
    if asked is None:
        return None
    subject, name = asked
    found = mechanism(ctx.store, records, subject.id).chokepoints
    if not found:
        return ctx.none(
            "chain_chokepoints",
            f"尚未录入{name}的卡脖子技术清单（方案三(一)“{k.BASIS_QUOTE}”）。",
            f"No 卡脖子 (chokepoint) technology is recorded for {name} yet (the plan's 三(一) "
            "asks for a list per key chain).",
            [subject],
        )
    ctx.cite(k.BASIS_SOURCE, k.BASIS_QUOTE)
    items = [
        _record_item(
            ctx,
            k.CHOKEPOINTS.name,
            f"{x.chain}|{x.item}",
            x,
            ctx.t(f"{x.item}（{x.status}）", f"{x.item} ({x.status_en})")
            + (f"：{x.description}" if x.description else ""),
            x.direction_assumption,
            type="Chokepoint",
            name=x.item,
            name_en=x.item,
            role=ctx.t(x.status, x.status_en),
        )
        for x in found
    ]
    listed = ctx.t("；", "; ").join(i.name + ctx.t(f"（{i.role}）", f" ({i.role})") for i in items)
    text = ctx.t(
        f"{name}的卡脖子技术有{len(items)}项：{listed}。",
        f"{len(items)} chokepoint technolog{'y' if len(items) == 1 else 'ies'} recorded for "
        f"{name}: {listed}.",
    )
    return Reply(
        "chain_chokepoints",
        items,
        text,
        value=len(items),
        unit=ctx.t("项", ""),
        focus=focus(subject),
    )


def _direction_item(ctx: Ctx, gaps: ChainGaps, id: str) -> AskItem:
    d = next(x for x in gaps.directions if x.id == id)
    return AskItem(
        id=d.id,
        type="Technology",
        name=d.name,
        name_en=d.name_en or d.name,
        role=ctx.t("待补链", "open") if d.status == "open" else ctx.t("已覆盖", "covered"),
    )


def gaps_reply(ctx: Ctx, records: RecordsStore) -> Reply | None:
    """光伏还缺哪些环节, 光伏的补链方向, Which PV directions are still open?"""
    asked = _asked(ctx, GAPS, "Chain", query=("subgraph", {"labels": GAP_LABELS}))
    if asked is None:
        return None
    subject, name = asked
    gaps = chain_gaps(ctx.store, records, subject.id)
    open_ = [d for d in gaps.directions if d.status == "open"]
    covered = [d for d in gaps.directions if d.status == "covered"]
    for d in open_:
        ctx.cite(d.source, d.evidence)
    for d in covered:
        for cover in d.covers:
            if cover.by == "plan":
                ctx.cite(cover.source, cover.evidence, cover.assumption)
            else:
                ctx.cite_record(
                    f"{c.CANDIDATES.name}:{subject.id}|{cover.name}",
                    cover.source,
                    f"{cover.name}（{cover.category}，{cover.stage}）",
                    cover.written_by or "",
                    cover.written_at or "",
                    cover.assumption,
                )
    items = [_direction_item(ctx, gaps, d.id) for d in [*open_, *covered]]
    names = ctx.names([{"name": d.name, "name_en": d.name_en} for d in open_], limit=15)
    by = ctx.t("；", "; ").join(
        ctx.nm({"name": d.name, "name_en": d.name_en})
        + ctx.t("（", " (")
        + ctx.t("、", ", ").join(x.name for x in d.covers)
        + ctx.t("）", ")")
        for d in covered
    )
    total = len(gaps.directions)
    text = ctx.t(
        f"{name}的{total}个重点发展方向中，{len(open_)}个待补链"
        + (f"：{names}" if open_ else "")
        + (f"；已覆盖{len(covered)}个：{by}" if covered else "")
        + "。",
        f"{len(open_)} of the {total} focus directions of {name} are open"
        + (f": {names}" if open_ else "")
        + (f"; {len(covered)} covered: {by}" if covered else "")
        + ".",
    ) + ctx.t(
        "（已覆盖：方案在同一分句中点名的企业、项目或平台，或签约及以后阶段的招商目标企业。）",
        " (Covered: an enterprise, project or platform the plan names with it in one clause, "
        "or a candidate at 签约 or later.)",
    )
    return Reply(
        "chain_gaps", items, text, value=len(open_), unit=ctx.t("个", ""), focus=focus(subject)
    )


# ---------------------------------------------------------------- the rules


def rules(records: RecordsStore | None) -> list[ExtraRule]:
    """Return the ask engine's extra rules on ``records`` (none without a records store)."""
    if records is None:
        return []
    found: list[Callable[[Ctx, RecordsStore], Reply | None]] = [
        assignment_reply,
        chokepoints_reply,
        gaps_reply,
        candidates_reply,
    ]
    return [lambda ctx, rule=rule: rule(ctx, records) for rule in found]  # type: ignore[misc]


def ask_with_records(
    store: GraphStore, records: RecordsStore | None, q: str, lang: Lang = "zh"
) -> Answer:
    """Return the answer to ``q`` from the plan and the records staff wrote."""
    return ask(store, q, lang, extra=rules(records))
