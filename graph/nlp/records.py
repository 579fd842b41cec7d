"""What extraction hands to the later stages: plain records, no spaCy.

Resolution and graph assembly (:mod:`graph.build`) import these without loading spaCy;
only the modules that run the pipeline do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.ingest.documents import Document


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in a document (character offsets into its text)."""

    doc: str
    start: int
    end: int
    text: str
    label: str
    sent_start: int
    sent_end: int
    key: str = ""  # pattern id from the entity ruler, when a pattern matched


# How a relation's end that its sentence does not name was found (evidence ``via``): "we"
# the document's author; "title" the entity the heading above names; "previous" the entity
# an earlier sentence was about ("It outperforms ...", "The model relies on ..."); "list"
# the entity of the line introducing a list the sentence is an item of; "name" the
# organization a product's name opens with ("Anthropic Interviewer"); "table" the benchmark
# heading a results table's column (graph/nlp/tables.py); "subject" what the whole document
# is about, for the items of its list of features (graph/nlp/features.py) and the benchmarks
# its own is derived from (graph/nlp/variants.py).
VIA = ("we", "title", "previous", "list", "name", "table", "subject")


@dataclass(frozen=True, slots=True)
class TypedRelation:
    """A relation found in one sentence (character offsets into the whole document)."""

    doc: str
    source: tuple[int, int]  # the source mention's character span
    target: tuple[int, int]
    relation: str
    sent_start: int
    sent_end: int
    via: str = ""  # how an end not named in the sentence was found: one of VIA
    predicate: str = ""  # one of graph.schema.PREDICATES, source -> target in its direction


# an entity: its character span (document offsets), type and casefold text
Named = tuple[tuple[int, int], str, str]


@dataclass
class DocumentResult:
    """Everything extracted from one document."""

    doc: Document
    index: int
    total: int
    mentions: list[Mention] = field(default_factory=list)
    relations: list[TypedRelation] = field(default_factory=list)
    words: int = 0
    sentences: list[tuple[int, int]] = field(default_factory=list)  # character spans
    authors: dict[str, tuple[int, int]] = field(default_factory=dict)  # see resolve_we
    # a paper's organisations and where each group starts to hold (graph.nlp.authors)
    affiliations: list[tuple[int, list[tuple[int, int]]]] = field(default_factory=list)
    # The entity the current heading names, for sentences that do not (graph.nlp.pairs):
    # carried from one piece of the text to the next.
    topic: Named | None = None
    # What the whole document is about (graph.nlp.features), found in its first piece.
    subject: Named | None = None
    # The likeliest relation the classifier held back, and its score (graph.nlp.extract),
    # and the likeliest with no "we" among its ends, for when "we" stays unresolved
    fallback: tuple[float, TypedRelation] | None = None
    named_fallback: tuple[float, TypedRelation] | None = None
    # While the document is read: the text the pipeline reads when it is not the
    # document's own (a link's markup left out, graph.nlp.reading.compacted), and where each
    # of its characters stands in the document; every offset above is the read text's
    # until graph.nlp.extract moves them to the document's.
    read: str | None = None
    where: list[int] | None = None

    @property
    def text(self) -> str:
        """The text the offsets point into: what is being read, else the document's."""
        return self.doc.text if self.read is None else self.read


@dataclass(frozen=True, slots=True)
class PipelineInfo:
    """What the pipeline is: recorded in every exported graph and shown by ``--version``."""

    name: str
    version: str
    spacy_version: str
    statistical: bool
    components: tuple[str, ...]
    warning: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}".strip()
