"""Figures named right next to what they measure, read from the words, not the parse:
"Phi-3-small (7B) and Phi-3-medium (14B)", "ahead of Falcon 3 10B at 57.9%", "scored 71.4
versus 69.8 for ERNIE X1", "report 54% accuracy with GPT-4-0613" (GUIDELINES: HAS_METRIC).

The genre puts a model's figure in brackets after its name, after "at", or before "for"
and the name, often several in one sentence, where the small parser hangs the figure on the
sentence's verb and so on its subject. These arrangements say whose figure it is outright.
A sentence opening on a benchmark ("On AIME 2024, DeepSeek-R1 reaches 79.8%, narrowly ahead
of o1-1217 at 79.2%") reports the results of the models it names on that benchmark
(:func:`opening_benchmark`; GUIDELINES: EVALUATED_ON).
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from graph.nlp.components.spans import POSSESSIVE_MARKS
from graph.nlp.instruments import clause_subject
from graph.nlp.relations import WE_WORDS, main_subject

OWNERS = ("MODEL", "METHOD", "PROJECT", "DATASET", "ORG")
APPROXIMATE = {"about", "around", "approximately", "roughly", "nearly", "almost", "~", "over",
               "under", "up", "to", "just"}
IGNORED = {"**", "`", "_", "*"}  # Markdown around a name or a figure
BULLETS = {"-", "•", "+"}  # a list item's mark
BENCHMARK_PREPS = {"on", "in", "across", "at"}  # "scores 70% on MMLU (5-shot)": not MMLU's
# "exercises generated with GPT-3.5 (1B tokens)": the amount made with a tool, not the tool's
INSTRUMENT_PREPS = {"with", "using", "by", "from", "via"}
SUBJECTS = ("nsubj", "nsubjpass")
RIVALS = ("MODEL", "METHOD", "PROJECT")  # what a gap in points is measured between
KIND_AFTER = {"baseline", "model", "agent", "variant", "system"}  # "for a ReAct baseline"


def _words(span: Span) -> list[str]:
    return [t.lower_ for t in span if t.text not in IGNORED]


def _owner(ent: Span) -> bool:
    return ent.label_ in OWNERS and ent.text.lower() not in WE_WORDS


def _bracketed(owner: Span, figure: Span) -> bool:
    """"Phi-2 (2.7B)", "OpenHermes-2.5 (about 1M conversations)": the figure alone in the
    brackets right after the name; not a benchmark's ("70% on MMLU (5-shot)")."""
    doc = owner.doc
    between = _words(doc[owner.end:figure.start])
    if not between or between[0] != "(" or any(w not in APPROXIMATE for w in between[1:]):
        return False
    after = figure.end < len(doc) and doc[figure.end].text == ")"
    before = doc[owner.start - 1].lower_ if owner.start > 0 else ""
    return after and before not in INSTRUMENT_PREPS and \
        not (owner.label_ == "DATASET" and before in BENCHMARK_PREPS)


def _at(owner: Span, figure: Span) -> bool:
    """"ahead of Falcon 3 10B at 57.9%", "Claude 3.5 Sonnet, at 65.0%"."""
    between = _words(owner.doc[owner.end:figure.start])
    return owner.label_ != "DATASET" and between in (["at"], [",", "at"])


def _for(figure: Span, owner: Span) -> bool:
    """"versus 69.8 for ERNIE X1", "up from 62.4% for Vela 1.5", "up from 33.2% for a ReAct
    baseline"; not a maker before its product ("70.3% for the Alibaba model")."""
    between = _words(figure.doc[figure.end:owner.start])
    return owner.label_ != "DATASET" and between in (["for"], ["for", "the"], ["for", "a"]) \
        and (not _names_a_noun(owner) or owner.label_ != "ORG" and
             owner.doc[owner.end].lemma_.lower() in KIND_AFTER)  # "for a ReAct baseline"


_AT_K = re.compile(r"^[a-z]+@\w+$")  # a score's measure: "pass@1", "maj@8"


def _scored_with(figure: Span, owner: Span) -> bool:
    """"54% accuracy with GPT-4-0613", "8.6% pass@1 using gpt-4-1106-preview", "3.2%
    gpt-4-0613 and 2.6% gpt-3.5-turbo-1106": a score right before the model that got it; not
    before a noun the model's name modifies ("with 90%* ChatGPT Quality")."""
    doc = figure.doc
    between = _words(doc[figure.end:owner.start])
    if between and _AT_K.match(between[0]):
        between = between[1:]  # the score's measure, outside its span: "pass@1"
    return owner.label_ == "MODEL" and "%" in figure.text and \
        between in ([], ["with"], ["using"]) and not _names_a_noun(owner)


