"""The ``threadline_affiliations`` component (after ``threadline_entities``): people named by
where they work stand for it as a clause's subject, and so does a work of theirs.

"Researchers at Stanford University and the University of Toronto ran a double-blind study",
"Researchers at Google proposed ...", "A team at Microsoft developed ...", "A new study from
the Stanford Institute for Human-Centered AI surveyed 2,400 software developers": what the
clause says, it says of the organisations (GUIDELINES: each of them uses the study, develops
the method, surveyed the developers). The parse makes the people the subject and the
organisation the object of "at" or "from"; this component hangs the organisation (with the
items of its list) on the verb as its subject instead, and the people on the organisation,
so that every reading of the clause (the grammar's, the use clauses', the relation
classifier's path) finds it where it finds "Stanford University and the University of
Toronto ran a double-blind study".

Only a verb's subject whose preposition's object is an organisation found by
``threadline_entities`` counts: not "With researchers at the Georgia Institute of
Technology, we are releasing ..." (no subject), nor "researchers at leading labs".
The nouns are ``affiliated_people`` of ``resources/lexicon/entities.json``.

A paper cited by its first author stands for the organisations named after it the same
way: "PAL, proposed by Gao et al. (2022) at Carnegie Mellon University, keeps ...", "It was
proposed by Yao et al. (2022), a team from Princeton University and Google Research",
"Holtzman et al. (2019), from the University of Washington and the Allen Institute for AI,
proposed it": the organisation (with its list) takes the citation's place as the agent or
the subject, the citation hangs on it (GUIDELINES: the organisations develop the method).

On a paper's credit line, a name right before its organisation's parenthesis is an
author's ("**Authors:** Priya Raman (Carnegie Mellon University), ..."), whatever typed it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from graph.nlp.components.spans import credits, doc_text, line_bounds
from graph.nlp.lexicon import words

SUBJECTS = ("nsubj", "nsubjpass")
PLACES = ("at", "from", "by")
CITED_ROLES = ("pobj", *SUBJECTS)  # "proposed by Gao et al.", "Holtzman et al. proposed"
_BETWEEN = {"(", ")", ",", "a", "the", "team", "group", "of", "researchers"}  # "(2022), a team"
_GAP = 8  # tokens between a citation and its organisation


@Language.component("threadline_affiliations")
def affiliations(doc: Doc) -> Doc:
    """Re-hang each "<people> at <ORG>" subject of ``doc`` on its organisation."""
    if not doc.has_annotation("DEP"):
        return doc
    _credited_people(doc)
    people = words("entities", "affiliated_people")
    for token in doc:
        if token.dep_ in SUBJECTS and token.lemma_.lower() in people \
                and token.head.pos_ in ("VERB", "AUX"):
            place = _organisation(token)
            if place is not None:
                place.head, place.dep_ = token.head, token.dep_
                token.head, token.dep_ = place, "appos"
        elif token.lower_ == "et" and token.i + 1 < len(doc) and \
                doc[token.i + 1].lower_ in ("al", "al."):
            _cited_organisation(doc, token.i)
    return doc


def _credited_people(doc: Doc) -> None:
    """On a paper's credit line ("**Authors:** Priya Raman (Carnegie Mellon University), Lena
    Vogt (Allen Institute for AI)"), a name right before its organisation's parenthesis is a
    person's, whatever typed it (the recogniser reads such names as datasets)."""
    ents, changed, text = list(doc.ents), False, doc_text(doc)
    for k, ent in enumerate(ents[:-1]):
        after = ents[k + 1]
        if ent.label_ != "PERSON" and after.label_ == "ORG" and after.start == ent.end + 1 \
                and doc[ent.end].text == "(":
            start, end = line_bounds(ent)
            if credits(text[start:end]):
                ents[k], changed = Span(doc, ent.start, ent.end, label="PERSON"), True
    if changed:
        doc.ents = ents


def _cited_organisation(doc: Doc, et: int) -> None:
    """Hang the organisation named after the citation "<Name> et al." (``doc[et]`` its
    "et") where the citation stands in its clause (see the module's notes)."""
    start, end = et - 1, et + 2
    if start < 0 or not doc[start].text[:1].isupper():
        return
    end += end < len(doc) and doc[end].text == "."
    anchor = next((t for t in doc[start:end] if not start <= t.head.i < end), None)
    if anchor is None or anchor.dep_ not in CITED_ROLES:
        return
    i = end
    while i < min(end + _GAP, len(doc)) and (doc[i].lower_ in _BETWEEN or doc[i].like_num):
        i += 1  # "(2022), a team"
    if i + 1 >= len(doc) or doc[i].lower_ not in ("at", "from"):
        return
    i += 1 + (doc[i + 1].lower_ == "the")
    place = doc[i] if i < len(doc) else None
    if place is None or place.ent_type_ != "ORG" or place.ent_iob_ != "B":
        return
    while place.head.i != place.i and place.head.ent_type_ == "ORG" and \
            doc[place.head.i].ent_iob_ == "I" and place.head.i < i + 8:
        place = place.head  # "Carnegie" -> "University"
    if anchor.head.i == place.i or place.is_ancestor(anchor):
        return
    place.head, place.dep_ = anchor.head, anchor.dep_
    anchor.head, anchor.dep_ = place, "appos"


def _organisation(people: Token) -> Token | None:
    """The word heading the organisation ``people`` are at, when it is one."""
    for prep in people.children:
        if prep.dep_ == "prep" and prep.lower_ in PLACES:
            place = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if place is not None and place.ent_type_ == "ORG":
                return place
    return None
