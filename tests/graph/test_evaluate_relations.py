"""Typed relations scored as the shared reference scorer scores them (real files, no mocks).

Our scorer (:func:`graph.build.evaluate.score_relations`) reads the graph in memory; the
reference (``../shared/eval/score_relations.py``) reads the exported GraphML with the standard
library. On the same graph both must give the same counts per predicate, the same missed and
the same spurious relations.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pytest

from app import cli
from graph.build.evaluate import (
    load_gold,
    load_relation_gold,
    score_relations,
)
from graph.build.jobs import extraction_job
from graph.errors import GoldError
from graph.ingest.corpus import load_corpus
from graph.jobs import run_job
from graph.nlp.pipeline import shared_pipeline
from graph.paths import seeds_dir
from graph.schema import COOCCURRENCE, COOCCURS_WITH, DEPENDENCY, PREDICATES, edge_key, node_id
from graph.store.graphml import read_graphml, write_graphml
from graph.taxonomy import predicates

# The workplace's shared folder sits beside the checkout (../shared).
SHARED = Path(__file__).resolve().parents[3] / "shared" / "eval"
REFERENCE = SHARED / "score_relations.py"
ENTITY_GOLD = SHARED / "seeds_gold.jsonl"
RELATION_GOLD = SHARED / "seeds_relations.jsonl"

pytestmark = pytest.mark.skipif(
    not (REFERENCE.exists() and ENTITY_GOLD.exists() and RELATION_GOLD.exists()),
    reason="the shared reference scorer and the seeds' relation gold are not beside us")

A, B = "000_28488c1e42438489.txt", "004_106fb763ac03ea0f.txt"


def reference(graph_path: Path) -> dict:
    """The shared scorer's result on an exported file, run as a user would run it."""
    run = subprocess.run([sys.executable, str(REFERENCE), str(graph_path), str(ENTITY_GOLD),
                          str(RELATION_GOLD), "--json"],
                         capture_output=True, text=True, timeout=120, check=True)
    return json.loads(run.stdout)


def ours(graph: nx.MultiDiGraph) -> dict:
    return score_relations(graph, load_relation_gold(RELATION_GOLD),
                           load_gold(ENTITY_GOLD)).as_dict()


def counts(result: dict) -> dict:
    return {p: (c["tp"], c["pred"], c["gold"]) for p, c in result["predicates"].items()}


def assert_agree(graph: nx.MultiDiGraph, tmp_path: Path) -> tuple[dict, dict]:
    """Export ``graph``, score the file with the reference and its read-back with ours."""
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path)
    theirs, mine = reference(path), ours(read_graphml(path))
    assert counts(mine) == counts(theirs)
    assert mine["all"] == theirs["all"]
    assert mine["missed"] == theirs["missed"]
    assert mine["spurious"] == theirs["spurious"]
    return mine, theirs


# -- a graph made from the gold, perturbed --------------------------------------------------
def _entity_nodes(g: nx.MultiDiGraph) -> dict[str, str]:
    """One node per gold entity name (both documents' mentions on one node), as assemble.py
    makes them; returns name -> node id."""
    ids: dict[str, str] = {}
    for item in load_gold(ENTITY_GOLD):
        nid = ids.setdefault(item.name, node_id(item.type, item.name))
        if nid not in g:
            g.add_node(nid, label=item.name, type=item.type, aliases=list(item.aliases),
                       documents=[], mentions=0, occurrences=[])
        data = g.nodes[nid]
        data["aliases"] = sorted({*data["aliases"], *item.aliases})
        if item.doc not in data["documents"]:
            data["documents"].append(item.doc)
            data["occurrences"].append([item.doc, 0, len(item.name), 0, 80])
            data["mentions"] += 1
    return ids


def _alias_node(g: nx.MultiDiGraph, etype: str, alias: str, doc: str) -> str:
    """A node whose label is a gold alias (an entity the resolver did not merge)."""
    nid = node_id(etype, alias)
    g.add_node(nid, label=alias, type=etype, aliases=[], documents=[doc], mentions=1,
               occurrences=[[doc, 0, len(alias), 0, 80]])
    return nid


def _typed(g: nx.MultiDiGraph, u: str, v: str, predicate: str, *docs: str) -> None:
    """A typed edge as assemble.py makes it; the same (u, v, predicate) gathers evidence."""
    relation = predicates()[predicate].phrase
    key = edge_key(DEPENDENCY, relation, predicate)
    evidence = [{"doc": d, "start": 0, "end": 80, "text": f"{u} {relation} {v}."} for d in docs]
    if g.has_edge(u, v, key):
        data = g.edges[u, v, key]
        data["evidence"] = data["evidence"] + evidence
        data["weight"] = float(len(data["evidence"]))
    else:
        g.add_edge(u, v, key=key, relation=relation, predicate=predicate,
                   weight=float(len(evidence)), method=DEPENDENCY, evidence=evidence)


