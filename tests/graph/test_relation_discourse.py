"""Relations stated through discourse and layout rather than inside one sentence's names
(issue "Relations a reader can trust"): a pronoun or "the model" standing for the entity
named before, the items of a list under a line naming their subject, a use stated by a
verb far from its subject, a comparison naming the benchmarks it was made on. Every text
is real text of the genre (the Prompt Engineering Guide's training pages or our own
training announcements), run through the whole pipeline.
"""

from __future__ import annotations

from pathlib import Path

from graph.build.assemble import build_graph
from graph.ingest.documents import Document
from graph.nlp.extract import extract
from graph.nlp.pipeline import shared_pipeline
from graph.schema import COOCCURRENCE
from tests.graph.readings import named
from tests.graph.test_relation_classifier import typed

UNSEEN3 = Path(__file__).resolve().parents[1] / "data" / "unseen3" / "docs"


def via(nlp, text: str) -> dict[tuple[str, str, str], set[str]]:
    """(source, predicate, target) -> how the edge's ends were found (evidence ``via``)."""
    g = build_graph(extract(nlp, [Document("d.md", "d.md", text, "0")]), shared_pipeline()[1])
    return {(g.nodes[u]["label"], d["predicate"], g.nodes[v]["label"]):
            {e.get("via", "") for e in d["evidence"]}
            for u, v, d in g.edges(data=True) if d["method"] != COOCCURRENCE}


LLAMA_3 = """# Llama 3

Meta recently introduced their new family of large language models (LLMs) called Llama 3.

## Llama 3 Architecture Details

Here is a summary of the mentioned technical details of Llama 3:

- It uses a standard decoder-only transformer.
- The vocabulary is 128K tokens.
- It is trained on sequences of 8K tokens.
- It applies grouped query attention (GQA)
- It involves post-training that includes a combination of SFT, rejection sampling, PPO, and DPO.
"""


def test_it_stands_for_the_entity_the_page_is_about(nlp):
    # models__llama-3.md: every "It" is Llama 3, the heading's entity
    found = via(nlp, LLAMA_3)
    for method in ("decoder-only transformer", "grouped query attention", "SFT", "PPO"):
        assert ("Llama 3", "USES", method) in found, found
    # marked as found: the heading's entity, the line introducing the list
    assert found[("Llama 3", "HAS_METRIC", "8K tokens")] <= {"title", "list"}
    assert not any(s in ("It", "it") or t in ("It", "it") for s, _, t in found)


def test_the_model_after_a_sentence_about_it_and_the_items_of_its_list(nlp):
    # models__mistral-7b.md: "The model" is Mistral 7B; the list's items are what it uses
    text = ("# Mistral 7B\n\nMistral 7B is a 7-billion-parameter language model released by "
            "Mistral AI. The model uses attention mechanisms like:\n- grouped-query attention "
            "(GQA) for faster inference and reduced memory requirements during decoding\n- "
            "sliding window attention (SWA) for handling sequences of arbitrary length with a "
            "reduced inference cost.\n")
    found = via(nlp, text)
    assert "list" in found[("Mistral 7B", "USES", "grouped-query attention")], found
    assert ("Mistral 7B", "USES", "sliding window attention") in found, found
    # the two items are not related to each other
    assert not any({s, t} == {"grouped-query attention", "sliding window attention"}
                   for s, _, t in found)


def test_the_model_stands_for_a_product_the_page_is_about(nlp):
    # models__gemini-advanced.md: "The model" is the chat product the page is about (a
    # project, not a model, to the recogniser)
    text = ("# Gemini Advanced\n\nGoogle recently introduced its latest chat-based AI product "
            "called Gemini Advanced.\n\nAccording to Google, Gemini Advanced is more capable "
            "of complex reasoning, following instructions, educational tasks, code generation, "
            "and a variety of creative tasks. Gemini Advanced also enables longer and more "
            "detailed conversations with a better understanding of historical context. The "
            "model has also undergone external red-teaming and has been refined using "
            "fine-tuning and reinforcement learning from human feedback (RLHF).\n")
    found = via(nlp, text)
    assert {("Gemini Advanced", "USES", "fine-tuning"), ("Gemini Advanced", "USES", "red-teaming"),
            ("Gemini Advanced", "USES", "reinforcement learning from human feedback")
            } <= set(found), found


