"""Names nothing else typed, told by how they are written and the slot they stand in.

The trained recogniser knows the names of its training pages; a tool or a technique it has
not seen ("FAISS", "ALiBi", "xFormers") is often left with no type at all, where the words
around it say what it is. A word written as a name (:func:`written_as_name`: an acronym,
"FAISS", "BM25", "TRL"; an inner capital, "KVQuant", "ALiBi", "xFormers") that no entity
covers takes a type:

* from the names it is listed with, when they agree on one: "trained with FlashAttention
  and ALiBi" (a method), "calls FAISS and vLLM directly" (a product);
* PROJECT where it opens a sentence as the subject of what software does: "FAISS stores
  the vectors in an HNSW graph" (``tool_verbs``);
* METHOD where it is written before a technique's lower-case name, which says what kind
  of technique it is: "combine the dense results with BM25 keyword search";
* PROJECT where a product's part comes from it: "uses the SFTTrainer from TRL";
* the type a kind's noun in apposition gives it, for a name with an inner capital
  ("**PolicyPal**, a small retrieval-augmented generation (RAG) app").

A capitalised word nothing typed right before "model", "models" or "model family" names a
family of models (:func:`family_names`): "trained the open Poro and Viking model families",
"the Poro models"; a word of the language only listed with one that is none. So does a
lower-case name with a version's digit there ("the voyage-3 model").

A capitalised word of one piece ("Wikisource" listed with "Project Gutenberg") is left:
lists of such words in guide pages are as often headings' words ("GPT3 and Prompts"), and
on the held-out pages typing them cost more than it found. Names already typed keep their
type, and so do titles' words. The words are in ``resources/lexicon/entities.json``
(``generic_terms``, ``not_product_acronyms``) and ``resources/lexicon/roles.json``
(``tool_verbs``).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from graph.nlp.components.arbiter import type_by_context
from graph.nlp.components.spans import HYPHENS, title_line
from graph.nlp.lexicon import words

_LIST_TYPES = {"MODEL", "PROJECT", "METHOD", "DATASET"}
_MIN_CHARS = 2
_ADVERBS = {"RB"}  # "X also stores ..."
_OPENERS = {"-", "*", "+", "•", ">", "#"}  # Markdown marks before a sentence's first word


def unknown_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """``spans`` (sorted, not overlapping) with the untyped names of the module's notes."""
    covered = {i: s for s in spans for i in range(s.start, s.end)}
    found: list[Span] = []
    for token in doc:
        if token.i in covered or not token.text[:1].isalpha() or not written_as_name(token):
            continue
        start, end = _extent(token)
        if any(i in covered for i in range(start, end)):
            continue
        label = _listed_type(token, covered) if token.conjuncts else None
        if label is None:
            label = _tool_subject(doc, start, end) or _named_technique(doc, end, covered) \
                or _library_of(token, covered) or _scorer(doc, end, covered) \
                or _apposed_kind(doc, start, end)
        if label is None:
            continue
        span = Span(doc, start, end, label=label)
        if title_line(span):
            continue
        found.append(span)
        covered.update((i, span) for i in range(start, end))
    return sorted(spans + found, key=lambda s: s.start) if found else spans


def written_as_name(token: Token) -> bool:
    """Whether ``token`` is written as a name, not a word: an acronym of two capitals or
    more ("FAISS", "BM25", "TRL"), or a word with a capital after a lower-case letter
    ("xFormers", "vLLM", "KVQuant", "ALiBi"); not a generic acronym ("GPU", "LLM")."""
    text = token.text
    if len(text) < _MIN_CHARS or not text.isalnum() or text.casefold() in \
            words("entities", "generic_terms") or text in words("entities", "not_product_acronyms"):
        return False
    if sum(c.isupper() for c in text) >= 2 and not any(c.islower() for c in text):
        return True  # "FAISS", "BM25"
    return any(a.islower() and b.isupper() for a, b in zip(text, text[1:], strict=False))


