"""Products, libraries and platforms told by the words around their name.

* a name followed by a product noun is that product: "its TRL library", "the GPT-NeoX
  library", "the ChatGPT app", "the Triton implementation", whatever type the name had on
  its own, the noun read into a technique's or a dataset's name too ("Triton
  implementation" is Triton; a model's implementation stays the model's); a company's name
  before "platform" names its platform, the noun included ("the MosaicML platform"), before
  another noun it stays the company ("an Anthropic product"); techniques and datasets keep
  theirs ("the ReAct framework");
* a known company or a product followed by a product is one product: "NVIDIA DGX Cloud",
  "Google Cloud Vertex AI" (not two names);
* a product's model number is part of its name: "AMD Instinct MI250X";
* in a sentence about accelerators, a name written as a model number is the hardware, a
  product (:func:`hardware_products`): "Minimum CUDA Capability 7.0 (V100, T4, A100, H100)",
  "For RTX 50x, B200, 6000 GPUs"; so is a series with its number or name ("Titan V", "RTX
  4090", "DGX Spark") and an architecture ("Blackwell", "Apple Silicon");
* a link's or heading's name ending on a page's noun is the entity the page is about
  (:func:`documentation_names`): "follow our AMD Guide" names AMD, "Vicuna Weights" Vicuna,
  where the text names that entity elsewhere; a guide of its own ("Prompt Engineering
  Guide") keeps its name.

The nouns are ``product_nouns`` of ``resources/lexicon/entities.json``; the companies
``shape_companies``; the accelerators' words ``hardware_words``, their series
``hardware_series`` and architectures ``hardware_architectures``; the pages' nouns
``document_nouns``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from graph.nlp.components.spans import MARKUP, POSSESSIVE_MARKS
from graph.nlp.lexicon import words

_RENAMED = {"ORG", "MODEL", "PERSON", "PLACE", "PROJECT"}  # types a product noun overrides
_MODEL_NUMBER = re.compile(r"^[A-Z]{1,4}\d{2,4}[A-Z]?$")  # "MI250X", "H100", "A100"
_HARDWARE_CODE = re.compile(r"^[A-Z]{1,2}\d{1,4}[A-Z]?$")  # "T4", "L40", "B200", "MI250X"
_SERIES_NUMBER = re.compile(r"^(?:[A-Z]?\d{1,4}[a-zX]*|[A-Z][a-z]*)$")  # "4090", "V", "Spark"
_GUESSES = {"PERSON", "PLACE", "ORG", "DATE"}  # the statistical model's reading of "T4"
_PAGE_TYPES = {"MODEL", "ORG", "PROJECT"}
_NOUN_GUESSES = {"METHOD", "DATASET"}  # the recogniser's, with the product noun inside


def tidy_products(doc: Doc, spans: list[Span], nouns: list[int]) -> list[Span]:
    """``spans`` (sorted, not overlapping) with the products of the module's notes;
    ``nouns``: where the product nouns of ``doc`` are (a matcher's hits)."""
    out: list[Span] = []
    taken = {i for s in spans for i in range(s.start, s.end)}
    for span in spans:
        before = out[-1] if out else None
        if before is not None and _one_product(before, span):
            out[-1] = span = _numbered(Span(doc, before.start, span.end, label="PROJECT"))
        else:
            out.append(_before_product_noun(_numbered(span), taken))
    return sorted(out + _unnamed_products(doc, taken, nouns), key=lambda s: s.start)


def _one_product(before: Span, span: Span) -> bool:
    """"NVIDIA" + "DGX Cloud", "Google Cloud" + "Vertex AI": one product's name."""
    return span.label_ == "PROJECT" and before.end == span.start \
        and before[-1].whitespace_ == " " and (before.label_ == "PROJECT" or (
            before.label_ == "ORG" and before.text in words("entities", "shape_companies")))


def _numbered(span: Span) -> Span:
    doc, end = span.doc, span.end
    if span.label_ == "PROJECT" and end < len(doc) and span[-1].whitespace_ == " " \
            and _MODEL_NUMBER.match(doc[end].text):
        return Span(doc, span.start, end + 1, label="PROJECT")
    return span


def _product_noun(token: Token | None) -> bool:
    return token is not None and token.is_lower and \
        token.lower_ in words("entities", "product_nouns")


def _after(span: Span) -> Token | None:
    doc = span.doc
    return doc[span.end] if span.end < len(doc) and span[-1].whitespace_ == " " else None


# nouns of a piece of software: a name no pattern knows as a company before one is the software
_WORK_NOUNS = ("implementation", "library", "package", "toolkit")


def _before_product_noun(span: Span, taken: set[int]) -> Span:
    """A name typed otherwise that a product noun follows: the product."""
    if span.label_ in _NOUN_GUESSES and len(span) > 1 and _product_noun(span[-1]) and \
            not span.id_ and not span[-2].is_lower:
        return Span(span.doc, span.start, span.end - 1, label="PROJECT")  # the noun guessed in
    noun = _after(span)
    if span.label_ not in _RENAMED or not _product_noun(noun) or (
            noun.lower_ == "implementation" and span.label_ == "MODEL"):
        return span  # "a Llama 2 implementation" is the model's; "the Triton one" a product
    if span.label_ == "ORG":  # "the MosaicML platform"; "an Anthropic product" is the company's
        if noun.lower_ in _WORK_NOUNS and not span.id_ and \
                span.text not in words("entities", "shape_companies"):
            return Span(span.doc, span.start, span.end, label="PROJECT")  # "the Triton one"
        if noun.lower_ != "platform" or noun.i in taken:
            return span
        taken.add(noun.i)
        return Span(span.doc, span.start, noun.i + 1, label="PROJECT")
    return span if span.label_ == "PROJECT" else \
        Span(span.doc, span.start, span.end, label="PROJECT", span_id=span.id_)


def _unnamed_products(doc: Doc, taken: set[int], nouns: list[int]) -> list[Span]:
    """Names nothing found that a product noun follows: "its TRL library"."""
    found = []
    for token in (doc[i] for i in nouns if i > 0):
        if token.i in taken or not _product_noun(token):
            continue
        name = doc[token.i - 1]
        if name.i in taken or not name.whitespace_ or not _name_like(name):
            continue
        found.append(Span(doc, name.i, name.i + 1, label="PROJECT"))
    return found


def _name_like(token: Token) -> bool:
    """A written name: CamelCase, capitals or digits past its first letter ("TRL",
    "xFormers", "GPT-NeoX"), not a capitalised word of the language nor a generic
    acronym ("an AI tool", "an LLM app")."""
    if token.lower_ in words("entities", "generic_terms") or \
            token.text in words("entities", "not_product_acronyms"):
        return False
    return token.is_alpha is False and any(c.isupper() for c in token.text) \
        or any(c.isupper() for c in token.text[1:])


def hardware_products(doc: Doc, spans: list[Span], strong: set[tuple[int, int]]) -> list[Span]:
    """``spans`` (sorted, not overlapping) with the hardware of the sentences about
    accelerators PROJECTs (see the module's notes): model numbers, a series and its number
    ("RTX 4090", "Titan V", "DGX Spark"), the architectures ("Blackwell", "Apple Silicon");
    a name the patterns, the recogniser or a longer span hold keeps its type ("96 A100 GPUs"
    is a count, "Qwen3-30B-A3B" a model)."""
    if not doc.has_annotation("SENT_START"):
        return spans
    hardware = words("entities", "hardware_words")
    covered = {i: s for s in spans for i in range(s.start, s.end)}
    out, found = list(spans), []
    for sentence in doc.sents:
        if not any(t.lower_ in hardware for t in sentence):
            continue
        k = sentence.start
        while k < sentence.end:
            end = _hardware_name(doc, k, sentence.end, hardware)
            held = {id(covered[i]): covered[i] for i in range(k, end) if i in covered}
            if end == k or not all(_gives_way(h, k, end, strong) for h in held.values()):
                k = max(k + 1, end)
                continue
            for h in held.values():
                out.remove(h)
            found.append(Span(doc, k, end, label="PROJECT"))
            k = end
    return sorted(out + found, key=lambda s: s.start) if found else spans


def _gives_way(span: Span, start: int, end: int, strong: set[tuple[int, int]]) -> bool:
    """Whether ``span`` yields to the hardware name at ``start:end``: a guess of the
    statistical model within it (but for marks: "RTX 20," read as a date; "DGX Spark" as a
    company), or any name a longer one holds ("Apple" in "Apple Silicon")."""
    doc = span.doc
    inside = start <= span.start and all(t.is_punct for t in doc[end:span.end])
    if (span.start, span.end) in strong or span.label_ not in _GUESSES:
        return inside and span.end <= end and len(span) < end - start
    return inside


def _hardware_name(doc: Doc, k: int, end: int, hardware: frozenset[str]) -> int:
    """The end of the hardware name at token ``k`` (``k`` if none): a model number ("T4"),
    a series and the number or word after it ("RTX 20xx", "Titan V"), an architecture's
    name (``hardware_series``, ``hardware_architectures``)."""
    token = doc[k]
    if _HARDWARE_CODE.match(token.text) and token.lower_ not in hardware:
        return k + 1
    if token.text in words("entities", "hardware_series") and k + 1 < end and \
            token.whitespace_ and _SERIES_NUMBER.match(doc[k + 1].text):
        return k + 2
    for name in words("entities", "hardware_architectures"):
        parts = name.split()
        if [t.text for t in doc[k:min(end, k + len(parts))]] == parts:
            return k + len(parts)
    return k


def documentation_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """``spans`` with the names of pages ("AMD Guide") cut to the entity they are about,
    which takes its type elsewhere in the text (see the module's notes); a shape's guess
    ("<company> <Word>" a product) gives way, a pattern's own name does not."""
    pages = words("entities", "document_nouns")
    named = {s.text: s.label_ for s in spans if s.label_ in _PAGE_TYPES}
    out = []
    for span in spans:
        last = span[-1]
        if len(span) > 1 and span.label_ in _PAGE_TYPES and not _known(span) \
                and last.is_title and last.lower_ in pages and span[-2].whitespace_:
            label = named.get(span[:-1].text)
            if label is not None:
                span = Span(doc, span.start, span.end - 1, label=label)
        out.append(span)
    return out


def _known(span: Span) -> bool:
    """Whether a pattern matched ``span`` as one entity's name (not a kind's shape)."""
    return bool(span.id_) and not span.id_.startswith("kind:")


_PRODUCT_RESEARCH = {"research"}  # an organisation's word that names products too ("Deep Research")


def possessed_products(doc: Doc, spans: list[Span], strong: set[tuple[int, int]]) -> list[Span]:
    """``spans`` with a name an organisation possesses typed PROJECT where the name was only
    guessed a person, a place or an organisation: "OpenAI's Playground", "Amazon's Kendra",
    "OpenAI's Deep Research" (what a company has under a name is its product). A name ending
    in an organisation's word stays one ("Singapore's Digital Trust Centre"), and so does a
    pattern's match (not a kind's shape: "Gemini Deep Research" is no "<X> Research" lab)."""
    org_words = (words("roles", "org_nouns") | words("roles", "org_name_words")) - \
        _PRODUCT_RESEARCH
    out = list(spans)
    for before, span in zip(spans, spans[1:], strict=False):
        between = [t.text for t in doc[before.end:span.start] if t.text not in MARKUP]
        if before.label_ != "ORG" or between not in ([p] for p in POSSESSIVE_MARKS) or \
                span.label_ not in _GUESSES - {"DATE"} or span[-1].lower_ in org_words or \
                (span.start, span.end) in strong and _known(span):
            continue
        out[out.index(span)] = Span(doc, span.start, span.end, label="PROJECT")
    return out
