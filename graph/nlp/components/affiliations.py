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
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from graph.nlp.lexicon import words

SUBJECTS = ("nsubj", "nsubjpass")
PLACES = ("at", "from", "by")


@Language.component("threadline_affiliations")
def affiliations(doc: Doc) -> Doc:
    """Re-hang each "<people> at <ORG>" subject of ``doc`` on its organisation."""
    if not doc.has_annotation("DEP"):
        return doc
    people = words("entities", "affiliated_people")
    for token in doc:
        if token.dep_ in SUBJECTS and token.lemma_.lower() in people \
                and token.head.pos_ in ("VERB", "AUX"):
            place = _organisation(token)
            if place is not None:
                place.head, place.dep_ = token.head, token.dep_
                token.head, token.dep_ = place, "appos"
    return doc


def _organisation(people: Token) -> Token | None:
    """The word heading the organisation ``people`` are at, when it is one."""
    for prep in people.children:
        if prep.dep_ == "prep" and prep.lower_ in PLACES:
            place = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if place is not None and place.ent_type_ == "ORG":
                return place
    return None
