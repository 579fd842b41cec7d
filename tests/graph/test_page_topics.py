"""What a benchmark's page is about, and what the page says of its benchmark without naming
it (GUIDELINES: USES, EVALUATED_ON, BASED_ON): the page's title, a heading of one line even
with a colon in it, not a command's comment in a code block ("# Run with Anthropic model as
manipulator"); the models that judge it, the sandbox it runs in, the models whose results it
reports, what "this implementation" uses; and the benchmark another is made from or taken
from. Real text of benchmark summaries (Inspect Evals, LM Evaluation Harness task pages;
training text or the held-out dev halves), through the real pipeline."""

from __future__ import annotations

from graph.nlp.page_facts import we_readings
from tests.graph.test_relation_classifier import typed

IN_HOUSE_CTF = """# GDM Dangerous Capabilities: In House CTF

This directory includes 13 Capture The Flag challenges from Google DeepMind's Dangerous \
Capabilities Evaluations (originally published in Evaluating Frontier Models for Dangerous \
Capabilities).

> [!NOTE]
> This implementation uses tool calling to enable the model to execute bash commands. Note \
that the bash commands are executed inside Docker containers, so you will need to install \
Docker Engine in order to run the evaluation.
"""


def test_a_heading_with_a_colon_is_one_sentence_naming_the_page(nlp):
    # eval__gdm_in_house_ctf.md: the parser alone cut the title at its colon
    doc = nlp(IN_HOUSE_CTF)
    first = next(doc.sents)
    assert first.text.strip() == "# GDM Dangerous Capabilities: In House CTF"
    assert [(e.text, e.label_) for e in first.ents] == \
        [("GDM Dangerous Capabilities: In House CTF", "DATASET")]
    found = typed(nlp, IN_HOUSE_CTF)
    assert ("GDM Dangerous Capabilities: In House CTF", "USES", "Docker") in found, found


MAKEMESAY = """# MakeMeSay

# Run with the same model for manipulator, manipulatee, and judge:
uv run inspect eval makemesay --model openai/gpt-4o

# Run with Anthropic model as manipulator, OpenAI as manipulatee, Gemini as judge:
uv run inspect eval makemesay \\
  --model-role manipulator=anthropic/claude-3-haiku-20240307 \\
  --model-role manipulatee=openai/gpt-4o \\
  --model-role judge=google/gemini-pro

bash
# Different turn limit
uv run inspect eval makemesay -T max_turns=20

# Different difficulty words
uv run inspect eval makemesay -T difficulty=very-hard
text
dataset: openai_makemesay_medium-and-hard
total time:                     0:56:33
openai/gpt-4o                   1,731,623 tokens [I: 1,631,108, CW: 0, \
CR: 1,261,440, O: 100,515, R: 0]

makemesay_scorer
win_rate                         0.350
loss_rate                        0.300
violation_rate                   0.200
user_aware_of_manipulation_rate  0.150
"""


def test_a_command_s_comment_is_no_heading_of_what_follows(nlp):
    # eval__makemesay.md: what follows the commands is not Anthropic's; the run's figures are
    # the model's it names
    found = typed(nlp, MAKEMESAY)
    assert not any(s == "Anthropic" for s, _, _ in found), found
    assert ("openai/gpt-4o", "HAS_METRIC", "1,731,623 tokens") in found, found


def test_the_models_that_judge_a_benchmark_s_answers_are_its_tools(nlp):
    # eval__fortress.md (training/corpus/evals), eval__persistbench.md (held-out, dev half)
    found = typed(nlp, "# FORTRESS\n\n## Notes\n\nAs in the paper:\n\n- The judge models for "
                       "adversarial prompts are o3, Sonnet 3.7 and Gemini 2.5 Pro as in the "
                       "paper.\n- The judge model for benign prompts is GPT-4o-mini.\n")
    for model in ("o3", "Sonnet 3.7", "Gemini 2.5 Pro", "GPT-4o-mini"):
        assert ("FORTRESS", "USES", model) in found, found
    found = typed(nlp, "# PersistBench\n\nPersistBench evaluates long-term memory risks in LLMs "
                       "across three categories.\n\nThe default judge model is "
                       "`openrouter/moonshotai/kimi-k2-thinking` routed to google-vertex at "
                       "temperature 0. This judge was selected because the PersistBench "
                       "paper's judge calibration was performed against Vertex AI-hosted Kimi "
                       "K2 Thinking, ensuring score consistency with published results.\n")
    assert ("PersistBench", "USES", "openrouter/moonshotai/kimi-k2-thinking") in found, found


