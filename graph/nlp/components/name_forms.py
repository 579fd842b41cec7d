"""The written form of a name a definition gives (:mod:`graph.nlp.components.definitions`):
where a name ends and starts around the defining phrase, and whether words are a name at
all: written with capitals or digits, not all words of the language, a generic term or a
word that only opens its sentence ("| Presents Atlas, a ... model": "Atlas")."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from graph.nlp.components.spans import HYPHENS, MARKUP, doc_text, generic_term
from graph.nlp.lexicon import words

MAX_NAME_TOKENS, MAX_NAME_WORDS = 8, 4  # "HAE-RAE Bench": hyphens and parts are tokens


def name_before(doc: Doc, end: int, vocabulary: frozenset[str], marks: bool = True,
                opening: bool = True, apposed: bool = False) -> Span | None:
    """The name written right before token ``end`` (over bold or code marks when ``marks``),
    or ``None`` where the words there are no name; ``opening``: a word of the language that
    opens the sentence is no part of it ("| Presents Atlas, a ... model"); ``apposed``: the
    name is in apposition to its definition, where one capitalised word inside a sentence is
    a name though a word of the language ("releasing Lattice, an open-source toolkit")."""
    while marks and end > 0 and doc[end - 1].text in MARKUP:
        end -= 1
    start = end
    while start > 0 and end - start < MAX_NAME_TOKENS and name_part(doc, start - 1):
        start -= 1
    while start < end and (doc[start].text in HYPHENS or doc[start].is_stop or
                           opening and end - start > 1 and opening_word(doc[start], vocabulary)):
        start += 1  # "In HRM8K, ...", "We ...", "| Presents Atlas, a ... model"
    word = doc[start:end]
    if apposed and len(word) == 1 and word[0].is_title and word[0].pos_ == "PROPN" and \
            not opens_sentence(word):
        return word
    return a_name(word, vocabulary)


def package_name(doc: Doc, end: int, vocabulary: frozenset[str]) -> Span | None:
    """The one word in lower case right before token ``end`` (over code or bold marks) that
    is no word of the language: a package's name as its README writes it ("`llmcompressor`
    is the fast, efficient, and easy-to-use library ...", "`trl` is a full stack library")."""
    while end > 0 and doc[end - 1].text in MARKUP:
        end -= 1
    word = doc[end - 1] if end > 0 else None
    if word is None or not word.is_lower or not word.text.replace("_", "").isalnum() or \
            len(word) < 3 or word.lower_ in vocabulary or word.is_stop or generic_term(word.text):
        return None
    return doc[end - 1:end]


def before_gloss(doc: Doc, end: int) -> int:
    """``end``, or the start of the bracketed gloss that ends there: "TAC (Travel Agent
    Compassion)", "StrongREJECT (Strong, Robust Evaluation of ...)"."""
    if end < 2 or doc[end - 1].text != ")":
        return end
    for i in range(end - 2, max(0, end - 20), -1):
        if doc[i].text == "(":
            return i
        if doc[i].text in (")", ".", "\n"):
            break
    return end


def opening_word(token: Token, vocabulary: frozenset[str]) -> bool:
    """A word of the language capitalised because it opens its sentence or cell."""
    return token.is_title and (token.lower_ in vocabulary or  # "Presents": a verb's -s
                               token.lower_.removesuffix("s") in vocabulary) and \
        opens_sentence(token.doc[token.i:token.i + 1])


def name_after(doc: Doc, start: int, vocabulary: frozenset[str]) -> Span | None:
    """The name from token ``start`` when a comma, a full stop, a colon or a bracket closes
    it ("..., BEAR, can ..."); ``None`` otherwise ("the dataset, GPT-4 achieves ...")."""
    while start < len(doc) and doc[start].text in MARKUP:
        start += 1
    end = start
    while end < len(doc) and end - start < MAX_NAME_TOKENS and name_part(doc, end):
        end += 1
    close = end
    while close < len(doc) and doc[close].text in MARKUP:
        close += 1
    if close < len(doc) and doc[close].text not in {",", ".", ":", ";", ")"}:
        return None
    return a_name(doc[start:end], vocabulary)


def name_part(doc: Doc, i: int) -> bool:
    """Whether token ``i`` can be part of a name: written with a capital or a digit, a
    hyphen glued on both sides, or a lower-case part glued to a hyphen ("ITER-RETGEN",
    "v1.5", "Chat-1M", "crewAI")."""
    token = doc[i]
    if token.text in HYPHENS:
        return i > 0 and not doc[i - 1].whitespace_ and not token.whitespace_
    text = token.text.replace(".", "").replace("-", "")  # "v1.5", "Chat-1" + "M"
    if not text.isalnum():
        return False
    if i > 0 and doc[i - 1].text in HYPHENS and not doc[i - 1].whitespace_:
        return True
    return text[:1].isupper() or any(c.isdigit() for c in text) or \
        any(c.isupper() for c in text[1:])


def a_name(span: Span, vocabulary: frozenset[str]) -> Span | None:
    """``span`` when it is a name: one to four words written as a name's parts, not a
    generic term, not all of them words of the language (an acronym's capitals are no
    word: "BEAR", "RULER")."""
    parts = [t for t in span if t.text not in HYPHENS]
    if not parts or len(parts) > MAX_NAME_WORDS or not any(c.isalpha() for c in span.text) \
            or not all(name_part(span.doc, t.i) for t in span) \
            or generic_term(span.text):
        return None  # "What's next", "Task-name"
    generic = words("entities", "generic_terms")  # the domain's words: "Dataset"
    if all(t.is_alpha and (t.is_lower or t.is_title) and (  # (not "BEAR", "spaCy")
            t.lower_ in vocabulary or t.lemma_.lower() in vocabulary or t.lower_ in generic
            or t.lower_.removesuffix("s") in vocabulary) for t in parts):
        return None  # "Installation", "Natural Sciences", "Korean", "Dataset Splits"
    return span


def opens_sentence(name: Span) -> bool:
    """Whether ``name`` opens its sentence or its line (after a bullet or a mark)."""
    doc = name.doc
    if name.start == 0 or doc[name.start].is_sent_start:
        return True
    text = doc_text(doc)
    line = text[text.rfind("\n", 0, name.start_char) + 1:name.start_char]
    return not line.strip(" \t-*+#>`|")


def an_instruction(name: Span) -> bool:
    """A capitalised verb in its base form opening a sentence, a line or a table's cell
    ("Extract the name of places ...", "- Parse the string into JSON", "| Split instructions
    with role as a system msg ... |"): an instruction, not a name."""
    if len(name) != 1 or name[0].tag_ != "VB" or not name[0].is_title:
        return False
    before = next((t for t in reversed(name.doc[:name.start]) if not t.is_space), None)
    return opens_sentence(name) or (before is not None and before.text == "|")


def written_lower(ent: Span) -> bool:
    """A one-word name the text also writes in lower case: a word of the language ("the
    Retrieval model" beside "retrieval"). The document's words without a capital are
    gathered once per ``Doc``."""
    if len(ent) != 1:
        return False
    doc = ent.doc
    lower = doc.user_data.get(_LOWER_KEY)
    if lower is None:
        lower = doc.user_data[_LOWER_KEY] = {t.text for t in doc if t.text == t.lower_}
    return ent.text.lower() in lower


_LOWER_KEY = "threadline_lower_words"
