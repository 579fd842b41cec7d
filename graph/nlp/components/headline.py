"""What a page's first line names as its subject.

* The organisation a headline announces as itself: "Corvid Labs: introducing Wingspan",
  "Aurora Devices: introducing Lark 3B, ...", "New from Reka: Vela 2, ...". An
  announcement's first line names its author this way; the statistical model reads such a
  name as a person or misses it. The name is an ORG (:func:`headline_orgs`), and the author
  of the text's "we" (:func:`graph.nlp.relations.author_mentions`). The announcing words
  are in ``resources/lexicon/authors.json`` (``headline_verbs``).
* The benchmark a summary's title names, when the page goes on "This evaluation tests ...",
  "This benchmark evaluates ..." or "This directory includes 13 ... challenges": "# Make Me
  Pay", "# Moral Reasoning under Uncertainty (MORU)", "# VQA-RAD: Visual Question Answering
  for Radiology" (the name before the colon and the bracket; with what follows a colon in
  three words or fewer: "# GDM Dangerous Capabilities: In House CTF") is a DATASET
  (:func:`page_benchmark`), whose words are no heading's.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from graph.nlp.components.spans import doc_text
from graph.nlp.lexicon import words

_NAME = r"[A-Z0-9][\w.&'-]*(?: (?:[A-Z0-9][\w.&'-]*|for|of|de))*?"  # "Cohere For AI"
_HEADLINE = re.compile(rf"^\s*(?:#+\s*)?(?:New from (?P<from>{_NAME})|(?P<name>{_NAME})): "
                       r"(?P<word>\w+)")
_NOT_NAMES = {"update", "news", "announcement", "breaking", "today", "now", "new", "release",
              "changelog", "blog", "press release"}
_RETYPED = {"PERSON", "PLACE", "PROJECT", "METHOD", "DATASET", "MODEL"}


def headline_author(doc: Doc) -> tuple[int, int] | None:
    """Character span of the organisation the first line announces as itself, or ``None``."""
    text = doc_text(doc)
    match = _HEADLINE.match(text[:text.find("\n")] if "\n" in text else text)
    if match is None:
        return None
    if match.group("from"):
        return match.span("from")
    if match.group("name").lower() in _NOT_NAMES:
        return None  # "Update: introducing ..."
    if match.group("word").lower() not in words("authors", "headline_verbs"):
        return None
    return match.span("name")


def headline_orgs(doc: Doc, spans: list[Span], strong: set[tuple[int, int]]) -> list[Span]:
    """``spans`` with the headline's author an ORG (see the module's notes)."""
    where = headline_author(doc)
    if where is None:
        return spans
    name = doc.char_span(*where, label="ORG")
    if name is None:
        return spans
    overlapping = [s for s in spans if s.start < name.end and name.start < s.end]
    if any((s.start, s.end) in strong or s.label_ not in _RETYPED for s in overlapping):
        return spans
    return sorted([s for s in spans if s not in overlapping] + [name], key=lambda s: s.start)


_TITLE = re.compile(r"^# +(?P<name>[^\n:(]+?) *(?:\([^)\n]*\))? *(?::(?P<rest>[^\n]*))?$",
                    re.MULTILINE)
_PART = 3  # words after a title's colon that name a part, not a subtitle: "...: Stealth"
_PAGE_CUE = re.compile(r"^(?:This|The) (?:evaluation|benchmark|dataset|eval|implementation|"
                       r"directory|suite)\b")  # what the page says it holds
_LOOK = 12  # lines after the title where the page may say what it is
_PAGE_GUESSES = {"PERSON", "PLACE", "PROJECT", "METHOD", "ORG", "DATASET"}


def page_benchmark(doc: Doc, spans: list[Span], strong: set[tuple[int, int]]) -> list[Span]:
    """``spans`` with the name a benchmark summary's title gives a DATASET (see the module's
    notes); a pattern's name or a model over its words keeps its type."""
    text = doc_text(doc)
    title = _TITLE.search(text)
    if title is None:
        return spans
    after = [line.strip() for line in text[title.end():].split("\n")[:_LOOK]]
    said = [line for line in after if line and not line.startswith(("#", ">"))][:2]
    if not any(_PAGE_CUE.match(line) for line in said):
        return spans
    end = title.end("name")
    if title.group("rest") and len(title.group("rest").split()) <= _PART:
        end = title.end()  # "GDM Dangerous Capabilities: Stealth" is one name
    name = doc.char_span(title.start("name"), end, label="DATASET")
    if name is None or len(name) > 8 or name[-1].lower_ in words("entities", "document_nouns"):
        return spans  # ("# Inspect Task Evaluation README" names a page)
    over = [s for s in spans if s.start < name.end and name.start < s.end]
    if any(s.label_ not in _PAGE_GUESSES or (s.start, s.end) in strong and s.id_ and
           not s.id_.startswith("kind:") for s in over):
        return spans
    return sorted([s for s in spans if s not in over] + [name], key=lambda s: s.start)
