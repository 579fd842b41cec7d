"""Build the ``more-dev`` split of ``training/heldout/`` (December 2026): 8 more package
READMEs and the LM Evaluation Harness's 60 short benchmark summaries, cut like the rest of
the held-out set (``make_packages.py``).

    .venv/bin/python training/heldout/make_more_dev.py SDIST_DIR

``SDIST_DIR`` holds the unpacked source distributions of ``READMES`` and of
``lm_eval-0.4.13``; vllm's README is its wheel's package description (``METADATA``), saved
there as ``vllm-0.34.0/README.md``. The task pages are the summaries of 40 to 80 words of
title and abstract that no other split and no training text holds (the training text took
those of more than 150 words, the ``more`` split those of 80 to 150). The documents are
kept in the repository; this script records how they were cut, it is not run by the build.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_packages import cut, prose, task_summary  # noqa: E402

OUT = HERE / "packages"
TRAINING = HERE.parent / "corpus" / "packages"
READMES = ["deepeval-4.3.1", "flair-0.15.1", "gliner-0.2.29", "llmcompressor-0.14.0.1",
           "setfit-1.2.0", "sglang-0.5.10.post1", "txtai-9.14.0", "vllm-0.34.0"]
MIN_WORDS, MAX_WORDS = 40, 80


def main(sdists: Path) -> None:
    chosen = []
    for name in READMES:
        package = name.rsplit("-", 1)[0]
        text = (sdists / name / "README.md").read_text(encoding="utf-8")
        (OUT / f"readme__{package}.md").write_text(cut(prose(text)), encoding="utf-8")
        chosen.append(f"readme__{package}.md")
    splits_file = HERE / "splits.json"
    splits = json.loads(splits_file.read_text(encoding="utf-8"))
    taken = {p.name for p in TRAINING.glob("task__*.md")}.union(
        *(docs for split, docs in splits.items() if split != "more-dev"))
    for path in sorted((sdists / "lm_eval-0.4.13").glob("lm_eval/tasks/*/README.md")):
        text = task_summary(path.read_text(encoding="utf-8"))
        name = f"task__{path.parent.name}.md"
        if name not in taken and MIN_WORDS <= len(text.split()) < MAX_WORDS and \
                text.count("\n|") < 20:
            (OUT / name).write_text(cut(text), encoding="utf-8")
            chosen.append(name)
    splits["more-dev"] = sorted(chosen)
    splits_file.write_text(json.dumps(splits, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
