"""Names extended over the parts their word or their model name has beyond what was found.

"Flan-PaLM" from "PaLM", "Qwen2.5-7B-Instruct-1M" from "Qwen2.5-7B", "LLaMA 7B" from
"LLaMA", "AIME 2024" from "AIME", "EMBL-EBI" from "EMBL": the hyphen-joined parts, a size
after a model, an edition after a benchmark, a version after a library (:func:`whole_name`,
:func:`glued_name`; used by :mod:`~graph.nlp.components.entities` and
:mod:`~graph.nlp.components.benchmarks`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from graph.nlp.components.spans import HYPHENS, MODIFIER_SUFFIXES
from graph.nlp.lexicon import words

NAME_TYPES = {"MODEL", "ORG", "PROJECT", "METHOD", "DATASET"}
# "AIME 2024", "RewardBench 2", "AlpacaEval 2.0", "LongBench v2"
_EDITION = re.compile(r"^(?:(?:19|20)\d\d|\d(?:\.\d)?|v\d+(?:\.\d+)?)$")
_SIZE = re.compile(r"^\d+(?:\.\d+)?[BM]$|^\d+x\d+B$")  # "LLaMA 7B", "Mixtral 8x7B"
_VERSION = re.compile(r"^v?\d+\.\d+(?:\.\d+)?$|^v\d+$")  # "PyTorch 2.2", "vLLM v0.6", "v3"
_RELEASE = re.compile(r"^v\d+(?:\.\d+)*$")  # "Dolly-v2-12B", "Mixtral-8x7B-v0.1"
# "Kimi k1.5", "Stable Diffusion XL", "T5 XXL": a release or size letter after a model's name
_MODEL_MARK = re.compile(r"^[a-z]\d+(?:\.\d+)*$|^X{1,3}L$")
_METHOD_VERSION = re.compile(r"^[2-9]$")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")  # "fr", "eu": a language's two-letter code
_GREEK = re.compile(r"^[\u03b1-\u03c9]$")  # a variant named by a Greek letter: "Zephyr-β"
_COUNTED = {"tokens", "parameters", "params", "words", "examples", "samples"}


PREFIXES = {"post", "pre", "non", "anti"}  # "the post-prompt engineering model": a modifier


def _glued(token: Token) -> bool:
    """A name part a hyphen joins on: capitalised, a number or a Greek letter ("Flan",
    "Instruct", "1M", "Zephyr-β")."""
    text = token.text
    return text[:1].isupper() or text[:1].isdigit() or _GREEK.match(text) is not None


def whole_name(span: Span) -> Span:
    """A name extended over the hyphen-joined parts of its word: "Flan-PaLM" from "PaLM",
    "Qwen2.5-7B-Instruct-1M" from "Qwen2.5-7B", "MultiPL-E" from "MultiPL"; not over
    lower-case parts ("GPT-4-based" stays "GPT-4") but a model's variant ("Phi-3-small")."""
    if span.label_ not in NAME_TYPES:
        return span
    doc, start, end = span.doc, _name_start(span), span.end
    while True:
        if end + 1 < len(doc) and doc[end].text in HYPHENS and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and (_glued(doc[end + 1]) or (
                    span.label_ == "MODEL" and (_variant(doc[end + 1]) or
                                                _RELEASE.match(doc[end + 1].text)))):
            # "Phi-3-small", "Gemma-2-9b-it", "Dolly-v2-12B", "GPT-4-turbo-2024-04-09"
            end += 2
        elif end < len(doc) and doc[end - 1].text in HYPHENS and not doc[end - 1].whitespace_ \
                and _glued(doc[end]):
            end += 1  # "s1-" + "32B": the span stopped at the hyphen
        elif span.label_ == "DATASET" and end + 1 < len(doc) and doc[end].text in HYPHENS \
                and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
                and _LANGUAGE_CODE.match(doc[end + 1].text):
            end += 2  # "IFEval-fr", "XCOPA-eu": a benchmark's edition in one language
        elif span.label_ == "MODEL" and end < len(doc) and _SIZE.match(doc[end].text) \
                and doc[end - 1].whitespace_ == " " and not (
                    end + 1 < len(doc) and doc[end + 1].lower_ in _COUNTED):
            end += 1  # "LLaMA 7B": a size after the name is part of it, not a count
        elif span.label_ == "MODEL" and end + 2 < len(doc) and _variant(doc[end]) and \
                doc[end - 1].whitespace_ == " " and doc[end + 1].text in HYPHENS and \
                not doc[end].whitespace_ + doc[end + 1].whitespace_ and \
                _RELEASE.match(doc[end + 2].text):
            end += 3  # "Whisper large-v3": a variant with its version, written apart
        elif span.label_ == "MODEL" and end < len(doc) and _MODEL_MARK.match(doc[end].text) \
                and doc[end - 1].whitespace_ == " ":
            end += 1  # "Kimi k1.5", "Stable Diffusion XL"
        elif span.label_ == "MODEL" and end - start == 1 and doc[start].is_alpha and \
                end < len(doc) and doc[end].text == "LLM" and doc[end - 1].whitespace_ == " ":
            end += 1  # "Falcon LLM": a one-word family named with its kind (not "Phi-2 LLM")
        elif end < len(doc) and _VERSION.match(doc[end].text) and _released(span, end):
            end += 1  # "PyTorch 2.2", "MiniCPM-V 2.6": a release is named with its version
        elif end < len(doc) and doc[end - 1].whitespace_ == " " and _edition(span, end):
            end += 1  # "AIME 2024", "Flash Attention 2"
        elif end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text.isalnum() \
                and doc[end - 1].text[-1:].isdigit():
            end += 1  # "1M" that the tokenizer cut into a number and a unit
        else:
            break
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label_)


