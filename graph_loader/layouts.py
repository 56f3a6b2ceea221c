"""Group-level layouts: which chains a park's layout of a group reaches.

The plan often places a park in a group's layout ("新材料，以泰兴经济开发区为核心") and then,
in the same paragraph, sends some of the group's chains elsewhere ("依托兴化高新区、靖江经济开发区，
重点发展…特种合金材料…").  So a park's ``carries`` link to a group must say, in ``covers``,
which chains that layout reaches (``all`` for a layout given for the whole group), with a
verbatim quote and the assumption every derived park–chain link carries.

:func:`layout_props` turns a link's ``covers`` into the edge properties both stores read
(``covers`` as explicit chain ids, ``covers_evidence``, ``covers_assumption``);
:func:`check_layouts` reports every misuse with file, record and field.
"""

from __future__ import annotations

from chainkg.graph_loader.models import Chain, Covers, Group, Link, Park, Record, iter_links
from chainkg.graph_loader.problems import Problem
from chainkg.graph_loader.seed_io import Seed

PropValue = str | list[str]


class Membership:
    """The chains of each group (and of its sub-groups), from a seed's records."""

    def __init__(self, seed: Seed) -> None:
        self.labels = {r.id: r.LABEL for r in seed.all_records()}
        self.may_hold = seed.may_hold
        """Whether an id may name a record that could not be read (its problems are reported)."""
        self.chains_unread = Chain.FILE in seed.unread
        self.parent = {
            g.id: g.parent.to
            for g in seed.records.get(Group.FILE, [])
            if isinstance(g, Group) and g.parent is not None
        }
        self.chains: dict[str, list[str]] = {}
        ranked = sorted(
            (c for c in seed.records.get(Chain.FILE, []) if isinstance(c, Chain)),
            key=lambda c: (c.rank, c.id),
        )
        for chain in ranked:
            self.chains.setdefault(chain.group.to, []).append(chain.id)

    def of(self, group: str) -> list[str]:
        """Return the chains of ``group`` and of its sub-groups, in annex order."""
        subgroups = [g for g, p in self.parent.items() if p == group]
        return [c for g in (group, *subgroups) for c in self.chains.get(g, [])]

    def related(self, group: str) -> list[str]:
        """Return the chains a layout of ``group`` may cover: its own, its sub-groups' and,
        for a sub-group, its parent's (the annex files sub-group chains under the parent)."""
        parent = self.parent.get(group)
        return self.of(group) + (self.of(parent) if parent else [])

    def reach(self, group: str, covers: Covers) -> list[str]:
        """Return the chain ids a layout of ``group`` reaches (``all``: every chain of it)."""
        return self.of(group) if covers.chains == "all" else list(covers.chains)


def layout_props(members: Membership, group: str, covers: Covers) -> dict[str, PropValue]:
    """Return the edge properties of a layout's reach: explicit chain ids, quote, assumption."""
    return {
        "covers": members.reach(group, covers),
        "covers_evidence": covers.evidence,
        "covers_assumption": covers.assumption,
    }


def _covers_problems(
    rec: Record, path: str, link: Link, covers: Covers, members: Membership
) -> list[Problem]:
    where = f"{path}.covers.chains"
    if covers.chains == "all":
        if not members.of(link.to) and not members.chains_unread:
            return [Problem(rec.FILE, rec.id, where, f"{link.to!r} has no chains; list them")]
        return []
    problems = []
    allowed = members.related(link.to)
    seen: set[str] = set()
    for i, chain in enumerate(covers.chains):
        fld = f"{where}[{i}]"
        if chain in seen:
            problems.append(Problem(rec.FILE, rec.id, fld, f"{chain!r} is listed twice"))
        seen.add(chain)
        label = members.labels.get(chain)
        if members.may_hold(chain):
            continue
        if label is None:
            problems.append(Problem(rec.FILE, rec.id, fld, f"unknown id {chain!r}"))
        elif label != "Chain":
            problems.append(
                Problem(rec.FILE, rec.id, fld, f"{chain!r} is a {label}; expected Chain")
            )
        elif chain not in allowed:
            problems.append(
                Problem(rec.FILE, rec.id, fld, f"{chain!r} is not a chain of {link.to!r}")
            )
    return problems


def check_layouts(seed: Seed) -> list[Problem]:
    """Return the problems of ``covers`` and ``also_lists``.

    A park's link to a group needs ``covers``; no other link may have it; every covered chain
    is a chain of that group; a group's ``also_lists`` names chains of other groups only.
    """
    members = Membership(seed)
    problems = []
    for rec in seed.all_records():
        for at in iter_links(rec):
            if members.may_hold(at.link.to):
                continue  # the target could not be read: whether it is a group is unknown
            layout = isinstance(rec, Park) and members.labels.get(at.link.to) == "Group"
            covers = at.link.covers
            if layout and covers is None:
                problems.append(
                    Problem(
                        rec.FILE,
                        rec.id,
                        f"{at.path}.covers",
                        "a park's layout of a group needs covers: the chains its sentence "
                        "reaches (or all), with evidence and an assumption",
                    )
                )
            elif covers is not None and not layout:
                problems.append(
                    Problem(
                        rec.FILE,
                        rec.id,
                        f"{at.path}.covers",
                        "covers is only for a park's carries link to a group",
                    )
                )
            elif covers is not None:
                problems += _covers_problems(rec, at.path, at.link, covers, members)
        if isinstance(rec, Group):
            own = members.of(rec.id)
            problems += [
                Problem(
                    rec.FILE,
                    rec.id,
                    f"also_lists[{i}].to",
                    f"{link.to!r} is a chain of this group already",
                )
                for i, link in enumerate(rec.also_lists)
                if link.to in own
            ]
    return problems