def test_a_kind_noun_the_sentence_before_cannot_be_is_the_page_s_topic(nlp):
    # session 57 probe k13 (a paper summary of our own): "The method" after a sentence about
    # models is the method the page is about
    text = ("# Self-Refine Distillation\n\nSelf-Refine Distillation (SRD) is a training method "
            "proposed by researchers at Carnegie Mellon University.\n\nThe distilled Mistral "
            "7B matches Self-Refine with GPT-3.5 on MATH while using 10x fewer tokens. The "
            "method is similar to Reflexion, but does not require an external memory.\n")
    found = via(nlp, text)
    compared = [how for (s, p, t), how in found.items() if p == "COMPARED_WITH" and
                {s, t} == {"Self-Refine Distillation", "Reflexion"}]
    assert compared and "title" in compared[0], found


def test_a_sentence_opening_on_a_name_is_about_it_whatever_the_parse(nlp, model):
    # session 58 probe k30 (an announcement of our own): the tagger read "scores" as a noun,
    # the sentence had no subject, and the investor of the sentence before made the model
    # and the benchmark after it
    found = typed(nlp, "Microsoft will also invest €15 million in the Paris-based startup. "
                       "Mistral Large scores 81.2% on MMLU, second only to GPT-4 among models "
                       "available through an API, and it supports English, French, Spanish, "
                       "German and Italian.")
    assert ("Mistral Large", "EVALUATED_ON", "MMLU") in found, found
    assert not any(p == "DEVELOPED_BY" for _, p, _ in found), found


def test_what_uses_the_same_architecture_as_a_model_is_made_on_it(nlp, model):
    # guides__4o-image-generation.md (train; gold BASED_ON, no use)
    found = typed(nlp, "# 4o Image Generation\n\n4o Image Generation is OpenAI's latest image "
                       "model embedded into ChatGPT. It is autoregressive, and uses the same "
                       "architecture as the GPT-4o LLM.")
    assert ("4o Image Generation", "BASED_ON", "GPT-4o") in found, found
    assert ("4o Image Generation", "USES", "GPT-4o") not in found, found


def test_a_bold_line_ending_in_a_colon_introduces_the_list_after_it(nlp):
    # guides__4o-image-generation.md: the parser cut the line before ":**" and read its
    # first "*" as a list item's mark, so the items stood for nothing
    text = ("# 4o Image Generation\n\n**The 4o image generation is accessible with these "
            "models:**\n- gpt-4o\n- gpt-4o-mini\n- gpt-4.1\n- o3\n")
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents][1] == \
        "**The 4o image generation is accessible with these models:**"
    assert "list" in via(nlp, text)[("gpt-4o-mini", "USES", "4o image generation")]


def test_what_the_line_introducing_a_list_says_of_its_entity_it_says_of_each_item(nlp):
    # readme__haystack_ai.md: "X is used by ..., including:" - each organisation listed uses X
    text = """# Haystack

## Organizations using Haystack

Haystack is used by thousands of teams building production AI systems across industries, \
including:

- **Technology & AI Infrastructure**: Apple, Meta, Databricks, NVIDIA, Intel
- **Enterprise & Industrial AI Applications**: Airbus, Lufthansa Industry Solutions, \
Infineon, LEGO, Comcast, Accenture
"""
    found = via(nlp, text)
    for user in ("Apple", "Databricks", "Airbus", "Comcast"):
        assert "list" in found[(user, "USES", "Haystack")], found


def test_the_items_under_a_line_saying_what_its_subject_uses(nlp):
    # readme__vllm.md (heldout-more-dev): "X is fast with:", "X supports ..., including:" -
    # what each item names is used by X (GUIDELINES: USES, "supports X")
    text = """## About

vLLM is fast with:

- Efficient management of attention key and value memory with **PagedAttention**
- Optimized attention kernels including FlashAttention, FlashInfer, TRTLLM-GEN, FlashMLA, \
and Triton

vLLM seamlessly supports 200+ model architectures on Hugging Face, including:

- Mixture-of-Expert LLMs (e.g., Mixtral, DeepSeek-V3, Qwen-MoE, GPT-OSS)
- Multi-modal models (e.g., LLaVA, Qwen-VL, Pixtral)
"""
    found = via(nlp, text)
    for used in ("PagedAttention", "FlashInfer", "DeepSeek-V3", "Qwen-VL"):
        assert "list" in found[("vLLM", "USES", used)], found


