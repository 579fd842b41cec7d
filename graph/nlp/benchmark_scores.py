"""Which model or method a benchmark the sentence names was scored on: "Mistral Large ...
scoring 81.2% on MMLU", "solves 41.2% of SWE-bench Verified tasks", a list of scores "12.20%
on AlpacaEval 2.0, 66.19% on IFEval" (EVALUATED_ON, GUIDELINES)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from graph.nlp.lexicon import words
from graph.nlp.pair_grammar import metric_owner
from graph.nlp.relations import VERBAL, phrase_head

BENCHMARK_PREPS = ("on", "across")
# "trained on X" is data used, not a benchmark scored on (GUIDELINES: USES)
DATA_VERBS = {"train", "pretrain", "pre-train", "fine-tune", "finetune", "tune", "distill"}


def benchmark_owner(dataset: Span, ents: list[Span]) -> Span | None:
    """The model or method scored on a benchmark the sentence names after "on": "Mistral
    Large ... scoring 81.2% on MMLU" (the subject of the clause, as for a figure), or whose
    items a figure after a result verb counts: "solves 41.2% of SWE-bench Verified tasks"."""
    head = phrase_head(dataset)
    items = _items_counted(head)
    if items is None and (head.dep_ != "pobj" or head.head.lower_ not in BENCHMARK_PREPS):
        return None
    verb = next((t for t in head.ancestors if t.pos_ in VERBAL), None)
    lemma = "" if verb is None else (verb.lemma_ or verb.lower_).lower()
    result = lemma.startswith(tuple(words("relations", "result_stems")))
    if verb is None or lemma in DATA_VERBS or (items is not None and not result):
        return None
    owner = metric_owner(dataset, ents)
    return owner if isinstance(owner, Span) and owner.label_ in ("MODEL", "METHOD") else None


def _items_counted(head: Token) -> Token | None:
    """The noun of a benchmark's items a figure counts ("solved 87.3% of GSM8K problems",
    "41.2% of SWE-bench Verified tasks"), else ``None``; a result verb must govern it
    (:func:`benchmark_owner`)."""
    noun = head.head if head.dep_ in ("compound", "nmod") and head.head.pos_ == "NOUN" else head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
            noun.head.head.ent_type_ == "METRIC" and noun.head.head.i < noun.i:
        return noun
    return None


def benchmark_scorers(ents: list[Span], owners: dict[int, object]) -> dict[int, Span | None]:
    """``{benchmark.start: the model or method scored on it}`` for the sentence's benchmarks
    (``owners``: its figures' owners by start)."""
    return {e.start: benchmark_owner(e, ents) or listed_score_owner(e, ents, owners)
            for e in ents if e.label_ == "DATASET"}


def listed_score_owner(dataset: Span, ents: list[Span], owners: dict[int, object]
                       ) -> Span | None:
    """The model or method of a list of scores "figure on benchmark" that no verb governs
    ("- Mistral-ORPO-β: 12.20% on AlpacaEval 2.0, 66.19% on IFEval and 7.32 on MT-Bench"):
    the owner of the list's first figure (``owners``: the figures' owners by start) is
    scored on each of its benchmarks; a later figure's owner may be a benchmark before it in
    the parse ("95.1% on GSM8K, 68.4% on MATH and 93.7% on ARC": "68.4%" apposed to "GSM8K",
    "93.7%" its conjunct), which is no owner."""
    figure = _scored_figure(dataset, ents)
    while figure is not None:
        owner = owners.get(figure.start)
        at = ents.index(figure)
        before = ents[at - 1] if at > 0 else None
        if isinstance(owner, Span) and owner.label_ != "DATASET":
            return owner if owner.label_ in ("MODEL", "METHOD") else None
        if before is None or before.label_ != "DATASET" or not _joins_scores(
                figure.doc[before.end:figure.start]):
            return None
        figure = _scored_figure(before, ents)
    return None


def listed_figures(ents: list[Span], owners: dict[int, object]) -> dict[tuple[int, int], str]:
    """Readings of the figures of a list of scores "figure on benchmark" after the first:
    "VGSR scores 95.1% on GSM8K, 68.4% on MATH and 93.7% on ARC-Challenge" - each is a fact
    of what the first was a fact of (the parser hangs "68.4%" on "GSM8K"), none of the
    benchmark before it (``owners``: the figures' owners by start)."""
    found: dict[tuple[int, int], str] = {}
    for dataset in (e for e in ents if e.label_ == "DATASET"):
        figure = _scored_figure(dataset, ents)
        owner = None if figure is None else listed_score_owner(dataset, ents, owners)
        if owner is None or owners.get(figure.start) is owner:
            continue
        before = ents[ents.index(figure) - 1]
        if before.label_ == "DATASET":
            found[(before.start, figure.start)] = "NONE"
        found[tuple(sorted((owner.start, figure.start)))] = \
            "HAS_METRIC" if owner.start < figure.start else "HAS_METRIC<"
    return found


def _scored_figure(dataset: Span, ents: list[Span]) -> Span | None:
    """The figure written right before "on (the)" ``dataset``, if any."""
    at = ents.index(dataset)
    figure = ents[at - 1] if at > 0 else None
    if figure is None or figure.label_ != "METRIC":
        return None
    words = [t.lower_ for t in dataset.doc[figure.end:dataset.start]]
    return figure if words in (["on"], ["on", "the"]) else None


def _joins_scores(between: Span) -> bool:
    """Whether the words between a score's benchmark and the next score only join them: a
    comma, "and", a parenthesis on the benchmark ("(instruction-level, loose)")."""
    words = [t.lower_ for t in between if not t.is_space]
    if "(" in words:
        words = words[:words.index("(")] + words[words.index(")") + 1:] if ")" in words else []
    return 0 < len(words) <= 2 and all(w in (",", "and", ";") for w in words)
