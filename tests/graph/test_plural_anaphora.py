"""Relations stated through a plural anaphor (issue "Relations a reader can trust"): "Both",
"All three", "both models", "the two companies" stand for each of the entities a sentence
before listed, and the relation is each one's; "they" of people, a family's "the models",
a set nothing listed are left alone. Every text is real text of the genre (our training
announcements, the Prompt Engineering Guide's training pages), run through the whole
pipeline.
"""

from __future__ import annotations

from graph.nlp.discourse import _with_entities, is_heading
from graph.nlp.plural import Plurals
from tests.graph.test_relation_discourse import via


def stood_for(nlp, text: str) -> dict[str, list[str]]:
    """Each plural anaphor of ``text`` that stands for a set -> the names of the set."""
    plurals, found = Plurals(), {}
    for sent, ents in _with_entities(nlp(text)):
        if is_heading(sent):
            plurals.heading()
            continue
        for span, group in plurals.stand(sent, ents, 0):
            found[span.text] = [name for _, _, name in group]
    return found


def test_all_three_after_a_sentence_naming_three_models(nlp):
    # m05_sakana_model_merge_blog.txt: each of the three is fine-tuned from Mistral 7B
    text = ("We merged Shisa Gamma 7B, a Japanese chat model, with two English math models, "
            "WizardMath 7B and Abel 7B. All three are themselves fine-tuned from Mistral 7B. "
            "The result, EvoLLM-JP, is a 7B model.")
    found = via(nlp, text)
    for model in ("Shisa Gamma 7B", "WizardMath 7B", "Abel 7B"):
        assert found.get((model, "BASED_ON", "Mistral 7B")) == {"previous"}, found
    assert not any("All three" in (s, t) for s, _, t in found)


def test_both_for_the_subjects_of_two_clauses(nlp):
    # m07_acquisitions_news.txt: "Both" is MPT-7B and MPT-30B, not GPT-3 they are compared to
    text = ("MPT-7B had been trained by MosaicML on 1 trillion tokens of text and code in 9.5 "
            "days, and MPT-30B, released the same month, was described as stronger than the "
            "original GPT-3. Both were trained with FlashAttention and ALiBi on the MosaicML "
            "platform.")
    found = via(nlp, text)
    assert ("MPT-7B", "USES", "FlashAttention") in found, found
    assert ("MPT-30B", "USES", "FlashAttention") in found, found
    assert not any(s == "GPT-3" and p == "USES" for s, p, _ in found), found


def test_both_sizes_after_a_list_introduced_with_its_count(nlp):
    # m04_aya23_blog.txt: "two sizes: A and B" is what "Both sizes" means, a section later
    text = ("It serves 23 languages and comes in two sizes: Aya 23 8B and Aya 23 35B.\n\n"
            "## How it performs\n\n"
            "- Aya 23 8B, our smaller model, is preferred over both Gemma 1.1 7B and Mistral "
            "7B Instruct v0.2, with win rates above 70%.\n\n"
            "Both sizes use grouped-query attention and rotary position embeddings, which "
            "keeps inference fast on a single GPU for the 8B model.\n")
    assert stood_for(nlp, text)["Both sizes"] == ["aya 23 8b", "aya 23 35b"]
    found = via(nlp, text)
    for model in ("Aya 23 8B", "Aya 23 35B"):
        assert (model, "USES", "grouped-query attention") in found, found
    assert not any(s == "Gemma 1.1 7B" and p == "USES" for s, p, _ in found), found


def test_both_after_list_items_each_about_one_model(nlp):
    # m12_orpo_summary.txt: "Both" is the two models the two items before are about
    text = ("## Key results\n\n"
            "- Mistral-ORPO-β: 12.20% on AlpacaEval 2.0, 66.19% on IFEval (instruction-level, "
            "loose) and 7.32 on MT-Bench.\n"
            "- Mistral-ORPO-α: 11.33% on AlpacaEval 2.0 and 7.23 on MT-Bench.\n"
            "- Both surpass Llama-2 Chat 13B on AlpacaEval 2.0; on MT-Bench, Mistral-ORPO-β "
            "is on par with Zephyr-β, which was trained with SFT followed by DPO.\n")
    found = via(nlp, text)
    for model in ("Mistral-ORPO-α", "Mistral-ORPO-β"):
        assert (model, "OUTPERFORMS", "Llama-2 Chat 13B") in found, found