def _named_after(figure: Span, owner: Span) -> bool:
    """"from 14.9% (ReAct) to 19.6%": the model or method alone in brackets after a figure."""
    doc = figure.doc
    return owner.label_ in ("MODEL", "METHOD") and _words(doc[figure.end:owner.start]) == ["("] \
        and owner.end < len(doc) and doc[owner.end].text == ")"


def _names_a_noun(owner: Span) -> bool:
    """The name modifies the noun after it ("the Alibaba model", "ChatGPT Quality")."""
    doc = owner.doc
    return owner.end < len(doc) and doc[owner.end].pos_ in ("NOUN", "PROPN")


def _opening(sent: Span, ents: list[Span], on: bool = False, listed: bool = False
             ) -> Span | None:
    """The benchmark a line opens on as its label ("MMLU:"), or with ``on`` after "On" ("On
    GPQA, ..."), or with ``listed`` as a list item's label ("- **SWE-bench Verified:**")."""
    marks = IGNORED | BULLETS if listed else IGNORED
    first = next((t for t in sent if not t.is_space and t.text not in marks), None)
    return None if first is None else next((e for e in ents if e.label_ == "DATASET" and (
        on and first.lower_ == "on" and e.start == first.i + 1 or e.start == first.i and
        e.end < len(sent.doc) and sent.doc[e.end].text.strip("*_") == ":")), None)


def _first_figure(bench: Span | None, ents: list[Span]) -> Span | None:
    return None if bench is None else next(
        (e for e in ents if e.start >= bench.end and e.label_ == "METRIC"), None)


def _listed_label(sent: Span, ents: list[Span]) -> Span | None:
    """A list item's benchmark label before a figure ("- **HumanEval+:** 90.2%"; not a reading
    list's title: "- WavCaps: A ChatGPT-Assisted ... Dataset")."""
    bench = _opening(sent, ents, listed=True)
    return bench if _first_figure(bench, ents) is not None else None


def labelled_figure(sent: Span, ents: list[Span]) -> tuple[Span, Span] | None:
    """The benchmark labelling a line without a subject and the first figure after it: "-
    **SWE-bench Verified:** 61.4%, ahead of OpenAI's GPT-4.1 at 54.6%" in a model's release
    (the figure is what the text is about's, on that benchmark; not the benchmark's)."""
    bench = _listed_label(sent, ents)
    figure = _first_figure(bench, ents)
    return None if figure is None or main_subject(sent) is not None else (bench, figure)


