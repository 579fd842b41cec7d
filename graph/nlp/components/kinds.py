"""Names typed by the kind a list names them as: "tools like RAGAS, ARES, and TruLens",
"techniques such as Query2Doc, ITER-RETGEN, and HyDE", "datasets like Alpaca, CodeAlpaca
and ShareGPT", "open source ChatGPT tools, such as ChatGPT-Next-Web, chatbox and
ChatGPT-Desktop"; and the one name a kind noun is "called" ("a technique called Prompt
Erasure").

A plural kind noun followed by "such as", "like" or "including" gives its type to the
names listed after it: the guesses of the recogniser and the statistical model are re-typed,
and names nothing found are added; a pattern's type stays where it matched the whole name
("tools like GitHub Copilot"; not "ChatGPT-Desktop", a longer name around "ChatGPT"). The
list ends at the first word that is not a name, a comma, "and" or "or".
The kind nouns are ``kind_nouns_*`` of ``resources/lexicon/entities.json``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from graph.nlp.components.spans import DATED_TITLE, HYPHENS, doc_text
from graph.nlp.lexicon import words

_INTRODUCERS = {"like", "including", "such"}
CALLED = {"called", "dubbed", "named", "coined", "termed"}  # "a technique called X": its type
_SEPARATORS = {",", "and", "or"}
_MARKS = {"*", "**", "`", "_"}
_KINDS = {"MODEL", "ORG", "PROJECT", "METHOD", "DATASET"}
_MAX_NAME = 4  # tokens of one listed name
# what a kind retypes: a guessed person or place too ("Tools like Cursor, Windsurf and ...")
_RETYPED = _KINDS | {"PERSON", "PLACE"}


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
        called = doc[i].lower_ in CALLED
        label, start = _called(doc, i) if called else (kind_of(doc[i]), _list_start(doc, i))
        if label is None or start is None:
            continue
        by_token = {t: n for n, s in enumerate(out) for t in range(s.start, s.end)}
        for a, b in _members(doc, start)[:1 if called else None]:
            n = by_token.get(a)
            if n is not None:
                span = out[n]
                matched = (span.start, span.end) in strong and span.id_  # as the pattern
                if span.label_ in _RETYPED and span.label_ != label and not matched \
                        and span.end <= b:
                    out[n] = Span(doc, span.start, span.end, label=label)
            elif not any(t in by_token for t in range(a, b)):
                out.append(Span(doc, a, b, label=label))
    return sorted(out, key=lambda s: s.start)


def _called(doc: Doc, i: int) -> tuple[str | None, int]:
    """The type the kind noun before "called" at ``i`` gives the name after it ("a
    technique called Prompt Erasure", "an approach, dubbed X"), and where the name begins."""
    j = i - 1 if i > 0 and doc[i - 1].text != "," else i - 2
    noun = doc[j].lower_ if j >= 0 else ""
    label = next((label for name, label in KIND_LISTS.items()
                  if {noun, f"{noun}s", f"{noun}es"} & words("entities", f"kind_nouns_{name}")),
                 None)
    return label, i + 1


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


_NOT_THE_KIND = {"pobj", "compound", "poss"}  # "ways by LLMs:", "LLMs tools", "LLMs' uses"
_MAX_AFTER_KIND = 2  # words between the kind and the colon: "tools such as:", "datasets:"
_BULLET = re.compile(r"[ \t]*[-*+][ \t]+")
_ITEM_END = re.compile(r":|\]\(| \(| [-–—] |\*\*|,|$")
_MAX_ITEM_WORDS = 4


def listed_items(doc: Doc, spans: list[Span], strong: set[tuple[int, int]],
                 kinds: list[int]) -> list[Span]:
    """``spans`` with the items of a bulleted list under a heading or a line ending in a
    colon that names their kind ("# Tools & Libraries", "projects working on this, such
    as:") typed by it: "- ActionSchema", "- [Agenta](https://...)", "- GitHub Copilot".

    An item is the name that opens the bullet (up to a colon, a dash, a bracket or a comma)
    when it has at most four words, each capitalised or a digit-bearing name, or is one word.
    """
    text, out = doc_text(doc), list(spans)
    for i in kinds:
        label = kind_of(doc[i])
        line_start = text.rfind("\n", 0, doc[i].idx) + 1
        line_end = text.find("\n", doc[i].idx)
        line = text[line_start:len(text) if line_end < 0 else line_end]
        after = text[doc[i].idx + len(doc[i]):line_end].split()
        if label is None or line_end < 0 or not (line.lstrip().startswith("#") or (
                line.rstrip(" *").endswith(":") and len(after) <= _MAX_AFTER_KIND)) \
                or text.count("```", 0, line_start) % 2 or doc[i].dep_ in _NOT_THE_KIND:
            continue  # not a list's heading, in a fenced example ("the following tools:"),
            # or not what the line is about ("Tools are leveraged in different ways by LLMs:")
        for a, b in _items(text, line_end + 1):
            span = doc.char_span(a, b, label=label)
            if span is not None:
                out = _typed(out, span, label, strong)
    return sorted(out, key=lambda s: s.start)


def _items(text: str, pos: int) -> list[tuple[int, int]]:
    """Character spans of the names opening the bullets of the list starting near ``pos``."""
    items, lines, indent = [], 0, None
    while pos < len(text) and lines < 200:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line, lines = text[pos:end], lines + 1
        bullet = _BULLET.match(line)
        if bullet is None:
            if items or (line.strip() and not line.lstrip().startswith("#")) or lines > 3:
                break  # the list is over, or no list follows
        elif indent is None or bullet.end() <= indent:
            indent = bullet.end()
            start = pos + bullet.end() + (1 if line[bullet.end():].startswith("[") else 0)
            stop = _ITEM_END.search(text, start, end).start()
            name = text[start:stop].strip()
            # a paper's dated title is named only by the words before its colon ("OpenICL:
            # An Open-Source Framework ...", not "Compress, Then Prompt: ..." (May 2023))
            if name and _item_name(name) and (text[stop:stop + 1] == ":"
                                               or not DATED_TITLE.search(line.rstrip())):
                items.append((start, start + len(name)))
        pos = end + 1
    return items


def _item_name(name: str) -> bool:
    """A name: at most four capitalised words, or one word but no identifier ("web_search")."""
    words_ = name.split()
    if "_" in name or "(" in name:
        return False
    return len(words_) == 1 or len(words_) <= _MAX_ITEM_WORDS and all(
        w[:1].isupper() or any(c.isdigit() for c in w) for w in words_)


def _typed(spans: list[Span], span: Span, label: str, strong: set[tuple[int, int]]
           ) -> list[Span]:
    """``spans`` with ``span`` of type ``label``: a guess over the same words re-typed,
    added where no other span takes its words; a pattern's whole match kept."""
    for n, other in enumerate(spans):
        if other.end <= span.start or other.start >= span.end:
            continue
        if (other.start, other.end) == (span.start, span.end) and other.label_ != label \
                and other.label_ in _KINDS and not (
                    (other.start, other.end) in strong and other.id_):
            spans[n] = Span(span.doc, other.start, other.end, label=label)
        return spans
    return [*spans, span]
