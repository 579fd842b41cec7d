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

Words that stand for several entities ("Both were trained with FlashAttention", "All three
are fine-tuned from Mistral 7B", "both models", "they") are found here too
(:func:`plural_anaphors`), with what they say of the set (how many, what kind); which set
they stand for is :mod:`graph.nlp.plural`'s to say.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from graph.nlp.lexicon import table, words
from graph.nlp.pair_grammar import ANAPHOR, kind_fits, lists_parts

PRONOUNS = {"it", "its"}
DETERMINERS = {"the", "this", "our"}  # "the model", "this method", "our model"
NOUN_ROLES = ("nsubj", "nsubjpass", "poss")  # where such a noun stands for an antecedent
# "It is important to note that ...", "it takes time to ...": an "it" standing for nothing
# (the clause it stands in for comes after the verb; one before it is another clause the
# parser hung on the verb: "X reaches 54.2 on Arena-Hard; it is competitive with Y")
EXPLETIVE_HEADS = {"be", "seem", "appear", "take", "make", "become"}
CLAUSES = ("ccomp", "xcomp", "csubj")


def _expletive(token: Token) -> bool:
    head = token.head
    return token.dep_ == "expl" or (
        token.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in EXPLETIVE_HEADS
        and any(c.dep_ in CLAUSES and c.i > head.i for c in head.children)) or (
        # "It's reported that X achieves ...", "it has been shown that ...": what is
        # reported is the clause (not "It was shown to outperform Y": the model)
        token.dep_ == "nsubjpass" and any(c.dep_ == "ccomp" and c.i > head.i and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for c in head.children))


# what a kind noun's modifier may say without naming one ("this AI system", "the language
# model"; not "its GLM-5 model")
PLAIN_COMPOUNDS = {"ai", "llm"}


def _plain_modifier(token: Token) -> bool:
    return all(t.is_lower or t.lower_ in PLAIN_COMPOUNDS for t in token.subtree)


def _noun_phrase(token: Token, kind: str, taken: set[int]) -> tuple[int, int] | None:
    """The token span of "the model" / "this method" headed by ``token``, when it can stand
    for an entity of type ``kind`` and names none itself ("its GLM-5 model" does)."""
    if token.pos_ != "NOUN" or token.dep_ not in NOUN_ROLES or \
            token.lemma_.lower() not in words("relations", "kind_nouns"):
        return None
    left = [c for c in token.children if c.i < token.i]
    det = next((c for c in left if c.dep_ in ("det", "poss") and c.lower_ in DETERMINERS), None)
    if det is None or any(c.dep_ == "nummod" or (
            c.dep_ == "compound" and not _plain_modifier(c)) for c in left) \
            or any(i in taken for i in range(token.left_edge.i, token.i)) \
            or not kind_fits(token, kind):
        return None
    return det.i, token.i + 1


def anaphors(sent: Span, ents: list[Span], kind: str) -> list[Span]:
    """The spans of ``sent`` that stand for an entity of type ``kind`` named elsewhere:
    "it"/"its" (not an "it" that stands for nothing: "It is worth noting that ..."), and
    a subject or possessor "the/this/our <kind noun>" that can name a ``kind``; labelled
    ``kind``, with :data:`graph.nlp.pairs.ANAPHOR` as their ``kb_id``."""
    ent_of = {t.i: e for e in ents for t in e}
    taken = set(ent_of)
    found: list[Span] = []
    for t in sent:
        phrase = _noun_phrase(t, kind, taken)
        if phrase is not None and not lists_parts(t, ent_of, (kind,)):
            found.append(Span(sent.doc, *phrase, label=kind, kb_id=ANAPHOR))
            taken.update(range(*phrase))
    for t in sent:
        if t.i not in taken and t.lower_ in PRONOUNS and t.pos_ == "PRON" \
                and not _expletive(t):
            found.append(Span(sent.doc, t.i, t.i + 1, label=kind, kb_id=ANAPHOR))
    return sorted(found, key=lambda s: s.start)


# -- plural anaphors: "Both were trained with X", "All three are fine-tuned from Y" ---------

PLURAL_PRONOUNS = {"they": ("nsubj", "nsubjpass"), "their": ("poss",)}
PLURAL_DETERMINERS = {"the", "these", "those", "our", "both", "all", "each"}
SUBJECT_ROLES = ("nsubj", "nsubjpass")
COUNTED_ROLES = ("dobj", "pobj")  # "we evaluated both models on X": a count says which
EACH_WORDS = {"both", "all", "each"}  # "each of them", "all of the models"
# adjectives that say which set only by when it came: "the new models" are the ones released
PLAIN_ADJECTIVES = {"new", "latest", "newest"}


@dataclass(frozen=True, slots=True)
class Plural:
    """Words that stand for several entities named before (:mod:`graph.nlp.plural`): how
    many ("both": 2, "all four models": 4; ``None`` when the words do not say), the kind
    noun naming what they are ("models"; ``None`` for "they", "both", "all three"), and
    whether it is a pronoun ("they", "their", "each of them"), which stands only for what
    the sentence before was about."""

    start: int  # token span in the doc
    end: int
    count: int | None
    noun: Token | None
    pronoun: bool
    subject: bool  # the subject of its clause ("Both support X"), not an object


def count_of(token: Token) -> int | None:
    """The number a word says ("both", "three", "4"), ``None`` for any other word."""
    if token.lower_.isdecimal():  # (not "3¹": int() reads no superscript)
        return int(token.lower_)
    found = table("relations", "plural_counts").get(token.lower_)
    return int(found) if found else None


def kind_plural(token: Token) -> bool:
    """A plural noun that can name entities of the text ("models", "companies", "sizes")."""
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and token.tag_ == "NNS" and (
        lemma in words("relations", "kind_nouns") or lemma in table("relations", "plural_kinds"))


def _counted_noun(token: Token) -> Plural | None:
    """"both models", "the two models", "these models", "All four models", "our companies":
    a plural kind noun whose determiner or number makes it the set named before ("The new
    models": the ones just released); not a noun a modifier narrows ("the larger models",
    "both Baidu models": which ones, it says)."""
    if not kind_plural(token):
        return None
    left = [c for c in token.children if c.i < token.i]
    if any(c.dep_ in ("compound", "amod", "nmod", "poss") and c.lower_ not in
           PLURAL_DETERMINERS | PLAIN_ADJECTIVES for c in left):
        return None
    dets = [c for c in left if c.dep_ in ("det", "predet", "poss")
            and c.lower_ in PLURAL_DETERMINERS]
    numbers = [c for c in left if c.dep_ == "nummod" and count_of(c) is not None]
    count = next((count_of(c) for c in [*numbers, *dets] if count_of(c) is not None), None)
    subject = token.dep_ in SUBJECT_ROLES
    if not dets or not (subject or token.dep_ == "poss" or
                        count is not None and token.dep_ in COUNTED_ROLES):
        return None
    return Plural(min(c.i for c in [*dets, *numbers]), token.i + 1, count, token, False,
                  subject)


def _of_them(token: Token) -> Plural | None:
    """"each of them", "both of the models", "all three of them" as a subject."""
    if token.dep_ not in SUBJECT_ROLES or not (token.lower_ in EACH_WORDS or
                                               token.pos_ == "NUM" and count_of(token)):
        return None
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    target = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    if target is None or not (target.lower_ == "them" or kind_plural(target) and any(
            c.dep_ == "det" and c.lower_ in PLURAL_DETERMINERS for c in target.children)):
        return None
    start = min([token.i, *(c.i for c in token.children if c.dep_ in ("det", "predet"))])
    return Plural(start, target.i + 1, count_of(token), None if target.lower_ == "them"
                  else target, target.lower_ == "them", True)


def _counted_pronoun(token: Token) -> Plural | None:
    """"Both were trained with X", "All three are fine-tuned from Y", "The two share ...":
    a number standing alone as a subject, "both" alone or after "all"/"the"."""
    count = count_of(token)
    if count is None or count < 2 or token.dep_ not in SUBJECT_ROLES or \
            any(c.dep_ == "prep" for c in token.children):
        return None
    dets = [c for c in token.children if c.dep_ in ("det", "predet") and c.i < token.i
            and c.lower_ in ("all", "the", "these", "those")]
    if token.lower_ != "both" and not dets:
        return None  # "Three epochs take about 9 hours": a figure, not the three named
    return Plural(min([token.i, *(c.i for c in dets)]), token.i + 1, count, None, False, True)


def plural_anaphors(sent: Span, ents: list[Span]) -> list[Plural]:
    """The words of ``sent`` that stand for several entities named before: "they" (subject)
    and "their", "both" or "all three" alone as a subject, "each of them", and a plural
    kind noun made definite ("both models", "these models", "the two companies")."""
    taken = {t.i for e in ents for t in e}
    found: list[Plural] = []
    for t in sent:
        if t.i in taken:
            continue
        if t.pos_ == "PRON" and t.dep_ in PLURAL_PRONOUNS.get(t.lower_, ()):
            plural = Plural(t.i, t.i + 1, None, None, True, t.dep_ in SUBJECT_ROLES)
        else:
            plural = _of_them(t) or _counted_noun(t) or _counted_pronoun(t)
        if plural is not None and not taken & set(range(plural.start, plural.end)):
            found.append(plural)
            taken.update(range(plural.start, plural.end))
    return found
