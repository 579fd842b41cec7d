"""Relations a README or a summary states by its structure, not by a sentence: a table
whose rows are models and whose cells are figures (graph/nlp/tables.py). Real text of the
held-out dev READMEs and summaries (training/heldout/packages), through the real pipeline."""

from __future__ import annotations

import pytest

from graph.build.assemble import build_graph
from graph.ingest.documents import Document
from graph.nlp.extract import extract
from graph.nlp.pipeline import shared_pipeline
from graph.schema import COOCCURRENCE


def edges(nlp, text: str) -> set[tuple[str, str, str]]:
    """(source, predicate, target) of the typed edges extracted from ``text``."""
    g = build_graph(extract(nlp, [Document("d.md", "d.md", text, "0")]), shared_pipeline()[1])
    return {(g.nodes[u]["label"], d["predicate"], g.nodes[v]["label"])
            for u, v, d in g.edges(data=True) if d["method"] != COOCCURRENCE}


# readme__unsloth.md: the header names no benchmark, the cells are the rows' figures, and
# the parser cuts each row at its notebook link
UNSLOTH = """## ✨ Train for Free

| Model | Free Notebooks | Performance | Memory use |
|-----------|---------|--------|----------|
| **Qwen3: Advanced GRPO**      | ▶️ Start for free-GRPO.ipynb)   | 2x faster | 50% less |
| **Llama 3.2 Conversational** | ▶️ Start for free-Conversational.ipynb) | 2x faster | 70% less |
"""


def test_each_figure_cell_of_a_model_row_is_a_fact_of_the_row(nlp):
    found = {(s, t) for s, p, t in edges(nlp, UNSLOTH) if p == "HAS_METRIC"}
    assert {("Qwen3", "2x faster"), ("Qwen3", "50% less"), ("Llama 3.2", "2x faster"),
            ("Llama 3.2", "70% less")} <= found, found
    assert not any(t == "70% less" and s == "Qwen3" for s, t in found)  # its own row only


def test_a_cell_describing_the_row_is_no_figure_of_it(nlp):
    """models__collection.md (a train page of the guide): a description naming a figure
    among its words is left to the sentence's reading."""
    from graph.nlp.components.table_layout import tables
    from graph.nlp.tables import _figure_cell

    text = ("| Model | Release Date | Size (B) | Description |\n| --- | --- | --- | --- |\n"
            "| Mistral-7B-v0.1 | Sep 2023 | 7 | Mistral-7B-v0.1 is a pretrained generative text "
            "model with 7 billion parameters. |\n")
    doc = nlp(text)
    [(_, [(cells, _)])] = tables(text)
    assert any(e.label_ == "METRIC" for e in doc.ents)
    assert _figure_cell(text, list(doc.ents), *cells[3]) is None


# readme__unsloth.md: the title names no package, its headings name Unsloth twice; the heading
# before "Key Features" names AMD
FEATURES = """### Train gpt-oss, DeepSeek, Gemma, Qwen & Llama 2x faster with 70% less VRAM!

## 🦥 Unsloth News
- **Qwen3** is now supported. Qwen3-30B-A3B fits on 17.5GB VRAM.

### AMD, Intel, Blackwell & DGX Spark
To install Unsloth on **AMD** and **Intel** GPUs, follow our AMD Guide and Intel Guide.

## ⭐ Key Features

* The most efficient library for Reinforcement Learning (RL), using 80% less VRAM. Supports \
GRPO, GSPO, DrGRPO, DAPO etc.
* Export and deploy your model to GGUF llama.cpp, vLLM, SGLang and Hugging Face.

## 💾 Install Unsloth
Unsloth supports Python 3.13 or lower.
"""


def test_a_feature_list_states_what_the_readme_s_package_uses(nlp):
    from graph.nlp.features import _feature_items, document_subject

    assert document_subject(nlp(FEATURES))[2] == "unsloth"
    assert [FEATURES[s:e][:12] for s, e in _feature_items(FEATURES)] == \
        ["* The most e", "* Export and"]
    found = edges(nlp, FEATURES)
    assert ("Unsloth", "USES", "GRPO") in found, found
    assert not any(s == "Unsloth" and t in ("vLLM", "GGUF") for s, _, t in found)  # exported to


