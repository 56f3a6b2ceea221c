"""How chains relate, how two nodes link, and how the yearly and 2027 targets read, from the
seed's relations and targets: 节能环保 is downstream of 锂电 (附件#16, 动力电池再生利用), 新型储能
builds on 锂电 (附件#27), 锂电 is upstream of 新型储能 (附件#23); 三(三) “到2027年，集聚孵化
（潜在）独角兽、瞪羚企业100家以上”; 三(一)'s targets are yearly (每年)."""

from __future__ import annotations

from pathlib import Path

import yaml

from chainkg.graph_loader.ask import ask
from chainkg.graph_loader.ask.context import Ctx
from chainkg.graph_loader.ask.duties import action_targets
from chainkg.graph_loader.ask.lexicon import LEXICONS, Candidate
from chainkg.graph_loader.ask.model import Lang
from chainkg.graph_loader.ask.parse import parse
from chainkg.graph_loader.store import EmbeddedStore


def test_a_chains_relations_read_in_their_direction(embedded_store: EmbeddedStore) -> None:
    answer = ask(embedded_store, "锂电的上下游")
    assert (answer.intent, answer.answered) == ("chain_relations", True)
    for phrase in ("节能环保是锂电的下游", "新型储能依托锂电", "锂电是新型储能的上游"):
        assert phrase in answer.text, phrase


def test_a_path_between_two_nodes_points_each_step_its_way(embedded_store: EmbeddedStore) -> None:
    """光伏 is in the tier 战略性新兴产业 (光伏 → tier), and so is 新材料; 泰兴经济开发区 carries
    新材料 (park → group): read from 光伏, the last two steps point back."""
    answer = ask(embedded_store, "光伏与泰兴经济开发区")
    assert "光伏 —所在层级→ 战略性新兴产业 ←所在层级— 新材料 ←承载— 泰兴经济开发区" in answer.text


def test_targets_read_each_year_or_by_2027(embedded_store: EmbeddedStore) -> None:
    by_2027 = ask(embedded_store, "独角兽、瞪羚企业的目标是多少")
    assert by_2027.intent == "action_targets"
    assert by_2027.text == "到2027年集聚孵化（潜在）独角兽、瞪羚企业100家以上。"
    yearly = ask(embedded_store, "每年创建多少个绿色制造体系示范")
    assert yearly.text == "每年新增省级以上绿色制造体系示范20个。"


def test_every_chain_is_listed(embedded_store: EmbeddedStore, seed_dir: Path) -> None:
    chains = yaml.safe_load((seed_dir / "chains.yaml").read_text(encoding="utf-8"))
    answer = ask(embedded_store, "方案有哪些产业链")
    assert answer.text.startswith("方案共有30个产业链：")
    assert answer.text.endswith("、".join(c["name"] for c in chains) + "。")


def test_a_departments_duties_with_its_role(embedded_store: EmbeddedStore) -> None:
    """四(一) “市工业和信息化局负责重点产业链培育提升工作的组织实施”: the whole plan, 负责."""
    answer = ask(embedded_store, "工信局负责哪些行动")
    assert answer.text.endswith("强化组织领导（负责）；整个方案的组织实施（负责，四(一)）。")
    # the five actions in plan order, then the safeguard, then the whole plan
    assert [r["id"] for r in answer.model_dump()["results"]] == [
        "action.innovation",
        "action.projects",
        "action.enterprises",
        "action.integration",
        "action.ecosystem",
        "safeguard.organization",
        "plan.taizhou_chains",
    ]


def test_whether_a_chain_is_in_a_group(embedded_store: EmbeddedStore) -> None:
    """附件: 光伏 is a chain of 新能源 (战略性新兴产业), not of 新材料."""
    yes = ask(embedded_store, "光伏属于新能源吗")
    assert (yes.intent, yes.answered, yes.text) == ("relation", True, "光伏所属产业新能源。")
    no = ask(embedded_store, "光伏属于新材料吗")
    assert no.text == "光伏不属于新材料。光伏——所属产业：新能源，所在层级：战略性新兴产业。"


def test_a_products_chains_in_english(embedded_store: EmbeddedStore) -> None:
    answer = ask(embedded_store, "Which parks carry perovskite cells?", "en")
    assert answer.text.endswith(
        "Perovskite solar cells is in the focus of Lithium Batteries, Photovoltaics and named "
        "for the group New Energy."
    )


def test_a_safeguard_has_no_quantified_target_with_or_without_a_year(
    embedded_store: EmbeddedStore,
) -> None:
    """The safeguards of 四 set no figure: the refusal names the year asked, or none."""
    lexicon = LEXICONS.get(embedded_store)
    safeguard = next(e for e in lexicon.entries.values() if e.label == "Safeguard")
    said = {}
    asked: list[tuple[str, Lang]] = [
        ("目标", "zh"),
        ("2027年的目标", "zh"),
        ("target in 2027", "en"),
    ]
    for q, lang in asked:
        ctx = Ctx(embedded_store, lexicon, parse(lexicon, q), lang)
        reply = action_targets(ctx, [Candidate(safeguard.id, "Safeguard", 0)])
        assert reply is not None and reply.answered is False
        said[q] = reply.text
    name = safeguard.name
    assert said["目标"] == f"方案没有给出{name}的量化目标。"
    assert said["2027年的目标"] == f"方案没有给出{name}在2027年的目标。"
    assert said["target in 2027"] == f"The plan gives no target of {safeguard.name_en} for 2027."
