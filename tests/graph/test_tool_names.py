"""Tool and product names: a line that is only "With `X`:" over a code block names
the tool X the block is run with (graph/nlp/components/tool_slots.py, install_projects);
what an organisation has under a name is its product (graph/nlp/components/products.py).
Real sentences of the heldout development READMEs (training/heldout/packages) and the
guide's pages, through the real pipeline."""

from __future__ import annotations

import pytest

# ``nlp``: the real pipeline, from tests/graph/conftest.py

MLX_LM = ("The easiest way to get started is to install the `mlx-lm` package:\n\n"
          "**With `pip`**:\n\n**With `conda`**:\n\n### Quick Start")  # readme__mlx_lm.md


def test_a_with_line_names_the_tool_it_is_run_with(nlp):
    found = {(e.text, e.label_) for e in nlp(MLX_LM).ents}
    assert {("pip", "PROJECT"), ("conda", "PROJECT")} <= found


@pytest.mark.parametrize("text", [
    "* Distributed inference and fine-tuning with `mx.distributed`",  # an identifier, mid-line
    "To generate text with an LLM use:",  # no name written as code
])
def test_no_tool_where_the_line_is_more_than_with_x(nlp, text):
    assert not [e for e in nlp(text).ents if e.label_ == "PROJECT"]


@pytest.mark.xfail(strict=True, reason=(
    "the recogniser retrained with the Inspect Evals summaries (December 2026) "
    "runs 'GGUF' and 'llama.cpp' into one name"))
def test_where_a_model_is_exported_to_is_a_platform_or_format(nlp):
    """readme__unsloth.md: "to GGUF" after "export and deploy" is a format, a PROJECT."""
    doc = nlp("* Export and deploy your model to GGUF llama.cpp, vLLM, SGLang and Hugging Face.")
    assert ("GGUF", "PROJECT") in {(e.text, e.label_) for e in doc.ents}


def test_a_place_shipped_to_stays_a_place(nlp):
    doc = nlp("The company ships to Europe and deploys to production.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Europe", "PLACE")]


def test_the_container_tool_written_in_lower_case_is_a_project(nlp):
    # eval__bigcodebench.md, eval__gdpval.md (heldout-evals-dev)
    found = {(e.text, e.label_) for e in nlp(
        "We run the model submitted answer in a docker sandbox and check whether it passes "
        "unit tests in the BigCodeBench dataset.").ents}
    assert ("docker", "PROJECT") in found, found


@pytest.mark.parametrize(("text", "names"), [
    # eval__compute_eval.md, eval__osworld.md, eval__swe_lancer.md, eval__threecb.md
    # (heldout-evals-dev): the small model reads "Numba", "Chrome", "webpack" as people
    ("- `cuda_python` - Python CUDA code (e.g., CuPy, Numba).", {"CuPy", "Numba"}),
    ("   - `chrome`: The Docker container does not yet have Chrome installed.", {"Chrome"}),
    ("- Per-task images have webpack pre-compiled at build time", {"webpack"}),
    ("01. `binpwn_gdb_repl` - Binary exploitation with GDB", {"GDB"}),
    ("This includes examples that use VLC's HTTP interface, require internet for "
     "instructions, or need to install applications or extensions.", {"VLC"}),
    # m02_nemotron4_340b.txt, m11_flashattention_summary.txt (announcements): the training
    # library read as a METHOD, the kernel library as nothing
    ("- Pretraining ran on 768 DGX H100 nodes using Megatron-LM.", {"Megatron-LM"}),
    ("  - Outperforms the attention kernels in xFormers and the Triton implementation of "
     "FlashAttention at every sequence length tested.", {"xFormers"}),
])
def test_a_well_known_developer_tool_is_a_project(nlp, text, names):
    found = {e.text for e in nlp(text).ents if e.label_ == "PROJECT"}
    assert names <= found, found


def test_what_a_mode_requires_written_as_code_is_software(nlp):
    # eval__cyberseceval_4.md (heldout-evals-dev); a parameter or a key is no software
    # (eval__gdm_in_house_ctf.md, eval__gaia.md)
    found = {(e.text, e.label_) for e in nlp(
        "- `cyse4_threat_intelligence` image-based modes require `pdf2image`, `pypdf`, and a "
        "system `poppler` installation so PDF reports can be converted into PNGs.").ents}
    assert {("pdf2image", "PROJECT"), ("pypdf", "PROJECT"), ("poppler", "PROJECT")} <= found
    assert not any(t == "installation" for t, _ in found), found
    assert not nlp("The agent requires `max_messages` and `TAVILY_API_KEY` to be set.").ents


def test_what_an_organisation_has_under_a_name_is_its_product(nlp):
    # readme__unsloth.md (heldout-dev), guides__deep-research.md: a name the small model
    # guessed a place, or a shape read as a lab ("<X> Research"); an organisation's own
    # word keeps a name an organisation
    found = {(e.text, e.label_) for e in nlp(
        "* All kernels written in OpenAI's Triton language. Manual backprop engine.").ents}
    assert ("Triton", "PROJECT") in found, found
    found = {(e.text, e.label_) for e in nlp(
        "There are already dedicated agentic solutions, such as Google's Gemini Deep Research, "
        "and various frameworks available to build agentic workflows similar to Deep "
        "Research.").ents}
    assert ("Gemini Deep Research", "PROJECT") in found, found
    found = {(e.text, e.label_) for e in nlp(
        "Singapore's Digital Trust Centre funds the work.").ents}
    assert ("Digital Trust Centre", "ORG") in found, found


@pytest.mark.parametrize("text, name", [
    ("Unsloth supports Python 3.13 or lower.", "Python 3.13"),  # readme__unsloth.md
    ("We recommend **Python 3.10+**, **PyTorch 2.2+**.", "Python 3.10"),  # sentence_transformers
])
def test_the_language_release_a_readme_requires_is_a_tool(nlp, text, name):
    # annotated PROJECT "Python" wherever a README states the release it needs; resolution
    # makes the release the language (graph.names.release_base)
    assert (name, "PROJECT") in {(e.text, e.label_) for e in nlp(text).ents}


def test_the_language_a_task_is_written_in_is_no_tool(nlp):
    # "Python" alone is not matched: applications__generating_textbooks.md, task pages
    doc = nlp("The main evaluation task is to generate a Python function that follows a given "
              "docstring.")
    assert not [e for e in doc.ents if e.text.startswith("Python")]


def test_a_required_release_is_the_language(nlp):
    from graph.names import release_base
    assert release_base("Python 3.13") == "Python"
