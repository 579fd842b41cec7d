"""The facts about one entity: the metrics reported for it and the dates it is mentioned with.

Metrics ("51.7%") and dates ("March 2024") are nodes of the graph, but a person reads them as
facts about the entity they belong to, not as entities of their own; the window shows them
in an entity's details and tooltip (and draws them as nodes only when asked to, see
:data:`graph.explore.filters.FACT_TYPES`). :func:`entity_facts` reads them off the graph:

* a metric is the target of a ``HAS_METRIC`` edge from the entity; when a sentence that
  gives that edge also gives an ``EVALUATED_ON`` edge from the entity to a dataset, the
  metric was measured on that dataset ("51.7% on MATH"). Of several such datasets in one
  sentence, the one written nearest to the metric is taken;
* a date is a ``DATE`` node that shares a sentence with the entity (a co-occurrence edge).

Everything here comes from the graph, maybe from an imported file: values are read
defensively and returned as given (the views escape them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graph.schema import COOCCURRENCE, DEPENDENCY

DATASET, DATE = "DATASET", "DATE"
HAS_METRIC, EVALUATED_ON = "HAS_METRIC", "EVALUATED_ON"

Sentence = tuple[str, int, int]  # (doc, start, end) of an evidence sentence
Edge = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class MetricFact:
    """A metric reported for the entity, and the datasets it was measured on."""

    metric: str  # node id of the METRIC
    label: str
    benchmarks: tuple[tuple[str, str], ...]  # (node id, label) of each dataset
    edge: Edge  # the HAS_METRIC edge

    @property
    def text(self) -> str:
        """``"51.7% — on MATH"``, or the metric alone."""
        if not self.benchmarks:
            return self.label
        return f"{self.label} \u2014 on {', '.join(label for _, label in self.benchmarks)}"


@dataclass(frozen=True, slots=True)
class DateFact:
    """A date mentioned in the same sentences as the entity."""

    date: str  # node id of the DATE
    label: str
    sentences: float  # the co-occurrence edge's weight
    edge: Edge


@dataclass(frozen=True, slots=True)
class EntityFacts:
    """What :func:`entity_facts` found; empty (false) when there is nothing to say."""

    metrics: tuple[MetricFact, ...] = ()
    dates: tuple[DateFact, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.metrics or self.dates)

    def lines(self, limit: int = 8) -> list[str]:
        """The facts as plain lines (a tooltip): one per metric, the dates on one line."""
        lines = [m.text for m in self.metrics[:limit]]
        if len(self.metrics) > limit:
            lines.append(f"\u2026 and {len(self.metrics) - limit} more metrics")
        if self.dates:
            shown = ", ".join(d.label for d in self.dates[:limit])
            more = f" \u2026 (+{len(self.dates) - limit})" if len(self.dates) > limit else ""
            lines.append(f"Date{'s' if len(self.dates) > 1 else ''}: {shown}{more}")
        return lines


def _label(graph: nx.MultiDiGraph, nid: str) -> str:
    return str(graph.nodes[nid].get("label", nid))


def _sentences(data: dict) -> set[Sentence]:
    """The evidence sentences of an edge (bare sentences without a place are left out)."""
    found = set()
    evidence = data.get("evidence")
    for ev in evidence if isinstance(evidence, list) else ():
        if not isinstance(ev, dict) or not ev.get("doc"):
            continue
        start, end = ev.get("start"), ev.get("end")
        if isinstance(start, int) and isinstance(end, int) and end > start:
            found.add((str(ev["doc"]), start, end))
    return found


def _spans(graph: nx.MultiDiGraph, nid: str, sentences: set[Sentence]) -> list[tuple]:
    """``(doc, start, end)`` of the mentions of ``nid`` inside ``sentences``."""
    spans = []
    occurrences = graph.nodes[nid].get("occurrences")
    for occ in occurrences if isinstance(occurrences, list | tuple) else ():
        try:
            doc, start, end, sent_start, sent_end = occ
        except (TypeError, ValueError):
            continue
        if (doc, sent_start, sent_end) in sentences:
            spans.append((doc, start, end))
    return spans


def _distance(a: Iterable[tuple], b: Iterable[tuple]) -> float:
    """Characters between the nearest mentions of two entities in the same document."""
    gaps = [max(0, y[1] - x[2], x[1] - y[2]) for x in a for y in b if x[0] == y[0]]
    return min(gaps, default=float("inf"))


def _benchmarks(graph: nx.MultiDiGraph, metric: str, sentences: set[Sentence],
                evaluated: list[tuple[str, set[Sentence]]]) -> tuple[tuple[str, str], ...]:
    """The datasets evaluated on in the sentences that give the metric (nearest first)."""
    shared = [(d, sents & sentences) for d, sents in evaluated if sents & sentences]
    if len(shared) > 1:
        near = {d: _distance(_spans(graph, metric, common), _spans(graph, d, common))
                for d, common in shared}
        best = min(near.values())
        if best != float("inf"):
            shared = [(d, common) for d, common in shared if near[d] == best]
    return tuple((d, _label(graph, d)) for d, _ in shared)


def entity_facts(graph: nx.MultiDiGraph, nid: str) -> EntityFacts:
    """The metrics reported for ``nid`` and the dates it is mentioned with.

    Metrics come in the order of their evidence (heaviest first), dates by the number of
    sentences shared, then label.
    """
    if nid not in graph:
        return EntityFacts()
    nodes = graph.nodes
    has_metric: list[tuple[str, str, dict]] = []
    evaluated: list[tuple[str, set[Sentence]]] = []
    dates: list[DateFact] = []
    for _, v, key, data in graph.out_edges(nid, keys=True, data=True):
        predicate = data.get("predicate") if data.get("method") == DEPENDENCY else None
        if predicate == HAS_METRIC and v != nid:
            has_metric.append((v, key, data))
        elif predicate == EVALUATED_ON and nodes[v].get("type") == DATASET:
            evaluated.append((v, _sentences(data)))
    for u, v, key, data in (*graph.out_edges(nid, keys=True, data=True),
                            *graph.in_edges(nid, keys=True, data=True)):
        other = v if u == nid else u
        if (data.get("method") == COOCCURRENCE and other != nid
                and nodes[other].get("type") == DATE):
            dates.append(DateFact(other, _label(graph, other), _weight(data), (u, v, key)))
    has_metric.sort(key=lambda item: (-_weight(item[2]), _label(graph, item[0])))
    metrics = tuple(
        MetricFact(v, _label(graph, v), _benchmarks(graph, v, _sentences(data), evaluated),
                   (nid, v, key))
        for v, key, data in has_metric)
    dates.sort(key=lambda d: (-d.sentences, d.label))
    return EntityFacts(metrics, tuple(dates))


def _weight(data: dict) -> float:
    try:
        return float(data.get("weight", 1.0))
    except (TypeError, ValueError):
        return 0.0
