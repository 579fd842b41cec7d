"""The failure classes of issue "Entities that hold up on real text", each on sentences of the
genre (research-paper summaries and guide pages), through the real pipeline: the trained
domain recogniser, the patterns, en_core_web_sm and the rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Span

from graph.ingest.documents import Document
from graph.nlp.components.arbiter import type_by_context
from graph.nlp.components.name_forms import an_instruction
from graph.nlp.components.repeats import repeated_names
from graph.nlp.components.spans import written_as_code
from graph.nlp.extract import extract
from tests.graph.test_relation_classifier import typed

# ``nlp``: the real pipeline, from tests/graph/conftest.py


def ents(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


def test_headings_are_neither_organisations_nor_metrics(nlp):
    text = ("## Capabilities & Key Results\n\nFlan-PaLM improves over PaLM.\n\n"
            "### Maths & Code Generation\n\nSome text.\n\n## References\n\n- A paper.")
    found = ents(nlp, text)
    assert not {label for name, label in found if "#" in name or "References" in name}
    assert not any(label == "ORG" for _, label in found)


def test_a_titles_tagline_after_a_spaced_dash_is_not_part_of_the_name(nlp):
    # readme__setfit.md (held-out more-dev half): the title and a list of integrations
    title = ("# SetFit - Efficient Few-shot Learning with Sentence Transformers\n\n"
             "Download and install `setfit` by running it.\n")
    found = ents(nlp, title)
    assert ("SetFit", "PROJECT") in found and not any(" - " in n for n, _ in found), found
    item = "* jxpress/setfit-pytorch-lightning - A PyTorch Lightning implementation of SetFit."
    assert not any(" - " in n for n, _ in ents(nlp, item))
    # a model's variant word after the dash is still its name (models__code-llama.md)
    assert ("Code Llama - Instruct", "MODEL") in ents(nlp, "Code Llama - Instruct is tuned "
                                                      "to follow instructions.")


@pytest.mark.parametrize("text, name", [
    ("Flan-PaLM 540B achieves state-of-the-art performance on several benchmarks.",
     "Flan-PaLM 540B"),
    ("NVIDIA released Llama-Nemotron, a family of reasoning models.", "Llama-Nemotron"),
    ("We release Qwen2.5-7B-Instruct-1M with a context of one million tokens.",
     "Qwen2.5-7B-Instruct-1M"),
    ("Qwen2.5-1M extends the context window.", "Qwen2.5-1M"),
    ("s1-32B exceeds o1-preview on competition math questions.", "s1-32B"),
    ("| Dolly | Apr 2023 | 3, 7, 12 | Dolly-v2-3B, Dolly-v2-7B, Dolly-v2-12B | An "
     "instruction-following LLM |", "Dolly-v2-12B"),
    ("Kimi k1.5 outperforms GPT-4o on AIME.", "Kimi k1.5"),  # a release letter and number
    ("The model was trained with rectified flow and improves prompt adherence over Stable "
     "Diffusion XL.", "Stable Diffusion XL"),  # a size letter
    # eval__personality.md (training/corpus/evals): a snapshot's date glued on its variant
    # word ("turbo-2024" one token) had become a DATE
    ("We evaluated three models: GPT-4-turbo-2024-04-09, GPT-3.5-turbo-0125, and "
     "Claude-3-opus-20240229.", "GPT-4-turbo-2024-04-09"),
    ("We evaluated three models: GPT-4-turbo-2024-04-09, GPT-3.5-turbo-0125, and "
     "Claude-3-opus-20240229.", "Claude-3-opus-20240229"),
    # session 57 probe k14 (an announcement of our own): a variant with its version, apart
    ("In the company's tests it cut word error rate by 23% compared with OpenAI's Whisper "
     "large-v3.", "Whisper large-v3"),
])
def test_model_names_are_not_split_at_hyphens_or_cut_before_their_suffix(nlp, text, name):
    assert (name, "MODEL") in ents(nlp, text)


def test_a_method_named_with_a_setting_before_a_known_acronym_is_whole(nlp):
    # research__rag.md (train): "GAR-meets-RAG"; session 53 probe h1 (a guide page of our
    # own): "Zero-shot-CoT", which the known "CoT" had cut, so both CoTs were one node
    found = ents(nlp, "PS+ prompting outperforms Zero-shot-CoT on all arithmetic datasets.")
    assert ("Zero-shot-CoT", "METHOD") in found, found
    assert ("GAR-meets-RAG", "METHOD") in ents(
        nlp, "Notable approaches that leverage this method include RETRO and GAR-meets-RAG.")
    # a word opening in lower case stays out ("self-consistency-CoT")
    assert ("CoT", "METHOD") in ents(nlp, "The self-consistency-CoT method is good.")


def test_a_name_with_a_title_that_says_something_is_a_person(nlp):
    # session 57 probe k21 (an announcement of our own): the recogniser had guessed a DATASET
    found = ents(nlp, "Snowflake today announced a partnership with Mistral AI. \"Our customers "
                      "want the best open models next to their data,\" said Baris Gultekin, "
                      "Head of AI at Snowflake.")
    assert ("Baris Gultekin", "PERSON") in found, found


def test_a_person_or_place_guess_before_a_softwares_noun_is_a_project(nlp):
    # session 58 probe k32 (a guide page of our own): the statistical model read a person
    found = ents(nlp, "In this guide we build a small RAG pipeline with LangChain, using OpenAI "
                      "embeddings and the Chroma vector store, and GPT-3.5 Turbo as the "
                      "generator.")
    assert ("Chroma", "PROJECT") in found, found


def test_a_persons_title_is_not_part_of_the_employers_name(nlp):
    # session 58 probe k24 (an announcement of our own): the recogniser's ORG "CEO of Vantor
    # Labs" took every edge of the company
    found = ents(nlp, "Vantor Labs today launched Osprey 2, an open-weight vision-language model."
                      "\n\n\"Enterprises sit on billions of PDFs they cannot search,\" said Maya "
                      "Okafor, CEO of Vantor Labs. \"Osprey 2 reads them like a person would.\"")
    assert ("Vantor Labs", "ORG") in found and not any(
        name.startswith("CEO") for name, _ in found), found
    # session 59 probe a02: a title of three words
    found = ents(nlp, "\"Protocol design is still manual,\" said Dr. Elena Voss, Chief Scientific "
                      "Officer of Brightwater Therapeutics.")
    assert ("Brightwater Therapeutics", "ORG") in found, found


def test_a_plus_sign_apart_from_a_name_is_not_part_of_it(nlp):
    # session 57 probe k16: a results table's rows "model + method"; "HumanEval+" stays
    found = ents(nlp, "| Model | TimeQA |\n|---|---|\n| GPT-4 + SBV | 63.2% |\n\nHumanEval+ "
                      "extends HumanEval.")
    assert ("GPT-4", "MODEL") in found and ("HumanEval+", "DATASET") in found, found
    assert not any(name.endswith("+") and name != "HumanEval+" for name, _ in found), found


def test_a_method_named_in_capitals_around_a_generic_technique_is_whole(nlp):
    # session 57 probe k13: the heading of a paper summary, which the pattern's generic
    # "Distillation" had cut (and the page's topic with it)
    found = ents(nlp, "# Self-Refine Distillation\n\nIt works.\n")
    assert ("Self-Refine Distillation", "METHOD") in found, found


def test_a_name_keeps_its_company_suffix_and_loses_the_full_stop(nlp):
    # courses.md and guides__4o-image-generation.md of the guide
    found = ents(nlp, "Our past learners range from software engineers to AI researchers and "
                      "practitioners in organizations like Microsoft, Google, Amazon, JPMorgan "
                      "Chase & Co., Asana, Intuit, Fidelity Investments, and many others")
    assert ("JPMorgan Chase & Co.", "ORG") in found and ("Co.", "ORG") not in found
    found = ents(nlp, "If the image tool is timed out, tell me instead of generating with "
                      "DALL-E.")
    assert ("DALL-E", "MODEL") in found, found


def test_a_size_in_brackets_glued_to_a_name_leaves_the_name_whole(nlp):
    # models__llama.md (train): the parser and the recogniser saw one token "GPT-3(175B"
    text = ("Overall, LLaMA-13B outperform GPT-3(175B) on many benchmarks despite being 10x "
            "smaller and possible to run a single GPU.")
    assert ("GPT-3", "MODEL") in ents(nlp, text)
    assert ("LLaMA-13B", "OUTPERFORMS", "GPT-3") in typed(nlp, text)


def test_a_team_named_after_what_it_makes_is_an_organisation(nlp):
    # training/corpus/announcements/m03_reasoning_leaderboard.txt (the recogniser never learns
    # from it): gold ORG "Qwen team", the maker of QwQ-32B-Preview; "Qwen" was a MODEL
    found = ents(nlp, "- QwQ-32B-Preview (Qwen team, Alibaba Cloud): 50.0% / 90.6% / 54.5% / "
                      "41.9%")
    assert ("Qwen team", "ORG") in found and ("Qwen", "MODEL") not in found, found
    # a company's team stays the company: "the same Microsoft team" (m01_phi3_mini.txt)
    found = ents(nlp, "Phi-3-small (7B) and Phi-3-medium (14B) were trained by the same "
                      "Microsoft team on 4.8T tokens.")
    assert ("Microsoft", "ORG") in found, found


def test_a_product_named_like_an_organisation_is_the_product_its_context_says(nlp):
    # guides__deep-research.md (prompt guide): "X Research" is shaped like a lab's name, but
    # the sentence says it is an agent, and whose
    text = ("Deep Research is OpenAI's new agent that can perform multi-step research on the "
            "internet for performing complex tasks like generating reports and competitor "
            "analysis.")
    assert ("Deep Research", "PROJECT") in ents(nlp, text)
    assert ("Deep Research", "DEVELOPED_BY", "OpenAI") in typed(nlp, text)
    # a lab said to be a lab stays one
    assert ("Redwood Research", "ORG") in ents(nlp, "Redwood Research is a nonprofit lab.")
    # agents__context-engineering-deep-dive.md (prompt guide): a capitalised product noun
    # after such a name is part of the name
    text = ("- Deep Research Agent: Uses Gemini 2.5 Pro for complex planning and reasoning\n"
            "- Search Worker Agent: Uses Gemini 2.5 Flash for faster, more cost-effective "
            "search execution")
    assert ("Deep Research Agent", "PROJECT") in ents(nlp, text)
    assert ("Deep Research Agent", "USES", "Gemini 2.5 Pro") in typed(nlp, text)


def test_a_name_the_statistical_model_read_as_a_person_before_a_model_noun_is_a_model(nlp):
    # n11_aurora_lark.txt (announcements): "Lark Pro" had been a PERSON, and Lark 3B's
    # BASED_ON, its maker and what it runs on were lost; readme__colbert_ai.md
    # (heldout-readmes) "the ColBERTv2 model checkpoint"
    found = ents(nlp, "Lark 3B is based on our larger Lark Pro model, which runs on Aurora "
                      "Private Compute.")
    assert ("Lark Pro", "MODEL") in found, found
    # a word of the language the text also writes in lower case is no name
    # (applications__synthetic_rag.md, train)
    found = ents(nlp, "The key component of RAG is a Retrieval model that identifies "
                      "relevant documents and passes them to LLM for further processing. The "
                      "better the performance of the Retrieval model, the better the product "
                      "or feature outcome. Ideally, Retrieval works well right out of the box. "
                      "Synthetic data improves retrieval in other languages.")
    assert ("Retrieval", "MODEL") not in found, found


def test_names_said_to_be_examples_of_a_kind_are_of_that_kind(nlp):
    # research__llm-agents.md (prompt guide): the recogniser of guide fold 138, which had not
    # seen the page, read both as METHODs; "examples of LLM agents" says they are products
    doc = nlp("- Math Agents assist researchers in exploring, discovering, solving and proving "
              "mathematical problems. EduChat and CodeHelp are two other notable examples of "
              "LLM agents designed for education.")
    at = {t.text: t.i for t in doc}
    for name in ("EduChat", "CodeHelp"):  # the subject and its conjunct
        assert type_by_context(doc[at[name]:at[name] + 1]) == "PROJECT", name
    # an invented pair: the recogniser's guess gives way to what the sentence says
    found = ents(nlp, "Quillfox and Brambleware are two other notable examples of LLM agents "
                      "designed for education.")
    assert ("Brambleware", "PROJECT") in found, found


def test_a_prefix_written_before_a_model_family_is_part_of_the_name(nlp):
    text = ("For all the prompt examples below, we will be using Code Llama 70B Instruct, which "
            "is a fine-tuned variant of Code Llama that's been instruction tuned.")
    found = ents(nlp, text)
    assert {("Code Llama 70B Instruct", "MODEL"), ("Code Llama", "MODEL")} <= found
    assert not {n for n, label in found if label == "ORG"}


def test_a_language_written_before_a_benchmark_or_a_model_is_part_of_its_name(nlp):
    # task__bangla.md (training/corpus/packages), models__gemini.md: as annotated
    found = ents(nlp, "This repository contains resources related to **Bangla MMLU**, **Bangla "
                      "OpenBookQA**, **Bangla BoolQA**, **Bangla PIQA**, **Bangla "
                      "CommonsenseQA**,  benchmark datasets designed for evaluating Bangla "
                      "language models.")
    for name in ("Bangla MMLU", "Bangla OpenBookQA", "Bangla BoolQA", "Bangla CommonsenseQA"):
        assert (name, "DATASET") in found, found
    assert not {n for n, _ in found} & {"MMLU", "OpenBookQA", "BoolQA"}, found
    found = ents(nlp, "To address these issues, this project open-sources the Chinese LLaMA and "
                      "Alpaca large language models.")
    assert ("Chinese LLaMA", "MODEL") in found, found


def test_the_fields_common_benchmarks_and_corpora_are_datasets(nlp):
    # task__piqa.md, task__pile_10k.md (held-out more-dev half): PIQA was a product, The
    # Pile and OpenWebText were missed
    found = ents(nlp, "# PIQA\n\nPIQA was designed to investigate the physical knowledge of "
                      "existing models.\n\nAbstract: The first 10K elements of The Pile, useful "
                      "for debugging models trained on it. Inspired by stas' great resource "
                      "doing the same for OpenWebText")
    for name in ("PIQA", "The Pile", "OpenWebText"):
        assert (name, "DATASET") in found, found
    # readme__lighteval.md: a benchmark's edition in one language keeps its code, and a
    # longer name the gazetteer's is part of stays whole (readme__colbert_ai.md)
    found = ents(nlp, "- **French**: IFEval-fr, GPQA-fr, BAC-fr\n\nColBERT is evaluated on "
                      "MS MARCO Passage Ranking.")
    assert {("IFEval-fr", "DATASET"), ("GPQA-fr", "DATASET")} <= found, found
    assert ("MS MARCO Passage Ranking", "DATASET") in found, found


def test_an_exam_used_as_a_benchmark_is_a_dataset(nlp):
    # models__gpt-4.md (train): a paper's title and a sentence of the guide; task__kbl.md
    # (held-out dev half): the bar exam of a country (GUIDELINES: "exams used as benchmarks")
    text = ("- Evaluating GPT-4 and ChatGPT on Japanese Medical Licensing Examinations (April "
            "2023)\n- Evaluating GPT-3.5 and GPT-4 Models on Brazilian University Admission "
            "Exams (March 2023)")
    found = ents(nlp, text)
    for name in ("Japanese Medical Licensing Examinations", "Brazilian University Admission Exams"):
        assert (name, "DATASET") in found, found
    assert ("ChatGPT", "EVALUATED_ON", "Japanese Medical Licensing Examinations") in \
        typed(nlp, text)
    found = ents(nlp, "GPT-4 achieves a score that places it around the top 10% of test takers "
                      "on a simulated bar exam.")
    assert ("bar exam", "DATASET") in found, found
    found = ents(nlp, "with GPT-4 even passing the Uniform Bar Exam in the U.S. KBL consists of "
                      "(1) 7 legal knowledge tasks (510 examples), and (3) the Korean bar exam "
                      "(4 domains, 53 tasks, 2,510 examples).")
    assert {("Uniform Bar Exam", "DATASET"), ("Korean bar exam", "DATASET")} <= found, found


def test_a_news_summarisation_benchmark_is_not_its_news_organisation(nlp):
    # task__cnn_dailymail.md (held-out more-dev half) writes it without spaces; our own
    # summary of a technique in the genre's style spaced it, and "CNN" was an organisation
    found = ents(nlp, "On the CNN/Daily Mail dataset, directional stimulus prompting with "
                      "Flan-T5 as the policy model improves ChatGPT's ROUGE scores by 4-13%.")
    assert ("CNN/Daily Mail", "DATASET") in found and ("CNN", "ORG") not in found, found


def test_a_labs_name_with_ai_after_it_is_the_lab(nlp):
    # readme__trl.md (train) and readme__litgpt.md (held-out READMEs): "DeepSeek AI" was cut
    # to the lab's short name; a paper's author line writes "DeepSeek-AI" (our own summary
    # in the genre's style), which was read as a model
    found = ents(nlp, "`GRPOTrainer` implements the Group Relative Policy Optimization (GRPO) "
                      "algorithm that is more memory-efficient than PPO and was used to train "
                      "Deepseek AI's R1.")
    assert ("Deepseek AI", "ORG") in found, found
    assert ("DeepSeek-AI", "ORG") in ents(nlp, "DeepSeek-AI releases DeepSeek-Coder-V2, an "
                                               "open-source code language model.")


def test_a_model_named_with_its_partners_framework_is_one_model(nlp):
    # m06_mistral_funding_news.txt (our announcements): "NeMo" was read as a model of its own
    # (and "Mistral" as the company), so none of the model's seven relations were found
    text = ("Yesterday Mistral AI and NVIDIA released Mistral NeMo, a 12B model with a "
            "128k-token context window, built jointly by the two companies and trained on the "
            "NVIDIA DGX Cloud platform. Mistral NeMo replaces Mistral 7B as the company's "
            "recommended small model, and it outperforms both Gemma 2 9B and Llama 3 8B on "
            "several benchmarks, according to Mistral AI.")
    found = ents(nlp, text)
    assert {("Mistral NeMo", "MODEL"), ("NVIDIA DGX Cloud", "PROJECT")} <= found, found
    assert ("Mistral NeMo", "OUTPERFORMS", "Gemma 2 9B") in typed(nlp, text)


def test_the_fields_common_model_families_alone_are_models(nlp):
    # task__xnli.md (held-out more-dev half): XGLM and mGPT were products; readme__xgrammar.md
    # and readme__unsloth.md (held-out dev half): Phi an organisation or missed
    found = ents(nlp, "The prompts may differ from the ones used by mGPT and XGLM (they do not "
                      "provide their prompts).\n\nIt supports Llama, Qwen, Phi, Falcon, GLM "
                      "and Whisper.")
    for name in ("mGPT", "XGLM", "Phi", "Falcon", "GLM", "Whisper"):
        assert (name, "MODEL") in found, found


def test_the_fields_common_techniques_are_methods(nlp):
    # readme__vllm.md (held-out more-dev half), m12_orpo_summary.txt, n11_aurora_lark.txt:
    # missed, or ORPO a product
    found = ents(nlp, "- Continuous batching of incoming requests, chunked prefill, prefix "
                      "caching\n\nORPO folds preference alignment into supervised fine-tuning. "
                      "Lark 3B was then shrunk with structured pruning.")
    for name in ("Continuous batching", "prefix caching", "ORPO", "structured pruning"):
        assert (name, "METHOD") in found, found
    # models__mixtral.md (the guide): a known technique in Title Case with its link word in
    # lower case, which the model noun after it had made a model
    found = ents(nlp, "Mixtral 8x7B is a Sparse Mixture of Experts (SMoE) language model "
                      "released by Mistral AI.")
    assert ("Sparse Mixture of Experts", "METHOD") in found, found


def test_the_fields_common_tools_are_projects(nlp):
    # readme__semantic_kernel.md (held-out READMEs): "Semantic Kernel" was cut to "Kernel"
    found = ents(nlp, "> Semantic Kernel is now Microsoft Agent Framework! Microsoft Agent "
                      "Framework (MAF) is the enterprise-ready successor to Semantic Kernel.")
    assert ("Semantic Kernel", "PROJECT") in found and ("Kernel", "PROJECT") not in found, found


def test_known_organisations_keep_their_names_and_type(nlp):
    # readme__llmcompressor.md (held-out more-dev half): "<Name> AI" took "Hat AI"
    found = ents(nlp, "The Red Hat AI team has been using LLM Compressor to produce a fresh "
                      "batch of production-ready quantized checkpoints:")
    assert ("Red Hat AI", "ORG") in found and ("Hat AI", "ORG") not in found, found
    # readme__petals.md (held-out READMEs): the workshop's organiser was a model
    found = ents(nlp, "This project is a part of the BigScience research workshop.")
    assert ("BigScience", "ORG") in found, found


def test_a_languages_name_alone_names_no_thing(nlp):
    # task__xwinograd.md (held-out more-dev half): the languages were organisations
    found = ents(nlp, "Multilingual winograd schema challenge that includes English, French, "
                      "Japanese, Portuguese, Russian and Chinese. As it only contains 16 "
                      "Chinese schemas, we add 488 Chinese schemas from clue/cluewsc2020.")
    assert not {n for n, _ in found} & {"English", "French", "Portuguese", "Chinese"}, found
    assert ("488 Chinese schemas", "METRIC") in found, found


def test_a_size_after_a_model_name_is_part_of_it_unless_it_counts_something(nlp):
    found = ents(nlp, "Alpaca is an instruction-following language model fine-tuned from "
                      "Meta's LLaMA 7B.")
    assert ("LLaMA 7B", "MODEL") in found
    found = ents(nlp, "The authors trained LLaMA 65B on 1.4T tokens and GPT-2 1.5B on 300B tokens.")
    assert {("LLaMA 65B", "MODEL"), ("GPT-2 1.5B", "MODEL")} <= found
    assert not any(name.endswith("tokens") and label == "MODEL" for name, label in found)


def test_an_unlisted_name_ending_in_a_parameter_count_is_a_model(nlp):
    # sentences of our announcements (training/corpus/announcements, m03 and m05)
    found = ents(nlp, "We merged Shisa Gamma 7B, a Japanese chat model, with two English math "
                      "models, WizardMath 7B and Abel 7B.")
    assert {("Shisa Gamma 7B", "MODEL"), ("WizardMath 7B", "MODEL"), ("Abel 7B", "MODEL")} <= found
    found = ents(nlp, "It is outperformed by its teacher everywhere, but it surpasses "
                      "QwQ-32B-Preview on all four benchmarks and stays close to o1-mini.")
    assert ("QwQ-32B-Preview", "MODEL") in found
    found = ents(nlp, "EvoVLM-JP combines Shisa Gamma 7B with LLaVA-1.6-Mistral-7B.")
    assert ("LLaVA-1.6-Mistral-7B", "MODEL") in found
    found = ents(nlp, "The Abel 7B model has 7B parameters. With 7B parameters it ranks first.")
    assert ("Abel 7B", "MODEL") in found and not {n for n, _ in found if "7B model" in n}
    assert ("7B parameters", "METRIC") in found
    assert not {name for name, _ in found if name.startswith("With")}
    assert ("Llama 2 70B Chat", "MODEL") in ents(nlp, "Gemma 7B outperforms Llama 2 70B Chat.")


def test_a_lower_case_suffix_is_not_part_of_the_name(nlp):
    assert ("GPT-4", "MODEL") in ents(nlp, "A GPT-4-based agent answers the questions.")


@pytest.mark.parametrize("text, name", [
    ("ReAct is a general paradigm that combines reasoning and acting with LLMs.", "ReAct"),
    ("Gemma uses RMSNorm instead of LayerNorm.", "LayerNorm"),
    ("Tree of Thoughts (ToT) generalizes over chain-of-thought prompting.", "ToT"),
])
def test_camel_case_and_acronym_techniques_are_methods(nlp, text, name):
    assert (name, "METHOD") in ents(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("We evaluate on MMLU, GSM8K and HumanEval.", "GSM8K"),
    ("It scores 51.7% on the competition-level MATH benchmark.", "MATH benchmark"),
    ("s1 improves by up to 27% on AIME 2024 with budget forcing.", "AIME 2024"),
    ("The judge is evaluated on RewardBench 2.", "RewardBench 2"),
    ("The company says GLM-5-Long reached 92% accuracy on the RULER benchmark and beats "
     "Kimi k1.5 on LongBench v2.", "LongBench v2"),
])
def test_benchmarks_are_datasets_with_their_edition(nlp, text, name):
    assert (name, "DATASET") in ents(nlp, text)


@pytest.mark.parametrize("text, metric", [
    ("The model reaches 1109 tokens/sec on one GPU.", "1109 tokens/sec"),
    ("Inference is 10x faster than the baseline.", "10x faster"),
    ("It improves by up to 27% on competition math.", "up to 27%"),
    ("We collected 1.2M examples for fine-tuning.", "1.2M examples"),
    # rates, with what they are counted per (our training announcements m09, m11, n09)
    ("vLLM reaches about 1,900 tokens per second on one L40S GPU at our typical batch size.",
     "about 1,900 tokens per second"),
    ("  - Trains GPT-style models at up to 225 TFLOPs/s per A100.", "up to 225 TFLOPs/s"),
    ("HushKV now runs across Halcyon Cloud, which serves 2 billion tokens a day.",
     "2 billion tokens a day"),
    # a part of a whole (models__gemini.md, eval__agentharm.md)
    ("According to the accompanying technical report, Gemini advances state of the art in 30 "
     "of 32 benchmarks covering tasks such as language, coding, reasoning.",
     "30 of 32 benchmarks"),
    ("At the moment, we release 44 out of 66 public test base behaviors (176 augmented ones).",
     "44 out of 66 public test base behaviors"),
])
def test_numbers_the_genre_reports_are_metrics(nlp, text, metric):
    assert (metric, "METRIC") in ents(nlp, text)


@pytest.mark.parametrize("text", [
    "Flan-T5 performs well in the zero-shot setting.",
    "The method takes 3 steps and two prompts.",
    "## References\n\n- Chung et al. Scaling Instruction-Finetuned Language Models.",
])
def test_kinds_and_headings_are_not_metrics(nlp, text):
    assert not any(label == "METRIC" for _, label in ents(nlp, text))


def test_numbers_in_example_prompts_are_not_metrics(nlp):
    text = ("Self-consistency improves accuracy on GSM8K by 17.9%.\n\n```\nQ: Jason had 20 "
            "lollipops. He gave Denny some. Now Jason has 12 lollipops.\nA: 8\n```\n")
    result = next(r for r in extract(nlp, [Document("d.md", "d.md", text, "x")])
                  if hasattr(r, "mentions"))
    metrics = {m.text for m in result.mentions if m.label == "METRIC"}
    assert metrics == {"17.9%"}


@pytest.mark.parametrize("text", [
    "## LLaMA: Open and Efficient Foundation Language Models",
    "- A Bibliometric Review of Large Language Models Research from 2017 to 2023 (April 2023)",
    "- Harnessing the Power of LLMs in Practice: A Survey on ChatGPT and Beyond (April 2023)",
])
def test_words_of_a_paper_title_are_not_organisations_or_methods(nlp, text):
    """"X Foundation", "X Research", "A Survey" fit the shape rules; in a title they are words."""
    found = ents(nlp, text)
    assert not {name for name, label in found if label in ("ORG", "METHOD")}


def test_an_organisation_named_by_its_kind_still_counts_in_prose(nlp):
    text = "The model was trained by researchers at Salesforce Research and Stanford University."
    assert {("Salesforce Research", "ORG"), ("Stanford University", "ORG")} <= ents(nlp, text)
    # eval__compute_eval.md (heldout-evals-dev): a lab named in capitals of six letters
    text = "It is developed by NVIDIA Research and available at github.com/NVIDIA/compute-eval."
    assert ("NVIDIA Research", "ORG") in ents(nlp, text)


def test_a_university_on_an_affiliation_line_under_a_title_is_an_organisation(nlp):
    # session 59 probe p05 (a paper summary of our own): the parser ran the title and the
    # affiliations into one sentence, a title's line, where a pattern's "X University" was
    # distrusted like "X Foundation" (the recogniser finds it in a shorter text, not here)
    text = ("**Plan, Critique, Act: Structured Self-Feedback for Tool-Using Agents**\n"
            "*Microsoft Research; Carnegie Mellon University*\n\nSummary: The paper proposes "
            "Plan-Critique-Act (PCA), a prompting scheme for LLM agents that inserts an "
            "explicit self-critique step between planning and execution. PCA extends ReAct, "
            "which interleaves reasoning traces with tool calls, by having the model list the "
            "likely failure points of its plan before it acts. No training is required; the "
            "scheme is implemented in PCA-Kit, an open-source library the authors release with "
            "the paper.\nPCA is tested with GPT-4o and Claude 3.5 Sonnet as backbone models on "
            "SWE-bench Verified, WebArena and TermBench, a new benchmark of 640 "
            "shell-administration tasks introduced by the authors. With GPT-4o as the backbone, "
            "PCA resolves 41.3% of SWE-bench Verified issues, up from 33.2% for a ReAct "
            "baseline, and raises WebArena task success from 14.9% (ReAct) to 19.6%. On "
            "TermBench it completes 57.0% of tasks when driven by Claude 3.5 Sonnet.\n")
    assert ("Carnegie Mellon University", "ORG") in ents(nlp, text)


def test_an_organisations_name_runs_over_a_hyphen_and_a_reference_links_brackets(nlp):
    # models__collection.md (the guide's train split), eval__onet.md (heldout-evals-dev)
    text = "Baize-v2 is an open-source chat model developed by UCSD and Sun Yat-Sen University."
    assert ("Sun Yat-Sen University", "ORG") in ents(nlp, text)
    text = ("[O-NET M6][onet-m6-hg] contains both English and Thai and is based on Thailand's "
            "[Ordinary National Educational Test (O-NET)][onet], administered annually by the "
            "[National Institute of Educational Testing Service][niets] to Matthayom 6 (Grade 12 "
            "/ ISCED 3) students.")
    assert ("National Institute of Educational Testing Service", "ORG") in ents(nlp, text)


def test_names_in_code_are_identifiers_not_mentions(nlp):
    text = ("Prompting GPT-4 for a proof:\n\n```python\nfrom openai import OpenAI\n"
            "client = OpenAI()\n```\n")
    found = ents(nlp, text)
    assert ("GPT-4", "MODEL") in found
    assert not any(name == "OpenAI" for name, _ in found)


@pytest.mark.parametrize("text, code", [
    # an example output without a language (models__code-llama.md, risks__adversarial.md)
    ("generate_fibonacci(n-2", True), ('"French":"${French', True), ("a1 = 'some'", True),
    ("Code Llama - Instruct", False), ("Orpheus-TTS (3B)", False), ("UZH_CLyp", False),
    ("C++", False), ("DALL·E 3", False),
    # an environment variable (eval__swe_lancer.md, evals-dev), not a dataset's id
    ("PUSHER_APP_ID", True), ("AIME_2024", False),
    # two cells of a table (eval__theagentcompany.md, evals-dev)
    ("Task | Original", True),
])
def test_code_written_in_an_example_is_no_name(text, code):
    assert written_as_code(text) is code


def test_a_comment_written_in_capitals_names_nothing(nlp):
    # risks__adversarial.md: a comment of an example without a language
    text = ("def simple_function(input_string):\n# REPLACE THESE VARIABLES WITH YOUR CENSORED "
            "WORDS BROKEN INTO SEPARATE TOKENS AND DELETE THIS COMMENT\na1 = 'some'\n\n"
            "The prompt asked GPT-4 and Claude for the MMLU results.")
    assert ents(nlp, text) == {("GPT-4", "MODEL"), ("Claude", "MODEL"), ("MMLU", "DATASET")}


def test_json_and_commands_pasted_without_a_fence_give_no_figures_or_names(nlp):
    # eval__healthbench.md (training/heldout/packages, evals-dev): its fences were cut
    text = ("HealthBench scores responses with physician rubrics; GPT-4o reached 0.651.\n"
            "json\n{\n  \"bootstrap_score\": 0.651,\n  \"std\": 0.023,\n"
            "  \"tags\": [\"axis:accuracy\"]\n}\nbash\nuv run inspect eval "
            "inspect_evals/healthbench --model openai/o1 --limit 250 --max-tasks 3\n")
    assert ents(nlp, text) == {("HealthBench", "DATASET"), ("GPT-4o", "MODEL"),
                               ("0.651", "METRIC")}


def test_calls_imports_and_a_commands_continued_flags_give_no_names(nlp):
    # eval__cyberseceval_4.md, eval__makemesay.md (heldout-evals-dev): their fences were cut
    text = ("CyberSecEval 4 is a suite of cybersecurity evaluation benchmarks.\npython\n"
            "from inspect_ai import eval\n\n"
            "eval(cyse4_mitre(), model=\"openai/gpt-4o\")\nbash\n"
            "uv run inspect eval makemesay \\\n"
            "  --model-role manipulator=anthropic/claude-3-haiku-20240307 \\\n"
            "  --model-role judge=google/gemini-pro\n")
    assert ents(nlp, text) == {("CyberSecEval 4", "DATASET")}, ents(nlp, text)


@pytest.mark.parametrize("text, names", [
    # eval__pre_flight.md and eval__onet.md (training/heldout/packages, evals-dev)
    ("| groq/llama3-70b-8192 | 0.707 | 212 |", {"groq/llama3-70b-8192"}),
    ("Models: meta-llama/Llama-3.1-70B-Instruct and scb10x/llama-3-typhoon-v1.5x-70b-instruct.",
     {"meta-llama/Llama-3.1-70B-Instruct", "scb10x/llama-3-typhoon-v1.5x-70b-instruct"}),
    ("The judge is openrouter/openai/gpt-oss-120b.", {"openrouter/openai/gpt-oss-120b"}),
])
def test_a_models_id_under_its_provider_is_one_model(nlp, text, names):
    assert {(name, "MODEL") for name in names} <= ents(nlp, text)


def test_a_datasets_or_a_tasks_id_is_no_model(nlp):
    text = "It loads Maxwell-Jia/AIME_2024 and runs inspect_evals/healthbench; Vicuna-7B/13B run."
    assert not any(label == "MODEL" and "/" in name for name, label in ents(nlp, text))


@pytest.mark.parametrize("text, name", [
    # eval__aime2024.md, eval__vqa_rad.md (training/heldout/packages, evals-dev)
    ("The benchmark uses the Maxwell-Jia/AIME_2024 dataset from Hugging Face.",
     "Maxwell-Jia/AIME_2024"),
    ("The dataset is loaded from flaviagiammarino/vqa-rad on Hugging Face.",
     "flaviagiammarino/vqa-rad"),
    # eval__infinite_bench.md (training/corpus/evals)
    ("The dataset (xinrongzhang2022/InfiniteBench) includes 3,946 examples.",
     "xinrongzhang2022/InfiniteBench"),
])
def test_an_id_the_words_around_call_a_dataset_is_one(nlp, text, name):
    assert (name, "DATASET") in ents(nlp, text)


def test_two_words_with_a_slash_are_no_datasets_id(nlp):
    # eval__boolq.md (training/corpus/evals)
    text = "BoolQ is a question answering dataset for yes/no questions."
    assert not any("/" in name for name, _ in ents(nlp, text))


def test_a_benchmark_is_not_folded_into_its_datas_id(nlp):
    # eval__vqa_rad.md: "VQA-RAD" had become an alias of the id, and the id the label of the
    # page's benchmark
    from graph.build.resolve import resolve

    text = ("# VQA-RAD\n\nVQA-RAD is a dataset of clinician-generated visual questions about "
            "radiology images.\n\nThe dataset is loaded from flaviagiammarino/vqa-rad on "
            "Hugging Face.")
    result = next(r for r in extract(nlp, [Document("d.md", "d.md", text, "x")])
                  if hasattr(r, "mentions"))
    entities, _ = resolve(result.mentions, {"d.md": text}, user_aliases={})
    labels = {e.label for e in entities if e.type == "DATASET"}
    assert {"VQA-RAD", "flaviagiammarino/vqa-rad"} <= labels, labels


def test_a_section_headed_dataset_names_no_dataset(nlp):
    # eval__usaco.md (training/heldout/packages, evals-dev): "## Dataset" is a section, and
    # had taken the figures under it from the benchmark the page is about
    text = "# USACO\n\nUSACO is a benchmark.\n\n## Dataset\n\nIt has 307 challenging problems."
    found = ents(nlp, text)
    assert ("USACO", "DATASET") in found and not any(n == "Dataset" for n, _ in found)


def test_a_citation_mark_glued_to_a_name_is_not_part_of_it(nlp):
    # techniques__prompt_chaining.md's list of techniques
    text = ("Other prompting techniques:\n\n- Tree-of-thought prompting[43]\n"
            "- Mixtral[1] as the judge\n")
    assert {("Tree-of-thought prompting", "METHOD"), ("Mixtral", "MODEL")} <= ents(nlp, text)


@pytest.mark.parametrize("text, label", [
    ("ChatGPT is trained using Reinforcement Learning from Human Feedback (RLHF).", "MODEL"),
    ("If your prompt is not descriptive, ChatGPT often fills in additional details.", "MODEL"),
    ("Access 4o Image Generation in the ChatGPT application (web or mobile).", "PROJECT"),
    ("ChatGPT now has more than 400 million weekly active users.", "PROJECT"),
])
def test_a_chat_assistant_is_the_model_answering_or_the_app(nlp, text, label):
    assert ("ChatGPT", label) in ents(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("Mixtral 8x22B is characterized as a sparse mixture-of-experts model with 39B active "
     "parameters out of a total of 141B parameters.", "sparse mixture-of-experts"),
    ("These techniques range from using fully supervised fine-tuning models trained on "
     "explanation datasets to prompting methods such as chain-of-thought.",
     "fully supervised fine-tuning"),
    ("The idea is to sample multiple, diverse reasoning paths through few-shot CoT, and use "
     "the generations to select the most consistent answer.", "few-shot CoT"),
    # models__chatgpt.md: the acronym after it spells the whole name, link word and all
    ("ChatGPT is trained using Reinforcement Learning from Human Feedback (RLHF).",
     "Reinforcement Learning from Human Feedback"),
    # readme__trl.md: and an epithet before it is no part of the name the acronym spells
    ("`DPOTrainer` implements the popular Direct Preference Optimization (DPO) algorithm "
     "that was used to post-train Llama 3 and many other models.",
     "Direct Preference Optimization"),
])
def test_a_specific_method_keeps_its_own_name_not_its_generic_parent(nlp, text, name):
    assert (name, "METHOD") in ents(nlp, text)


def test_an_organisations_name_starting_a_technique_name_is_not_the_organisation(nlp):
    found = ents(nlp, "Meta Prompting is an advanced prompting technique that focuses on the "
                      "structural and syntactical aspects of tasks. Meta released Llama 3.")
    assert ("Meta Prompting", "METHOD") in found
    assert ("Meta", "ORG") in found  # the company, in the second sentence


def test_a_generic_term_and_its_acronym_are_not_models(nlp):
    text = ("Large Language Models (LLMs) offer immense power for various tasks, but their "
            "effectiveness hinges on the quality of the prompts. This blog post summarize "
            "important aspects of designing effective prompts to maximize LLM performance.")
    assert not any(label == "MODEL" for _, label in ents(nlp, text))


@pytest.mark.parametrize("text, names", [
    ("We evaluate every checkpoint with lm-evaluation-harness on GSM8K, IFEval and MMLU-Pro, "
     "and with MT-Bench, where GPT-4 acts as the judge.", {"GSM8K", "IFEval", "MMLU-Pro"}),
    ("- 64.0% on Video-MME, on par with Qwen2-VL-72B", {"Video-MME"}),
    ("The model scores 80.2 on MBPP and 75.1 on PIQA.", {"MBPP", "PIQA"}),
    ("It outperforms LLaVA-1.6-Mistral-7B on JA-VG-VQA-500, a Japanese visual question "
     "answering benchmark we built for this work.", {"JA-VG-VQA-500"}),
    ("On the new suite it beats Pharia-1-LLM on ARC-Challenge and Mind2Web.",
     {"ARC-Challenge", "Mind2Web"}),
    ("- Nemotron-4-340B-Instruct reaches 54.2 on Arena-Hard and 8.22 on MT-Bench; it is "
     "competitive with Llama-3-70B-Instruct.", {"Arena-Hard", "MT-Bench"}),
    ("All four models were evaluated on TruthfulQA and on SEA-Jailbreak, a new set of 2,000 "
     "adversarial prompts.", {"TruthfulQA", "SEA-Jailbreak"}),
    ("We evaluated both models on multilingual MMLU, MGSM and the Flores-200 translation "
     "benchmark, and on open-ended generation.", {"MGSM", "Flores-200"}),
    # session 58 probe k22 (a paper summary of our own): a name of words and its version,
    # after a comparison's object; a sentence fronted by where its figures were measured
    ("SMoA beats full fine-tuning on Common Voice 15 while using 40x less GPU memory.",
     {"Common Voice 15"}),
    ("On FLEURS, SMoA lowers the average word error rate from 14.2% to 11.8%.", {"FLEURS"}),
])
def test_what_a_model_is_scored_on_is_a_dataset(nlp, text, names):
    """Unlisted benchmark names, which the recogniser reads as products or misses, after an
    evaluation word or a comparison ("beats X on B"), hyphenated ones included."""
    assert {(name, "DATASET") for name in names} <= ents(nlp, text)


def test_what_a_model_is_built_on_keeps_its_type(nlp):
    found = ents(nlp, "Our agent runs on AWS and is built on Llama 3.")
    assert ("Llama 3", "MODEL") in found and not any(label == "DATASET" for _, label in found)


@pytest.mark.parametrize("text, name", [
    ("- **Nemotron-4-340B-Reward**: a reward model built on Nemotron-4-340B-Base. Trained on "
     "HelpSteer2.", "HelpSteer2"),
    ("- Mistral-ORPO-α: fine-tuned with ORPO from Mistral 7B on UltraFeedback.",
     "UltraFeedback"),
    ("- Mistral-ORPO-β: same recipe, fine-tuned from Mistral 7B on a cleaned version of "
     "UltraFeedback released by Argilla.", "UltraFeedback"),
])
def test_what_a_model_is_trained_on_is_a_dataset(nlp, text, name):
    assert (name, "DATASET") in ents(nlp, text)


def test_the_hardware_and_platform_a_model_is_trained_on_are_no_datasets(nlp):
    found = ents(nlp, "Both were trained with FlashAttention and ALiBi on the MosaicML platform, "
                      "and MPT-30B on 512 H100 GPUs.")
    assert not any(label == "DATASET" for _, label in found)


@pytest.mark.parametrize("text, metric", [
    ("DPO improves Kestrel-8B on every benchmark, most of all on IFEval (+7.8 points).",
     "+7.8 points"),
    ("It improves performance on tasks that require factual (+7.9%), tabular (+11.9%) and "
     "medical (+3.0%) knowledge.", "+11.9%"),
    ("- 7.5x smaller KV cache, with no measurable loss on Needle-in-a-Haystack",
     "7.5x smaller"),
    ("The model is a 141-billion-parameter mixture-of-experts system with 22 billion active "
     "parameters.", "141-billion-parameter"),
    ("pretrained on 9T tokens of English, multilingual and code data; 4,096-token context "
     "window.", "4,096-token context window"),
    # a results table's time column (eval__mmlu.md, training/heldout/packages, evals-dev)
    ("| gpt-5.1-2025-11-13 | OpenAI | 0.840 | 0.026 | 24s |", "24s"),
])
def test_signed_deltas_ratios_and_hyphenated_sizes_are_metrics(nlp, text, metric):
    assert (metric, "METRIC") in ents(nlp, text)


def test_a_decade_is_no_duration(nlp):
    text = "Songs of the 90s and the early 80s; the run took 56s on average."
    metrics = {name for name, label in ents(nlp, text) if label == "METRIC"}
    assert metrics == {"56s"}


@pytest.mark.parametrize("text, metrics", [
    ("On Arena-Hard-Auto, the automatic benchmark built from hard Arena prompts, Cirrus 4 "
     "scored 85.1, ahead of Jamba 1.6 Large at 76.5.", {"85.1", "76.5"}),
    ("- Mistral-ORPO-β: 12.20% on AlpacaEval 2.0, 66.19% on IFEval (instruction-level, loose) "
     "and 7.32 on MT-Bench.", {"12.20%", "66.19%", "7.32"}),
    ("- On DROP, OrthoLoRA matches full fine-tuning (F1 of 79.2 against 79.5) while updating "
     "only 0.4% of the weights.", {"79.2", "79.5"}),
    ("The details are in Section 3.2 of the report on Llama 3.1.", set()),
    ("On Python, o1-mini scores 58.1 with an accuracy 0.82.", {"58.1", "0.82"}),
    # session 55 probe k1 (an announcement of our own): the small model typed the second
    # figure only; a decimal after a verb of scoring is one whatever it guessed
    ("Aster Labs says the model scores 78.4 on MedQA and 71.2 on PubMedQA.", {"78.4", "71.2"}),
])
def test_a_decimal_alone_is_a_score_unless_a_noun_numbers_it(nlp, text, metrics):
    found = {name for name, label in ents(nlp, text) if label == "METRIC"}
    assert metrics <= found and not {name for name in found if "3." in name}


def test_headings_list_numbers_and_ranks_are_no_metrics(nlp):
    text = ("#### 1. Write\n\nSome text.\n\n### Pattern 1: Prompt Chaining\n\n"
            "Instead it has to 1) generate the key question 2) design prompt templates with "
            "92% accuracy (3) on 45 tasks.\n\nIt ranked #1 on the leaderboard.")
    metrics = {name for name, label in ents(nlp, text) if label == "METRIC"}
    assert metrics == {"92% accuracy", "45 tasks"}
    # task__mc_taco.md (a README-genre train page): an enumeration in brackets inside a sentence
    text = ("The dataset contains five temporal properties, (1) duration (how long an event "
            "takes), (2) temporal ordering (typical order of events), (3) typical time (when an "
            "event occurs), (4) frequency (how often an event occurs), and (5) stationarity "
            "(whether a state is maintained for a very long time or indefinitely).")
    assert not {name for name, label in ents(nlp, text) if label == "METRIC"}
    # eval__apps.md (held-out, dev half): each numbered item a sentence, its number no figure
    text = ("The scoring system:\n\n1. Extracts the Python code from the model's response\n"
            "2. Runs the code against the provided test cases\n3. Assigns a binary score "
            "(CORRECT/INCORRECT) based on whether all test cases pass\n4. Times out after 120 "
            "seconds if execution takes too long\n")
    assert {name for name, label in ents(nlp, text) if label == "METRIC"} == {"120 seconds"}
    assert [s.text[:2] for s in nlp(text).sents][-4:] == ["1.", "2.", "3.", "4."]
    # eval__anima.md (training/corpus/evals): "3. **Aggregation** – ..." no figure either
    page = Path(__file__).resolve().parents[2] / "training" / "corpus" / "evals" / "eval__anima.md"
    text = "\n".join(page.read_text(encoding="utf-8").splitlines()[36:40])
    assert not {n for n, label in ents(nlp, text) if label == "METRIC"}


def test_a_results_table_gives_one_metric_per_cell(nlp):
    text = ("| Model | MT-Bench | MMLU |\n|---|---|---|\n| Kestrel-8B | 8.38 | 65.9% |\n"
            "| Kestrel-8B-DPO | 8.7 | 66.1% |\n| _+rawinst_ | _80_      | _92.4_        |\n")
    metrics = {name for name, label in ents(nlp, text) if label == "METRIC"}
    assert metrics == {"8.38", "65.9%", "8.7", "66.1%", "92.4"}  # "_80_": a count



@pytest.mark.parametrize("text, name", [
    ("| XLNet | Jun 2019 | - | XLNet | Generalized Autoregressive Pretraining for Language "
     "Understanding and Generation", "Generalized Autoregressive Pretraining"),
    ("| ERNIE 3.0 | Jul 2021 | 10 | - | ERNIE 3.0: Large-scale Knowledge Enhanced Pre-training "
     "for Language Understanding and Generation", "Knowledge Enhanced Pre-training"),
    # m05 (the announcements): the recogniser stopped before the last word of the run
    ("Today we're releasing Evolutionary Model Merge, a general method that uses evolutionary "
     "algorithms to discover good ways of combining existing open models.",
     "Evolutionary Model Merge"),
])
def test_a_technique_name_cut_before_its_head_noun_is_joined(nlp, text, name):
    found = ents(nlp, text)
    assert (name, "METHOD") in found
    assert not {n for n, label in found if label == "METHOD" and n != name and n in name}


@pytest.mark.parametrize("text", [
    "The Mistral 7B Instruct model is a quick demonstration that the base model can be easily "
    "fine-tuned to achieve compelling performance.",
    "The model is pre-trained on data including different modalities and instructions tuned "
    "with multimodal data, with further tuning based on human preference data.",
    "Gemini Ultra achieves state-of-the-art results on various few-shot video captioning tasks.",
    "For roles that the LLM doesn't characterize well, it's possible to fine-tune the LLM on "
    "data that represent uncommon roles or psychology characters.",
])
def test_verb_adjective_and_setting_forms_are_not_methods(nlp, text):
    """training/ANNOTATING.md, "Conventions checked by script": a technique is a noun."""
    assert not {n for n, label in ents(nlp, text) if label == "METHOD"}


def test_the_categories_a_bulleted_list_names_are_not_methods(nlp):
    """eval__agent_threat_bench.md and eval__b3.md of the inspect_evals pages: a benchmark's
    attack types are listed as bold labels; a guide's list of techniques looks the same,
    but a category is no technique the text names (the recogniser called these METHOD)."""
    text = ("Tests whether agents can answer questions correctly using a memory store that "
            "contains adversarial entries designed to mislead. The dataset includes 10 samples "
            "with attack types:\n\n"
            "- **Direct instruction injection** — Poisoned entries containing explicit override "
            "instructions\n"
            "- **Context poisoning** — Contradictory facts injected alongside legitimate data\n"
            "- **Authority impersonation** — Entries claiming system-level authority\n\n"
            "The B3 benchmark covers five attack categories:\n\n"
            "- **Direct Instruction Override (DIO)**\n- **Direct Tool Invocation (DTI)**\n")
    assert not {n for n, label in ents(nlp, text) if label == "METHOD"}


@pytest.mark.parametrize("text, names", [
    ("Both were trained with FlashAttention and ALiBi on the MosaicML platform.",
     {"FlashAttention"}),
    ("vLLM serves the model with PagedAttention and FlashAttention-2.",
     {"PagedAttention", "FlashAttention-2"}),
    ("The Phi-3-mini-128K variant extends it to 128K tokens with LongRoPE.", {"LongRoPE"}),
])
def test_camel_case_names_built_on_a_technique_are_methods(nlp, text, names):
    found = ents(nlp, text)
    assert {(n, "METHOD") for n in names} <= found
    assert not {n for n, label in found if label in ("PERSON", "ORG") and n in names}


def test_a_name_ending_in_ai_is_an_organisation_unless_the_first_word_is_generic(nlp):
    found = ents(nlp, "In July 2024 AMD agreed to buy Silo AI, Europe's largest private AI lab.")
    assert ("Silo AI", "ORG") in found
    found = ents(nlp, "At Sakana AI we think the next generation of models will not always be "
                      "trained from scratch.")
    assert ("Sakana AI", "ORG") in found
    found = ents(nlp, "You can find more information on how to responsibly develop with Gemma in "
                      "the model card and Responsible Generative AI toolkit.")
    assert not {n for n, label in found if label == "ORG"}


def test_a_name_headed_by_dataset_or_collection_is_a_dataset_not_the_model_family(nlp):
    text = ("The mix draws on our own Aya Dataset, human-written prompts and completions "
            "collected by more than 3,000 volunteers, and on the Aya Collection, which adds "
            "templated and translated data.")
    assert {("Aya Dataset", "DATASET"), ("Aya Collection", "DATASET")} <= ents(nlp, text)


def test_a_known_company_and_an_acronym_or_a_capitalised_word_name_a_product(nlp):
    found = ents(nlp, "Weights are hosted on the Hugging Face Hub; NVIDIA NGC offers the same "
                      "models as containers.")
    assert {("Hugging Face Hub", "PROJECT"), ("NVIDIA NGC", "PROJECT")} <= found
    assert ("OpenAI Cookbook", "PROJECT") in ents(nlp, "More info about this in the OpenAI "
                                                       "Cookbook.")
    # a list item of readings.md, which the recogniser reads as one organisation
    assert ("OpenAI Cookbook", "PROJECT") in ents(nlp, "- OpenAI Cookbook\n- Stanford MLSys\n")
    found = ents(nlp, "Meta Prompting is an advanced prompting technique that focuses on the "
                      "structural and syntactical aspects of tasks and problems rather than their "
                      "specific content details.")
    assert not {n for n, label in found if label == "PROJECT"}
    found = ents(nlp, "Elvis Saravia, who has worked at companies like Meta AI and Elastic, and "
                      "has years of experience in AI and LLMs, is the instructor for both courses.")
    assert ("Meta AI", "ORG") in found
    assert not {n for n, label in found if label == "PROJECT"}


def test_an_institution_keeps_its_whole_name_and_not_the_word_before_it(nlp):
    """CrossNER-AI's prose (dev split): "National" + "Academy of Sciences" was two ORGs."""
    text = ("In 2001 , Mehler was elected a foreign honorary member of the American Academy of "
            "Arts and Sciences , and in 2003 , he was elected a Fellow of the American "
            "Association for the Advancement of Science .")
    orgs = {n for n, label in ents(nlp, text) if label == "ORG"}
    assert orgs == {"American Academy of Arts and Sciences",
                    "American Association for the Advancement of Science"}
    text = ("At Indiana University in 1999 he organized such a symposium , and in April 2000 , "
            "he organized a larger symposium at Stanford University .")
    assert ("Indiana University", "ORG") in ents(nlp, text)


