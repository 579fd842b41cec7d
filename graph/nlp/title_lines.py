"""The lines of a document that are papers' titles in a list of papers ("- Goat: Fine-tuned
LLaMA Outperforms GPT-4 on Arithmetic Tasks (May 2023)", an item under "## References"),
and the system such a title names before its colon. Read by the comparisons
(:mod:`graph.nlp.comparisons`) and the title readings (:mod:`graph.nlp.titles`).
"""

from __future__ import annotations

from spacy.tokens import Span

from graph.nlp.lexicon import words
from graph.nlp.use_phrases import LINE_MARKS, line_opening

TITLED = ("MODEL", "METHOD", "DATASET")  # what a title names before its colon
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
          "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _line_of(doc, i: int) -> tuple[int, int]:
    """The first token of the line token ``i`` is on, and the first of the next line."""
    start = i
    while start > 0 and "\n" not in doc[start - 1].whitespace_ and \
            "\n" not in doc[start - 1].text:
        start -= 1
    end = i + 1
    while end < len(doc) and "\n" not in doc[end - 1].whitespace_ and \
            "\n" not in doc[end].text:
        end += 1
    return start, end


def _in_references(doc, start: int) -> bool:
    """Whether token ``start`` is under a heading of references ("## References"; words of
    ``title_sections``). The headings of a document are found once (``doc.user_data``)."""
    sections = doc.user_data.get("title_sections")
    if sections is None:
        named, sections, at = words("relations", "title_sections"), [], 0
        for line in doc.text.splitlines(keepends=True):
            if line.startswith("#"):
                sections.append((at, any(w in named for w in line.lower().split())))
            at += len(line)
        doc.user_data["title_sections"] = sections
    at = doc[start].idx
    return next((refs for where, refs in reversed(sections) if where <= at), False)


def title_line(sent: Span) -> tuple[int, int] | None:
    """The line of ``sent`` (its first and next line's first token) when it is a paper's
    title in a list of papers: it ends with its date in brackets ("... (May 2023)"), or is
    an item of a list under a heading of references ("## References": ``title_sections``)."""
    doc = sent.doc
    first = line_opening(doc, sent.start, sent.end)
    if first >= sent.end:
        return None
    start, end = _line_of(doc, first)
    tail = [t for t in doc[start:end] if not t.is_space][-4:]
    if len(tail) >= 3 and tail[-1].text == ")" and tail[-2].like_num and \
            any(t.lower_.rstrip(".") in MONTHS for t in tail[:-2]):
        return start, end
    if doc[start].text in ("-", "*", "+") and doc[end - 1].text.strip() not in (".", "!") \
            and _in_references(doc, start):
        return start, end
    return None


def title_head(doc, line: tuple[int, int], ents: list[Span]) -> Span | None:
    """The system a title names before its colon ("Goat: Fine-tuned LLaMA ...", "**ScoNe**:
    Benchmarking ..."): a model, method or benchmark opening the line."""
    first = line_opening(doc, *line)
    head = next((e for e in ents if e.start == first), None)
    if head is None or head.label_ not in TITLED:
        return None
    k = head.end
    while k < line[1] and doc[k].text in LINE_MARKS:
        k += 1
    return head if k < line[1] and doc[k].text == ":" else None
