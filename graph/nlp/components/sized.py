"""Models named by their size: an unknown name followed by a parameter count.

"Lark 3B", "Poro 34B", "Shisa Gamma 7B", "Amber-7B", "Sky-T1-32B", "QwQ-32B-Preview",
"CodeTide 2 32B", "Tulu-13B Tulu-30B" (two), "s1-32B": a capitalised name (or a lower-case
one with a digit; one or two words, a version number optional) and a size ("7B", "8x22B",
"1.5B", "1M") glued by a hyphen or a space, with the variant words glued after it
("-Preview", "-Instruct") or one of an edition's after a space ("Kestrel 2 8B Instruct"),
is a MODEL
whatever the statistical model guessed (it reads them as people, dates or nothing).
Only names are taken: the first word is a proper noun or written like a name (a digit
or a capital past its first letter), not a determiner, a verb or a word of the language
opening a sentence ("Our 7B model", "Both 7B models", "Compared 7B models"); after one,
the name starts at the next word ("The Lark 3B model"). A name and its size outrank the
size read as a metric ("3B model"), but not a pattern's longer name ("Llama 2 70B Chat").
One regular expression over the text, no per-token work. So is a name numbered like a
release right before "model(s)" ("Its Command A and Embed 4 models", "the Kestrel 2
models"): the number is its version, not a count.

A name numbered like a release after its maker's possessive ("Northwind AI's Cirrus 4",
"xAI's Grok 3 Mini", "Meta's Llama 3 70B Instruct") or its releasing verb ("Kairos
released Meridian 3", "Anthropic released Claude 3 Sonnet") is a model too, with its size
and variant words (:func:`possessed_models`): a lab's numbered product.

A name the statistical model read as a person's but numbered like a release ("Vela 2",
"Vela 2 Max", "Vela" + "1.5") is a model too (:func:`numbered_person`): no person is
numbered.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from graph.nlp.components.spans import doc_text

_SIZE = r"(?:\d+x)?\d+(?:\.\d+)?[BMT]"  # "32B", "8x22B", "1M"
_SIZED = re.compile(
    rf"(?<![\w.$-])(?:[A-Z]|[a-z]+\d)[\w.]*(?:-(?!{_SIZE}\b)[\w.]+)*"  # "Sky-T1", "s1"
    r"(?: [A-Z][a-z]\w*)?(?: v?\d+(?:\.\d+)?)?"  # "Shisa Gamma", "CodeTide 2"
    rf"[ -]{_SIZE}(?:-[A-Z0-9][\w.]*)*"  # "-Preview", "-Instruct-1M"
    r"(?: (?:Instruct|Chat|Base|Preview|Vision|Coder|Thinking))?(?![\w-])")  # " Instruct"
_SIZED_WHOLE = re.compile(_SIZED.pattern + "$")
_NAMES = {"MODEL", "ORG", "PROJECT", "METHOD", "DATASET"}
_NOT_A_NAME = {"DET", "PRON", "VERB", "AUX", "ADP", "ADV", "CCONJ", "SCONJ", "ADJ"}


# a name numbered like a release before "model(s)": "Its Command A and Embed 4 models", "the
# Kestrel 2 models" (the number is the version, not a count of models)
_NUMBERED = re.compile(r"(?<![\w.$-])[A-Z][a-z]\w*(?: [A-Z][a-z]\w*)? v?\d{1,2}(?:\.\d)?"
                       r"(?= models?\b)")


def sized_models(doc: Doc) -> list[Span]:
    """The MODEL spans of ``doc`` named by a size, or numbered before "models" (see the
    module's notes)."""
    spans, text = [], doc_text(doc)
    for match in [*_SIZED.finditer(text), *_NUMBERED.finditer(text)]:
        span = doc.char_span(match.start(), match.end(), label="MODEL")
        if span is not None and not _a_name(span[0]) and len(span) > 2 and _a_name(span[1]):
            span = Span(doc, span.start + 1, span.end, label="MODEL")  # "The Lark 3B model"
        if span is not None and _a_name(span[0]) and (
                sized(span.text) or match.re is _NUMBERED) and not any(
                e.ent_id_ and e.label_ in _NAMES and e.start < span.end and span.start < e.end
                for e in doc.ents):  # a pattern's name ("Llama 2 70B Chat") stays whole
            spans.append(span)
    return spans


# "'s Cirrus 4", "released Meridian 3 Flash", "released Claude 3 Sonnet", "'s Llama 3 70B
# Instruct": the size and the variant words after the number are the name's; not "'s Q3 2024"
_POSSESSED = re.compile(
    r"(?:['\u2019]s|(?: today| yesterday| recently)? (?:released|launched|introduced|"
    r"unveiled|open-sourced|announced)) ([A-Z][a-z][\w-]*(?: [A-Z][a-z]\w*)? v?\d{1,2}(?:\.\d+)?"
    r"(?: \d+(?:\.\d+)?[BMT])?(?: [A-Z][a-z]+){0,2}"
    r"|(?=[A-Z][a-z]\w*-[\w.-]*\d)[A-Z][a-z]\w*(?:-[A-Za-z0-9]+(?:\.\d+)*)+"
    r"|(?=[a-z]+-[\w.-]*\d)[a-z][a-z0-9]*(?:-[a-z0-9]+(?:\.\d+)*)+)(?![\w-]|\.\w)")
# (or a hyphen-joined name with a number: "Aleph Alpha's Pharia-1-LLM", "xAI's Grok-2.", in
# lower case too: "OpenAI's text-embedding-3-large", "BAAI's bge-reranker-v2-m3")


def possessed_models(doc: Doc, names: list[Span]) -> list[Span]:
    """MODEL spans for a numbered name after the possessive or the releasing verb of an
    organisation among ``names`` (or a lab the small model read as a one-word person:
    "Kairos released Meridian 3"; see the module's notes)."""
    ends = {e.end_char for e in names
            if e.label_ == "ORG" or (e.label_ == "PERSON" and len(e) == 1)}
    spans = []
    for match in _POSSESSED.finditer(doc_text(doc)):
        if match.start() in ends and not _YEAR_LIKE.match(match.group(1).rsplit(" ", 1)[-1]):
            span = doc.char_span(*match.span(1), label="MODEL")
            if span is not None:
                spans.append(span)
    return spans


_YEAR_LIKE = re.compile(r"^(?:19|20)\d\d$")


def sized(text: str) -> bool:
    """Whether ``text`` is a name followed by a parameter count ("QwQ-32B-Preview")."""
    return _SIZED_WHOLE.match(text) is not None


def _a_name(token: Token) -> bool:
    written = any(c.isdigit() for c in token.text) or any(c.isupper() for c in token.text[1:])
    return written or (not token.is_stop and token.pos_ not in _NOT_A_NAME)


_RELEASE = re.compile(r"^v?\d{1,2}(?:\.\d+)?$")  # "2", "1.5", "v3"; not a year
_GLUED_RELEASE = re.compile(r"^[A-Za-z]+-v?\d{1,2}(?:\.\d+)?$")  # "EAGLE-2", one token


def numbered_person(span: Span) -> Span | None:
    """A PERSON guess numbered like a model's release, as a MODEL ("Vela 2 Max", "EAGLE-2";
    "Vela" followed by "1.5": "Vela 1.5"), or ``None``; not where the text says what it is
    ("Sonnet 4.5, our newest friend"; a size in brackets says nothing: "Kestrel 2 Pro
    (32B)"); a heading's verb is no part of it ("## Running Kestrel 2")."""
    doc, end = span.doc, span.end
    if span.label_ != "PERSON" or not (span[0].is_title or span[0].is_upper) or any(
            c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN") and
            not any(ch.isdigit() for ch in c.text) for c in span.root.children):
        return None
    if end < len(doc) and span[-1].whitespace_ == " " and _RELEASE.match(doc[end].text):
        end += 1
    if not any(_RELEASE.match(t.text) for t in doc[span.start + 1:end]) and \
            not any(_GLUED_RELEASE.match(t.text) for t in span):
        return None
    start = span.start + (span[0].tag_ == "VBG" and len(span) > 1)  # "## Running Kestrel 2"
    return Span(doc, start, end, label="MODEL")
