"""Who made a model, read from how the genre names it: "OpenAI's GPT-3", "o1-mini (OpenAI):
63.6%", "Jamba 1.6 Large, from AI21 Labs,", "the gpt-4-1106-preview model from OpenAI",
"Sailor2-20B, which was built by Sea AI Lab", "Code Llama is a family of large language models,
released by Meta", "Aya 23, a new family of multilingual language models from Cohere For AI",
"QwQ-32B-Preview (Qwen team, Alibaba Cloud)",
"LLaMA (Meta AI, 2023)" (GUIDELINES: DEVELOPED_BY, "xAI's Grok-1.5").

Each is a fixed arrangement of the organization right next to the thing it made, so it is
read from the tokens between the two, which the parse of a list or a table row often gets
wrong.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span

from graph.nlp.lexicon import table, words
from graph.nlp.relations import WE_WORDS

MADE = ("MODEL", "PROJECT", "METHOD", "DATASET")
POSSESSIVE = ("'s", "’s", "'", "’")
FROM = ("from",)
NOUNS = ("model", "models", "family", "series")
RELATIVE = ("which", "that")
AUXILIARIES = ("was", "were", "is", "are", "has", "have", "had", "been", "being", "jointly",
               "also", "originally")
COPULAS = ("is", "are", "was", "were")
ARTICLES = ("a", "an", "the")
CLOSING = (")", ",", "and", ";")  # what may follow the maker in "X (ORG, ORG, 2023)"
# (the tokenizer may keep what follows a closing parenthesis with it: "(Anthropic):")


@cache
def _made_participles() -> frozenset[str]:
    """The participles whose "by" names a maker ("released", "built", "open-sourced"): the
    passive phrases of the lexicon's ``rules`` that give DEVELOPED_BY."""
    return frozenset(phrase.removesuffix(" by") for phrase, label in
                     table("relations", "rules").items()
                     if label == "DEVELOPED_BY" and phrase.endswith(" by"))


def _participle_by(words: list[str]) -> bool:
    """"X, released by ORG", "X, which was built by ORG": a relative or appositive clause of
    ``X`` that ends with a maker's participle and "by" right before the organization."""
    if len(words) < 2 or words[-1] != "by" or words[-2] not in _made_participles():
        return False
    rest = words[:-2]
    if rest and rest[0] in RELATIVE:
        rest = rest[1:]
    return all(w in AUXILIARIES for w in rest)


def _made_by(made: Span, org: Span, between: list[str], after: str) -> bool:
    """Whether the tokens between ``made`` (written first) and ``org`` say ``org`` made it:
    "X (ORG)", "X (ORG, 2023)", "X, from ORG", "X model from ORG", "X, which was released by
    ORG", "X is a family of models, released by ORG"."""
    if between == ["("]:
        return (after[:1] in CLOSING or after in CLOSING) and _parenthesis_of_makers(org)
    words = [w for w in between if w not in (",", "`", "**", '"')]
    if between[:1] == [","] and _participle_by(words):
        return True
    if _described_from(between):
        return True
    if between[:1] and between[0] in COPULAS and "," in between:
        # "X is a family of large language models (LLM), released by ORG"
        last = len(between) - 1 - between[::-1].index(",")
        if _participle_by(between[last + 1:]):
            return True
    return bool(words) and words[-1] in FROM and all(w in NOUNS for w in words[:-1]) \
        and len(words) <= 2


def _described_from(between: list[str]) -> bool:
    """"X, a new family of open-weights multilingual language models from ORG", "X is the
    latest model from ORG", "X, the base model released by ORG": a description of ``X``
    (after a comma or a copula, opening with an article, no clause) whose model noun comes
    "from" the organization or is made "by" it."""
    if between[-1:] == ["by"] and len(between) > 2 and between[-2] in _made_participles():
        between = [*between[:-2], "from"]  # "X, the base model released by ORG"
    if len(between) < 4 or between[-1] not in FROM or between[-2] not in NOUNS:
        return False
    start = 1 if between[0] == "," or between[0] in COPULAS else 0
    return bool(start) and between[start] in ARTICLES and "," not in between[start:] \
        and not any(w in RELATIVE for w in between)


