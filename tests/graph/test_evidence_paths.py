"""Paths as chains of evidence: k paths by evidence weight, hops read in the schema's
direction, restriction to a node set, errors, and the explanation escaped in Markdown and
HTML. On a hand-built graph (costs worked out below) and on the real extraction of the seeds.
"""

from __future__ import annotations

import networkx as nx
import pytest

from graph import messages
from graph.build.jobs import extraction_job
from graph.errors import PathError
from graph.explore.evidence_paths import (
    EvidenceSentence,
    find_paths,
    paths_job,
    resolve_entity,
)
from graph.explore.filters import is_fact
from graph.explore.path_report import explanation_html, explanation_markdown, markdown_text
from graph.explore.path_search import path_view
from graph.explore.query import EntityIndex
from graph.ingest.corpus import load_corpus
from graph.jobs import run_job
from graph.nlp.pipeline import shared_pipeline
from graph.paths import seeds_dir
from graph.schema import COOCCURRENCE, COOCCURS_WITH, DEPENDENCY, edge_key

CLAUDE, ANTHROPIC, AWS, GOOGLE = "MODEL:claude", "ORG:anthropic", "ORG:aws", "ORG:google"
METRIC, LONELY = "METRIC:90", "ORG:lonely"


def sentences(n: int, about: str) -> list[dict]:
    return [{"doc": f"doc{i}.txt", "start": 10 * i, "end": 10 * i + 9,
             "text": f"Sentence {i} about {about}."} for i in range(n)]


def typed(g, u, v, predicate, phrase, n, about="it"):
    g.add_edge(u, v, key=edge_key(DEPENDENCY, phrase, predicate), relation=phrase,
               predicate=predicate, weight=float(n), method=DEPENDENCY,
               evidence=sentences(n, about))


def cooccurring(g, u, v, n, evidence=True):
    u, v = sorted((u, v))
    g.add_edge(u, v, key=edge_key(COOCCURRENCE, COOCCURS_WITH), relation=COOCCURS_WITH,
               predicate="", weight=float(n), method=COOCCURRENCE,
               evidence=sentences(n, f"{u} and {v}") if evidence else [])


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    """Costs (1 + 1/strength per hop; strength = sentences, x2 with a typed relation):
    Claude-Anthropic 1.1 (5 co-occurring sentences, typed), Anthropic-AWS 1.5,
    Claude-90% 1.5, 90%-AWS 1.5, Anthropic-Google 1.5, Google-AWS 1.25 (weight 4)."""
    g = nx.MultiDiGraph()
    for nid, label, kind in ((CLAUDE, "Claude", "MODEL"), (ANTHROPIC, "Anthropic", "ORG"),
                             (AWS, "Amazon Web Services", "ORG"), (GOOGLE, "Google", "ORG"),
                             (METRIC, "90%", "METRIC"), (LONELY, "Lonely Labs", "ORG")):
        g.add_node(nid, label=label, type=kind, aliases=[], documents=["doc0.txt"],
                   mentions=3, occurrences=[])
    typed(g, CLAUDE, ANTHROPIC, "DEVELOPED_BY", "released by", 3, "Claude and Anthropic")
    cooccurring(g, CLAUDE, ANTHROPIC, 5)
    typed(g, AWS, ANTHROPIC, "PARTNERS_WITH", "partners with", 1, "AWS and Anthropic")
    typed(g, CLAUDE, METRIC, "HAS_METRIC", "scores", 1)
    typed(g, AWS, METRIC, "HAS_METRIC", "scores", 1)
    cooccurring(g, ANTHROPIC, GOOGLE, 2)
    cooccurring(g, GOOGLE, AWS, 4, evidence=False)
    return g


def test_k_paths_come_cheapest_first_with_the_documented_costs(graph):
    paths = find_paths(graph, CLAUDE, AWS, k=3)
    assert [p.nodes for p in paths] == [(CLAUDE, ANTHROPIC, AWS), (CLAUDE, METRIC, AWS),
                                        (CLAUDE, ANTHROPIC, GOOGLE, AWS)]
    assert [round(p.cost, 6) for p in paths] == [2.6, 3.0, 3.85]
    assert find_paths(graph, CLAUDE, AWS, k=1) == paths[:1]
    assert len(find_paths(graph, CLAUDE, AWS, k=10)) == 3  # no other loopless path


def test_a_typed_relation_is_shown_for_a_pair_and_its_evidence_attached(graph):
    [hop, partner] = find_paths(graph, CLAUDE, AWS, k=1)[0].hops
    assert hop.edge == (CLAUDE, ANTHROPIC, "dependency:DEVELOPED_BY")
    assert hop.predicate == "DEVELOPED_BY"
    assert hop.evidence == tuple(EvidenceSentence(f"doc{i}.txt",
                                                  f"Sentence {i} about Claude and Anthropic.")
                                 for i in range(3))
    assert partner.evidence == (
        EvidenceSentence("doc0.txt", "Sentence 0 about AWS and Anthropic."),)


