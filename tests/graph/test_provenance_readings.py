"""Who made a model, as guide pages, paper summaries and announcements say it (GUIDELINES:
DEVELOPED_BY): a parenthesis of makers, a relative clause "which was built by", the line
under a heading, the sizes and editions of a family, a product named after its maker.

Every sentence is real text of the genre (training/corpus/announcements, the Prompt
Engineering Guide's train and dev pages), read by the real pipeline.
"""

from __future__ import annotations

from graph.nlp.derived import derived_readings
from graph.nlp.provenance import provenance_readings
from tests.graph.readings import first_sentence
from tests.graph.test_relation_classifier import typed


def made(nlp, text: str) -> dict[tuple[str, str], str]:
    return first_sentence(provenance_readings, nlp, text)


def test_a_parenthesis_of_organizations_names_the_makers(nlp):
    # m03_reasoning_leaderboard.txt: "o1-mini (OpenAI): 63.6% / ..."; with a year, as a
    # paper summary cites it; a person's citation is no maker
    assert made(nlp, "- Claude 3.5 Sonnet (Anthropic): 16.0% / 78.3% / 65.0% / 38.9%") == \
        {("Claude 3.5 Sonnet", "Anthropic"): "DEVELOPED_BY"}
    assert made(nlp, "- LLaMA (Meta AI, 2023): a collection of foundation models") == \
        {("LLaMA", "Meta AI"): "DEVELOPED_BY"}
    assert made(nlp, "- ReAct (Yao et al., 2022) combines reasoning and acting") == {}


def test_a_relative_clause_with_a_makers_participle_names_the_maker(nlp):
    # n08_gov_joint_evaluation.txt: the parser hangs the clause on "completions"
    found = made(nlp, "SEA-LION v3 gave fewer harmful completions in Malay and Tagalog than "
                      "Sailor2-20B, which was built by Sea AI Lab on top of Qwen2.5.")
    assert found == {("Sailor2-20B", "Sea AI Lab"): "DEVELOPED_BY"}
    # a use is no making: "powered by" is not a maker's participle
    assert made(nlp, "Mixtral 8x7B, powered by Mistral AI, is fast.") == {}
    # session 53 probe e4 (a benchmark's summary of our own): the maker with its article
    assert made(nlp, "TableQuest is a benchmark for question answering over semi-structured "
                     "tables, released by the Allen Institute for AI.") == \
        {("TableQuest", "Allen Institute for AI"): "DEVELOPED_BY"}


def test_a_description_of_models_from_an_organization_names_the_maker(nlp):
    # m04_aya23_blog.txt: an appositive description whose model noun comes from the maker;
    # not a clause, and not a description of something else
    found = made(nlp, "We're excited to introduce Aya 23, a new family of open-weights "
                      "multilingual language models from Cohere For AI.")
    assert found == {("Aya 23", "Cohere For AI"): "DEVELOPED_BY"}, found
    assert made(nlp, "Llama 3 is the latest model from Meta.") == \
        {("Llama 3", "Meta"): "DEVELOPED_BY"}
    assert made(nlp, "DBRX, which beats the models from Meta, is open.") == {}
    # m10_qlora_dpo_guide.txt: the model noun made "by" the maker
    found = made(nlp, "Kestrel-8B is based on Llama 3 8B, the base (not Instruct) model "
                      "released by Meta in April 2024 with an 8K context window.")
    assert found.get(("Llama 3 8B", "Meta")) == "DEVELOPED_BY", found
    # eval__swe_lancer.md (heldout-evals-dev): the kind noun right after the name, "by"
    found = made(nlp, "The dataset is derived from the SWE-Lancer benchmark by OpenAI.")
    assert found == {("SWE-Lancer", "OpenAI"): "DEVELOPED_BY"}, found
    # about.md (train): a description after a copula whose noun is made "by" the maker
    found = made(nlp, "The Prompt Engineering Guide is a project by DAIR.AI.")
    assert found == {("Prompt Engineering Guide", "DAIR.AI"): "DEVELOPED_BY"}, found


