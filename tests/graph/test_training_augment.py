"""training/augment.py: mention-swap copies of real training examples keep their context,
their labels and their unknown spans; only the mentions change."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tests.graph.training_scripts import training_script

ROOT = Path(__file__).resolve().parents[2]
LABELS = ("MODEL", "ORG", "PROJECT", "METHOD", "DATASET")


def _examples() -> list[dict]:
    lines = (ROOT / "training" / "data" / "train.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _outside(example: dict) -> list[str]:
    """The text between the spans: the context a copy must keep."""
    pieces, at = [], 0
    for start, end, _label in sorted(example["spans"]):
        pieces.append(example["text"][at:start])
        at = end
    return pieces + [example["text"][at:]]


@pytest.mark.slow
def test_a_swapped_copy_keeps_context_labels_and_unknown_spans():
    augment = training_script("augment")
    examples = _examples()
    copies = augment.augment(examples, LABELS)[len(examples):]
    originals = [e for e in examples if e["spans"]]
    assert len(copies) == augment.COPIES * len(originals)
    changed = 0
    for original, copy in zip(originals, copies, strict=False):
        assert copy["source"] == original["source"]
        assert [s[2] for s in copy["spans"]] == [s[2] for s in sorted(original["spans"])]
        assert _outside(copy) == _outside(original)
        assert [copy["text"][s:e] for s, e in copy["missing"]] == \
            [original["text"][s:e] for s, e in sorted(original["missing"])]
        new = {}
        for (s, e, label), (cs, ce, _) in zip(sorted(original["spans"]), copy["spans"],
                                              strict=True):
            new.setdefault((original["text"][s:e], label), set()).add(copy["text"][cs:ce])
        assert all(len(forms) == 1 for forms in new.values())  # one new form per old form
        changed += copy["text"] != original["text"]
    assert changed > 0.9 * len(copies)


def test_a_scrambled_name_keeps_its_shape_sizes_and_telling_words():
    augment = training_script("augment")
    rng = random.Random(0)
    name = augment.scramble("Qwen2.5-7B-Instruct", rng)
    assert name != "Qwen2.5-7B-Instruct"
    assert name[0].isupper() and name[1:4].islower() and name[4:].startswith("2.5-7B-")
    assert augment.scramble("chain-of-thought prompting", rng) == "chain-of-thought prompting"
    org = augment.scramble("Stanford University", rng, frozenset({"University"}))
    assert org.endswith(" University") and not org.startswith("Stanford")