def test_an_item_opening_with_a_figure_on_a_benchmark(nlp):
    from spacy.tokens import Span

    from graph.nlp.pair_grammar import ANAPHOR
    from graph.nlp.rows import item_readings

    # n11_aurora_lark.txt, under "How it compares:": the item's mark stands for the model
    doc = nlp("- 79.4% on IFEval, better than SmolLM2-1.7B and Llama 3.2 3B\n")
    mark = Span(doc, 0, 1, label="MODEL", kb_id=ANAPHOR)
    found = named(item_readings, doc[:], [mark, *doc.ents])
    assert found == {("-", "79.4%"): "HAS_METRIC", ("-", "IFEval"): "EVALUATED_ON"}


def test_a_caption_without_a_colon_over_a_list_of_scores(nlp):
    # eval__apps.md: the model the caption names scores each item; not the page's benchmark
    found = typed(nlp, "# APPS\n\nAPPS is a dataset for evaluating model performance on "
                       "Python programming tasks across three difficulty levels.\n\n"
                       "Current Setup (GPT-4-0613 with one-shot prompting)\n\n"
                       "- Introductory: 58.00% (CI.95 = [44.70%, 71.30%])\n"
                       "- Interview: 30.00% (CI.95 = [17.40%, 42.60%])\n"
                       "- Competition: 16.00% (CI.95 = [6.10%, 25.90%])\n")
    assert {("GPT-4-0613", "HAS_METRIC", f) for f in ("58.00%", "30.00%", "16.00%")} <= found
    assert not any(s == "APPS" and f.endswith("%") for s, _, f in found), found


def test_a_pronoun_subject_of_comparisons_joined_in_one_sentence(nlp):
    # m03_reasoning_leaderboard.txt: "Its distilled sibling, X, ..." then "it surpasses ...
    # and stays close to Y": X is the subject of both verbs, and "close to" is no win
    found = typed(nlp, "DeepSeek-R1 was trained with large-scale reinforcement learning on "
                       "top of DeepSeek-V3-Base. Its distilled sibling, "
                       "DeepSeek-R1-Distill-Qwen-32B, was fine-tuned from Qwen2.5-32B on 800K "
                       "samples generated by DeepSeek-R1. It is outperformed by its teacher "
                       "everywhere, but it surpasses QwQ-32B-Preview on all four benchmarks and "
                       "stays close to o1-mini.")
    assert ("DeepSeek-R1-Distill-Qwen-32B", "BASED_ON", "Qwen2.5-32B") in found, found
    assert ("DeepSeek-R1-Distill-Qwen-32B", "COMPARED_WITH", "o1-mini") in found, found
    assert not any(p == "OUTPERFORMS" and "o1-mini" in (s, t) for s, p, t in found), found

def test_a_name_the_parser_made_a_second_subject_is_what_the_text_goes_on_about(nlp, model):
    # session 59 probe a06 (an announcement of our own): "Tern-VLA 3B" a second subject of
    # "is released", the list of results under "Results:" had been the title's company's
    found = typed(nlp, "# Carnegie Mellon and Ironwood Robotics Launch Project Tern\n\nThe "
                       "first result of the collaboration, Tern-VLA 3B, is released today. The "
                       "model is built on Google's PaliGemma 2. It predicts robot actions with "
                       "a diffusion policy head.\n\nResults:\n- 87.5% average success rate "
                       "on the LIBERO benchmark, outperforming OpenVLA 7B (76.5%)\n")
    assert {("Tern-VLA 3B", "BASED_ON", "PaliGemma 2"), ("Tern-VLA 3B", "HAS_METRIC", "87.5%"),
            ("Tern-VLA 3B", "OUTPERFORMS", "OpenVLA 7B")} <= found, found
    assert not any(s == "Carnegie Mellon" and p == "HAS_METRIC" for s, p, _ in found), found


def test_it_after_a_semicolon_stands_for_the_subject_of_the_clause_before(nlp):
    # m02_nemotron4_340b.txt: "it" is Nemotron-4-340B-Instruct, not the reward model the
    # line before was about (nor a dummy "it" of "It is ... that": the clause is before it)
    found = typed(nlp, "- Nemotron-4-340B-Reward ranks first on RewardBench with 92.0% overall "
                       "accuracy, ahead of GPT-4o used as a judge.\n- Nemotron-4-340B-Instruct "
                       "reaches 54.2 on Arena-Hard and 8.22 on MT-Bench; it is competitive with "
                       "Llama-3-70B-Instruct and outperforms Mixtral-8x22B-Instruct on "
                       "instruction following.")
    assert ("Nemotron-4-340B-Instruct", "OUTPERFORMS", "Mixtral-8x22B-Instruct") in found, found
    assert any(p == "COMPARED_WITH" and {s, t} == {"Nemotron-4-340B-Instruct",
               "Llama-3-70B-Instruct"} for s, p, t in found), found
    assert not any("Reward" in s and t.startswith(("Mixtral", "Llama")) for s, _, t in found)


