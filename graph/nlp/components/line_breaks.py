"""The ``threadline_line_breaks`` component: line breaks that end a sentence.

A line break after sentence-final punctuation, or a blank line, ends a sentence. The parser
alone runs "…Flux Pro.\\nCohere launched…" together; a single line break elsewhere may be
hard-wrapped text and is left to the parser.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from graph.nlp.components.spans import doc_text

_LINE_BREAK = re.compile(r"(?:(?<=[.!?:;…\"”)\]])[ \t]*\n|\n[ \t]*\n)\s*(?=\S)")


@Language.factory("threadline_line_breaks")
class LineBreaks:
    """Mark sentence starts after line breaks, before the parser (which respects them)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        starts = [m.end() for m in _LINE_BREAK.finditer(doc_text(doc))]
        if not starts:
            return doc
        offsets = doc.to_array(IDX)  # token start offsets, without a loop over tokens
        for i in numpy.searchsorted(offsets, starts):
            if 0 < i < len(doc) and offsets[i] in starts:
                doc[int(i)].is_sent_start = True
        return doc
