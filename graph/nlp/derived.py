"""What a benchmark is made from: "the adversarial grade school math (GSM-PLUS) dataset, an
extension of GSM8K", "Histoires Morales is adapted to French from the widely used Moral
Stories dataset", "CyberSecEval 3 expands upon its predecessors, CyberSecEval 2 and ...",
"The AIME 2024 benchmark is based on problems from the American Invitational Mathematics
Examination" (GUIDELINES: BASED_ON, a benchmark built from another).

Read from the words between the two names, not from the parse: the small parser hangs "an
extension of" on the noun after the name ("dataset") and loses the pair, and "adapted to
French from" is no phrase of the lexicon's rules. The cue (``derivation_cues``) stands
between a benchmark and the next benchmark after it, within one clause. Measured on the
annotated pages before writing it (training split and the heldout dev halves): 6 of 6 such
pairs of two benchmarks are gold BASED_ON. A model is read the same way, with the cue right
before the model it is made from (``model_derivation_cues``; 26 of 28 such pairs are gold).
A benchmark a sentence is about is made from the benchmark the words right before it say it
was taken from, however far into the sentence (``source_cues``: "EsBBQ is a dataset
designed to ..., adapted from the original BBQ"; 5 of 5 such pairs are gold), and uses the
benchmarks the words after a part cue name (``part_cues``: "IrokoBench ... covering three
tasks: ... (AfriXNLI), ..."; 10 of 10 such pairs on the open pages are gold USES).
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span

from graph.nlp.lexicon import words
from graph.nlp.relations import main_subject
from graph.nlp.use_phrases import FINITE

DERIVED = ("DATASET",)
CLAUSE_ENDS = {";", ".", ":", "|", "while", "whereas", "but"}
REACH = 14  # tokens between the two names


@cache
def _cue(kind: str = "derivation_cues") -> re.Pattern:
    cues = sorted(words("relations", kind), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in cues) + r")(?!\w)")


def derived_readings(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): "BASED_ON"}`` for a benchmark ``a`` and the next benchmark
    ``b`` after it that the words between say it is made from."""
    doc = sent.doc
    found: dict[tuple[int, int], str] = {}
    named = [e for e in ents if e.label_ in DERIVED]
    for a, b in zip(named, named[1:], strict=False):
        between = doc[a.end:b.start]
        if len(between) > REACH or any(t.lower_ in CLAUSE_ENDS for t in between) or \
                any(a.end <= e.start < b.start for e in ents if e.label_ in ("MODEL", "ORG")):
            continue
        if _cue().search(between.text.lower()) and not _said_taken(a, sent.start):
            # (a source itself is none: "sourced from picoCTF, drawn from the InterCode
            # benchmark": what was drawn is the challenges)
            found |= {(a.start, c.start): "BASED_ON" for c in _listed_after(b, named)}
    return _part_readings(sent, named) | found | _source_readings(sent, named) | \
        _model_readings(sent, ents)


_LISTED = re.compile(r"\s*(?:,|and|or|,\s*and)\s*")  # what stands between listed names
_BRACKETS = re.compile(r"\([^()]*\)")  # an acronym after a name: "(MMLU)"
SOURCE_WORDS = 6  # tokens before a source that may hold the cue and its few words


@cache
def _source_cue() -> re.Pattern:
    """A cue saying what a dataset was taken from, ending the words before the source (a few
    words may stand between: "the original", "parts of the", "the widely used")."""
    return re.compile(_cue("source_cues").pattern + r"(?:\s+[\w-]+){0,3}\s*$")


def _said_taken(b: Span, floor: int) -> bool:
    """Whether the words right before ``b`` (none before token ``floor``) say something was
    taken from it ("adapted from the original BBQ")."""
    doc = b.doc
    return _source_cue().search(doc[max(floor, b.start - SOURCE_WORDS):b.start].text.lower()) \
        is not None


