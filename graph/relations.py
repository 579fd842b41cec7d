"""Relations between entities of one sentence.

Two kinds, each edge saying how it was found (``method``):

* ``dependency``: typed relations read off the parse: subject -> verb -> object and
  verb + preposition paths ("X partnered with Y", "X is powered by Y"). The label is the verb
  lemma (plus the preposition); the direction runs from the subject to the object.
* ``cooccurrence``: entities mentioned in the same sentence, weighted by how many
  sentences they share. A shared document alone is not an edge.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
OBJECT_DEPS = {"dobj", "attr", "dative", "oprd", "obj"}
# Walk up through these to reach the noun phrase's role ("Apple" in "with AWS, Apple").
TRANSPARENT_DEPS = {"conj", "appos", "compound", "flat", "nmod", "poss"}
SKIP_VERBS = {"be", "have", "do"}


@dataclass(frozen=True, slots=True)
class TypedRelation:
    """A relation found in one sentence (character offsets into the whole document)."""

    doc: str
    source: tuple[int, int]  # the source mention's character span
    target: tuple[int, int]
    relation: str
    sent_start: int
    sent_end: int


def _role(token: Token) -> tuple[Token, str, str] | None:
    """The verb governing ``token`` and its role: ("subj"|"obj", preposition or "")."""
    seen = 0
    while token.dep_ in TRANSPARENT_DEPS and token.head is not token and seen < 12:
        token, seen = token.head, seen + 1
    dep, head = token.dep_, token.head
    if dep in SUBJECT_DEPS and head.pos_ in ("VERB", "AUX"):
        return head, "subj", ""
    if dep in OBJECT_DEPS and head.pos_ in ("VERB", "AUX"):
        return head, "obj", ""
    if dep == "pobj" and head.dep_ in ("prep", "agent"):
        verb = head.head
        if verb.pos_ in ("VERB", "AUX"):
            return verb, "obj", head.lower_
    return None


def _label(verb: Token, preposition: str) -> str:
    lemma = verb.lemma_.lower() or verb.lower_
    if verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children):
        return f"{verb.lower_} {preposition}".strip()  # keep the passive: "powered by"
    return f"{lemma} {preposition}".strip()


def sentence_relations(sent: Span) -> Iterator[tuple[Span, Span, str]]:
    """``(source, target, label)`` for entity pairs linked through one verb of ``sent``."""
    ents = [e for e in sent.ents]
    if len(ents) < 2:
        return
    by_verb: dict[int, dict[str, list[tuple[Span, str]]]] = {}
    for ent in ents:
        role = _role(ent.root)
        if role is None:
            continue
        verb, kind, prep = role
        by_verb.setdefault(verb.i, {"subj": [], "obj": []})[kind].append((ent, prep))
    for verb_i, roles in by_verb.items():
        verb = sent.doc[verb_i]
        if verb.lemma_.lower() in SKIP_VERBS and not any(p for _, p in roles["obj"]):
            continue
        for subj, _ in roles["subj"]:
            for obj, prep in roles["obj"]:
                if subj.start != obj.start:
                    yield subj, obj, _label(verb, prep)


def dependency_relations(doc: Doc, doc_id: str, offset: int = 0) -> Iterator[TypedRelation]:
    """Typed relations in a parsed spaCy ``Doc`` (nothing when it has no parse)."""
    if not doc.has_annotation("DEP"):
        return
    for sent in doc.sents:
        for source, target, label in sentence_relations(sent):
            yield TypedRelation(doc_id, (offset + source.start_char, offset + source.end_char),
                                (offset + target.start_char, offset + target.end_char), label,
                                offset + sent.start_char, offset + sent.end_char)