def _name_start(span: Span) -> int:
    """Where the whole name of ``span`` starts (see :func:`whole_name`)."""
    doc = span.doc
    start = _word_start(doc, span.start, _glued)
    first = _word_start(doc, start, lambda t: t.text.isalnum())
    if _glued(doc[first]):
        start = first  # "Zero-shot-CoT" from "CoT": the word opens with a capital
    elif span.label_ == "METHOD" and doc[start].is_lower:
        if doc[first].lower_ not in PREFIXES:
            start = first  # "step-back prompting" from "back prompting": a technique's word
        return _modified_technique(doc, start)
    if span.label_ == "MODEL" and start > 0 and doc[start - 1].whitespace_ == " " \
            and doc[start - 1].text in words("entities", "model_prefixes"):
        start -= 1  # "Code Llama 34B": the prefix is part of the model's name
    return start


# hyphen-joined words that praise or date a technique, no part of its name
_NOT_KINDS = {"state-of-the-art", "open-source", "well-known", "so-called", "high-quality",
              "real-world", "long-term", "short-term", "cutting-edge", "non-trivial",
              "full-scale", "in-house", "off-the-shelf", "easy-to-use", "up-to-date",
              "open-ended", "end-to-end", "general-purpose", "large-scale", "text-to-text"}


def _modified_technique(doc, start: int) -> int:
    """A technique's name with the hyphen-joined kind written before it, in lower case
    ("parameter-efficient fine-tuning", "low-rank fine-tuning", "block-skip attention";
    the annotations name "weight-only quantization", "post-training quantization")."""
    if start < 3 or doc[start - 1].whitespace_ != " " or not doc[start - 1].is_lower:
        return start
    first = _word_start(doc, start - 1, lambda t: t.is_alpha and t.is_lower)
    word, last = doc[first:start].text, doc[start - 1]
    if first == start - 1 or word in _NOT_KINDS or last.tag_ in ("VBZ", "VBD") or \
            last.lower_ in MODIFIER_SUFFIXES or (first > 0 and not doc[first - 1].whitespace_):
        return start  # ("pre-computes label embeddings", "task-specific", "141-billion-parameter")
    return first


def _edition(span: Span, end: int) -> bool:
    """Whether the number at ``end`` is part of the name before it: a benchmark's edition
    ("AIME 2024", "RewardBench 2", "LongBench v2"; not "on MMLU 2.5 points higher"), a named
    technique's second version ("Flash Attention 2", "FlashAttention 3"; not "AWQ 4-bit
    quantization")."""
    doc, after = span.doc, span.doc[end + 1] if end + 1 < len(span.doc) else None
    if span.label_ == "DATASET":
        return _EDITION.match(doc[end].text) is not None and not (
            "." in doc[end].text and after is not None and after.tag_ in ("NN", "NNS"))
    return span.label_ == "METHOD" and _METHOD_VERSION.match(doc[end].text) is not None and \
        doc[end - 1].text[:1].isupper() and not (after is not None and (
            after.tag_ in ("NN", "NNS", "CD") or (after.text in HYPHENS and
                                                  not doc[end].whitespace_)))


def _word_start(doc, start: int, part: Callable[[Token], bool]) -> int:
    """The first token of the hyphen-joined run of ``part`` tokens before token ``start``."""
    while start >= 2 and doc[start - 1].text in HYPHENS and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and part(doc[start - 2]):
        start -= 2
    return start


