"""What a sentence says its entities use or are based on, read by the grammar
(graph.nlp.use_clauses, graph.nlp.uses, graph.nlp.pair_grammar): a clause's subject and
its cue, a participle or relative clause describing a name, a noun saying what kind of
thing a name is, an active training verb's object, a thing used in or by another, a paper's
title naming its system first (GUIDELINES: USES, BASED_ON; issue "Relations a reader can
trust"). Every sentence is real text of the genre (the guide's train and dev pages, our
announcements), run through the real pipeline.
"""

from __future__ import annotations

from tests.graph.readings import every_sentence
from tests.graph.test_relation_classifier import typed


def uses(nlp, text: str) -> dict[tuple[str, str], str]:
    from graph.nlp.uses import item_uses

    return every_sentence(item_uses, nlp, text)


def test_a_clauses_subject_uses_what_its_training_verb_names(nlp):
    # models__chatgpt.md: the passive subject of "trained using"
    rlhf = "Reinforcement Learning from Human Feedback"
    assert uses(nlp, f"ChatGPT is trained using {rlhf} (RLHF).").get(("ChatGPT", rlhf)) == "USES"
    # m12_orpo_summary.txt: a relative clause's subject is the name it hangs on
    found = uses(nlp, "Zephyr-β, which was trained with SFT followed by DPO.")
    assert found == {("Zephyr-β", "SFT"): "USES", ("Zephyr-β", "DPO"): "USES"}, found
    # m03_reasoning_leaderboard.txt: "on top of" is the model it starts from, not the method's
    found = uses(nlp, "DeepSeek-R1 was trained with large-scale reinforcement learning on top "
                      "of DeepSeek-V3-Base.")
    assert found.get(("DeepSeek-R1", "DeepSeek-V3-Base")) == "BASED_ON", found
    assert ("large-scale reinforcement learning", "DeepSeek-V3-Base") not in found, found


def test_a_thing_made_using_a_means_uses_it(nlp):
    # task__egyhellaswag.md (heldout-more-dev); session 53 probe e2 (an announcement of ours)
    found = typed(nlp, "**EgyHellaSwag** is a benchmark for evaluating commonsense reasoning "
                       "in Egyptian Arabic. The dataset was translated using the "
                       "`google/gemma-3-27b-it` model.")
    assert ("EgyHellaSwag", "USES", "google/gemma-3-27b-it") in found, found
    found = typed(nlp, "Today we release Wren 3, our new model. Wren 3 was built by Fernhill "
                       "AI using supervised fine-tuning and direct preference optimization.")
    assert ("Wren 3", "USES", "supervised fine-tuning") in found, found
    # readme__optimum.md (train): how a package is installed is no use of it
    found = typed(nlp, "Optimum is a library of hardware optimizations. Optimum can be "
                       "installed using `pip` as follows:")
    assert ("Optimum", "USES", "pip") not in found, found


def test_a_participle_describing_a_name_is_the_names(nlp):
    # models__collection.md: "a model fine-tuned from", through "is a"; the maker before
    # its product is no item
    found = uses(nlp, "Alpaca is an instruction-following language model fine-tuned from "
                      "Meta's LLaMA 7B.")
    assert found == {("Alpaca", "LLaMA 7B"): "BASED_ON"}, found
    # models__collection.md: "trained by fine-tuning X": the model it starts from
    found = uses(nlp, "FastChat-T5 is an open-source chatbot trained by fine-tuning Flan-t5-xl "
                      "(3B parameters) on user-shared conversations collected from ShareGPT.")
    assert found.get(("FastChat-T5", "Flan-t5-xl")) == "BASED_ON", found