def test_the_sandbox_is_the_page_s_whatever_the_sentence_s_subject(nlp):
    # eval__gdpval.md (held-out, dev half): the sentence before is about Inspect, "we" its
    # subject; the task runs in the sandbox
    found = typed(nlp, "# GDPval\n\nGDPval measures model performance on economically "
                       "valuable, real-world tasks across 44 occupations.\n\nInspect doesn't "
                       "support the code interpreter API. Instead, we provide it with the "
                       "default `bash` and `python` tool, and the task is run within a docker "
                       "sandbox.\n")
    assert ("GDPval", "USES", "docker") in found, found
    assert not any(t == "docker" and s != "GDPval" for s, _, t in found), found


ARABIC_MMLU = """# ArabicMMLU

### Paper

Title: ArabicMMLU: Assessing Massive Multitask Language Understanding in Arabic

To bridge this gap, we present ArabicMMLU, the first multi-task language understanding \
benchmark for Arabic language, sourced from school exams across diverse educational levels \
in different countries spanning North Africa, the Levant, and the Gulf regions. Our \
comprehensive evaluations of 35 models reveal substantial room for improvement, \
particularly among the best open-source models. Notably, BLOOMZ, mT0, LLama2, and Falcon \
struggle to achieve a score of 50%, while even the top-performing Arabic centric model only \
achieves a score of 62.3%.
"""


def test_models_whose_results_a_benchmark_s_page_reports_were_evaluated_on_it(nlp):
    # task__arabicmmlu.md (training/corpus/packages): the sentence names no benchmark, and
    # the parser reads "struggle" as a noun
    found = typed(nlp, ARABIC_MMLU)
    for model in ("BLOOMZ", "mT0", "LLama2", "Falcon"):
        assert (model, "EVALUATED_ON", "ArabicMMLU") in found, found


def test_a_scorer_s_model_is_not_evaluated_by_the_score_it_gives(nlp):
    # eval__bold.md (training/corpus/evals): Detoxify scores the answers
    found = typed(nlp, "# BOLD: Bias in Open-ended Language Generation Dataset\n\nThis "
                       "evaluation measures social biases in the text a model generates.\n\n"
                       "- **Toxicity Score:** Measures the toxicity level in the model's "
                       "responses, using a Hugging Face-based toxicity classifier (i.e. "
                       "Detoxify).\n")
    assert not any(s == "Detoxify" and p == "EVALUATED_ON" for s, p, _ in found), found


def test_what_the_page_s_own_benchmark_uses(nlp):
    # eval__gdm_intercode_ctf.md (training/corpus/evals): "This implementation" is the
    # page's benchmark; its clause ends at "to enable" (bash is no tool it uses)
    found = typed(nlp, "# InterCode CTF\n\nThis directory includes an implementation of the "
                       "InterCode CTF benchmark (originally published in InterCode: "
                       "Standardizing and Benchmarking Interactive Coding with Execution "
                       "Feedback).\n\n> [!NOTE]\n> This implementation uses tool calling to "
                       "enable the model to execute bash and python code.\n")
    assert ("InterCode CTF", "USES", "tool calling") in found, found
    assert not any(t.lower() in ("bash", "python") for _, _, t in found), found