WRONG = {"USES": "BASED_ON", "HAS_METRIC": "EVALUATED_ON", "DEVELOPED_BY": "FUNDS",
         "PARTNERS_WITH": "COMPARED_WITH", "BASED_ON": "OUTPERFORMS"}
ALIAS_ENDS = {"Claude Mythos Preview": "Mythos Preview", "Natural Language Autoencoders": "NLAs",
              "Linux Foundation": "the Linux Foundation"}


def perturbed_gold_graph() -> tuple[nx.MultiDiGraph, dict[str, list[str]]]:
    """The gold relations as edges, some dropped, some with the wrong predicate, some reversed
    (symmetric and not), some ends written by an alias, a few spurious edges, co-occurrence
    edges, and one edge whose evidence names both documents (one with a folder in its path).

    Returns the graph and the gold relations (as the scorer prints them) expected to be missed.
    """
    g = nx.MultiDiGraph()
    ids = _entity_nodes(g)
    types = {item.name: item.type for item in load_gold(ENTITY_GOLD)}
    alias_ids = {name: _alias_node(g, types[name], alias, A) for name, alias in ALIAS_ENDS.items()}
    expect: dict[str, list[str]] = defaultdict(list)
    for i, r in enumerate(load_relation_gold(RELATION_GOLD)):
        u, v, predicate = ids[r.source], ids[r.target], r.predicate
        if (r.source, r.target) == ("Claude", "Anthropic"):
            continue  # one edge for both documents, below
        if i % 9 == 4:
            expect["dropped"].append(str(r))
            continue
        if i % 9 == 7 and predicate in WRONG:
            expect["wrong"].append(str(r))
            predicate = WRONG[predicate]
        elif predicate == "PARTNERS_WITH" and i % 2:
            expect["reversed symmetric"].append(str(r))
            u, v = v, u
        elif predicate == "DEVELOPED_BY" and i % 4 == 1:
            expect["reversed"].append(str(r))
            u, v = v, u
        elif r.doc == A and {r.source, r.target} & set(ALIAS_ENDS) and i % 2 == 0:
            expect["alias"].append(str(r))
            u = alias_ids.get(r.source, u)
            v = alias_ids.get(r.target, v)
        _typed(g, u, v, predicate, r.doc)
    # Claude DEVELOPED_BY Anthropic is gold in both documents: one edge, evidence from both.
    _typed(g, ids["Claude"], ids["Anthropic"], "DEVELOPED_BY", A, f"seeds/{B}")
    # Spurious: unstated relations, a second edge for a matched gold relation (through an
    # alias node), an edge only in a document without gold relations.
    _typed(g, ids["Google"], ids["Anthropic"], "FUNDS", A)
    _typed(g, ids["Claude Opus 4.7"], ids["Claude 4"], "OUTPERFORMS", A)
    _typed(g, ids["Claude Sonnet 4.5"], ids["Claude Opus 3"], "COMPARED_WITH", B)
    _typed(g, alias_ids["Claude Mythos Preview"], ids["Anthropic"], "DEVELOPED_BY", A)
    _typed(g, ids["Microsoft"], ids["NVIDIA"], "PARTNERS_WITH", "other.txt")
    # Co-occurrence carries no predicate: never scored.
    for a, b in (("Claude", "Anthropic"), ("Apple", "Anthropic"), ("Cisco", "Google")):
        u, v = sorted((ids[a], ids[b]))
        g.add_edge(u, v, key=edge_key(COOCCURRENCE, COOCCURS_WITH), relation=COOCCURS_WITH,
                   predicate="", weight=1.0, method=COOCCURRENCE,
                   evidence=[{"doc": A, "start": 0, "end": 80, "text": "..."}])
    return g, expect


def test_our_scorer_agrees_with_the_reference_on_a_perturbed_gold_graph(tmp_path):
    g, expect = perturbed_gold_graph()
    assert all(expect[k] for k in ("dropped", "wrong", "reversed symmetric", "reversed",
                                   "alias")), expect
    mine, theirs = assert_agree(g, tmp_path)
    assert mine == theirs  # the whole JSON, in the same order
    assert ours(g) == mine  # the graph in memory scores as its read-back
    total = mine["all"]
    assert total["gold"] == 66
    assert 0 < total["tp"] < total["gold"] and total["tp"] < total["pred"]
    assert mine["missed"] and mine["spurious"]
    missed = set(mine["missed"])
    assert set(expect["dropped"]) <= missed and set(expect["wrong"]) <= missed
    assert set(expect["reversed"]) <= missed  # DEVELOPED_BY has a direction
    assert not set(expect["reversed symmetric"]) & missed  # PARTNERS_WITH has none
    assert not set(expect["alias"]) & missed  # an alias is as good as the name
    # The edge of both documents counts once in each; the document without gold not at all.
    assert f"{A}: Claude DEVELOPED_BY Anthropic" not in missed
    assert f"{B}: Claude DEVELOPED_BY Anthropic" not in missed
    assert not any("other.txt" in s for s in mine["spurious"])
    assert f"{A}: Mythos Preview DEVELOPED_BY Anthropic" in mine["spurious"]


