"""Comparisons that name the compared models after the word, not on both sides of it:
"compare ORPO with SFT, RLHF and DPO", "A preliminary comparison and assessment of
ChatGPT-3.5, ChatGPT-4, and Google Bard", "A Comparative Study on ChatGPT and Fine-tuned
BERT", "the performance comparison between Phi-2 (2.7B) and Phi-1.5 (1.3B)", and a fronted
"Compared to X, the Y model ..." (GUIDELINES: COMPARED_WITH; OUTPERFORMS where the subject
then "trails" or "leads" with no object of its own).

:mod:`graph.nlp.comparisons` reads a cue with its subject before it; here the words after a
cue of comparing list every end, read from the surface as there.
"""

from __future__ import annotations

from itertools import combinations

from spacy.tokens import Span

from graph.nlp.comparisons import ENDS, FILLER

NOUNS = {"comparison", "comparisons", "comparative", "compare", "compares", "comparing",
         "compared"}
# words between the cue and the first model ("and assessment of", "study on", "between")
LEAD = FILLER | {"and", "assessment", "analysis", "study", "evaluation", "of", "on", "between",
                 "among", "performance", "preliminary", "head", "-", "to", "with", "(", ")",
                 "`", "**"}
JOINS = {",", "and", "&", "with", "to", "vs", "vs.", "versus", "against", "(", ")", "or",
         "**", "`"}
FIGURE = ("METRIC",)  # not compared: a size between two items ("Phi-2 (2.7B) and")


def _listed(doc, start: int, end: int, ents: list[Span]) -> tuple[list[Span], list[str]]:
    """The models or methods listed from ``start`` within a few lead words, and the join
    before each after the first ("with", ",", "and")."""
    after = [e for e in ents if start <= e.start < end and e.label_ not in FIGURE]
    if not after or after[0].start - start > 6 or any(
            doc[k].lower_ not in LEAD for k in range(start, after[0].start)):
        return [], []
    items, joins = [after[0]], []
    for e in after[1:]:
        gap = _unbracketed(doc[items[-1].end:e.start])
        if gap is None or len(gap) > 4 or not all(t.lower_ in JOINS | {"the", "fine", "-", "tuned"}
                                   for t in gap):
            break
        items.append(e)
        joins.append(next((t.lower_ for t in gap if t.lower_ in ("with", "to", "against")),
                          ","))
    if items[0].label_ not in ENDS and joins[:1] in (["with"], ["to"], ["against"]):
        return [], []  # "compare X with A, B": X is no model or method, A is compared with it
    return [e for e in items if e.label_ in ENDS], joins


def _unbracketed(span: Span) -> list | None:
    """The tokens of a gap outside closed brackets ("(2.7B) and": "and"); ``None`` when a
    bracket is still open ("GPT-3.5 (which powers ChatGPT"): the next name is inside it."""
    out, depth = [], 0
    for t in span:
        depth += t.text == "("
        if not depth:
            out.append(t)
        depth -= t.text == ")" and depth > 0
    return None if depth else out


def _pairs(items: list[Span], joins: list[str]) -> list[tuple[Span, Span]]:
    """"compare A with B, C" (however the tagger reads "compare"), "a comparison of A
    against B and C": A and each; "a comparison of A, B and C": every two."""
    if joins and joins[0] in ("with", "to", "against"):
        return [(items[0], other) for other in items[1:]]
    return list(combinations(items, 2))


def among_readings(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): "COMPARED_WITH"}`` for the models a comparison lists."""
    doc, found = sent.doc, {}
    for t in sent:
        if t.lower_ not in NOUNS or any(e.start <= t.i < e.end for e in ents):
            continue
        if t.lower_ == "compared":
            pairs = _fronted(sent, t.i, ents)
        else:
            items, joins = _listed(doc, t.i + 1, sent.end, ents)
            pairs = _pairs(items, joins)
        for a, b in pairs:
            if a.text.casefold() != b.text.casefold():
                found[(a.start, b.start) if a.start < b.start else (b.start, a.start)] = \
                    _ranked(b, ents) if t.lower_ == "compared" else "COMPARED_WITH"
    return found


TRAILING = {"trail", "lag", "fall"}  # "Compared to X, it trails by 8 points": X wins
# ... "it leads", "it improves accuracy on TimeQA by 9.8%": it wins
LEADING = {"outperform", "lead", "win", "beat", "surpass", "excel", "improve"}


def _ranked(subject: Span, ents: list[Span]) -> str:
    """What a fronted "Compared to X," says of X and the subject after it: a win where the
    verb right after the subject ranks it without an object of its own ("it trails by 8
    points on AIME 2024": X OUTPERFORMS it; the parser may read "trails" as a noun), else a
    comparison."""
    doc = subject.doc
    at = next((t.i for t in doc[subject.end:subject.end + 3] if t.pos_ != "ADV"), None)
    if at is None or any(e.start == at + 1 for e in ents):
        return "COMPARED_WITH"
    word = doc[at].lower_
    stem = word[:-1] if word.endswith("s") else word
    return "OUTPERFORMS" if stem in TRAILING or word in ("fell", "lagged", "trailed") else \
        "OUTPERFORMS<" if stem in LEADING or word in ("led", "won", "beat", "improved") else \
        "COMPARED_WITH"


def _fronted(sent: Span, i: int, ents: list[Span]) -> list[tuple[Span, Span]]:
    """"Compared to `text-davinci-003`, the `gpt-3.5-turbo` model ...": the cue opens the
    sentence; its object, and the first model or method after the comma."""
    doc = sent.doc
    if any(t.text.strip("*_`-#") for t in doc[sent.start:i]):
        return []
    items, _ = _listed(doc, i + 2, sent.end, ents)
    if doc[i + 1:i + 2].text.lower() not in ("to", "with") or not items:
        return []
    comma = next((k for k in range(items[0].end, min(sent.end, items[0].end + 3))
                  if doc[k].text == ","), None)
    other = next((e for e in ents if comma is not None and e.start > comma
                  and e.label_ in ENDS), None)
    return [] if other is None or other.start - comma > 4 else [(items[0], other)]
