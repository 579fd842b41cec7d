"""Names typed by the kind a list names them as: "tools like RAGAS, ARES, and TruLens",
"techniques such as Query2Doc, ITER-RETGEN, and HyDE", "datasets like Alpaca, CodeAlpaca
and ShareGPT", "open source ChatGPT tools, such as ChatGPT-Next-Web, chatbox and
ChatGPT-Desktop".

A plural kind noun followed by "such as", "like" or "including" gives its type to the
names listed after it: the guesses of the recogniser and the statistical model are re-typed,
and names nothing found are added; a pattern's type stays where it matched the whole name
("tools like GitHub Copilot"; not "ChatGPT-Desktop", a longer name around "ChatGPT"). The
list ends at the first word that is not a name, a comma, "and" or "or".
The kind nouns are ``kind_nouns_*`` of ``resources/lexicon/entities.json``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from graph.nlp.components.spans import HYPHENS
from graph.nlp.lexicon import words

_INTRODUCERS = {"like", "including", "such"}
_SEPARATORS = {",", "and", "or"}
_MARKS = {"*", "**", "`", "_"}
_KINDS = {"MODEL", "ORG", "PROJECT", "METHOD", "DATASET"}
_MAX_NAME = 4  # tokens of one listed name


# The lists of kind nouns (``kind_nouns_<name>``) and the type each gives.
KIND_LISTS = {"project": "PROJECT", "model": "MODEL", "dataset": "DATASET", "method": "METHOD",
              "org": "ORG"}


def kind_of(token: Token) -> str | None:
    """The type a kind noun gives ("tools": PROJECT, "benchmarks": DATASET) or ``None``."""
    for name, label in KIND_LISTS.items():
        if token.lower_ in words("entities", f"kind_nouns_{name}"):
            return label
    return None


def listed_kinds(doc: Doc, spans: list[Span], strong: set[tuple[int, int]],
                 kinds: list[int]) -> list[Span]:
    """``spans`` with the names listed after a kind noun typed by it (see the notes).

    ``kinds``: indices of the kind nouns (a matcher's hits); ``strong``: ``(start, end)``
    of the spans a pattern or a shape gave.
    """
    out = list(spans)
    for i in kinds:
        label, start = kind_of(doc[i]), _list_start(doc, i)
        if label is None or start is None:
            continue
        by_token = {t: n for n, s in enumerate(out) for t in range(s.start, s.end)}
        for a, b in _members(doc, start):
            n = by_token.get(a)
            if n is not None:
                span = out[n]
                matched = (span.start, span.end) in strong and span.id_  # as the pattern
                if span.label_ in _KINDS and span.label_ != label and not matched \
                        and span.end <= b:
                    out[n] = Span(doc, span.start, span.end, label=label)
            elif not any(t in by_token for t in range(a, b)):
                out.append(Span(doc, a, b, label=label))
    return sorted(out, key=lambda s: s.start)


def _list_start(doc: Doc, i: int) -> int | None:
    """Where the list after the kind noun at ``i`` begins, or ``None`` without one."""
    j = i + 1
    if j < len(doc) and doc[j].text == ",":
        j += 1
    if j >= len(doc) or doc[j].lower_ not in _INTRODUCERS:
        return None
    if doc[j].lower_ == "such":
        if j + 1 >= len(doc) or doc[j + 1].lower_ != "as":
            return None
        j += 1
    return j + 1


def _members(doc: Doc, start: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the names listed from ``start`` to the list's end."""
    members, i, sent_end = [], start, doc[start].sent.end if start < len(doc) else start
    while i < sent_end:
        if doc[i].text in _MARKS or doc[i].lower_ in _SEPARATORS:
            i += 1
            continue
        end = i
        while end < sent_end and end - i < _MAX_NAME * 3 and _name_part(doc, end, i):
            end += 1
        while end > i and doc[end - 1].text in HYPHENS:
            end -= 1
        if end == i and end + 1 < sent_end and doc[end + 1].lower_ in _SEPARATORS \
                and doc[end].is_alpha:
            i += 1  # a lower-case member ("chatbox"): not a name, but the list goes on
            continue
        if end == i:
            break  # a word that is not a name ends the list
        members.append((i, end))
        i = end
        if i < sent_end and doc[i].text not in _MARKS and doc[i].lower_ not in _SEPARATORS:
            break
    return members


def _name_part(doc: Doc, i: int, start: int) -> bool:
    """Whether token ``i`` continues a name begun at ``start``: a capital, a digit, or a
    hyphen or lower-case part glued to it ("ITER-RETGEN", "n8n", "crewAI", "ChatGPT-Desktop")."""
    token = doc[i]
    if token.text in HYPHENS:
        return i > start and not doc[i - 1].whitespace_ and not token.whitespace_
    if i > start and not doc[i - 1].whitespace_ and doc[i - 1].text in HYPHENS:
        return token.is_alpha or token.text.isalnum()
    text = token.text
    return text[:1].isupper() or any(c.isdigit() for c in text) or \
        any(c.isupper() for c in text[1:])