def test_a_technique_name_followed_by_a_product_word_names_the_product(nlp):
    text = ("The Prompt Engineering Guide is a project by DAIR.AI. It aims to educate "
            "researchers and practitioners about prompt engineering, context engineering, "
            "RAG, and AI Agents.")
    found = ents(nlp, text)
    assert ("Prompt Engineering Guide", "PROJECT") in found
    assert ("prompt engineering", "METHOD") in found
    assert ("Prompt Engineering", "METHOD") not in found


def test_technique_names_joined_by_a_spaced_plus_are_two(nlp):
    from spacy.tokens import Span

    from graph.nlp.components.methods import tidy_methods

    doc = nlp("Deep agents use agentic search + semantic search over the files.")
    start = next(t.i for t in doc if t.text == "agentic")
    joined = Span(doc, start, start + 5, label="METHOD")  # as the recogniser may read it
    assert [s.text for s in tidy_methods([joined])] == ["agentic search", "semantic search"]


def test_what_is_trained_is_a_model_even_where_a_dataset_has_its_name(nlp):
    found = ents(nlp, "Alpaca is trained on 52K instruction-following demonstrations and aims "
                      "to be a more accessible option for academic study.")
    assert ("Alpaca", "MODEL") in found
    found = ents(nlp, "These models are fine-tuned on various datasets like Alpaca, CodeAlpaca, "
                      "Guanaco, GPT4All, and ShareGPT.")
    assert ("Alpaca", "DATASET") in found