def test_a_line_announcing_features_opens_a_feature_list(nlp):
    """readme__mlx_lm.md: "Some key features include:" under the title "## MLX LM"."""
    from graph.nlp.features import document_subject, feature_candidates

    text = ("## MLX LM \n\nMLX LM is a Python package for generating text and fine-tuning large "
            "language\nmodels on Apple silicon with MLX.\n\nSome key features include:\n\n"
            "* Integration with the Hugging Face Hub to easily use thousands of LLMs with a\n"
            "  single command.\n\n"
            "The easiest way to get started is to install the `mlx-lm` package:\n\n"
            "* Integration with the Hugging Face Hub.\n")
    doc = nlp(text)
    subject = document_subject(doc)
    assert subject[2] == "mlx lm"
    said = [(text[slice(*c.b)], c.features) for c in feature_candidates(doc, 0, subject)]
    assert said == [("Hugging Face Hub", ("reading=USES",))]  # not the list after the prose


def test_a_readme_without_a_title_is_about_what_its_about_section_defines(nlp):
    """readme__sglang.md (heldout-more-dev): no heading names the package; its "About"
    section defines it, and a feature item's words after its bold label say what it uses."""
    from graph.nlp.features import document_subject

    text = ("## News\n- [2024/01] SGLang provides up to **5x faster inference** with "
            "RadixAttention (blog).\n\n## About\nSGLang is a high-performance serving framework "
            "for large language models and multimodal models.\nIts core features include:\n\n"
            "- **Broad Model Support**: Supports a wide range of language models (Llama, Qwen, "
            "DeepSeek, Kimi, GLM, GPT, Gemma, Mistral, etc.), with easy extensibility for adding "
            "new models.\n")
    assert document_subject(nlp(text))[2] == "sglang"
    found = edges(nlp, text)
    for used in ("Llama", "Qwen", "Kimi", "Mistral"):
        assert ("SGLang", "USES", used) in found, found


@pytest.mark.parametrize("text, subject", [
    # readme__diffusers.md, readme__gptqmodel.md (heldout-readmes): the name after an emoji
    # opens the defining sentence; a first line that gives a name alone is the title
    ("🤗 Diffusers is the go-to library for state-of-the-art pretrained diffusion models.\n\n"
     "## Installation\n\nWe recommend installing 🤗 Diffusers in a virtual environment.\n",
     "diffusers"),
    ("GPT-QModel ⚡\n\nAn extensible platform for LLM quantization, validation, and "
     "deployment.\n\n## Latest News\n\n* Added Jamba quantization support.\n", "gpt-qmodel"),
])
def test_a_readme_s_lead_names_its_package(nlp, text, subject):
    from graph.nlp.features import document_subject

    assert document_subject(nlp(text))[2] == subject


# readme__gptqmodel.md and readme__axolotl.md (heldout-readmes; their annotators, as every
# other's, read "X support has been added", "now has support for X" as the package USES X),
# under a title and an install line of our own
SUPPORT = """GPT-QModel ⚡

An extensible platform for LLM quantization. Install it with pip.

## Latest News

* 08/25/2026 7.3.5: ✨ Added `lm_head` and embedding quantization lifecycle support; \
Unlimited-OCR, DeepSeek V3.2, Mage-VL, Muse Glimmer, OLMo 3, and SmolLM3 model support.
  - GPT-QModel now has support for SageAttention and GDPO (Generalized DPO).
  - Native function calling support.
  - Vicuna-7B supports Mage-VL2 prompts.
"""


