"""Relations read from the words of a sentence or from the sentence before: comparisons the
parse misattaches, the partners of a "together we", the author of an "Introducing X"
headline (issue "Relations a reader can trust": comparisons, lists, relations across a
sentence boundary). Every sentence is real text of the genre (the Prompt Engineering
Guide's pages or the seeds), run through the whole pipeline.
"""

from __future__ import annotations

import pytest

from graph.nlp.comparisons import comparison_readings
from graph.nlp.relation_model import shipped_model
from tests.graph.test_relation_classifier import typed


@pytest.fixture(scope="module")
def model():
    found = shipped_model()
    assert found is not None and found.weights
    return found


def readings(nlp, text: str) -> dict[tuple[str, str], str]:
    """``{(a, b): label}`` of the surface comparisons of the text's one sentence."""
    sent = next(nlp(text).sents)
    ents = list(sent.ents)
    by_start = {e.start: e.text for e in ents}
    found, _ = comparison_readings(sent, ents)
    return {(by_start[a], by_start[b]): label for (a, b), label in found.items()}


def test_a_comparison_names_every_model_listed_after_its_cue(nlp):
    # models__llama.md: the parse hangs "and PaLM-540B" elsewhere; the words do not
    assert readings(nlp, "LLaMA 65B is competitive with models like Chinchilla-70B and "
                         "PaLM-540B.") == {("LLaMA 65B", "Chinchilla-70B"): "COMPARED_WITH",
                                           ("LLaMA 65B", "PaLM-540B"): "COMPARED_WITH"}


def test_the_models_compared_with_are_not_evaluated_on_the_subjects_benchmarks(nlp, model):
    # models__mixtral-8x22b.md
    found = typed(nlp, "According to the official reported results, Mixtral 8x22B outperforms "
                       "state-of-the-art open models like Command R+ and Llama 2 70B on "
                       "MMLU.")
    assert ("Mixtral 8x22B", "OUTPERFORMS", "Command R+") in found, found
    assert ("Mixtral 8x22B", "OUTPERFORMS", "Llama 2 70B") in found, found
    assert not any(p == "EVALUATED_ON" and s in ("Command R+", "Llama 2 70B")
                   for s, p, _ in found), found


def test_a_losing_comparison_points_at_the_winner(nlp):
    # techniques__react.md: one pair, read once (the first comparison stands)
    assert readings(nlp, "We can also observe that ReAct outperforms CoT on Fever and lags "
                         "behind CoT on HotpotQA.") == {("ReAct", "CoT"): "OUTPERFORMS"}
    # announcements (m10): "trails" gives the object the win
    assert readings(nlp, "Kestrel-8B still trails Llama 3 8B Instruct on MMLU-Pro.") == \
        {("Kestrel-8B", "Llama 3 8B Instruct"): "OUTPERFORMS<"}


def test_a_comparison_in_another_clause_keeps_its_own_subject(nlp):
    # no subject across a semicolon or a pronoun: "; it is competitive with ..."
    assert readings(nlp, "Nemotron-4-340B-Instruct reaches 54.2 on Arena-Hard; it is "
                         "competitive with Llama-3-70B-Instruct and outperforms "
                         "Mixtral-8x22B-Instruct on instruction following.") == {}


def test_together_we_shares_the_authors_use_with_the_partners_named_before(nlp, model):
    # seeds: the partners of the sentence before use the model too
    found = typed(nlp, "Introducing Project Glasswing: an urgent initiative to help secure the "
                       "world's most critical software.\nIt's powered by our newest frontier "
                       "model, Claude Mythos Preview.\nWe've partnered with Amazon Web "
                       "Services, Apple, Broadcom, Cisco, CrowdStrike, Google, JPMorganChase, "
                       "the Linux Foundation, Microsoft, NVIDIA, and Palo Alto Networks.\n"
                       "Together we'll use Mythos Preview to help find and fix flaws in the "
                       "systems on which the world depends.")
    assert ("Apple", "USES", "Claude Mythos Preview") in found, found
    assert ("Palo Alto Networks", "USES", "Claude Mythos Preview") in found, found


def test_an_introducing_headline_is_the_authors_release(nlp, model):
    # seeds: "Introducing X" in Anthropic's announcement: X DEVELOPED_BY Anthropic
    found = typed(nlp, "New Anthropic research: Natural Language Autoencoders.\n"
                       "Introducing Project Glasswing: an urgent initiative to help secure the "
                       "world's most critical software.")
    assert ("Project Glasswing", "DEVELOPED_BY", "Anthropic") in found, found