def test_shot_settings_generic_terms_and_function_words_are_not_parts_of_names(nlp):
    text = ("It's important to note that all tasks are evaluated using 0-shot with the "
            "exception of BBH and MMLU which use 3-shot CoT and 5-shot, respectively.")
    found = ents(nlp, text)
    assert not {n for n, label in found if n.endswith("-shot")}
    found = ents(nlp, "This guide provides a basic example of how to use context-caching with "
                      "Gemini 1.5 Flash.")
    assert ("context-caching", "METHOD") in found
    # a size the tagger reads as an adverb is no function word (tests/data/unseen)
    assert ("Aya Expanse 32B", "MODEL") in ents(nlp, "Aya Expanse 32B outperforms Llama 3.")
    found = ents(nlp, "The guide demonstrates how you can use context caching to analyze the "
                      "summaries of all the ML papers we've documented over the past year.")
    assert not {n for n, label in found if n == "ML"}


@pytest.mark.parametrize("text, name", [
    ("Both sizes use grouped-query attention and rotary position embeddings, which keeps "
     "inference fast on a single GPU for the 8B model.", "rotary position embeddings"),
    ("Near-duplicates were removed with MinHash deduplication, and personal data was scrubbed "
     "with PII Sweeper, an open-source tool we wrote for the project.", "MinHash deduplication"),
])
def test_technique_phrases_headed_by_the_genres_technique_nouns_are_methods(nlp, text, name):
    """Heads taken from the annotated training pages' METHOD names (attention, embeddings,
    injection, calling, decomposition, compression, deduplication, ...)."""
    assert (name, "METHOD") in ents(nlp, text)


