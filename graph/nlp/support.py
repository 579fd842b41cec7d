"""What a package's page says the package supports (GUIDELINES: USES; the annotators'
convention, ``training/heldout/annotations/*.notes.md``: "supports X", "X support has been
added", "support for X" give the package USES X).

A README states its package's support without naming the package: a changelog's "Added
Jamba, SmolVLM and InternVL quantization support", "* [2026/09] We now support 5/6/7-bit
WOQ models in vLLM and Transformers", "- **Qwen3** is now supported", "Support for X and Y".
The agent is the page's package (:func:`graph.nlp.features.document_subject`) whenever the
clause has no subject of its own other than the authors' "we" or "it". Read from the words
around a cue of ``support_cues`` (``resources/lexicon/relations.json``): what the cue lists
after it ("supports X, Y", "Added X"), or what it closes ("X and Y support", "X is now
supported"). Counted on the open annotated READMEs before writing it: a gold entity within
a line after such a cue is the package's use 225 times of 266 (the READMEs of the train
split 24 of 35, heldout-dev 4 of 13); after "use", "using" or "via", 118 of 218 (left out).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from graph.nlp.lexicon import words
from graph.nlp.use_phrases import JOINS, LEAD, USED

OWN_SUBJECTS = {"we", "it", "i"}  # a clause of the authors, or of "it", the package
CLOSING = ("support", "supported")  # cues that close the list they are said of
BETWEEN = 4  # tokens at most between two items of a list
MARKS = {"/", "*", "**", "`", "+"}  # "Jamba/Jamba2", "**Qwen3**"
AUXILIARY = {"is", "are", "now", "been", "has", "have", "also", "officially", "fully"}


def supported(sent: Span, ents: list[Span], name: str) -> list[Span]:
    """The entities ``sent`` (a sentence of the page of the package ``name``, case-folded)
    says the package supports (see the module's notes)."""
    cues = words("relations", "support_cues")
    starts = {e.start: e for e in ents if e.label_ in USED}
    ends = {e.end: e for e in ents if e.label_ in USED}
    found: list[Span] = []
    for token in sent:
        if token.lower_ not in cues or token.ent_type_ or not _packages_clause(token, name):
            continue
        if token.lower_ in CLOSING:
            found += _run(sent, token.i - 1, ends, -1)
        if token.pos_ in ("VERB", "AUX") or sent.doc[token.i + 1:token.i + 2].text == "for":
            found += _run(sent, token.i + 1, starts, 1)  # (not a noun's: "X support, Y")
    return [e for e in dict.fromkeys(found) if e.text.casefold() != name]


def _run(sent: Span, i: int, at: dict[int, Span], step: int) -> list[Span]:
    """The list of entities from token ``i`` on, forward (``step`` 1, over a few lead words:
    "support for the X, Y") or backward (-1, over the auxiliaries and one noun of what is
    supported: "X and Y checkpoint support", "X is now supported"); a name the recogniser
    missed between two items is passed over ("InternVL and Xing4.0 quantization")."""
    doc, items, gap = sent.doc, [], 0
    inside = range(sent.start, sent.end)
    skip = LEAD | {"for"} if step == 1 else AUXILIARY
    while i in inside and not items and (doc[i].lower_ in skip or doc[i].text in MARKS or
                                         doc[i].is_space or step == -1 and gap == 0 and
                                         doc[i].is_lower and doc[i].pos_ == "NOUN"):
        gap += not doc[i].is_space
        i += step
    gap = 0
    while i in inside and gap <= BETWEEN:
        key = i if step == 1 else i + 1
        if key in at:
            items.append(at[key])
            i = at[key].end if step == 1 else at[key].start - 1
            gap = 0
        elif items and (doc[i].lower_ in JOINS or doc[i].text in MARKS or doc[i].is_space
                        or doc[i].pos_ == "PROPN"):
            gap += not doc[i].is_space
            i += step
        else:
            break
    return items


def _packages_clause(cue: Token, name: str) -> bool:
    """Whether the clause of ``cue`` has no subject, or the package's, the authors' "we" or
    "it" ("Vicuna-7B can run on ..." is the model's; "X is now supported" is X's and the
    package's)."""
    verb = cue
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # "capabilities that include native function calling support"
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                    and any(ch.isalpha() for ch in c.text)]  # (not a "✨" read as one)
        if subjects:
            return cue.lower_ == "supported" or all(
                s.lower_ in OWN_SUBJECTS or s.text.casefold() in name.split() for s in subjects)
        if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head.i == verb.i:
            return True
        verb = verb.head
    return True
