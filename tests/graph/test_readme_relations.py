"""What a package README or a benchmark paper's summary says its entities use or are based
on (graph.nlp.use_clauses, graph.nlp.use_phrases): a tool "supports" the models it works
with, a passive "supported by" names the user of each item of its subject, a list wrapped
onto the next line of prose (GUIDELINES: USES, BASED_ON). Every sentence is real text of the
held-out development documents (training/heldout/packages, its dev half), run through the
real pipeline. The documents are read whole: a tool's name ("FastChat", "TextGrad") is known
as a name from the rest of its README, not from the one sentence.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from spacy.tokens import Span

from tests.graph.readings import named

PACKAGES = Path(__file__).resolve().parents[2] / "training" / "heldout" / "packages"


@cache
def _document(nlp, name: str):
    return nlp((PACKAGES / name).read_text(encoding="utf-8"))


def sentence(nlp, name: str, words: str) -> Span:
    """The sentence of the dev document ``name`` that holds ``words``."""
    return next(s for s in _document(nlp, name).sents if words in s.text)


def uses(nlp, name: str, words: str) -> dict[tuple[str, str], str]:
    from graph.nlp.uses import item_uses

    sent = sentence(nlp, name, words)
    return named(item_uses, sent, list(sent.ents))


FASTCHAT = ("readme__fschat.md", "FastChat supports a wide range of models, including\n")


def test_a_tool_uses_what_it_supports_across_a_wrapped_line(nlp):
    # readme__fschat.md: the list after "including" is on the next line of the paragraph
    found = uses(nlp, *FASTCHAT)
    used = {b for (a, b), label in found.items() if a == "FastChat" and label == "USES"}
    assert {"Vicuna", "Alpaca", "ChatGLM", "Falcon", "OpenChat", "WizardLM"} <= used, found
    assert len(used) >= 15, found  # each item, however far from the subject
    assert all(a == "FastChat" for a, _ in found), found


def test_a_line_that_ends_its_phrase_is_not_continued(nlp):
    from graph.nlp.use_phrases import line_end

    # readme__fschat.md: the heading before is a sentence of its own (graph.nlp.components.
    # line_breaks); "including" at a line's end does not end the line's phrase
    sent = sentence(nlp, *FASTCHAT)
    doc, end = sent.doc, sent.end
    assert sent.text.startswith("FastChat supports"), sent.text
    assert doc[sent.start - 2].text == "Models"  # "## Supported Models"
    including = next(t.i for t in sent if t.lower_ == "including")
    assert line_end(doc, including, end, True) > including + 2
    assert line_end(doc, including, end) == including + 1  # (without wraps: the line)


def test_what_a_passive_supported_by_names_uses_each_item_of_the_subject(nlp):
    # readme__textgrad.md: "USES<": the name after "by" (written last) uses each item
    found = uses(nlp, "readme__textgrad.md", "are all supported by TextGrad")
    assert found == {("Bedrock", "TextGrad"): "USES<", ("Gemini", "TextGrad"): "USES<"}, found


def test_a_candidate_pair_reaches_every_item_a_reading_names(nlp):
    from graph.nlp.pairs import sentence_candidates

    # readme__fschat.md: "xDAN-AI" is 45 tokens and 16 names after "FastChat"
    sent = sentence(nlp, *FASTCHAT)
    read = {(sent.doc.char_span(*c.a).text, sent.doc.char_span(*c.b).text)
            for c in sentence_candidates(sent) if "reading=USES" in c.features}
    assert ("FastChat", "xDAN-AI") in read and ("FastChat", "StableLM") in read, read


def test_a_benchmark_made_from_another_is_based_on_it(nlp, model):
    from graph.nlp.pairs import sentence_candidates

    # task__mbpp.md: "a Python version of": a dataset derived from a dataset (only the grammar
    # reads it; the classifier's schema has no DATASET -> DATASET BASED_ON to guess)
    sent = sentence(nlp, "task__mbpp.md", "a Python version of the MathQA benchmark")
    assert uses(nlp, "task__mbpp.md", "a Python version of") == {
        ("MathQA-Python", "MathQA"): "BASED_ON"}
    decided = {(sent.doc.char_span(*c.a).text, sent.doc.char_span(*c.b).text): label
               for c, label in model.decide(list(sentence_candidates(sent)))}
    assert decided.get(("MathQA-Python", "MathQA")) == "BASED_ON", decided


def test_a_participle_right_after_a_verbs_object_describes_the_object(nlp):
    # readme__fschat.md: the parse hangs "based on" on "released"; what is based on Llama 2
    # is the model released, not the author
    for name in ("Vicuna v1.5", "LongChat v1.5"):
        found = uses(nlp, "readme__fschat.md", f"We released **{name}** based on Llama 2")
        assert found == {(name, "Llama 2"): "BASED_ON"}, found


def test_a_feature_line_opening_with_a_use_names_what_the_package_uses(nlp):
    from graph.nlp.uses import subjectless_uses

    # readme__mlx_lm.md, under "Some key features include:": the line has no subject, the
    # package the README is about uses what it names
    sent = sentence(nlp, "readme__mlx_lm.md", "Integration with the Hugging Face Hub")
    names = {e.start: e.text for e in sent.ents}
    found = {names[k]: label for k, label in subjectless_uses(sent, list(sent.ents)).items()}
    assert found == {"Hugging Face Hub": "USES"}, found


def test_what_a_feature_item_names_anywhere_is_used_by_the_package(nlp):
    from tests.graph.test_relation_discourse import via

    # readme__sglang.md (more-dev half): the item opens with no use cue ("Provides efficient
    # serving with ..."), yet the methods and models it names are the package's
    text = "\n".join(_document(nlp, "readme__sglang.md").text.split("\n## About\n")[1]
                     .split("\n")[:7])
    found = {(s, t) for s, p, t in via(nlp, "## About\n" + text) if p == "USES"}
    assert {("SGLang", "RadixAttention"), ("SGLang", "speculative decoding"),
            ("SGLang", "e5-mistral"), ("SGLang", "Qwen-Image")} <= found, found
    # "SetFit doesn't require large-scale models like T0 or GPT-3": no use
    text = ("SetFit has several unique features:\n\n* **Fast to train:** SetFit doesn't "
            "require large-scale models like T0 or GPT-3 to achieve high accuracy.\n")
    assert not any(p == "USES" for _, p, _ in via(nlp, "SetFit is a framework.\n\n" + text))


def test_the_examples_of_who_adopted_a_package_use_it(nlp):
    from tests.graph.test_relation_discourse import via

    # readme__sglang.md (more-dev half): "It" is the package; the passive "trusted and
    # adopted by" names its users through a noun's examples ("including xAI, AMD, ...")
    text = _document(nlp, "readme__sglang.md").text
    adoption = text[text.index("## Adoption and Sponsorship"):text.index("## Contact Us")]
    found = {s for s, p, t in via(nlp, "## About\nSGLang is a high-performance serving "
                                       "framework.\n\n" + adoption)
             if p == "USES" and t == "SGLang"}
    assert {"xAI", "AMD", "LinkedIn", "Cursor", "AWS", "Voltage Park", "MIT",
            "University of Washington", "Tsinghua University", "Baseten"} <= found, found


def test_a_catalogue_under_its_heading_names_what_the_package_uses(nlp):
    from tests.graph.test_relation_discourse import via

    # training/corpus/packages/readme__lighteval.md: no title, a lead that defines the
    # package, then "## Available Tasks" over sub-headings and lists of benchmarks
    text = ("**Lighteval** is your *all-in-one toolkit* for evaluating LLMs across multiple "
            "backends.\n\n## Available Tasks\n\nLighteval supports **1000+ evaluation tasks** "
            "across multiple domains.\n\n### 📚 **Knowledge**\n"
            "- **General Knowledge**: MMLU, MMLU-Pro, MMMU, BIG-Bench\n\n"
            "### 🧮 **Math and Code**\n- **Math Problems**: GSM8K, GSM-Plus, MATH, MATH500\n\n"
            "## ⚡️ Installation\n\n- Install it with pip, then run it on GSM8K.\n")
    found = {(s, t) for s, p, t in via(nlp, text) if p == "USES"}
    assert {("Lighteval", "MMLU"), ("Lighteval", "BIG-Bench"), ("Lighteval", "GSM8K"),
            ("Lighteval", "MATH500")} <= found, found
    assert not any(t in ("General Knowledge", "Math Problems") for _, t in found), found


def test_a_heading_that_is_no_catalogue_lists_no_uses(nlp):
    from tests.graph.test_relation_discourse import via

    text = ("**Lighteval** is your toolkit for evaluating LLMs.\n\n## Acknowledgements\n\n"
            "- MMLU, GSM8K and BIG-Bench were written by others.\n")
    assert not any(p == "USES" for _, p, _ in via(nlp, text))


def test_what_a_process_involves_or_a_model_underwent_is_used(nlp):
    # models__llama-3.md and models__gemini-advanced.md (guide pages a recogniser and a
    # relation classifier trained without them missed these uses of, training/fold.py):
    # gold Llama 3 USES post-training; Gemini Advanced USES red-teaming
    from graph.nlp.use_phrases import readings
    for text, used in (
            ("- It involves post-training that includes a combination of SFT, rejection "
             "sampling, PPO, and DPO.", "post-training"),
            ("The model has also undergone external red-teaming and has been refined.",
             "red-teaming")):
        doc = nlp(text)
        verb = next(t.i for t in doc if t.lower_ in ("involves", "has"))
        found = [(e.text, label) for e, label in readings(doc, verb, len(doc), list(doc.ents))]
        assert (used, "USES") in found, found
