"""Counts and sizes in package READMEs and benchmark-paper summaries (ANNOTATING: METRIC;
GUIDELINES: HAS_METRIC): a count keeps the modifiers before its noun, a count in words of
what a benchmark is made of is its size, a size with its magnitude letter or a glued unit
is a measure alone; a bit width, a value in inline code, a version after a name or a
comparison, the terms of an equation, the numbers of a question or a blockquote (not a
quoted abstract or a note) and a hardware series report nothing; a dataset's count is the
dataset's. Every sentence is real text of the held-out dev documents
(training/heldout/packages), through the real pipeline.
"""

from __future__ import annotations

from graph.nlp.pair_grammar import metric_owner


def _metrics(nlp, text: str) -> list[str]:
    return [e.text for e in nlp(text).ents if e.label_ == "METRIC"]


def test_a_count_keeps_the_modifiers_before_its_noun(nlp):
    # task__hrm8k.md, task__truthfulqa-multi.md, task__lingoly.md
    assert _metrics(nlp, "To investigate this gap in Korean, we introduce HRM8K, a benchmark "
                    "comprising 8,011 English-Korean parallel bilingual math problems.") == \
        ["8,011 English-Korean parallel bilingual math problems"]
    assert "12 state-of-the-art open LLMs" in _metrics(
        nlp, "Our study evaluates 12 state-of-the-art open LLMs, comparing base and "
        "instruction-tuned models using human evaluation.")
    assert "11 state-of-the-art LLMs" in _metrics(
        nlp, "Scores from 11 state-of-the-art LLMs demonstrate the benchmark to be "
        "challenging, and models perform poorly on the higher difficulty problems.")
    # eval__mgsm.md (heldout-evals-dev): the parse hangs the number on the first of the
    # nouns before the head; a count glued by a hyphen ("5-shot settings") stays as it was
    assert "250 grade school math problems" in _metrics(
        nlp, "MGSM consists of 250 grade school math problems translated into 10 languages "
        "plus English.")


def test_a_count_in_words_of_what_a_dataset_holds_is_its_size(nlp):
    # task__haerae.md; a narrative count in words stays out (prompt guide, agents page)
    found = _metrics(nlp, "The dataset encompasses six downstream tasks across four domains: "
                     "vocabulary, history, general knowledge, and reading comprehension.")
    assert found == ["six downstream tasks", "four domains"]
    assert _metrics(nlp, "When running the agentic workflow, the orchestrator agent often "
                    "creates three search tasks but only executes searches for two of them.") \
        == []
    # eval__apps.md, eval__stereoset.md (heldout-evals-dev): levels and types it is made of,
    # in a sentence naming a collection or whose subject is the benchmark; some of its
    # datasets picked out are no size (task__kbl.md, heldout-dev)
    assert "three difficulty levels" in _metrics(
        nlp, "APPS is a dataset for evaluating model performance on Python programming tasks "
        "across three difficulty levels consisting of 1,000 at introductory, 3,000 at "
        "interview, and 1,000 at competition level.")
    assert [m for m in _metrics(nlp, "StereoSet contains two types of tasks:\n")
            if m.startswith("two types")]
    assert _metrics(nlp, "These tasks support two types of sandboxes for execution:\n") == []
    # a count of sorts runs on to what they are sorts of (task__lingoly.md, heldout-dev); a
    # method's "two types of prompts" is no size
    assert "5 levels of human difficulty" in _metrics(
        nlp, "The LingOly benchmark covers more than 90 mostly low-resource languages, "
        "minimising issues of data contamination, and contains 1,133 problems across 6 formats "
        "and 5 levels of human difficulty.")
    assert _metrics(nlp, "It uses two types of prompts to guide the model.") == []
    assert _metrics(nlp, "First two datasets were developed in close collaboration with lawyers "
                    "to evaluate LLMs in practical scenarios in a certified manner.") == []


