"""Tools, libraries and platforms told by the slot a sentence gives them.

* what a step is done with: "loaded in 4-bit NF4 with bitsandbytes", "Both stages were run
  with NeMo Aligner", "serve the model via vllm": a PROJECT;
* where a model is deployed or runs: "deployed on Heroku", "runs on Aurora Private
  Compute", and where it is exported or deployed to ("Export and deploy your model to
  GGUF"): a PROJECT (``destination_verbs``: "ships to Europe" is a place);
* what is installed and what it is installed with (:func:`install_projects`): "To install
  Unsloth on AMD GPUs", "Install the Intel Extension for PyTorch", "You can install mteb
  simply using pip or uv": software, a PROJECT, whatever type the name had on its own (one
  installs software, not a person, a place or a company); the other mentions of the same
  name that are not a pattern's take the type too (a README calls its package by one name);
* what a sentence says something requires or needs, written as code: "image-based modes
  require `pdf2image`, `pypdf`, and a system `poppler`" (not "`max_messages`", a parameter);
* a lower-case name that is no word of the language before a software noun ("the tiktoken
  library", "The conda-forge package") or "-based" ("semgrep-based"), and a name before
  "-native" ("an inspect-native implementation"): software (``software_nouns``);
* what a line that is only "With `X`:" names (:func:`install_projects`): "**With `conda`**:"
  over a code block says the block is run with the tool X, a PROJECT. Only the whole line
  counts, and only a name written as code: "with `temperature` set to 0" is a parameter.

Only guesses are re-typed: the statistical model's people and places (it reads an unknown
tool as either), and, where a model is deployed, the trained recogniser's datasets ("runs on
X" reads like "scores on X"); a pattern's match, a model and a technique keep their type
("fine-tuned with LoRA", "runs on Vela 2 Max"). A lower-case name counts when it is no word
of the language nor two joined (the lemmatizer's word index): "bitsandbytes", "vllm", "n8n";
not "pandas", "workaround"; the recogniser's technique or dataset on such a name is a guess
too (techniques are not written so). Titles' words and hardware ("on Ampere and Ada GPUs") are left.
The verbs are in ``resources/lexicon/roles.json``.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from graph.nlp.components.org_roles import proper_name, typed_name
from graph.nlp.components.spans import HYPHENS, title_line
from graph.nlp.components.unknown_names import written_as_name
from graph.nlp.lexicon import words

_MEANS = {"with", "via"}  # "run with X", "serve via X"
_PLATFORM = {"on"}  # "deployed on X"
_DESTINATION = {"to"}  # "deploy your model to X"
_GUESSES = {"PERSON", "PLACE"}
_DEPLOYED = {"PERSON", "PLACE", "DATASET"}
_LOWER_GUESSES = {"METHOD", "DATASET"}  # the recogniser's, for a lower-case non-word name


def tool_projects(doc: Doc, spans: list[Span], strong: set[tuple[int, int]],
                  nlp: Language | None = None) -> list[Span]:
    """``spans`` (sorted, not overlapping) with the names in a tool's or a platform's slot
    typed PROJECT (see the module's notes); ``strong``: ``(start, end)`` of the patterns'
    and shapes' spans; ``nlp``: the pipeline whose lemmatizer knows the words of the
    language (without it, lower-case names are left alone)."""
    out = list(spans)
    vocabulary = language_words(nlp) if nlp is not None else frozenset()
    generic = words("entities", "generic_terms")  # "GPUs"
    for token in doc:
        if token.dep_ != "pobj" or token.head.head.pos_ not in ("VERB", "AUX"):
            continue
        prep, verb = token.head.lower_, token.head.head.lemma_.lower()
        if prep in _MEANS and verb not in words("roles", "not_means_verbs"):
            retyped = _GUESSES
        elif prep in _PLATFORM and verb in words("roles", "deploy_verbs") or \
                prep in _DESTINATION and verb in words("roles", "destination_verbs"):
            retyped = _DEPLOYED
        else:
            continue
        if title_line(token.sent) or any(c.pos_ == "NOUN" and c.is_lower or c.lower_ in generic
                                         for c in token.conjuncts):
            continue  # "Prompting LLMs with External Knowledge"; "on Ampere and Ada GPUs"
        name = proper_name(token)
        if name is None and (name := _lower_name(token, vocabulary)) is not None:
            retyped = retyped | _LOWER_GUESSES  # no technique is written "bitsandbytes"
        if name is not None:
            out = typed_name(doc, out, name, "PROJECT", retyped, strong)
    return sorted(out, key=lambda s: s.start)


def _lower_name(token: Token, vocabulary: frozenset[str]) -> tuple[int, int] | None:
    """``(start, end)`` of a lower-case name that is no word of the language ("bitsandbytes",
    "n8n"), or ``None``."""
    doc = token.doc
    if not vocabulary or not token.is_lower or not token.text.isalnum() or len(token) < 3 or \
            token.pos_ not in ("NOUN", "PROPN") or token.is_stop or token.like_num or \
            _a_word(token.text, vocabulary) or _a_word(token.lemma_.lower(), vocabulary):
        return None
    if token.i + 1 < len(doc) and doc[token.i + 1].text in HYPHENS:
        return None  # part of a longer, hyphenated word
    return token.i, token.i + 1


def _a_word(text: str, vocabulary: frozenset[str]) -> bool:
    """Whether ``text`` is a word of the language or two of them joined ("workaround",
    "subtask", "datasets"); "bitsandbytes", "vllm" are not."""
    return text in vocabulary or any(
        text[:i] in vocabulary and text[i:] in vocabulary for i in range(3, len(text) - 2))


@cache
def language_words(nlp: Language) -> frozenset[str]:
    """The words of the language the lemmatizer indexes (nouns, verbs, adjectives,
    adverbs), or none without a rule-based lemmatizer."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(w for ws in lookups.get_table("lemma_index").values() for w in ws)


_NAMES = {"MODEL", "ORG", "PROJECT", "METHOD", "DATASET", "PERSON", "PLACE"}
_INSIDE = {"METRIC", "DATE", "ORG", "PROJECT", "PERSON", "PLACE"}  # parts of a longer name
_JOINS = {"or", "and", ",", "&"}
_TICKS = {"`", "``", "''"}


def install_projects(doc: Doc, spans: list[Span], strong: set[tuple[int, int]],
                     vocabulary: frozenset[str]) -> list[Span]:
    """``spans`` (sorted, not overlapping) with what an install word says is software (see
    the module's notes): the name after "install" and the names after its "with", "using",
    "via"; the install word itself, a heading's "Install", is no name."""
    install = words("roles", "install_words")
    out = [s for s in spans if not (len(s) == 1 and s[0].lower_ in install)]
    for token in doc:
        if token.lower_ not in install:
            continue
        i, found = _skip(doc, token.i + 1), []
        if not token.lower_.startswith("installation"):
            name = _name_at(doc, i, vocabulary, means=False)
            if name is not None:
                found.append(name)
                i = _skip(doc, name[1])
        while i < len(doc) and doc[i].tag_ == "RB":
            i += 1  # "install mteb simply using pip"
        if i < len(doc) and doc[i].lower_ in words("roles", "install_means"):
            found += _listed_names(doc, _skip(doc, i + 1), vocabulary)
        for bounds in found:
            out = _software(doc, out, bounds, strong)
    for bounds in _means_lines(doc, vocabulary) + _required(doc, vocabulary) + \
            _before_software_words(doc, vocabulary):
        out = _software(doc, out, bounds, strong)
    return sorted(out, key=lambda s: s.start)


_REQUIRE = {"require", "need"}  # lemmas: "require `pdf2image`, `pypdf`, and a system `poppler`"
_FILLERS = {"a", "an", "the", "system", "and", "or", ",", "&", *_TICKS}


def _required(doc: Doc, vocabulary: frozenset[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of the names written as code that a sentence says something requires
    or needs ("image-based modes require `pdf2image`, `pypdf`, and a system `poppler`
    installation"): software, not a parameter or a key ("`max_messages`",
    "`TAVILY_API_KEY`": a name with an underscore is no software's)."""
    found = []
    for token in doc:
        if token.lemma_.lower() not in _REQUIRE or token.pos_ not in ("VERB", "AUX"):
            continue
        i = token.i + 1
        while i < len(doc) and doc[i].lower_ in _FILLERS:
            name = _name_at(doc, i + 1, vocabulary, means=True) \
                if doc[i].text in _TICKS else None
            if name is not None and _coded(doc[name[0]]) and \
                    "_" not in doc[name[0]:name[1]].text:
                found.append(name)
                i = name[1] + (name[1] < len(doc) and doc[name[1]].text in _TICKS)  # its tick
            else:
                i += 1
    return found


_PREFIXES = {"multi", "non", "pre", "post", "self", "cross", "semi", "sub", "inter", "co", "re"}


def _before_software_words(doc: Doc, vocabulary: frozenset[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of the lower-case names a software noun follows ("using the tiktoken
    library", "the `ctypes` interface", "The conda-forge package") or a hyphen and a software word
    ("semgrep-based", "an inspect-native implementation"): names that are no word of the
    language (one of their hyphened parts at least), and before "-native" any but a few words
    ("non-native", "cloud-native": ``not_platforms``; ``software_nouns``,
    ``software_suffixes``); not a function's name ("the `read_inbox` tool") nor a word
    ("A `grep` search tool", "multi-turn tool", "uses tool")."""
    nouns, suffixes = words("roles", "software_nouns"), words("roles", "software_suffixes")
    found = []
    for token in doc[2:]:
        hyphened = token.lower_ in suffixes and doc[token.i - 1].text in HYPHENS and \
            not doc[token.i - 1].whitespace_ and not doc[token.i - 2].whitespace_
        if not hyphened and (token.lower_ not in nouns or token.is_upper):
            continue
        end = token.i - (2 if hyphened or doc[token.i - 1].text in _TICKS else 1)
        start = end
        while not hyphened and start >= 2 and doc[start - 1].text in HYPHENS and \
                not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_:
            start -= 2  # "`mlx-lm` package", "The conda-forge package"
        parts = [doc[k] for k in range(start, end + 1, 2)]
        if doc[start:end + 1].text in words("entities", "generic_terms") or not all(
                p.is_lower and re.fullmatch(r"[a-z][a-z0-9.]*[a-z0-9]", p.text) for p in parts):
            continue
        known = all(p.is_stop or p.text in _PREFIXES or _a_word(p.text, vocabulary) or
                    _a_word(p.lemma_.lower(), vocabulary) for p in parts)  # "uses", "multi-turn"
        if not known or hyphened and token.lower_ == "native" and \
                parts[0].text not in words("roles", "not_platforms"):
            found.append((start, end + 1))
    return found


_MARKS = {"*", "**", "_", "__", "-", "+", "#"}  # Markdown marks around a line's words


def _means_lines(doc: Doc, vocabulary: frozenset[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of the names of the lines that are only "With `X`:" (see the
    module's notes): the line's "With" opens it, the name is written as code and only
    marks and a colon follow it to the line's end."""
    found = []
    for token in doc:
        if token.lower_ != "with" or token.i + 2 >= len(doc) or doc[token.i + 1].text not in _TICKS:
            continue
        i = token.i - 1
        while i >= 0 and doc[i].text in _MARKS:
            i -= 1
        if i >= 0 and "\n" not in doc[i].text:
            continue  # not the line's first word
        name = _name_at(doc, token.i + 2, vocabulary, means=True)
        if name is None or not _coded(doc[name[0]]):
            continue
        j = name[1]
        while j < len(doc) and (doc[j].text in _TICKS or doc[j].text in _MARKS):
            j += 1
        if j < len(doc) and doc[j].text == ":" and (j + 1 == len(doc) or "\n" in doc[j + 1].text):
            found.append(name)
    return found


def _skip(doc: Doc, i: int) -> int:
    """The position after the article and code marks at ``i``."""
    while i < len(doc) and (doc[i].text in _TICKS or doc[i].lower_ == "the"):
        i += 1
    return i


def _listed_names(doc: Doc, i: int, vocabulary: frozenset[str]) -> list[tuple[int, int]]:
    """The names at ``i`` listed with "or", "and": "using pip or uv"."""
    found = []
    while (name := _name_at(doc, i, vocabulary, means=True)) is not None:
        found.append(name)
        i = _skip(doc, name[1])
        if i >= len(doc) or doc[i].lower_ not in _JOINS:
            break
        i = _skip(doc, i + 1)
    return found


def _name_at(doc: Doc, i: int, vocabulary: frozenset[str], means: bool) -> tuple[int, int] | None:
    """``(start, end)`` of the software name at ``i``: capitalised words ("Unsloth", "Intel
    Extension for PyTorch", "Python 3.13"), or one lower-case name that is no word of the
    language, or is written as code or a name after "with" ("mlx-lm", "vllm", "pip")."""
    if i >= len(doc) or not doc[i].text[:1].isalpha() or doc[i].is_stop:
        return None
    first = doc[i]
    if first.text[:1].isupper():
        end = i + 1
        while end < len(doc) and doc[end - 1].whitespace_ and (
                doc[end].text[:1].isupper() or doc[end].like_num and "." in doc[end].text):
            end += 1  # "Ascend PyTorch Adapter", "Python 3.13"
        while end + 1 < len(doc) and doc[end].lower_ in ("for", "of") and \
                doc[end + 1].text[:1].isupper():
            end += 2  # "Intel Extension for PyTorch"
        if end == i + 1 and _a_word(first.lower_, vocabulary) and not _coded(first) and \
                not written_as_name(first):
            return None  # "Install Package"; not "TextGrad"
        return i, end
    end = i + 1
    while end + 1 < len(doc) and doc[end].text in HYPHENS and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha:
        end += 2  # "mlx-lm"
    if not first.is_lower or first.like_num or doc[i:end].text.casefold() in \
            words("entities", "generic_terms"):
        return None
    unknown = end == i + 1 and first.pos_ in ("NOUN", "PROPN") and \
        not _a_word(first.text, vocabulary)
    if unknown or _coded(first) or (means and first.pos_ == "PROPN"):
        return i, end
    return None


def _coded(token: Token) -> bool:
    """Whether ``token`` is written as code: "`mlx-lm`"."""
    return token.i > 0 and token.doc[token.i - 1].text in _TICKS


def _software(doc: Doc, spans: list[Span], bounds: tuple[int, int],
              strong: set[tuple[int, int]]) -> list[Span]:
    """``spans`` with the name at ``bounds`` a PROJECT over the guesses and shorter names
    inside it, and its other mentions that are no pattern's too; unchanged where a longer
    name or a pattern's model, dataset or method holds its words."""
    start, end = bounds
    over = [s for s in spans if s.start < end and s.end > start]
    if any(s.start < start or s.end > end or (s.start, s.end) in strong and (
            s.label_ not in _INSIDE or (s.start, s.end) == bounds and s.label_ != "PROJECT")
            for s in over):
        return spans
    text = doc[start:end].text
    same = [s for s in spans if s.text == text and s.label_ in _NAMES and
            (s.start, s.end) not in strong and s not in over]
    return [s for s in spans if s not in over and s not in same] + \
        [Span(doc, start, end, label="PROJECT")] + \
        [Span(doc, s.start, s.end, label="PROJECT") for s in same]
