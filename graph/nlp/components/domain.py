"""The trained domain recogniser's output, kept apart from the statistical model's.

``threadline_domain`` is a spaCy ``ner`` trained on annotated text of the genre (MODEL, ORG,
PROJECT, METHOD, DATASET; see ``training/``), sourced into the pipeline after the entity
ruler and before ``en_core_web_sm``'s own ``ner``, which then labels only what is left
(people, places, dates, numbers). Both write ``doc.ents``, so ``threadline_domain_spans``
runs right after the trained component and keeps its spans in
``doc.spans["threadline_domain"]``, where ``threadline_entities`` finds them.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

SPANS_KEY = "threadline_domain"
COMPONENT = "threadline_domain"


@Language.component("threadline_domain_spans")
def keep_domain_spans(doc: Doc) -> Doc:
    """Record the trained recogniser's spans (the ruler's, with a pattern id, are not)."""
    doc.spans[SPANS_KEY] = [ent for ent in doc.ents if not ent.ent_id_]
    return doc