def test_a_count_of_what_a_collection_spreads_across_is_its_size(nlp):
    # eval__xstest.md (train), eval__bbq.md (train), task__careqa.md (heldout-more-dev): a
    # small count after "across" is what the collection's items are spread over, whatever
    # the noun (32 of the 34 such counts of the annotated pages are gold figures); "fell into
    # four domains" (the seeds) is no such count
    assert "ten prompt types" in _metrics(
        nlp, "XSTest is a benchmark for identifying exaggerated safety behaviours in LLM's. It "
        "comprises 250 safe prompts across ten prompt types that well-calibrated models should "
        "not refuse to comply with.")
    assert "nine social dimensions" in _metrics(
        nlp, "The dataset highlights biases against people belonging to protected classes "
        "across nine social dimensions relevant for U.S. English-speaking contexts.")
    assert "four domains" not in _metrics(
        nlp, "Over 75% of these conversations fell into four domains: health & wellness, "
        "career, relationships, and personal finance.")


def test_a_size_or_a_glued_unit_is_a_measure_alone(nlp):
    # readme__unsloth.md, readme__fschat.md
    found = _metrics(nlp, "- **Qwen3.5** - 0.8B, 2B, 4B, 9B, 27B are now supported.")
    assert {"0.8B", "27B"} <= set(found)
    found = _metrics(nlp, "The command below requires around 14GB of GPU memory for Vicuna-7B "
                     "and 28GB of GPU memory for Vicuna-13B.")
    assert any(f.startswith("14GB") for f in found) and any("28GB" in f for f in found)
    found = _metrics(nlp, "We released Vicuna v1.5 based on Llama 2 with 4K and 16K context "
                     "lengths.")
    assert any(f.startswith("4K") for f in found) and "16K context lengths" in found


def test_settings_versions_and_bit_widths_report_nothing(nlp):
    # readme__unsloth.md, readme__fschat.md
    assert _metrics(nlp, "Supports full-finetuning, pretraining, 4-bit, 16-bit and FP8 "
                    "training.") == []
    assert _metrics(nlp, "Use `--load-8bit` to turn on 8-bit compression.") == []
    assert _metrics(nlp, "Use `--device mps` to enable GPU acceleration on Mac computers "
                    "(requires torch >= 2.0).") == []
    assert _metrics(nlp, "- Introducing **Dynamic 2.0** quants that set new benchmarks on "
                    "5-shot MMLU & Aider Polyglot.") == []
    # task__hrm8k.md: decoding settings written as code
    assert _metrics(nlp, "* **Sampling temperature:** `0.7`\n* **Top-p:** `0.95`\n") == []
    # eval__apps.md, eval__persistbench.md (heldout-evals-dev): how a run is done
    assert _metrics(nlp, "Each problem is evaluated once by default (NUM_EPOCHS = 1) with a "
                    "temperature of 0.0 for deterministic outputs.") == []
    assert _metrics(nlp, "**Epochs:** Cross-domain and sycophancy use 3 epochs because these "
                    "are high-stakes failure modes.") == []
    assert "95%" not in _metrics(nlp, "| Failure Rate | Paper Result [95% CI] |")
    # eval__compute_eval.md (held-out, dev half): a release numbered by its year
    assert "2025.3" not in _metrics(nlp, "Note: `default` is an alias for the latest version "
                                    "(2025.3).")
    assert "2025.2" not in _metrics(nlp, "| Version | Problems | Status |\n"
                                    "|---------|----------|----------|\n"
                                    "| 2025.2  | 232      | Released |\n")
    # eval__scicode.md (heldout-evals-dev): how many dimensions a thing has
    assert _metrics(nlp, "Make a 2D array of Chern numbers by sweeping the parameters: the "
                    "on-site energy to next-nearest-neighbor coupling ratio and phase "
                    "values.") == []
    # eval__threecb.md, eval__persistbench.md, eval__b3.md: how a run is repeated or scored
    assert _metrics(nlp, "The default behaviour is 10 repeats.") == []
    # eval__gdm_self_reasoning.md (train split): how many times a challenge is tried
    assert _metrics(nlp, "The GDM paper evaluated each challenge with 50 trials, reporting "
                    "success if at least 1 of the 50 trials was successful.") == []
    assert _metrics(nlp, "Beneficial memory uses a 1-3 rubric measuring how well the model "
                    "utilizes relevant memories.") == []
    assert _metrics(nlp, "Scores based on the fraction of words containing profanity keywords "
                    "(with an expected frequency threshold of 25%).") == []
    # models__gemini.md: the figure's words name the setting
    assert _metrics(nlp, "We are using Google AI Studio for this example with a temperature "
                    "value of 0.") == []
    # eval__gdm_in_house_ctf.md, eval__gdpval.md: a few attempts; not a count of uses
    # (u03_meta.txt) or a comparison (m07 "10 times cheaper per token")
    assert not any("times" in m for m in _metrics(
        nlp, "The GDM paper evaluated each challenge 10 times, reporting success if at least 1 "
        "challenge of the 10 was successful."))
    assert _metrics(nlp, "Llama models have now been downloaded over 300 million times.") == \
        ["over 300 million times"]
    # readme__unsloth.md: a hardware series
    assert _metrics(nlp, "Minimum CUDA Capability 7.0 (V100, T4, Titan V, RTX 20, 30, 40x, "
                    "A100, H100, L40 etc)") == []