def test_the_scores_per_predicate(tmp_path):
    g, _ = perturbed_gold_graph()
    result = score_relations(g, load_relation_gold(RELATION_GOLD), load_gold(ENTITY_GOLD))
    assert list(result.predicates) == list(PREDICATES)
    for c in result.predicates.values():
        assert c.tp <= min(c.predicted, c.gold)
    assert result.predicates["FUNDS"].predicted >= 1 and result.predicates["FUNDS"].tp == 0
    assert result.overall.tp == sum(c.tp for c in result.predicates.values())


# -- the real extraction of the seeds -------------------------------------------------------
@pytest.fixture(scope="module")
def seeds_graph(nlp):
    _, info = shared_pipeline()  # the session's pipeline (tests/graph/conftest.py), loaded once
    return run_job(extraction_job(load_corpus([seeds_dir()]), nlp, info)).graph


def test_our_scorer_agrees_with_the_reference_on_the_extracted_seeds(seeds_graph, tmp_path):
    mine, theirs = assert_agree(seeds_graph, tmp_path)
    assert mine == theirs
    assert mine["all"]["gold"] == 66
    typed = sum(1 for *_, p in seeds_graph.edges(data="predicate") if p)
    assert mine["all"]["pred"] <= 2 * typed  # an edge counts once in each of its documents


# -- the command line -----------------------------------------------------------------------
@pytest.fixture
def graph_file(tmp_path) -> Path:
    path = tmp_path / "perturbed.graphml"
    write_graphml(perturbed_gold_graph()[0], path)
    return path


def test_evaluate_prints_the_relation_report_after_the_entities(graph_file, capsys):
    code = cli.main(["evaluate", str(graph_file), "--gold", str(ENTITY_GOLD),
                     "--relations", str(RELATION_GOLD)])
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("ALL ")]
    assert len(starts) == 2  # the entities' ALL, then the relations'
    assert any(line.startswith("MODEL ") for line in lines[:starts[0]])
    relation_lines = lines[starts[0] + 1:]
    expected = counts(reference(graph_file))
    for predicate in PREDICATES:
        line = next(x for x in relation_lines if x.startswith(predicate + " "))
        tp, pred, gold = expected[predicate]
        assert line.endswith(f"{tp}/{pred}/{gold}")
    assert any(line.startswith("missed ") and "DEVELOPED_BY" in line for line in relation_lines)
    assert any(line.startswith("spurious ") for line in relation_lines)


def test_evaluate_json_holds_the_relations_as_the_reference_does(graph_file, capsys):
    code = cli.main(["evaluate", str(graph_file), "--gold", str(ENTITY_GOLD),
                     "--relations", str(RELATION_GOLD), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert set(out) >= {"types", "all", "missed", "spurious", "relations"}
    assert out["relations"] == reference(graph_file)


def test_evaluate_without_relations_is_as_before(graph_file, capsys):
    assert cli.main(["evaluate", str(graph_file), "--gold", str(ENTITY_GOLD), "--json"]) == 0
    assert "relations" not in json.loads(capsys.readouterr().out)


GOOD = json.dumps({"doc": A, "source": "Claude", "predicate": "DEVELOPED_BY",
                   "target": "Anthropic"})


@pytest.mark.parametrize("bad, message", [
    ('{"doc": "a.txt", "source": "Claude", "predicate": "USES"}', "the field 'target' is missing"),
    ('{"doc": "a.txt", "source": "Claude", "predicate": "LIKES", "target": "Anthropic"}',
     "unknown predicate 'LIKES'"),
    ('{"doc": "a.txt", "source": ["Claude"], "predicate": "USES", "target": "Anthropic"}',
     "must be strings"),
    ('["a.txt", "Claude", "USES", "Anthropic"]', "not a JSON object"),
    ('{"doc": "a.txt", "source": "Claude",', "not a JSON object"),
])
def test_a_malformed_relation_gold_is_a_clear_error(graph_file, tmp_path, capsys, bad, message):
    gold = tmp_path / "relations.jsonl"
    gold.write_text(f"{GOOD}\n\n{bad}\n", encoding="utf-8")
    with pytest.raises(GoldError, match="line 3"):
        load_relation_gold(gold)
    code = cli.main(["evaluate", str(graph_file), "--gold", str(ENTITY_GOLD),
                     "--relations", str(gold)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.startswith("threadline: error: Cannot read the gold annotations")
    assert f"{gold}: line 3: " in captured.err and message in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""  # refused before any scoring


def test_a_missing_relation_gold_is_a_clear_error(graph_file, tmp_path, capsys):
    code = cli.main(["evaluate", str(graph_file), "--gold", str(ENTITY_GOLD),
                     "--relations", str(tmp_path / "nowhere.jsonl")])
    captured = capsys.readouterr()
    assert code == 1
    assert "Cannot read the gold annotations" in captured.err and "nowhere.jsonl" in captured.err
    assert "Traceback" not in captured.err
