"""What a paper's summary lists as the paper's own: the items of a list its "Contributions:"
line introduces ("- **MultiHop-Haystack (MHH)**, a benchmark of 4,800 questions ...", "-
**Sable-8B-128K**, a model initialised from ...") and the name its "Paper:" line opens with
("**Paper:** "PruneLens: Saliency-Guided Visual Token Pruning ..."") are what the authors
made (GUIDELINES: DEVELOPED_BY each of the paper's organisations): a "we" relation, which
:func:`graph.nlp.authors.resolve_we` gives the paper's affiliations or its author, and drops
where the text names neither.

Read from the lines: the item's or the label's first entity must stand right at its
opening (past bullets, bold and quotes), a thing's type (not an organisation, a person or a
figure). A credited paper's title opening with a name counts as its "Paper:" line does.

A line's bold label names what the people its sentence opens with made, at their
organisations (:func:`labelled_makers`: "4. **Tree of Thoughts.** Researchers at Princeton
University and Google DeepMind let the model explore ...").

What a sentence presents as new is the paper's too (:func:`novel_things`: "PixelPile-40M, a
new corpus of ...", "a new pooling step, FocusPool"), unless the sentence names an
organisation or the maker ("a new test built by the Tsinghua group").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from graph.nlp.components.spans import credits, doc_text
from graph.nlp.features import text_lines
from graph.nlp.lexicon import words
from graph.nlp.reading import LIST_ITEM
from graph.nlp.records import TypedRelation
from graph.nlp.relations import FIRST_PERSON_PLURAL, UNRESOLVED, the_authors

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


# a line's bold label: "4. **Tree of Thoughts.** ...", "- **Zero-shot CoT**: ..."
_BOLD_LABEL = re.compile(r"\s*(?:[-*+•]|\d{1,2}[.)])?\s*\*\*[^*\n]{2,60}?(?:[.:]\*\*|\*\*[.:])")
_PEOPLE_AT = ("at", "from")
_OPENING_WORDS = 8  # tokens of the label's sentence where its makers are named
_LISTING = {",", "and", "&", "the"}


def labelled_makers(doc: Doc, doc_id: str, offset: int = 0) -> Iterator[TypedRelation]:
    """DEVELOPED_BY for the thing a line's bold label names, made by the organisations of
    the people its sentence opens with: "4. **Tree of Thoughts.** Researchers at Princeton
    University and Google DeepMind let the model explore ...", "1. **Self-Refine.** Aman
    Madaan and colleagues at Carnegie Mellon University showed ..." (GUIDELINES:
    DEVELOPED_BY)."""
    text = doc_text(doc)
    people = words("entities", "affiliated_people") | {"colleague"}
    orgs = [e for e in doc.ents if e.label_ == "ORG"]
    for start, end in text_lines(text):
        bold = _BOLD_LABEL.match(text, start, end)
        if bold is None:
            continue
        at = _OPENING.match(text, start, end).end()
        label = next((e for e in doc.ents if e.start_char == at), None)
        body = doc.char_span(bold.end(), end, alignment_mode="expand")
        if label is None or label.label_ not in MADE_TYPES or label.end_char > bold.end() \
                or body is None:
            continue
        noun = next((t for t in body[:_OPENING_WORDS] if t.lemma_.lower() in people and
                     t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _PEOPLE_AT), None)
        if noun is None:
            continue
        for org in _listed_from(doc, orgs, noun.i + 2):
            yield TypedRelation(doc_id, (offset + label.start_char, offset + label.end_char),
                                (offset + org.start_char, offset + org.end_char), "made by",
                                offset + start, offset + end, predicate="DEVELOPED_BY")


def _listed_from(doc: Doc, orgs: list, i: int) -> list:
    """The organisations listed from token ``i`` on ("the University of Tokyo", "Princeton
    University and Google DeepMind")."""
    found = []
    for org in orgs:
        if org.start < i:
            continue
        if any(t.lower_ not in _LISTING for t in doc[i:org.start]):
            break
        found.append(org)
        i = org.end
    return found


NEW = {"new", "novel"}
_DESCRIBED = 6  # tokens from "a new" to the name it describes ("a new recipe called X")
_NAMING = {"called", "named", "dubbed", ",", "-", "(", "**", "*", "`"}


def novel_things(doc: Doc, doc_id: str, offset: int = 0) -> Iterator[TypedRelation]:
    """DEVELOPED_BY "we" for each thing a sentence without an organisation presents as new
    ("PixelPile-40M, a new corpus of 40 million interleaved image-text documents", "a new
    pooling step, FocusPool", "a new recipe called TraceDistill"): in a paper's summary the
    paper's (:func:`graph.nlp.authors.resolve_we` gives it the paper's affiliations or its
    author, or drops it where the text names neither). A sentence naming an organisation
    may say whose it is ("Google released a new model, Gemini"): the classifier's."""
    for sent in doc.sents:
        ents = list(sent.ents)
        if any(e.label_ == "ORG" for e in ents):
            continue
        for ent in ents:
            if ent.label_ in MADE_TYPES and (_new_after(doc, ent) or _new_before(doc, ent)):
                yield TypedRelation(doc_id, (offset + ent.start_char, offset + ent.end_char),
                                    UNRESOLVED, "new", offset + sent.start_char,
                                    offset + sent.end_char, via=FIRST_PERSON_PLURAL,
                                    predicate="DEVELOPED_BY")


def _new_after(doc: Doc, ent) -> bool:
    """"PixelPile-40M, a new corpus of ...": an appositive presenting the name as new, not
    naming who made it ("LoCoMo-Zh, a new test built by the Tsinghua group"; "introduced by
    the authors" names the paper's)."""
    if [t.lower_ for t in doc[ent.end:ent.end + 2]] not in ([",", "a"], [",", "an"]) or \
            ent.end + 2 >= len(doc) or doc[ent.end + 2].lower_ not in NEW:
        return False
    apposed = doc[ent.end + 3:ent.sent.end]
    stop = next((t.i for t in apposed if t.text in (",", ";", ":")), ent.sent.end)
    return not any(t.lower_ == "by" and t.nbor(-1).tag_ == "VBN" and
                   any(w.pos_ == "PROPN" for w in doc[t.i + 1:min(t.i + 4, stop)])
                   for t in doc[ent.end + 3:stop])


def _new_before(doc: Doc, ent) -> bool:
    """"a new pooling step, FocusPool", "a new recipe called TraceDistill": "a new" and the
    kind's nouns right before the name."""
    for k in range(ent.start - 1, max(ent.start - _DESCRIBED, 1) - 1, -1):
        if doc[k].lower_ in NEW:
            return doc[k - 1].lower_ in ("a", "an")
        if doc[k].lower_ not in _NAMING and doc[k].pos_ not in ("NOUN", "ADJ", "PROPN"):
            return False
    return False


def made_by_the_authors(doc: Doc, doc_id: str, offset: int = 0) -> Iterator[TypedRelation]:
    """DEVELOPED_BY "we" for the thing a relative clause says the authors made: "ServeKit,
    an open harness the authors release to re-run ...", "PCA-Kit, an open-source library the
    authors release with the paper", "DocBench, which the authors release with the weights"
    (the clause's subject "we", "the authors" or "the team"; its verb one the authors make
    things with, whose object is the thing the clause describes)."""
    made = words("relations", "we_DEVELOPED_BY")
    ent_of = {t.i: e for e in doc.ents for t in e}
    for verb in doc:
        if verb.dep_ != "relcl" or verb.lemma_.lower() not in made or any(
                c.dep_ == "dobj" and c.lower_ not in ("which", "that") for c in verb.children):
            continue
        if not any(c.dep_ == "nsubj" and (c.lower_ == FIRST_PERSON_PLURAL or the_authors(c))
                   for c in verb.children):
            continue
        noun = verb.head
        ent = ent_of.get(noun.i) or (ent_of.get(noun.head.i) if noun.dep_ == "appos" else None)
        if ent is not None and ent.label_ in MADE_TYPES:
            sent = verb.sent
            yield TypedRelation(doc_id, (offset + ent.start_char, offset + ent.end_char),
                                UNRESOLVED, verb.lemma_.lower(), offset + sent.start_char,
                                offset + sent.end_char, via=FIRST_PERSON_PLURAL,
                                predicate="DEVELOPED_BY")