def test_a_sentences_first_function_word_is_not_part_of_a_name(nlp):
    found = ents(nlp, "Unlike Chatbot Arena, which ranks models by human votes, this table says "
                      "nothing about style or helpfulness.")
    assert ("Chatbot Arena", "PROJECT") in found
    found = ents(nlp, "On Arena-Hard-Auto, the automatic benchmark built from hard Arena prompts, "
                      "Cirrus 4 scored 85.")
    assert not {n for n, _ in found if n.startswith("On ")}


def test_a_name_ending_in_a_product_word_is_a_product_not_a_person(nlp):
    found = ents(nlp, "HushKV now runs across Halcyon Cloud, which serves 2 billion tokens a "
                      "day, alongside the Medusa heads and paged attention that Halcyon-34B "
                      "already relies on.")
    assert ("Halcyon Cloud", "PROJECT") in found
    found = ents(nlp, "Kairos Chat is powered by Meridian 3 Flash, a smaller version of the model "
                      "that the company fine-tuned for dialogue.")
    assert ("Kairos Chat", "PROJECT") in found


@pytest.mark.parametrize("text, name", [
    ("The small size limits factual knowledge: Phi-3-mini does poorly on TriviaQA.", "TriviaQA"),
    ("We think the TriviaQA gap reflects how little recent encyclopedic text is openly "
     "licensed.", "TriviaQA"),
])
def test_camel_case_names_ending_in_qa_or_eval_are_benchmarks(nlp, text, name):
    assert (name, "DATASET") in ents(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("- Create assistants that answer questions by calling external APIs (e.g. like ChatGPT "
     "Plugins)", "ChatGPT Plugins"),
    ("Here is a notebook to learn more about how to make calls to the ChatGPT APIs using the "
     "official `openai` library:", "ChatGPT APIs"),
])
def test_a_model_or_company_name_with_a_plural_product_word_is_a_product(nlp, text, name):
    assert (name, "PROJECT") in ents(nlp, text)