def test_a_noun_of_kind_says_what_its_subject_is_based_on(nlp):
    # models__code-llama.md: "which is a fine-tuned variant of"
    found = uses(nlp, "For all the prompt examples below, we will be using Code Llama 70B "
                      "Instruct, which is a fine-tuned variant of Code Llama that's been "
                      "instruction tuned to accept natural language instructions as input.")
    assert found.get(("Code Llama 70B Instruct", "Code Llama")) == "BASED_ON", found
    # prompts__adversarial-prompting__prompt-leaking.md, risks__adversarial.md
    for text in ("Prompt leaking could be considered as a form of prompt injection.",
                 "Prompt leaking is another type of prompt injection where prompt attacks are "
                 "designed to leak details from the prompt."):
        assert uses(nlp, text) == {("Prompt leaking", "prompt injection"): "BASED_ON"}, text


def test_a_kind_noun_called_by_a_name_is_that_name_s_subject(nlp, model):
    # n03_eth_ortholora.txt
    found = typed(nlp, "Researchers at ETH Zurich introduced a new way to fine-tune large "
                       "language models. The method, called OrthoLoRA, is an extension of "
                       "low-rank adaptation (LoRA).")
    assert ("OrthoLoRA", "BASED_ON", "low-rank adaptation") in found, found


def test_an_active_training_verbs_object_uses_what_its_prepositions_name(nlp):
    # n03_eth_ortholora.txt: the authors are no user; the model they fine-tuned is
    found = uses(nlp, "The authors fine-tuned Falcon 2 11B, from the Technology Innovation "
                      "Institute, and IBM's Granite 3.0 8B with OrthoLoRA on a mixture of math "
                      "and code data, then measured what each model had lost.")
    assert found.get(("Falcon 2 11B", "OrthoLoRA")) == "USES", found
    assert not any(a == "Technology Innovation Institute" for a, _ in found), found


def test_a_thing_used_in_another_is_used_by_it(nlp):
    # m12_orpo_summary.txt: "USES<": the benchmarks (written after) use the judge
    found = uses(nlp, "GPT-4 is used only as the evaluator in AlpacaEval 2.0 and MT-Bench, not "
                      "in training.")
    assert found == {("GPT-4", "AlpacaEval 2.0"): "USES<", ("GPT-4", "MT-Bench"): "USES<"}
    # techniques__consistency.md (dev): a participle after the used method's name
    found = uses(nlp, 'Proposed by Wang et al. (2022), self-consistency aims "to replace the '
                      'naive greedy decoding used in chain-of-thought prompting".')
    assert found == {("greedy decoding", "chain-of-thought prompting"): "USES<"}, found


def test_a_subject_uses_what_it_is_combined_with(nlp):
    # models__gemini.md
    found = uses(nlp, "Gemini Ultra achieves highest accuracy when combined with approaches "
                      "like chain-of-thought (CoT) prompting and self-consistency which helps "
                      "dealing with model uncertainty.")
    assert found.get(("Gemini Ultra", "chain-of-thought")) == "USES", found
    # research__rag.md: a bare "combined with" joins two things either way
    assert not uses(nlp, "Fine-tuning can also be combined with RAG to help develop and "
                         "improve the effectiveness of RAG systems.")


def test_a_cue_without_its_subject_names_no_user(nlp):
    # models__gemini-pro.md: a fronted "Using X," is the reader's use, not the subject's
    assert not uses(nlp, "Using Google AI Studio, Gemini 1.5 Pro allows up to 1 million "
                         "tokens, so we can upload an entire codebase.")
    # m10_qlora_dpo_guide.txt: a name before a noun that is not a kind ("checkpoint")
    assert not uses(nlp, "The SFT checkpoint is aligned with direct preference optimization "
                         "(DPO) on UltraFeedback Binarized, a preference dataset built from "
                         "UltraFeedback.")


