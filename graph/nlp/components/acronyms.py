"""Acronyms defined in the text take the type of their expansion, and acronyms listed with
a known method are methods.

"natural language autoencoders (NLAs)" defines NLA: every "NLA" and "NLAs" of the document
becomes a METHOD like its expansion. Whether the letters spell the name is the rule
resolution uses too (:func:`graph.names.spells_acronym`), so the two cannot disagree.

"Supports GRPO, GSPO, DrGRPO, DAPO etc.": a README lists algorithms by their acronyms, and
the parser, reading the capitals as proper nouns, often makes no list of them, so the
rules that type a list's members by its parse (:mod:`~graph.nlp.components.unknown_names`,
:func:`~graph.nlp.components.arbiter.retype_lists`) miss it. Where the commas list names
written as acronyms and one of them is a method the patterns know, the others are methods
too (:func:`listed_acronyms`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from graph.names import spells_acronym
from graph.nlp.components.arbiter import type_by_context
from graph.nlp.components.spans import ARTICLES, HYPHENS, doc_text
from graph.nlp.components.unknown_names import written_as_name
from graph.nlp.lexicon import words

_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&]{1,10}$")
# Only names are abbreviated this way; a PERSON's initials or a DATE are not definitions.
ACRONYM_LABELS = ("METHOD", "ORG", "PROJECT", "MODEL")


CLOSES = frozenset({")", "):", ");", "),", ")."})  # the tokenizer keeps "):" whole


def acronym_for(span: Span) -> str | None:
    """The acronym defined right after ``span`` ("natural language autoencoders (NLAs)").

    Parameters
    ----------
    span
        A name, followed in its ``Doc`` by ``(``, one token and ``)``.

    Returns
    -------
    str or None
        The acronym without a plural "s" ("NLA"), or ``None`` when the bracketed token is
        not an acronym of ``span``.
    """
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != "(" or \
            doc[span.end + 2].text not in CLOSES:
        return None
    candidate = doc[span.end + 1].text
    if not _ACRONYM.match(candidate) or sum(c.isupper() for c in candidate) < 2:
        return None
    acronym = candidate[:-1] if candidate.endswith("s") else candidate
    return acronym if spells_acronym(acronym, span.text) else None


def _acronym_before(span: Span) -> str | None:
    """The acronym ``span`` spells out in brackets right after it: "SMoA (Sparse Mixture of
    Adapters)", the order a paper's summary often writes."""
    doc, i = span.doc, span.start
    if i < 2 or span.end >= len(doc) or doc[i - 1].text != "(" or \
            doc[span.end].text not in CLOSES:
        return None
    candidate = doc[i - 2].text
    if not _ACRONYM.match(candidate) or sum(c.isupper() for c in candidate) < 2:
        return None
    return candidate if spells_acronym(candidate, span.text) else None


def defined_name(span: Span) -> str | None:
    """The type of a name guessed a person's that defines an acronym ("Sparse Draft
    Verification (SDV)": no person is abbreviated so): DATASET where a dataset's noun ends
    it, else METHOD (what this genre abbreviates most); ``None`` without an acronym."""
    if acronym_for(span) is None:
        return None
    return "DATASET" if span[-1].lower_ in words("entities", "dataset_nouns") else "METHOD"


_RUN_ON = 4  # words a name may run on by to reach the acronym that spells it with them


def spelled_out(span: Span) -> Span:
    """``span`` run on to the acronym in brackets a few words after it, when the acronym
    spells the name with those words ("Reinforcement Learning" + "from Human Feedback
    (RLHF)"): the recogniser stopped at a link word the name holds; or without the
    lower-case words it opens with, when the acronym spells the rest ("popular" + "Direct
    Preference Optimization (DPO)"). Otherwise ``span``."""
    doc = span.doc
    if span.label_ not in ACRONYM_LABELS:
        return span
    for end in range(span.end, min(span.end + _RUN_ON, len(doc) - 2) + 1):
        if doc[end].text == "(":
            if end == span.end:
                return _without_epithets(span)
            longer = Span(doc, span.start, end, label=span.label_, span_id=span.id_ or "")
            return longer if acronym_for(longer) is not None else span
        if not (doc[end].is_alpha or doc[end].text in ("-", "–")) or \
                doc[end].ent_type_ not in ("", span.label_):
            return span  # (the recogniser's rest of the name: "Quantization" + "-Aware Rank
            # Allocation (QuRA)")
    return span


