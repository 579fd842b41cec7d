"""A paper's affiliations: the organisations a summary lists under its title, on a line
labelled "Affiliations:" or in a parenthesis closing a heading, are organisations, and "we"
or "the authors" after them are theirs (GUIDELINES: each develops what the paper
proposes); a digest's next heading names the next paper's. Sentences of the session-60
probes (paper summaries of our own, written and annotated before anything ran on them)."""

from __future__ import annotations

from tests.graph.test_entity_classes import ents
from tests.graph.test_relation_classifier import typed

# ``nlp``: the real pipeline, from tests/graph/conftest.py

ABSTRACT = (
    "# Load-Aware Token Routing for Sparse Mixture-of-Experts Language Models\n\n"
    "Wei Zhang¹, Lina Okafor², Haoran Li¹, Mei Chen²\n\n"
    "¹ Tsinghua University  ² Shanghai AI Laboratory\n\n"
    "**Abstract.** Sparse mixture-of-experts (MoE) layers let language models grow their "
    "parameter count without a matching growth in compute. We propose Load-Aware Token "
    "Routing (LATR), which sends overflow tokens to the best-scoring expert that still has "
    "spare capacity. LATR needs no auxiliary loss.\n")

DIGEST = (
    "# Weekly arXiv digest: decoding, reward models and multilingual evaluation\n\n"
    "Our picks this week, one paragraph each.\n\n"
    "### Tree-Aligned Speculative Sampling (Princeton University, Together AI)\n\n"
    "Speculative decoding pairs a small draft model with a large target model. The authors "
    "propose Tree-Aligned Speculative Sampling (TASS), a speculative decoding variant that "
    "trains the draft model to match the target's acceptance pattern.\n\n"
    "### Arbiter-RM: calibrated reward models (University of Edinburgh, Meridian AI)\n\n"
    "This paper targets reward models that are confidently wrong. The authors release "
    "PrefMix, a dataset of 250K human and synthetic preference pairs.\n")


def test_the_organisations_of_an_affiliation_line_are_organisations(nlp):
    # q01: a pattern's "X Laboratory" was distrusted on a line of capitals, like a title's
    # "X Foundation"; q04: the statistical model's place in a heading's parenthesis
    assert ("Shanghai AI Laboratory", "ORG") in ents(nlp, ABSTRACT)
    assert ("Meridian AI", "ORG") in ents(nlp, DIGEST)
    # q06: a university's name runs over a hyphen
    text = ("**Paper:** \"Scaling Verified Synthetic Trajectories for Tool-Using Agents\"\n"
            "**Affiliations:** University of Illinois Urbana-Champaign (UIUC); Northwind AI\n\n"
            "**Setup.** The authors generate ToolTraj, a synthetic corpus of 90K multi-turn "
            "tool-use trajectories.\n")
    assert ("University of Illinois Urbana-Champaign", "ORG") in ents(nlp, text)
    # what "the authors generate" is theirs
    assert ("ToolTraj", "DEVELOPED_BY", "Northwind AI") in typed(nlp, text)


def test_what_the_authors_propose_is_developed_by_each_affiliation(nlp):
    found = typed(nlp, ABSTRACT)
    assert {("Load-Aware Token Routing", "DEVELOPED_BY", "Tsinghua University"),
            ("Load-Aware Token Routing", "DEVELOPED_BY", "Shanghai AI Laboratory")} <= found


def test_each_paper_of_a_digest_has_its_own_authors(nlp):
    found = {(s, o) for s, p, o in typed(nlp, DIGEST) if p == "DEVELOPED_BY"}
    assert {("Tree-Aligned Speculative Sampling", "Princeton University"),
            ("Tree-Aligned Speculative Sampling", "Together AI"),
            ("PrefMix", "University of Edinburgh"), ("PrefMix", "Meridian AI")} <= found
    assert ("PrefMix", "Princeton University") not in found