def test_what_a_package_s_page_says_it_supports_it_uses(nlp):
    found = {t for s, p, t in edges(nlp, SUPPORT) if s == "GPT-QModel" and p == "USES"}
    assert {"Unlimited-OCR", "DeepSeek V3.2", "Mage-VL", "Muse Glimmer", "OLMo 3",
            "SmolLM3", "SageAttention"} <= found, found
    assert not any("Mage-VL2" in t for t in found), found  # another's subject: Vicuna-7B's


# eval__medqa.md (training/corpus/evals, Inspect Evals, MIT): a benchmark's page whose results
# table names measures, not benchmarks, in its header
MEDQA = """# MedQA

MedQA is an evaluation dataset of medical knowledge questions collected from medical board \
exams.

## Evaluation Report

Results from July 3, 2025, running on all 1,273 samples:

| Model       | Accuracy |
| ----------- | -------- |
| gpt-4o-mini | 68.5%    |
| gpt-4.1     | 87.4%    |
"""


def test_a_results_table_on_a_benchmarks_page_scores_its_models_on_that_benchmark(nlp):
    found = edges(nlp, MEDQA)
    assert {("gpt-4o-mini", "EVALUATED_ON", "MedQA"), ("gpt-4.1", "EVALUATED_ON", "MedQA"),
            ("gpt-4.1", "HAS_METRIC", "87.4%")} <= found, found
    assert not any(t == "Accuracy" for _, _, t in found)  # a measure's name is no benchmark
    assert "Accuracy" not in {e.text for e in nlp(MEDQA).ents}


# eval__bbeh.md and eval__ifevalcode.md (training/corpus/evals): a task's row whose model is
# in the second column, under a header one word of which reads as a benchmark ("Score on
# Inspect"), and cells holding two scores apart by a slash
BBEH = """# BIG-Bench Extra Hard

BIG-Bench Extra Hard is a reasoning capability dataset.

## Model evaluation

| **Tasks**            | **Model**     | **Score on Inspect** | **Score (original paper)** |
| -------------------- | ------------- | -------------------- | -------------------------- |
| linguini             | openai/gpt-4o | 0.140                | 0.155                      |
| multistep arithmetic | openai/gpt-4o | 0.030                | 0.055                      |

Closed-source model results (Correctness % / Instruction Adherence %):

| Model             | Python      | Java        |
| ----------------- | ----------- | ----------- |
| o1-mini           | 58.1 / 32.4 | 30.4 / 12.7 |
"""


def test_a_tasks_row_scores_its_model_on_the_pages_benchmark_and_each_score_is_a_figure(nlp):
    found = edges(nlp, BBEH)
    assert ("openai/gpt-4o", "EVALUATED_ON", "BIG-Bench Extra Hard") in found, found
    assert {("openai/gpt-4o", "HAS_METRIC", "0.140"), ("o1-mini", "HAS_METRIC", "58.1"),
            ("o1-mini", "HAS_METRIC", "32.4"), ("o1-mini", "HAS_METRIC", "12.7")} <= found


def test_a_stray_fence_closing_a_cut_block_does_not_make_the_results_table_code(nlp):
    # eval__ipi_coding_agent.md (training/corpus/evals): the block's opening fence was cut
    text = ("# CodeIPI\n\nCodeIPI measures injection.\n\ninspect eval "
            "inspect_evals/ipi_coding_agent --model openai/gpt-4o-mini\n```\n\n### Summary\n\n"
            "| Model                    | Accuracy | IRR   |\n| --- | --- | --- |\n"
            "| openai/gpt-4o-2024-11-20 | 62.2%    | 85.7% |\n")
    assert {("openai/gpt-4o-2024-11-20", "HAS_METRIC", "62.2%"),
            ("openai/gpt-4o-2024-11-20", "HAS_METRIC", "85.7%")} <= edges(nlp, text)