def test_the_line_under_a_heading_is_a_sentence_of_its_own(nlp, model):
    # models__phi-2.md (dev): the parser joins the heading and the line after it
    found = typed(nlp, "## Phi-2 Introduction\nPhi-2 is the latest small language model (SLM) "
                       "released by Microsoft Research. Phi-2 follows the previous Phi-1 model "
                       "and Phi-1.5 models.")
    assert ("Phi-2", "DEVELOPED_BY", "Microsoft Research") in found, found


def test_the_editions_of_a_family_share_its_maker(nlp, model):
    # models__code-llama.md: the family's maker in a participle after its description
    found = typed(nlp, "Code Llama is a family of large language models (LLM), released by "
                       "Meta, with the capabilities to accept text prompts and generate and "
                       "discuss code. The release also includes two other variants (Code Llama "
                       "Python and Code Llama Instruct) and different sizes (7B, 13B, 34B, and "
                       "70B).")
    assert {("Code Llama Python", "DEVELOPED_BY", "Meta"),
            ("Code Llama Instruct", "DEVELOPED_BY", "Meta")} <= found, found


def test_the_sizes_and_editions_of_a_family_share_its_maker(nlp, model):
    # n04_salesforce_codetide.txt: a size named sentences later
    found = typed(nlp, "Salesforce AI Research today announced CodeTide 2, an open-weight code "
                       "model family. CodeTide 2 32B is built on Qwen2.5-Coder-32B.")
    assert ("CodeTide 2 32B", "DEVELOPED_BY", "Salesforce AI Research") in found, found
    # models__gpt-4.md: a model not called a family has no members ("GPT-4 Turbo" is named
    # as a model of its own)
    found = typed(nlp, "More recently, OpenAI released GPT-4, a large multimodal model that "
                       "accept image and text inputs and emit text outputs.\n\n## GPT-4 Turbo"
                       "\n\nGPT-4 Turbo is the latest GPT-4 model.")
    assert ("GPT-4", "DEVELOPED_BY", "OpenAI") in found, found
    assert ("GPT-4 Turbo", "DEVELOPED_BY", "OpenAI") not in found, found
    # a fine-tune under another name is not a member: no edition word after the family
    from graph.nlp.variants import _member_of
    assert _member_of("llama 3 8b", "llama 3") and _member_of("mixtral 8x7b instruct",
                                                                "mixtral 8x7b")
    assert not _member_of("mistral-7b-openorca", "mistral-7b")


def test_a_product_named_after_its_maker_is_the_whole_names(nlp, model):
    # m04_aya23_blog.txt: "Cohere Playground" is Cohere's, not Cohere For AI's
    found = typed(nlp, "We started from Command R, the pretrained model developed by our "
                       "colleagues at Cohere, and fine-tuned it. We're excited to introduce "
                       "Aya 23, a new family of open-weights multilingual language models "
                       "from Cohere For AI. You can chat with it in the Cohere Playground.")
    assert ("Cohere Playground", "DEVELOPED_BY", "Cohere") in found, found
    assert ("Cohere Playground", "DEVELOPED_BY", "Cohere For AI") not in found
    # u02-like: another part of a group makes no product of the group's first word
    # (models__gemini.md: "Google Deepmind" is named, "Google AI Studio" is Google's)
    found = typed(nlp, "Gemini is developed by Google Deepmind. We are using Google AI Studio "
                       "for this example with a temperature value of 0.")
    assert not any(s == "Google AI Studio" and p == "DEVELOPED_BY" for s, p, _ in found), found


def test_the_subject_of_a_relative_clause_that_made_its_object_is_the_maker(nlp, model):
    # m10_qlora_dpo_guide.txt, m07_acquisitions_news.txt, n05_china_longcontext.txt: the
    # maker is the subject of a clause whose object is the thing (or its description)
    found = made(nlp, "Kestrel-8B still trails Llama 3 8B Instruct, which Meta trained with "
                      "far more preference data, but it comes close on MMLU-Pro.")
    assert found.get(("Llama 3 8B Instruct", "Meta")) == "DEVELOPED_BY", found
    found = typed(nlp, "After the deal the team built DBRX, a mixture-of-experts model that "
                       "Databricks released in March 2024.")
    assert ("DBRX", "DEVELOPED_BY", "Databricks") in found, found
    found = made(nlp, "The model relies on block-skip attention, a sparse attention scheme "
                      "that Zhipu developed, and it was trained on LongDocs-CN.")
    assert found.get(("block-skip attention", "Zhipu")) == "DEVELOPED_BY", found
    # a clause of use, or with a verb before the maker, names no maker
    assert made(nlp, "Llama 3 8B Instruct, which Meta used as a judge, is open.") == {}
    assert made(nlp, "DBRX, a model that beats Llama 2, which Meta released, is open.").get(
        ("DBRX", "Meta")) is None


