"""What a results table says across its rows: each row's model is evaluated on the benchmark
heading each column where the row has a score, or, in a table turned the other way, each
column's model on each row's benchmark.

    | Model      | MMLU | MT-Bench |
    |---|---|---|
    | Phi-3-mini | 69%  | 8.38     |

gives Phi-3-mini EVALUATED_ON MMLU and EVALUATED_ON MT-Bench (GUIDELINES: a model scored on a
benchmark); the figures themselves are the row's facts (:func:`graph.nlp.rows.row_figures`).
The header and the rows are lines apart, so the table is read from its layout over the whole
piece (:mod:`graph.nlp.components.table_layout`), not from a sentence's parse. The evidence
of each relation is the row, marked ``via`` "table" (one end is named in the header).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from graph.nlp.components.table_layout import tables
from graph.nlp.pairs import Candidate

SUBJECTS = ("MODEL", "METHOD")
_SCORE = re.compile(r"\d")  # a cell with a figure in it ("69%", "8.38", "_61.2_")


def table_candidates(doc: Doc, offset: int = 0) -> list[Candidate]:
    """EVALUATED_ON candidates (decided by their ``reading``) for the cells with a score of
    the Markdown tables of a parsed piece at ``offset``, in document offsets."""
    found: list[Candidate] = []
    text = doc.text
    layout = tables(text)
    ents = list(doc.ents) if layout else []
    for header, rows in layout:
        for cells, line in rows:
            head = _entity_in(ents, *cells[0], (*SUBJECTS, "DATASET")) if cells else None
            if head is None:
                continue
            wanted = ("DATASET",) if head.label_ in SUBJECTS else SUBJECTS
            for n in range(1, min(len(cells), len(header))):
                column = _entity_in(ents, *header[n], wanted)
                if column is None or not _SCORE.search(text[slice(*cells[n])]):
                    continue
                subject, dataset = (head, column) if wanted == ("DATASET",) else (column, head)
                found.append(Candidate(
                    (offset + subject.start_char, offset + subject.end_char),
                    (offset + dataset.start_char, offset + dataset.end_char),
                    subject.label_, "DATASET", "table", ("table", "reading=EVALUATED_ON"),
                    (offset + line[0], offset + line[1])))
    return found


def _entity_in(ents: list[Span], start: int, end: int, labels: tuple[str, ...]
               ) -> Span | None:
    """The first entity of one of ``labels`` inside the character range."""
    return next((e for e in ents if start <= e.start_char and e.end_char <= end
                 and e.label_ in labels), None)