def test_a_specific_method_around_a_known_one_is_its_own_entity(nlp):
    """"Sparse Fine-tuning" is found around the patterns' "Fine-tuning"; it must not carry
    the pattern's id (spaCy keeps a token's id), or resolution merges every "... fine-tuning"
    of the corpus into one node."""
    from graph.build.resolve import resolve

    text = ("Sparse Fine-tuning speeds up inference. Full fine-tuning updates every weight, "
            "and fine-tuning on a small set is cheap. Self-RAG extends RAG with reflection.")
    result = next(r for r in extract(nlp, [Document("d.md", "d.md", text, "x")])
                  if hasattr(r, "mentions"))
    entities, _ = resolve(result.mentions, {"d.md": text}, user_aliases={})
    names = {e.label.casefold(): {a.casefold() for a in e.aliases} for e in entities
             if e.type == "METHOD"}
    assert "sparse fine-tuning" in names and "fine-tuning" in names
    assert "fine-tuning" not in names["sparse fine-tuning"]
    assert "self-rag" in names and "rag" not in names["self-rag"]


@pytest.mark.parametrize("text, name, label", [
    ("Vela 2 Max was pretrained on ReelText, a corpus of 4.1 trillion image, video and text "
     "tokens.", "ReelText", "DATASET"),
    ("We also evaluated both models on DocHaystack, our internal long-document suite.",
     "DocHaystack", "DATASET"),
    ("In a paper out today, we introduce HushKV, a 2-bit KV-cache quantization method.",
     "HushKV", "METHOD"),
    ("Personal data was scrubbed with PII Sweeper, an open-source tool we wrote.",
     "PII Sweeper", "PROJECT"),
    # session 54 probe j7 (an announcement of our own): a possessive opens the noun phrase
    ("Powered by Fennec's own vision-language-action model, Kit-1, the company's robots "
     "pick and pack items.", "Kit-1", "MODEL"),
])
def test_a_noun_in_apposition_gives_an_unknown_name_its_type(nlp, text, name, label):
    assert (name, label) in ents(nlp, text)