def test_an_it_reported_that_stands_for_nothing(nlp):
    # models__mixtral-8x22b.md (dev): "It's reported that X achieves ...": the figure is
    # X's, not the subject's of the sentence before; "It was shown to ..." is still a model
    found = typed(nlp, "Mixtral 8x22B outperforms all open models on coding and math tasks "
                       "when evaluated on benchmarks such as GSM8K, HumanEval, and Math. It's "
                       "reported that Mixtral 8x22B Instruct achieves a score of 90% on GSM8K "
                       "(maj@8).")
    assert ("Mixtral 8x22B Instruct", "HAS_METRIC", "90%") in found, found
    assert ("Mixtral 8x22B", "HAS_METRIC", "90%") not in found, found
    found = typed(nlp, "Phi-2 is a small language model. It was shown to outperform Llama 2 "
                       "on MMLU.")
    assert ("Phi-2", "OUTPERFORMS", "Llama 2") in found, found


def test_a_use_verb_far_from_its_subject(nlp):
    # m06_mistral_funding_news.txt: a participle clause between the model and "uses"
    found = typed(nlp, "Mixtral 8x7B, released in December 2023 under Apache 2.0, uses a "
                       "sparse mixture-of-experts architecture and was the first open model "
                       "from the company to match GPT-3.5 on most benchmarks.")
    assert ("Mixtral 8x7B", "USES", "sparse mixture-of-experts") in found, found


def test_a_figure_on_a_benchmark_is_not_the_benchmarks(nlp):
    # "scores 51.7% on MATH" with a subject the recogniser misses: the figure is not MATH's
    found = typed(nlp, "DeepSeekMath 7B scores 51.7% on MATH.")
    assert ("MATH", "HAS_METRIC", "51.7%") not in found, found



def test_a_sum_paid_is_a_fact_of_what_it_buys_not_of_the_payer(nlp):
    # n12_arena_reshuffle.txt, m07_acquisitions_news.txt, m08_funding_roundup.txt
    found = typed(nlp, "Cedar Point Capital invested $900 million in Northwind AI last year.")
    assert ("Northwind AI", "HAS_METRIC", "$900 million") in found, found
    assert ("Cedar Point Capital", "HAS_METRIC", "$900 million") not in found, found
    found = typed(nlp, "In July 2024 AMD agreed to buy Silo AI, Europe's largest private AI "
                       "lab, for $665 million in cash.")
    assert ("Silo AI", "HAS_METRIC", "$665 million") in found, found
    # a sum raised is the raiser's own
    found = typed(nlp, "In August 2023 Hugging Face raised a $235 million Series D led by "
                       "Salesforce Ventures.")
    assert ("Hugging Face", "HAS_METRIC", "$235 million Series D") in found, found


def test_the_benchmark_a_comparison_is_made_on(nlp):
    # m03_reasoning_leaderboard.txt: a fronted "On B", models compared after it
    found = typed(nlp, "On GPQA Diamond the order flips: o1-1217 reaches 75.7%, ahead of "
                       "DeepSeek-R1 (71.5%), and Claude 3.5 Sonnet, at 65.0%, beats o1-mini.")
    for model in ("o1-1217", "DeepSeek-R1", "Claude 3.5 Sonnet"):
        assert (model, "EVALUATED_ON", "GPQA Diamond") in found, found


def test_the_benchmarks_listed_after_a_comparison(nlp):
    # models__mixtral.md: "across ... benchmarks like A and B" after the compared models
    found = typed(nlp, "As seen in the figure below, Mixtral 8x7B also outperforms or matches "
                       "Llama 2 models across different popular benchmarks like MMLU and GSM8K.")
    assert {("Mixtral 8x7B", "EVALUATED_ON", "MMLU"),
            ("Mixtral 8x7B", "EVALUATED_ON", "GSM8K")} <= found, found


