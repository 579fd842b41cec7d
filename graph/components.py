"""Threadline's domain components for spaCy, registered with ``@Language.factory``.

``threadline_entities`` runs last: it maps the statistical model's labels onto Threadline's
types (``resources/taxonomy.json``) and builds METRIC spans from a number and the noun it
quantifies in the parse. The result is ``doc.ents`` with Threadline labels only.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

# The statistical model's labels -> Threadline's types; unlisted labels are dropped.
LABEL_MAP = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "DATE": "DATE",
    "MODEL": "MODEL",
    "PROJECT": "PROJECT",
    "METHOD": "METHOD",
    "METRIC": "METRIC",
}
NUMERIC_LABELS = {"PERCENT", "CARDINAL", "QUANTITY", "MONEY"}


def metric_span(ent: Span) -> Span | None:
    """Extend a numeric entity to the noun it quantifies ("159 countries", "6% of users")."""
    doc = ent.doc
    root = ent.root
    end = ent.end
    if root.dep_ == "nummod" and root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= ent.end:
        end = root.head.i + 1
    else:
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [t for t in child.children if t.dep_ == "pobj"]
                if objects:
                    end = objects[0].i + 1
                break
    if end == ent.end and ent.label_ == "CARDINAL":
        return None  # a bare count with nothing it counts is not a finding
    return Span(doc, ent.start, end, label="METRIC")


@Language.factory("threadline_entities")
class ThreadlineEntities:
    """Map statistical labels to Threadline types and assemble METRIC spans."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        parsed = doc.has_annotation("DEP")
        for ent in doc.ents:
            if ent.label_ in NUMERIC_LABELS:
                metric = metric_span(ent) if parsed else None
                if metric is not None:
                    spans.append(metric)
                continue
            label = LABEL_MAP.get(ent.label_)
            if label:
                spans.append(ent if ent.label_ == label else Span(doc, ent.start, ent.end, label))
        doc.ents = filter_spans(spans)
        return doc