def test_hops_read_in_the_schemas_direction(graph):
    there = find_paths(graph, CLAUDE, AWS, k=2)
    assert [h.text for h in there[0].hops] == [
        "Claude \u2014released by\u2192 Anthropic",  # forward: the sentence's own phrase
        "Anthropic \u2014partners with\u2014 Amazon Web Services"]  # symmetric: no arrowhead
    assert [h.direction for h in there[0].hops] == ["forward", "both"]
    back = find_paths(graph, AWS, CLAUDE, k=2)
    assert [h.text for h in back[0].hops] == [
        "Amazon Web Services \u2014partners with\u2014 Anthropic",
        "Anthropic \u2014developer of\u2192 Claude"]  # backward: the predicate's inverse
    assert back[0].hops[1].direction == "backward"
    assert [h.text for h in back[1].hops] == ["Amazon Web Services \u2014scores\u2192 90%",
                                              "90% \u2014metric of\u2192 Claude"]
    google = find_paths(graph, GOOGLE, AWS, k=1)[0].hops[0]
    assert google.text == "Google \u2014co-occurs with\u2014 Amazon Web Services"
    assert google.evidence == ()  # a weight without sentences: nothing to quote


def test_a_backward_relation_without_an_inverse_name_keeps_its_phrase_and_arrow():
    g = nx.MultiDiGraph()
    g.add_node("a", label="A")
    g.add_node("b", label="B")
    g.add_edge("a", "b", key="dependency:leads", relation="leads", predicate="",
               method=DEPENDENCY, weight=1.0, evidence=[])
    assert find_paths(g, "b", "a")[0].hops[0].text == "B \u2190leads\u2014 A"


def test_paths_can_be_kept_to_a_node_set(graph):
    def not_a_fact(nid):
        return not is_fact(graph.nodes[nid])

    paths = find_paths(graph, CLAUDE, AWS, k=3, within=not_a_fact)
    assert [p.nodes for p in paths] == [(CLAUDE, ANTHROPIC, AWS), (CLAUDE, ANTHROPIC, GOOGLE, AWS)]
    # the two ends themselves always may be on it
    assert find_paths(graph, CLAUDE, ANTHROPIC, k=1, within=set())[0].nodes == (CLAUDE, ANTHROPIC)
    only_metric = find_paths(graph, CLAUDE, AWS, k=3, within={METRIC})
    assert [p.nodes for p in only_metric] == [(CLAUDE, METRIC, AWS)]
    with pytest.raises(PathError) as caught:
        find_paths(graph, METRIC, GOOGLE, within=set())
    assert str(caught.value) == messages.NO_PATH_WITHIN.format(a="90%", b="Google")


def test_errors_name_what_is_wrong(graph):
    with pytest.raises(PathError, match="Claude; choose two different"):
        find_paths(graph, CLAUDE, CLAUDE)
    with pytest.raises(PathError, match="No entity is called \u201cORG:nobody\u201d"):
        find_paths(graph, CLAUDE, "ORG:nobody")
    with pytest.raises(PathError) as caught:
        find_paths(graph, CLAUDE, LONELY)
    assert str(caught.value) == messages.NO_PATH.format(a="Claude", b="Lonely Labs")
    # in a worker the "no path" answer is returned, not raised (it is not a failure)
    assert str(run_job(paths_job(graph, CLAUDE, LONELY))) == str(caught.value)


def test_names_resolve_to_entities(graph):
    index = EntityIndex(graph)
    assert resolve_entity(graph, index, "  amazon   web services ") == AWS
    assert resolve_entity(graph, index, CLAUDE) == CLAUDE
    for name in ("", "Amazon"):  # a prefix is not a name
        with pytest.raises(PathError):
            resolve_entity(graph, index, name)


def test_the_path_view_is_cached_per_graph_version(graph):
    view = path_view(graph)
    assert path_view(graph) is view
    assert (len(view), view.pair_count) == (6, 6)
    assert view.cost[ANTHROPIC][CLAUDE] == view.cost[CLAUDE][ANTHROPIC] == pytest.approx(1.1)
    cooccurring(graph, CLAUDE, LONELY, 1)  # edited in place: a new version
    assert path_view(graph) is not view
    assert find_paths(graph, CLAUDE, LONELY)[0].nodes == (CLAUDE, LONELY)


HOSTILE = ("<b>x</b>", "*a*")


@pytest.fixture
def hostile_paths():
    g = nx.MultiDiGraph()
    g.add_node("x", label=HOSTILE[0], type="MODEL")
    g.add_node("a", label=HOSTILE[1], type="ORG")
    g.add_edge("x", "a", key="dependency:DEVELOPED_BY", relation="made_by [link](http://e)",
               predicate="DEVELOPED_BY", method=DEPENDENCY, weight=1.0,
               evidence=[{"doc": "<i>doc</i>_1.md", "start": 0, "end": 5,
                          "text": "# <script>alert(1)</script> & *so* `on`\n- item"}])
    return find_paths(g, "x", "a")


