"""Which nodes are not entities (graph.explore.junk), and the overview ranking without them."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.explore.facts import GraphFacts, rank_overview
from graph.explore.junk import REASONS, junk_reason, junk_reasons, label_reason
from graph.schema import COOCCURRENCE, DEPENDENCY


@pytest.mark.parametrize(("label", "reason"), [
    ("13", "number"), ("2023", "number"), ("65 |", "number"), ("0.72", "number"),
    ("Oct 2022", "date"), ("| Jun 2021", "date"), ("May 2023", "date"), ("Q3 2024", "date"),
    ("45 minutes", "quantity"), ("1B tokens", "quantity"),
    ("over 300,000 instructions", "quantity"),
    ("self-", "fragment"), ("Reflexion +", "fragment"), ("- Ma", "fragment"),
    ("Principles of Engineering (", "fragment"),
    ("QA", "short"), ("AI", "short"), ("X", "short"),
    ("Liu et al", "citation"), ("Gunasekar et al.", "citation"), ("Wei et al. 2022", "citation"),
    ("API", "generic"), ("fine-tuned", "generic"), ("few-shot", "generic"),
    ("autoregressive", "generic"),
])
def test_labels_that_are_not_entities_say_why(label, reason):
    assert reason in REASONS
    assert label_reason(label) == reason


@pytest.mark.parametrize("label", [
    "GPT-4", "o3", "T5", "Llama 2 70B", "4o Image Generation", "Mistral 7B", "CodeT5+",
    "Command R+", "Claude 3.5 Sonnet", "2023 AI Index Report", "o1-2024-12-17", "n8n",
    "chain-of-thought", "finetuning", "reinforcement learning", "OpenAI", "MMLU",
])
def test_names_of_entities_pass(label):
    assert label_reason(label) is None


def _graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()

    def node(nid, label, etype="ORG", mentions=5, documents=("a.md", "b.md")):
        g.add_node(nid, label=label, type=etype, mentions=mentions, documents=list(documents))

    node("code", "Code", mentions=4)
    node("gemini", "Gemini", "MODEL", mentions=8)
    node("lone", "Lonely Project", "PROJECT", mentions=1, documents=("a.md",))
    node("held", "Held Project", "PROJECT", mentions=1, documents=("a.md",))
    node("score", "91.2%", "METRIC")
    node("year", "March 2023", "DATE")
    texts = ["The code is short and the code runs.", "We read code, then code again.",
             "Code and Gemini are compared here."]
    for k, text in enumerate(texts):
        g.add_edge("code", "gemini", key=f"{COOCCURRENCE}{k}", method=COOCCURRENCE,
                   weight=1.0, evidence=[{"doc": "a.md", "start": 40 * k, "end": 40 * k + 30,
                                          "text": text}])
    g.add_edge("lone", "gemini", key=COOCCURRENCE, method=COOCCURRENCE, weight=1.0,
               evidence=[])
    g.add_edge("held", "gemini", key=DEPENDENCY, method=DEPENDENCY, predicate="USES",
               weight=1.0, evidence=[])
    return g


def test_a_graph_says_which_of_its_nodes_are_not_entities():
    g = _graph()
    assert junk_reasons(g) == {
        "code": "common word",  # "code" 4 times in lower case, the entity 4 mentions
        "lone": "seen once",  # one mention, one document, co-occurrence only
        "score": "fact", "year": "fact",
    }
    # A typed relation holds a single mention up; a name the corpus writes capitalised passes.
    assert junk_reason(g, "held") is None and junk_reason(g, "gemini") is None


def test_the_overview_ranks_entities_before_every_node_that_is_not_one():
    g = _graph()
    for k in range(200):  # enough entities that the overview has to choose
        g.add_node(f"e{k}", label=f"Entity {k}", type="MODEL", mentions=3, documents=["a.md"])
        g.add_edge(f"e{k}", "gemini", key=DEPENDENCY, method=DEPENDENCY, weight=1.0)
    for hub in ("code", "year", "lone"):  # junk better connected than any entity but one
        for k in range(0, 200, 2):
            g.add_edge(hub, f"e{k}", key=COOCCURRENCE, method=COOCCURRENCE, weight=1.0)
    ranked = rank_overview(g, limit=150)
    assert ranked[0] == "gemini"
    assert not {"code", "year", "lone", "score"} & set(ranked)
    assert list(GraphFacts.of(g).overview) == ranked
