"""Figures in a row of a table or a list item are facts of the entity the row starts with:
"| Phi-3-mini | 69% | 8.38 |", "- o1-mini (OpenAI): 63.6% / 90.0% / 60.0%" (GUIDELINES:
HAS_METRIC); and an item of a list under a line naming its subject ("How it compares:",
"The model uses attention mechanisms like:") says what it says of that subject. A row is a
line; the parse of a table is no help, the layout is.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from graph.nlp.pair_grammar import ANAPHOR

ROW_HEADS = ("MODEL", "METHOD", "PROJECT")
PROSE_WORDS = 3  # a list item of figures names few words besides its entities: "(OpenAI):"
MARKS = {"|", "-", "*", "+", "•", "_", "**"}  # what a row or list item may open with
CODE_KEY = re.compile(r"\s*\|\s*`[^`|]+`\s*\|")  # "| `ds-sql-exercise-image` |"
SCORE = re.compile(r"[-+]?\d*\.\d+%?|\d+(?:\.\d+)?%")  # "0.67", "85.0", "41%"; not a count


def line_ranges(sent: Span) -> list[tuple[int, int]]:
    """Token ranges of the sentence's lines."""
    doc, lines, start = sent.doc, [], sent.start
    for t in sent:
        if "\n" in t.text or (t.i > sent.start and "\n" in doc[t.i - 1].whitespace_):
            if t.i > start:
                lines.append((start, t.i))
            start = t.i + 1 if "\n" in t.text else t.i
    if start < sent.end:
        lines.append((start, sent.end))
    return lines


def row_figures(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(head.start, figure.start): "HAS_METRIC"}`` for each figure of a row that opens
    with a model, method or project (after the row's marks) and names no other one."""
    doc = sent.doc
    found: dict[tuple[int, int], str] = {}
    for start, end in line_ranges(sent):
        if not any(doc[k].text in ("|", ":") or doc[k].text in MARKS for k in range(start, end)):
            continue  # prose, not a row
        inside = [e for e in ents if start <= e.start and e.end <= end]
        heads = [e for e in inside if e.label_ in ROW_HEADS]
        if len(heads) != 1 or not inside or inside[0] is not heads[0]:
            continue
        head = heads[0]
        if any(doc[k].text not in MARKS and not doc[k].is_space for k in range(start, head.start)):
            continue  # the row does not open with it
        table = any(doc[k].text == "|" for k in range(start, end))
        words = [t for t in doc[head.end:end] if t.is_alpha and not any(
            e.start <= t.i < e.end for e in inside)]
        if not table and len(words) > PROSE_WORDS:
            continue  # a list item of prose: "- GPT-4 Tutorial: How to Chat ... (~1000 pages)"
        for e in inside:
            if e.label_ == "METRIC":
                found[(head.start, e.start)] = "HAS_METRIC"
    return found


def item_scores(sent: Span, ents: list[Span]) -> set[int]:
    """Starts of the scores in the rows of ``sent`` keyed by a code identifier ("|
    `ds-sql-exercise-image` | 1.00 | 0.67 |"): results of that item (a task, a subset),
    which no entity names, not figures of what the page is about. Counts stay ("|
    `provided_facts` | 274 |": the benchmark's parts)."""
    doc, found = sent.doc, set()
    for start, end in line_ranges(sent):
        if CODE_KEY.match(doc[start:end].text):
            found |= {e.start for e in ents if start <= e.start < end and
                      e.label_ == "METRIC" and SCORE.fullmatch(e.text)}
    return found


def item_readings(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(mark.start, entity.start): label}`` for a list item that opens with a figure or
    a method, its mark standing for the subject of the line introducing the list
    (:mod:`graph.nlp.discourse`): "- 79.4% on IFEval" gives HAS_METRIC 79.4% and
    EVALUATED_ON IFEval, "- grouped-query attention (GQA) for faster inference" USES."""
    doc = sent.doc
    found: dict[tuple[int, int], str] = {}
    marks = [e for e in ents if e.kb_id_ == ANAPHOR and e.text in MARKS | {"1."}]
    for mark in marks:
        after = [e for e in ents if e.start >= mark.end and e.kb_id_ != ANAPHOR]
        if not after or any(doc[k].text not in MARKS for k in range(mark.end, after[0].start)) \
                or any("\n" in t.text for t in doc[mark.end:after[0].start]):
            continue
        first = after[0]
        if first.label_ == "DATASET" and len(after) > 1 and after[1].label_ == "METRIC" and \
                [t.lower_ for t in doc[first.end:after[1].start]] in ([":"], [":", "a"]):
            found[(mark.start, first.start)] = "EVALUATED_ON"  # "- WebArena: 48.1% task
            found[(mark.start, after[1].start)] = "HAS_METRIC"  # success"
        elif first.label_ == "METHOD":
            found[(mark.start, first.start)] = "USES"
        elif first.label_ == "METRIC":
            found[(mark.start, first.start)] = "HAS_METRIC"
            nxt = after[1] if len(after) > 1 else None
            if nxt is not None and nxt.label_ == "DATASET" and \
                    [t.lower_ for t in doc[first.end:nxt.start]] in (["on"], ["in"]):
                found[(mark.start, nxt.start)] = "EVALUATED_ON"
    return found