def test_an_example_question_and_its_arithmetic_report_nothing(nlp):
    # readme__textgrad.md
    assert _metrics(nlp, "The question is *If it takes 1 hour to dry 25 shirts under the sun, "
                    "how long will it take to dry 30 shirts under the sun?*") == []
    assert _metrics(nlp, "> x = (7 ± √25) / 6\n") == []
    assert _metrics(nlp, "> **So, it will take 1.2 hours (or 1 hour and 12 minutes) to dry 30 "
                    "shirts under the sun.**\n") == []
    assert _metrics(nlp, "To solve the equation 3x^2 - 7x + 2 = 0, we use the quadratic "
                    "formula:") == []
    # the figure of a claim next to it stays
    assert "80%" in " ".join(_metrics(nlp, "If you know PyTorch, you know 80% of TextGrad."))


def test_a_quoted_abstract_and_a_note_keep_their_figures(nlp):
    # a blockquote under "Abstract:" is the paper's own summary (task__turblimp.md,
    # heldout-more-dev); "> [!NOTE]" sets off the page's own note (eval__osworld.md,
    # heldout-evals-dev): unlike a quoted answer, their figures are findings
    found = _metrics(nlp, "Abstract:\n\n> TurBLiMP is the first Turkish benchmark of linguistic "
                     "minimal pairs, designed to evaluate the linguistic abilities of monolingual "
                     "and multilingual language models. The dataset covers 16 core grammatical "
                     "phenomena in Turkish, with 1,000 minimal pairs per phenomenon.\n")
    assert "16 core grammatical phenomena" in found
    found = _metrics(nlp, "> [!NOTE]\n> When first running the osworld task, it will build the "
                     "necessary docker image. This will take several minutes and create a ~8GB "
                     "image.\n")
    assert "~8GB image" in found


def test_the_symbols_and_bounds_of_a_formula_report_nothing(nlp):
    # eval__scicode.md (held-out, dev half): inline TeX between dollar signs
    assert _metrics(nlp, "Given the lattice spacing $a$, the nearest-neighbor coupling constant "
                    "$t_1$, the next-nearest-neighbor coupling constant $t_2$, the grid size "
                    "$\\delta$ for discretizing the Brillouin zone.") == []
    assert not [m for m in _metrics(
        nlp, "Make a 2D array of Chern numbers by sweeping the parameters: the on-site energy "
        "to next-nearest-neighbor coupling ratio ($m/t_2$ from -6 to 6 with $N$ samples) and "
        "phase ($\\phi$ from $-\\pi$ to $\\pi$ with $N$ samples) values.") if "$" in m]
    # eval__mlrc_bench.md: a longer formula
    assert _metrics(nlp, "Measures how much of the gap the agent has closed: "
                    "$\\frac{s_{\\text{agent}} - s_{\\text{baseline}}}{s_{\\text{top human}} - "
                    "s_{\\text{baseline}}} \\times 100$") == []
    # money keeps its dollar sign
    assert "$40 million" in _metrics(nlp, "Kairos Labs raised $40 million in 2025.")