def _parenthesis_of_makers(org: Span) -> bool:
    """Whether the parenthesis ``org`` opens holds only organizations and a date ("(Qwen
    team, Alibaba Cloud)", "(Meta AI, 2023)"), not a gloss ("(OpenAI's API, with ...)")."""
    doc = org.doc
    names = {t.i for e in doc.ents if e.label_ in ("ORG", "DATE") for t in e}
    for token in doc[org.end:min(len(doc), org.end + 12)]:
        if token.text.startswith(")"):
            return True
        if token.i not in names and token.text not in (",", "and", ";") and \
                not token.like_num:
            return False
    return False


def _listed_makers(sent: Span, made: Span, ents: list[Span]) -> list[Span]:
    """The organizations after the first of a parenthesis of makers ("Alibaba Cloud" in
    "QwQ-32B-Preview (Qwen team, Alibaba Cloud)")."""
    doc = sent.doc
    if made.end >= len(doc) - 1 or doc[made.end].text != "(":
        return []
    inside = [e for e in ents if e.start > made.end and e.end <= sent.end]
    found = []
    for ent in inside:
        gap = [t.text for t in doc[(found[-1].end if found else made.end + 1):ent.start]]
        if found and gap not in ([","], ["and"], [",", "and"]) or not found and gap:
            break
        if ent.label_ != "ORG":
            break
        found.append(ent)
    return found[1:] if found and _parenthesis_of_makers(found[0]) else []


def _modifies_a_noun(ent: Span) -> bool:
    """"Tencent's mixture-of-experts model": the possessor owns the model, not the method."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].pos_ in ("NOUN", "PROPN")


def provenance_readings(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): label}`` (``a`` written first) for the pairs the sentence names
    as an organization and what it made: ``"DEVELOPED_BY<"`` for "OpenAI's GPT-3",
    ``"DEVELOPED_BY"`` for "o1-mini (OpenAI)"."""
    doc = sent.doc
    found: dict[tuple[int, int], str] = {}
    for a, b in zip(ents, ents[1:], strict=False):
        if a.text.lower() in WE_WORDS or b.text.lower() in WE_WORDS:
            continue
        between = [t.lower_ for t in doc[a.end:b.start]]
        if a.label_ == "ORG" and b.label_ in MADE and len(between) == 1 and \
                between[0] in POSSESSIVE and not _modifies_a_noun(b):
            found[(a.start, b.start)] = "DEVELOPED_BY<"  # "OpenAI's GPT-3"
        elif a.label_ in MADE and b.label_ == "ORG":
            after = doc[b.end].text if b.end < len(doc) else ""
            if _made_by(a, b, between, after):
                found[(a.start, b.start)] = "DEVELOPED_BY"
                for other in _listed_makers(sent, a, ents):
                    found[(a.start, other.start)] = "DEVELOPED_BY"
    return found


@cache
def _owning_nouns() -> frozenset[str]:
    """The nouns an organisation written before them still makes, staffs or is: people
    and teams ("Google researchers introduced X"), a company ("the Seattle lab"), a kind
    the other end may be ("an OpenAI model", "the Meta paper")."""
    return frozenset().union(
        words("roles", "staff_nouns"), words("roles", "person_nouns"),
        words("relations", "company_nouns"), table("relations", "kind_types"),
        words("entities", "model_nouns"), words("entities", "product_nouns"),
        words("authors", "author_nouns"), words("relations", "owned_nouns"))


def names_a_thing(org: Span) -> bool:
    """An organisation written before a common noun it neither makes nor staffs: "download
    the weights from Hugging Face repos", "a Hugging Face repo name", "$10 of OpenAI
    credits". It names the noun's thing (where the weights are, whose credits), not a maker
    of what the sentence is about; but not "Google researchers introduced X", "an OpenAI
    model" (:func:`_owning_nouns`), nor "OpenAI's GPT-4" (a possessive)."""
    root = org.root
    head = root.head
    return org.label_ == "ORG" and root.dep_ in ("compound", "nmod", "amod") and \
        head.i >= org.end and head.pos_ == "NOUN" and not head.ent_type_ and \
        head.lemma_.lower() not in _owning_nouns() and head.lower_ not in _owning_nouns()

