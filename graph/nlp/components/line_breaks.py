"""The ``threadline_line_breaks`` component: line breaks that end a sentence.

A line break after sentence-final punctuation, or a blank line, ends a sentence. The parser
alone runs "…Flux Pro.\\nCohere launched…" together; a single line break elsewhere may be
hard-wrapped text and is left to the parser.

A word or a number that runs on from a word on the same line does not begin a sentence:
the parser alone cuts "Aya Expanse | 32B outperforms Llama 3.1 70B ..." and "Cohere | For AI
launched Aya Expanse" and loses the sentence's subject.

A Markdown heading is a sentence of its own, whatever its punctuation: the parser alone cuts
"# GDM Dangerous Capabilities: In House CTF" at its colon, and the words after it, read as a
sentence of the body, lose the page's name. So is each row of a Markdown table: the parser
alone runs a row's figures into the next row's model ("| 71.2% | 62.5% |\n| Kestrel-8B (SFT
+ DPO)") and cuts "| 17.5 [12.0, 23.0] |" at its bracket. A list's item starts a
sentence at its mark ("- Square 1:1 1024x1024\n- Landscape 3:2 1536x1024" are two), which
stays with the item's words; so does a numbered item ("4. Times out after 120 seconds").
The marks that end a line stay with its words: the parser alone cut "**The 4o image
generation is accessible with these models:**" before its colon, and the list after it lost
its introduction.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from graph.nlp.components.spans import doc_text

_LINE_BREAK = re.compile(r"(?:(?<=[.!?:;…\"”)\]])[ \t]*\n|\n[ \t]*\n)\s*(?=\S)")
_RUN_ON = re.compile(r"(?<=[^\W_]|%)[ \t]+(?=[A-Za-z0-9])")  # "Expanse 32B", "model uses",
# "Cohere For AI"
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+\S[^\n]*", re.MULTILINE)
_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+(?=\S)", re.MULTILINE)  # "- ", "1. "
_ROW = re.compile(r"^[ \t]*\|[^\n]*\|[ \t]*$", re.MULTILINE)  # a Markdown table's row
_LINE_END = re.compile(r"(?<=\S)[:.!?;]+[*_]*[ \t]*$", re.MULTILINE)  # "these models:**"


@Language.factory("threadline_line_breaks")
class LineBreaks:
    """Mark sentence starts after line breaks, before the parser (which respects them)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) < 2:
            return doc
        text = doc_text(doc)
        offsets = doc.to_array(IDX)  # token start offsets, without a loop over tokens
        marks = doc.to_array(SENT_START).view(numpy.int64)  # (-1: not a start)
        for pattern, mark in ((_RUN_ON, -1), (_LINE_BREAK, 1)):
            found = numpy.fromiter((m.end() for m in pattern.finditer(text)), dtype=offsets.dtype)
            at = numpy.searchsorted(offsets, found)
            ok = (at > 0) & (at < len(doc))
            at = at[ok]
            marks[at[offsets[at] == found[ok]]] = mark
        for item in _ITEM.finditer(text):  # a list item starts a sentence, at its mark
            mark, words = numpy.searchsorted(offsets, (item.start(), item.end()))
            if mark < words < len(doc):
                marks[mark], marks[mark + 1:words + 1] = 1, -1
        for end in _LINE_END.finditer(text):  # a line's last marks end its sentence
            first, last = numpy.searchsorted(offsets, (end.start(), end.end()))
            marks[first:last] = -1
        for heading in (*_HEADING.finditer(text), *_ROW.finditer(text)):  # one sentence each
            first, last = numpy.searchsorted(offsets, (heading.start(), heading.end()))
            marks[first + 1:last] = -1
            while last < len(doc) and doc[last].is_space:
                marks[last], last = -1, last + 1
            if last < len(doc) and first < last:
                marks[last] = 1
        doc.from_array([SENT_START], marks.view(numpy.uint64))
        return doc