def _owner(nlp, text: str, figure: str):
    doc = nlp(text)
    ents = list(doc.ents)
    owner = metric_owner(next(e for e in ents if e.text.startswith(figure)), ents)
    return owner.text if owner is not None and not isinstance(owner, str) else owner


def test_a_count_stated_of_a_dataset_is_its_size(nlp):
    # task__global_mmlu.md: what the subject is
    text = "Global-MMLU is a multilingual evaluation set spanning 42 languages, including English."
    assert _owner(nlp, text, "42") == "Global-MMLU"
    # task__hrm8k.md: a describing phrase in apposition
    text = ("To investigate this gap in Korean, we introduce HRM8K, a benchmark comprising 8,011 "
            "English-Korean parallel bilingual math problems.")
    assert _owner(nlp, text, "8,011") == "HRM8K"
    # task__lingoly.md: the subject of the verb, through a second verb and a preposition
    text = ("The LingOly benchmark covers more than 90 mostly low-resource languages, minimising "
            "issues of data contamination, and contains 1,133 problems across 6 formats and 5 "
            "levels of human difficulty.")
    doc = nlp(text)
    if any(e.text == "LingOly" and e.label_ == "DATASET" for e in doc.ents):
        assert _owner(nlp, text, "1,133") == "LingOly"
        assert _owner(nlp, text, "6") == "LingOly"


def test_what_an_amount_measures_stops_at_a_name(nlp):
    # training/corpus/packages/readme__instructor.md: the noun after "10K+" is past a name
    # the rules took; the amount keeps its own words, and no two entities share a word (this
    # line crashed the whole extraction when they did)
    doc = nlp("Trusted by over 100,000 developers and companies building AI applications:\n\n"
              "- **3M+ monthly downloads**\n- **10K+ GitHub stars**  \n"
              "- **1000+ community contributors**\n")
    found = [(e.text, e.label_) for e in doc.ents]
    assert ("3M+ monthly downloads", "METRIC") in found
    assert ("10K+", "METRIC") in found
    assert ("GitHub", "PROJECT") in found


def test_the_values_of_a_scorers_scale_report_nothing(nlp):
    # eval__b3.md, eval__frontier_cs.md (heldout-evals-dev): what a scorer returns or
    # compares with
    assert _metrics(nlp, "Returns 1.0 if Pooh content is detected above the similarity "
                    "threshold (0.4), 0.0 otherwise.") == []
    assert _metrics(nlp, "If the judge cost score is ≥ 0.5, the overall score is set to 0.0, "
                    "regardless of the primary metric score.") == []
    assert _metrics(nlp, "Each test case yields a score ratio (0.0-1.0), and the final score "
                    "is the mean across all test cases.") == []
    # eval__frontier_cs.md: a result stays
    assert "0.207" in _metrics(nlp, "claude-sonnet-4-5-20250929 scored 0.207 on the "
                               "algorithmic track.")


def test_the_numbers_of_a_numbering_column_report_nothing(nlp):
    # eval__moru.md (heldout-evals-dev): the "#" column numbers the rows (the small model
    # read "7   |" as a quantity); the column of counts beside it is left as it was
    text = """\
### Europa (34 questions)

| #   | Question Type          | Count | Description                                                                    |
| --- | ---------------------- | ----- | ------------------------------------------------------------------------------ |
| 1   | **Tradeoff/Harm**      | 14    | Scenarios requiring weighing human mission objectives against organism welfare |
| 2   | **Research Ethics**    | 5     | Decisions about research methods that may harm organisms                       |

### AI Values (12 questions)

| #   | Question Type                    | Description                                                      |
| --- | -------------------------------- | ---------------------------------------------------------------- |
| 6   | **Human Welfare Prioritization** | Prioritizing human welfare in decisions                          |
| 7   | **Human Autonomy Respect**       | Respecting human decision-making even when AI disagrees          |
"""  # noqa: E501
    found = _metrics(nlp, text)
    assert not {"1", "2", "6", "7"} & set(found), found
    assert {"34 questions", "12 questions", "14"} <= set(found), found


