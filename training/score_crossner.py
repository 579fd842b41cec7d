"""A public reference figure: Threadline's entities on CrossNER-AI's test split.

    .venv/bin/python training/score_crossner.py [CONLL_FILE]

Runs the whole pipeline on each test sentence (its tokens joined by spaces) and compares
the entities with CrossNER's, mention by mention (exact character span and type), for the
labels that map onto Threadline's: organisation and university as ORG, algorithm as METHOD,
researcher and person as PERSON. CrossNER's other labels are not scored (its "metrics" are
names of measures, "product" mixes models and tools).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.nlp.pipeline import build_pipeline  # noqa: E402

MAPPED = {"organisation": "ORG", "university": "ORG", "algorithm": "METHOD",
          "researcher": "PERSON", "person": "PERSON"}
TYPES = ("ORG", "METHOD", "PERSON")


def sentences(path: Path):
    """``(text, gold)`` per sentence; gold is a set of ``(start, end, type)``."""
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        text, gold, current = "", set(), None
        for line in block.splitlines():
            if "\t" not in line:
                continue
            word, tag = line.split("\t")
            start = len(text) + (1 if text else 0)
            text = f"{text} {word}" if text else word
            kind = MAPPED.get(tag[2:]) if tag != "O" else None
            if current and (tag[:2] != "I-" or current[2] != kind):
                gold.add(tuple(current))
                current = None
            if kind:
                current = current or [start, len(text), kind]
                current[1] = len(text)
        if current:
            gold.add(tuple(current))
        yield text, gold


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        ROOT.parent / "shared" / "corpus" / "crossner-ai" / "test.txt"
    nlp, info = build_pipeline()
    counts = {t: Counter() for t in TYPES}
    data = list(sentences(path))
    for (_, gold), doc in zip(data, nlp.pipe(t for t, _ in data), strict=True):
        predicted = {(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in TYPES}
        for start, end, kind in predicted:
            counts[kind]["pred"] += 1
            counts[kind]["tp"] += (start, end, kind) in gold
        for *_, kind in gold:
            counts[kind]["gold"] += 1
    print(f"CrossNER-AI {path.name}: {len(data)} sentences, pipeline {info.name} "
          f"{' + '.join(info.components)}")
    for kind, c in counts.items():
        p = c["tp"] / c["pred"] if c["pred"] else 0.0
        r = c["tp"] / c["gold"] if c["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{kind:7} P={p:.3f} R={r:.3f} F1={f:.3f} (tp {c['tp']}, pred {c['pred']}, "
              f"gold {c['gold']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