def _extent(token: Token) -> tuple[int, int]:
    """``(start, end)`` of the name around ``token``, over its hyphen-glued parts written
    with a capital or a digit ("Megatron-LM", "CMA-ES"; not "HNSW-based")."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start >= 2 and doc[start - 1].text in HYPHENS and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and _name_part(doc[start - 2]):
        start -= 2
    while end + 1 < len(doc) and doc[end].text in HYPHENS and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and _name_part(doc[end + 1]):
        end += 2
    return start, end


def _name_part(token: Token) -> bool:
    return token.text[:1].isupper() or token.text[:1].isdigit()


def _listed_type(token: Token, covered: dict[int, Span]) -> str | None:
    """The type the other names of ``token``'s list agree on, or ``None``: more than half
    of the listed names (typed, or written with a capital) must have it; the list's
    common nouns ("government records") do not vote."""
    votes: Counter[str] = Counter()
    for member in token.conjuncts:
        span = covered.get(member.i)
        if span is not None or not member.is_lower:
            votes[span.label_ if span is not None else ""] += 1
    if not votes:
        return None
    label, n = votes.most_common(1)[0]
    return label if label in _LIST_TYPES and 2 * n > sum(votes.values()) else None


def _tool_subject(doc: Doc, start: int, end: int) -> str | None:
    """PROJECT where the name opens its sentence and a verb of what software does follows
    it ("FAISS stores ...", "Ollama also ships ..."), whatever the parser made of it."""
    first = doc[start]
    if not (first.is_sent_start or doc[start - 1].text in _OPENERS):
        return None
    i = end
    while i < len(doc) and doc[i].tag_ in _ADVERBS:
        i += 1
    if i >= len(doc) or not doc[i].is_lower or doc[i].lower_ not in words("roles", "tool_verbs"):
        return None
    return "PROJECT"


def _named_technique(doc: Doc, end: int, covered: dict[int, Span]) -> str | None:
    """METHOD where the name is written right before a technique's lower-case name, which
    says what kind of technique it is: "BM25 keyword search" (an acronym's technique
    named with its kind, as "LoRA adapters" or "ReAct prompting" are)."""
    after = covered.get(end)
    if after is None or after.label_ != "METHOD" or after.start != end or \
            not doc[end].is_lower or not doc[end - 1].whitespace_:
        return None
    return "METHOD"


def _scorer(doc: Doc, end: int, covered: dict[int, Span]) -> str | None:
    """MODEL where a verb of scoring and a figure follow the name: "EvoLLM-JP reaches 52.0%
    accuracy" (what scores a figure in this genre is a model; a method names itself with
    its kind, and a product is typed by its verbs)."""
    i = end
    while i < len(doc) and doc[i].tag_ in _ADVERBS:
        i += 1
    figure = covered.get(i + 1)
    if i + 1 >= len(doc) or doc[i].lower_ not in words("relations", "score_verbs") or \
            figure is None or figure.label_ != "METRIC" or figure.start != i + 1:
        return None
    return "MODEL"


def _apposed_kind(doc: Doc, start: int, end: int) -> str | None:
    """The type a kind's noun in apposition gives a name written with an inner capital
    ("**PolicyPal**, a small retrieval-augmented generation (RAG) app": a product); not an
    acronym's ("README, the ...", "DOI")."""
    if not any(c.islower() for c in doc[start:end].text):
        return None
    return type_by_context(Span(doc, start, end))


def _library_of(token: Token, covered: dict[int, Span]) -> str | None:
    """PROJECT where a product's part comes from the name: "the SFTTrainer from TRL" (a
    library's class): the part's whole is a product too."""
    doc, i = token.doc, token.i
    if i < 2 or doc[i - 1].lower_ != "from":
        return None
    part = covered.get(i - 2)  # where the parser hangs "from" on the verb
    return "PROJECT" if part is not None and part.label_ == "PROJECT" else None


_FAMILY_NOUNS = {"model", "models"}  # "the Poro model family", "the Viking models"
_LISTING = {",", "and", "&"}


def family_names(doc: Doc, spans: list[Span], vocabulary: frozenset[str]) -> list[Span]:
    """``spans`` with MODEL for the untyped capitalised words right before a model noun,
    and those listed with them ("the open Poro and Viking model families"); ``vocabulary``:
    the words of the language, which name a family only listed with a word that is none
    ("Viking" beside "Poro"; not "Vision models", "Language models")."""
    if " model" not in doc.text:
        return spans
    covered = {i for s in spans for i in range(s.start, s.end)}
    found: list[Span] = []
    for noun in (t for t in doc if t.text in _FAMILY_NOUNS and t.i > 0):  # (not a title's)
        if (glued := _lower_case_name(doc, noun.i, covered)) is not None:
            found.append(glued)
            continue
        names, k = [], noun.i - 1
        while k >= 0 and (doc[k].text in _LISTING and names or _family_word(doc[k], covered)):
            if doc[k].text not in _LISTING:
                names.append(k)
            k -= 1
        if k >= 0 and (doc[k].text[:1].isupper() and not doc[k].is_sent_start or
                       doc[k].i in covered) or \
                all(doc[i].text.casefold() in vocabulary for i in names):
            continue  # part of a longer name or of a title's words ("Llama Guard Models")
        for i in names:
            span = Span(doc, i, i + 1, label="MODEL")
            if not title_line(span):
                found.append(span)
    return sorted(spans + found, key=lambda s: s.start) if found else spans


def _lower_case_name(doc: Doc, end: int, covered: set[int]) -> Span | None:
    """A model's name written in lower case with a version's digit, right before "model"
    (``doc[end]``): "the voyage-3 model", "the text-embedding-3-large model"; its pieces
    glued by hyphens, its first a word (not a size: "a 7-layer model")."""
    start = end - 1
    while start > 0 and not doc[start - 1].whitespace_:
        start -= 1
    span = doc[start:end]
    text = span.text
    if not text or not doc[end - 1].whitespace_ or any(i in covered for i in range(start, end)) \
            or not text[0].isalpha() or not text.islower() or "-" not in text \
            or not any(c.isdigit() for c in text) or not text.replace("-", "").isalnum():
        return None
    return Span(doc, start, end, label="MODEL")


def _family_word(token: Token, covered: set[int]) -> bool:
    """A capitalised word of letters (a capital, then lower case) no entity covers, no
    people's or language's name ("the English models")."""
    text = token.text
    return token.i not in covered and len(text) >= 3 and text.isalpha() and \
        text[0].isupper() and text[1:].islower() and token.pos_ in ("PROPN", "NOUN", "ADJ") \
        and token.ent_type_ not in ("NORP", "LANGUAGE", "GPE", "LOC") and \
        text.casefold() not in words("entities", "generic_terms")