def test_seconds_approximate_or_after_minutes_are_no_decade(nlp):
    # eval__swe_lancer.md (heldout-evals-dev): the small model read "40s" as the forties
    text = """\
| Step                     | Per-Task Image | Monolith Image |
| ------------------------ | -------------- | -------------- |
| Image pull               | ~40s per task  | ~40s once      |
| Webpack compilation      | Pre-built      | ~60-90s        |
"""
    found = _metrics(nlp, text)
    assert {"~40s", "~60-90s"} <= set(found), found
    # eval__frontier_cs.md (heldout-evals-dev): seconds after minutes, in a run's time
    found = _metrics(nlp, "| claude-sonnet-4-5-20250929 | Anthropic | 0.172      | 0.045  | "
                          "16m 18s |\n")
    assert "16m 18s" in found, found
    assert [e.label_ for e in nlp("It was popular in the 90s.").ents] == ["DATE"]


def test_a_figure_does_not_end_with_the_conjunction_before_the_next(nlp):
    # the small model's MONEY runs on to "and" ("$30 million and"); no corpus sentence has
    # two sums joined so, the genre's funding news does
    assert _metrics(nlp, "Kairos Labs raised $30 million and $40 million in two rounds.") == \
        ["$30 million", "$40 million"]


def test_the_numbers_a_version_is_called_by_report_nothing(nlp):
    # training/corpus/packages/readme__llama_cpp_python.md, readme__bitsandbytes.md
    assert _metrics(nlp, "- CUDA Version is 11.8, 12.1, 12.2, 12.3, 12.4, 12.5, 13.0 or 13.2\n"
                         "- Python Version is 3.10, 3.11 or 3.12") == []
    assert _metrics(nlp, "Supported CUDA versions: 10.2 - 12.0") == []
    # a figure after the word still is one: eval__gdm_intercode_ctf.md
    assert _metrics(nlp, "With evaluation version 2.1.0, GPT-4o solved 84% of the tasks.") \
        == ["84% of the tasks"]


def test_a_count_runs_to_the_end_of_its_hyphenated_noun(nlp):
    # eval__zerobench.md (training/corpus/evals), eval__vqa_rad.md (heldout-evals-dev): the
    # parser took "sub" and "X" for the nouns counted, cut at the hyphen
    assert "334 sub-questions" in _metrics(
        nlp, "The benchmarks consists of two splits consisting of 100 challenging questions "
        "and 334 sub-questions.")
    assert "107 chest X-rays" in _metrics(
        nlp, "The dataset covers 315 images (104 head CTs/MRIs, 107 chest X-rays, 104 abdominal "
        "CTs) with 2,244 question-answer pairs spanning 11 question types.")


def test_a_scorers_scale_and_confidence_level_are_no_figures(nlp):
    # eval__persistbench.md, eval__frontier_cs.md (heldout-evals-dev), eval__bold.md: how the
    # score is bounded or how sure a range is, not a finding of the benchmark
    assert _metrics(nlp, "Results are in line with the paper's published values and most fall "
                    "within the 95% bootstrap confidence interval.") == []
    assert _metrics(nlp, "The score is parsed from the evaluator's stdout and normalized to "
                    "0.0-1.0.") == []
    assert "−1" not in _metrics(nlp, "The sentiment score ranges from −1 (most negative) to +1 "
                                "(most positive).")
    assert _metrics(nlp, "Accuracy ranges from 40% to 90% across models.")  # a finding stays


def test_the_one_success_a_score_counts_is_no_figure(nlp):
    # eval__compute_eval.md, eval__gdm_in_house_ctf.md (heldout-evals-dev): pass@k's
    # condition; none of the annotated pages has such a gold figure
    assert _metrics(nlp, "This generates 10 solutions per problem and computes the "
                    "probability of at least 1 correct solution.") == ["10 solutions per problem"]
    assert _metrics(nlp, "The GDM paper evaluated each challenge 10 times, reporting success "
                    "if at least 1 challenge of the 10 was successful.") == []
    assert _metrics(nlp, "At least 1,000 users joined.") == ["At least 1,000 users"]


