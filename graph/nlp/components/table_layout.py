"""The layout of a Markdown table: its header's cells and its rows' cells, by character
ranges of the text ("| Model | MMLU |" over "|---|---|"). Tables are read from their layout,
not from a parse: the parser's sentences cut a table anywhere."""

from __future__ import annotations

import re

_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")  # "|---|:--:|"

Cells = list[tuple[int, int]]  # character ranges of a row's cells


def tables(text: str) -> list[tuple[Cells, list[tuple[Cells, tuple[int, int]]]]]:
    """The Markdown tables of ``text``: each header's cells, and each row's cells and line."""
    found, lines, start = [], [], 0
    for line in text.splitlines(keepends=True):
        lines.append((start, start + len(line.rstrip("\r\n"))))
        start += len(line)
    n = 0
    while n + 1 < len(lines):
        header, rule = (text[slice(*lines[n])], text[slice(*lines[n + 1])])
        if not header.lstrip().startswith("|") or not _RULE.match(rule.strip()):
            n += 1
            continue
        rows, k = [], n + 2
        while k < len(lines) and text[slice(*lines[k])].lstrip().startswith("|"):
            rows.append((cells(text, *lines[k]), lines[k]))
            k += 1
        found.append((cells(text, *lines[n]), rows))
        n = k
    return found


def cells(text: str, start: int, end: int) -> Cells:
    """Character ranges of a table line's cells, without the outer bars."""
    bars = [start + i for i, c in enumerate(text[start:end]) if c == "|"]
    if not text[start:end].rstrip().endswith("|"):
        bars.append(end)  # "| a | b" without the closing bar
    return [(a + 1, b) for a, b in zip(bars, bars[1:], strict=False)]
