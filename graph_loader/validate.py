"""Cross-record checks of a seed: ids, references, evidence and the annex.

:func:`check_seed` returns every problem at once; :func:`load_valid_seed`
returns a seed only when it has none, so nothing is ever half accepted.
"""

from __future__ import annotations

import difflib
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from chainkg.graph_loader.annex import Annex, parse_annex
from chainkg.graph_loader.graph import iter_links, link_edge, relation_edge
from chainkg.graph_loader.layouts import check_layouts
from chainkg.graph_loader.models import (
    Chain,
    ChainRelation,
    Group,
    Measure,
    Plan,
    Record,
    Safeguard,
    Tier,
)
from chainkg.graph_loader.problems import Problem, SeedError
from chainkg.graph_loader.sections import section_of, split_sections
from chainkg.graph_loader.seed_io import Seed, read_seed

FIGURES = ("revenue_2024", "target_2027", "target_2030")
TOTAL_FIELDS = {
    "合计": ("annex_total_2024", "annex_total_2027", "annex_total_2030"),
    "规上工业销售收入": ("industry_revenue_2024", "industry_target_2027", "industry_target_2030"),
}


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class Quote(NamedTuple):
    """A verbatim string a record claims: its field, text, section and the section's field."""

    field: str
    text: str
    section: str
    section_field: str


def _evidence_problem(
    where: tuple[str, str], quote: Quote, plan: str, sections: dict[str, str]
) -> Problem | None:
    """Return the problem with a quote: not in the plan, or not in the section it cites."""
    file, record = where
    fld, source = quote.field, quote.section
    if quote.text not in plan:
        hint = " (it spans a line break)" if "\n" in quote.text else ""
        message = f"evidence not found verbatim in the plan text: {_short(quote.text)!r}{hint}"
        return Problem(file, record, fld, message)
    if source not in sections:
        source_field = quote.section_field
        message = f"unknown section {source!r}; expected e.g. 二(三), 三(一), 附件#22"
        return Problem(file, record, source_field, message)
    if quote.text not in sections[source]:
        found = ", ".join(section_of(quote.text, sections))
        message = f"quote {_short(quote.text, 24)!r} is not in section {source} (it is in {found})"
        return Problem(file, record, fld, message)
    return None


def _quotes(record: Record | ChainRelation) -> list[Quote]:
    """Return every verbatim string the record claims, with the section it must be in."""
    own = record.source
    quotes = [Quote("evidence", record.evidence, own, "source")]
    if isinstance(record, Chain):
        quotes.append(Quote("directions", record.directions, own, "source"))
    if isinstance(record, Measure | Safeguard):
        quotes.append(Quote("text", record.text, own, "source"))
    if isinstance(record, Group):
        quotes += [
            Quote(f"positioning[{i}]", p, own, "source") for i, p in enumerate(record.positioning)
        ]
    if isinstance(record, Plan):
        quotes += [
            Quote("system", record.system, record.system_source, "system_source"),
            Quote("goal", record.goal, record.goal_source, "goal_source"),
        ]
    if isinstance(record, Record):
        for path, _, link, _ in iter_links(record):
            section, section_field = (
                (link.source, f"{path}.source") if link.source else (own, "source")
            )
            if link.evidence or link.source:
                text = link.evidence or record.evidence
                quotes.append(Quote(f"{path}.evidence", text, section, section_field))
            if link.covers is not None:
                quotes.append(
                    Quote(f"{path}.covers.evidence", link.covers.evidence, section, section_field)
                )
    return quotes


def _all_with_files(seed: Seed) -> list[tuple[str, Record | ChainRelation]]:
    """Return ``(file, record)`` for every record and chain relation."""
    pairs: list[tuple[str, Record | ChainRelation]] = [
        (file, rec) for file, records in seed.records.items() for rec in records
    ]
    return pairs + [(ChainRelation.FILE, rel) for rel in seed.relations]


def _check_ids(seed: Seed) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    for file, rec in _all_with_files(seed):
        if rec.id in seen:
            problems.append(Problem(file, rec.id, "id", f"duplicate id (also in {seen[rec.id]})"))
        else:
            seen[rec.id] = file
    return problems


