"""Who made a model, read from how the genre names it: "OpenAI's GPT-3", "o1-mini (OpenAI):
63.6%", "Jamba 1.6 Large, from AI21 Labs,", "the gpt-4-1106-preview model from OpenAI"
(GUIDELINES: DEVELOPED_BY, "xAI's Grok-1.5").

Each is a fixed arrangement of the organization right next to the thing it made, so it is
read from the tokens between the two, which the parse of a list or a table row often gets
wrong.
"""

from __future__ import annotations

from spacy.tokens import Span

from graph.nlp.relations import WE_WORDS

MADE = ("MODEL", "PROJECT", "METHOD", "DATASET")
POSSESSIVE = ("'s", "’s", "'", "’")
FROM = ("from",)
NOUNS = ("model", "models", "family", "series")


def _made_by(made: Span, org: Span, between: list[str], after: str) -> bool:
    """Whether the tokens between ``made`` (written first) and ``org`` say ``org`` made it:
    "X (ORG)", "X, from ORG", "X model from ORG"."""
    if between == ["("]:
        return after == ")"
    words = [w for w in between if w not in (",", "`", "**", '"')]
    return bool(words) and words[-1] in FROM and all(w in NOUNS for w in words[:-1]) \
        and len(words) <= 2


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
    return found