@pytest.mark.parametrize("text, name, label", [
    # session 55 probes k2 and k3 (a paper summary and a release of our own): the small
    # model's PERSON guesses; no person defines an acronym, or is numbered (a size in
    # brackets says nothing of what the name is)
    ("This paper introduces Sparse Draft Verification (SDV), which removes the draft model "
     "altogether.", "Sparse Draft Verification", "METHOD"),
    ("SDV outperforms Medusa and EAGLE-2 on long outputs.", "EAGLE-2", "MODEL"),
    ("Kestrel 2 comes in two sizes, Kestrel 2 Mini (4B) and Kestrel 2 Pro (32B), both trained "
     "on 18 trillion tokens.", "Kestrel 2 Pro", "MODEL"),  # ("both": no noun saying what it is)
])
def test_a_name_no_person_could_have_is_no_person(nlp, text, name, label):
    assert (name, label) in ents(nlp, text)


def test_the_subject_after_an_opening_phrase_is_no_apposition(nlp):
    # session 54 probe j4 (a paper summary of our own): "With SCT, a 7B model matches ..."
    # had made the method SCT a model, in every mention; an acronym inside a longer
    # hyphenated name is not that acronym ("the SCT-Critiques dataset")
    text = ("This work proposes Self-Critique Tuning (SCT), where a code model is fine-tuned "
            "on its own critiques. With SCT, a 7B model matches the pass@1 of CodeLlama-34B "
            "on LiveCodeBench. The authors release the SCT-Critiques dataset.")
    found = ents(nlp, text)
    assert ("SCT", "METHOD") in found and ("SCT", "MODEL") not in found, found
    assert ("SCT-Critiques", "METHOD") not in found, found
    found = ents(nlp, "This work proposes Self-Critique Tuning (SCT), where a code model is "
                      "fine-tuned on its own critiques. We also release SCT-Critiques.")
    assert ("SCT-Critiques", "METHOD") not in found, found


@pytest.mark.parametrize("text, name", [
    ("- Demonstrate-Search-Predict: Composing retrieval and language models for "
     "knowledge-intensive NLP (December 2022)", "Demonstrate-Search-Predict"),
    ("- Skeleton-of-Thought: Large Language Models Can Do Parallel Decoding (July 2023)",
     "Skeleton-of-Thought"),
])
def test_a_papers_title_after_a_name_does_not_make_it_a_model(nlp, text, name):
    assert (name, "MODEL") not in ents(nlp, text)


def test_a_method_named_with_prompting_or_reasoning_is_the_method_without_it(nlp):
    from graph.build.resolve import resolve

    text = ("ReAct prompting interleaves reasoning traces and actions. ReAct outperforms "
            "chain-of-thought on HotpotQA, and chain-of-thought prompting helps on GSM8K.")
    result = next(r for r in extract(nlp, [Document("d.md", "d.md", text, "x")])
                  if hasattr(r, "mentions"))
    entities, _ = resolve(result.mentions, {"d.md": text}, user_aliases={})
    forms = [{e.label, *e.aliases} for e in entities if e.type == "METHOD"]
    assert any({"ReAct", "ReAct prompting"} <= f for f in forms)
    assert any({"chain-of-thought", "chain-of-thought prompting"} <= f for f in forms)


@pytest.mark.parametrize("text", [
    "Prompts can be designed for sentiment analysis, text summarization and question answering.",
    "This guide covers the basics of machine learning and a detailed error analysis of outputs.",
])
def test_generic_tasks_and_fields_are_not_methods(nlp, text):
    assert not any(label == "METHOD" for _, label in ents(nlp, text))


def test_a_study_design_stays_a_method(nlp):
    found = ents(nlp, "In a user study with 40 participants, ReAct outperformed chain-of-thought.")
    assert ("user study", "METHOD") in found


@pytest.mark.parametrize("text, names, label", [
    ("OrthoLoRA outperforms standard LoRA, DoRA and PiSSA on every task the team tested.",
     {"DoRA", "PiSSA"}, "METHOD"),
    ("We compare GPT-4, Claude 2 and Zephyrix on MMLU.", {"Zephyrix"}, "MODEL"),
])
def test_an_unknown_name_in_a_list_of_known_ones_takes_their_type(nlp, text, names, label):
    found = ents(nlp, text)
    assert {(name, label) for name in names} <= found


def test_a_list_with_a_chat_assistant_does_not_make_its_tools_models(nlp):
    text = ("Alternatively, some open source ChatGPT tools, such as ChatGPT-Next-Web, chatbox, "
            "PromptAppGPT, and ChatGPT-Desktop, can be used.")
    assert not any(label == "MODEL" and name == "PromptAppGPT" for name, label in ents(nlp, text))


@pytest.mark.parametrize("text, name, label", [
    # our own summaries in the genre's style: the kind noun names what the name is
    ("The authors propose a technique called Prompt Erasure that hides the system "
     "instruction from the student model.", "Prompt Erasure", "METHOD"),
    ("We release a benchmark, dubbed LongBench-X, for long-context evaluation.", "LongBench-X",
     "DATASET"),
])
def test_the_name_a_kind_noun_is_called_takes_its_type(nlp, text, name, label):
    assert (name, label) in ents(nlp, text)
    assert not ents(nlp, "The model named after the company was released.") - {
        ("The model", "MODEL")}


@pytest.mark.parametrize("text, name", [
    ("Phi-3-mini can be quantized with 4-bit quantization to run on a phone.",
     "4-bit quantization"),
    ("Full fine-tuning updates every weight; OrthoLoRA trains far fewer.", "Full fine-tuning"),
    ("Models trained with long chain-of-thought solve more AIME problems.",
     "long chain-of-thought"),
])
def test_a_bit_width_or_a_specifier_before_a_method_names_a_method_of_its_own(nlp, text, name):
    found = ents(nlp, text)
    assert (name, "METHOD") in found
    assert not any(label == "METRIC" and "bit" in n for n, label in found)


