"""The line that introduces a list, and what its items stand for: a line ending with a
colon ("How it compares:", "Mistral Large's capabilities include:") is about its first
named entity; a short caption without a colon over a list of scores ("Current Setup
(GPT-4-0613 with one-shot prompting)", "Results from GPT-4") is about the model it names.
The mark of each item ("-", "1.") then stands for that entity (:mod:`graph.nlp.discourse`
pairs it with the item's figures: "- Interview: 30.00%"), and what the line says of it, the
verb of which it is the subject ("Haystack is used by ..., including:"), is read between it
and each item as the rules read a sentence's phrase (``rules``, ``typed_rules``).
"""

from __future__ import annotations

from spacy.tokens import Span

from graph.nlp.components.spans import DATED_TITLE
from graph.nlp.pair_grammar import ANAPHOR
from graph.nlp.pairs import LIST_ITEM, Topic
from graph.nlp.relations import verb_label
from graph.nlp.rows import line_ranges

TOPIC_TYPES = ("MODEL", "METHOD", "PROJECT", "DATASET", "ORG")
CAPTION_TOKENS = 14  # a caption over a list is at most this long
CAPTION_TYPES = ("MODEL",)  # what a caption without a colon introduces: whose scores follow
Standing = dict[tuple[int, int], tuple[Topic, str]]  # a span -> what it stands for, how found


def entity_topic(ent: Span, offset: int) -> Topic:
    return (offset + ent.start_char, offset + ent.end_char), ent.label_, ent.text.casefold()


Intro = tuple[Topic, str]  # the entity a line introducing a list is about, "list[:phrase]"


def list_marks(sent: Span, ents: list[Span], intro: Intro | None, standing: Standing,
               carried: list[Span], offset: int, discussed: Topic | None = None
               ) -> tuple[list[Span], Intro | None]:
    """The marks of the list items of ``sent`` under a line introducing them ("How it
    compares:", "Mistral Large's capabilities include:"), as spans standing for the
    entity that line is about (added to ``standing``); and the introduction in force
    after the sentence (a line of prose ends it). ``carried``: the mark of the sentence
    before when the parser made a sentence of it alone ("-"), its item is this one's first
    line; the phrase after "list:" is what the line says of its entity ("Haystack is used
    by thousands of teams ..., including:"), read between it and each item. A caption of
    results that names nothing ("Results:", "Key results:") is about what the text is
    discussing (``discussed``)."""
    doc, marks = sent.doc, list(carried)
    for mark in carried:
        standing[(mark.start_char, mark.end_char)] = intro
    for n, (start, end) in enumerate(line_ranges(sent)):
        if LIST_ITEM.fullmatch(doc[start].text) and doc[start].whitespace_:  # not "**Bold"
            if intro is not None:
                mark = Span(doc, start, start + 1, label=intro[0][1], kb_id=ANAPHOR)
                marks.append(mark)
                standing[(mark.start_char, mark.end_char)] = intro
            continue
        if n == 0 and carried:
            continue
        line = doc[start:end].text.rstrip(" *_\t")
        intro = None
        colon = line.endswith(":")
        if colon or _caption(doc[start:end], line):
            kinds = TOPIC_TYPES if colon else CAPTION_TYPES
            named = next((e for e in ents if start <= e.start < end and
                          e.label_ in kinds and e.kb_id_ != ANAPHOR), None)
            stood = next((topic for (s, _), (topic, _) in standing.items()
                          if doc[start].idx <= s < doc[end - 1].idx + len(doc[end - 1])),
                         None) if colon else None
            stood = stood or (discussed if colon and _of_results(doc[start:end]) else None)
            intro = (entity_topic(named, offset), _said_of(named)) if named is not None \
                else (stood, "list") if stood is not None else None
    return marks, intro


RESULT_NOUNS = {"result", "score", "performance", "evaluation", "benchmark", "highlight"}


def _of_results(line: Span) -> bool:
    """"Results:", "Key results:", "Benchmark scores:": a short caption of results."""
    words = [t for t in line if t.is_alpha]
    return 0 < len(words) <= 3 and words[-1].lemma_.lower() in RESULT_NOUNS


def _said_of(named: Span) -> str:
    """``"list:PHRASE"``: the verb (and preposition) of which the introducing line makes its
    entity the subject ("used by", "accessible with", "support"), else ``"list"``."""
    head = named.root
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return "list"
    verb = head.head
    holders = [verb, *(c for c in verb.children if c.dep_ == "acomp")]
    preposition = next((c.lower_ for h in holders for c in h.children
                        if c.dep_ in ("prep", "agent")), "")
    return f"list:{verb_label(verb, preposition)}"


def _caption(words: Span, line: str) -> bool:
    """A short line that is no sentence, no quotation and no table row, without a verb:
    "Current Setup (GPT-4-0613 with one-shot prompting)", "Li et al. 2024 Results from
    GPT-4 ()"; not "This prompt has been tested on GPT3.5", "NLG Evaluation using GPT-4",
    a paper's title "PaLM 2 Technical Report (May 2023)", code or a wrapped table row."""
    return len(words) <= CAPTION_TOKENS and not line.endswith((".", "!", "?", ";", ",")) and \
        not line.startswith(("#", ">", '"', "[")) and not any(c in line for c in "|=") and \
        not DATED_TITLE.search(line) and not any(t.pos_ in ("VERB", "AUX") for t in words)