def test_its_product_is_made_by_the_organisation_its_clause_is_about(nlp, model):
    # m12_orpo_summary.txt, n05_china_longcontext.txt: "its" in a clause whose subject is
    # the organisation
    found = typed(nlp, "Hugging Face added an ORPOTrainer to its TRL library within weeks.")
    assert ("TRL", "DEVELOPED_BY", "Hugging Face") in found, found
    found = typed(nlp, "Zhipu AI on Monday released GLM-5-Long, a version of its GLM-5 model "
                       "that accepts a 1-million-token context window.")
    assert ("GLM-5", "DEVELOPED_BY", "Zhipu AI") in found, found
    # another organisation named between them may be what "its" stands for; a model
    # subject owns its predecessor, it does not make it
    found = typed(nlp, "Microsoft invested in OpenAI and uses its GPT-4 model.")
    assert ("GPT-4", "DEVELOPED_BY", "Microsoft") not in found, found
    found = typed(nlp, "Meta released Llama 3, which outperforms its predecessor Llama 2.")
    assert not any(s == "Llama 2" and p == "DEVELOPED_BY" for s, p, _ in found), found


def test_the_maker_described_by_what_it_made_and_things_made_by_one_maker(nlp, model):
    # n02_kairos_funding.txt, n05_china_longcontext.txt, n03_eth_ortholora.txt
    found = made(nlp, "Mistral AI, the Paris-based startup behind the Mixtral models, has "
                      "raised $640 million.")
    assert found.get(("Mistral AI", "Mixtral")) == "DEVELOPED_BY<", found
    found = made(nlp, "An independent comparison tested ERNIE 4.5 Turbo and ERNIE X1, both "
                      "from Baidu, along with GLM-5-Long.")
    assert found.get(("ERNIE 4.5 Turbo", "Baidu")) == "DEVELOPED_BY", found
    assert found.get(("ERNIE X1", "Baidu")) == "DEVELOPED_BY", found
    found = typed(nlp, "The authors fine-tuned Falcon 2 11B, from the Technology Innovation "
                       "Institute, and IBM's Granite 3.0 8B with OrthoLoRA on a mixture of math "
                       "and code data, then measured what each model had lost.")
    assert ("Falcon 2 11B", "DEVELOPED_BY", "Technology Innovation Institute") in found, found
    # a company near a thing it does not make: "the bank behind the deal" names no thing
    assert made(nlp, "Mistral AI, the startup that uses Mixtral, has raised money.") == {}
    # m04_aya23_blog.txt: people of the organisation made it, "our" between them
    found = typed(nlp, "We started from Command R, the pretrained model developed by our "
                       "colleagues at Cohere, and fine-tuned it on multilingual instruction "
                       "data.")
    assert ("Command R", "DEVELOPED_BY", "Cohere") in found, found
    # m07_acquisitions_news.txt: a hyphenated "start-up", and "open" before the name
    found = made(nlp, "On 26 June 2023 Databricks agreed to acquire MosaicML, the San Francisco "
                      "start-up behind the open MPT models, for about $1.3 billion.")
    assert found.get(("MosaicML", "MPT")) == "DEVELOPED_BY<", found


def test_a_possessor_makes_the_named_model_whatever_its_markup(nlp):
    # guides__deep-research.md: the bold marks and the noun saying what the name is ("o3
    # model") leave the maker's possessive; a technique modifying a noun stays the noun's
    found = made(nlp, "Deep Research is powered by OpenAI's **o3 model**, which is optimized "
                      "for web browsing and data analysis.")
    assert found == {("OpenAI", "o3"): "DEVELOPED_BY<"}, found
    assert made(nlp, "Tencent's mixture-of-experts model Hunyuan-Large is open.").get(
        ("Tencent", "mixture-of-experts")) is None