def _without_epithets(span: Span) -> Span:
    """``span`` (followed by an acronym in brackets) less the lower-case words it opens with
    when the acronym spells the rest (it may spell the whole too: the link words and
    lower-case words it skips)."""
    start = span.start
    while start < span.end - 1 and span.doc[start].is_lower and span.doc[start].is_alpha:
        start += 1
    if start == span.start:
        return span
    rest = Span(span.doc, start, span.end, label=span.label_, span_id=span.id_ or "")
    return rest if acronym_for(rest) is not None else span


_LINKS = {"of", "for", "and", "from", "with", "to", "in", "on", "the", "-", "–"}  # in a name
PROPOSING = {"propose", "introduce", "present", "call", "name", "dub"}  # "we propose X (ACR)"


def spelled_names(doc: Doc, spans: Iterable[Span], parsed: bool) -> list[Span]:
    """Names nothing found that the acronym in brackets after them spells, where the text
    defines or proposes them: capitalised words ("Reflective Retrieval (RR) is a ...
    technique", "we propose Sparse Draft Verification (SDV)"), which the genre abbreviates
    when they name something, though all are words of the language (not a term the text
    only abbreviates: "Capture the Flag (CTF)", "Modern Standard Arabic (MSA)"), or that a
    technique's noun ends ("Execution-Checked Filtering (ECF)"). Typed by
    their definition, else by their last word: a dataset's noun makes a DATASET, a model's a
    MODEL, anything else a METHOD (what this genre proposes most)."""
    taken = {t.i for s in spans if not _cut_at_bracket(s) for t in s}
    found = []
    for close in (t for t in doc if parsed and t.text in CLOSES and t.i >= 3
                  and doc[t.i - 2].text == "("):
        end = start = close.i - 2
        while start > 0 and end - start < 8 and doc[start - 1].i not in taken and (
                doc[start - 1].is_title or doc[start - 1].lower_ in _LINKS and start < end or
                _joining_hyphen(doc, start - 1)):  # "Step-Back Verification (SBV)"
            start -= 1
        while start < end and (not doc[start].is_title or doc[start].lower_ in ARTICLES):
            start += 1  # no link word or article opens a name ("The Greedy Coordinate ...")
        name = doc[start:end]
        if len(name) < 2 or any(t.i in taken for t in doc[start:end + 1]) or \
                (acronym := acronym_for(name)) is None or \
                acronym.casefold() in words("entities", "generic_terms"):
            continue
        defined = type_by_context(name) or _kind_after(close)
        proposed = start > 0 and doc[start - 1].lemma_.lower() in PROPOSING or \
            name[-1].lower_ in words("methods", "technique_heads") | \
            words("methods", "named_heads")  # "Execution-Checked Filtering (ECF)"
        if defined is not None or proposed:
            last = name[-1].lower_
            found.append(Span(doc, start, end, label=defined or (
                "DATASET" if last in words("entities", "dataset_nouns") else
                "MODEL" if last in words("entities", "model_nouns") else "METHOD")))
    return found


_METHOD_KINDS = {"method", "technique", "algorithm", "approach", "attack", "strategy"}


def _kind_after(close) -> str | None:
    """METHOD for a technique's noun right after the acronym's bracket: "The Greedy
    Coordinate Gradient (GCG) attack of Zou et al. (2023)"."""
    doc, i = close.doc, close.i + 1
    return "METHOD" if i < len(doc) and doc[i].lemma_.lower() in _METHOD_KINDS else None