def taken_from(sent: Span, ents: list[Span]) -> dict[int, str]:
    """``{b.start: "BASED_ON"}`` for each benchmark ``b`` of a sentence without a benchmark
    of its own as subject that the words right before it say the text's benchmark was taken
    from: "The dataset is sourced from math-ai/aime26 on HuggingFace", "Automatically
    curated from WildChat" (what the text is about is the pair's other end)."""
    return {b.start: "BASED_ON" for b in _taken([e for e in ents if e.label_ in DERIVED],
                                                  sent.start)}


def _listed_next(before: Span, b: Span) -> bool:
    """Whether ``b`` is listed right after ``before`` ("LongBench and InfiniteBench", "the
    Massive Multitask Language Understanding (MMLU) and ArabicMMLU")."""
    return _LISTED.fullmatch(_BRACKETS.sub("", b.doc[before.end:b.start].text)) is not None


def _listed_after(b: Span, named: list[Span]) -> list[Span]:
    """``b`` and the benchmarks listed right after it."""
    found = [b]
    for c in (c for c in named if c.start > b.start):
        if not _listed_next(found[-1], c):
            break
        found.append(c)
    return found


def _taken(named: list[Span], floor: int) -> list[Span]:
    """The benchmarks of ``named`` the words right before them say something was taken
    from, and those listed right after such a one ("drawn from LongBench and InfiniteBench",
    "from parts of the Massive Multitask Language Understanding (MMLU) and ArabicMMLU")."""
    found: list[Span] = []
    for b in named:
        if _said_taken(b, floor) or found and _listed_next(found[-1], b):
            found.append(b)
    return found


def _about(sent: Span, named: list[Span]) -> Span | None:
    """The benchmark of ``named`` the sentence's main verb has for its subject, if any."""
    subject = main_subject(sent)
    return next((e for e in named if subject is not None and e.start <= subject.i < e.end),
                None)


def _source_readings(sent: Span, named: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): "BASED_ON"}`` for the benchmark ``a`` a sentence is about (its
    main verb's subject, or the "It" standing for it) and a benchmark ``b`` the words right
    before it say it was taken from, however far into the sentence: "EsBBQ is a dataset
    designed to assess social bias across 10 categories ..., adapted from the original BBQ",
    "It contains 22,027 multiple-choice questions covering 44 subjects, translated from parts
    of the Massive Multitask Language Understanding (MMLU) ... benchmarks"."""
    doc, a = sent.doc, _about(sent, named)
    if a is None:
        return {}
    after = [b for b in named if b.start >= a.end and b.text.casefold() != a.text.casefold()
             and not any(t.lower_ in CLAUSE_ENDS - {":"} for t in doc[a.end:b.start])]
    return {(a.start, b.start): "BASED_ON" for b in _taken(after, a.end)}


def _part_readings(sent: Span, named: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): "USES"}`` for the benchmark ``a`` a sentence is about and each
    benchmark ``b`` after a word saying what ``a`` is made up of (``part_cues``), however far
    into the sentence: "IrokoBench is a ... benchmark dataset for 16 ... African languages
    covering three tasks: natural language inference (AfriXNLI), mathematical reasoning
    (AfriMGSM), and ... QA (AfriMMLU)" (GUIDELINES: a suite uses the benchmarks it is made
    of); not after a verb of its own or a word of a source ("covering 44 subjects, translated
    from parts of the MMLU and ArabicMMLU benchmarks": what ``a`` was taken from; "covering
    multiple math domain categories by modeling ... word problems in the AQuA dataset";
    "consists of challenges from the GDM Stealth paper")."""
    doc, a = sent.doc, _about(sent, named)
    if a is None:
        return {}
    cue = _cue("part_cues").search(doc[a.end:sent.end].text.lower())
    if cue is None:
        return {}
    start = doc[a.end:sent.end].char_span(cue.start(), cue.end(), alignment_mode="expand")
    return {(a.start, b.start): "USES" for b in named if start is not None and
            b.start >= start.end and b.text.casefold() != a.text.casefold() and
            not any(_ends_parts(t) for t in doc[start.end:b.start])}


def _ends_parts(token) -> bool:
    """Whether the words after a part cue turn to something else at ``token``: a clause's
    end, a verb of its own ("by modeling", "translated from"), a source ("from")."""
    return token.lower_ in CLAUSE_ENDS - {":"} or token.lower_ == "from" or \
        token.pos_ == "VERB" and token.dep_ not in ("amod", "compound")


@cache
def _model_cue() -> re.Pattern:
    """A model derivation cue ending the words before the model, an article at most after it,
    or a checkpoint it names ("pre-trained from an intermediate checkpoint of X")."""
    return re.compile(_cue("model_derivation_cues").pattern + r"(?:\s+(?:the|a|an))?"
                      r"(?:(?:\s+[\w-]+){0,2}\s+(?:checkpoint|snapshot)\s+of)?"
                      r"(?:\s+[\w.-]+['’]s)?\s*$")  # "initialised from Meta's"


def _model_readings(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): "BASED_ON"}`` for a model ``b`` right after a derivation cue
    (``model_derivation_cues``: "fine-tuned from", "on top of") and the nearest model ``a``
    before it in the clause, whatever else the clause says of ``a`` on the way: "SEA-LION
    v3, developed by AI Singapore and fine-tuned from Gemma 2 9B", "Sailor2-20B, which was
    built by Sea AI Lab on top of Qwen2.5" (the parser hangs the second participle on the
    organisation and loses the pair); and a model a copula names as another made into it
    ("Wrangler-7B is Mistral 7B fine-tuned on ToolTraj")."""
    doc = sent.doc
    found: dict[tuple[int, int], str] = {}
    models = [e for e in ents if e.label_ == "MODEL"]
    for a, b in zip(models, models[1:], strict=False):
        between = doc[a.end:b.start]
        if len(between) > REACH or any(t.lower_ in CLAUSE_ENDS for t in between):
            continue
        if _model_cue().search(between.text.lower()) or _is_derived(between, b):
            found[(a.start, b.start)] = "BASED_ON"
            found.update(_made_with(a, b, ents))
    return found