def test_a_name_opening_with_its_makers_name(nlp):
    # m04_aya23_blog.txt: the playground is Cohere's, named after it (the whole name; not
    # Cohere For AI's, a part of the group, tests/graph/test_provenance_readings.py)
    found = via(nlp, "Cohere For AI released Aya 23 in May 2024. It was built on Command R "
                     "from Cohere. The weights of Aya 23 are "
                     "available on the Hugging Face Hub, and you can chat with it in the "
                     "Cohere Playground.")
    assert found[("Cohere Playground", "DEVELOPED_BY", "Cohere")] == {"name"}, found
    # a name that is only the maker's own first word is not a product of it
    assert not any(s == t for s, _, t in found)


def test_a_method_naming_the_kind_of_model(nlp):
    # m07_acquisitions_news.txt: "X, a mixture-of-experts model"
    found = typed(nlp, "After the deal the team built DBRX, a mixture-of-experts model that "
                       "Databricks released in March 2024.")
    assert ("DBRX", "USES", "mixture-of-experts") in found, found
    assert ("DBRX", "DEVELOPED_BY", "Databricks") in found, found



def test_a_passive_use_verb_names_what_is_used_not_its_user(nlp):
    from spacy.tokens import Span

    from graph.nlp.comparisons import comparison_readings
    from graph.nlp.pair_grammar import ANAPHOR

    # models__gemini-advanced.md: "It" is Gemini Advanced, which is used, not a user of GPT-4
    doc = nlp("It can be used like other models such as GPT-4 for generating fresh content "
              "ideas, analyzing trends and strategies for growing audiences.")
    it = Span(doc, 0, 1, label="MODEL", kb_id=ANAPHOR)
    assert not comparison_readings(doc[:], [it, *doc.ents])
    # the active verb's subject is its user, however far before it (m06_mistral_funding_news)
    doc = nlp("Mixtral 8x7B, released in December 2023 under Apache 2.0, uses a sparse "
              "mixture-of-experts architecture.")
    assert named(comparison_readings, doc[:], list(doc.ents)) == {
        ("Mixtral 8x7B", "sparse mixture-of-experts"): "USES"}


KESTREL = """We evaluate every checkpoint with lm-evaluation-harness on GSM8K, IFEval and \
MMLU-Pro, and with MT-Bench, where GPT-4 acts as the judge.

| Model | GSM8K | IFEval | MMLU-Pro | MT-Bench |
|---|---|---|---|---|
| Kestrel-8B (SFT only) | 71.2% | 62.5% | 36.4% | 7.1 |
| Kestrel-8B (SFT + DPO) | 74.8% | 70.3% | 37.0% | 7.6 |
| Llama 3 8B Instruct | 79.6% | 74.1% | 40.9% | 8.0 |
"""

PHI_3 = """## Key results (MMLU / MT-Bench)

| Model | MMLU | MT-Bench |
|---|---|---|
| Phi-3-mini | 69% | 8.38 |
| Mixtral 8x7B | 68.4% | – |
"""


def test_a_results_table_evaluates_each_row_on_each_scored_column(nlp):
    """Our training announcements m10 and m01: the header names the benchmarks, every row's
    model is scored on them (a dash is no score); the heading the recogniser read as a
    product ("IFEval") is a benchmark in that place."""
    found = via(nlp, KESTREL)
    for model in ("Kestrel-8B", "Llama 3 8B Instruct"):
        for bench in ("GSM8K", "IFEval", "MMLU-Pro", "MT-Bench"):
            assert "table" in found[(model, "EVALUATED_ON", bench)]
    found = via(nlp, PHI_3)
    assert {(m, b) for m, p, b in found if p == "EVALUATED_ON"} == {
        ("Phi-3-mini", "MMLU"), ("Phi-3-mini", "MT-Bench"), ("Mixtral 8x7B", "MMLU")}
    assert {(m, f) for m, p, f in found if p == "HAS_METRIC"} == {
        ("Phi-3-mini", "69%"), ("Phi-3-mini", "8.38"), ("Mixtral 8x7B", "68.4%")}


def test_a_table_turned_the_other_way_evaluates_each_column_on_each_row(nlp):
    text = ("| Benchmark | Phi-3-mini | Mixtral 8x7B |\n|---|---|---|\n"
            "| MMLU | 69% | 68.4% |\n| MT-Bench | 8.38 | – |\n")
    found = via(nlp, text)
    assert {(m, b) for m, p, b in found if p == "EVALUATED_ON"} == {
        ("Phi-3-mini", "MMLU"), ("Phi-3-mini", "MT-Bench"), ("Mixtral 8x7B", "MMLU")}


