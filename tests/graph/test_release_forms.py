"""A release of a tool or library is that product: "CUDA 11.8" and "CUDA 12.1" in a README's
list of wheels are one node "CUDA" with the numbered forms among its aliases, not eight nodes.
Real lines through the real pipeline and graph build."""

from __future__ import annotations

from graph.names import release_base
from tests.graph.test_sized_forms import graph_nodes


def test_the_releases_of_a_tool_are_one_node(nlp):
    # training/corpus/packages/readme__llama_cpp_python.md, lines 72-81
    nodes = graph_nodes(nlp, "- `cu118`: CUDA 11.8\n- `cu121`: CUDA 12.1\n- `cu122`: CUDA 12.2\n"
                              "- `cu132`: CUDA 13.2\n\n"
                              "For example, to install the CUDA 12.1 wheel:\n")
    cuda = [label for label in nodes if label.startswith("CUDA")]
    assert cuda == ["CUDA"]
    assert nodes["CUDA"][0] == "PROJECT"
    assert {"CUDA 11.8", "CUDA 12.1", "CUDA 13.2"} <= set(nodes["CUDA"][1])


def test_a_release_named_alone_keeps_its_numbered_form(nlp):
    # training/corpus/announcements/m11_flashattention_summary.txt
    nodes = graph_nodes(nlp, "Adopted widely: PyTorch 2.2 ships FlashAttention-2 as an attention "
                              "backend, and vLLM and Hugging Face Transformers call it.")
    assert nodes["PyTorch"][0] == "PROJECT"
    assert "PyTorch 2.2" in nodes["PyTorch"][1]


def test_only_a_release_number_goes():
    assert release_base("vLLM v0.6") == "vLLM"
    assert release_base("Inspect 0.3.278") == "Inspect"
    assert release_base("Python 3") == "Python 3"  # no dotted number, no "v": not a release
    assert release_base("Qwen2.5") == "Qwen2.5"
