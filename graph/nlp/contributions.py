"""What a paper's summary lists as the paper's own: the items of a list its "Contributions:"
line introduces ("- **MultiHop-Haystack (MHH)**, a benchmark of 4,800 questions ...", "-
**Sable-8B-128K**, a model initialised from ...") and the name its "Paper:" line opens with
("**Paper:** "PruneLens: Saliency-Guided Visual Token Pruning ..."") are what the authors
made (GUIDELINES: DEVELOPED_BY each of the paper's organisations): a "we" relation, which
:func:`graph.nlp.authors.resolve_we` gives the paper's affiliations or its author, and drops
where the text names neither.

Read from the lines: the item's or the label's first entity must stand right at its
opening (past bullets, bold and quotes), a thing's type (not an organisation, a person or a
figure).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from graph.nlp.components.spans import credits, doc_text
from graph.nlp.features import text_lines
from graph.nlp.reading import LIST_ITEM
from graph.nlp.records import TypedRelation
from graph.nlp.relations import FIRST_PERSON_PLURAL, UNRESOLVED

MADE_TYPES = ("MODEL", "METHOD", "DATASET", "PROJECT")
# "Contributions:", "## Key contributions", "The paper makes three contributions:"
_INTRO = re.compile(r"(?i)^(?:#+\s*|[\s*_]*)(?:[\w' ]*\s)?contributions?"
                    r"(?:\s+(?:are|include))?(?:[\s*_]*:[\s*_]*|[\s*_]*)$")
_LABEL = re.compile(r"(?i)^\W*(?:paper|title)\W*:\W*")  # "**Paper:** "PruneLens: ...""
# a paper's title opening with its name, "# MigrateBench: Evaluating Coding Agents ...", "##
# Kestrel-VL: reading documents ...", over its credits (:func:`spans.credits`)
_TITLE = re.compile(r"^#{1,3}\s+(?=[^:]{2,40}:\s)")
_HEAD = 5  # lines
_OPENING = re.compile(r"\s*(?:[-*+•]|\d{1,2}[.)])?[\s*_\"“`]*")  # marks before an item's name


def contributions(doc: Doc, doc_id: str, offset: int = 0) -> Iterator[TypedRelation]:
    """DEVELOPED_BY "we" for each thing a contributions list or a paper line opens with (see
    the module's notes), in document offsets."""
    text = doc_text(doc)
    listing = False
    lines = text_lines(text)
    credited = offset == 0 and any(credits(text[s:e]) for s, e in lines[:_HEAD])
    for number, (start, end) in enumerate(lines):
        line = text[start:end]
        if listing and not line.strip():
            continue
        if not LIST_ITEM.match(line):
            listing = bool(_INTRO.match(line)) and (":" in line or line.lstrip()[:1] == "#")
        label = _LABEL.match(line) or (_TITLE.match(line) if credited and not number else None)
        if not (listing and LIST_ITEM.match(line)) and label is None:
            continue
        at = start + (label.end() if label else 0)
        at = _OPENING.match(text, at, end).end()
        ent = next((e for e in doc.ents if e.start_char == at), None)
        if ent is not None and ent.label_ in MADE_TYPES:
            yield TypedRelation(doc_id, (offset + ent.start_char, offset + ent.end_char),
                                UNRESOLVED, "contribute", offset + start, offset + end,
                                via=FIRST_PERSON_PLURAL, predicate="DEVELOPED_BY")