def test_the_possessor_of_the_noun_apposed_to_a_name_makes_it(nlp):
    # tests/data/unseen/docs/u07_microsoft_hf.txt: a size among the words describing the
    # model; the possessed noun must be of the name's kind
    found = made(nlp, "Phi-4, Microsoft's 14B parameter small language model, outperforms "
                      "much larger models on math reasoning.")
    assert found.get(("Phi-4", "Microsoft")) == "DEVELOPED_BY", found
    assert made(nlp, "AMD agreed to buy Silo AI, Europe's largest private AI lab, for $665 "
                     "million in cash.") == {}
    # models__collection.md (train), guides__4o-image-generation.md: the possessed noun
    # said of the name by a copula
    found = made(nlp, "GPT-3.5-Turbo is OpenAI's advanced language model optimized for chat "
                      "but also works well for traditional completion tasks.")
    assert found.get(("GPT-3.5-Turbo", "OpenAI")) == "DEVELOPED_BY", found
    # session 58 probe k22 (a paper summary of our own): the parser made the noun the verb's
    # object, no apposition; the words alone say it
    found = made(nlp, "The authors apply SMoA to Whisper large-v2 and to MMS-1B, Meta's "
                      "massively multilingual speech model, and train only 2.1% of the "
                      "parameters.")
    assert found.get(("MMS-1B", "Meta")) == "DEVELOPED_BY", found
    found = made(nlp, "4o Image Generation is OpenAI’s latest image model embedded into "
                      "ChatGPT.")
    assert found.get(("4o Image Generation", "OpenAI")) == "DEVELOPED_BY", found


def test_a_makers_verb_between_an_organisation_and_a_name_whatever_the_parse(nlp):
    # tests/data/unseen2/docs/v02_alibaba_nvidia.txt: the parse reads the sentence as a
    # noun phrase ("open-sourced" a modifier of the name)
    text = "Alibaba Cloud open-sourced Qwen2.5-Max, a large mixture-of-experts model."
    assert not any(t.pos_ == "VERB" and t.dep_ == "ROOT" for t in nlp(text))
    assert made(nlp, text).get(("Alibaba Cloud", "Qwen2.5-Max")) == "DEVELOPED_BY<"
    # a verb that is no maker's says nothing of who made the name
    assert made(nlp, "Alibaba Cloud hosts Qwen2.5-Max.") == {}


def test_organisations_making_something_together_are_partners(nlp):
    # tests/data/unseen2/docs/v03_deepmind_oxford.txt; co-investors are no partners
    # (training/corpus/announcements/m08_funding_roundup.txt)
    found = made(nlp, "Google DeepMind and the University of Oxford published a study on "
                      "AI-assisted weather forecasting.")
    assert found.get(("Google DeepMind", "University of Oxford")) == "PARTNERS_WITH", found
    found = made(nlp, "Perplexity's $73.6 million Series B, announced on 4 January 2024, was "
                      "led by IVP; NVIDIA and Databricks Ventures invested as well.")
    assert "PARTNERS_WITH" not in found.values(), found


def test_a_technique_describing_the_made_model_is_not_what_the_maker_made(nlp, model):
    # models__gemini-pro.md (the guide's train split): Google made the model, whose noun the
    # technique describes; the method a sentence says a lab introduced stays the lab's
    found = typed(nlp, "Google introduces Gemini 1.5 Pro, a compute-efficient multimodal "
                       "mixture-of-experts model.")
    assert ("Gemini 1.5 Pro", "DEVELOPED_BY", "Google") in found, found
    assert ("mixture-of-experts", "DEVELOPED_BY", "Google") not in found, found
    found = typed(nlp, "Meta AI researchers introduced a method called Retrieval Augmented "
                       "Generation (RAG) to address such knowledge-intensive tasks.")
    assert ("Retrieval Augmented Generation", "DEVELOPED_BY", "Meta AI") in found, found


