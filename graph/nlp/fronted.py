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

A sentence opening on people and their organisations says the same of what they make
(:func:`people_makers`: "Researchers from Tsinghua University, working with Zhipu AI,
propose QuRA"), read from the words too: the parser may make the verb a noun's modifier.
"""

from __future__ import annotations

from spacy.tokens import Span

from graph.nlp.components.spans import MARKUP
from graph.nlp.lexicon import words as words_of
from graph.nlp.owned import MADE
from graph.nlp.provenance import made_participles
from graph.nlp.use_phrases import listed

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


PEOPLE_PREPS = ("at", "from")  # "Researchers at X", "A team from X and Y"
WITH = ("working with", "together with", "in collaboration with", "with")  # a partner lab
OPENING = 3  # words before the people's noun ("A new team")


def people_makers(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(org.start, made.start): "DEVELOPED_BY<"}`` for what the people of organisations
    a sentence opens with say they made: "Researchers from Tsinghua University, working with
    Zhipu AI, propose Quantization-Aware Rank Allocation (QuRA)" (each organisation made
    it). Read from the words: the small parser makes "propose" a noun's modifier here."""
    words = [t for t in sent if t.text not in MARKUP and not t.is_space]
    people = words_of("entities", "affiliated_people")
    noun = next((k for k, t in enumerate(words[:OPENING + 1])
                 if t.lemma_.lower() in people or t.lower_.rstrip("s") in people), None)
    if noun is None or noun + 2 >= len(words) or words[noun + 1].lower_ not in PEOPLE_PREPS:
        return {}
    orgs, k = _orgs_from(words, noun + 2, ents)
    if not orgs:
        return {}
    if words[k:k + 1] and words[k].text == ",":  # ", working with Zhipu AI,"
        joined = next((w for w in WITH if " ".join(t.lower_ for t in words[k + 1:k + 1 +
                                                   len(w.split())]) == w), None)
        if joined is not None:
            partners, k = _orgs_from(words, k + 1 + len(joined.split()), ents)
            orgs += partners
            k += words[k:k + 1] != [] and words[k].text == ","
    if k >= len(words) or not _made_verb(words[k]):
        return {}
    made = listed(sent.doc, words[k].i + 1, sent.end, ents, MADE)
    return {(org.start, thing.start): "DEVELOPED_BY<" for org in orgs for thing in made}


def _orgs_from(words: list, k: int, ents: list[Span]) -> tuple[list[Span], int]:
    """The organisations listed from word ``k`` ("Cohere Labs and the University of
    Toronto"), and the index of the first word after them."""
    starts = {e.start: e for e in ents if e.label_ == "ORG"}
    found: list[Span] = []
    while k < len(words):
        if words[k].i in starts:
            found.append(starts[words[k].i])
            while k < len(words) and words[k].i < found[-1].end:
                k += 1
        elif words[k].lower_ in SKIPPED or found and words[k].lower_ in LISTED:
            k += 1
        else:
            break
    while found and words[k - 1].lower_ in (*LISTED, *SKIPPED):  # "X and" before the verb
        k -= 1
    return found, k


def _made_verb(token) -> bool:
    """A verb of making ("propose", "introduces", "released"), whatever the tagger said."""
    return bool({token.lemma_.lower(), token.lower_, token.lower_[:-1], token.lower_[:-2]}
                & MAKING)


MAKING = frozenset({"release", "develop", "introduce", "create", "build", "built", "launch",
                    "announce", "propose", "publish", "present", "unveil", "design"})
