"""The trained domain recogniser: built from the committed data and config, shipped in
``resources/model``, and run between the patterns and the statistical NER."""

from __future__ import annotations

import json
from pathlib import Path

from graph.nlp.components.domain import SPANS_KEY
from graph.nlp.pipeline import DOMAIN_MODEL, shared_pipeline
from graph.paths import resource
from tests.graph.training_scripts import training_script

ROOT = Path(__file__).resolve().parents[2]
LABELS = {"MODEL", "ORG", "PROJECT", "METHOD", "DATASET"}


def test_the_shipped_recogniser_was_built_from_the_committed_data_and_config():
    meta = json.loads(resource("model", DOMAIN_MODEL, "meta.json").read_text(encoding="utf-8"))
    assert meta["threadline_training"]["digest"] == training_script("train").training_digest(), (
        "training/data or training/config.cfg changed since the shipped model was trained: "
        "run `make train`")
    assert set(meta["labels"]["ner"]) == LABELS


def test_no_page_of_the_test_split_is_trained_on():
    splits = json.loads((ROOT / "training" / "splits.json").read_text(encoding="utf-8"))
    sources = {json.loads(line)["source"]
               for split in ("train", "dev")
               for line in (ROOT / "training" / "data" / f"{split}.jsonl").read_text(
                   encoding="utf-8").splitlines()}
    assert sources & set(splits["train"]) and not sources & set(splits["test"])


def test_the_pipeline_runs_it_between_the_patterns_and_the_statistical_ner():
    nlp, _ = shared_pipeline()
    names = nlp.pipe_names
    order = [names.index(n) for n in ("threadline_patterns", "threadline_domain",
                                      "threadline_domain_spans", "threadline_entities")]
    assert order == sorted(order)
    if "ner" in names:
        assert names.index("threadline_domain_spans") < names.index("ner")
    doc = nlp("DeepSeekMath 7B was trained by DeepSeek and scores 51.7% on the MATH benchmark.")
    assert {s.label_ for s in doc.spans[SPANS_KEY]} <= LABELS
