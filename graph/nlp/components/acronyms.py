"""Acronyms defined in the text take the type of their expansion.

"natural language autoencoders (NLAs)" defines NLA: every "NLA" and "NLAs" of the document
becomes a METHOD like its expansion. Whether the letters spell the name is the rule
resolution uses too (:func:`graph.names.spells_acronym`), so the two cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from graph.names import spells_acronym
from graph.nlp.components.spans import doc_text
from graph.nlp.lexicon import words

_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&]{1,10}$")
# Only names are abbreviated this way; a PERSON's initials or a DATE are not definitions.
ACRONYM_LABELS = ("METHOD", "ORG", "PROJECT", "MODEL")


def acronym_for(span: Span) -> str | None:
    """The acronym defined right after ``span`` ("natural language autoencoders (NLAs)").

    Parameters
    ----------
    span
        A name, followed in its ``Doc`` by ``(``, one token and ``)``.

    Returns
    -------
    str or None
        The acronym without a plural "s" ("NLA"), or ``None`` when the bracketed token is
        not an acronym of ``span``.
    """
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != "(" or doc[span.end + 2].text != ")":
        return None
    candidate = doc[span.end + 1].text
    if not _ACRONYM.match(candidate) or sum(c.isupper() for c in candidate) < 2:
        return None
    acronym = candidate[:-1] if candidate.endswith("s") else candidate
    return acronym if spells_acronym(acronym, span.text) else None


def acronym_spans(doc: Doc, spans: Iterable[Span]) -> list[Span]:
    """Every occurrence in ``doc`` of an acronym one of ``spans`` defines, typed like it.

    Parameters
    ----------
    doc
        The document.
    spans
        Its chosen entities; names of :data:`ACRONYM_LABELS` may define an acronym.

    Returns
    -------
    list of Span
        One span per occurrence (singular or plural), with the label and pattern id of
        the expansion; occurrences that do not fall on token boundaries are skipped.
    """
    found, text = [], doc_text(doc)
    for span in spans:
        if span.label_ not in ACRONYM_LABELS:
            continue
        acronym = acronym_for(span)
        if acronym is None or acronym.casefold() in words("entities", "generic_terms"):
            continue  # "Large Language Models (LLMs)": a generic term, whatever its expansion
        for match in re.finditer(rf"\b{re.escape(acronym)}s?\b", text):
            occurrence = doc.char_span(match.start(), match.end(), label=span.label_,
                                       span_id=span.ent_id_ or "")
            if occurrence is not None:
                found.append(occurrence)
    return found