MLRC_BENCH = """# MLRC-Bench: Can Language Agents Solve Machine Learning Research Challenges?

This is an Inspect AI implementation of MLRC-Bench, a benchmark for evaluating whether AI \
agents can solve open-ended machine learning research challenges by proposing and \
implementing novel methods that improve on a provided baseline.

### Helper models

This eval uses Model Roles for its helper models.

- **Roles used**

  - **edit_script**: Model used by the "Edit Script (AI)" tool (default: `openai/o4-mini`).
  - **fast**: Model used for lightweight helper tools such as reflection and file \
understanding (default: `openai/gpt-4o-mini`).
"""


def test_a_model_a_benchmark_s_setting_defaults_to_is_its_tool(nlp):
    # eval__mlrc_bench.md (held-out, dev half)
    found = typed(nlp, MLRC_BENCH)
    for model in ("openai/o4-mini", "openai/gpt-4o-mini"):
        assert ("MLRC-Bench", "USES", model) in found, found


def test_a_paper_title_names_the_page_no_heading_names(nlp):
    # task__chartqa.md (heldout-more-dev): the heading is a template's ("# Task-name"); the
    # title line names the benchmark the authors' figures are of; not a title whose name is
    # no first word before a colon (task__xwinograd.md: "It's All in the Heads: Using
    # Attention Heads as a Baseline ...")
    text = ("# Task-name\n\n### Paper\n\nTitle: `ChartQA: A Benchmark for Question Answering "
            "about Charts with Visual and Logical Reasoning`\n\nAbstract: `In this work, we "
            "present a large-scale benchmark covering 9.6K human-written questions as well as "
            "23.1K questions generated from human-written chart summaries.`\n")
    found = typed(nlp, text)
    assert ("ChartQA", "HAS_METRIC", "23.1K questions") in found, found
    text = ("# Task-name\n\n### Paper\n\nTitle: `It's All in the Heads: Using Attention Heads "
            "as a Baseline for Cross-Lingual Transfer in Commonsense Reasoning`\n\nAs it only "
            "contains 16 Chinese schemas, we add 488 Chinese schemas from clue/cluewsc2020.\n")
    assert not any(t == "16 Chinese schemas" for _, _, t in typed(nlp, text))


def test_a_benchmark_made_from_another_is_based_on_it(nlp):
    # task__gsm_plus.md, task__histoires_morales.md (training/corpus/packages): the parser
    # hangs "an extension of" on "dataset"; "adapted to French from" is no rule's phrase
    found = typed(nlp, "We introduce the adversarial grade school math (GSM-PLUS) dataset, an "
                       "extension of GSM8K augmented with various mathematical perturbations.")
    assert ("GSM-PLUS", "BASED_ON", "GSM8K") in found, found
    found = typed(nlp, "Histoires Morales is adapted to French from the widely used Moral "
                       "Stories dataset.")
    assert ("Histoires Morales", "BASED_ON", "Moral Stories") in found, found
    # session 55 probe k5 (a benchmark paper's summary of our own): every benchmark listed
    found = typed(nlp, "We present LongBench-Lite, a compact benchmark of 1,200 examples drawn "
                       "from LongBench and InfiniteBench, covering single-document QA.")
    assert {("LongBench-Lite", "BASED_ON", "LongBench"),
            ("LongBench-Lite", "BASED_ON", "InfiniteBench")} <= found, found


