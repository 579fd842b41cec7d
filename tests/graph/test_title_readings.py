"""Paper titles in lists of papers, read from their words (issue "Relations a reader can
trust": comparisons and evaluations are what a reader of the genre wants). Every line is a
real title of a train page of the Prompt Engineering Guide (models__gpt-4.md,
models__chatgpt.md, models__llama.md, models__gemini.md), run through the whole pipeline.
"""

from __future__ import annotations

from graph.nlp.comparisons import comparison_readings
from graph.nlp.title_lines import title_line
from graph.nlp.titles import title_readings
from tests.graph.readings import first_sentence


def titles(nlp, text: str) -> dict[tuple[str, str], str]:
    return first_sentence(title_readings, nlp, text)


def test_each_model_evaluated_in_a_title_is_evaluated_on_its_benchmark(nlp):
    assert titles(nlp, "- Evaluating GPT-4 and ChatGPT on Japanese Medical Licensing "
                       "Examinations (April 2023)\n") == {
        ("GPT-4", "Japanese Medical Licensing Examinations"): "EVALUATED_ON",
        ("ChatGPT", "Japanese Medical Licensing Examinations"): "EVALUATED_ON"}


def test_the_capabilities_of_two_models_compare_them(nlp):
    assert titles(nlp, "- A Preliminary Analysis on the Code Generation Capabilities of "
                       "GPT-3.5 and Bard AI Models for Java Functions (May 2023)\n") == {
        ("GPT-3.5", "Bard"): "COMPARED_WITH"}


def test_a_share_of_another_models_quality_compares_the_titles_system_with_it(nlp):
    # not GPT-4, which the title says Vicuna impressed (it judged the answers)
    assert titles(nlp, "- Vicuna: An Open-Source Chatbot Impressing GPT-4 with 90%* ChatGPT "
                       "Quality (March 2023)\n") == {("Vicuna", "ChatGPT"): "COMPARED_WITH"}


def test_the_system_before_a_titles_colon_is_the_subject_of_its_comparison(nlp):
    # "Fine-tuned LLaMA" describes Goat: LLaMA is what Goat was made from, it beats nothing
    found = first_sentence(comparison_readings, nlp, "- Goat: Fine-tuned LLaMA Outperforms "
                                                     "GPT-4 on Arithmetic Tasks (May 2023)\n")
    assert found == {("Goat", "GPT-4"): "OUTPERFORMS"}


def test_a_comparison_under_references_keeps_the_subject_before_its_cue(nlp):
    text = ("## References\n\n- Welcome to the Gemini era\n- Gemini vs GPT-4V: A Preliminary "
            "Comparison and Combination of Vision-Language Models Through Qualitative Cases\n")
    sent = next(s for s in nlp(text).sents if "GPT-4V" in s.text)
    found = comparison_readings(sent, list(sent.ents))
    names = {e.start: e.text for e in sent.ents}
    assert {(names[a], names[b]): label for (a, b), label in found.items()} == {
        ("Gemini", "GPT-4V"): "COMPARED_WITH"}


def test_a_joint_evaluation_without_a_benchmark_or_capability_says_nothing(nlp):
    # the annotators read no comparison into a shared evaluation ("Evaluating the Logical
    # Reasoning Ability of ChatGPT and GPT-4"), nor into a sentence that is no title
    assert titles(nlp, "- Evaluating the Logical Reasoning Ability of ChatGPT and GPT-4 "
                       "(April 2023)\n") == {}
    assert titles(nlp, "We compare the capabilities of GPT-3.5 and GPT-4 on MMLU.") == {}


def test_an_item_under_references_is_a_title_an_item_elsewhere_is_not(nlp):
    text = ("## References\n\n- Gemini vs GPT-4V: A Preliminary Comparison and Combination "
            "of Vision-Language Models Through Qualitative Cases\n\n"
            "## Key Components\n\n- Examples of good vs. bad search task decomposition\n")
    doc = nlp(text)
    title = next(s for s in doc.sents if "GPT-4V" in s.text)
    item = next(s for s in doc.sents if "decomposition" in s.text)
    assert title_line(title) is not None
    assert title_line(item) is None
