"""The sentences an entity or a relation comes from, and the documents that hold them.

"Copy Evidence" and "Open Source File" in the window read them here: an entity's evidence is
the sentence of each of its mentions (its ``occurrences`` cut out of the document text), a
relation's is its ``evidence`` list. Everything comes from the graph, maybe from an imported
file: values are read defensively, and the text is returned as written (the views escape it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from graph.ingest.documents import Document


@dataclass(frozen=True, slots=True)
class Evidence:
    """One sentence and the document (id) it was read in."""

    text: str
    doc: str


def _items(value) -> list:
    return list(value) if isinstance(value, list | tuple) else []


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def node_evidence(graph: nx.MultiDiGraph, documents: Mapping[str, Document],
                  nid: str) -> list[Evidence]:
    """The sentences that mention ``nid``, in document order, each once.

    Parameters
    ----------
    graph
        The knowledge graph.
    documents
        The source documents by id (their text gives the sentences).
    nid
        An entity of ``graph``.

    Returns
    -------
    list of Evidence
        One per distinct sentence. When no document text is at hand (a graph imported
        without its sources), the evidence sentences of the entity's relations.

    Raises
    ------
    KeyError
        ``nid`` is not in ``graph``.
    """
    data = graph.nodes[nid]
    found: dict[tuple[str, str], None] = {}
    for occ in _items(data.get("occurrences")):
        occ = _items(occ)
        if len(occ) < 5 or not isinstance(occ[0], str):
            continue
        document = documents.get(occ[0])
        if document is None:
            continue
        try:
            sentence = _one_line(document.text[int(occ[3]):int(occ[4])])
        except (TypeError, ValueError):
            continue
        if sentence:
            found.setdefault((sentence, occ[0]), None)
    if not found:
        edges = [*graph.out_edges(nid, keys=True), *graph.in_edges(nid, keys=True)]
        for u, v, key in edges:
            for ev in edge_evidence(graph, u, v, key):
                found.setdefault((ev.text, ev.doc), None)
    return [Evidence(text, doc) for text, doc in found]


def edge_evidence(graph: nx.MultiDiGraph, u: str, v: str, key: str) -> list[Evidence]:
    """The evidence sentences of the edge ``(u, v, key)``, each once, in their order.

    Raises
    ------
    KeyError
        The edge is not in ``graph``.
    """
    found: dict[tuple[str, str], None] = {}
    for ev in _items(graph.edges[u, v, key].get("evidence")):
        if isinstance(ev, dict) and (text := _one_line(ev.get("text", ""))):
            found.setdefault((text, str(ev.get("doc", ""))), None)
    return [Evidence(text, doc) for text, doc in found]


def evidence_text(evidence: Iterable[Evidence]) -> str:
    """Plain text for the clipboard: one ``"sentence" — document`` line per sentence."""
    lines = dict.fromkeys(f'"{ev.text}" \u2014 {ev.doc}' if ev.doc else f'"{ev.text}"'
                          for ev in evidence)
    return "\n".join(lines)


def evidence_documents(evidence: Iterable[Evidence]) -> list[str]:
    """The documents of ``evidence``, the one with most sentences first (then by name)."""
    counts = Counter(ev.doc for ev in evidence if ev.doc)
    return sorted(counts, key=lambda doc: (-counts[doc], doc))