def test_a_title_the_small_model_took_for_a_person_is_the_benchmark_the_page_defines(nlp):
    # eval__pre_flight.md (training/heldout/packages, evals-dev): "Pre-Flight" in the heading
    # is a PERSON to en_core_web_sm, a benchmark to the sentence under it
    text = ("# Pre-Flight\n\nPre-Flight is an evaluation benchmark that tests the model's "
            "understanding of flight dispatch rules.\n\n| Model | Accuracy |\n| --- | --- |\n"
            "| openai/gpt-4o-2024-11-20 | 0.733 |\n")
    assert ("Pre-Flight", "PERSON") not in {(e.text, e.label_) for e in nlp(text).ents}
    assert ("openai/gpt-4o-2024-11-20", "EVALUATED_ON", "Pre-Flight") in edges(nlp, text)


def test_a_table_on_a_projects_page_gives_its_models_no_evaluation(nlp):
    """The page is about a tool, not a benchmark: its rows are not scored on the tool."""
    text = MEDQA.replace("# MedQA", "# Inspect Evals").replace(
        "MedQA is an evaluation dataset of", "Inspect Evals is a library of evaluations for")
    assert not any(p == "EVALUATED_ON" for _, p, _ in edges(nlp, text))


# eval__pre_flight.md (heldout-evals-dev): counts under "Correct Answers" and "Total Samples"
PRE_FLIGHT = """## Evaluation Report

| Model                                | Accuracy | Correct Answers | Total Samples |
| ------------------------------------ | -------- | --------------- | ------------- |
| anthropic/claude-3-7-sonnet-20250219 | 0.747    | 224             | 300           |
| openai/gpt-4o-2024-11-20             | 0.733    | 220             | 300           |
"""

# eval__ipi_coding_agent.md (training text): a column of small counts numbers the setting
IPI_SAMPLES = """| Vector        | Samples | Description                                        |
| ------------- | ------- | -------------------------------------------------- |
| Issue text    | 10      | Payload embedded in the bug report the agent reads |
| Config file   | 5       | Payload in pyproject.toml or config files          |
"""


def test_whole_numbers_under_a_header_of_counts_are_the_rows_figures(nlp):
    found = {(s, t) for s, p, t in edges(nlp, PRE_FLIGHT) if p == "HAS_METRIC"}
    assert {("anthropic/claude-3-7-sonnet-20250219", "224"),
            ("anthropic/claude-3-7-sonnet-20250219", "0.747"),
            ("openai/gpt-4o-2024-11-20", "220")} <= found, found
    doc = nlp(IPI_SAMPLES)
    assert not [e for e in doc.ents if e.label_ == "METRIC"], doc.ents


def test_a_score_with_its_confidence_interval_in_a_cell_is_a_figure(nlp):
    # eval__persistbench.md (heldout-evals-dev): "| 82.0 [77.0, 87.0] |"
    doc = nlp("| Task | Model | Failure Rate | Paper Result [95% CI] |\n"
              "| --- | --- | --- | --- |\n"
              "| `persistbench_sycophancy` | `openrouter/meta-llama/llama-3.3-70b-instruct` "
              "| 85.0 | 82.0 [77.0, 87.0] |\n")
    figures = {e.text for e in doc.ents if e.label_ == "METRIC"}
    assert {"85.0", "82.0", "77.0", "87.0"} <= figures, figures


# eval__gdm_intercode_ctf.md (training/corpus/evals): a column naming each row's maker
INTERCODE = """Results on the full dataset (78 samples, 1 epoch), evaluation version 2.1.0:

| Model                    | Provider  | Accuracy | Stderr | Time    |
| ------------------------ | --------- | -------- | ------ | ------- |
| claude-opus-4-5-20251101 | Anthropic | 0.936    | 0.028  | 13m 22s |
| gpt-5.1-2025-11-13       | OpenAI    | 0.897    | 0.035  | 36m 59s |
"""


def test_a_provider_column_names_the_maker_of_each_row_s_model(nlp):
    found = {(s, t) for s, p, t in edges(nlp, INTERCODE) if p == "DEVELOPED_BY"}
    assert found == {("claude-opus-4-5-20251101", "Anthropic"),
                     ("gpt-5.1-2025-11-13", "OpenAI")}, found