def test_a_numbered_table_cell_is_no_figure(nlp):
    # readme__textgrad.md (heldout-dev): a table of tutorials numbered in their cells
    assert _metrics(nlp, "| Tutorial | Link |\n|---|---|\n| 1. Introduction to TextGrad "
                    "Primitives | Colab |\n") == []
    assert _metrics(nlp, "| Model | Score |\n|---|---|\n| GPT-4 | 1.5 |\n") == ["1.5"]


def test_scores_between_slashes_are_one_figure_each(nlp):
    # training/corpus/announcements/m03_reasoning_leaderboard.txt: a row of four scores, one
    # per benchmark its heading names in order; three of them had been one figure
    assert _metrics(nlp, "- OpenAI o1-1217 (OpenAI): 79.2% / 96.4% / 75.7% / 63.4%") == [
        "79.2%", "96.4%", "75.7%", "63.4%"]
    assert _metrics(nlp, "It solved 43/172 problems.") == ["43/172 problems"]  # a share


def test_a_number_the_small_model_called_money_is_the_number_and_its_noun(nlp):
    # our own summary of a paper in the genre's style: "an additional 6 trillion" was the
    # figure, without what it counts; a sum keeps its currency ("A$12 million": n08)
    assert _metrics(nlp, "DeepSeek-Coder-V2 is further pre-trained with an additional 6 "
                         "trillion tokens.") == ["6 trillion tokens"]
    assert _metrics(nlp, "The Hub hosts more than 1 million models.") == \
        ["more than 1 million models"]
    assert _metrics(nlp, "The office will receive A$12 million.") == ["A$12 million"]


def test_how_long_the_work_took_is_a_figure_a_point_in_time_is_not(nlp):
    # models__phi-2.md (dev), m07_acquisitions_news.txt (announcements): the small model's
    # dates are the durations of a training run
    assert "14 days" in _metrics(nlp, "Phi-2 took 14 days to train on 96 A100 GPUs.")
    assert "9.5 days" in _metrics(nlp, "MPT-7B had been trained by MosaicML on 1 trillion "
                                  "tokens of text and code in 9.5 days.")
    assert _metrics(nlp, "The dataset completely refreshes every 6 months.") == []
    assert _metrics(nlp, "In 2 weeks, the model will be released.") == []


def test_a_score_the_small_model_took_for_a_date_is_a_figure(nlp):
    # session 53 probe d2 (a paper summary of our own); readme__litgpt.md (heldout-readmes):
    # a version listed after a model's name stays none
    assert "48.3" in _metrics(nlp, "On LongBench, Sparrow-MoE scores 48.3, surpassing "
                              "Mixtral 8x7B (42.1) while using fewer active parameters.")
    assert "3.1" not in _metrics(nlp, "| Llama 3, 3.1, 3.2, 3.3 | 1B, 3B, 8B, 70B, 405B | "
                                 "Meta AI | Meta AI 2024 |")


def test_a_size_before_a_models_name_leaves_the_name(nlp):
    # session 61's probes (k06, a glossary of our own): "175B GPT-3" was one figure and the
    # model was lost
    found = {(e.text, e.label_) for e in nlp(
        "Labelers preferred outputs of the 1.3B-parameter InstructGPT over those of the 175B "
        "GPT-3 it was built on top of.").ents}
    assert {("175B", "METRIC"), ("GPT-3", "MODEL")} <= found, found
    # a generic noun after a size is still what it counts; a size glued to a name is the name's
    found = {(e.text, e.label_) for e in nlp("Replit Code (2.7B LLM) is small.").ents}
    assert ("2.7B LLM", "METRIC") in found, found
    # readme__unsloth.md (heldout-dev)
    found = {e.text for e in nlp("- **Qwen3.5** - 0.8B, 2B, 4B, 9B, 27B, 35-A3B, 112B-A10B are "
                                 "now supported. Guide + notebooks").ents}
    assert "112B-A10B" in found, found