def test_a_table_under_a_line_naming_one_model_gives_it_the_figures(nlp):
    # eval__stereoset.md (held-out evals-dev): the rows name metrics, the columns sources;
    # the line introducing the table names the model scored
    text = ("## Evaluation Report\n\nThe authors evaluated this on GPT-4 and compared to the "
            "original results from Cao and Bandara 2024:\n\n"
            "| Metric          | Cao & Bandara 2024 | This eval |\n"
            "| --------------- | ------------------ | --------- |\n"
            "| Accuracy (lms)  | 94%                | 96.7%     |\n"
            "| Stereotype (ss) | 50.5%              | 49.5%     |\n")
    found = {f for m, p, f in via(nlp, text) if p == "HAS_METRIC" and m == "GPT-4"}
    assert found == {"94%", "96.7%", "50.5%", "49.5%"}, found
    # a line naming two models says whose the figures are no more than one naming none
    two = text.replace("on GPT-4 and", "on GPT-4 and Claude 3 Opus and")
    assert not any(p == "HAS_METRIC" for _, p, _ in via(nlp, two))


def test_score_series_under_a_line_naming_the_benchmarks_in_order(nlp):
    """Our training announcement m03: the heading names the benchmarks as a slash series and
    each item gives its model's scores in that order."""
    text = ("## Results (AIME 2024 / GPQA Diamond / LiveCodeBench)\n\n"
            "- DeepSeek-R1 (DeepSeek): 79.8% / 71.5% / 65.9%\n"
            "- o1-mini (OpenAI): 63.6% / 60.0% / –\n\n"
            "Scores are as reported.\n\n- GPT-4o (OpenAI): 9.3% / 49.9% / 32.9%\n")
    edges = via(nlp, text)
    assert ("o1-mini", "HAS_METRIC", "60.0%") in edges
    found = {(m, b) for m, p, b in edges if p == "EVALUATED_ON"}
    assert found == {("DeepSeek-R1", "AIME 2024"), ("DeepSeek-R1", "GPQA Diamond"),
                     ("DeepSeek-R1", "LiveCodeBench"), ("o1-mini", "AIME 2024"),
                     ("o1-mini", "GPQA Diamond")}  # not the item after the prose


def test_a_headline_naming_its_organisation_makes_it_the_author_of_we(nlp):
    """Our training announcements n06 and n01: "<ORG>: introducing X" and "New from <ORG>:"
    name the author, which the small model reads as a person or misses."""
    text = ("Corvid Labs: introducing Wingspan\n\nToday we're launching Wingspan, an agent that "
            "operates your browser and desktop apps on your behalf. Wingspan is powered by "
            "Rook-2, our new action model.")
    assert "we" in via(nlp, text)[("Wingspan", "DEVELOPED_BY", "Corvid Labs")]
    text = ("New from Reka: Vela 2, a multimodal model family that reads charts, video and "
            "code.\n\nToday we're releasing Vela 2 in two sizes, Vela 2 Mini and Vela 2 Max.")
    assert ("Vela 2 Mini", "DEVELOPED_BY", "Reka") in via(nlp, text)
    found = {(e.text, e.label_) for e in nlp("Update: introducing Vela 2 Max today.").ents}
    assert not any(label == "ORG" for _, label in found)


def test_an_example_prompt_says_nothing_of_the_pages_topic(nlp):
    # the guide's pages show a prompt and the model's output in fenced blocks (models__*.md):
    # the output's "it" is no entity of the page, and its maker no maker of the page's topic
    text = ("# ChatGPT\n\nChatGPT is a chatbot trained by OpenAI.\n\n*Output:*\n```\nIt was "
            "released by Anthropic in 2023.\n```\n")
    found = via(nlp, text)
    assert ("ChatGPT", "DEVELOPED_BY", "OpenAI") in found, found
    assert ("ChatGPT", "DEVELOPED_BY", "Anthropic") not in found, found


def test_a_prompt_quoted_inline_says_nothing_of_the_pages_topic(nlp):
    # the guide's models__gemini-pro.md quotes its prompt and the answer as inline code: the
    # answer's Llama 2 is no base of "the model" the page is about, nor its author's
    text = ("# Gemini 1.5 Pro\n\nGoogle introduces Gemini 1.5 Pro, a compute-efficient "
            "multimodal mixture-of-experts model.\n\nWhen the specific details are important, "
            "keep in mind the model may at times \"hallucinate\". For instance, when we "
            "prompted the model `What are the FLOPs reported for Llama 2 in the lecture?` it "
            "responded with `The lecture reports that training Llama 2 70B required "
            "approximately 1 trillion FLOPs.` which is not accurate.\n")
    found = via(nlp, text)
    assert ("Gemini 1.5 Pro", "DEVELOPED_BY", "Google") in found, found
    assert not any("Llama" in s + t and v & {"previous", "title", "we", "subject"}
                   for (s, _, t), v in found.items()), found


