"""Words that stand for an entity named elsewhere, as ends of the relation classifier's
candidate pairs (:mod:`graph.nlp.pairs`): "It ranks second next to GPT-4 on MMLU", "The
model relies on block-skip attention", "We shrank it with structured pruning", "Its
architecture relies on multi-query attention".

Such a word becomes a span of the sentence typed as the entity it stands for (its
antecedent: the entity the sentence before was about, else the document's topic), so the
dependency rules, the surface readings and the classifier read "It outperforms X" as they
read "Y outperforms X"; :mod:`graph.nlp.discourse` then puts the antecedent's span in its
place and marks the evidence (``via``). A noun ("the model", "this method") stands only
for an entity of a kind it can name (``kind_types`` in ``resources/lexicon/relations.json``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from graph.nlp.lexicon import words
from graph.nlp.pair_grammar import ANAPHOR, kind_fits

PRONOUNS = {"it", "its"}
DETERMINERS = {"the", "this", "our"}  # "the model", "this method", "our model"
NOUN_ROLES = ("nsubj", "nsubjpass", "poss")  # where such a noun stands for an antecedent
# "It is important to note that ...", "it takes time to ...": an "it" standing for nothing
EXPLETIVE_HEADS = {"be", "seem", "appear", "take", "make", "become"}
CLAUSES = ("ccomp", "xcomp", "csubj")


def _expletive(token: Token) -> bool:
    head = token.head
    return token.dep_ == "expl" or (
        token.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in EXPLETIVE_HEADS
        and any(c.dep_ in CLAUSES for c in head.children))


def _noun_phrase(token: Token, kind: str, taken: set[int]) -> tuple[int, int] | None:
    """The token span of "the model" / "this method" headed by ``token``, when it can stand
    for an entity of type ``kind`` and names none itself ("its GLM-5 model" does)."""
    if token.pos_ != "NOUN" or token.dep_ not in NOUN_ROLES or \
            token.lemma_.lower() not in words("relations", "kind_nouns"):
        return None
    left = [c for c in token.children if c.i < token.i]
    det = next((c for c in left if c.dep_ in ("det", "poss") and c.lower_ in DETERMINERS), None)
    if det is None or any(c.i in taken or c.dep_ in ("compound", "nummod") for c in left) \
            or not kind_fits(token, kind):
        return None
    return det.i, token.i + 1


def anaphors(sent: Span, ents: list[Span], kind: str) -> list[Span]:
    """The spans of ``sent`` that stand for an entity of type ``kind`` named elsewhere:
    "it"/"its" (not an "it" that stands for nothing: "It is worth noting that ..."), and
    a subject or possessor "the/this/our <kind noun>" that can name a ``kind``; labelled
    ``kind``, with :data:`graph.nlp.pairs.ANAPHOR` as their ``kb_id``."""
    taken = {t.i for e in ents for t in e}
    found: list[Span] = []
    for t in sent:
        phrase = _noun_phrase(t, kind, taken)
        if phrase is not None:
            found.append(Span(sent.doc, *phrase, label=kind, kb_id=ANAPHOR))
            taken.update(range(*phrase))
    for t in sent:
        if t.i not in taken and t.lower_ in PRONOUNS and t.pos_ == "PRON" \
                and not _expletive(t):
            found.append(Span(sent.doc, t.i, t.i + 1, label=kind, kb_id=ANAPHOR))
    return sorted(found, key=lambda s: s.start)
