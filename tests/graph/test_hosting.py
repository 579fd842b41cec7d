"""Where a model is made available (GUIDELINES: USES, the platform uses the model it
serves): what a verb publishes, hosts or releases, or what is "available", on, in, through
or via a platform; a model's weights stand for it. Real sentences of our training
announcements (training/corpus/announcements), through the real pipeline."""

from __future__ import annotations

from tests.graph.test_relation_classifier import typed


def test_the_weights_of_a_model_made_available_on_a_platform(nlp):
    # m01_phi3_mini.txt: "the X weights", two places; m04_aya23_blog.txt: "the weights of X"
    found = typed(nlp, "Unlike GPT-3.5, which is served only through the OpenAI API, the "
                       "Phi-3 weights are published on the Hugging Face Hub and in Azure AI "
                       "Studio.")
    assert {("Hugging Face Hub", "USES", "Phi-3"), ("Azure AI Studio", "USES", "Phi-3")} \
        <= found, found
    found = typed(nlp, "The weights of Aya 23 are available on the Hugging Face Hub under a "
                       "CC-BY-NC licence.")
    assert ("Hugging Face Hub", "USES", "Aya 23") in found, found


def test_code_released_on_a_platform_is_no_model_there(nlp):
    found = typed(nlp, "We have released our code and data on GitHub.")
    assert not any(p == "USES" for _, p, _ in found), found


def test_the_second_of_two_coordinated_places_is_one_too(nlp):
    # tests/data/unseen/docs/u02_deepmind.txt: "in X and for Y users": the second
    # preposition hangs on the first, and has the first one's verb
    found = typed(nlp, "Gemini 2.5 Pro is available today in Google AI Studio and for Gemini "
                       "Advanced users.")
    assert {("Google AI Studio", "USES", "Gemini 2.5 Pro"),
            ("Gemini Advanced", "USES", "Gemini 2.5 Pro")} <= found, found


def test_a_name_apposed_to_a_noun_described_as_available_is_the_model(nlp):
    # tests/data/unseen/docs/u08_amazon.txt
    found = typed(nlp, "Amazon introduced Amazon Nova, a new generation of foundation models "
                       "available exclusively in Amazon Bedrock.")
    assert ("Amazon Bedrock", "USES", "Amazon Nova") in found, found


def test_a_model_brought_to_a_platform_is_served_there(nlp):
    # tests/data/unseen3/docs/w01_stability.txt: "bring it to X", "it" the released model
    found = typed(nlp, "Stability AI today released Stable Diffusion 3.5 Large, an "
                       "8-billion-parameter image model, under its community licence.\nThe "
                       "model was trained with rectified flow and improves prompt adherence "
                       "over Stable Diffusion XL.\nWe "
                       "partnered with Amazon to bring it to Amazon SageMaker, and early users "
                       "at Canva reported 40% faster design iterations.")
    assert ("Amazon SageMaker", "USES", "Stable Diffusion 3.5 Large") in found, found


def test_a_company_a_thing_is_available_on_is_no_user_of_it(nlp, model):
    # papers p02, news a06 (probes written and annotated before anything ran on them): "on
    # Hugging Face" names the company; its Hub, a product, is the platform that uses it
    found = typed(nlp, "KestrelPrefs is available on Hugging Face under the CC-BY license.")
    assert not any(p == "USES" for _, p, _ in found), found
    found = typed(nlp, "The weights of Aya 23 are available on the Hugging Face Hub.")
    assert ("Hugging Face Hub", "USES", "Aya 23") in found, found
