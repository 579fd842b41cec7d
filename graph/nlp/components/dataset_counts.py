"""What a count of a dataset's parts counts (ANNOTATING: METRIC, a collection's size): "The
dataset encompasses six downstream tasks across four domains", "a suite of nine Japanese
tasks", "StereoSet contains two types of tasks", "5 levels of human difficulty".

A small count written in words is narrative unless it counts a unit (:mod:`~graph.nlp.
components.metrics`); one that counts the parts a dataset is made of (its tasks, domains,
levels, types, ``scale_nouns``) in a sentence about a dataset is its size. A count of sorts
("types", "levels", ``sort_nouns``) runs on to what they are sorts of: "7 types of
multi-image relationships": the 6 gold counts of sorts of the annotated pages are all whole
("categories of" is no such sort: "6 categories" is gold twice without its "of animal
exploitation").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from graph.nlp.lexicon import words

OBJECT_REACH = 5  # tokens from "of" to the noun it names ("of multi-image relationships")


def of_what(head: Token, end: int) -> int:
    """``end``, past "of" and the noun it names after a noun of sorts ending at ``end``
    ("7 types of multi-image relationships", "three levels of difficulty")."""
    doc = head.doc
    if not _a_sort(head) or end != head.i + 1 or end >= len(doc) or doc[end].lower_ != "of":
        return end
    objects = [t for t in doc[end].children if t.dep_ == "pobj" and t.pos_ == "NOUN"]
    return objects[0].i + 1 if objects and objects[0].i - end <= OBJECT_REACH else end


def sorted_noun(counted: Token) -> Token:
    """The noun of sorts a count counts when its phrase runs on to what they are sorts of
    ("three levels of difficulty": "levels"), else ``counted``."""
    of = counted.head
    return of.head if of.lower_ == "of" and _a_sort(of.head) else counted


def _a_sort(noun: Token) -> bool:
    return noun.lower_ in words("metrics", "sort_nouns")


def collection_size(ent: Span, counted: Token) -> bool:
    """A count in words of what a dataset or benchmark is made of, in a sentence about one
    ("The dataset encompasses six downstream tasks across four domains", "a suite of nine
    Japanese tasks", "StereoSet contains two types of tasks": a name is the subject): the
    collection's size, not a narrative "three search tasks", "These tasks support two types
    of sandboxes"."""
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in SPREAD:
        return True  # "307 problems spread across four difficulty levels"
    if counted.lower_ not in words("metrics", "scale_nouns") or ent.start > 0 and \
            ent.doc[ent.start - 1].lower_ in ("first", "last", "other"):
        return False  # "First two datasets were developed ...": some of them, not its size
    collections = words("metrics", "collection_nouns")
    return any(t.lower_ in collections and t.pos_ == "NOUN" or  # "SecQA is organized into"
               t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN" for t in ent.sent)


# what a collection's parts are spread over, whatever they are: "across nine social
# dimensions" (on the annotated pages 32 of 34 small counts after "across", "spanning" or
# "covering" are gold figures; after "into", 8 of 12: "fell into four domains" is not)
SPREAD = ("across", "spanning", "covering")