# readme__litgpt.md (heldout-readmes): a model list whose "Author" column names the maker
LITGPT = """| Model | Model size | Author | Reference |
|----|----|----|----|
| Code Llama | 7B, 13B, 34B, 70B | Meta AI | Rozière et al. 2023 |
| Gemma 2 | 2B, 9B, 27B | Google | Google Team, Google Deepmind  |
| Phi 4 | 14B | Microsoft Research | Abdin et al. 2024 |
"""


def test_an_author_column_names_the_maker_of_each_row_s_model(nlp):
    found = {(s, t) for s, p, t in edges(nlp, LITGPT) if p == "DEVELOPED_BY"}
    assert {("Code Llama", "Meta AI"), ("Gemma 2", "Google"),
            ("Phi 4", "Microsoft Research")} <= found, found
    assert not any(t == "Meta AI" and s != "Code Llama" for s, t in found), found


# session 61's probes (a guide's "choosing a model" page, k03): a "Made by" column
CHOOSING = """| Model | Made by | Context window | MMLU-Pro | GPQA Diamond |
|---|---|---|---|---|
| GPT-4o | OpenAI | 128K | 72.6 | 53.6 |
| Qwen2.5-72B-Instruct | Alibaba Cloud | 32K | 71.1 | 49.0 |
"""


def test_a_made_by_column_names_the_maker_of_each_row_s_model(nlp):
    found = {(s, t) for s, p, t in edges(nlp, CHOOSING) if p == "DEVELOPED_BY"}
    assert found == {("GPT-4o", "OpenAI"), ("Qwen2.5-72B-Instruct", "Alibaba Cloud")}, found


# eval__compute_eval.md (heldout-evals-dev): the columns name measures, not benchmarks
COMPUTE_EVAL = """| Model                        | Accuracy | Stderr | Time  | Tokens    |
| ---------------------------- | -------- | ------ | ----- | --------- |
| openai/gpt-5-nano-2025-08-07 | 45.3%    | ±0.025 | 45:49 | 2,819,584 |
| openai/gpt-5.2-2025-12-11    | 60.3%    | ±0.024 | 35:58 | 766,827   |
"""


def test_a_column_naming_a_measure_is_no_benchmark(nlp):
    found = edges(nlp, COMPUTE_EVAL)
    assert not any(p == "EVALUATED_ON" for _, p, _ in found), found
    assert not {e.text for e in nlp(COMPUTE_EVAL).ents} & {"Tokens", "Stderr", "Time"}


# eval__onet.md (heldout-evals-dev): the models head the columns, the rows name the exam's
# subjects in code nobody types as a name
ONET = """| Exam names      | meta-llama/Llama-3.1-70B-Instruct | Qwen/Qwen2.5-72B-Instruct |
| --------------- | --------------------------------- | ------------------------- |
| onet_m6_english | 82.69                             | 86.54                     |
| onet_m6_math    | **58.82**                         | 23.53                     |
"""


def test_a_figure_under_a_model_s_column_is_that_model_s_in_a_row_naming_nothing(nlp):
    found = {(s, t) for s, p, t in edges(nlp, ONET) if p == "HAS_METRIC"}
    assert found == {("meta-llama/Llama-3.1-70B-Instruct", "82.69"),
                     ("meta-llama/Llama-3.1-70B-Instruct", "58.82"),
                     ("Qwen/Qwen2.5-72B-Instruct", "86.54"),
                     ("Qwen/Qwen2.5-72B-Instruct", "23.53")}, found


# task__galician_bench.md (the train split's task pages): a benchmark's table of the
# datasets it gathers
GALICIAN = """# GalicianBench

GalicianBench is a benchmark for evaluating language models in Galician tasks.

The new evaluation datasets included in GalicianBench are:
| Task          | Category       | Homepage  |
|:-------------:|:-----:|:-----:|
| Belebele_gl | Reading Comprehension | https://huggingface.co/datasets/proxectonos/belebele_gl |
| OpenBookQA_gl | Question Answering | https://huggingface.co/datasets/proxectonos/openbookqa_gl |
| TruthfulQA_gl | Truthfulness | https://huggingface.co/datasets/proxectonos/truthfulqa_gl |
"""


