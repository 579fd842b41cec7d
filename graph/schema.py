"""The shape of the graph every stage agrees on: ids, edge methods and attribute records.

The knowledge graph is a ``networkx.MultiDiGraph``. Its node and edge attributes are
described here once, as ``TypedDict`` s, and exported to GraphML by :mod:`graph.store`
(docs/ARCHITECTURE.md, "The GraphML contract"). Node ids are ``TYPE:slug`` so the same
entity gets the same id in every run; an edge's key is ``"<method>:<predicate>"`` for a typed
edge, ``"<method>:<relation>"`` otherwise.
Co-occurrence has no direction: it is stored once, from the smaller node id to the larger.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple, NotRequired, TypedDict

COOCCURRENCE = "cooccurrence"
DEPENDENCY = "dependency"
METHODS = (DEPENDENCY, COOCCURRENCE)
COOCCURS_WITH = "co-occurs with"

# The predicate schema of typed edges (``../shared/eval/GUIDELINES.md``, "Relations"): the
# edge's direction is the schema's (source -> target), whatever the sentence's voice.
PREDICATES = ("DEVELOPED_BY", "PARTNERS_WITH", "OUTPERFORMS", "COMPARED_WITH", "EVALUATED_ON",
              "BASED_ON", "USES", "HAS_METRIC", "FUNDS")
# Scored either way round (GUIDELINES' "*"), so the classifier learns them without a
# direction; the first two also have none to show (stored once, no arrowhead, read the same
# from both ends), while who funds whom is kept as the sentence says it.
SYMMETRIC_PREDICATES = frozenset({"PARTNERS_WITH", "COMPARED_WITH", "FUNDS"})
UNDIRECTED_PREDICATES = frozenset({"PARTNERS_WITH", "COMPARED_WITH"})


class Occurrence(NamedTuple):
    """Where one mention of an entity is: character offsets into its document's text.

    Serialised as a JSON array ``[doc, start, end, sent_start, sent_end]``.
    """

    doc: str
    start: int
    end: int
    sent_start: int
    sent_end: int


class Evidence(TypedDict):
    """A sentence that supports an edge (offsets into the document's text)."""

    doc: str
    start: int
    end: int
    text: str
    via: NotRequired[str]  # "we": the source is the document's author, named elsewhere


class NodeAttrs(TypedDict):
    """Attributes of an entity node (Python values; scalars only once exported)."""

    label: str
    type: str
    aliases: list[str]
    documents: list[str]
    mentions: int
    occurrences: list[Occurrence]


class EdgeAttrs(TypedDict):
    """Attributes of a relation edge."""

    relation: str  # the human-readable phrase ("released by", "outperforms")
    predicate: str  # one of PREDICATES on a typed edge, "" on co-occurrence
    weight: float
    method: str  # DEPENDENCY or COOCCURRENCE
    evidence: list[Evidence]


def slugify(text: str) -> str:
    """Lower-case ASCII slug used in node ids (``"Claude Opus 3"`` -> ``"claude-opus-3"``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = re.sub(r"[^\w.%]+|_+", "-", plain).strip("-.")
    return slug or "x"


def node_id(etype: str, label: str) -> str:
    """Stable node id ``TYPE:slug``: the same entity gets the same id in every run."""
    return f"{etype}:{slugify(label)}"


def edge_key(method: str, relation: str, predicate: str = "") -> str:
    """Key of an edge among the parallel edges of one node pair: one typed edge per
    predicate, one co-occurrence edge (``"dependency:USES"``, ``"cooccurrence:co-occurs with"``)."""
    return f"{method}:{predicate or relation}"