def test_a_librarys_version_is_part_of_its_name(nlp):
    found = ents(nlp, "FlashAttention-3 is integrated in PyTorch 2.2 and in vLLM v0.6.3.")
    assert {("PyTorch 2.2", "PROJECT"), ("vLLM v0.6.3", "PROJECT")} <= found


def test_a_techniques_version_is_part_of_its_name(nlp):
    # session 58 probe k25 (a guide page of our own) and readme__axolotl.md of heldout-readmes
    # ("Flash Attention 4"); a precision after a method is no version ("AWQ 4-bit")
    found = ents(nlp, "Flash Attention 2 reduces memory use by roughly 30%. SupportMistral runs "
                      "on vLLM with AWQ 4-bit quantization.")
    assert ("Flash Attention 2", "METHOD") in found and ("AWQ", "METHOD") in found, found


def test_a_name_before_a_datasets_noun_names_the_dataset(nlp):
    # session 58 probe k25: the recogniser had a model (the annotations hold Alpaca both ways)
    found = ents(nlp, "We train for three epochs on the Alpaca-cleaned dataset with a learning "
                      "rate of 2e-4. Databricks released the Dolly dataset.")
    assert {("Alpaca-cleaned", "DATASET"), ("Dolly", "DATASET")} <= found, found


def test_a_version_the_recogniser_reads_as_a_name_of_its_own_joins_the_name_before_it(nlp):
    # n08_gov_joint_evaluation.txt (our training announcement): "SEA-LION" + "v3"
    found = ents(nlp, "AI Singapore released SEA-LION v3, and Together AI hosts it. The v3 "
                      "release is open.")
    assert ("SEA-LION v3", "MODEL") in found, found
    assert ("Together AI", "ORG") in found, found  # not "AI": a tagged adverb starts it
    assert not any(name in ("v3", "SEA-LION", "AI") for name, _ in found), found


@pytest.mark.parametrize("text", [
    "## RAG Framework\n\nRAG combines a retriever with a generator.",
    "The figure shows the pipeline.\n\n\"RAG Framework\"\n\nEach stage is described below.",
])
def test_a_technique_and_a_product_word_in_a_heading_or_caption_are_no_product(nlp, text):
    found = ents(nlp, text)
    assert not any(label == "PROJECT" for _, label in found)
    assert ("RAG", "METHOD") in found


def test_a_lower_case_plural_noun_alone_is_not_a_method(nlp):
    found = ents(nlp, "The adapters were trained on 12,000 resolved tickets with LoRA.")
    assert not any(name == "adapters" for name, _ in found)
    assert ("LoRA", "METHOD") in found


def test_a_models_lower_case_variant_after_a_hyphen_is_part_of_its_name(nlp):
    found = ents(nlp, "Phi-3-small and Phi-3-medium follow Phi-3-mini; Gemma-2-9b-it is open.")
    assert {("Phi-3-small", "MODEL"), ("Phi-3-medium", "MODEL"),
            ("Gemma-2-9b-it", "MODEL")} <= found


@pytest.mark.parametrize("text", [
    "- Can AI Chatbots Pass the Fundamentals of Engineering (FE) and Principles and Practice "
    "of Engineering (PE) Structural Exams? (April 2023)",
    "Use AI workflows in the following scenarios:",
    "- How Function Calling Powers AI Agents",
])
def test_a_title_word_before_ai_makes_no_organisation(nlp, text):
    """A verb or a modal of a title or an instruction before "AI" is no lab's name."""
    found = ents(nlp, text)
    assert not any(label == "ORG" for _, label in found)
    assert not any(name.endswith(("(", "[")) for name, _ in found)  # "Engineering ("


def test_a_name_found_once_is_found_where_it_is_written_again(nlp):
    """Our training announcement m07: the recogniser finds "DBRX" after "built", not in the
    next sentence, which holds its comparison; "Vela 2 Max" likewise (n01)."""
    text = ("After the deal the team built DBRX, a mixture-of-experts model that Databricks "
            "released in March 2024; DBRX outperforms Llama 2 70B and Mixtral 8x7B on MMLU, "
            "according to Databricks.")
    assert [e.text for e in nlp(text).ents if e.label_ == "MODEL"].count("DBRX") == 2
    doc = nlp.make_doc("Vela 2 Max ships today; Vela 2 Max Turbo and Vela 2 Max-based apps "
                       "follow, and then Vela 2 Max.")
    found = repeated_names(doc, [Span(doc, 0, 3, label="MODEL")])
    assert [(s.start_char, s.text) for s in found] == [(0, "Vela 2 Max"), (84, "Vela 2 Max")]


def test_a_headlines_verb_before_a_name_the_text_writes_again_is_no_part_of_it(nlp):
    # session 59 probe a02 (an announcement of our own): a title-case headline's "Build" was
    # read into the product's name, which took every edge of the product
    text = ("# Tessellate and Microsoft Partner to Build Helix Assist, an AI Copilot for "
            "Clinical Trials\n\nTessellate Systems and Microsoft today announced a "
            "partnership to build Helix Assist, an AI copilot that helps clinical teams draft "
            "trial protocols. Helix Assist will run on Microsoft Azure.")
    names = {e.text for e in nlp(text).ents}
    assert "Helix Assist" in names and "Build Helix Assist" not in names, names
    # a specific technique ending on a generic one's name keeps its words (papers.md)
    text = ("- FPT: Focused Prefix Tuning for Controllable Text Generation (2023)\n"
            "- Prefix-Tuning: Optimizing Continuous Prompts (2021)\n\nPrefix Tuning adds "
            "trainable vectors; Prefix Tuning is cheap.")
    assert "Focused Prefix Tuning" in {e.text for e in nlp(text).ents}


def test_another_version_of_a_named_model_family_is_a_model(nlp, model):
    """n12_arena_reshuffle.txt: "Cirrus 3" beside "Cirrus 4" had been missed, and with it
    the new model's BASED_ON (after "a version of its predecessor": "its" is no item) and
    OUTPERFORMS; not a month's date, nor a common word's number ("Tutorial 2")."""
    text = ("Northwind AI's Cirrus 4 has taken first place on the LMSYS Chatbot Arena. Cirrus 4 "
            "is a version of its predecessor, Cirrus 3, post-trained with self-play "
            "preference optimization (SPPO), and the company says it is better than Cirrus 3 "
            "at multi-turn writing.")
    found = typed(nlp, text)
    assert {("Cirrus 4", "BASED_ON", "Cirrus 3"), ("Cirrus 4", "OUTPERFORMS", "Cirrus 3")} \
        <= found, found
    for made, other in (("Oct 2020", "Oct 2021"), ("Tutorial 2", "Tutorial 1")):
        doc = nlp.make_doc(f"{made} is listed; see the tutorial list. {other} follows.")
        found = repeated_names(doc, [Span(doc, 0, 2, label="MODEL")])
        assert [s.text for s in found] == [made], found


def test_a_numbered_name_after_a_labs_possessive_or_release_is_its_model(nlp):
    """Our training announcements n12 and n02: "Northwind AI's Cirrus 4", "Kairos released
    Meridian 3", found again in the next sentence; not a quarter ("Meta's Q3 2024")."""
    text = ("Northwind AI's Cirrus 4 has taken first place on the LMSYS Chatbot Arena. Cirrus 4 "
            "scored 85.1, ahead of Jamba 1.6 Large at 76.5. Meta's Q3 2024 results were strong.")
    found = [(e.text, e.label_) for e in nlp(text).ents]
    assert found.count(("Cirrus 4", "MODEL")) == 2
    assert not any(label == "MODEL" and "Q3" in name for name, label in found)
    text = "Kairos released Meridian 3 in March. Meridian 3 beats Llama 3 on HellaSwag."  # n02
    assert [(e.text, e.label_) for e in nlp(text).ents].count(("Meridian 3", "MODEL")) == 2
    # n02 again: a hyphen-joined name with a number after a lab's possessive
    found = [(e.text, e.label_) for e in nlp("According to the company, Meridian 3 beats Aleph "
                                             "Alpha's Pharia-1-LLM on HellaSwag.").ents]
    assert ("Pharia-1-LLM", "MODEL") in found, found
    # session 61's probes (k02, a guide page of our own): in lower case too
    found = [(e.text, e.label_) for e in nlp(
        "Popular choices include OpenAI's text-embedding-3-large, BAAI's BGE-M3 and the tiny "
        "all-MiniLM-L6-v2. A cross-encoder such as BAAI's bge-reranker-v2-m3 reads both.").ents]
    assert {("text-embedding-3-large", "MODEL"), ("bge-reranker-v2-m3", "MODEL")} <= set(found)


def test_a_released_or_possessed_name_keeps_its_size_and_variant_words(nlp):
    """The names of models__llama-3.md (guide, train) and n03 as a maker's release or
    possessive writes them: the variant word after the number ("Sonnet", "Coder",
    "Instruct") was cut off ("Claude 3"), and the comparison after it lost."""
    found = ents(nlp, "Anthropic released Claude 3 Sonnet, which outperforms Gemini Pro 1.5.")
    assert ("Claude 3 Sonnet", "MODEL") in found
    assert not any(name == "Claude 3" for name, _ in found)
    assert ("Llama 3 70B Instruct", "MODEL") in ents(nlp, "Meta's Llama 3 70B Instruct "
                                                          "outperforms Gemma 7B.")


def test_a_programming_language_is_no_name(nlp):
    # seeds/004_106fb763ac03ea0f.txt: a generic concept (GUIDELINES), which the recogniser
    # learnt as a product from README annotations that named it
    found = ents(nlp, "Both groups completed a coding task using a Python library they’d "
                      "never seen before.")
    assert not any(name == "Python" for name, _ in found), found


def test_a_kind_of_model_written_as_an_acronym_is_no_name(nlp):
    # models__phi-2.md (dev): "small language model (SLM)" names a kind, like "LLM"
    found = ents(nlp, "Phi-2 is the latest small language model (SLM) released by Microsoft "
                      "Research.")
    assert not any(name == "SLM" for name, _ in found), found
    assert ("Phi-2", "MODEL") in found


def test_a_name_ending_in_dot_ai_is_an_organisation(nlp):
    # about.md (the guide), n05_china_longcontext.txt (our training announcement)
    found = ents(nlp, "The Prompt Engineering Guide is a project by DAIR.AI. 01.AI, which has "
                      "shifted toward enterprise work, said its Yi-Lightning model now serves "
                      "2,000 corporate customers.")
    assert {("DAIR.AI", "ORG"), ("01.AI", "ORG")} <= found, found


