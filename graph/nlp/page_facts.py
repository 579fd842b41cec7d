"""What a benchmark's page says of its benchmark without naming it (GUIDELINES: USES,
EVALUATED_ON): the sandbox it runs in ("the task is run within a docker sandbox",
:func:`graph.nlp.ports.sandbox_readings`), the models that judge its answers ("The default
judge model is GPT-4.1"), the models whose results it reports ("Notably, BLOOMZ, mT0,
LLama2, and Falcon struggle to achieve a score of 50%"), the model a setting defaults to
("(default: `openai/o4-mini`)"), whatever the sentence's subject; what "this
implementation" or "the benchmark", the page's own, uses; and the figures its paper's
authors give of their work ("Our experiments on 25 LLMs and 4 prompting techniques show"),
and what they say they use ("Our study evaluates 12 LLMs, comparing ... models using human
evaluation", "Through crowdsourcing, we collect ...").

Read from the words of the sentence (the small parser reads "struggle" above as a noun):
a word of judging or grading, a word reporting a result (``result_stems``) in a sentence
naming models but no benchmark. Measured on the annotated pages (training split, heldout
dev halves) before writing it: models of sentences about a judge are gold USES 24 times of
29; models of sentences reporting results without a benchmark are gold EVALUATED_ON the
page's benchmark 38 times of 44; what "this implementation", "the evaluation" ... uses is
the page benchmark's in 9 of 9 (3 more entities after the clause's end are not); a model
after "(default:" in 4 of 4; the figures of a "We ..."/"Our ..." sentence naming nothing
but the benchmark are its HAS_METRIC in 19 of 19 (with another name in the sentence, 6 of 9);
what "we" / "our study" use on a benchmark's page is the benchmark's in 4 of 4 (not "We
strongly recommend using a sandbox": advice to the reader).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from graph.nlp.components.spans import MARKUP
from graph.nlp.lexicon import words
from graph.nlp.pairs import Candidate, Topic
from graph.nlp.ports import sandbox_readings
from graph.nlp.use_clauses import cue_anchor, subject_of
from graph.nlp.use_phrases import cue_at, listed, readings

TOOLED = ("DATASET",)  # a benchmark's page
JUDGES = re.compile(r"(?:judge|grader|grading)(?:_model)?s?")  # "judge model", "grader_model"
OWN = ("this", "the")  # "This implementation uses ...": the page's own
WE = ("we", "our")  # a benchmark paper's authors
ADVISING = {"recommend", "suggest", "encourage", "advise"}
MEANS = {"via", "through"}  # "Through crowdsourcing, we collect ...", "We achieve this via X"
STUDY_NOUNS = {"study", "work", "paper", "experiment", "analysis", "evaluation"}  # "Our study"
PAGE_NOUNS = {"implementation", "evaluation", "eval", "benchmark", "task", "suite"}
SCORERS = re.compile(r"(?:classifier|scorer)s?")  # "a toxicity classifier (i.e. Detoxify)"


def _judging(sent: Span, how: re.Pattern = JUDGES) -> bool:
    return any(how.fullmatch(t.lower_) for t in sent)


def judge_readings(sent: Span, ents: list[Span]) -> dict[int, str]:
    """``{model.start: "USES"}`` for each model of a sentence about who judges or grades the
    answers ("The judge models for adversarial prompts are o3, Sonnet 3.7 and
    Gemini 2.5 Pro"): what the document is about uses it."""
    return {e.start: "USES" for e in ents if e.label_ == "MODEL"} if _judging(sent) else {}


def _first_word(sent: Span) -> int:
    """Index of the sentence's first word, past blanks, marks and a quote's ">"."""
    doc = sent.doc
    k = sent.start
    while k < sent.end and (doc[k].is_space or doc[k].text in MARKUP or doc[k].text == ">"):
        k += 1
    return k


def authors_figures(sent: Span, ents: list[Span], name: str) -> dict[int, str]:
    """``{figure.start: "HAS_METRIC"}`` for the figures of a sentence in which a benchmark
    paper's authors speak of their work and name nothing else but the benchmark ("Our
    experiments on 25 LLMs and 4 prompting techniques show ...", "We carefully design an
    evaluation dataset of 7,731 instances"): they are the benchmark's."""
    k = _first_word(sent)
    if k >= sent.end or sent.doc[k].lower_ not in WE or any(
            e.label_ != "METRIC" and e.text.casefold() != name for e in ents):
        return {}
    return {e.start: "HAS_METRIC" for e in ents if e.label_ == "METRIC"}


def own_readings(sent: Span, ents: list[Span]) -> dict[int, str]:
    """``{entity.start: label}`` for what a sentence whose subject is the page's own
    benchmark says it uses ("> This implementation uses tool calling to enable the model to
    execute bash commands.", "The benchmark uses the `pass@k` metric"): the words of its
    first clause (:func:`graph.nlp.use_phrases.readings`)."""
    doc = sent.doc
    k = _first_word(sent)
    if k + 2 >= sent.end or doc[k].lower_ not in OWN or doc[k + 1].lower_ not in PAGE_NOUNS:
        return {}
    return {e.start: label for e, label in readings(doc, k + 2, sent.end, ents, clause=True)}


def default_readings(sent: Span, ents: list[Span]) -> dict[int, str]:
    """``{model.start: "USES"}`` for a model a page names as a setting's default ("a
    `grader_model` (default: `claude-sonnet-4`)", "Model used by the "Edit Script (AI)" tool
    (default: `openai/o4-mini`)"): the benchmark runs with it."""
    doc = sent.doc
    found = {}
    for e in ents:
        before = [t.lower_ for t in doc[max(sent.start, e.start - 4):e.start]
                  if t.text not in MARKUP]
        if e.label_ == "MODEL" and before[-2:] == ["default", ":"]:
            found[e.start] = "USES"
    return found


def result_readings(sent: Span, ents: list[Span]) -> dict[int, str]:
    """``{model.start: "EVALUATED_ON<"}`` for each model of a sentence that reports results
    and names no benchmark ("Current LLMs tailored to Korean, such as Polyglot-Ko, perform
    far worse."): it was evaluated on what the document is about. Not a sentence about a
    judge or a scorer: the score it gives is not its own."""
    if any(e.label_ == "DATASET" for e in ents) or _judging(sent) or _judging(sent, SCORERS):
        return {}
    stems = tuple(words("relations", "result_stems"))
    if not any(t.lower_.startswith(stems) for t in sent):
        return {}
    return {e.start: "EVALUATED_ON<" for e in ents if e.label_ == "MODEL"}


def _by_us(anchor: Token) -> bool:
    """Whether the clause of a cue's word is the authors' ("We evaluate 12 LLMs using ...",
    "Our study evaluates ..., comparing ... using ...", "Using X, we ..."): its subject, or
    that of the verbs its participles and coordinated verbs hang on, is "we" or "our
    <study>"."""
    token = anchor
    for _ in range(4):
        subject = subject_of(token)
        if token.lemma_.lower() in ADVISING:
            return False  # "We strongly recommend using a sandbox": the reader's
        if subject is not None:
            return subject.lower_ == "we" or subject.lemma_.lower() in STUDY_NOUNS and any(
                c.lower_ == "our" for c in subject.children)
        if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.dep_ == "dobj":
            token = token.head.head  # "comparing models using X": the parse's attachment
        elif token.dep_ in ("advcl", "xcomp", "conj") and token.head.pos_ in ("VERB", "AUX"):
            token = token.head
        else:
            return False
    return False


def we_readings(sent: Span, ents: list[Span]) -> dict[int, str]:
    """``{entity.start: label}`` for what a benchmark paper's authors say they use or
    build on ("We evaluate 12 open LLMs using human evaluation, multiple-choice metrics, and
    LLM-as-a-Judge scoring"): the benchmark's (its page says no other "we")."""
    doc = sent.doc
    found: dict[int, str] = {}
    for i in range(sent.start, sent.end):
        cue = cue_at(doc, i, sent.end)
        if cue is not None and _by_us(cue_anchor(doc, i, cue[0])):
            found |= {e.start: label for e, label in readings(doc, i, sent.end, ents, clause=True)}
        elif doc[i].lower_ in MEANS and doc[i].dep_ == "prep" and doc[i].head.pos_ == "VERB" \
                and _by_us(doc[i].head):
            found |= {e.start: "USES" for e in listed(doc, i + 1, sent.end, ents)}
    return found


def page_candidates(sent: Span, ents: list[Span], topic: Topic | None, offset: int
                    ) -> Iterator[Candidate]:
    """The page's benchmark (``topic``) paired with what the sentence says of it without
    naming it, each pair with its reading (see the module's notes)."""
    if topic is None or topic[1] not in TOOLED:
        return
    span, kind, name = topic
    where = (offset + sent.start_char, offset + sent.start_char + len(sent.text.rstrip()))
    read = sandbox_readings(sent, ents) | judge_readings(sent, ents) | \
        result_readings(sent, ents) | own_readings(sent, ents) | \
        default_readings(sent, ents) | authors_figures(sent, ents, name) | \
        we_readings(sent, ents)
    for e in ents:
        if e.start in read and e.text.casefold() != name:
            yield Candidate(span, (offset + e.start_char, offset + e.end_char), kind,
                            e.label_, "title", ("TITLE", f"reading={read[e.start]}"), where)
