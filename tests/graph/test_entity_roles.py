"""Entity classes told by the role or the written form a sentence gives a name (issue
"Entities that hold up on real text"), on sentences of our announcements and the guide's
train pages, through the real pipeline: organisations in an investor's, a partner's, an
acquisition's or a maker's slot (graph/nlp/components/org_roles.py), tools and platforms
in a tool's slot (tool_slots.py), model variants named by a Greek letter (whole_names.py),
no organisation named "<modal> AI" (shapes.py), and known names written without their
inner capitals ("Google Deepmind", "Ontonotes", "paged attention"; graph/nlp/pipeline.py)."""

from __future__ import annotations

import pytest

from tests.graph.test_relation_classifier import typed

# ``nlp``: the real pipeline, from tests/graph/conftest.py


def ents(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


@pytest.mark.parametrize("text, orgs", [
    ("In December 2023 it closed a €385 million Series A led by Andreessen Horowitz, with "
     "Lightspeed, Salesforce, BNP Paribas and NVIDIA also taking part.", {"Andreessen Horowitz"}),
    ("Together AI closed a $102.5 million Series A in November 2023, led by Kleiner Perkins "
     "with participation from NVIDIA.", {"Kleiner Perkins", "NVIDIA"}),
    ("Halvorsen Ventures and the French public investment bank Bpifrance also put money into "
     "the round, which values the company at $6.2 billion.", {"Bpifrance"}),
    ("The ETH Zurich group is funded by the Swiss National Science Foundation.",
     {"Swiss National Science Foundation"}),
    ("Moonshot AI, the Alibaba-backed maker of Kimi, opened Kimi k1.5 to developers.",
     {"Alibaba"}),
    # session 58 probe k24: the parser read "Sequoia Capital and Index" as modifiers of
    # "Ventures", and only "Ventures" was an investor
    ("Vantor Labs, founded in 2023, is backed by Sequoia Capital and Index Ventures.",
     {"Sequoia Capital", "Index Ventures"}),
    # session 58 probe k28: a company's arm named after its noun (the recogniser: a project)
    ("Lumina AI raised $42 million in Series B funding led by Accel, with participation from "
     "Y Combinator and NVIDIA's venture arm NVentures.", {"NVentures", "Accel"}),
])
def test_an_investor_is_an_organisation(nlp, text, orgs):
    assert {(name, "ORG") for name in orgs} <= ents(nlp, text)


def test_who_hosts_or_operates_a_thing_is_an_organisation(nlp):
    # session 58 probe k34 (an announcement of our own): the recogniser had a dataset, and
    # the model USES it
    found = ents(nlp, "The models were trained on 22 trillion tokens on an NVIDIA GB200 NVL72 "
                      "cluster hosted by CoreWeave.")
    assert ("CoreWeave", "ORG") in found, found


def test_who_releases_a_thing_is_an_organisation_where_no_one_typed_the_name(nlp):
    # session 59 probe g05 (a guide page of our own): no component had found the company
    found = ents(nlp, "For injection specifically, Fernhill Security released Warden, a small "
                      "classifier fine-tuned from DeBERTa-v3.")
    assert ("Fernhill Security", "ORG") in found, found
    # a capitalised verb opening a line is no organisation (train research__rag.md,
    # agents__components.md; training/corpus/packages/readme__haystack_ai.md)
    for text in ("| Leverages LLMs as a few-shot query generator, and creates task-specific "
                 "retrievers based on the generated data. | Promptagator |",
                 "   - Helps maintain continuity during task iteration",
                 "Use built-in components for retrieval, or create your own."):
        assert not {name for name, label in ents(nlp, text) if label == "ORG"}, text


@pytest.mark.parametrize("text, orgs", [
    ("We've partnered with Brightline Insurance and Halden Health, and both companies now run "
     "Wingspan on real back-office work.", {"Brightline Insurance", "Halden Health"}),
    ("In June 2024 it partnered with SoftBank to offer Perplexity Pro free for a year to "
     "SoftBank's mobile customers in Japan.", {"SoftBank"}),
    ("We are working with the Internet Archive to add digitised reference books to the next "
     "release.", {"Internet Archive"}),
    ("Kairos also signed a distribution partnership with the telecom operator Telvia, and it "
     "joins OpenEuro Compute, a public-private initiative.", {"Telvia"}),
    ("NVIDIA announced on 24 April 2024 that it would acquire Run:ai, an Israeli company whose "
     "software schedules GPU workloads on Kubernetes.", {"Run:ai"}),
    ("The company said on Tuesday that it has acquired Sablier, a small Lyon team that builds "
     "evaluation tooling.", {"Sablier"}),
])
def test_a_partner_or_an_acquisition_is_an_organisation(nlp, text, orgs):
    assert {(name, "ORG") for name in orgs} <= ents(nlp, text)


@pytest.mark.parametrize("text, org", [
    # announcements of our own (session 52 probes): a name nothing knows, told by its verb
    # as subject or by the organisation's noun in apposition to it
    ("Helix Robotics raises $85 million to scale its foundation model for warehouse robots",
     "Helix Robotics"),
    ("Pinecrest has acquired Tessellate, the startup behind the open-source vector "
     "database TessDB, for an undisclosed sum.", "Pinecrest"),
    ("Arclight, the maker of the Lumen family of clinical language models, is partnering "
     "with Vantage Health to deploy Lumen-Med across 40 hospitals.", "Arclight"),
    # session 53 probe d4: the company's first word is an adjective of the language
    ("Orbital AI raised $120 million in a Series B led by Lightspeed Venture Partners "
     "earlier this year.", "Orbital AI"),
    # session 53 probe f4: who deploys a model is a company ("Halden" alone a place)
    ("Halden Health deploys Lumen-Med across 40 hospitals", "Halden Health"),
])
def test_who_raises_acquires_or_makes_as_a_company_is_an_organisation(nlp, text, org):
    assert (org, "ORG") in ents(nlp, text)
    # a person raising or acquiring is no company; "raises" with no money is no round's
    assert ("Maya Chen", "ORG") not in ents(nlp, "Maya Chen raises the point that robots fail.")


@pytest.mark.parametrize("text, org", [
    ("SEA-LION v3, developed by AI Singapore and fine-tuned from Gemma 2 9B, gave fewer "
     "harmful completions.", "AI Singapore"),
    ("Step-2, built by the team at StepFun, entered at fifth.", "StepFun"),
    ("Mistral-ORPO-β: same recipe, fine-tuned from Mistral 7B on a cleaned version of "
     "UltraFeedback released by Argilla.", "Argilla"),
    ("Tulu is a family of models developed by Allen Institute for AI.", "Allen Institute for AI"),
])
def test_a_maker_is_an_organisation(nlp, text, org):
    assert (org, "ORG") in ents(nlp, text)


def test_a_round_or_a_person_in_such_a_slot_keeps_its_type(nlp):
    text = "The launch is backed by our $350 million Series C, led by Maple Ridge Partners."
    found = ents(nlp, text)
    assert ("Maple Ridge Partners", "ORG") in found
    assert not {name for name, label in found if label == "ORG" and "Series" in name}
    text = "The prompt injection technique proposed by Riley is using JSON encoding."
    assert ("Riley", "ORG") not in ents(nlp, text)


def test_a_companys_short_name_is_the_company(nlp):
    # n02_kairos_funding.txt: the small model reads "Kairos" alone as a person
    text = ("Kairos Labs said on Tuesday it had raised $640 million. Kairos released "
            "Meridian 3 in March.")
    assert ("Kairos", "ORG") in ents(nlp, text)
    assert ("Meridian 3", "DEVELOPED_BY", "Kairos Labs") in typed(nlp, text)


@pytest.mark.parametrize("text, model", [
    ("- Mistral-ORPO-α: fine-tuned with ORPO from Mistral 7B on UltraFeedback.",
     "Mistral-ORPO-α"),
    ("Both ORPO models outperform Zephyr-β on AlpacaEval 2.0 and MT-Bench.", "Zephyr-β"),
])
def test_a_variant_named_by_a_greek_letter_is_part_of_the_name(nlp, text, model):
    found = ents(nlp, text)
    assert (model, "MODEL") in found
    assert (model[:-2], "MODEL") not in found


@pytest.mark.parametrize("text, tool", [
    ("- The base weights are loaded in 4-bit NF4 with bitsandbytes, and LoRA adapters (rank 16, "
     "alpha 32) are trained on top.", "bitsandbytes"),
    ("- Training uses the SFTTrainer from TRL, with PEFT for the adapters, FlashAttention-2 and "
     "gradient checkpointing.", "PEFT"),
    ("Both stages were run with NeMo Aligner.", "NeMo Aligner"),
    ("Both models are deployed on Heroku for managed inference, and the weights can be "
     "downloaded for research use.", "Heroku"),
    ("Lark 3B is based on our larger Lark Pro model, which runs on Aurora Private Compute.",
     "Aurora Private Compute"),
])
def test_what_a_step_is_done_with_or_a_model_deployed_on_is_a_project(nlp, text, tool):
    assert (tool, "PROJECT") in ents(nlp, text)


@pytest.mark.parametrize("text, kept, not_tool", [
    ("- The base weights are loaded in 4-bit NF4 with bitsandbytes, and LoRA adapters (rank 16, "
     "alpha 32) are trained on top.", ("LoRA", "METHOD"), "LoRA"),
    ("Reka Playground now runs on Vela 2 Max by default.", None, "Max"),
    ("Baize-v2 is an open-source chat model developed by UCSD and Sun Yat-Sen University, "
     "fine-tuned with LoRA.", ("LoRA", "METHOD"), "LoRA"),
    # hardware ("runs on Ampere and Ada GPUs") is a product in the annotations of READMEs
    # (training/annotations/R*, heldout notes): the recogniser types it, not this slot
    ("She loved to play with her toys and her friends.", None, "her"),
    ("If you are looking to implement tailored AI solutions for your specific needs, we can "
     "help you with that.", None, "that"),
    ("- Prompting Large Language Models with Answer Heuristics for Knowledge-based Visual "
     "Question Answering (March 2023)", None, "Answer Heuristics"),
])
def test_a_technique_a_model_a_word_or_a_title_in_such_a_slot_is_no_tool(nlp, text, kept,
                                                                         not_tool):
    found = ents(nlp, text)
    if kept:
        assert kept in found
    assert not {name for name, label in found if label == "PROJECT" and not_tool in name}


@pytest.mark.parametrize("text", [
    "- Can AI really be protected from text-based attacks? (Feb 2023)",
    "- Can AI Chatbots Pass the Fundamentals of Engineering (FE) and Principles and Practice of "
    "Engineering (PE) Structural Exams? (April 2023)",
])
def test_a_modal_before_ai_names_no_organisation(nlp, text):
    assert not {name for name, label in ents(nlp, text) if label == "ORG"}


def test_a_known_organisation_written_with_one_capital_is_still_known(nlp):
    text = ("Gemini is the newest most capable AI model from Google Deepmind. It's built with "
            "multimodal capabilities from the ground up.")
    found = ents(nlp, text)
    assert ("Google Deepmind", "ORG") in found
    assert ("Google", "ORG") not in found


def test_a_known_name_written_without_its_inner_capitals_is_still_known(nlp):
    # readme__flair.md (heldout-more-dev): benchmarks with one capital; readme__sglang.md:
    # a technique's CamelCase name as two words in lower case
    found = ents(nlp, "| English | Conll-03 (4-class)   |  **94.09**  |\n"
                      "| English | Ontonotes (18-class)  |  **90.93**  |")
    assert {("Conll-03", "DATASET"), ("Ontonotes", "DATASET")} <= found, found
    found = ents(nlp, "- **Fast Runtime**: Provides efficient serving with RadixAttention for "
                      "prefix caching, a zero-overhead CPU scheduler, continuous batching, "
                      "paged attention, tensor/pipeline/expert/data parallelism.")
    assert ("paged attention", "METHOD") in found, found


def test_a_short_name_with_inner_capitals_has_no_other_spelling():
    from graph.nlp.pipeline import spelled_forms

    # "React" and "Palm" are other names; "pagedattention" would be part of an identifier
    assert spelled_forms("ReAct", "METHOD") == spelled_forms("PaLM", "MODEL") == []
    assert spelled_forms("PagedAttention", "METHOD") == [
        "Pagedattention", "Paged Attention", "paged attention"]


def test_an_organisation_without_its_company_word_is_the_organisation(nlp):
    # n12_arena_reshuffle.txt: "Northwind" for "Northwind AI", the funding's target
    text = ("Northwind AI's Cirrus 4 has taken first place on the LMSYS Chatbot Arena. "
            "Cedar Point Capital invested $900 million in Northwind last year.")
    assert ("Cedar Point Capital", "FUNDS", "Northwind AI") in typed(nlp, text)
    # our probe c3: the statistical model reads the short name as a person
    text = ("Kestrel AI has closed a $40 million Series A. Kestrel says the new capital will "
            "fund a larger model.")
    assert ("Kestrel", "ORG") in ents(nlp, text)
    # a short name is a company's only where it acts as one: not "Deep" of "Deep Think"
    # (as "Deep Research" read as a company and a bullet "**Deep analysis of complex data**"
    # in guides__deep-research.md, the train split)
    text = ("Cascade Research raised $5 million. It helps with:\n\n* **Cascade analysis of "
            "complex data**\n")
    assert ("Cascade Research", "ORG") in ents(nlp, text)
    assert ("Cascade", "ORG") not in ents(nlp, text)
