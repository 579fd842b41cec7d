"""A product's name that opens with an organisation's name is that organisation's product:
"Anthropic Interviewer", "Mistral 7B", "DeepSeek-R1" in a document naming Anthropic,
Mistral AI, DeepSeek (GUIDELINES: DEVELOPED_BY, "xAI's Grok-1.5"). Part of the walk over a
document's sentences (:func:`graph.nlp.discourse.document_candidates`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from graph.nlp.lexicon import words
from graph.nlp.pairs import Candidate

BRANDED = ("MODEL", "PROJECT", "METHOD", "DATASET")  # what a maker's name may open


def _first_word(name: str) -> str:
    return name.replace("-", " ").split(" ")[0] if name else ""


def brand_candidates(sent: Span, ents: list[Span], makers: dict[str, list[Span]],
                     offset: int) -> Iterator[Candidate]:
    """"Anthropic Interviewer", "Mistral 7B", "DeepSeek-R1" in a document naming Anthropic,
    Mistral AI, DeepSeek: a name that opens with an organization's name is that
    organization's product (GUIDELINES: DEVELOPED_BY, "xAI's Grok-1.5"); the evidence is the
    product's sentence and says the maker was found by its name (``via`` "name")."""
    where = (offset + sent.start_char, offset + sent.start_char + len(sent.text.rstrip()))
    for ent in ents:
        word = _first_word(ent.text)
        maker = _maker_of(ent.text, makers.get(word, []))
        if ent.label_ not in BRANDED or maker is None or ent.text == word:
            continue
        yield Candidate((offset + maker.start_char, offset + maker.end_char),
                        (offset + ent.start_char, offset + ent.end_char),
                        "ORG", ent.label_, "name", ("brand", "reading=DEVELOPED_BY<"), where)


def _maker_of(name: str, orgs: list[Span]) -> Span | None:
    """The organization whose whole name opens ``name`` (the longest: "Cohere Playground" is
    Cohere's, not Cohere For AI's), else one whose name is the first word and words that
    only say it is a company ("Mistral AI" for "Mistral 7B"; ``maker_suffixes``); not
    another part of a group ("Google DeepMind" for "Google AI Studio")."""
    folded = name.casefold().replace("-", " ")
    whole = [o for o in orgs if folded.startswith(o.text.casefold().replace("-", " ") + " ")]
    if whole:
        return max(whole, key=len)
    suffixes = words("relations", "maker_suffixes")
    return next((o for o in orgs if all(w.casefold() in suffixes
                                        for w in o.text.replace("-", " ").split()[1:])), None)


def makers_by_word(doc) -> dict[str, list[Span]]:
    """The organizations of a piece by the first word of their name (3 letters or more)."""
    found: dict[str, list[Span]] = {}
    for ent in doc.ents:
        word = _first_word(ent.text)
        if ent.label_ == "ORG" and len(word) >= 3 and word[0].isupper():
            named = found.setdefault(word, [])
            if all(o.text != ent.text for o in named):
                named.append(ent)
    return found
