"""Names a list item defines: "- AutoGen: a framework that enables ...", "- Phidata: a
toolkit for building AI Assistants", "- **StepBack-prompt:** A prompting technique that
...", "- **Nemotron-4-340B-Reward**: a reward model built on ...".

A guide lists tools, techniques and datasets one per bullet, each name followed by a colon
and what it is. The noun phrase after the colon (a determiner, up to four modifiers and
its head noun) gives the name its type: a product's noun a PROJECT, a method's a METHOD, a
dataset's a DATASET, a model's a MODEL. The name is what opens the item, up to four words
written with a capital or a digit, not all of them words of the language ("- **Memory:**
AI agents can store ...", "- **Benchmarks**: Several benchmarks ..." are topics, not names).
A guess over the same words is re-typed, a name nothing found is added; a pattern's or a
shape's match keeps its type. The nouns are ``product_nouns``, ``apposed_product_nouns``,
``item_product_nouns``, ``method_nouns``, ``dataset_nouns`` and ``model_nouns`` of
``resources/lexicon/entities.json``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from graph.nlp.components.not_figures import SIZE
from graph.nlp.components.spans import HYPHENS, doc_text
from graph.nlp.lexicon import words

# a bullet or a number, a name (maybe bold or a link's text), a colon, the definition
_ITEM = re.compile(r"(?m)^[ \t]*(?:[-*+•]|\d+[.)])[ \t]+(?:\*\*)?\[?"
                   r"([A-Za-z][^\n:*\]\[()]{0,60}?)\]?(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]+")
_OPENERS = {"a", "an", "the", "this"}
_PARTICIPLES = {"VBG", "VBN"}  # "A prompting technique", "a fine-tuned model"
_SIZE_NOUNS = ("parameter", "parameters", "billion", "million")  # "7 billion parameter"
_MAX_MODIFIERS = 4
_MAX_NAME_WORDS = 4
_NAME_TYPES = {"MODEL", "ORG", "PROJECT", "METHOD", "DATASET"}
_KINDS = (("PROJECT", "product_nouns"), ("PROJECT", "apposed_product_nouns"),
          ("PROJECT", "item_product_nouns"), ("METHOD", "method_nouns"),
          ("DATASET", "dataset_nouns"), ("MODEL", "model_nouns"))


def defined_items(doc: Doc, spans: list[Span], strong: set[tuple[int, int]],
                  vocabulary: frozenset[str]) -> list[Span]:
    """``spans`` (sorted, not overlapping) with the names that list items define typed so
    (see the module's notes); ``strong``: ``(start, end)`` of the patterns' and shapes'
    spans; ``vocabulary``: the words of the language (without it, nothing is typed)."""
    if not vocabulary:
        return spans
    out = list(spans)
    for match in _ITEM.finditer(doc_text(doc)):
        name = doc.char_span(match.start(1), match.end(1))
        definition = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if name is None or definition is None or not _a_name(name, vocabulary):
            continue
        label = _kind(doc, definition.start)
        if label is not None:
            out = _typed(out, Span(doc, name.start, name.end, label=label), strong)
    return sorted(out, key=lambda s: s.start)


def _a_name(name: Span, vocabulary: frozenset[str]) -> bool:
    """Up to four words, each with a capital or a digit, not all of them words of the
    language ("GPT Researcher", "crewAI", "StepBack-prompt"; not "Memory", "Benchmarks")."""
    parts = [t for t in name if t.text not in HYPHENS]
    if not parts or len(parts) > _MAX_NAME_WORDS or not all(
            t.text.isalnum() and (_capitalised(t.text) or _glued(t)) for t in parts):
        return False  # "Separation of Concerns", "Keywords help a lot", "Q&A"
    return not all(t.is_alpha and _word(t, vocabulary) for t in parts)


def _capitalised(text: str) -> bool:
    return text[:1].isupper() or text[:1].isdigit() or any(c.isupper() for c in text[1:])


def _glued(token: Token) -> bool:
    """A lower-case part a hyphen glues to the name ("StepBack-prompt")."""
    return token.i > 0 and token.doc[token.i - 1].text in HYPHENS and \
        not token.doc[token.i - 1].whitespace_


def _word(token: Token, vocabulary: frozenset[str]) -> bool:
    text = token.lower_
    return text in vocabulary or text.removesuffix("s") in vocabulary or \
        token.lemma_.lower() in vocabulary


def _kind(doc: Doc, i: int) -> str | None:
    """The type the noun phrase from ``i`` gives by its head noun: "a framework that ...",
    "an open-source library for ...", "AI agent framework reimagined ...", "A prompting
    technique that ..."; ``None`` when its head is no kind's noun."""
    if i < len(doc) and doc[i].lower_ in _OPENERS:
        i += 1
    for j in range(i, min(i + _MAX_MODIFIERS + 1, len(doc))):
        token = doc[j]
        if token.is_punct and token.text not in HYPHENS or token.pos_ == "ADP" or \
                token.pos_ in ("VERB", "AUX") and token.tag_ not in _PARTICIPLES:
            return None  # "AutoGPT: provides tools ...": what it does, not what it is
        after = doc[j + 1] if j + 1 < len(doc) else None
        if SIZE.match(token.text) or token.lower_ in _SIZE_NOUNS and j > i and (
                doc[j - 1].like_num or SIZE.match(doc[j - 1].text)):
            continue  # "A 13B parameter open model": its size, not its kind
        if token.tag_[:2] == "NN" and (after is None or after.tag_[:2] != "NN"
                                       and after.text not in HYPHENS):
            if not token.is_lower:
                return None  # the head of the phrase is a name
            return next((label for label, nouns in _KINDS
                         if token.lower_ in words("entities", nouns)), None)
    return None


def _typed(spans: list[Span], span: Span, strong: set[tuple[int, int]]) -> list[Span]:
    """``spans`` with ``span``: a guess over the same words re-typed, added where nothing
    takes its words; a pattern's or a shape's match, or another span over part of its
    words, left as it is."""
    for n, other in enumerate(spans):
        if other.end <= span.start or other.start >= span.end:
            continue
        if (other.start, other.end) == (span.start, span.end) and other.label_ in _NAME_TYPES \
                and (other.start, other.end) not in strong:
            spans[n] = span
        return spans
    return [*spans, span]
