"""Tools, libraries and platforms told by the slot a sentence gives them.

* what a step is done with: "loaded in 4-bit NF4 with bitsandbytes", "Both stages were run
  with NeMo Aligner", "serve the model via vllm": a PROJECT;
* where a model is deployed or runs: "deployed on Heroku", "runs on Aurora Private
  Compute": a PROJECT.

Only guesses are re-typed: the statistical model's people and places (it reads an unknown
tool as either), and, where a model is deployed, the trained recogniser's datasets ("runs on
X" reads like "scores on X"); a pattern's match, a model and a technique keep their type
("fine-tuned with LoRA", "runs on Vela 2 Max"). A lower-case name counts when it is no word
of the language nor two joined (the lemmatizer's word index): "bitsandbytes", "vllm", "n8n";
not "pandas", "workaround". Titles' words and hardware ("on Ampere and Ada GPUs") are left.
The verbs are in ``resources/lexicon/roles.json``.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from graph.nlp.components.org_roles import proper_name, typed_name
from graph.nlp.components.spans import HYPHENS, title_line
from graph.nlp.lexicon import words

_MEANS = {"with", "via"}  # "run with X", "serve via X"
_PLATFORM = {"on"}  # "deployed on X"
_GUESSES = {"PERSON", "PLACE"}
_DEPLOYED = {"PERSON", "PLACE", "DATASET"}


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
        elif prep in _PLATFORM and verb in words("roles", "deploy_verbs"):
            retyped = _DEPLOYED
        else:
            continue
        if title_line(token.sent) or any(c.pos_ == "NOUN" and c.is_lower or c.lower_ in generic
                                         for c in token.conjuncts):
            continue  # "Prompting LLMs with External Knowledge"; "on Ampere and Ada GPUs"
        name = proper_name(token) or _lower_name(token, vocabulary)
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
