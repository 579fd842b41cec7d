"""A metric or a date stated again in another document is one node when it is the same fact
(graph.build.facts): the same figure of the same subject, a year said of the same entities,
or the same sentence word for word; never an unrelated "90%" or "last year".

The first tests resolve hand-written mentions of real sentences (what a fact is merged on);
the last extracts real pages, and copies of them with a line of their own, with real spaCy.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from graph.build.jobs import open_corpus_job
from graph.build.resolve import resolve
from graph.explore.entity_facts import entity_facts
from graph.jobs import run_job
from graph.nlp.records import Mention, TypedRelation

ANNOUNCEMENTS = Path(__file__).resolve().parents[2] / "training" / "corpus" / "announcements"


def _mentions(doc: str, text: str, *names: tuple[str, str]) -> list[Mention]:
    """A mention of each ``(surface, type)`` at its first place in the one-sentence text."""
    return [Mention(doc, text.index(s), text.index(s) + len(s), s, label, 0, len(text))
            for s, label in names]


def _has_metric(doc: str, text: str, subject: str, metric: str) -> TypedRelation:
    def span(s):
        return text.index(s), text.index(s) + len(s)
    return TypedRelation(doc, span(subject), span(metric), "scores", 0, len(text),
                         predicate="HAS_METRIC")


def _nodes(texts: dict[str, str], mentions, relations=()) -> Counter:
    entities, _ = resolve(mentions, texts, user_aliases={}, relations=relations)
    return Counter((e.type, e.label) for e in entities)


def test_a_metric_of_the_same_subject_is_one_fact_and_of_another_two():
    texts = {"a": "GPT-4 scores 90% on the test.", "b": "In our runs GPT-4 reached 90% too.",
             "c": "Llama 2 scores 90% on the test."}
    mentions = [*_mentions("a", texts["a"], ("GPT-4", "MODEL"), ("90%", "METRIC")),
                *_mentions("b", texts["b"], ("GPT-4", "MODEL"), ("90%", "METRIC")),
                *_mentions("c", texts["c"], ("Llama 2", "MODEL"), ("90%", "METRIC"))]
    relations = [_has_metric(d, texts[d], s, "90%")
                 for d, s in (("a", "GPT-4"), ("b", "GPT-4"), ("c", "Llama 2"))]
    entities, index = resolve(mentions, texts, user_aliases={}, relations=relations)
    metrics = [e for e in entities if e.type == "METRIC"]
    assert sorted(e.documents for e in metrics) == [["a", "b"], ["c"]]
    # without the relations each document's "90%" is its own finding
    assert _nodes(texts, mentions)[("METRIC", "90%")] == 3
    at = {d: (d, texts[d].index("90%"), texts[d].index("90%") + 3) for d in texts}
    assert index[at["a"]] == index[at["b"]] != index[at["c"]]


def test_a_metric_without_a_subject_merges_only_with_the_same_sentence():
    same = "Accuracy rose to 90% after the change."
    texts = {"a": same, "b": "  Accuracy rose to\n90% after the change.", "c": "About 90% agreed."}
    mentions = [m for d in texts for m in _mentions(d, texts[d], ("90%", "METRIC"))]
    entities, _ = resolve(mentions, texts, user_aliases={})
    assert sorted(e.documents for e in entities) == [["a", "b"], ["c"]]


def test_a_year_joins_where_it_is_said_of_the_same_entities_and_relative_dates_never():
    texts = {"a": "Meta released Llama 2 in 2023.", "b": "Llama 2 came from Meta in 2023.",
             "c": "OpenAI released GPT-4 in 2023.", "d": "Meta grew last year.",
             "e": "Meta shrank last year."}
    mentions = [*_mentions("a", texts["a"], ("Meta", "ORG"), ("Llama 2", "MODEL"),
                           ("2023", "DATE")),
                *_mentions("b", texts["b"], ("Meta", "ORG"), ("Llama 2", "MODEL"),
                           ("2023", "DATE")),
                *_mentions("c", texts["c"], ("OpenAI", "ORG"), ("GPT-4", "MODEL"),
                           ("2023", "DATE")),
                *_mentions("d", texts["d"], ("Meta", "ORG"), ("last year", "DATE")),
                *_mentions("e", texts["e"], ("Meta", "ORG"), ("last year", "DATE"))]
    entities, _ = resolve(mentions, texts, user_aliases={})
    dates = sorted((e.label, e.documents) for e in entities if e.type == "DATE")
    assert dates == [("2023", ["a", "b"]), ("2023", ["c"]), ("last year", ["d"]),
                     ("last year", ["e"])]


def _edges(graph) -> set[tuple]:
    def name(nid):
        return graph.nodes[nid]["type"], graph.nodes[nid]["label"]
    return {(name(u), name(v), key) for u, v, key in graph.edges(keys=True)}


def _facts(graph) -> Counter:
    return Counter(d["type"] for _, d in graph.nodes(data=True) if d["type"] in
                   ("METRIC", "DATE"))


@pytest.mark.slow
def test_pages_copied_once_more_give_the_same_facts_and_keep_every_edge(tmp_path, nlp):
    pages = sorted(ANNOUNCEMENTS.glob("m0[1-3]*"))
    once, twice = tmp_path / "once", tmp_path / "twice"
    once.mkdir(), twice.mkdir()
    for page in pages:
        shutil.copy(page, once / page.name)
        shutil.copy(page, twice / page.name)
        # a line of its own: another digest, so the copy is really extracted
        (twice / f"copy_{page.name}").write_text(f"Copy of {page.stem}.\n\n{page.read_text()}")
    one = run_job(open_corpus_job([str(once)], workspace=tmp_path / "1.threadline"))
    two = run_job(open_corpus_job([str(twice)], workspace=tmp_path / "2.threadline"))
    assert two.extracted == 2 * len(pages)
    g1, g2 = one.graph, two.graph
    assert _facts(g1)["METRIC"] >= 10 and _facts(g2) == _facts(g1)
    assert _edges(g1) <= _edges(g2)  # no relation lost
    assert g2.number_of_nodes() <= g1.number_of_nodes() + 2  # "Copy of ..." may be a name
    # each fact now comes from both copies, its edges with the sentences of both
    phi = next(n for n, d in g2.nodes(data=True) if d["label"] == "Phi-3-mini")
    facts = entity_facts(g2, phi)
    assert [m.label for m in facts.metrics] == [m.label for m in entity_facts(
        g1, next(n for n, d in g1.nodes(data=True) if d["label"] == "Phi-3-mini")).metrics]
    assert facts.metrics and len({m.label for m in facts.metrics}) == len(facts.metrics)
    for fact in facts.metrics:
        assert len(g2.nodes[fact.metric]["documents"]) == 2
        evidence = g2.edges[fact.edge]["evidence"]
        assert {ev["doc"] for ev in evidence} == {"m01_phi3_mini.txt",
                                                  "copy_m01_phi3_mini.txt"}


def test_copies_with_the_same_text_are_extracted_once(tmp_path, nlp):
    folder = tmp_path / "corpus"
    folder.mkdir()
    page = sorted(ANNOUNCEMENTS.glob("m01*"))[0]
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(page, folder / name)
    extraction = run_job(open_corpus_job([str(folder)], workspace=tmp_path / "w.threadline"))
    assert (extraction.extracted, len(extraction.documents)) == (1, 3)
    graph = extraction.graph
    metrics = [d for _, d in graph.nodes(data=True) if d["type"] == "METRIC"]
    assert metrics and all(d["documents"] == ["a.txt", "b.txt", "c.txt"] for d in metrics)
