"""The size of a dataset or benchmark, as the grammar states it: "The LingOly benchmark covers
more than 90 mostly low-resource languages ... and contains 1,133 problems across 6 formats",
"Global-MMLU is a multilingual evaluation set spanning 42 languages", "HRM8K, a benchmark
comprising 8,011 ... math problems" (GUIDELINES: HAS_METRIC; "1M conversations" of a corpus).

A figure is a fact of the subject of its clause (:func:`graph.nlp.pair_grammar.metric_owner`),
but only of a model, method, project or organisation there: a benchmark subject's score is
rarely its own. A count of things ("1,133 problems", "42 languages") is different: stated of
a dataset, as the subject of the verb that has it, or as the noun a "comprising" / "spanning"
phrase describes, it is what the dataset is made of.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from graph.nlp.relations import VERBAL, phrase_head

DESCRIBING = ("acl", "relcl")  # "a benchmark comprising ...", "a set that spans ..."


def collection_owner(metric: Span, ent_of: dict[int, Span]) -> Span | None:
    """The dataset a count is the size of, or ``None``.

    Parameters
    ----------
    metric
        A METRIC span of a parsed sentence.
    ent_of
        ``{token index: entity}`` for the other entities of the sentence.
    """
    if metric.label_ != "METRIC" or not _count(metric):
        return None
    token = phrase_head(metric)
    for _ in range(6):  # up to the verb: "across 6 formats and 5 levels" of "contains"
        if token.dep_ == "conj" and token.head.pos_ not in VERBAL:
            token = token.head
        elif token.dep_ == "pobj" and token.head.dep_ == "prep":
            token = token.head.head
        elif token.dep_ in ("dobj", "attr") and token.head.pos_ in VERBAL:
            token = token.head
            break
        else:
            break
    if token.pos_ not in VERBAL:
        return None
    while token.dep_ == "conj" and token.head.pos_ in VERBAL:
        token = token.head  # "covers 90 languages ... and contains 1,133 problems"
    if token.dep_ in DESCRIBING:
        return _named(token.head, ent_of)
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _within(subject, ent_of) if subject is not None else None


def _count(metric: Span) -> bool:
    """A number with the things it counts ("1,133 problems"), not a score or a share."""
    root = phrase_head(metric)
    return "%" not in metric.text and root.pos_ in ("NOUN", "PROPN") and \
        not root.like_num and any(t.like_num or t.text[:1].isdigit() for t in metric)


def _named(noun: Token, ent_of: dict[int, Span]) -> Span | None:
    """The dataset a describing noun stands for: "HRM8K, a benchmark" (apposition),
    "Global-MMLU is a ... set" (what the subject is)."""
    if noun.dep_ == "appos":
        return _within(noun.head, ent_of)
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        return _within(subject, ent_of) if subject is not None else None
    return None


def _within(noun: Token, ent_of: dict[int, Span]) -> Span | None:
    """The dataset a noun phrase names: the noun itself or a name before it ("The LingOly
    benchmark", "The HAE-RAE Bench dataset")."""
    for token in [noun, *(t for t in noun.subtree if t.i < noun.i)]:
        ent = ent_of.get(token.i)
        if ent is not None:
            return ent if ent.label_ == "DATASET" else None
    return None
