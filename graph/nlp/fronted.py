"""Who made the subject of a sentence that opens with how it was made: "Developed by Google
DeepMind, Gemma is ...", "Built by researchers at Larkspur Labs and ETH Zurich, Tessera-2
uses ...", "Originally developed in the Sky Computing Lab at UC Berkeley, vLLM has grown
...", "Trained by Fernhill AI on 2 trillion tokens, Wren 3 reaches ..." (GUIDELINES:
DEVELOPED_BY).

The opening clause is read from its words, not from the parse: the small parser hangs
"researchers at X" or a second maker on the wrong word, and the classifier, which sees the
pair's words and path, is sure of the plain "Developed by X, Y" only. The clause opens the
sentence with a maker's participle (the lexicon's ``rules``: "released by", "built by", ...);
its organisations after "by", "at" or "in" (or listed with one of them) made the name the
main clause opens with, right after the clause's comma.
"""

from __future__ import annotations

from spacy.tokens import Span

from graph.nlp.components.spans import MARKUP
from graph.nlp.owned import MADE
from graph.nlp.provenance import made_participles

MAKER_PREPS = ("by", "at", "in")  # "developed by X", "built at X", "developed in the X Lab"
LEADING = ("originally", "jointly", "first", "also", "initially")  # adverbs before it
LISTED = (",", "and")  # "by X and Y", "by X, Y and Z"
SKIPPED = ("the", "a", "an", "our", "its", "their")  # "in the Sky Computing Lab"


def fronted_makers(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(org.start, made.start): "DEVELOPED_BY<"}`` for the makers a sentence's opening
    participle clause names and the name right after the clause."""
    words = [t for t in sent if t.text not in MARKUP]
    while words and words[0].lower_ in LEADING:
        words = words[1:]
    if len(words) < 4 or words[0].tag_ != "VBN" or \
            words[0].lower_ not in made_participles():
        return {}
    comma = next((t for t in words if t.text == ","), None)
    if comma is None:
        return {}
    made = next((e for e in ents if e.start > comma.i), None)
    if made is None or made.label_ not in MADE or \
            any(t.lower_ not in SKIPPED for t in sent.doc[comma.i + 1:made.start]):
        return {}
    makers: list[Span] = []
    for org in (e for e in ents if words[0].i < e.start < comma.i and e.label_ == "ORG"):
        before = [t.lower_ for t in sent.doc[words[0].i + 1:org.start]
                  if t.lower_ not in SKIPPED]
        if before[-1:] and (before[-1] in MAKER_PREPS or before[-1] in LISTED and makers
                            and makers[-1].end >= org.start - 2):
            makers.append(org)
    return {(org.start, made.start): "DEVELOPED_BY<" for org in makers}