def test_a_papers_title_naming_its_system_first_says_what_it_uses(nlp):
    # papers.md: no colon, the cue right after the system's name
    found = uses(nlp, "- Active Prompting with Chain-of-Thought for Large Language Models "
                      "(February 2023)\n- Jailbreaking ChatGPT via Prompt Engineering: An "
                      "Empirical Study (May 2023)\n")
    assert found == {("Active Prompting", "Chain-of-Thought"): "USES"}, found
    # papers.md: "Through" in a title
    assert uses(nlp, "- Reprompting: Automated Chain-of-Thought Prompt Inference Through Gibbs "
                     "Sampling (May 2023)\n") == {("Reprompting", "Gibbs Sampling"): "USES"}
    # models__chatgpt.md: a name inside a hyphenated modifier is no item
    assert not uses(nlp, "- ChatGPT-EDSS: Empathetic Dialogue Speech Synthesis Trained from "
                         "ChatGPT-derived Context Word Embeddings (May 2023)\n")


def test_a_name_characterized_as_a_kind_of_model_uses_its_method(nlp, model):
    # models__mixtral-8x22b.md (dev): the passive verb's subject is what the model noun is
    found = typed(nlp, "Mixtral 8x22B is characterized as a sparse mixture-of-experts model "
                       "with 39B active parameters out of a total of 141B parameters.")
    assert ("Mixtral 8x22B", "USES", "sparse mixture-of-experts") in found, found


def test_the_pipeline_reads_a_participles_use_for_the_name(nlp, model):
    # models__collection.md, through the whole pipeline and the classifier's decision
    found = typed(nlp, "Alpaca is an instruction-following language model fine-tuned from "
                       "Meta's LLaMA 7B.")
    assert ("Alpaca", "BASED_ON", "LLaMA 7B") in found, found


def test_examples_a_line_gives_of_the_method_it_is_about_use_it(nlp, model):
    # research__rag.md (a train page): the method is a list item's bold opening or head
    found = typed(nlp, """\
This process deals with aligning the retriever outputs with the preferences of the LLMs.

- **Adapters:** Incorporates external adapters to help with the alignment process. Examples include PRCA, RECOMP, and PKG.
- **Augmentation Process:** For many problems (e.g., multi-step reasoning), a single retrieval isn't enough so a few methods have been proposed:
    - **Iterative retrieval** enables the model to perform multiple retrieval cycles to enhance the depth and relevance of information. Notable approaches that leverage this method include RETRO and GAR-meets-RAG.
    - **Recursive retrieval** recursively iterates on the output of one retrieval step as the input to another retrieval step; this enables delving deeper into relevant information for complex and multi-step queries (e.g., academic research and legal case analysis). Notable approaches that leverage this method include IRCoT and Tree of Clarifications.
""")  # noqa: E501
    assert {("PRCA", "USES", "Adapters"), ("PKG", "USES", "Adapters"),
            ("RETRO", "USES", "Iterative retrieval"),
            ("IRCoT", "USES", "Recursive retrieval")} <= found
    assert ("IRCoT", "USES", "Iterative retrieval") not in found


def test_what_a_trainer_implements_it_uses(nlp):
    # readme__trl.md: "implements" names the method a tool uses (4 of 4 such sentences of
    # the annotated READMEs), as a rule of the grammar, not a guess
    from graph.nlp.discourse import document_candidates
    from graph.nlp.schema_labels import rule_label

    text = ("`KTOTrainer` implements the Kahneman-Tversky Optimization (KTO) algorithm, which "
            "aligns models from simple binary (desirable / undesirable) feedback rather than "
            "preferences.")
    candidates, _ = document_candidates(nlp(text), 0, None)
    read = {(text[slice(*c.a)], text[slice(*c.b)]): rule_label(c) for c in candidates}
    assert read.get(("KTOTrainer", "Kahneman-Tversky Optimization")) == "USES", read
    assert ("KTOTrainer", "USES", "Kahneman-Tversky Optimization") in typed(nlp, text)