def test_a_section_heading_of_vendors_is_no_affiliation(nlp):
    # readme__unsloth.md (heldout-dev): hardware, not a paper's authors
    text = ("### AMD, Intel, Blackwell & DGX Spark\n"
            "For RTX 50x, B200, 6000 GPUs: `pip install unsloth`. Read our guides for: "
            "Blackwell and DGX Spark.\n")
    assert not any("Blackwell" in name and label == "ORG" for name, label in ents(nlp, text))


CONTRIBUTIONS = (
    "# Paper of the week: multi-hop retrieval in long contexts\n\n"
    "**Paper:** Retrieval-Aware Position Interpolation for Multi-Hop Long-Context Reasoning\n"
    "**Affiliations:** University of Washington; Allen Institute for AI (Ai2)\n\n"
    "Long-context language models now advertise very large windows.\n\n"
    "Contributions:\n\n"
    "- **MultiHop-Haystack (MHH)**, a benchmark of 4,800 questions whose answers require "
    "combining facts scattered across a long document.\n"
    "- **Sable-8B-128K**, a model initialised from Meta's Llama 3.1 8B and trained on "
    "LongMix, a new corpus of 60K synthetic long documents.\n")


def test_what_a_papers_contributions_list_and_its_paper_line_name_its_authors_made(nlp):
    # session-60 probe q02 (a paper summary of our own)
    found = {(s, o) for s, p, o in typed(nlp, CONTRIBUTIONS) if p == "DEVELOPED_BY"}
    assert {("MultiHop-Haystack", "University of Washington"),
            ("Sable-8B-128K", "Allen Institute for AI"),
            ("Retrieval-Aware Position Interpolation", "University of Washington")} <= found
    assert not any(s == "Llama 3.1 8B" and o != "Meta" for s, o in found), found
    # a list no "Contributions:" line introduces names no one's work
    plain = CONTRIBUTIONS.replace("Contributions:", "Related work:")
    found = {(s, o) for s, p, o in typed(nlp, plain) if p == "DEVELOPED_BY"}
    assert ("MultiHop-Haystack", "University of Washington") not in found, found


# session 61's probes (paper summaries written and annotated before anything ran on them):
# s01, an arXiv listing whose authors line names each author's organisation in brackets
LISTING = (
    "# MigrateBench: Evaluating Coding Agents on Long-Horizon Repository Migrations\n\n"
    "**Authors:** Priya Raman (Carnegie Mellon University), Tomás Ibarra (Carnegie Mellon "
    "University), Lena Vogt (Allen Institute for AI), Hadley Morrow (Meridian Labs)\n\n"
    "**arXiv:2611.04872** [cs.SE] · Submitted 9 Nov 2026\n\n"
    "**Abstract:** Popular coding benchmarks such as HumanEval mostly test single-file "
    "patches. We introduce MigrateBench, a benchmark of 1,260 migration tasks mined from 214 "
    "open-source repositories. Finally, we train MigraCoder-14B, a baseline fine-tuned from "
    "Qwen2.5-Coder-14B.\n")
# s05: the organisations on the line of the arXiv identifier, no "we": the title's name
CREDITS = (
    "## Kestrel-VL: reading documents at native resolution with a 7B vision-language model\n\n"
    "*Northwind AI and the University of Washington · arXiv:2611.07745 · weights and data "
    "released under Apache-2.0*\n\n"
    "Kestrel-VL is an open vision-language model with 7 billion parameters, aimed at "
    "documents, charts and screenshots rather than natural photos.\n")


def test_the_organisations_of_a_credit_line_are_the_papers(nlp):
    found = {(s, o) for s, p, o in typed(nlp, LISTING) if p == "DEVELOPED_BY"}
    assert {("MigrateBench", "Carnegie Mellon University"), ("MigrateBench", "Meridian Labs"),
            ("MigraCoder-14B", "Allen Institute for AI")} <= found
    # the authors are people, not datasets, and develop nothing
    assert ("Lena Vogt", "PERSON") in ents(nlp, LISTING)
    assert not any(s in ("Lena Vogt", "Tomás Ibarra", "Hadley Morrow") for s, _ in found)