def _variant(token: Token) -> bool:
    """A model's variant word, alone or with the date of its snapshot glued on by the
    tokenizer ("small", "turbo-2024", "opus-20240229")."""
    word, _, date = token.lower_.partition("-")
    return word in words("entities", "model_variants") and (not date or date.isdigit())


def _released(span: Span, end: int) -> bool:
    """Whether the version number at ``end`` names a release of the library or model before
    it: a library's always ("PyTorch 2.2 ships"), a model's unless it is numbered already
    ("GPT-4 2.5 points") or a noun follows."""
    doc = span.doc
    if doc[end - 1].whitespace_ != " " or span.label_ not in ("PROJECT", "MODEL"):
        return False
    return span.label_ == "PROJECT" or not (
        any(c.isdigit() for c in doc[end - 1].text) or
        (end + 1 < len(doc) and doc[end + 1].tag_ in ("NN", "NNS")))


def glued_name(ent: Span) -> Span:
    """Extend a name over a glued hyphen and capitalised part ("EMBL" -> "EMBL-EBI")."""
    doc, end = ent.doc, ent.end
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper() \
            and not doc[end + 1].ent_type:
        return Span(doc, ent.start, end + 2, label=ent.label_)
    return ent


# "v3", "v0.6", "V2.5": a version, never a name ("V100" is a GPU's)
_BARE_VERSION = re.compile(r"^v\d{1,2}(?:\.\d+)*$|^V\d(?:\.\d+)*$")


def versioned_names(spans: list[Span]) -> list[Span]:
    """A name joined with the version the recogniser found as a name of its own ("SEA-LION"
    + "v3" -> MODEL "SEA-LION v3": a model when either part was read as one); a version
    alone is no name ("the v3 release")."""
    found: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        bare = len(span) == 1 and span.label_ in NAME_TYPES and _BARE_VERSION.match(span.text)
        if not bare:
            found.append(span)
            continue
        before = found[-1] if found else None
        if before is not None and before.end == span.start and before.label_ in NAME_TYPES \
                and span.doc[before.end - 1].whitespace_ == " ":
            label = "MODEL" if "MODEL" in (before.label_, span.label_) else before.label_
            found[-1] = Span(span.doc, before.start, span.end, label=label)
    return found


_PARTNERS = {"co.", "co", "company", "sons"}  # "JPMorgan Chase & Co."


def partnership_names(spans: list[Span]) -> list[Span]:
    """A company's name with its "& Co." ("JPMorgan Chase & Co.": one ORG, not "JPMorgan
    Chase" and an ORG "Co."), and the team named after what it makes ("the Qwen team",
    "DeepSpeed Team", "WizardLM Team": an organisation, not the model or the tool)."""
    found: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        doc, end = span.doc, span.end
        if span.label_ == "ORG" and end + 1 < len(doc) and doc[end].text == "&" and \
                doc[end + 1].lower_ in _PARTNERS:
            span = Span(doc, span.start, end + 2, label="ORG")
        elif span.label_ in ("MODEL", "PROJECT") and end < len(doc) and \
                doc[end].lower_ == "team" and doc[end - 1].whitespace_ == " ":
            span = Span(doc, span.start, end + 1, label="ORG")
        if found and found[-1].end > span.start:
            continue  # the "Co." the recogniser found on its own
        found.append(span)
    return found


LANGUAGE_NAMED = {"DATASET", "MODEL"}  # what a language's name may open: "Bangla MMLU"


def language_names(spans: list[Span]) -> list[Span]:
    """A benchmark or a model with the language written right before it ("Bangla MMLU",
    "Russian SQuAD", "Chinese LLaMA": the annotated pages name the whole 15 times in 17),
    the language's word taken in whether it was left out or found as a name of its own; a
    language's name alone is no name."""
    found: list[Span] = []
    languages = words("entities", "language_names") | {"english"}
    for span in sorted(spans, key=lambda s: s.start):
        if len(span) == 1 and span[0].lower_ in languages:
            continue  # a language's name alone names no thing ("in English, French and
            # Chinese" read as organisations): no annotated page has one as a name
        doc, k = span.doc, span.start - 1
        language = k >= 0 and doc[k].text[:1].isupper() and \
            doc[k].lower_ in words("entities", "language_names") and doc[k].whitespace_ == " "
        if span.label_ in LANGUAGE_NAMED and language:
            if found and found[-1].start == k and found[-1].end == span.start:
                found.pop()  # "Bangla" found as a name of its own
            if not found or found[-1].end <= k:
                span = Span(doc, k, span.end, label=span.label_, kb_id=span.kb_id_,
                            span_id=span.id_)
        found.append(span)
    return found