def test_the_benchmark_a_page_is_about_is_based_on_the_one_its_name_holds(nlp):
    # heldout-dev's task__truthfulqa-multi.md: the page's benchmark extends TruthfulQA; a
    # page about another benchmark says nothing of the two (6 of 6 such pairs on the
    # annotated pages titled by the longer name, 9 of 28 elsewhere)
    text = ("# TruthfulQA-Multi\n\n## Paper\n\nTitle: `Truth Knows No Language: Evaluating "
            "Truthfulness Beyond English`\n\nWe introduce a professionally translated "
            "extension of the TruthfulQA benchmark designed to evaluate truthfulness in "
            "Basque, Catalan, Galician, and Spanish.\n")
    assert via(nlp, text).get(("TruthfulQA-Multi", "BASED_ON", "TruthfulQA")) == {"subject"}
    other = text.replace("# TruthfulQA-Multi", "# Multilingual evaluations") + \
        "\nTruthfulQA-Multi covers four languages.\n"
    assert ("TruthfulQA-Multi", "BASED_ON", "TruthfulQA") not in via(nlp, other)


def test_a_model_scored_on_a_benchmarks_page_is_evaluated_on_that_benchmark(nlp):
    # eval__usaco.md (heldout-evals-dev): the scores name no benchmark; the page is USACO's
    found = typed(nlp, "# USACO: USA Computing Olympiad\n\nUSACO is a dataset evaluating "
                       "whether language models can synthesize Python programs that solve "
                       "Olympiad competition problems given time and memory constraints.\n\n"
                       "- Recent APIs: 11.1% pass@1 using gpt-4o-2024-11-20, 3.2% gpt-4-0613 "
                       "and 2.6% gpt-3.5-turbo-1106.\n")
    assert ("gpt-4o-2024-11-20", "EVALUATED_ON", "USACO") in found, found


def test_where_we_release_a_model_is_not_what_we_made(nlp):
    # the sentences of our announcement m05 (with models the recogniser knows): the Hub is
    # where the models are released, not one of them
    text = ("At Sakana AI we think the next generation of models will not always be trained "
            "from scratch.\n\nWe have released Llama 3 and Code Llama on the Hugging Face "
            "Hub, and our code on GitHub.\n")
    found = via(nlp, text)
    assert ("Code Llama", "DEVELOPED_BY", "Sakana AI") in found, found
    assert not any(p == "DEVELOPED_BY" and s in ("Hugging Face Hub", "GitHub")
                   for s, p, _ in found), found


def test_who_funded_the_authors_study_funds_the_authors(nlp):
    # tests/data/unseen3 w04: "The study" is the work of the organisation it is "from"
    text = (UNSEEN3 / "w04_stanford.txt").read_text(encoding="utf-8")
    assert "The study was funded by the National Science Foundation." in text
    assert ("National Science Foundation", "FUNDS",
            "Stanford Institute for Human-Centered AI") in via(nlp, text)
    # a study that found something is no relation
    text = "A new study from Apollo Research found that Gemini 1.5 Pro schemes.\n"
    assert not any(p == "FUNDS" for _, p, _ in via(nlp, text))


def test_researchers_a_report_opens_with_are_its_authors(nlp):
    # tests/data/unseen u05: "The study" and "The team" are the researchers' of the first
    # sentence, both organisations
    text = (UNSEEN3.parents[1] / "unseen" / "docs" / "u05_study.txt").read_text(encoding="utf-8")
    assert text.startswith("Researchers at Stanford University and the University of Toronto")
    found = via(nlp, text)
    for org in ("Stanford University", "University of Toronto"):
        assert ("National Science Foundation", "FUNDS", org) in found, found
        assert ("TutorBench", "DEVELOPED_BY", org) in found, found


def test_joint_authors_named_together_in_a_headline_are_each_we(nlp):
    # tests/data/unseen/docs/u06_safety.txt: "we" of a joint research announcement is both
    # organisations; "Using X, we identified ...": the opening participle's subject is "we"
    found = typed(nlp, "New research from the UK AI Security Institute and Apollo Research on "
                       "scheming evaluations.\nUsing sparse autoencoders, we identified features "
                       "that activate when a model reasons about being evaluated.")
    assert {("UK AI Security Institute", "USES", "sparse autoencoders"),
            ("Apollo Research", "USES", "sparse autoencoders")} <= found, found