def test_markup_around_what_a_cue_names_does_not_hide_it(nlp, model):
    # eval__humaneval.md (heldout-evals-dev): the name in code after "uses the"; with the
    # page's title the benchmark is "the benchmark"
    found = uses(nlp, "HumanEval uses the `pass@k` metric to measure functional correctness.")
    assert found == {("HumanEval", "pass@k"): "USES"}, found
    found = typed(nlp, "# HumanEval\n\nHumanEval is a benchmark to evaluate a model's "
                       "performance on synthesizing programs from docstrings.\n\nThe benchmark "
                       "uses the `pass@k` metric to measure functional correctness.")
    assert ("HumanEval", "USES", "pass@k") in found, found


def test_a_list_item_opening_with_its_cue_is_no_caption(nlp):
    # agents__context-engineering-deep-dive.md: the parser tags "Uses" a proper noun, and a
    # sentence without a verb was taken for a caption ("Source: Meta AI") and read no further
    text = """3. **Model Selection Flexibility**: Different agents can use different language \
models optimized for their specific tasks
   - Deep Research Agent: Uses Gemini 2.5 Pro for complex planning and reasoning
   - Search Worker Agent: Uses Gemini 2.5 Flash for faster, more cost-effective search \
execution
"""
    assert ("Search Worker Agent", "USES", "Gemini 2.5 Flash") in typed(nlp, text)


def test_a_phrase_says_a_use_between_the_types_it_is_measured_on(nlp):
    # readme__deepspeed.md: "X with DeepSpeed" between two software projects is a use
    # (resources/lexicon/relations.json, typed_rules), which the classifier missed
    text = """# DeepSpeed

DeepSpeed has been integrated with several different popular open-source DL frameworks such as:

|                                                                | Documentation           |
| -------------------------------------------------------------- | ----------------------- |
 | Transformers with DeepSpeed |
|  | Accelerate with DeepSpeed |
|  | Lightning with DeepSpeed |
|  | MMEngine with DeepSpeed |
"""
    found = typed(nlp, text)
    for user in ("Transformers", "Accelerate", "Lightning", "MMEngine"):
        assert (user, "USES", "DeepSpeed") in found, found


def test_an_organisation_running_a_study_uses_it(nlp):
    # tests/data/unseen/docs/u05_study.txt: the classifier read the first of two
    # coordinated organisations as the study's maker (GUIDELINES: "Anthropic USES
    # randomized-controlled trial")
    found = typed(nlp, "Researchers at Stanford University and the University of Toronto ran a "
                       "double-blind study of AI tutors with 1,200 high-school students.")
    assert ("Stanford University", "USES", "double-blind study") in found, found
    assert ("double-blind study", "DEVELOPED_BY", "Stanford University") not in found


def test_a_participle_after_a_comma_describes_the_noun_its_phrase_ends(nlp):
    # n02_kairos_funding.txt: the parser hangs "trained" on "parameters", the end of the
    # phrase "with 22 billion active parameters"; the system the model is was trained so
    found = typed(nlp, "Meta released Llama 3 in March. The model is a 141-billion-parameter "
                       "mixture-of-experts system with 22 billion active parameters, trained "
                       "with Kahneman-Tversky optimization (KTO) and tuned for 24 European "
                       "languages.")
    assert ("Llama 3", "USES", "Kahneman-Tversky optimization") in found, found


def test_what_a_used_things_relative_clause_says_it_includes_is_used_too(nlp):
    # models__llama-3.md: "It involves post-training that includes a combination of SFT,
    # rejection sampling, PPO, and DPO" (the subject named here, as the page's bullet means it)
    found = typed(nlp, "Llama 3 uses post-training that includes a combination of SFT, "
                       "rejection sampling, PPO, and DPO.")
    assert {("Llama 3", "USES", m) for m in ("post-training", "SFT", "rejection sampling",
                                              "PPO", "DPO")} <= found, found



def test_an_items_acronym_and_the_rest_of_its_name_do_not_end_the_list(nlp):
    # models__gemini.md (a page of the seed-23 fold): "(CoT) prompting" between two items
    from graph.nlp.use_phrases import listed

    doc = nlp("Gemini Ultra achieves highest accuracy when combined with approaches like "
              "chain-of-thought (CoT) prompting and self-consistency which helps dealing with "
              "model uncertainty.")
    start = next(t.i for t in doc if t.lower_ == "approaches")
    names = [e.text for e in listed(doc, start, len(doc), list(doc.ents))]
    assert names[0] == "chain-of-thought" and names[-1] == "self-consistency", names