def _check_links(seed: Seed) -> list[Problem]:
    labels = {r.id: r.LABEL for r in seed.all_records()}
    problems = []

    def check(file: str, rec: str, fld: str, to: str, allowed: tuple[str, ...]) -> None:
        if seed.may_hold(to):
            return  # the target's own problems are reported; this link is not dangling
        if to not in labels:
            kin = [i for i, label in labels.items() if label in allowed]  # hint the right kind
            close = difflib.get_close_matches(to, kin, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(Problem(file, rec, fld, f"unknown id {to!r}{hint}"))
        elif labels[to] not in allowed:
            problems.append(
                Problem(
                    file, rec, fld, f"{to!r} is a {labels[to]}; expected {' or '.join(allowed)}"
                )
            )

    edge_keys: Counter[str] = Counter()
    seen: set[str] = set()
    for record in seed.all_records():
        if record.id in seen:
            continue  # a duplicate id (reported as such): its links are the first one's again
        seen.add(record.id)
        for path, spec, link, _ in iter_links(record):
            check(record.FILE, record.id, f"{path}.to", link.to, spec.targets)
            if spec.required_prop and getattr(link, spec.required_prop) is None:
                problems.append(
                    Problem(
                        record.FILE,
                        record.id,
                        f"{path}.{spec.required_prop}",
                        "required field is missing",
                    )
                )
            edge = link_edge(record, spec, link)
            edge_keys[edge.key] += 1
            if edge_keys[edge.key] == 2:
                problems.append(
                    Problem(record.FILE, record.id, path, f"duplicate relationship {edge.key}")
                )
    for rel in seed.relations:
        for fld, to in (("from", rel.from_), ("to", rel.to)):
            check(ChainRelation.FILE, rel.id, fld, to, ("Chain",))
        key = relation_edge(rel).key
        edge_keys[key] += 1
        if edge_keys[key] == 2:
            problems.append(
                Problem(ChainRelation.FILE, rel.id, "to", f"duplicate relationship {key}")
            )
    return problems


def _check_evidence(seed: Seed) -> list[Problem]:
    problems = []
    sections = split_sections(seed.plan_text)
    for file, rec in _all_with_files(seed):
        for quote in _quotes(rec):
            problem = _evidence_problem((file, rec.id), quote, seed.plan_text, sections)
            if problem:
                problems.append(problem)
    return problems


def _check_annex(seed: Seed, annex: Annex) -> list[Problem]:
    file = Chain.FILE
    chains = [c for c in seed.records.get(file, []) if isinstance(c, Chain)]
    ranks = Counter(c.rank for c in chains)
    by_rank = {c.rank: c for c in chains}
    problems = []
    for row in annex.rows:
        if ranks[row.rank] > 1:
            continue  # which chain is this row's is unclear: the duplicate rank is reported
        chain = by_rank.get(row.rank)
        if chain is None:
            problems.append(
                Problem(
                    file,
                    f"附件#{row.rank}",
                    "rank",
                    f"annex row #{row.rank} {row.name} has no chain record",
                )
            )
            continue
        for fld in FIGURES:
            seeded, printed = getattr(chain, fld), getattr(row, fld)
            if Decimal(str(seeded)) != Decimal(str(printed)):
                problems.append(
                    Problem(
                        file,
                        chain.id,
                        fld,
                        f"is {seeded} but annex row #{row.rank} prints {printed}",
                    )
                )
        if chain.name != row.name and row.name not in chain.aliases:
            problems.append(
                Problem(
                    file,
                    chain.id,
                    "name",
                    f"{chain.name!r} is not the annex name {row.name!r} (nor an alias)",
                )
            )
        if chain.directions != row.directions:
            problems.append(
                Problem(file, chain.id, "directions", f"differs from annex row #{row.rank}")
            )
    printed_ranks = {r.rank for r in annex.rows}
    for chain in chains:
        if chain.rank not in printed_ranks:
            problems.append(Problem(file, chain.id, "rank", f"the annex has no row #{chain.rank}"))
    problems += [
        Problem(file, c.id, "rank", f"rank {c.rank} is used by {ranks[c.rank]} chains")
        for c in chains
        if ranks[c.rank] > 1
    ]
    # The chains' sums against the printed 合计 row: only when every chain matches its row
    # (otherwise the rows' problems already say why the sums differ).
    totals = annex.totals.get("合计", ()) if not problems else ()
    for fld, printed in zip(FIGURES, totals, strict=False):
        total = sum(Decimal(str(getattr(c, fld))) for c in chains)
        if total != Decimal(str(printed)):
            problems.append(
                Problem(
                    file,
                    "合计",
                    fld,
                    f"the chains add up to {total} but the annex 合计 row prints {printed}",
                )
            )
    plans = [p for p in seed.records.get(Plan.FILE, []) if isinstance(p, Plan)]
    for plan in plans:
        for row_name, fields in TOTAL_FIELDS.items():
            for fld, printed in zip(fields, annex.totals.get(row_name, ()), strict=False):
                if Decimal(str(getattr(plan, fld))) != Decimal(str(printed)):
                    problems.append(
                        Problem(
                            Plan.FILE,
                            plan.id,
                            fld,
                            f"is {getattr(plan, fld)} but the annex {row_name} row prints "
                            f"{printed}",
                        )
                    )
    if len(plans) != 1 and Plan.FILE not in seed.unread:
        problems.append(Problem(Plan.FILE, message=f"expected one plan record, got {len(plans)}"))
    return problems


def _check_tiers(seed: Seed) -> list[Problem]:
    chains = [c for c in seed.records.get(Chain.FILE, []) if isinstance(c, Chain)]
    counts = Counter(c.tier.to for c in chains)
    return [
        Problem(
            Tier.FILE,
            tier.id,
            "chain_count",
            f"the text gives {tier.chain_count} chains but {counts[tier.id]} chains "
            f"are in this tier",
        )
        for tier in seed.records.get(Tier.FILE, [])
        if isinstance(tier, Tier) and counts[tier.id] != tier.chain_count
    ]


def _has_broken(seed: Seed, file: str) -> bool:
    """Return True when ``file`` could not be read whole (then totals and counts are moot)."""
    return any(p.file == file for p in seed.problems)


def check_seed(seed: Seed) -> list[Problem]:
    """Return every problem of the seed: reading, shapes, ids, links, evidence, annex."""
    problems = list(seed.problems)
    if seed.plan_text:
        problems += _check_evidence(seed)
        annex = parse_annex(seed.plan_text)
        if not annex.rows:
            problems.append(Problem("source/plan.txt", message="the plan text has no annex table"))
        if not _has_broken(seed, Chain.FILE):
            problems += _check_annex(seed, annex)
    problems += _check_ids(seed) + _check_links(seed) + check_layouts(seed)
    if not _has_broken(seed, Chain.FILE):
        problems += _check_tiers(seed)
    return sorted(set(problems))


def load_valid_seed(directory: Path) -> Seed:
    """Return the seed in ``directory``, or raise :class:`SeedError` listing every problem."""
    seed = read_seed(directory)
    problems = check_seed(seed)
    if problems:
        raise SeedError(problems)
    return seed
