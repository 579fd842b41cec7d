"""The sets a plural stands for (issue "Relations a reader can trust"): the names a sentence
released together ("A in the API, along with B and C") are one set, and a definite plural
kind noun a few sentences on ("The new models support ...") stands for it, so what it says
is a fact of each; "the models" of a name called a family of models ("Tulu is a family of
models") are that name. Real text of the genre (our training announcements, the unseen
announcements the brief names), run through the whole pipeline.
"""

from __future__ import annotations

from tests.graph.test_plural_anaphora import stood_for
from tests.graph.test_relation_discourse import via

# tests/data/unseen/docs/u01_openai.txt: the three released together, then one of them alone
RELEASED = ("Today we're releasing GPT-4.1 in the API, along with GPT-4.1 mini and GPT-4.1 "
            "nano.\nGPT-4.1 scores 54.6% on SWE-bench Verified, improving by 21.4 points over "
            "GPT-4o.\nThe new models support context windows of up to 1 million tokens and are "
            "26% cheaper than GPT-4o for median queries.\n")


def test_the_new_models_are_the_set_released_together(nlp):
    assert stood_for(nlp, RELEASED) == {
        "The new models": ["gpt-4.1", "gpt-4.1 mini", "gpt-4.1 nano"]}
    found = via(nlp, RELEASED)
    for model in ("GPT-4.1", "GPT-4.1 mini", "GPT-4.1 nano"):
        assert any(s == model and p == "HAS_METRIC" and "1 million tokens" in t
                   for s, p, t in found), found
        assert (model, "HAS_METRIC", "26% cheaper") in found, found
    # the figure of the sentence about GPT-4.1 alone stays its own
    assert not any(s == "GPT-4.1 mini" and t == "54.6%" for s, _, t in found), found


def test_a_count_reads_a_list_joined_by_along_with(nlp):
    # n05_china_longcontext.txt: the aside naming the maker is no item of the list
    text = ("An independent comparison from Tsinghua University, published on Thursday, "
            "tested ERNIE 4.5 Turbo and ERNIE X1, both from Baidu, along with GLM-5-Long, "
            "Kimi k1.5 and Yi-Lightning. Kimi k1.5 was the strongest at multi-document "
            "question answering, ahead of both Baidu models.\n\nThe authors caution that all "
            "five models still lose track of facts placed in the middle of very long inputs.")
    found = stood_for(nlp, text)["all five models"]
    assert len(found) == 5 and "baidu" not in found, found
    assert {"ernie 4.5 turbo", "ernie x1", "glm-5-long", "yi-lightning"} <= set(found), found


def test_what_the_models_of_a_family_use_the_family_uses(nlp):
    text = ("Tulu is a family of models developed by Allen Institute for AI. The models are "
            "LLaMa models that have been fine-tuned on a mixture of instruction datasets, "
            "including FLAN V2, CoT, Dolly, Open Assistant 1, GPT4-Alpaca, Code-Alpaca, and "
            "ShareGPT.")
    assert ("Tulu", "USES", "FLAN V2") in via(nlp, text)


def test_the_models_of_a_family_are_the_family(nlp):
    # models__collection.md (train): what "The models" are is a fact of the family (gold:
    # Tulu USES FLAN V2); no list of the text's, and no member of it
    text = ("Tulu is a family of models developed by Allen Institute for AI. The models are "
            "LLaMa models that have been fine-tuned on a mixture of instruction datasets, "
            "including FLAN V2, CoT, Dolly, Open Assistant 1, GPT4-Alpaca, Code-Alpaca, and "
            "ShareGPT.")
    assert stood_for(nlp, text) == {"The models": ["tulu"]}
    # u08_amazon.txt (unseen): the family an appositive names, not the last sentence's subject
    nova = ("Amazon introduced Amazon Nova, a new generation of foundation models available "
            "exclusively in Amazon Bedrock. Nova Pro processes text, images and video, and "
            "Nova Micro delivers responses at 210 tokens per second. The models are at least "
            "75% less expensive than the best-performing models in their class on Bedrock.")
    assert stood_for(nlp, nova) == {"The models": ["amazon nova"]}
    found = via(nlp, nova)
    assert any(s == "Amazon Nova" and "75% less expensive" in t for s, _, t in found), found
    assert not any(s == "Nova Pro" and "75%" in t for s, _, t in found), found