def _joining_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen glued between two capitalised words ("Step-Back")."""
    return i > 0 and doc[i].text in HYPHENS and not doc[i - 1].whitespace_ and \
        not doc[i].whitespace_ and doc[i - 1].is_title and doc[i + 1].is_title


def _cut_at_bracket(span: Span) -> bool:
    """A guess run into a bracket it does not close ("Reflective Retrieval (RR")."""
    texts = [t.text for t in span]
    return "(" in texts and ")" not in texts


def acronym_spans(doc: Doc, spans: Iterable[Span]) -> list[Span]:
    """Every occurrence in ``doc`` of an acronym one of ``spans`` defines, typed like it.

    Parameters
    ----------
    doc
        The document.
    spans
        Its chosen entities; names of :data:`ACRONYM_LABELS` may define an acronym.

    Returns
    -------
    list of Span
        One span per occurrence (singular or plural), with the label and pattern id of
        the expansion; occurrences that do not fall on token boundaries are skipped.
    """
    found, text = [], doc_text(doc)
    for span in spans:
        if span.label_ not in ACRONYM_LABELS:
            continue
        acronym = acronym_for(span) or _acronym_before(span)
        if acronym is None or acronym.casefold() in words("entities", "generic_terms"):
            continue  # "Large Language Models (LLMs)": a generic term, whatever its expansion
        for match in re.finditer(rf"(?<![\w-]){re.escape(acronym)}s?(?![\w-])", text):
            occurrence = doc.char_span(match.start(), match.end(), label=span.label_,
                                       span_id=span.id_ or "")
            if occurrence is not None:
                found.append(occurrence)
    return found


_JOINERS = {",", "and", "or"}  # between a list's items: "A, B and C", "A, B, or C"


def listed_acronyms(doc: Doc, spans: list[Span], strong: set[tuple[int, int]]) -> list[Span]:
    """``spans`` (chosen, sorted) with the acronyms listed beside a known method typed METHOD.

    A list is a run of single tokens written as names (:func:`written_as_name`: "GSPO",
    "DrGRPO") joined by commas, "and" or "or", three items at least. It is a list of
    methods when one item is a METHOD the patterns matched (its span is in ``strong`` and
    has a pattern id) and no other item has a type from a pattern or a shape (``strong``):
    its untyped items, and those the trained recogniser guessed, become METHODs.
    """
    by_token = {s.start: s for s in spans if len(s) == 1}
    covered = {i for s in spans if len(s) > 1 for i in range(s.start, s.end)}
    retyped: dict[int, Span] = {}
    for items in _acronym_runs(doc, covered):
        typed = [by_token[i] for i in items if i in by_token]
        known = [s for s in typed if (s.start, s.end) in strong]
        if not any(s.label_ == "METHOD" and s.id_ for s in known) or \
                any(s.label_ != "METHOD" for s in known):
            continue
        for i in items:
            if i not in by_token or (by_token[i].start, by_token[i].end) not in strong:
                retyped[i] = Span(doc, i, i + 1, label="METHOD")
    if not retyped:
        return spans
    kept = [s for s in spans if not (len(s) == 1 and s.start in retyped)]
    return sorted(kept + list(retyped.values()), key=lambda s: s.start)


def _acronym_runs(doc: Doc, covered: set[int]) -> list[list[int]]:
    """Token indices of each run of three or more acronyms the joiners list."""
    runs, run = [], []
    i = 0
    while i < len(doc):
        token = doc[i]
        if i not in covered and token.text[:1].isupper() and written_as_name(token):
            run.append(i)
            j = i + 1
            while j < len(doc) and doc[j].lower_ in _JOINERS and j - i <= 2:
                j += 1
            if j > i + 1 and j < len(doc):
                i = j
                continue
        if len(run) >= 3:
            runs.append(run)
        run = []
        i += 1
    if len(run) >= 3:
        runs.append(run)
    return runs