def test_a_credited_papers_title_name_is_its_own(nlp):
    found = {(s, o) for s, p, o in typed(nlp, CREDITS) if p == "DEVELOPED_BY"}
    assert {("Kestrel-VL", "Northwind AI"), ("Kestrel-VL", "University of Washington")} <= found
    # a title's name with no credits under it is no one's
    uncredited = CREDITS.replace("· arXiv:2611.07745 ", "")
    assert not any(p == "DEVELOPED_BY" for _, p, _ in typed(nlp, uncredited))


def test_a_who_line_credits_the_organisations_that_ran_the_study_not_their_funder(nlp):
    # s04: a digest's "**Who:**" line
    text = ("### Red-team digest: PersonaDrift erodes safety training one turn at a time\n\n"
            "**Paper:** \"PersonaDrift: Multi-Turn Jailbreaks via Gradual Role Erosion\" "
            "(arXiv:2611.05561)\n"
            "**Who:** Halcyon Security Lab, which is funded by the UK AI Security Institute, "
            "ran the study jointly with ETH Zurich.\n\n"
            "**What's new.** PersonaDrift is a multi-turn attack.\n")
    found = {(s, o) for s, p, o in typed(nlp, text) if p == "DEVELOPED_BY"}
    assert {("PersonaDrift", "Halcyon Security Lab"), ("PersonaDrift", "ETH Zurich")} <= found
    assert ("PersonaDrift", "UK AI Security Institute") not in found, found


def test_what_a_credited_paper_presents_as_new_is_its_authors(nlp):
    # papers3 s05: "a new pooling step, FocusPool", "PixelPile-40M, a new corpus"
    text = CREDITS + (
        "A new pooling step, FocusPool, then merges tiles that look alike before they reach the "
        "language model.\n\n2. pre-training on PixelPile-40M, a new corpus of 40 million "
        "interleaved image-text documents filtered from Common Crawl;\n")
    found = {(s, o) for s, p, o in typed(nlp, text) if p == "DEVELOPED_BY"}
    assert {("FocusPool", "Northwind AI"), ("PixelPile-40M", "University of Washington")} \
        <= found, found
    # announcements n05 (train): a new thing whose maker the sentence names is not ours
    text = CREDITS + ("On LoCoMo-Zh, a new test built by the Tsinghua group, GLM-5-Long scored "
                      "71.4.\n\nGoogle compared it with a new model, Gemini Nano 2, on phones.\n")
    found = {(s, o) for s, p, o in typed(nlp, text) if p == "DEVELOPED_BY"}
    assert not any(s in ("LoCoMo-Zh", "Gemini Nano 2") for s, _ in found), found


def test_what_the_people_of_organisations_propose_is_each_organisations(nlp):
    # papers p04: the partner lab after "working with"; the parser made "propose" a modifier
    found = {(s, o) for s, p, o in typed(
        nlp, "Researchers from Tsinghua University, working with Zhipu AI, propose "
             "Quantization-Aware Rank Allocation (QuRA), a fine-tuning method that extends "
             "QLoRA.") if p == "DEVELOPED_BY"}
    assert {("Quantization-Aware Rank Allocation", "Tsinghua University"),
            ("Quantization-Aware Rank Allocation", "Zhipu AI")} <= found, found
    found = {(s, o) for s, p, o in typed(
        nlp, "Researchers from Tsinghua University propose QuRA, a fine-tuning method that "
             "extends QLoRA.") if p == "DEVELOPED_BY"}
    assert found == {("QuRA", "Tsinghua University")}, found


def test_what_a_relative_clause_says_the_authors_release_is_theirs(nlp):
    # papers p05 and papers3 s03: "X, an open-source library the authors release", the
    # clause's object the thing it describes; not what a named organisation releases
    text = CREDITS + (
        "No training is required; the scheme is implemented in PCA-Kit, an open-source library "
        "the authors release with the paper.\n\nIts most useful contribution is ServeKit, an "
        "open harness the authors release to re-run the main techniques under one setup.\n\n"
        "Scores come from DocBench, which the authors release with the weights.\n\n"
        "It is compared with Llama 3, a model that Meta released in April.\n")
    found = {(s, o) for s, p, o in typed(nlp, text) if p == "DEVELOPED_BY"}
    assert {("PCA-Kit", "Northwind AI"), ("PCA-Kit", "University of Washington"),
            ("ServeKit", "Northwind AI"), ("DocBench", "Northwind AI")} <= found, found
    assert ("Llama 3", "Northwind AI") not in found, found