def test_a_benchmark_is_based_on_what_the_words_before_it_say_it_was_taken_from(nlp):
    # task__esbbq.md, task__egymmlu.md (heldout-more-dev): the source comes a clause after
    # the benchmark the sentence is about, or after the "It" standing for it
    found = typed(nlp, "EsBBQ is a dataset designed to assess social bias across 10 categories "
                       "in a multiple-choice QA setting, adapted from the original BBQ into the "
                       "Spanish language and the social context of Spain.")
    assert ("EsBBQ", "BASED_ON", "BBQ") in found, found
    found = typed(nlp, "# EgyMMLU\n\nEgyMMLU is a benchmark designed to evaluate the performance "
                       "of large language models in Egyptian Arabic. It contains 22,027 "
                       "multiple-choice questions covering 44 subjects, translated from parts of "
                       "the Massive Multitask Language Understanding (MMLU) and ArabicMMLU "
                       "benchmarks.")
    assert any(s == "EgyMMLU" and p == "BASED_ON" and "Massive" in t for s, p, t in found), found
    assert ("EgyMMLU", "BASED_ON", "ArabicMMLU") in found, found  # listed after the first one
    # not a benchmark the subject is compared with, nor a source the subject is not
    found = typed(nlp, "The dataset consists of 78 Capture the Flag (CTF) challenges sourced "
                       "from picoCTF, drawn from the InterCode benchmark.")
    assert not any(p == "BASED_ON" and s == "picoCTF" for s, p, t in found), found
    # a line without a subject under the benchmark's heading (eval__novelty_bench.md,
    # training text)
    found = typed(nlp, "### NBWILDCHAT (1,000 prompts)\n\nAutomatically curated from WildChat "
                       "(1M real ChatGPT conversations) using:\n\n- Deduplication\n")
    assert ("NBWILDCHAT", "BASED_ON", "WildChat") in found, found


def test_a_benchmark_uses_the_benchmarks_it_is_made_of(nlp):
    # task__afrimgsm.md, task__mlqa.md (heldout-more-dev): a suite's parts, named in brackets
    # after what each is, however far after the word saying what it covers
    found = typed(nlp, "IrokoBench is a human-translated benchmark dataset for 16 typologically "
                       "diverse low-resource African languages covering three tasks: natural "
                       "language inference (AfriXNLI), mathematical reasoning (AfriMGSM), and "
                       "multi-choice knowledge-based QA (AfriMMLU).")
    assert {("IrokoBench", "USES", "AfriXNLI"), ("IrokoBench", "USES", "AfriMGSM"),
            ("IrokoBench", "USES", "AfriMMLU")} <= found, found
    found = typed(nlp, "SuperGLUE-X comprises MMLU, GSM8K and HumanEval.")  # (lexicon rules)
    assert ("SuperGLUE-X", "USES", "GSM8K") in found, found
    # not what the words after a verb of their own name (task__mathqa.md, task__egymmlu.md)
    found = typed(nlp, "MathQA is a large-scale dataset of 37k English multiple-choice math "
                       "word problems covering multiple math domain categories by modeling "
                       "operation programs corresponding to word problems in the AQuA dataset.")
    assert ("MathQA", "USES", "AQuA") not in found, found
    found = typed(nlp, "# EgyMMLU\n\nEgyMMLU is a benchmark designed to evaluate large language "
                       "models in Egyptian Arabic. It contains 22,027 multiple-choice questions "
                       "covering 44 subjects, translated from parts of the MMLU and ArabicMMLU "
                       "benchmarks.")
    assert not any(p == "USES" and t in ("MMLU", "ArabicMMLU") for _, p, t in found), found


BEAR = """# BEAR

Dataset to evaluate common factual knowledge in language models. This dataset was created as \
part of the paper "BEAR: A Unified Framework for Evaluating Relational Knowledge in Causal \
and Masked Language Models".

Knowledge probing assesses to which degree a language model (LM) has successfully learned \
relational knowledge during pre-training. We carefully design an evaluation dataset of 7,731 \
instances (40,916 in a larger variant) from which we produce alternative statements for each \
relational fact, one of which is correct. Our experimental evaluation of 22 common LMs shows \
that our proposed framework, BEAR, can effectively probe for knowledge across different LM \
types.
"""


def test_the_figures_a_benchmark_s_authors_give_of_their_work_are_the_benchmark_s(nlp):
    # task__bear.md (held-out, dev half): "We" sentences naming nothing but the benchmark
    found = typed(nlp, BEAR)
    assert ("BEAR", "HAS_METRIC", "7,731 instances") in found, found
    assert ("BEAR", "HAS_METRIC", "22 common LMs") in found, found
    assert not any(p == "HAS_METRIC" and s != "BEAR" for s, p, _ in found), found