def test_the_two_companies_its_own_sentence_named(nlp):
    # m06_mistral_funding_news.txt: the two subjects of the same sentence
    text = ("Yesterday Mistral AI and NVIDIA released Mistral NeMo, a 12B model with a "
            "128k-token context window, built jointly by the two companies and trained on "
            "the NVIDIA DGX Cloud platform.")
    assert stood_for(nlp, text) == {"the two companies": ["mistral ai", "nvidia"]}


def test_only_the_plural_s_own_clause(nlp):
    # n01_reka_vela.txt: "Both" is available through the API; the playground runs on one
    text = ("Today we're releasing Vela 2 in two sizes, Vela 2 Mini and Vela 2 Max. Both are "
            "available through our API starting today, Reka Playground now runs on Vela 2 "
            "Max by default, and Vela 2 Max is also deployed on Google Cloud Vertex AI.")
    assert stood_for(nlp, text) == {"Both": ["vela 2 mini", "vela 2 max"]}
    found = via(nlp, text)
    assert not any("Vela 2 Mini" in (s, t) and "Reka Playground" in (s, t)
                   for s, _, t in found), found
    assert not any({s, t} == {"Vela 2 Mini", "Vela 2 Max"} for s, _, t in found), found


def test_what_is_left_alone(nlp):
    # n03_eth_ortholora.txt: "they" are the authors, no set of the text's
    people = ("OrthoLoRA re-orthogonalizes the adapter once, at initialization. The one-off "
              "decomposition adds about 9% to training time, the authors write, which they "
              "consider a small price for the stability it buys.")
    # u08_amazon.txt (unseen): "The models" after two sentences' subjects are not those two
    # (a family they are: tests/graph/test_plural_sets.py); a count or one list would say
    family = ("Nova Pro processes text, images and video, and Nova Micro delivers responses "
              "at 210 tokens per second. The models are at least 75% less expensive than the "
              "best-performing models in their class on Bedrock.")
    # m05_sakana_model_merge_blog.txt: "both models" with no two models before
    nothing = ("To test it, we set ourselves a task no source model could do: solving math "
               "problems in Japanese. Both models needed no gradient updates.")
    for text in (people, family, nothing):
        assert stood_for(nlp, text) == {}, text


def companies_stood_for(nlp, text: str) -> dict[str, str]:
    """Each "the company" of ``text`` -> the name of the organization it stands for."""
    from graph.nlp.companies import Organizations

    organizations, found = Organizations(), {}
    for sent, ents in _with_entities(nlp(text)):
        for span, (org,) in organizations.stand(sent, ents, 0):
            found[span.text] = org[2]
    return found


KAIROS = ("Kairos Labs, the Paris-based startup behind the Meridian models, has raised $640 "
          "million in a Series B round led by Northgate Capital. Halvorsen Ventures and the "
          "French public investment bank Bpifrance also put money into the round, which values "
          "the company at $6.2 billion.\n\nThe company said on Tuesday that it has acquired "
          "Sablier, a small Lyon team that builds evaluation tooling.")


def test_the_company_is_the_one_the_text_is_about(nlp):
    # n02_kairos_funding.txt: not the investors the sentence before names, nor its subject
    assert companies_stood_for(nlp, KAIROS) == {"the company": "kairos labs",
                                                "The company": "kairos labs"}
    found = via(nlp, KAIROS)
    assert ("Kairos Labs", "FUNDS", "Sablier") in found, found
    assert ("Kairos Labs", "HAS_METRIC", "$6.2 billion") in found, found
    assert not any(s == "Halvorsen Ventures" and t == "Sablier" for s, _, t in found), found


def test_a_bold_lead_in_opens_a_section_about_another_company(nlp):
    # m08_funding_roundup.txt: "The Tokyo lab" is the company of its paragraph's lead-in
    text = ("**Perplexity, $73.6 million.** In June 2024 it partnered with SoftBank to offer "
            "Perplexity Pro to SoftBank's mobile customers in Japan.\n\n"
            "**Sakana AI, $30 million and ¥30 billion.** The Tokyo lab raised a $30 million "
            "seed round in January 2024, led by Lux Capital with Khosla Ventures.")
    assert companies_stood_for(nlp, text) == {"The Tokyo lab": "sakana ai"}


def test_a_description_of_a_name_is_no_company_named_before(nlp):
    # m07_acquisitions_news.txt: "the San Francisco start-up" says which one it is
    text = ("On 26 June 2023 Databricks agreed to acquire MosaicML, the San Francisco start-up "
            "behind the open MPT models, for about $1.3 billion.")
    assert companies_stood_for(nlp, text) == {}