def test_a_method_hung_on_another_name_describes_no_noun(nlp):
    from graph.nlp.pairs import _describes_a_noun

    # session 53 probe e2: the parse makes "supervised fine-tuning" an adjective of the
    # next name's noun ("optimization"); "a ... mixture-of-experts model" is still one
    doc = nlp("Wren 3 was built by Fernhill AI using supervised fine-tuning and direct "
              "preference optimization.")
    sft = next(e for e in doc.ents if e.text == "supervised fine-tuning")
    assert not _describes_a_noun(sft)
    doc = nlp("Google introduces Gemini 1.5 Pro, a compute-efficient multimodal "
              "mixture-of-experts model.")
    assert _describes_a_noun(next(e for e in doc.ents if e.text == "mixture-of-experts"))


def test_an_organisation_that_trains_is_not_what_is_trained(nlp, model):
    # m07_acquisitions_news.txt (announcements): the lab trained the models on LUMI
    found = typed(nlp, "Silo AI, based in Helsinki, had trained the open Poro and Viking model "
                       "families together with the University of Turku on LUMI, a supercomputer "
                       "powered by AMD Instinct MI250X accelerators.")
    assert ("Silo AI", "USES", "LUMI") not in found, found
    # session 53 probe i1: "the team" and "it" read as the lab
    found = typed(nlp, "Researchers from Stanford University have released Redwood-3B, a small "
                       "model. The team trained it on 500 billion tokens with knowledge "
                       "distillation.")
    assert not any(s == "Stanford University" and p in ("USES", "HAS_METRIC")
                   for s, p, _ in found), found


def test_who_deploys_a_model_uses_it(nlp, model):
    # session 53 probe f4 (an announcement of our own): not its maker
    found = typed(nlp, "Halden Health deploys Lumen-Med across 40 hospitals\n\nHalden Health "
                       "said on Monday that it will deploy Lumen-Med, a clinical language model "
                       "developed by Arclight, across its network of 40 hospitals.")
    assert ("Halden Health", "USES", "Lumen-Med") in found, found
    assert ("Lumen-Med", "DEVELOPED_BY", "Halden Health") not in found, found


def test_examples_of_a_kind_of_product_named_after_a_model_use_it(nlp, model):
    # applications__pf.md (train): "ChatGPT tools, such as ...": each tool uses ChatGPT,
    # past an item nothing typed ("chatbox"); not the kind's own name
    found = typed(nlp, "# Prompt Functions\n\nAlternatively, some open source ChatGPT tools, "
                       "such as ChatGPT-Next-Web, chatbox, PromptAppGPT, and ChatGPT-Desktop, "
                       "can be used.")
    assert {("ChatGPT-Next-Web", "USES", "ChatGPT"), ("PromptAppGPT", "USES", "ChatGPT"),
            ("ChatGPT-Desktop", "USES", "ChatGPT")} <= found, found


def test_the_examples_a_subject_noun_gives_use_what_it_uses(nlp, model):
    # session 57 probe k21 (an announcement of our own, with tools the recogniser knows);
    # not the examples of a participle's object (research__rag.md, train)
    found = typed(nlp, "Customers such as Siemens and Zurich Insurance already use LangChain "
                       "and LlamaIndex to build agents.")
    assert {("Siemens", "USES", "LangChain"), ("Zurich Insurance", "USES", "LlamaIndex")} \
        <= found, found
    found = typed(nlp, "- **Query Rewriting:** Focuses on rewriting queries using a variety of "
                       "techniques such as Query2Doc, ITER-RETGEN, and HyDE.")
    assert not any(s == "Query2Doc" and p == "USES" for s, p, _ in found), found
