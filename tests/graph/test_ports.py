"""What a framework implements (GUIDELINES: USES, the framework uses the benchmark it
implements): "an Inspect AI implementation of X", "Inspect's X implementation", "this
implementation ports the evaluation to Inspect". Real sentences of benchmark summaries
(training/corpus/evals, training/heldout/packages), through the real pipeline."""

from __future__ import annotations

from graph.nlp.ports import port_readings
from tests.graph.readings import first_sentence
from tests.graph.test_relation_classifier import typed


def test_a_framework_s_implementation_of_a_benchmark_uses_it(nlp):
    # eval__core_bench.md, eval__gaia.md: the benchmark after "of", past "the" and a gloss
    found = typed(nlp, "This is an Inspect AI implementation of CORE-Bench, a benchmark for "
                       "testing the ability of AI agents to reproduce the results of research "
                       "papers.")
    assert ("Inspect AI", "USES", "CORE-Bench") in found, found
    found = typed(nlp, "This is an Inspect AI implementation of the GAIA (General AI "
                       "Assistants) benchmark, consisting of 450 questions testing tool use on "
                       "realistic assistant tasks (mostly web browsing).")
    assert ("Inspect AI", "USES", "GAIA") in found, found


def test_the_benchmark_may_stand_between_the_owner_and_the_cue(nlp):
    # eval__hle.md: "Inspect's HLE implementation"; eval__niah.md: "implementation for"
    found = typed(nlp, "The config sets the recommended defaults for Inspect's HLE "
                       "implementation.")
    assert ("Inspect", "USES", "HLE") in found, found
    found = typed(nlp, "The Inspect implementation for NIAH (Needle in a Haystack) is "
                       "designed to evaluate the in-context retrieval ability of long context "
                       "language models (LLMs).")
    assert ("Inspect", "USES", "NIAH") in found or \
        ("Inspect", "USES", "Needle in a Haystack") in found, found


def test_this_implementation_ported_to_a_framework_is_the_page_s_benchmark(nlp):
    # eval__healthbench.md, eval__lab_bench.md: the sentence names only "this implementation"
    found = typed(nlp, "# HealthBench\n\nHealthBench is a framework for assessing how well "
                       "language models handle real-world healthcare conversations. Originally "
                       "developed by OpenAI researchers in collaboration with 262 physicians "
                       "across 60 countries. This implementation ports the evaluation to "
                       "Inspect.")
    assert ("Inspect", "USES", "HealthBench") in found, found
    found = typed(nlp, "# LAB-Bench\n\nLAB-Bench Tests LLMs and LLM-augmented agents abilities "
                       "to answer questions on scientific research workflows.\n\nPlease do "
                       "note: this Inspect implementation currently captures averaged results "
                       "for DbQA and SeqQA.")
    assert ("Inspect", "USES", "LAB-Bench") in found, found
    assert ("LAB-Bench", "USES", "Inspect") not in found, found


def test_every_framework_listed_after_the_cue_implements_it(nlp):
    # session 55 probe k4 (a guide page of our own): "in LangChain and DSPy" gave LangChain only
    found = typed(nlp, "# Self-Refine\n\nSelf-Refine is a prompting technique in which a "
                       "language model improves its own output through iterative feedback. It "
                       "is implemented in LangChain and DSPy.")
    assert {("LangChain", "USES", "Self-Refine"), ("DSPy", "USES", "Self-Refine")} <= found, found


def test_an_implementation_of_a_method_is_no_reading_of_use(nlp):
    # m11_flashattention_summary.txt: the annotators read no USES here
    found = first_sentence(lambda sent, ents: port_readings(sent, ents)[0], nlp,
                           "Outperforms the attention kernels in xFormers and the Triton "
                           "implementation of FlashAttention at every sequence length tested.")
    assert found == {}, found


def test_the_sandbox_a_benchmark_runs_in_is_a_tool_it_uses(nlp):
    # eval__agent_bench.md, eval__scbench.md (training/corpus/evals): the project right before
    # "container" or "sandbox" on a benchmark's page
    found = typed(nlp, "# AgentBench\n\nAgentBench is designed to evaluate LLMs as agents.\n\n"
                       "The bash and python code is executed inside a Docker container, so you "
                       "will need to install Docker Engine in order to run the evaluation.")
    assert ("AgentBench", "USES", "Docker") in found, found
    assert ("AgentBench", "USES", "Docker Engine") not in found, found  # what to install
    found = typed(nlp, "# scBench\n\nscBench is a benchmark of single-cell RNA-seq analysis "
                       "tasks.\n\nThis evaluation uses an agentic solver running inside a "
                       "Docker sandbox, matching the original scBench design.")
    assert ("scBench", "USES", "Docker") in found, found