def test_what_we_trained_a_released_model_with_is_the_models(nlp):
    # tests/data/unseen/docs/u03_meta.txt: a model's release; the seeds' research
    # announcements keep "we" the organisation (../shared/eval/seeds_relations.jsonl)
    found = typed(nlp, "Meta is releasing Llama 3.1 405B, the largest openly available "
                       "foundation model.\nLlama 3.1 405B was trained on over 15 trillion tokens "
                       "using more than 16,000 GPUs.\nAfter pre-training, we applied several "
                       "rounds of supervised fine-tuning (SFT) and direct preference "
                       "optimization (DPO).")
    assert ("Llama 3.1 405B", "USES", "supervised fine-tuning") in found, found
    assert not any(s == "Meta" and p == "USES" for s, p, _ in found), found


def test_the_researchers_of_organisations_announcing_together_are_each_we(nlp):
    # tests/data/unseen2/docs/v03_deepmind_oxford.txt: both subjects of "published" are
    # the authors, and "Researchers" with no organisation named are theirs
    found = typed(nlp, "Google DeepMind and the University of Oxford published a study on "
                       "AI-assisted weather forecasting.\nResearchers used ablation studies to "
                       "show which inputs matter most.")
    assert {("Google DeepMind", "USES", "ablation studies"),
            ("University of Oxford", "USES", "ablation studies")} <= found, found


def test_a_new_study_from_an_organisation_is_its_authors(nlp):
    # tests/data/unseen3/docs/w04_stanford.txt: "A new study from X" names the author
    # whose "authors" ran the analysis
    found = typed(nlp, "A new study from the Stanford Institute for Human-Centered AI surveyed "
                       "2,400 software developers about coding assistants.\nThe authors ran a "
                       "difference-in-differences analysis across 15 companies and found no "
                       "change in bug rates.")
    assert ("Stanford Institute for Human-Centered AI", "USES",
            "difference-in-differences analysis") in found, found


def test_a_table_row_is_not_what_the_next_sentence_is_about(nlp, model):
    # our own announcement in the genre's style: "The models" after a results table are the
    # announced ones, not the last row's competitor
    text = ("# Introducing Granite 3.0\n\nIBM today announced Granite 3.0 8B Instruct, an "
            "open language model.\n\n| Model | MMLU |\n|---|---|\n| Granite 3.0 8B Instruct "
            "| 65.8 |\n| Llama 3.1 8B Instruct | 68.1 |\n\nThe models are available on "
            "watsonx.ai and Ollama.\n")
    found = typed(nlp, text)
    assert not {r for r in found if r[0] == "Llama 3.1 8B Instruct" and r[1] != "HAS_METRIC"
                and r[1] != "EVALUATED_ON"}, found
    assert ("Ollama", "USES", "Granite 3.0 8B Instruct") in found, found


def test_a_subject_the_parse_hangs_on_an_auxiliary_is_what_the_text_goes_on_about(nlp):
    # an announcement of our own (session 52 probe c1): "pre-trained" split at its hyphen
    # made "was" the subject's head, the sentence lost its subject, and "it" in the next
    # stood for the lab, which then "developed" every benchmark the model was compared on
    text = ("Meridian Labs has released Atlas-70B, a 70-billion-parameter language model. "
            "Atlas-70B was pre-trained on 12 trillion tokens. According to the company, it "
            "outperforms Llama 3.1 70B on MMLU-Pro.")
    found = via(nlp, text)
    assert ("Atlas-70B", "EVALUATED_ON", "MMLU-Pro") in found, found
    assert ("MMLU-Pro", "DEVELOPED_BY", "Meridian Labs") not in found, found


def test_the_series_stands_for_the_model_family_the_page_is_about(nlp, model):
    # session 57 probe k20 (a guide page of our own): "The series ... is built on Qwen2.5"
    found = typed(nlp, "# Qwen2.5-Coder\n\nQwen2.5-Coder is a family of code models released "
                       "by the Qwen team at Alibaba Cloud. The series comes in six sizes, from "
                       "0.5B to 32B parameters, and is built on Qwen2.5.")
    assert ("Qwen2.5-Coder", "BASED_ON", "Qwen2.5") in found, found
    assert ("Qwen2.5", "HAS_METRIC", "32B parameters") not in found, found
