"""What a paper's title says of the models it names: "Evaluating GPT-4 and ChatGPT on Japanese
Medical Licensing Examinations (April 2023)" (each EVALUATED_ON the exams), "Vicuna: An
Open-Source Chatbot Impressing GPT-4 with 90%* ChatGPT Quality" (Vicuna COMPARED_WITH
ChatGPT), "A Preliminary Analysis on the Code Generation Capabilities of GPT-3.5 and Bard AI
Models" (GPT-3.5 COMPARED_WITH Bard) (GUIDELINES: EVALUATED_ON, COMPARED_WITH).

Guide pages and paper summaries list papers by title, one a line: a line ending with its date
in brackets, or an item of a list under a "References" heading. A title has no clause: its
statement is a noun phrase or a gerund ("Evaluating ...", "Capabilities of ..."), often
after the name of the system the paper presents and a colon, and the parser reads it poorly
(a capitalised word taken for a name, the line split at its colon). So a title is read from
its words: an evaluation word (``title_evaluations``) and the models listed after it, the
benchmarks after "on"; a share of another model's quality.
A comparison's cue with the title's system as its subject ("Goat: Fine-tuned LLaMA
Outperforms GPT-4") is read in :mod:`graph.nlp.comparisons`.
"""

from __future__ import annotations

from itertools import combinations

from spacy.tokens import Span

from graph.nlp.comparisons import ENDS, FILLER, _items_after
from graph.nlp.lexicon import table
from graph.nlp.title_lines import title_head, title_line

# words between an evaluation word and the models it names ("of the", "on", "Logical
# Reasoning Ability of")
LEAD = FILLER | {"of", "on", "the", "a", "an", "between", "pilot", "preliminary"}
# words between the models evaluated and the benchmarks ("GPT-3.5 and GPT-4 Models on")
BRIDGE = {"models", "model", "series", "family", "on", "in", "at", "across", "the", "with",
          "'s", "’s"}
SHARE = ("quality", "performance", "capability", "capabilities", "level")  # "90% ChatGPT Quality"


def _evaluations() -> dict[str, str]:
    """Evaluation word (lower case) -> what it makes of the models it names: ``"EVALUATED_ON"``
    (on the benchmarks named after them) or ``"COMPARED_WITH"`` (with each other, too)
    (``resources/lexicon/relations.json``, ``title_evaluations``)."""
    return table("relations", "title_evaluations")


def title_readings(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): label}`` (``a`` written first; ``"P<"``: ``b`` is the source)
    for what the title line of ``sent`` says of the models, methods and benchmarks in it;
    nothing for a sentence that is no title's."""
    line = title_line(sent)
    if line is None or len(ents) < 2:
        return {}
    start, end = max(line[0], sent.start), min(line[1], sent.end)
    ents = [e for e in ents if start <= e.start and e.end <= end]
    head = title_head(sent.doc, line, ents)
    found: dict[tuple[int, int], str] = {}
    _evaluated(sent.doc, start, end, ents, found)
    if head is not None:
        _shares(sent.doc, head, end, ents, found)
    return found


def _key(a: Span, b: Span, label: str) -> tuple[tuple[int, int], str]:
    """The reading keyed in the order ``a`` and ``b`` are written (``label`` from ``a``)."""
    if a.start < b.start:
        return (a.start, b.start), label
    symmetric = label == "COMPARED_WITH"
    return (b.start, a.start), label if symmetric else f"{label}<"


def _evaluated(doc, start: int, end: int, ents: list[Span],
               found: dict[tuple[int, int], str]) -> None:
    """"Evaluating GPT-3.5 and GPT-4 Models on Brazilian University Admission Exams": each
    model listed after an evaluation word EVALUATED_ON each benchmark after "on"; with a
    word of capability ("the Code Generation Capabilities of GPT-3.5 and Bard"), the models
    are also compared with each other."""
    words = _evaluations()
    for k in range(start, end):
        label = words.get(doc[k].lower_)
        if label is None or any(e.start <= k < e.end for e in ents):
            continue
        models = _items_after(doc, k + 1, k + 8, ents, ENDS, LEAD)
        if not models:
            continue
        bridge = models[-1].end
        while bridge < end and doc[bridge].lower_ in BRIDGE and doc[bridge].lower_ != "on":
            bridge += 1
        benches = _items_after(doc, bridge + 1, bridge + 6, ents, ("DATASET",), LEAD) \
            if bridge < end and doc[bridge].lower_ == "on" else []
        for model in models:
            for bench in benches:
                key, said = _key(model, bench, "EVALUATED_ON")
                found[key] = said
        if label == "COMPARED_WITH":
            for a, b in combinations(models, 2):
                if a.text.casefold() != b.text.casefold():
                    found[(a.start, b.start)] = "COMPARED_WITH"


def _shares(doc, head: Span, end: int, ents: list[Span],
            found: dict[tuple[int, int], str]) -> None:
    """"Vicuna: An Open-Source Chatbot Impressing GPT-4 with 90%* ChatGPT Quality": a share
    of another model's quality, performance or capability compares the title's system with
    that model ("90% ChatGPT Quality", "95% of GPT-4's performance")."""
    if head.label_ not in ENDS:
        return
    for n, e in enumerate(ents):
        if e.label_ != "METRIC" or not e.text.rstrip("*").endswith("%"):
            continue
        other = ents[n + 1] if n + 1 < len(ents) else None
        if other is None or other.label_ not in ENDS or other.text == head.text:
            continue
        gap = [t.lower_ for t in doc[e.end:other.start] if t.text not in ("*", "**")]
        after = [t.lower_ for t in doc[other.end:min(end, other.end + 2)]]
        if gap in ([], ["of"]) and any(w in SHARE for w in after if w not in ("'s", "’s")):
            found[(head.start, other.start)] = "COMPARED_WITH"