def test_a_model_made_from_another_after_other_participles_of_its_clause(nlp):
    # n08_gov_joint_evaluation.txt: the parser hangs "fine-tuned" and "on top of" on the
    # organisation; the cue right before the second model names what the first is made from
    found = typed(nlp, "SEA-LION v3, developed by AI Singapore and fine-tuned from Gemma 2 9B, "
                       "gave fewer harmful completions in Malay and Tagalog than Sailor2-20B, "
                       "which was built by Sea AI Lab on top of Qwen2.5.")
    assert ("SEA-LION v3", "BASED_ON", "Gemma 2 9B") in found, found
    assert ("Sailor2-20B", "BASED_ON", "Qwen2.5") in found, found
    assert ("SEA-LION v3", "DEVELOPED_BY", "AI Singapore") in found, found
    # the cue must stand right before the base: "based on the same architecture as X" and a
    # cue in another clause say nothing of this reading
    assert first_sentence(derived_readings, nlp, "Vela 2 is based on the same architecture "
                                                 "as Qwen2-VL-72B.") == {}
    # m10_qlora_dpo_guide.txt
    assert first_sentence(derived_readings, nlp, "Kestrel-8B is based on Llama 3 8B, the base "
                                                 "(not Instruct) model released by Meta.") == \
        {("Kestrel-8B", "Llama 3 8B"): "BASED_ON"}



def test_a_model_a_copula_names_as_another_made_into_it(nlp, model):
    # session-60 probes q06, q02 (paper summaries of our own), h04 (a guide page): the model
    # a copula names with a participle of making, a maker's possessive or "a fine-tune of"
    found = typed(nlp, "Wrangler-7B is Mistral 7B fine-tuned on ToolTraj using the open-source "
                       "TRL library.")
    assert {("Wrangler-7B", "BASED_ON", "Mistral 7B"), ("Wrangler-7B", "USES", "ToolTraj"),
            ("Wrangler-7B", "USES", "TRL")} <= found, found
    assert not any(s in ("Mistral 7B", "ToolTraj") and p == "USES" for s, p, _ in found), found
    assert ("Sable-8B-128K", "BASED_ON", "Llama 3.1 8B") in typed(
        nlp, "Sable-8B-128K is a model initialised from Meta's Llama 3.1 8B and trained with "
             "RAPI on LongMix.")
    assert first_sentence(derived_readings, nlp, "The adapter is published as Wren-8B-Dolly, "
                                                 "a QLoRA fine-tune of Llama 3 8B.") == \
        {("Wren-8B-Dolly", "Llama 3 8B"): "BASED_ON"}



def test_a_bold_name_is_made_by_the_organization_after_its_marks(nlp, model):
    # readme__unsloth.md (training/heldout, heldout-dev): the parser hangs "by" on the bold
    # marks, and the line had no typed edge
    text = ("## Models\n\n- **gpt-oss** by OpenAI: Read our RL blog, Flex Attention blog "
            "and Guide.\n- **Gemma 3n** by Google: Read Blog.\n")
    assert {("gpt-oss", "DEVELOPED_BY", "OpenAI"),
            ("Gemma 3n", "DEVELOPED_BY", "Google")} <= typed(nlp, text)


def test_a_model_trained_from_another_in_apposition_is_based_on_it(nlp, model):
    # a paper summary of our own (session 52 probe b5): with the lab before the verb, the
    # parser reads the apposition as a second object of "introduce", and "trained from" is
    # a base only between two models
    text = ("Researchers at the Allen Institute for AI introduce Sable-32B, a reasoning model "
            "trained from Qwen2.5-32B with GRPO on math problems.")
    found = typed(nlp, text)
    assert ("Sable-32B", "BASED_ON", "Qwen2.5-32B") in found, found
    assert ("Sable-32B", "USES", "GRPO") in found, found
    found = typed(nlp, "Sable-32B was trained from human feedback.")
    assert not any(p == "BASED_ON" for _, p, _ in found), found