def test_what_the_paper_proposes_is_its_authors(nlp):
    # papers p05: "The paper proposes X" says what "we propose X" says; a study another
    # organisation ran ("A study from X") or found ("The study found") is not the authors'
    text = CREDITS + (
        "Summary: The paper proposes Plan-Critique-Act (PCA), a prompting scheme for LLM "
        "agents that inserts an explicit self-critique step.\n\nA study from Meta introduced "
        "Llama Guard, a safety classifier.\n")
    found = {(s, o) for s, p, o in typed(nlp, text) if p == "DEVELOPED_BY"}
    assert {("Plan-Critique-Act", "Northwind AI"),
            ("Plan-Critique-Act", "University of Washington")} <= found, found
    assert not any(s == "Llama Guard" and o != "Meta" for s, o in found), found


def test_the_organisations_of_the_team_a_report_opens_with_are_its_authors(nlp):
    # papers3 s02: the report's first sentence, past its heading and a label, opens with
    # the people who did the work; "a new recipe called TraceDistill" is theirs
    text = ("## Paper of the week: TraceDistill squeezes R1-style reasoning into a 3B model\n\n"
            "**TL;DR:** A team from Cohere Labs and the University of Toronto distils "
            "DeepSeek-R1 into a 3-billion-parameter student. Their model, Tern-3B, is "
            "fine-tuned from Llama 3.2 3B with a new recipe called TraceDistill.\n")
    found = {(s, o) for s, p, o in typed(nlp, text) if p == "DEVELOPED_BY"}
    assert {("TraceDistill", "Cohere Labs"), ("TraceDistill", "University of Toronto")} \
        <= found, found
    # guides2 h02: a guide describing another team's work is not theirs
    text = ("# Building a ReAct Agent with Tools\n\nReAct is a prompting framework that lets a "
            "language model interleave reasoning traces with actions. It was proposed by Yao et "
            "al. (2022), a team from Princeton University and Google Research. This guide "
            "adds a new step called StepCheck to the loop.\n")
    found = {(s, o) for s, p, o in typed(nlp, text) if p == "DEVELOPED_BY"}
    assert not any(s == "StepCheck" for s, _ in found), found


def test_a_model_the_paper_makes_from_another_is_its_authors(nlp):
    # papers3 s04, papers p01: a model derived from another with no maker named is the
    # paper's; not a model of another family derived from its own, nor one with its maker
    text = CREDITS + (
        "DriftLM is a fine-tuned version of Mistral Large 2, trained with reinforcement "
        "learning against open-weight targets.\n\nThe baseline, DeepSeek-R1-Distill-Qwen-7B, "
        "was distilled from DeepSeek-R1 and scores 81.7% on MATH-500.\n\nCodeTide 7B, "
        "fine-tuned from Llama 3 8B by Salesforce, scores 61.0%.\n\n"
        # papers p05: a rival; announcements m05: models a sentence takes up again
        "It is on par with DevPilot-32B, an agent model fine-tuned from "
        "Qwen2.5-Coder-32B.\n\nWe merged Shisa Gamma 7B with two math models, WizardMath 7B and "
        "Abel 7B. All three are themselves fine-tuned from Mistral 7B.\n")
    found = {(s, o) for s, p, o in typed(nlp, text) if p == "DEVELOPED_BY"}
    assert {("DriftLM", "Northwind AI"), ("DriftLM", "University of Washington")} <= found, found
    others = ("DeepSeek-R1-Distill-Qwen-7B", "CodeTide 7B", "DevPilot-32B", "Shisa Gamma 7B",
              "WizardMath 7B", "Abel 7B")
    assert not any(s in others and o != "Salesforce" for s, o in found), found
