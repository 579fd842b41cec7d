"""The curated graph: edits recorded in a workspace, undone by rebuilding, ids carried over;
and the merge suggestions computed from a graph."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.build.curation import Curation, carry_over, carry_positions, rejected_pairs
from graph.build.edits import DELETE, MERGE, REJECT_MERGE, RETYPE, SPLIT, Edit, EntityRef
from graph.explore.exploration import Exploration
from graph.explore.model import GraphModel
from graph.explore.suggestions import (
    ACRONYM,
    CASE,
    NEAR,
    PLURAL,
    SPELLING,
    evidence,
    merge_suggestions,
)
from tests.graph.test_edits import DOC, LLAMA, LLAMA3, small_graph

DOCS = {"a.txt": DOC}
GUIDE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "prompt-guide"


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return small_graph()


def _entity(g: nx.MultiDiGraph, label: str, etype: str = "MODEL", mentions: int = 1) -> str:
    nid = f"{etype}:{label}"
    g.add_node(nid, label=label, type=etype, aliases=[], documents=["x.txt"],
               mentions=mentions, occurrences=[])
    return nid


def test_an_edit_is_kept_in_the_workspace_and_undone_by_rebuilding(graph, tmp_path):
    curation = Curation(graph, DOCS, tmp_path / "w.threadline")
    edit = Edit(MERGE, LLAMA, LLAMA3)
    merged = curation.applied(graph, [edit])
    assert merged is not None and "MODEL:llama3-70b" not in merged
    assert "MODEL:llama3-70b" in graph  # the base is never changed
    [edit_id] = curation.record([edit])
    assert curation.log() == [(edit_id, edit)]
    assert "MODEL:llama3-70b" not in curation.rebuild()
    curation.set_reverted([edit_id], True)
    assert curation.log() == [] and "MODEL:llama3-70b" in curation.rebuild()
    # an edit that finds nothing is refused before it is recorded
    assert curation.applied(graph, [Edit(DELETE, EntityRef("MODEL", "Claude"))]) is None


def test_an_edit_that_no_longer_applies_is_marked_skipped(graph, tmp_path):
    curation = Curation(graph, DOCS, tmp_path / "w.threadline")
    ids = curation.record([Edit(DELETE, EntityRef("MODEL", "Claude")), Edit(MERGE, LLAMA,
                                                                             LLAMA3)])
    curation.rebuild()
    assert curation.skipped == {ids[0]}


def test_ids_carry_over_a_merge_a_retype_a_split_and_their_undo(graph):
    merged = Curation(graph, DOCS).applied(graph, [Edit(MERGE, LLAMA, LLAMA3)])
    assert carry_over(graph, merged) == ({"MODEL:llama3-70b": "MODEL:llama-3-70b"}, {})
    assert carry_over(merged, graph) == ({}, {"MODEL:llama3-70b": "MODEL:llama-3-70b"})
    retyped = Curation(graph).applied(graph, [Edit(RETYPE, EntityRef("DATASET", "MMLU"),
                                                   value="METHOD")])
    assert carry_over(graph, retyped) == ({"DATASET:mmlu": "METHOD:mmlu"},
                                          {"METHOD:mmlu": "DATASET:mmlu"})
    split = Curation(graph, DOCS).applied(graph, [Edit(SPLIT, EntityRef("ORG", "Meta"),
                                                       value="Meta AI")])
    renamed, born = carry_over(graph, split)
    assert renamed == {} and list(born.values()) == ["ORG:meta"]
    deleted = Curation(graph).applied(graph, [Edit(DELETE, EntityRef("ORG", "OpenAI"))])
    assert carry_over(graph, deleted) == ({}, {})


def test_positions_follow_the_ids():
    moved = carry_positions({"a": (1.0, 2.0), "b": (5.0, 5.0), "gone": (9.0, 9.0)},
                            {"a": "c"}, {"d": "b"}, alive={"b", "c", "d"}, offset=1.0)
    assert moved == {"b": (5.0, 5.0), "c": (1.0, 2.0), "d": (6.0, 6.0)}


def test_a_node_taken_away_and_brought_back_returns_to_its_place():
    gone: dict = {}
    merged = carry_positions({"a": (1.0, 2.0), "b": (5.0, 5.0)}, {"a": "b"}, {},
                             alive={"b"}, gone=gone)
    assert merged == {"b": (5.0, 5.0)} and gone == {"a": (1.0, 2.0)}
    back = carry_positions(merged, {}, {}, alive={"a", "b"}, gone=gone)  # the undo
    assert back == {"a": (1.0, 2.0), "b": (5.0, 5.0)} and gone == {}
    # a place carried over (a rename back) wins over the remembered one
    renamed = carry_positions({"c": (7.0, 7.0)}, {"c": "a"}, {}, alive={"a"},
                              gone={"a": (1.0, 2.0)})
    assert renamed == {"a": (7.0, 7.0)}


def test_the_exploration_keeps_what_is_shown_across_an_edit(graph):
    model = GraphModel()
    model.reset(graph)
    exploration = Exploration(model)
    exploration.visible = {"MODEL:llama3-70b", "ORG:meta", "ORG:openai"}
    merged = Curation(graph, DOCS).applied(graph, [Edit(MERGE, LLAMA, LLAMA3),
                                                   Edit(DELETE, EntityRef("ORG", "OpenAI"))])
    steps = []
    exploration.subscribe(steps.append)
    model.replace(merged, *carry_over(graph, merged))
    assert exploration.visible == {"MODEL:llama-3-70b", "ORG:meta"}
    assert steps[-1].show == {"MODEL:llama-3-70b"}
    assert steps[-1].hide == {"MODEL:llama3-70b", "ORG:openai"}


def test_suggestions_find_spacing_case_plural_acronym_and_near_duplicates():
    g = nx.MultiDiGraph()
    llama = _entity(g, "Llama 3 70B", mentions=5)
    llama3 = _entity(g, "Llama3 70B")
    openai, openai_lower = _entity(g, "OpenAI", "ORG", 4), _entity(g, "Openai", "ORG")
    agents, agent = _entity(g, "autonomous agents", "METHOD"), \
        _entity(g, "autonomous agent", "METHOD", 3)
    rlhf = _entity(g, "RLHF", "METHOD", 9)
    expansion = _entity(g, "Reinforcement Learning from Human Feedback", "METHOD")
    mixtral, typo = _entity(g, "Mixtral Large", mentions=4), _entity(g, "Mixtrall Large")
    gpt3, gpt4 = _entity(g, "GPT-3"), _entity(g, "GPT-4")
    _entity(g, "Llama 3 8B")  # other numbers: another model
    _entity(g, "9%", "METRIC"), _entity(g, "9 %", "METRIC")  # figures are never suggested
    found = {(s.keep, s.other): s.kind for s in merge_suggestions(g)}
    assert found == {(llama, llama3): SPELLING, (openai, openai_lower): CASE,
                     (agent, agents): PLURAL, (expansion, rlhf): ACRONYM,
                     (mixtral, typo): NEAR}
    assert (gpt3, gpt4) not in found and (gpt4, gpt3) not in found
    assert merge_suggestions(g)[0].kind == CASE  # the most certain first
    kept_apart = rejected_pairs(g, [Edit(REJECT_MERGE, EntityRef("MODEL", "llama3 70b"),
                                         EntityRef("MODEL", "Llama 3 70B"))])
    assert kept_apart == {frozenset((llama, llama3))}
    assert (llama, llama3) not in {(s.keep, s.other) for s in merge_suggestions(g, kept_apart)}


def test_suggestions_on_the_test_graph_and_their_evidence(graph):
    [suggestion] = [s for s in merge_suggestions(graph) if s.kind == SPELLING]
    assert (suggestion.keep, suggestion.other) == ("MODEL:llama-3-70b", "MODEL:llama3-70b")
    sentences = evidence(graph, DOCS, suggestion.other)
    assert sentences == [("a.txt", "Llama3 70B beats GPT-4 on MMLU.")]


@pytest.mark.slow
def test_suggestions_on_real_guide_pages_are_few(nlp):
    from graph.build.jobs import extraction_job
    from graph.ingest.corpus import load_corpus
    from graph.jobs import run_job
    from graph.nlp.pipeline import shared_pipeline

    if not GUIDE.is_dir():
        pytest.skip("the shared corpus is not beside the repository")
    corpus = load_corpus([str(p) for p in sorted(GUIDE.glob("*.md"))[:30]])
    g = run_job(extraction_job(corpus, nlp, shared_pipeline()[1])).graph
    found = merge_suggestions(g)
    assert 0 < len(found) < g.number_of_nodes() / 4
