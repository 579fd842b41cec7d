"""What a benchmark paper's summary says one benchmark is built from (GUIDELINES: BASED_ON),
and what its figures measure (HAS_METRIC: a line naming nothing but figures reports on the
benchmark the summary is about). BASED_ON:
"X expands upon Y" is the verb of a benchmark that extends an older test with new variations,
read like "builds upon" (resources/lexicon/relations.json, rules and use cues). The sentence is
real text of the held-out development documents (training/heldout/packages, its dev half), run
through the real pipeline and the shipped classifier; the document is read whole so that its
names are known from the rest of the page.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tests.graph.test_relation_discourse import via

PACKAGES = Path(__file__).resolve().parents[2] / "training" / "heldout" / "packages"


@cache
def _document(nlp, name: str):
    return nlp((PACKAGES / name).read_text(encoding="utf-8"))


def decided(nlp, model, name: str, words: str) -> dict[tuple[str, str], str]:
    """What the pipeline decides of each pair of the sentence of ``name`` holding ``words``."""
    from graph.nlp.pairs import sentence_candidates

    sent = next(s for s in _document(nlp, name).sents if words in s.text)
    return {(sent.doc.char_span(*c.a).text, sent.doc.char_span(*c.b).text): label
            for c, label in model.decide(list(sentence_candidates(sent)))}


def test_a_benchmark_that_expands_upon_a_test_is_based_on_it(nlp, model):
    # task__ruler.md: "RULER expands upon the vanilla NIAH test to encompass variations"
    found = decided(nlp, model, "task__ruler.md", "RULER expands upon the vanilla NIAH")
    assert found.get(("RULER", "NIAH")) == "BASED_ON", found


def test_a_figure_of_a_sentence_naming_nothing_is_the_documents_subjects(nlp):
    # training/heldout/packages/task__eus_trivia.md (dev): the summary's title names the
    # benchmark; a line of figures that names nothing else reports on it
    text = ("# EusTrivia\n\n### Paper\n\nEusTrivia consists of 1,715 trivia questions from "
            "multiple online sources. 56.3% of the questions are elementary level (grades "
            "3-6), while the rest are considered challenging.\n\n"
            "- **Music** (16.0%): Here are grouped all the questions about music.\n")
    found = via(nlp, text)
    assert found[("EusTrivia", "HAS_METRIC", "56.3% of the questions")] == {"subject"}
    assert found[("EusTrivia", "HAS_METRIC", "16.0%")] == {"subject"}
    # a sentence naming an entity keeps its figures to its own reading
    text = ("# EusTrivia\n\nLatxa scores 60.2% while GPT-4 Turbo reaches 75.1%.\n")
    assert not any(v == {"subject"} for v in via(nlp, text).values())
