"""Entity classes told by the role or the written form a sentence gives a name (issue
"Entities that hold up on real text"), on sentences of our announcements and the guide's
train pages, through the real pipeline: organisations in an investor's, a partner's, an
acquisition's or a maker's slot (graph/nlp/components/org_roles.py), and model variants
named by a Greek letter (graph/nlp/components/whole_names.py)."""

from __future__ import annotations

import pytest

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
])
def test_an_investor_is_an_organisation(nlp, text, orgs):
    assert {(name, "ORG") for name in orgs} <= ents(nlp, text)


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


@pytest.mark.parametrize("text, model", [
    ("- Mistral-ORPO-α: fine-tuned with ORPO from Mistral 7B on UltraFeedback.",
     "Mistral-ORPO-α"),
    ("Both ORPO models outperform Zephyr-β on AlpacaEval 2.0 and MT-Bench.", "Zephyr-β"),
])
def test_a_variant_named_by_a_greek_letter_is_part_of_the_name(nlp, text, model):
    found = ents(nlp, text)
    assert (model, "MODEL") in found
    assert (model[:-2], "MODEL") not in found