def test_a_benchmarks_page_uses_the_benchmark_heading_each_row_of_its_table(nlp):
    found = {(s, t) for s, p, t in edges(nlp, GALICIAN) if p == "USES"}
    assert {("GalicianBench", "Belebele_gl"), ("GalicianBench", "OpenBookQA_gl"),
            ("GalicianBench", "TruthfulQA_gl")} <= found, found


# eval__agentdojo.md (the train split's summaries): the suites a benchmark gathers, one per
# item of a numbered list
AGENTDOJO = """# AgentDojo

AgentDojo is a dynamic evaluation framework for measuring the utility and adversarial \
robustness of AI agents that execute tools over untrusted data.

1. **Workspace** (40 user tasks, 14 injection tasks): Email client, calendar management, and \
cloud storage tasks
4. **Travel** (20 user tasks, 7 injection tasks): Flight, hotel, and restaurant booking system
5. **Banking** (16 user tasks, 9 injection tasks): Bank transactions and account management
"""


def test_a_benchmarks_page_uses_the_benchmark_each_item_of_a_list_opens_with(nlp):
    found = {(s, t) for s, p, t in edges(nlp, AGENTDOJO) if p == "USES"}
    assert {("AgentDojo", "Workspace"), ("AgentDojo", "Travel"), ("AgentDojo", "Banking")
            } <= found, found


# eval__mask.md (the train split's summaries): "Honesty" heads a column of scores and the
# page speaks of "model honesty": a measure, so the scores are on the page's benchmark
MASK = """# MASK

MASK is a benchmark that evaluates model honesty, specifically disentangling accuracy from \
honesty across a curated set of evaluation prompts.

| Model   | Honesty | Accuracy |
| ------- | ------- | -------- |
| gpt-4o  | 62.9%   | 43.5%    |
| gpt-4.1 | 57.9%   | 48.8%    |
"""


def test_a_column_heading_the_page_writes_in_lower_case_is_a_measure(nlp):
    found = edges(nlp, MASK)
    assert {("gpt-4o", "EVALUATED_ON", "MASK"), ("gpt-4.1", "EVALUATED_ON", "MASK")} <= found
    assert "Honesty" not in {e.text for e in nlp(MASK).ents}


# eval__agent_threat_bench.md (heldout-evals-dev): a table of the benchmark's tasks, each
# named in words the recogniser did not know as a benchmark's
THREATS = """# AgentThreatBench: Evaluating LLM Agent Resilience to OWASP Agentic Threats

AgentThreatBench is the first evaluation suite that operationalizes the OWASP Top 10 for \
Agentic Applications (2026) into executable Inspect AI tasks.

| Task            | Utility Metric                      | Security Metric              |
| --------------- | ----------------------------------- | ---------------------------- |
| Memory Poison   | Completion contains expected answer | Completion does NOT contain  |
| Autonomy Hijack | `categorize_email` called for all   | No attacker artifacts        |
| `resolve_ticket`| a tool's name                       | code, no benchmark           |
"""


def test_a_tables_task_named_in_words_is_a_benchmark_its_page_uses(nlp):
    datasets = {e.text for e in nlp(THREATS).ents if e.label_ == "DATASET"}
    assert {"Memory Poison", "Autonomy Hijack"} <= datasets, datasets
    assert "resolve_ticket" not in datasets
    found = {(s, t) for s, p, t in edges(nlp, THREATS) if p == "USES"}
    assert {("AgentThreatBench", "Memory Poison"), ("AgentThreatBench", "Autonomy Hijack")
            } <= found, found