def test_what_a_clause_says_of_an_organisations_product_is_not_made_by_it(nlp, model):
    # an announcement of our own (session 52 probe c2): the assistant is Brightwave's, the
    # model it runs on is not; the classifier had guessed Brightwave made Claude 3.5 Sonnet
    from graph.build.assemble import build_graph
    from graph.ingest.documents import Document
    from graph.nlp.extract import extract
    from graph.nlp.pipeline import shared_pipeline

    text = ("Brightwave and Orchid Bank announce strategic partnership\n\nBrightwave, a startup "
            "building AI agents for financial research, today announced a multi-year "
            "partnership with Orchid Bank. Orchid's analysts will use Brightwave's research "
            "assistant, which runs on Claude 3.5 Sonnet, to summarize earnings calls and "
            "regulatory filings.\n")
    g = build_graph(extract(nlp, [Document("c2.txt", "c2.txt", text, "0")]),
                    shared_pipeline()[1])
    assert not any(d.get("predicate") == "DEVELOPED_BY" for _, _, d in g.edges(data=True))
    # a product the organisation owns that is the other end is still its own
    found = typed(nlp, "Researchers praised Microsoft's Phi-4, a small language model.")
    assert ("Phi-4", "DEVELOPED_BY", "Microsoft") in found, found


def test_an_organisation_s_product_named_in_apposition_to_its_noun(nlp):
    # session 53 probe f1 (an acquisition announcement of our own): the startup is named
    # nowhere else as a company, and made what its noun's apposition names
    for text in ("Quillwork's flagship model, Ledger-7B, extracts tables from scanned "
                 "invoices.", "Ledger-7B, Quillwork's flagship model, extracts tables."):
        assert ("Ledger-7B", "DEVELOPED_BY", "Quillwork") in typed(nlp, text), text


def test_a_description_is_of_the_organisation_it_follows_not_of_a_clause_before(nlp):
    # session 53 probe e1 (a partnership announcement of our own): the lab behind the
    # family is Cobalt Labs, not the company of the clause before it
    found = made(nlp, "Verdant Bio, a biotechnology company focused on enzyme design, today "
                      "announced a multi-year partnership with Cobalt Labs, the AI research lab "
                      "behind the Helix family of protein models.")
    assert found.get(("Cobalt Labs", "Helix")) == "DEVELOPED_BY<", found
    assert ("Verdant Bio", "Helix") not in found, found
    # n05_china_longcontext.txt (announcements): an organisation inside the description
    assert made(nlp, "Moonshot AI, the Alibaba-backed maker of Kimi, opened Kimi k1.5 to "
                     "developers.").get(("Moonshot AI", "Kimi")) == "DEVELOPED_BY<"


def test_a_sentence_opening_with_how_its_subject_was_made_names_the_makers(nlp):
    from graph.nlp.fronted import fronted_makers

    # readme__vllm.md (held-out, dev half): the makers after "in" and "at" ("the Sky
    # Computing Lab", which the recogniser reads as a benchmark, is an organisation by its
    # "Lab": resources/patterns/orgs.jsonl, kind:organisation)
    assert first_sentence(fronted_makers, nlp,
                          "Originally developed in the Sky Computing Lab at UC Berkeley, vLLM "
                          "has grown into one of the most active open-source AI projects.") == \
        {("Sky Computing Lab", "vLLM"): "DEVELOPED_BY<", ("UC Berkeley", "vLLM"): "DEVELOPED_BY<"}
    # session 54 probe j1 (an announcement of our own): people of two organisations
    found = typed(nlp, "Built by researchers at Larkspur Labs and ETH Zurich, Tessera-2 uses a "
                       "mixture-of-experts architecture.")
    assert {("Tessera-2", "DEVELOPED_BY", "Larkspur Labs"),
            ("Tessera-2", "DEVELOPED_BY", "ETH Zurich")} <= found, found
    # a partner is no maker; nor is a clause that does not open with a maker's participle
    assert first_sentence(fronted_makers, nlp, "Developed in partnership with NVIDIA, "
                                               "Corvid-7B reaches 71.2% on MMLU.") == {}
    assert first_sentence(fronted_makers, nlp, "Hosted by Hugging Face, Corvid-7B reaches "
                                               "71.2% on MMLU.") == {}


