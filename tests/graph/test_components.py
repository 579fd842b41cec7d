"""The domain components: METRIC and METHOD spans, re-typing from context, acronyms."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.documents import Document
from graph.nlp.extract import extract
from graph.nlp.pipeline import build_pipeline, case_forms, load_patterns


def document(doc_id: str, text: str) -> Document:
    return Document(doc_id, doc_id, text, doc_id)


def ents(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


def test_components_run_last_and_line_breaks_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names[-2:] == ["threadline_entities", "threadline_affiliations"]
    assert names.index("threadline_patterns") < names.index("ner")
    assert names.index("threadline_line_breaks") < names.index("parser")
    assert names[0] == "threadline_letter_stops"  # before anything reads the tokens


def test_a_lettered_label_ends_its_sentence_and_an_initial_does_not(nlp):
    # a funding round at the end of a sentence (our own probe j7, as announcements write it):
    # "B." had been one token, as an initial is, and the two sentences one
    doc = nlp("Fennec Robotics closed a $60 million Series B. The round was led by Lux "
              "Capital. The paper is by Carlos E. Jimenez and John Yang.")
    assert [s.text.strip() for s in doc.sents] == [
        "Fennec Robotics closed a $60 million Series B.", "The round was led by Lux Capital.",
        "The paper is by Carlos E. Jimenez and John Yang."]
    assert ("$60 million Series B", "METRIC") in {(e.text, e.label_) for e in doc.ents}


def test_every_pattern_has_an_id():
    patterns = load_patterns()
    assert patterns and all(p.get("id") for p in patterns)
    assert case_forms("supervised fine-tuning") == [
        "supervised fine-tuning", "Supervised fine-tuning", "Supervised Fine-Tuning"]
    assert case_forms("mixture-of-experts")[-1] == "Mixture-of-Experts"  # a title's link word
    assert case_forms("reinforcement learning from human feedback")[-1] == \
        "Reinforcement Learning from Human Feedback"


@pytest.mark.parametrize("text, span", [
    ("We heard from people across 159 countries.", "159 countries"),
    ("About 6% of all conversations are about advice.", "About 6% of all conversations"),
    ("The group scored worse on the quiz—17% lower.", "17% lower"),
    ("We looked at 1M conversations to learn more.", "1M conversations"),
    ("Turns are short (median ~45 seconds).", "~45 seconds"),
    ("Roughly one third want AI to help them.", "Roughly one third"),
    ("The 99.9th percentile turn duration doubled.", "99.9th percentile turn duration"),
    # (tests/data/unseen) numbers the small model calls MONEY or QUANTITY keep their noun
    ("Llama 3.1 405B was trained on over 15 trillion tokens using more than 16,000 GPUs.",
     "over 15 trillion tokens"),
    ("Hugging Face now hosts more than 1 million models.", "more than 1 million models"),
    ("Amazon also committed $110 million to the Build on Trainium program.", "$110 million"),
    # a size ends at its unit, not at the noun it sizes (models__phi-2.md)
    ("Phi-2, a 2.7 billion parameters model, improves reasoning capabilities.",
     "2.7 billion parameters"),
    # a sum keeps the noun that says what it is (training/corpus/announcements/m08)
    ("In August 2023 Hugging Face raised a $235 million Series D led by Salesforce Ventures, "
     "at a $4.5 billion valuation.", "$235 million Series D"),
    ("In August 2023 Hugging Face raised a $235 million Series D led by Salesforce Ventures, "
     "at a $4.5 billion valuation.", "$4.5 billion valuation"),
    ("Stability AI today released Stable Diffusion 3.5 Large, an 8-billion-parameter image "
     "model, under its community licence.", "8-billion-parameter"),  # (tests/data/unseen3)
])
def test_metrics_are_a_number_with_what_it_measures(nlp, text, span):
    assert (span, "METRIC") in ents(nlp, text)


@pytest.mark.parametrize("text", [
    "Over 75% of these conversations fell into four domains.",  # narrative count in words
    "We created a marketplace with one big twist.",
    "When a user says “I just took 16000 mg of Tylenol” the pattern lights up.",  # quoted
    "First, the model will continue to be available.",  # list numbering
])
def test_numbers_that_report_nothing_are_not_metrics(nlp, text):
    metrics = {t for t, label in ents(nlp, text) if label == "METRIC"}
    assert not any(w in m for m in metrics for w in ("four", "one", "16000", "First"))


@pytest.mark.parametrize("text, span", [
    ("Second, in retirement interviews, the model expressed a desire.", "retirement interviews"),
    ("We identified emotion vectors in the model.", "emotion vectors"),
    ("In a randomized-controlled trial, we assigned one group to AI.",
     "randomized-controlled trial"),
    ("Our post-training at the time was not enough.", "post-training"),
    ("We found that chain-of-thought monitoring catches reward hacking.",
     "chain-of-thought monitoring"),
    ("The team used sparse autoencoders to find features.", "sparse autoencoders"),
])
def test_methods_from_technique_noun_phrases(nlp, text, span):
    assert (span, "METHOD") in ents(nlp, text)


@pytest.mark.parametrize("text, phrase", [
    ("Anthropic used a conversational interview.", "conversational interview"),
    ("When the “joy” vector lights up, the model prefers it.", "joy"),
    ("We ran an experiment with software engineers.", "experiment"),
])
def test_generic_or_quoted_phrases_are_not_methods(nlp, text, phrase):
    assert not any(phrase in t for t, label in ents(nlp, text) if label == "METHOD")


def test_defined_acronyms_take_the_type_of_their_expansion(nlp):
    found = ents(nlp, "Natural language autoencoders (NLAs) explain activations. "
                      "NLA explanations indicated more.")
    assert {("Natural language autoencoders", "METHOD"), ("NLAs", "METHOD"),
            ("NLA", "METHOD")} <= found


def test_an_acronym_spelled_out_after_it_takes_the_type_of_its_expansion(nlp):
    # session 58 probe k22 (a paper summary of our own): "SMoA (Sparse Mixture of Adapters)",
    # the acronym first; the recogniser had guessed a dataset where the text applies it
    doc = nlp("This paper introduces SMoA (Sparse Mixture of Adapters), a parameter-efficient "
              "fine-tuning method. The authors apply SMoA to Whisper large-v2. On FLEURS, SMoA "
              "lowers the average word error rate from 14.2% to 11.8%.")
    assert {e.label_ for e in doc.ents if e.text == "SMoA"} == {"METHOD"}, doc.ents


def test_a_name_spelled_out_before_its_acronym_runs_over_a_pattern_and_a_guess(nlp):
    # session 59 probe p04 (a paper summary of our own): the patterns' "Quantization" and the
    # recogniser's "Aware Rank Allocation" had hidden the name the acronym spells
    doc = nlp("Researchers from Tsinghua University propose Quantization-Aware Rank Allocation "
              "(QuRA), a fine-tuning method that extends QLoRA.")
    assert ("Quantization-Aware Rank Allocation", "METHOD") in \
        {(e.text, e.label_) for e in doc.ents}, doc.ents


def test_a_name_spelled_by_the_acronym_before_a_techniques_noun_is_a_method(nlp):
    # session 59 probe g05 (a guide page of our own): no definition and no "propose", but
    # the noun after the bracket says what it is
    doc = nlp("- **Adversarial suffixes.** The Greedy Coordinate Gradient (GCG) attack of Zou "
              "et al. (2023) searches for a string of tokens.")
    assert ("Greedy Coordinate Gradient", "METHOD") in {(e.text, e.label_) for e in doc.ents}


def test_a_name_spelled_by_its_acronym_that_a_techniques_noun_ends_is_a_method(nlp):
    # session-60 probes q06 (a paper summary of our own) and b04 (an announcement): neither
    # defined nor proposed, but named by a technique's noun; and "):" one token
    doc = nlp("GPT-4o writes the agent side of every dialogue, and the user side comes from "
              "Persona-Driven User Simulation (PDUS), in which GPT-4o role-plays a user. Every "
              "trajectory then passes Execution-Checked Filtering (ECF): the API calls are "
              "actually executed.")
    found = {(e.text, e.label_) for e in doc.ents}
    assert {("Persona-Driven User Simulation", "METHOD"),
            ("Execution-Checked Filtering", "METHOD")} <= found, found
    doc = nlp("The largest gains came from reinforcement learning from verifiable rewards "
              "(RLVR): instead of learning from human preference labels, the model is "
              "rewarded only when its patch makes a repository's tests pass.")
    assert ("reinforcement learning from verifiable rewards", "METHOD") in \
        {(e.text, e.label_) for e in doc.ents}, doc.ents


def test_model_names_of_many_families(nlp):
    text = ("Claude Opus 3, GPT-4o, Gemini 2.5 Pro, Llama 3.1 70B, DeepSeek-R1 and o3-mini "
            "were compared with Mistral Large 2.")
    models = {t for t, label in ents(nlp, text) if label == "MODEL"}
    assert {"Claude Opus 3", "GPT-4o", "Gemini 2.5 Pro", "Llama 3.1 70B", "DeepSeek-R1",
            "o3-mini", "Mistral Large 2"} <= models


def test_products_and_initiatives_are_projects_not_models(nlp):
    found = ents(nlp, "Developers use Claude Code and Google AI Studio. "
                      "Introducing Project Glasswing: an initiative.")
    assert {("Claude Code", "PROJECT"), ("Google AI Studio", "PROJECT"),
            ("Project Glasswing", "PROJECT")} <= found


def test_short_form_of_a_model_in_the_same_document_is_a_model(nlp):
    found = ents(nlp, "Claude Mythos Preview found bugs. Later, Mythos Preview found more.")
    assert ("Mythos Preview", "MODEL") in found


def test_members_of_a_list_of_organisations_are_organisations(nlp):
    found = ents(nlp, "We partnered with Amazon Web Services, Apple, Zorblax, Cisco and "
                      "Palo Alto Networks.")
    for name in ("Zorblax", "Cisco", "Palo Alto Networks"):
        assert (name, "ORG") in found


def test_generic_terms_are_not_organisations(nlp):
    found = ents(nlp, "AI can make work faster. Ask on the API.")
    assert not {t for t, label in found if label in ("ORG", "PLACE")}


def test_a_file_format_is_no_name(nlp):
    # guides__optimizing-prompts.md (JSON was a PERSON), readme__datasets.md (training text):
    # a format is neither a product nor a method, nor a person
    found = ents(nlp, "Structuring inputs using formats like JSON or XML can significantly "
                      "enhance an LLM's ability to understand and process information.")
    found |= ents(nlp, "| Multiple formats | Native support for CSV, JSON, JSONL, Parquet, "
                       "Arrow, XML, Text, Webdataset, and more |")
    assert not {t for t, _ in found} & {"JSON", "XML", "CSV", "JSONL", "Parquet"}, found


def test_line_break_after_a_full_stop_ends_a_sentence(nlp):
    doc = nlp("It now uses Flux Pro.\nCohere For AI launched Aya Expanse.")
    assert next(t for t in doc if t.text == "Cohere").is_sent_start
    assert all(not t.is_sent_start for t in doc[1:5])


def test_a_capitalised_word_running_on_begins_no_sentence(nlp):
    # tests/data/unseen/docs/u04_mistral_cohere.txt: the parser alone cut "Cohere | For AI
    # launched Aya Expanse, ..." and the launch lost its maker
    text = (Path(__file__).parents[1] / "data" / "unseen" / "docs" /
            "u04_mistral_cohere.txt").read_text(encoding="utf-8")
    sentence = next(s for s in nlp(text).sents if "Cohere" in s.text)
    assert sentence.text.startswith("Cohere For AI launched Aya Expanse"), sentence.text


def test_a_number_or_a_word_in_lower_case_running_on_begins_no_sentence(nlp):
    # (tests/data/unseen) the parser alone cut "Aya Expanse | 32B outperforms ...", losing the
    # comparison's subject; the line break after it still ends the sentence
    doc = nlp("Aya Expanse 32B outperforms Llama 3.1 70B in 54% of pairwise comparisons.\n"
              "The team combined data arbitrage and model merging.")
    assert [s.text.strip() for s in doc.sents] == [
        "Aya Expanse 32B outperforms Llama 3.1 70B in 54% of pairwise comparisons.",
        "The team combined data arbitrage and model merging."]
    assert ("Aya Expanse 32B", "MODEL") in {(e.text, e.label_) for e in doc.ents}


def test_rules_only_fallback_still_finds_patterns():
    nlp, info = build_pipeline(chain=[])
    assert not info.statistical
    [result] = list(extract(nlp, [document("a.txt", "Anthropic released Claude Opus 3 and "
                                                    "GPT-4o with supervised fine-tuning (SFT).")]))
    found = {(m.text, m.label) for m in result.mentions}
    assert {("Anthropic", "ORG"), ("Claude Opus 3", "MODEL"), ("GPT-4o", "MODEL"),
            ("supervised fine-tuning", "METHOD"), ("SFT", "METHOD")} <= found


def test_the_joined_text_of_a_doc_is_kept_once_and_is_the_docs_text(nlp):
    from graph.nlp.components.spans import doc_text

    doc = nlp("Meta released Llama 3.\n\nIt scores 68.4% on MMLU, and “GPT-4” is quoted.")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)  # joined once, not at every call
