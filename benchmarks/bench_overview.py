"""What a big graph opens on, before and after the community opening, and what it costs.

Run: ``.venv/bin/python benchmarks/bench_overview.py [GRAPHML | N ...]`` (default: the
guide pages of ``../shared/corpus``, ``corpus_graph.py``; a number N is a typed
Barabasi-Albert graph of N entities, ``bench_canvas.typed_graph``, for the timings only:
its labels are made up).

For each graph it prints
- the size, and how many nodes :mod:`graph.explore.junk` calls not entities, per reason;
- the time of the work the worker does after building the graph: the junk predicate,
  the communities and PageRank (:func:`graph.explore.analysis.analysis_job` without
  betweenness, which the window adds when asked) and the
  facts (:class:`graph.explore.facts.GraphFacts`), against the facts alone (before);
- before: the 30 best connected of the 150-node overview (metrics and dates last), the
  nodes the canvas labels first, with the junk among them and among all 150;
- after: the community overview's labels (what the window opens on) and the main
  overview's leaders, with the junk among them.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_canvas import typed_graph  # noqa: E402
from benchmarks.corpus_graph import real_corpus_graph  # noqa: E402
from graph.explore.analysis import community_graph  # noqa: E402
from graph.explore.facts import OVERVIEW_LIMIT, GraphFacts, rank_overview  # noqa: E402
from graph.explore.filters import FACT_TYPES  # noqa: E402
from graph.explore.junk import junk_reasons  # noqa: E402
from graph.explore.opening import opening_facts  # noqa: E402
from graph.jobs import run_job  # noqa: E402
from graph.store.graphml import read_graphml  # noqa: E402

LABELLED_FIRST = 30  # about as many labels as the 150-node overview showed at 5k


class Built:
    """A finished build job's result (what opening_facts reads)."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph


def _built(graph: nx.MultiDiGraph):
    return Built(graph)
    yield  # a job: a generator that returns the build


def _names(graph: nx.MultiDiGraph, nodes) -> list[str]:
    return [str(graph.nodes[n].get("label", n)) for n in nodes]


def report(name: str, graph: nx.MultiDiGraph, show_names: bool = True) -> None:
    print(f"== {name}: {graph.number_of_nodes():,} entities, "
          f"{graph.number_of_edges():,} edges")
    start = time.perf_counter()
    junk = junk_reasons(graph)
    junk_s = time.perf_counter() - start
    print(f"not entities: {len(junk):,} ({dict(Counter(junk.values()).most_common())})")

    start = time.perf_counter()
    GraphFacts.of(graph, junk=junk)
    facts_s = time.perf_counter() - start
    start = time.perf_counter()
    _, facts = run_job(opening_facts(_built(graph), "Preparing"))
    opening_s = time.perf_counter() - start
    print(f"worker after the build: junk {junk_s:.2f} s; facts alone (before) "
          f"{facts_s:.2f} s; junk + communities + PageRank + facts (after) "
          f"{opening_s:.2f} s")
    if not show_names:
        return

    facts_only = {n for n, t in graph.nodes(data="type") if t in FACT_TYPES}
    before = rank_overview(graph, OVERVIEW_LIMIT, junk=facts_only)
    first = before[:LABELLED_FIRST]
    print(f"before: {len(before)} nodes; not entities among the first {LABELLED_FIRST}: "
          f"{sum(n in junk for n in first)}, among all: {sum(n in junk for n in before)}")
    print("  first:", ", ".join(_names(graph, first)))
    print("  not entities among the 150:",
          ", ".join(f"{graph.nodes[n].get('label')} ({junk[n]})" for n in before if n in junk))
    analysis = facts.analysis
    if analysis is None:
        print("after: opens as before (a small graph)")
        return
    quotient = community_graph(analysis)
    leaders = [m for c in analysis.communities for m in c.leaders]
    print(f"after: {len(analysis.communities)} communities; the map shows {len(quotient)}; "
          f"not entities among the leaders: {sum(m in junk for m in leaders)}, among the "
          f"main overview's {len(facts.overview)}: {sum(n in junk for n in facts.overview)}")
    for _, data in quotient.nodes(data=True):
        print("  ", data["label"])
    print("  main overview, first:", ", ".join(_names(graph, facts.overview[:LABELLED_FIRST])))


def main(args: list[str]) -> int:
    if not args:
        graph = real_corpus_graph()
        if graph is None:
            print("no corpus beside the repository: pass a GraphML file")
            return 1
        report("guide pages", graph)
    for arg in args:
        if arg.isdigit():
            report(f"typed BA graph {int(arg):,}", typed_graph(int(arg), 2), show_names=False)
        else:
            report(Path(arg).name, read_graphml(arg))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