def test_a_paper_from_organisations_is_their_making(nlp, model):
    # session 54 probe j4 (a paper summary of our own): the paper's "from" names the
    # authors' organisations, the subject of its verb of making (the parser hung them on
    # "work", where no verb read them)
    found = typed(nlp, "This work from the University of Toronto and Cohere proposes "
                       "Self-Critique Tuning, a training method.")
    assert {("Self-Critique Tuning", "DEVELOPED_BY", "University of Toronto"),
            ("Self-Critique Tuning", "DEVELOPED_BY", "Cohere")} <= found, found


def test_an_organisation_s_name_written_before_a_product_s_names_its_maker(nlp):
    # readme__sglang.md (heldout-more-dev): "OpenAI gpt-oss model"; eval__mmlu.md
    # (heldout-evals-dev) "OpenAI MMMLU"; w02_deepseek.txt (unseen3) "Alibaba Cloud Model
    # Studio". Not across a table cell
    assert made(nlp, "- [2025/08] SGLang provides day-0 support for OpenAI gpt-oss model "
                     "(instructions)") == {("OpenAI", "gpt-oss"): "DEVELOPED_BY<"}
    assert made(nlp, "The team compared Google Gemini 2.5 Pro with Anthropic Claude 3.7 "
                     "Sonnet.") == {("Google", "Gemini 2.5 Pro"): "DEVELOPED_BY<",
                                    ("Anthropic", "Claude 3.7 Sonnet"): "DEVELOPED_BY<"}
    assert made(nlp, "| Huawei | Ascend NPU | npu | Yes |") == {}


def test_a_pronoun_before_a_product_s_name_is_no_maker_written_there(nlp, model):
    # n05_china_longcontext.txt: the anaphora reads "its" as Moonshot AI
    found = typed(nlp, "Moonshot AI, the Alibaba-backed maker of Kimi, opened Kimi k1.5 to "
                       "developers; and 01.AI said its Yi-Lightning model now serves 2,000 "
                       "corporate customers.")
    assert ("Yi-Lightning", "DEVELOPED_BY", "Moonshot AI") not in found, found


def test_a_method_described_as_from_an_organisation_after_its_acronym_is_its(nlp):
    # session 57 probe k19 (a guide page of our own): the acronym's bracket before "is a
    # method from" had hidden the description
    found = made(nlp, "Mixture-of-Depths (MoD) is a method from Google DeepMind that lets a "
                      "transformer decide, for each token, whether to run a layer.")
    assert found.get(("MoD", "Google DeepMind")) == "DEVELOPED_BY", found


def test_a_guessed_maker_of_a_model_the_grammar_says_it_hosts_is_none(nlp, model):
    # session 57 probe k21 (an announcement of our own): the classifier guessed Snowflake,
    # a partner announcing the deal, a maker of the models "available in Snowflake Cortex
    # AI"; the grammar's reading of the two names elsewhere stands
    found = typed(nlp, "Mistral AI and Snowflake partner to bring frontier models to the Data "
                       "Cloud\n\nMistral AI and Snowflake today announced a multi-year "
                       "partnership under which Mistral Large 3 and Codestral 2 will be "
                       "available in Snowflake Cortex AI.")
    makers = {(s, t) for s, p, t in found if p == "DEVELOPED_BY"}
    assert not any(t == "Snowflake" for _, t in makers), found


def test_what_a_derived_model_was_trained_with_after_its_base_is_its_use(nlp, model):
    # session-60 probe h03.md (a model family's guide page of our own): the recipe after
    # the base model is the new model's, up to a finite verb
    found = typed(nlp, "Kestrel 2 8B Instruct is fine-tuned from Kestrel 2 8B with supervised "
                       "fine-tuning (SFT) on 1.2M instruction examples, followed by direct "
                       "preference optimization (DPO) on UltraFeedback.")
    assert {("Kestrel 2 8B Instruct", "USES", "supervised fine-tuning"),
            ("Kestrel 2 8B Instruct", "USES", "direct preference optimization"),
            ("Kestrel 2 8B Instruct", "USES", "UltraFeedback")} <= found, found
    found = typed(nlp, "SEA-LION v3, developed by AI Singapore and fine-tuned from Gemma 2 9B, "
                       "gave fewer harmful completions in Malay and Tagalog than Sailor2-20B, "
                       "which was built by Sea AI Lab on top of Qwen2.5.")
    assert not any(p == "USES" and s == "SEA-LION v3" for s, p, _ in found), found


