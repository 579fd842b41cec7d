"""Who made a product, read from an organisation's possessive before a noun of the
product's kind in apposition to its name: "Quillwork's flagship model, Ledger-7B, ...",
"Phi-4, Microsoft's 14B parameter small language model, ...", "GPT-3.5-Turbo is OpenAI's
advanced language model"; and where the parser made no apposition of it, from the words
alone: "to MMS-1B, Meta's massively multilingual speech model, and ..."
(:func:`_written_apposition`). Part of :func:`graph.nlp.provenance.provenance_readings`.
"""

from __future__ import annotations

from spacy.tokens import Span

from graph.nlp.components.spans import POSSESSIVE_MARKS
from graph.nlp.lexicon import table
from graph.nlp.use_clauses import subject_of

MADE = ("MODEL", "PROJECT", "METHOD", "DATASET")


def owned_products(ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): "DEVELOPED_BY"}`` (``"DEVELOPED_BY<"`` where the organisation
    is written first) for each product an organisation's possessive owns."""
    return _owned_products(ents) | _apposed_makers(ents) | _written_apposition(ents)


def _owned_products(ents: list[Span]) -> dict[tuple[int, int], str]:
    """An organisation's product named in apposition to its noun: "Quillwork's flagship
    model, Ledger-7B, ...", "Ledger-7B, Quillwork's flagship model, ..."."""
    found: dict[tuple[int, int], str] = {}
    for org in (e for e in ents if e.label_ == "ORG" and e.root.dep_ == "poss"):
        noun = org.root.head
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in table("relations", "kind_types"):
            continue
        for made in (e for e in ents if e.label_ in MADE):
            root = made.root
            if root.dep_ == "appos" and root.head.i == noun.i or \
                    noun.dep_ == "appos" and made.start <= noun.head.i < made.end:
                first, second = sorted((org, made), key=lambda e: e.start)
                found[(first.start, second.start)] = \
                    "DEVELOPED_BY<" if first is org else "DEVELOPED_BY"
    return found


def _apposed_makers(ents: list[Span]) -> dict[tuple[int, int], str]:
    """An organisation owning the noun in apposition to a name, or said of it by a copula,
    a noun of the name's kind: "Phi-4, Microsoft's 14B parameter small language model, ..."
    (Phi-4 DEVELOPED_BY Microsoft, however many words describe the model), "GPT-3.5-Turbo
    is OpenAI's advanced language model"."""
    found: dict[tuple[int, int], str] = {}
    for org in ents:
        root = org.root
        noun = root.head
        if org.label_ != "ORG" or root.dep_ != "poss" or noun.dep_ not in ("appos", "attr"):
            continue
        named = noun.head if noun.dep_ == "appos" else subject_of(noun.head)
        if named is None:
            continue
        made = next((e for e in ents if named in e and e.label_ in MADE), None)
        kinds = table("relations", "kind_types").get(noun.lemma_.lower(), "")
        if made is not None and made.end <= org.start and made.label_ in kinds.split():
            found[(made.start, org.start)] = "DEVELOPED_BY"
    return found


_MAX_WORDS = 4  # words between the possessive and the kind's noun
_APPOSITION_ENDS = {",", ".", ";", ")", ""}  # "": a line's end


def _written_apposition(ents: list[Span]) -> dict[tuple[int, int], str]:
    """"MMS-1B, Meta's massively multilingual speech model, ...": a name, a comma, an
    organisation's possessive and a noun of the name's kind closing the apposition, within
    a few words, however the parser attached them."""
    found: dict[tuple[int, int], str] = {}
    kinds = table("relations", "kind_types")
    for n, org in enumerate(ents):
        doc, made = org.doc, ents[n - 1] if n else None
        if org.label_ != "ORG" or made is None or made.label_ not in MADE or \
                made.end + 1 != org.start or doc[made.end].text != "," or \
                org.end >= len(doc) or doc[org.end].lower_ not in POSSESSIVE_MARKS:
            continue
        for i in range(org.end + 1, min(org.end + 2 + _MAX_WORDS, len(doc) - 1)):
            if doc[i].pos_ not in ("NOUN", "ADJ", "ADV"):
                break
            if made.label_ in kinds.get(doc[i].lemma_.lower(), "").split() and \
                    doc[i + 1].text.strip() in _APPOSITION_ENDS:
                found[(made.start, org.start)] = "DEVELOPED_BY"
                break
    return found
