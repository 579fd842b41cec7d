"""Shared test setup: Qt runs headless, and a small hand-made typed knowledge graph."""

from __future__ import annotations

import os

# Before anything imports Qt: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import networkx as nx
import pytest

from graph.schema import COOCCURRENCE, DEPENDENCY, edge_key, node_id

ENTITIES = {
    "MODEL": ["GPT-4", "Claude 3 Opus", "Llama 2", "Gemini Ultra", "Mistral 7B", "BERT", "T5",
              "PaLM 2", "Codex"],
    "ORG": ["OpenAI", "Anthropic", "Meta AI", "Google DeepMind", "Mistral AI", "Microsoft",
            "Hugging Face"],
    "PROJECT": ["Open LLM Leaderboard", "BIG-bench", "HELM"],
    "METHOD": ["RLHF", "Constitutional AI", "LoRA", "DPO", "Chain-of-thought",
               "Mixture of Experts", "Transformer"],
    "METRIC": ["MMLU", "HumanEval", "GSM8K", "BLEU", "perplexity"],
    "PERSON": ["Dario Amodei", "Sam Altman", "Yann LeCun"],
    "PLACE": ["San Francisco", "Paris"],
    "DATE": ["2023", "March 2024"],
}

TYPED = [  # (source, relation, target): dependency-parse relations
    ("GPT-4", "developed_by", "OpenAI"), ("Claude 3 Opus", "developed_by", "Anthropic"),
    ("Llama 2", "developed_by", "Meta AI"), ("Gemini Ultra", "developed_by", "Google DeepMind"),
    ("Mistral 7B", "developed_by", "Mistral AI"), ("PaLM 2", "developed_by", "Google DeepMind"),
    ("BERT", "developed_by", "Google DeepMind"), ("Codex", "developed_by", "OpenAI"),
    ("GPT-4", "trained_with", "RLHF"), ("Claude 3 Opus", "trained_with", "Constitutional AI"),
    ("Llama 2", "trained_with", "RLHF"), ("GPT-4", "evaluated_on", "MMLU"),
    ("Claude 3 Opus", "evaluated_on", "MMLU"), ("Gemini Ultra", "evaluated_on", "MMLU"),
    ("Codex", "evaluated_on", "HumanEval"), ("Claude 3 Opus", "evaluated_on", "GSM8K"),
    ("Microsoft", "partners_with", "OpenAI"), ("Mistral 7B", "uses", "Mixture of Experts"),
    ("T5", "evaluated_on", "BLEU"), ("Dario Amodei", "leads", "Anthropic"),
    ("Sam Altman", "leads", "OpenAI"), ("Yann LeCun", "works_at", "Meta AI"),
]

COOCCURRING = [
    ("GPT-4", "Claude 3 Opus", 6), ("GPT-4", "Gemini Ultra", 4), ("Llama 2", "Mistral 7B", 3),
    ("Llama 2", "LoRA", 4), ("Mistral 7B", "LoRA", 2), ("Llama 2", "DPO", 2),
    ("Mistral 7B", "DPO", 3), ("GPT-4", "Chain-of-thought", 3), ("PaLM 2", "Chain-of-thought", 2),
    ("GSM8K", "Chain-of-thought", 3), ("BERT", "Transformer", 5), ("T5", "Transformer", 4),
    ("GPT-4", "Transformer", 1), ("BERT", "T5", 3), ("Hugging Face", "Llama 2", 2),
    ("Hugging Face", "Open LLM Leaderboard", 3), ("Open LLM Leaderboard", "MMLU", 2),
    ("Open LLM Leaderboard", "Mistral 7B", 2), ("BIG-bench", "PaLM 2", 2), ("HELM", "GPT-4", 1),
    ("HELM", "Claude 3 Opus", 1), ("BIG-bench", "HELM", 1), ("T5", "perplexity", 1),
    ("BERT", "perplexity", 1), ("Anthropic", "San Francisco", 2), ("OpenAI", "San Francisco", 2),
    ("Mistral AI", "Paris", 3), ("Claude 3 Opus", "March 2024", 2), ("GPT-4", "2023", 3),
    ("Llama 2", "2023", 2), ("Microsoft", "Codex", 2), ("Anthropic", "OpenAI", 2),
    ("RLHF", "Constitutional AI", 2), ("RLHF", "DPO", 3), ("Codex", "GPT-4", 2),
]


def make_typed_graph() -> nx.MultiDiGraph:
    """A 38-node knowledge graph with every entity type, weights and both edge methods."""
    g = nx.MultiDiGraph()
    ids = {}
    for etype, labels in ENTITIES.items():
        for rank, label in enumerate(labels):
            nid = node_id(etype, label)
            ids[label] = nid
            mentions = max(1, 24 - 3 * rank) if etype in ("MODEL", "ORG") else 3 + rank % 4
            g.add_node(nid, label=label, type=etype, aliases=[], documents=["seed.txt"],
                       mentions=mentions, occurrences=[])
    for source, relation, target in TYPED:
        g.add_edge(ids[source], ids[target], key=edge_key(DEPENDENCY, relation),
                   relation=relation, weight=1.0, method=DEPENDENCY,
                   evidence=[{"doc": "seed.txt", "start": 0, "end": 10, "text": "..."}])
    for a, b, weight in COOCCURRING:
        u, v = sorted((ids[a], ids[b]))
        g.add_edge(u, v, key=edge_key(COOCCURRENCE, "co-occurs"), relation="co-occurs",
                   weight=float(weight), method=COOCCURRENCE, evidence=[])
    return g


@pytest.fixture
def typed_graph() -> nx.MultiDiGraph:
    return make_typed_graph()