PERSISTBENCH_RESULTS = """# PersistBench

PersistBench evaluates long-term memory risks in LLMs.

| Task                             | Model                                          | Failure Rate \
| Paper Result [95% CI] |
| -------------------------------- | ---------------------------------------------- | ------------ \
| --------------------- |
| `persistbench_cross_domain`      | `openrouter/meta-llama/llama-3.3-70b-instruct` | 25.0         \
| 17.5 [12.0, 23.0]     |
| `persistbench_sycophancy`        | `openrouter/meta-llama/llama-3.3-70b-instruct` | 85.0         \
| 82.0 [77.0, 87.0]     |
"""


def test_a_table_row_is_one_sentence_and_its_figures_are_its_model_s(nlp):
    # eval__persistbench.md (held-out, dev half): the parser cut the row at "[" and the
    # interval's bounds were nobody's
    doc = nlp(PERSISTBENCH_RESULTS)
    rows = [s.text.strip() for s in doc.sents if s.text.lstrip().startswith("| `")]
    assert len(rows) == 2 and all(r.endswith("|") for r in rows), rows
    found = typed(nlp, PERSISTBENCH_RESULTS)
    for figure in ("25.0", "17.5", "12.0", "23.0", "82.0", "77.0", "87.0"):
        assert ("openrouter/meta-llama/llama-3.3-70b-instruct", "HAS_METRIC", figure) in found, \
            (figure, found)


TRUTHFULQA_MULTI = """# TruthfulQA-Multi

## Paper

Title: `Truth Knows No Language: Evaluating Truthfulness Beyond English`

We introduce a professionally translated extension of the TruthfulQA benchmark designed to \
evaluate truthfulness in Basque, Catalan, Galician, and Spanish. Our study evaluates 12 \
state-of-the-art open LLMs, comparing base and instruction-tuned models using human \
evaluation, multiple-choice metrics, and LLM-as-a-Judge scoring.
"""

SOCIAL_IQA = """# Social IQA

### Paper

> We introduce Social IQa, the first largescale benchmark for commonsense reasoning about \
social situations. Through crowdsourcing, we collect commonsense questions along with correct \
and incorrect answers about social interactions.
"""

COMPUTE_EVAL = """# ComputeEval

ComputeEval evaluates CUDA code generation. We strongly recommend using a sandbox \
environment (e.g., a Docker container or virtual machine) when running generated code.
"""


def test_what_a_benchmark_s_authors_say_they_use_is_the_benchmark_s(nlp):
    # task__truthfulqa-multi.md (held-out, dev half), task__siqa.md (training text): the
    # paper's "we" / "our study" is the page's benchmark's, through its participles ("using"
    # hung on the object "models") and "through"/"via"; not advice to the reader
    found = typed(nlp, TRUTHFULQA_MULTI)
    assert ("TruthfulQA-Multi", "USES", "human evaluation") in found, found
    found = typed(nlp, SOCIAL_IQA)
    assert ("Social IQa", "USES", "crowdsourcing") in found, found
    doc = nlp(COMPUTE_EVAL)  # (the page's sandbox is its own: another reading)
    assert not any(we_readings(s, list(s.ents)) for s in doc.sents)


def test_a_version_or_a_suite_of_the_page_s_benchmark_stands_for_it(nlp):
    # task__careqa.md (held-out, dev half): "The close-ended version is ... including 5,621
    # QA pairs", "The open-ended version ... contains 3,730 QA pairs" are the benchmark's
    found = typed(nlp, "# CareQA\n\nCareQA is available in both English and Spanish. The "
                       "open-ended version (English only) contains 3,730 QA pairs.")
    assert ("CareQA", "HAS_METRIC", "3,730 QA pairs") in found, found
    # n01_reka_vela.txt (training text): "our internal long-document suite" is the company's
    found = typed(nlp, "New from Reka: Vela 2, a multimodal model family that reads charts, "
                       "video and code.\n\nWe also evaluated both models on DocHaystack, our "
                       "internal long-document suite, where Vela 2 Max finds the right page for "
                       "94% of queries.")
    assert ("DocHaystack", "DEVELOPED_BY", "Reka") in found, found