def test_markdown_quotes_outside_text_literally(hostile_paths):
    md = explanation_markdown(hostile_paths)
    assert md.startswith("# Why are \\<b\\>x\\</b\\> and \\*a\\* connected?\n")
    assert "1. **\\<b\\>x\\</b\\>** \u2014made\\_by \\[link\\](http://e)\u2192 **\\*a\\***" in md
    assert "   > \\# \\<script\\>alert(1)\\</script\\> \\& \\*so\\* \\`on\\` - item" in md
    assert "   > \u2014 *\\<i\\>doc\\</i\\>\\_1.md*" in md
    for raw in (*HOSTILE, "<script>", "[link]"):
        assert raw not in md
    assert markdown_text("- a list?") == "\\- a list?"
    assert markdown_text("2024. A year") == "2024\\. A year"


def test_html_escapes_outside_text(hostile_paths):
    page = explanation_html(hostile_paths)
    assert "<title>Why are &lt;b&gt;x&lt;/b&gt; and *a* connected?</title>" in page
    assert "<strong>&lt;b&gt;x&lt;/b&gt;</strong>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *so*" in page
    assert "&lt;i&gt;doc&lt;/i&gt;_1.md" in page
    assert "<b>" not in page and "<script>" not in page and "<i>" not in page


def test_nothing_to_explain_is_refused():
    with pytest.raises(ValueError):
        explanation_markdown([])
    with pytest.raises(ValueError):
        explanation_html([])


# -- the real extraction of the seeds -------------------------------------------------------
@pytest.fixture(scope="module")
def seeds(nlp):
    _, info = shared_pipeline()  # the session's pipeline (tests/graph/conftest.py), loaded once
    return run_job(extraction_job(load_corpus([seeds_dir()]), nlp, info))


def named(g: nx.MultiDiGraph, label: str) -> str:
    [nid] = [n for n, d in g.nodes(data=True) if d["label"] == label]
    return nid


def test_seeds_paths_are_chains_of_evidence(seeds):
    g = seeds.graph
    source, target = named(g, "Project Glasswing"), named(g, "Amazon Web Services")
    paths = find_paths(g, source, target, k=3)
    assert len(paths) == 3
    assert [p.cost for p in paths] == sorted(p.cost for p in paths)
    assert len({p.nodes for p in paths}) == 3
    first = paths[0]
    assert first.labels == ("Project Glasswing", "Anthropic", "Amazon Web Services")
    assert first.hops[0].direction == "forward" and first.hops[0].predicate == "DEVELOPED_BY"
    assert first.hops[0].text.startswith("Project Glasswing \u2014")
    assert first.hops[1].predicate == "PARTNERS_WITH" and first.hops[1].direction == "both"
    for path in paths:
        assert path.nodes[0] == source and path.nodes[-1] == target
        assert len(set(path.nodes)) == len(path.nodes)  # loopless
        for hop in path.hops:
            u, v, key = hop.edge
            assert g.has_edge(u, v, key) and {u, v} == {hop.source, hop.target}
            assert hop.evidence, hop.text
            for sentence in hop.evidence:
                assert sentence.text in " ".join(seeds.documents[sentence.doc].text.split())
    reverse = find_paths(g, target, source, k=1)[0]
    assert reverse.hops[-1].text == "Anthropic \u2014developer of\u2192 Project Glasswing"


def test_seeds_paths_keep_to_the_entities_allowed(seeds):
    g = seeds.graph
    metric, anthropic = named(g, "just 9% of conversations"), named(g, "Anthropic")
    kept = find_paths(g, metric, anthropic, k=3, within=lambda n: not is_fact(g.nodes[n]))
    assert kept[0].labels == ("just 9% of conversations", "Claude", "Anthropic")
    assert all(not is_fact(g.nodes[n]) for p in kept for n in p.nodes[1:])  # only the end
    source, target = named(g, "Claude Code"), named(g, "Amazon Web Services")
    with pytest.raises(PathError) as caught:  # every way from Claude Code is through Anthropic
        find_paths(g, source, target, within=lambda n: n != anthropic)
    assert str(caught.value) == messages.NO_PATH_WITHIN.format(a="Claude Code",
                                                               b="Amazon Web Services")


def test_a_sentence_published_twice_is_quoted_once_with_both_documents():
    g = nx.MultiDiGraph()
    g.add_node("a", label="A")
    g.add_node("b", label="B")
    same = "A and B, word for word in two releases."
    g.add_edge("a", "b", key="dependency:USES", relation="uses", predicate="USES",
               method=DEPENDENCY, weight=3.0,
               evidence=[{"doc": "one.txt", "text": same}, {"doc": "two.txt", "text": same},
                         {"doc": "two.txt", "text": "Another sentence."}])
    [path] = find_paths(g, "a", "b")
    assert path.hops[0].quotes() == [(same, ("one.txt", "two.txt")),
                                     ("Another sentence.", ("two.txt",))]
    md = explanation_markdown([path])
    assert md.count("A and B, word for word") == 1 and "   > \u2014 *one.txt, two.txt*" in md
