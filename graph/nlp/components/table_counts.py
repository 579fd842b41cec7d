"""Whole numbers in a results table's column of counts: "| Correct Answers | Total Samples |"
over "| 224 | 300 |", "| Samples |" over "| 1,039 |". A whole number in a cell is usually a
count, a year, a rank or a size, and is left alone (:func:`graph.nlp.components.metrics.
table_scores`); under a header that names what is counted or scored it is a reported
figure. Counts up to ten are left alone: they number a setting ("| N | 10 |", "| Epochs | 3
|"), where the annotators read no finding. Under a header that numbers the rows ("| # |",
"| No. |", "| Rank |") a number is no figure at all (:func:`not_numbering`). A row of scores
written between slashes, one per benchmark the line above names in order ("79.2% / 96.4% /
75.7%"), is as many figures (:func:`slashed_scores`). So is a decimal after a verb of
scoring that the statistical model left untyped (:func:`missed_scores`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from graph.nlp.components.spans import doc_text
from graph.nlp.components.table_layout import tables
from graph.nlp.lexicon import words

_WHOLE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_NUMBERING = {"#", "no", "no.", "nr", "nr.", "rank"}  # a header over the rows' numbers
SMALLEST = 11  # a count below this numbers a setting


def table_counts(doc: Doc, taken: set[int]) -> list[Span]:
    """Whole numbers alone in a cell under a header naming a count or a score, as METRIC
    spans that cover none of ``taken`` (token indices of other entities)."""
    text = doc_text(doc)
    counted = set(words("metrics", "count_headers")) | set(words("metrics", "score_nouns"))
    found = []
    for header, rows in tables(text):
        columns = [j for j, (a, b) in enumerate(header)
                   if counted & set(re.findall(r"[a-z@\-0-9]+", text[a:b].lower()))]
        for row, _ in rows:
            for j in columns:
                if j >= len(row):
                    continue
                a, b = row[j]
                cell = text[a:b].strip().strip("*_").strip()
                if not _WHOLE.fullmatch(cell) or int(cell.replace(",", "")) < SMALLEST:
                    continue
                start = text.index(cell, a)
                span = doc.char_span(start, start + len(cell), label="METRIC")
                if span is not None and not any(i in taken for i in range(span.start, span.end)):
                    found.append(span)
    return found


def not_numbering(doc: Doc, spans: list[tuple[int, Span]]) -> list[tuple[int, Span]]:
    """``spans`` (ranked) without the METRICs in a column that numbers a table's rows: "| # |
    Question Type |" over "| 7   | **Human Autonomy Respect** |" (list numbering and ranks
    report nothing)."""
    text = doc_text(doc)
    cells = [row[j] for header, rows in tables(text)
             for j, (a, b) in enumerate(header) if text[a:b].strip().lower() in _NUMBERING
             for row, _ in rows if j < len(row)]
    if not cells:
        return spans
    return [(p, s) for p, s in spans if s.label_ != "METRIC" or not any(
        a <= s.start_char < b for a, b in cells)]


def slashed_scores(spans: list[tuple[int, Span]]) -> list[tuple[int, Span]]:
    """``spans`` (ranked) with a METRIC made only of figures between slashes split into
    its figures: "96.4% / 75.7% / 63.4%" (a row of scores, one per benchmark the line before
    names: "(AIME 2024 / MATH-500 / GPQA Diamond)"), "36.0 / 43.0"."""
    out = []
    for rank, span in spans:
        parts = _slashed(span) if span.label_ == "METRIC" and "/" in span.text else None
        out += [(rank, part) for part in parts] if parts else [(rank, span)]
    return out


def _slashed(span: Span) -> list[Span] | None:
    """The figures of ``span`` if it is figures joined by slashes, else ``None``."""
    parts, start = [], span.start
    for token in [*span, None]:
        if token is None or token.text == "/":
            end = token.i if token is not None else span.end
            piece = span.doc[start:end]
            if not piece or not piece[0].like_num or any(
                    not (t.like_num or t.text == "%") for t in piece):
                return None
            parts.append(Span(span.doc, start, end, label="METRIC"))
            start = end + 1
    return parts if len(parts) > 1 else None


DECIMAL = re.compile(r"^\d{1,4}\.\d{1,3}$")  # a decimal alone: "78.4" (metrics.py too)


def missed_scores(doc: Doc) -> list[Span]:
    """The decimals right after a verb of scoring the statistical model left untyped, as
    CARDINAL spans for :func:`graph.nlp.components.metrics.metric_span` ("the model scores
    78.4 on MedQA and 71.2 on PubMedQA": it typed the second figure only)."""
    scoring = words("relations", "score_verbs")
    return [Span(doc, t.i + 1, t.i + 2, label="CARDINAL") for t in doc[:-1]
            if t.lower_ in scoring and not doc[t.i + 1].ent_type_ and
            DECIMAL.match(doc[t.i + 1].text)]
