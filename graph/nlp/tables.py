"""What a results table says across its rows: each row's model is evaluated on the benchmark
heading each column where the row has a score, or, in a table turned the other way, each
column's model on each row's benchmark.

    | Model      | MMLU | MT-Bench |
    |---|---|---|
    | Phi-3-mini | 69%  | 8.38     |

gives Phi-3-mini EVALUATED_ON MMLU and EVALUATED_ON MT-Bench (GUIDELINES: a model scored on a
benchmark); so does a list of score series under a line naming the benchmarks in the same
order ("## Results (AIME 2024 / MATH-500)" over "- DeepSeek-R1 (DeepSeek): 79.8% / 97.3%",
:func:`series_candidates`). A column naming the rows' makers ("| Model | Provider |") gives
each row's model DEVELOPED_BY the organisation in it. Under columns headed by models, a
row naming nothing ("| onet_m6_math | 58.82 | 41.18 |") gives each model its figure; under
columns naming no model, the one model the line introducing the table names takes the
figures ("The authors evaluated this on GPT-4 and compared to ...:" over "| Accuracy (lms) |
94% | 96.7% |"). On a
benchmark's page, the benchmark heading a row is one the page's USES (its subsets, the
datasets a suite gathers: "| EusTrivia | Question Answering |" under "# BasqueBench"). The
figures themselves are the row's facts (these candidates, and
:func:`graph.nlp.rows.row_figures` reading the row's sentence).
The header and the rows are lines apart, so the table is read from its layout over the whole
piece (:mod:`graph.nlp.components.table_layout`), not from a sentence's parse. The evidence
of each relation is the row up to the cell, marked ``via`` "table" (one end is named in the
header).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Span

from graph.nlp.components.spans import doc_text
from graph.nlp.components.table_layout import Cells, tables
from graph.nlp.lexicon import words
from graph.nlp.pairs import Candidate
from graph.nlp.reading import LIST_ITEM
from graph.nlp.records import Named

SUBJECTS = ("MODEL", "METHOD")
ENDS = (*SUBJECTS, "DATASET")  # what a column's header may name
_SCORE = re.compile(r"\d")  # a cell with a figure in it ("69%", "8.38", "_61.2_")
_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of a cell besides its figure
CELL_WORDS = 2  # "71.4 (avg. of 3)": a figure's cell says little else


def table_candidates(doc: Doc, offset: int = 0, subject: Named | None = None
                     ) -> list[Candidate]:
    """EVALUATED_ON and HAS_METRIC candidates (decided by their ``reading``) for the cells
    with a score of the Markdown tables of a parsed piece at ``offset``, in document
    offsets, read from the table's layout (a row is a sentence, its header another).
    A table whose columns name no benchmark, in a document about one (``subject``, a
    benchmark's page: "# MedQA" over "| Model | Accuracy |"), scores its rows' models on
    that benchmark (:func:`_page_benchmark`)."""
    found: list[Candidate] = []
    text = doc_text(doc)
    layout = tables(text)
    ents = list(doc.ents) if layout else []
    for header, rows in layout:
        columns = [None, *(_entity_in(ents, *cell, ENDS) for cell in header[1:])]
        page = subject if subject is not None and subject[1] == "DATASET" else None
        scored = any(c is not None and c.label_ == "DATASET" for c in columns)
        makers = _maker_columns(text, header)
        introduced = _introduced_model(text, ents, header)
        for cells, line in rows:
            if cells:
                found += _row_candidates(text, ents, cells, line, columns, offset, introduced)
                found += _row_makers(ents, cells, line, makers, offset)
                found += _page_part(ents, cells, line, page, offset)
            # the columns name the benchmarks, unless the row's model is not its head
            if cells and page is not None and not (scored and _entity_in(
                    ents, *cells[0], ("MODEL",))):
                found += _page_benchmark(text, ents, cells, line, page, offset)
    return found


def _page_benchmark(text: str, ents: list[Span], cells: Cells, line: tuple[int, int],
                    page: Named, offset: int) -> list[Candidate]:
    """The row's model EVALUATED_ON the page's benchmark when the row has a score
    ("| gpt-4o-mini | 68.5% |" under "# MedQA"); the evidence is the row. The model heads
    the row, or is the only one in it ("| linguini | openai/gpt-4o | 0.140 |": a task's row)."""
    models = [m for cell in cells if (m := _entity_in(ents, *cell, ("MODEL",))) is not None]
    head = models[0] if models and (len(models) == 1 or models[0].start_char < cells[0][1]) \
        else None
    if head is None or not any(_SCORE.search(text[slice(*cell)]) for cell in cells[1:]
                               if cell[0] >= head.end_char):
        return []
    return [Candidate((offset + head.start_char, offset + head.end_char), page[0], "MODEL",
                      "DATASET", "table", ("table", "reading=EVALUATED_ON"),
                      (offset + line[0], offset + line[1]))]


def _page_part(ents: list[Span], cells: Cells, line: tuple[int, int], page: Named | None,
               offset: int) -> list[Candidate]:
    """The page's benchmark USES the benchmark heading a row: its subsets and the tasks it
    gathers ("| EusTrivia | Question Answering | ... |" under "# BasqueBench")."""
    part = _entity_in(ents, *cells[0], ("DATASET",)) if page is not None else None
    if part is None or part.text.casefold() == page[2]:
        return []
    return [Candidate(page[0], (offset + part.start_char, offset + part.end_char), "DATASET",
                      "DATASET", "table", ("table", "reading=USES"),
                      (offset + line[0], offset + cells[0][1]))]


def _introduced_model(text: str, ents: list[Span], header: Cells) -> Span | None:
    """The one model the line introducing a table names ("The authors evaluated this on
    GPT-4 and compared to the original results from Cao and Bandara 2024:" over "| Metric
    | Cao & Bandara 2024 | This eval |"): whose the figures of rows naming nothing are."""
    start = text.rfind("\n", 0, header[0][0]) + 1
    before = text[:start].rstrip()
    line_start = before.rfind("\n") + 1
    if not before.rstrip(" *_").endswith(":"):
        return None
    models = [e for e in ents if line_start <= e.start_char and e.end_char <= len(before)
              and e.label_ == "MODEL"]
    return models[0] if len({m.text.casefold() for m in models}) == 1 else None


def _row_candidates(text: str, ents: list[Span], cells: Cells, line: tuple[int, int],
                    columns: list[Span | None], offset: int,
                    introduced: Span | None = None) -> list[Candidate]:
    """What one row says: its model EVALUATED_ON each benchmark heading a column it has a
    score in (or each column's model on the row's benchmark), and HAS_METRIC each figure
    filling a cell of its own, whatever heads that column ("| **Qwen3** | 2x faster | 50%
    less |" under "| Model | Performance | Memory use |")."""
    found: list[Candidate] = []
    head = _entity_in(ents, *cells[0], (*SUBJECTS, "DATASET"))
    if head is None:
        head = _opening(ents, *cells[0])  # a tool's row: "| vLLM | 2x faster |"
    if head is None:
        return _column_figures(text, ents, cells, line, columns, offset, introduced)
    wanted = ("DATASET",) if head.label_ in SUBJECTS else SUBJECTS
    for n in range(1, min(len(cells), len(columns))):
        column = columns[n] if columns[n] is not None and \
            columns[n].label_ in wanted else None
        # the evidence: the row up to the cell ("| Phi-3-mini | 69%"), so that a
        # figure is told measured on its own column's benchmark, not the row's others
        where = (offset + line[0], offset + cells[n][1])
        if column is not None and head.label_ != "PROJECT" and \
                _SCORE.search(text[slice(*cells[n])]):
            subject, dataset = (head, column) if wanted == ("DATASET",) else (column, head)
            found.append(_candidate(subject, dataset, "EVALUATED_ON", where, offset))
        owner = (head if wanted == ("DATASET",) else column) if column is not None else \
            head if columns[n] is None and head.label_ != "DATASET" else None
        figure = _figure_cell(text, ents, *cells[n])
        if owner is not None and figure is not None:
            found.append(_candidate(owner, figure, "HAS_METRIC", where, offset))
    return found


def _column_figures(text: str, ents: list[Span], cells: Cells, line: tuple[int, int],
                    columns: list[Span | None], offset: int,
                    introduced: Span | None = None) -> list[Candidate]:
    """A row that names nothing ("| onet_m6_math | 58.82 | 41.18 |", "| Accuracy | 0.8 |")
    under columns headed by models: each figure is the fact of its column's model; under
    columns naming none, of the model the line introducing the table names, unless the row
    is keyed by a code name (a task's: "| `sde-create-sqlite-database-image` | 0.44 | 0.88
    |", whose scores no entity's name says)."""
    found = []
    if text[slice(*cells[0])].strip().startswith("`"):
        introduced = None
    for n in range(1, min(len(cells), len(columns))):
        column = columns[n] if columns[n] is not None else introduced
        figure = _figure_cell(text, ents, *cells[n]) if column is not None and \
            column.label_ == "MODEL" else None
        if figure is not None:
            found.append(_candidate(column, figure, "HAS_METRIC",
                                    (offset + line[0], offset + cells[n][1]), offset))
    return found


def _maker_columns(text: str, header: Cells) -> list[int]:
    """The columns whose header says who made the row's model ("| Model | Provider |";
    ``maker_headers`` of ``resources/lexicon/relations.json``)."""
    heads = words("relations", "maker_headers")
    return [n for n, cell in enumerate(header)
            if n and text[slice(*cell)].strip(" *_").lower() in heads]


def _row_makers(ents: list[Span], cells: Cells, line: tuple[int, int], makers: list[int],
                offset: int) -> list[Candidate]:
    """The row's model DEVELOPED_BY the organisation in a maker's column
    ("| gpt-5.1-2025-11-13 | OpenAI | 0.840 |" under "| Model | Provider | Accuracy |")."""
    model = _entity_in(ents, *cells[0], ("MODEL",)) if makers else None
    found = []
    for n in makers:
        org = _entity_in(ents, *cells[n], ("ORG",)) if model and n < len(cells) else None
        if org is not None:
            found.append(_candidate(model, org, "DEVELOPED_BY", (offset + line[0],
                                                                  offset + cells[n][1]), offset))
    return found


def _opening(ents: list[Span], start: int, end: int) -> Span | None:
    """The project a cell opens with (its first entity), as the head of a tool's row."""
    first = next((e for e in ents if start <= e.start_char and e.end_char <= end), None)
    return first if first is not None and first.label_ == "PROJECT" else None


def _figure_cell(text: str, ents: list[Span], start: int, end: int) -> Span | None:
    """The figure a cell holds when the cell is that figure ("2x faster", "**69%**"), not a
    description naming one among its words ("a model with 7 billion parameters ...")."""
    figure = _entity_in(ents, start, end, ("METRIC",))
    if figure is None:
        return None
    rest = text[start:figure.start_char] + " " + text[figure.end_char:end]
    return figure if len(_WORD.findall(rest)) <= CELL_WORDS else None


def _candidate(a: Span, b: Span, label: str, where: tuple[int, int], offset: int
               ) -> Candidate:
    """A pair the layout reads as ``label`` (a table's row, via "table")."""
    return Candidate((offset + a.start_char, offset + a.end_char),
                     (offset + b.start_char, offset + b.end_char), a.label_, b.label_,
                     "table", ("table", f"reading={label}"), where)


def series_candidates(doc: Doc, offset: int = 0) -> list[Candidate]:
    """EVALUATED_ON candidates for list items of score series ("- X (Org): 79.8% / 97.3%")
    under a line naming as many benchmarks, written the same way ("AIME 2024 / MATH-500"):
    the n-th figure of an item is its subject's score on the n-th benchmark."""
    text = doc.text
    if " / " not in text:
        return []
    ents = list(doc.ents)
    starts = [e.start_char for e in ents]
    found: list[Candidate] = []
    columns: list[Span | None] = []
    start = 0
    for line in text.splitlines(keepends=True):
        end = start + len(line.rstrip("\r\n"))
        inside = []  # the line's entities, looked up only where a series may be
        if "/" in text[start:end]:
            inside = [e for e in ents[bisect_left(starts, start):bisect_left(starts, end)]
                      if e.end_char <= end]
        series = _slash_columns(text, start, end, inside)
        if series:
            columns = series
        elif columns and LIST_ITEM.match(text[start:end]):
            found += _series_item(text, start, end, inside, columns, offset)
        elif text[start:end].strip():
            columns = []  # prose or another heading ends the list
        start += len(line)
    return found


def _slash_columns(text: str, start: int, end: int, inside: list[Span]) -> list[Span | None]:
    """The benchmarks a line names as one slash series ("(AIME 2024 / MATH-500 / GPQA)"),
    a name the recogniser missed as ``None`` to keep the order; empty unless two of them
    are benchmarks."""
    line = text[start:end]
    if " / " not in line:
        return []
    first, last = line.index(" / "), line.rindex(" / ")
    begin = max(line.rfind(c, 0, first) for c in "(:#") + 1
    stop = line.find(")", last)
    stop = len(line) if stop < 0 else stop
    columns, at = [], start + begin
    for part in line[begin:stop].split("/"):
        columns.append(next((e for e in inside if e.label_ == "DATASET" and at <= e.start_char
                             and e.end_char <= at + len(part)), None))
        at += len(part) + 1
    return columns if sum(c is not None for c in columns) >= 2 else []


def _series_item(text: str, start: int, end: int, inside: list[Span],
                 columns: list[Span | None], offset: int) -> list[Candidate]:
    """The item's model EVALUATED_ON each benchmark it has a figure for, HAS_METRIC each
    figure."""
    head = next((e for e in inside if e.label_ in SUBJECTS), None)
    if head is None or inside[0] is not head or ":" not in text[head.end_char:end]:
        return []
    at = text.index(":", head.end_char, end) + 1
    parts = text[at:end].split("/")
    if len(parts) != len(columns):
        return []
    where, found = (offset + start, offset + end), []
    for part, column in zip(parts, columns, strict=True):
        figure = _entity_in(inside, at, at + len(part), ("METRIC",))
        if figure is not None:
            found.append(_candidate(head, figure, "HAS_METRIC", where, offset))
        if column is not None and _SCORE.search(part):
            found.append(_candidate(head, column, "EVALUATED_ON", where, offset))
        at += len(part) + 1
    return found


def _entity_in(ents: list[Span], start: int, end: int, labels: tuple[str, ...]
               ) -> Span | None:
    """The first entity of one of ``labels`` inside the character range."""
    return next((e for e in ents if start <= e.start_char and e.end_char <= end
                 and e.label_ in labels), None)