def _made_with(a: Span, b: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """What the words after ``b`` say ``b`` was made into ``a`` with is ``a``'s: "Wrangler-7B
    is Mistral 7B fine-tuned on ToolTraj using the open-source TRL library", "Kestrel 2 8B
    Instruct is fine-tuned from Kestrel 2 8B with supervised fine-tuning (SFT) ..., followed
    by direct preference optimization (DPO) on UltraFeedback" (GUIDELINES: USES, what a
    model is trained with), up to a finite verb."""
    doc, found, used = a.doc, {}, []
    for c in (e for e in ents if e.start > b.end and e.label_ != "METRIC"):
        if c.start - b.end > MADE_REACH or c.label_ not in MADE_WITH or any(
                t.lower_ in CLAUSE_ENDS or t.tag_ in FINITE for t in doc[b.end:c.start]):
            break  # ("..., gave fewer harmful completions than Sailor2-20B")
        found[(a.start, c.start)], found[(b.start, c.start)] = "USES", "NONE"
        found.update(((u.start, c.start), "NONE") for u in used)  # "ToolTraj using TRL"
        used.append(c)
    return found


# "Wrangler-7B is Mistral 7B fine-tuned on ToolTraj": the model a copula names as another
# model made into it
MADE_WITH = ("METHOD", "DATASET", "PROJECT")  # what a model is trained with, or on
MADE_REACH = 2 * REACH  # a recipe's steps: "with SFT on ..., followed by DPO on ..."
DERIVED_PARTICIPLES = ("fine-tuned", "finetuned", "distilled", "pretrained", "pre-trained",
                       "trained", "adapted", "quantized", "quantised")


def _is_derived(between: Span, b: Span) -> bool:
    after = b.doc[b.end:b.end + 3].text.lower()  # "fine-tuned" is three tokens
    return [t.lower_ for t in between] in (["is"], ["was"]) and \
        after.startswith(DERIVED_PARTICIPLES)