def figure_readings(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): label}`` (``a`` written first) for each figure the words give
    to the name right before it ("HAS_METRIC") or right after it ("HAS_METRIC<"), and for
    the models of a sentence opening on a benchmark (:func:`opening_benchmark`), for figures
    set against each other (:func:`versus`) or a gap to a rival (:func:`within`); a line's
    benchmark label owns none of its figures (:func:`labelled_figure`)."""
    found: dict[tuple[int, int], str] = opening_benchmark(sent, ents) | respective(sent, ents) \
        | versus(sent, ents) | within(sent, ents)
    if (labelled := labelled_figure(sent, ents)) is not None:
        found[(labelled[0].start, labelled[1].start)] = "NONE"  # "SWE-bench Verified: 61.4%"
    for n, figure in enumerate(ents):
        before, after = ents[n - 1] if n else None, ents[n + 1] if n + 1 < len(ents) else None
        if figure.label_ != "METRIC":
            continue
        if before is not None and _owner(before) and \
                (_bracketed(before, figure) or _at(before, figure)):
            found[(before.start, figure.start)] = "HAS_METRIC"
        elif after is not None and _owner(after) and (_for(figure, after) or _scored_with(
                figure, after) or _named_after(figure, after)):
            found[(figure.start, _product(after, ents[n + 2:n + 3]).start)] = "HAS_METRIC<"
    return found


def respective(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """"Phi-3-small (7B) and Phi-3-medium (14B) reach 75% and 78% on MMLU respectively": the
    figures after the names go one to each, in order ("HAS_METRIC"), and to none of the
    others ("NONE"; a figure in brackets is its own name's, :func:`_bracketed`)."""
    if not any(t.lower_ == "respectively" for t in sent):
        return {}
    figures = [e for n, e in enumerate(ents) if e.label_ == "METRIC" and not (
        n and _bracketed(ents[n - 1], e))]
    owners = [e for e in ents if e.label_ in OWNERS and e.label_ != "DATASET" and figures
              and e.end <= figures[0].start][-len(figures):]
    if len(owners) != len(figures) or len(owners) < 2 or len({e.label_ for e in owners}) > 1:
        return {}
    return {(owner.start, figure.start): "HAS_METRIC" if n == k else "NONE"
            for n, owner in enumerate(owners) for k, figure in enumerate(figures)}


_VERSUS = {"vs", "vs.", "versus"}


def versus(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """"Tesserae-8x3B roughly matches Mixtral 8x7B on MMLU (70.2 vs 70.6)": the two figures
    of a bracket set against each other are the first and the last model or method named
    before it, in that order ("HAS_METRIC"), and not the other's nor the benchmark's
    ("NONE")."""
    doc = sent.doc
    for n, first in enumerate(ents[:-1]):
        second = ents[n + 1]
        if first.label_ != "METRIC" or second.label_ != "METRIC" or first.start == 0 or \
                doc[first.start - 1].text != "(" or second.end >= len(doc) or \
                doc[second.end].text != ")" or \
                [t.lower_ for t in doc[first.end:second.start]] not in ([v] for v in _VERSUS):
            continue
        owners = [e for e in ents[:n] if e.label_ in ("MODEL", "METHOD")]
        if len(owners) < 2:
            return {}
        found = {(e.start, f.start): "NONE" for e in ents[:n] for f in (first, second)
                 if e.label_ in OWNERS}
        found[(owners[0].start, first.start)] = "HAS_METRIC"
        found[(owners[-1].start, second.start)] = "HAS_METRIC"
        return found
    return {}


def within(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """"Sable-8B-128K comes within 1.6 points of Gemini 1.5 Flash", "QuRA reaches 66.8%,
    within 0.4 points of full fine-tuning": the gap is the figure of the name before it
    ("HAS_METRIC"), not of the rival after "of" ("NONE")."""
    doc, found = sent.doc, {}
    for n, figure in enumerate(ents[1:-1], 1):
        rival = ents[n + 1]
        between = doc[figure.end:rival.start]  # "of", "of the unpruned"
        if figure.label_ != "METRIC" or doc[figure.start - 1].lower_ != "within" or \
                rival.label_ not in RIVALS or between[:1].text != "of" or len(between) > 3 or \
                any(t.pos_ not in ("DET", "ADJ", "VERB") for t in between[1:]):
            continue
        found[(figure.start, rival.start)] = "NONE"
        owner = _gap_owner(figure, ents[:n])
        if owner is not None:
            found[(owner.start, figure.start)] = "HAS_METRIC"
    return found


def _gap_owner(figure: Span, before: list[Span]) -> Span | None:
    """Whose gap it is: the subject of its clause ("It outperforms ToolLLaMA-7B by 9.2 points
    and lands within 1.4 points of GPT-4o"), else the name nearest before it."""
    verb = next((t for t in figure.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    subject = clause_subject(verb) if verb is not None else None
    named = next((e for e in before if subject is not None and subject in e), None)
    if named is not None:
        return named if named.label_ in RIVALS else None
    return next((e for e in reversed(before) if e.label_ in RIVALS), None)


def _product(owner: Span, following: list[Span]) -> Span:
    """The product a maker's possessive names right after it ("9.8% for OpenAI's Whisper
    large-v3": the model's figure), else ``owner``."""
    doc = owner.doc
    if owner.label_ == "ORG" and following and owner.end + 1 == following[0].start and \
            doc[owner.end].lower_ in POSSESSIVE_MARKS and _owner(following[0]):
        return following[0]
    return owner


def opening_benchmark(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(benchmark.start, model.start): "EVALUATED_ON<"}`` for each model a sentence opening
    "On <benchmark>," names, up to a later "on <another benchmark>" ("On GPQA it reached
    58.0%, and on OlympiadBench it is comparable to Sky-T1-32B"), or a line opening on the
    benchmark and a colon ("MMLU: With Qwen2-7B, QuRA reaches 66.8%"), and the method that
    is its subject. Measured on the open sets and the train split: 34 such models
    EVALUATED_ON the opening benchmark in gold, 2 not."""
    bench = _opening(sent, ents, True) or _listed_label(sent, ents)
    if bench is None:  # "On GPQA, ...", "MMLU: With Qwen2-7B, QuRA reaches 66.8%"
        return {}
    found: dict[tuple[int, int], str] = {}
    for e in ents:
        if e.start < bench.end:
            continue
        if e.label_ == "DATASET" and sent.doc[e.start - 1].lower_ in BENCHMARK_PREPS:
            break  # the next clause's benchmark
        if e.label_ == "MODEL" or e.label_ == "METHOD" and e.root.dep_ in SUBJECTS:
            found[(bench.start, e.start)] = "EVALUATED_ON<"
    return found
