"""A maker named once for a list of things: "GPT-4 Turbo and GPT-4o from OpenAI", "three
OpenAI models (GPT-3.5, ChatGPT and GPT-4)", "two OpenAI models: text-embedding-3-small and
GPT-4o", "Claude Sonnet 4.5 and Claude Haiku 4.5 are Anthropic models" (GUIDELINES:
DEVELOPED_BY, each of them). Read from the words: the parser hangs the maker on one item.

Only a plain list counts (the items joined by commas and "and", of one type): "GPT-4o and
Claude 3 Opus from Anthropic" is no list of Anthropic's where the types differ, and "Claude 3
Opus and the other Claude 3 models from Anthropic" stops at "the other".
"""

from __future__ import annotations

from spacy.tokens import Span

MADE = ("MODEL", "PROJECT", "METHOD", "DATASET")
JOINS = ([","], ["and"], [",", "and"], ["&"])
KIND_NOUNS = ("model", "models", "family", "series", "benchmarks", "datasets", "tools")
OPENERS = ("(", ":")  # "OpenAI models (A, B and C)", "two OpenAI models: A and B"
COPULAS = ("are", "were")


def listed_before(item: Span, ents: list[Span]) -> list[Span]:
    """The things of ``item``'s type listed right before it ("A, B and C")."""
    doc, found, end = item.doc, [], item.start
    for ent in reversed([e for e in ents if e.end <= item.start]):
        if ent.label_ != item.label_ or [t.lower_ for t in doc[ent.end:end]] not in JOINS:
            break
        found.append(ent)
        end = ent.start
    return found


def _listed_from(start: int, ents: list[Span]) -> list[Span]:
    """The things of one type listed from token ``start`` on ("GPT-3.5, ChatGPT and GPT-4")."""
    first = next((e for e in ents if e.start == start and e.label_ in MADE), None)
    if first is None:
        return []
    found = [first]
    for ent in (e for e in ents if e.start > first.end):
        gap = [t.lower_ for t in first.doc[found[-1].end:ent.start]]
        if ent.label_ != first.label_ or gap not in JOINS:
            break
        found.append(ent)
    return found


def list_makers(ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): label}`` (``a`` written first) for each thing of a list an
    organisation is named once for."""
    found: dict[tuple[int, int], str] = {}
    for n, org in enumerate(ents):
        if org.label_ != "ORG":
            continue
        doc, last = org.doc, ents[n - 1] if n else org
        before = [t.lower_ for t in doc[last.end:org.start]]
        if last.label_ in MADE and before in (["from"], ["from", "the"]):  # "A and B from X"
            found |= {(e.start, org.start): "DEVELOPED_BY" for e in listed_before(last, ents)}
        kind = org.end
        if kind + 1 < len(doc) and doc[kind].lower_ in KIND_NOUNS:
            if doc[kind + 1].text in OPENERS:  # "OpenAI models (A, B and C)"
                found |= {(org.start, e.start): "DEVELOPED_BY<"
                          for e in _listed_from(kind + 2, ents)}
            if org.start > 0 and doc[org.start - 1].lower_ in COPULAS and \
                    last.label_ in MADE and last.end == org.start - 1:  # "A and B are X models"
                found |= {(e.start, org.start): "DEVELOPED_BY"
                          for e in [last, *listed_before(last, ents)]}
    return found