def test_the_latter_s_maker_is_the_last_items_only(nlp):
    # session 61's probes (s03, a survey summary of our own)
    found = typed(nlp, "Weight-only methods dominate deployed stacks. GPTQ and AWQ (the latter "
                       "from MIT) are treated as the default.")
    assert ("AWQ", "DEVELOPED_BY", "MIT") in found, found
    assert ("GPTQ", "DEVELOPED_BY", "MIT") not in found, found


def test_a_joint_effort_of_organisations_is_made_by_each(nlp):
    # s03 again: an appositive's "joint effort of" lists its makers
    found = typed(nlp, "SmoothQuant, a joint effort of MIT and NVIDIA, migrates activation "
                       "outliers into the weights.")
    assert {("SmoothQuant", "DEVELOPED_BY", "MIT"), ("SmoothQuant", "DEVELOPED_BY", "NVIDIA")} \
        <= found, found


def test_a_described_or_abbreviated_names_maker_after_from(nlp):
    # guides g05, g06, guides3 k03 (probes written and annotated before anything ran on them)
    found = made(nlp, "On BIPIA, the indirect prompt injection benchmark from Microsoft, Warden "
                      "detects 92.4% of attacks.")
    assert found.get(("BIPIA", "Microsoft")) == "DEVELOPED_BY", found
    found = made(nlp, "In our spot check with prompts sampled from HarmBench, the benchmark "
                      "from the Center for AI Safety, Claude 3 Opus refused 95%.")
    assert found.get(("HarmBench", "Center for AI Safety")) == "DEVELOPED_BY", found
    found = made(nlp, "- **Program-aided language models (PAL)**, from Carnegie Mellon "
                      "University, let the model write a short Python program for each step.")
    assert found.get(("PAL", "Carnegie Mellon University")) == "DEVELOPED_BY", found
    assert found.get(("Program-aided language models", "Carnegie Mellon University")) == \
        "DEVELOPED_BY", found


def test_a_maker_named_once_for_a_list_made_each_item(nlp):
    # guides g01, g04, news2 b05 (probes written and annotated before anything ran on them)
    found = made(nlp, "The original study powered Self-Refine with three OpenAI models "
                      "(GPT-3.5, ChatGPT and GPT-4) and evaluated it on GSM8K.")
    assert {("OpenAI", m) for m in ("GPT-3.5", "ChatGPT", "GPT-4")} <= set(found), found
    found = made(nlp, "Most frontier models support function calling today, including GPT-4 "
                      "Turbo and GPT-4o from OpenAI, Claude 3 Opus and the other Claude 3 "
                      "models from Anthropic, and Gemini 1.5 Pro from Google DeepMind.")
    assert found.get(("GPT-4 Turbo", "OpenAI")) == "DEVELOPED_BY", found
    assert not {k for k in found if k[1] == "Anthropic" and k[0].startswith("GPT")}, found
    found = made(nlp, "Claude Sonnet 4.5 and Claude Haiku 4.5 are Anthropic models for "
                      "enterprise workloads.")
    assert {("Claude Sonnet 4.5", "Anthropic"), ("Claude Haiku 4.5", "Anthropic")} \
        <= set(found), found


def test_a_maker_after_a_participle_written_with_an_adverb_or_people(nlp):
    # guides g04 and guides2 h06 (probes written and annotated before anything ran on them)
    found = made(nlp, "Gorilla, a LLaMA-7B model fine-tuned by researchers at UC Berkeley to "
                      "write API calls, was evaluated on APIBench.")
    assert found.get(("Gorilla", "UC Berkeley")) == "DEVELOPED_BY", found
    assert ("LLaMA-7B", "UC Berkeley") not in found, found
    found = made(nlp, "Speculative sampling, developed concurrently at DeepMind (Chen et al., "
                      "2023), gives a 2.5x speedup on Chinchilla 70B.")
    assert found.get(("Speculative sampling", "DeepMind")) == "DEVELOPED_BY", found