def test_a_web_platform_is_a_product_and_a_number_glued_to_a_name_no_figure(nlp):
    # techniques__react.md, guides__4o-image-generation.md (the guide)
    found = ents(nlp, "ReAct retrieves passages from Wikipedia to answer the question.")
    assert ("Wikipedia", "PROJECT") in found, found
    # a recogniser that never saw the page took "4o" for a number (the shipped one learnt it)
    from spacy.tokens import Span

    from graph.nlp.components.not_figures import reports_nothing

    doc = nlp("4o Image Generation is 10x faster and runs on 7B parameters.")
    assert reports_nothing(Span(doc, 0, 1, label="METRIC"))  # "4o"
    assert not any(reports_nothing(Span(doc, t.i, t.i + 1, label="METRIC"))
                   for t in doc if t.text in ("10x", "7B"))


def test_a_papers_description_of_its_dataset_is_no_name_and_a_modifier_no_part_of_one(nlp):
    # models__chatgpt.md (the guide): "A ChatGPT-Assisted ... Dataset" describes WavCaps
    found = ents(nlp, "- WavCaps: A ChatGPT-Assisted Weakly-Labelled Audio Captioning Dataset "
                      "for Audio-Language Multimodal Research (March 2023)")
    assert ("ChatGPT", "MODEL") in found, found
    assert not any("Assisted" in name or name.endswith("Dataset") for name, _ in found), found
    found = ents(nlp, "The mix draws on our own Aya Dataset.")  # m04: a name
    assert ("Aya Dataset", "DATASET") in found, found


def test_a_models_name_on_a_heading_stops_before_the_sections_words(nlp):
    # models__gemini.md (the guide): "## Gemini Experimental Results"
    found = ents(nlp, "## Gemini Experimental Results\n\nGemini Ultra is the first model to "
                      "outperform human experts on MMLU.")
    assert ("Gemini", "MODEL") in found, found
    assert not any("Results" in name or "Experimental" in name for name, _ in found), found
    assert ("Claude Opus", "MODEL") in ents(nlp, "## Claude Opus\n\nIt is our best model.")


def test_a_verb_a_table_cell_opens_with_is_no_part_of_the_name_after_it(nlp):
    # research__rag.md (the guide): a recogniser that never saw the page ran the name over
    # the cell's first word; the span is cut where the name begins
    from spacy.tokens import Span

    from graph.nlp.components.spans import without_function_words

    doc = nlp("| Proposes Tree of Clarifications (ToC), a framework that recursively constructs "
              "a tree of disambiguations. |")
    span = Span(doc, 1, 5, label="METHOD")
    assert span.text == "Proposes Tree of Clarifications"
    assert without_function_words(span).text == "Tree of Clarifications"


def test_a_generic_term_is_no_name_whatever_step_typed_it_but_a_company_keeps_its_name(nlp):
    """Measure names joined the generic terms ("Accuracy", "Recall" heading a table's
    columns); "Perplexity" the company and "RECALL" a benchmark written in capitals stay."""
    from spacy.tokens import Span

    found = ents(nlp, "Perplexity uses models from OpenAI and Anthropic alongside its own "
                      "pplx-online models.")  # m08_funding_roundup.txt
    assert ("Perplexity", "ORG") in found, found
    found = ents(nlp, "| Model | Accuracy | Recall |\n|---|---|---|\n| GPT-4 | 86% | 71% |")
    assert not any(name in ("Accuracy", "Recall") for name, _ in found), found
    doc = nlp("There are many challenges when working with LLMs. RECALL tests them.")
    doc.ents = [Span(doc, 7, 8, label="DATASET"), Span(doc, 9, 10, label="DATASET")]
    doc = nlp.get_pipe("threadline_entities")(doc)
    assert [e.text for e in doc.ents if e.label_ == "DATASET"] == ["RECALL"], doc.ents


def test_a_name_two_documents_type_apart_is_two_things(nlp):
    """models__gemini.md's "Transformer decoders" (the architecture) and readme__peft.md's
    "integrated with Transformers" (the library) had been one node, METHOD by the corpus's
    vote, so the README's library was a method; an organisation and a product named alike
    still share one vote."""
    from graph.build.resolve import resolve

    texts = {"a.md": "The Gemini models are built of top of Transformer decoders with efficient "
                     "attention mechanisms (e.g., multi-query attention).",
             "b.md": "PEFT is integrated with Transformers for easy model training and "
                     "inference, and Accelerate for distributed training."}
    docs = [Document(name, name, text, name) for name, text in texts.items()]
    mentions = [m for r in extract(nlp, docs) if hasattr(r, "mentions") for m in r.mentions]
    entities, _ = resolve(mentions, texts, user_aliases={})
    found = {(e.type, tuple(e.documents)) for e in entities if "ransformer" in e.label}
    assert found == {("METHOD", ("a.md",)), ("PROJECT", ("b.md",))}, found


def test_an_instruction_opening_a_line_or_a_cell_is_no_name(nlp):
    # agents__context-engineering-deep-dive.md (prompt guide), a task page's commands: a
    # capitalised verb in its base form opening a sentence, a list item or a comment ("Learn",
    # "Run", "Parse") is an instruction; en_core_web_sm read "Learn" and "Run" as persons,
    # the recognisers of the guide folds "Parse" and "Reinforce" as products
    text = ("Learn how to build production-ready AI agents with hands-on examples and "
            "templates. Join our comprehensive course!\n\n# Run with a specific task suite")
    assert not {name for name, _ in ents(nlp, text)} & {"Learn", "Run"}, ents(nlp, text)
    doc = nlp("- Parse the string into JSON in your code.\nClaude answers questions.")
    at = {t.text: t.i for t in doc}
    assert an_instruction(doc[at["Parse"]:at["Parse"] + 1])
    assert not an_instruction(doc[at["Claude"]:at["Claude"] + 1])


def test_capitalised_words_an_acronym_spells_are_the_name_the_text_defines(nlp):
    # summaries of our own (the probes of session 56): words of the language, capitalised and
    # abbreviated where the text defines or proposes them, name a technique; every mention
    # of the acronym is it. en_core_web_sm had run "Reflective Retrieval (RR" into the
    # bracket and nothing was left
    text = ("# Reflective Retrieval\n\nReflective Retrieval (RR) is a retrieval-augmented "
            "generation technique introduced by Park et al. (2024). RR combines dense "
            "retrieval with a self-critique step.")
    assert ("Reflective Retrieval", "METHOD") in ents(nlp, text)
    assert ("Reflective Retrieval", "USES", "dense retrieval") in typed(nlp, text)
    found = ents(nlp, "In this paper we propose Sparse Draft Verification (SDV) for faster "
                      "decoding.")
    assert ("Sparse Draft Verification", "METHOD") in found, found
    # session 57 probe k16: words joined by a hyphen, the acronym itself guessed a DATASET
    found = ents(nlp, "# Step-Back Verification\n\nStep-Back Verification (SBV) is a prompting "
                      "technique introduced by Zheng et al. (2025). SBV builds on step-back "
                      "prompting.")
    assert {("Step-Back Verification", "METHOD"), ("step-back prompting", "METHOD")} <= found, \
        found  # (and a technique's words joined by a hyphen stay whole: not "back prompting")
    assert ("SBV", "DATASET") not in found, found
    # a prefix is no technique's word (applications__workplace_casestudy.md, train)
    found = ents(nlp, "Simply asking the model to classify a given job results in an F1 score "
                      "of 65.6, whereas the post-prompt engineering model achieves an F1 score "
                      "of 91.7.")
    assert not any(name.startswith("post") for name, _ in found), found
    # a term the text only abbreviates is none
    found = ents(nlp, "The task is a Capture the Flag (CTF) challenge.")
    assert not any("Capture" in name for name, _ in found), found


@pytest.mark.parametrize("text, name", [
    # session 58 probe k22 (a paper summary of our own)
    ("SMoA is a parameter-efficient fine-tuning method.", "parameter-efficient fine-tuning"),
    # models__gemini.md (train), eval__vqa_rad.md (heldout-evals-dev)
    ("Gemini Ultra uses uncertainty-routed chain-of-thought.",
     "uncertainty-routed chain-of-thought"),
    ("It relies on low-rank fine-tuning.", "low-rank fine-tuning"),
])
def test_a_techniques_kind_joined_by_a_hyphen_before_it_is_part_of_its_name(nlp, text, name):
    assert (name, "METHOD") in ents(nlp, text)


@pytest.mark.parametrize("text", [
    "It offers state-of-the-art fine-tuning.",  # praise, no kind
    "The model pre-computes label embeddings.",  # a verb
    "Meridian 3, a 141-billion-parameter mixture-of-experts model.",  # a size (n02)
])
def test_praise_a_verb_or_a_size_before_a_technique_is_not_its_name(nlp, text):
    assert not any("-" in name.split()[0] and " " in name and label == "METHOD"
                   for name, label in ents(nlp, text)), ents(nlp, text)


def test_customers_listed_after_their_noun_are_organisations(nlp):
    # session 57 probe k21 (an announcement of our own): "Siemens" had been a product and
    # "Zurich Insurance" nothing
    found = ents(nlp, "Customers such as Siemens and Zurich Insurance already use Cortex AI to "
                      "summarise documents.")
    assert {("Siemens", "ORG"), ("Zurich Insurance", "ORG")} <= found, found


def test_a_name_listed_after_a_kind_noun_is_of_that_kind_not_a_place(nlp):
    # a guide page of our own (the probes of session 56): en_core_web_sm read "Windsurf" as
    # a place; listed after "Tools like", it is a product like the others
    found = ents(nlp, "Tools like Cursor, Windsurf and GitHub Copilot bring LLMs into the "
                      "editor.")
    assert {("Cursor", "PROJECT"), ("Windsurf", "PROJECT"), ("GitHub Copilot", "PROJECT")} \
        <= found, found


def test_authors_cited_with_et_al_are_people_not_places(nlp):
    # a summary of our own (the probes of session 56): en_core_web_sm read "Park et al" as a
    # place, a PLACE node in the window
    found = ents(nlp, "Reflective Retrieval (RR) is a retrieval-augmented generation technique "
                      "introduced by Park et al. (2024).")
    assert not any(label == "PLACE" for _, label in found), found


def test_a_sized_models_edition_and_a_headings_verb(nlp):
    # session-60 probe h03.md (a model family's guide page of our own): the edition after the
    # size is the model's name ("Kestrel 2 8B Instruct", not the base "Kestrel 2 8B"), and a
    # heading's gerund is no part of the family's name ("## Running Kestrel 2")
    text = ("# Kestrel 2\n\nKestrel 2 is a family of open-weights language models released by "
            "Halden Labs.\n\n## Instruct Versions\n\nKestrel 2 8B Instruct is fine-tuned from "
            "Kestrel 2 8B with supervised fine-tuning (SFT) on 1.2M instruction examples. It "
            "scores 8.12 on MT-Bench.\n\n## Running Kestrel 2\n\n- Community builds are "
            "available in Ollama and LM Studio.\n")
    found = ents(nlp, text)
    assert {("Kestrel 2 8B Instruct", "MODEL"), ("Kestrel 2 8B", "MODEL")} <= found, found
    assert not any(name.startswith("Running") for name, _ in found), found


def test_a_word_of_time_opening_a_sentence_is_no_part_of_an_organisations_name(nlp):
    # session-60 probe b04.md (an announcement of our own): "Today" had opened the lab's name
    found = ents(nlp, "Today Northlight Research is releasing Vela-Code 2, our new open-weight "
                      "coding model.")
    assert ("Northlight Research", "ORG") in found and \
        not any(name.startswith("Today") for name, _ in found), found