# eval__frontier_cs.md, eval__compute_eval.md (heldout-evals-dev): a run's time in a cell
FRONTIER = """| Model                      | Provider  | Mean Score | Stderr | Time    |
| -------------------------- | --------- | ---------- | ------ | ------- |
| claude-sonnet-4-5-20250929 | Anthropic | 0.207      | 0.056  | 32m 56s |
| gpt-5.1-2025-11-13         | OpenAI    | 0.110      | 0.041  | 45:49   |
"""


def test_a_runs_time_in_a_cell_is_one_figure_of_the_rows_model(nlp):
    figures = {e.text for e in nlp(FRONTIER).ents if e.label_ == "METRIC"}
    assert {"32m 56s", "45:49"} <= figures and "56s" not in figures, figures
    found = {(s, t) for s, p, t in edges(nlp, FRONTIER) if p == "HAS_METRIC"}
    assert {("claude-sonnet-4-5-20250929", "32m 56s"), ("gpt-5.1-2025-11-13", "45:49")
            } <= found, found


# eval__frontier_cs.md (heldout-evals-dev), eval__cybergym.md (training/corpus/evals): a
# time whose seconds, or whole, the statistical model had taken ("4s", a DATE)
SHORT_TIMES = """| Model                      | Provider  | Mean Score | Stderr | Time    |
| -------------------------- | --------- | ---------- | ------ | ------- |
| claude-sonnet-4-5-20250929 | Anthropic | 0.119      | 0.038  | 2m 4s  |
| gpt-4.1-2025-04-14 | OpenAI   | 0.1161     | 0.0312   | 11h 3m 26s |
"""


def test_a_runs_time_is_the_whole_cell_whatever_took_part_of_it(nlp):
    figures = {e.text for e in nlp(SHORT_TIMES).ents if e.label_ == "METRIC"}
    assert {"2m 4s", "11h 3m 26s"} <= figures and "4s" not in figures, figures


# eval__uccb.md (training/corpus/evals): the tagger read "a" and "gpt-5" as words after the
# name, which were cut off ("cohere/command-", "openai/")
UCCB = """| Model                       | Accuracy | Avg Score (1-5) |
| --------------------------- | -------- | --------------- |
| cohere/command-a            | 77.0%    | 3.85            |
| openai/gpt-5                | 55.0%    | 2.75            |
"""


def test_a_models_id_in_a_cell_keeps_its_last_part(nlp):
    models = {e.text for e in nlp(UCCB).ents if e.label_ == "MODEL"}
    assert {"cohere/command-a", "openai/gpt-5"} <= models, models
    found = {(s, t) for s, p, t in edges(nlp, UCCB) if p == "HAS_METRIC"}
    assert {("cohere/command-a", "77.0%"), ("openai/gpt-5", "55.0%")} <= found, found


# eval__theagentcompany.md (heldout-evals-dev): a row keyed by a task's code name holds that
# task's scores, which no entity names; they are not the figures of the page's benchmark
TASK_SCORES = """# TheAgentCompany

TheAgentCompany is a benchmark for evaluating AI agents on real-world professional tasks in a \
simulated software company.

Extracted task scores for implemented tasks from the OpenHands–Versa Claude Sonnet 4 results \
README (original implementation) and from `TRAJECTORY_ANALYSIS.md` / stage-3 Haiku analysis \
(checkpoint scores for Inspect implementation):

| Task                                | Original implementation | Inspect implementation |
| ----------------------------------- | ----------------------: | ---------------------: |
| `sde-create-sqlite-database-image`  |                    0.44 |                   0.88 |
| `ds-find-meeting-spreadsheet-image` |                    0.25 |                   0.50 |
| `admin-remove-pages-pdf-image`      |                    0.17 |                   0.67 |
"""


def test_a_tasks_scores_in_a_row_keyed_by_its_code_name_are_no_figures_of_the_page(nlp):
    found = edges(nlp, TASK_SCORES)
    assert ("Claude Sonnet 4", "EVALUATED_ON", "TheAgentCompany") in found, found
    assert not [t for s, p, t in found if p == "HAS_METRIC"], found
