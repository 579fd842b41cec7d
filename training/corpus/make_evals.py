"""Build ``training/corpus/evals/`` and the ``evals`` part of ``training/heldout/``: the
benchmark summaries of Inspect Evals (each evaluation's README: what the benchmark is, its
paper, its data, how it is scored, and often a report of models' results), cut to prose.

    .venv/bin/python training/corpus/make_evals.py SDIST_DIR

``SDIST_DIR`` holds the unpacked source distribution of ``inspect_evals-0.28.0`` (MIT,
``pip download --no-deps --no-binary :all: inspect_evals==0.28.0``, then ``tar xzf``).
The blocks the package generates (usage, options, parameters, contributors) and the
sections about running the code are left out. Evaluations of a benchmark that a held-out
task page already summarises are skipped, so that the held-out set stays unseen; of the
others, ``HELDOUT`` chosen at random go to ``training/heldout/packages`` (the held-out
``evals`` split, never trained on) and the rest to ``training/corpus/evals`` (training
text). The documents are kept in the repository; this script records how they were cut,
it is not run by the build.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HELDOUT_DIR = HERE.parent / "heldout"
sys.path.insert(0, str(HELDOUT_DIR))

from make_packages import cut, prose  # noqa: E402

PACKAGE = "inspect_evals-0.28.0"
DOCS, HELDOUT, MIN_WORDS, MAX_WORDS = 64, 20, 150, 650
_GENERATED = re.compile(r"<!-- (\w[\w ]*): Automatically Generated -->.*?"
                        r"<!-- /\1: Automatically Generated -->", re.S)
_SKIPPED = re.compile(r"(?:Changelog|Parameters|Usage|Options|Installation|Citation|"
                      r"Prerequisites|Requirements|Python versions|Execution|Development|"
                      r"Maintenance notes|Dataset access|Setup|Running.*|Docker.*|"
                      r"Security.*|Disclaimer|Warning)\s*$", re.I)


def summary(text: str) -> str:
    """The README without generated blocks and the sections about running the code."""
    text = _GENERATED.sub("", text)
    kept, skipping, level = [], False, 0
    for line in text.splitlines():
        heading = re.match(r"(#+)\s+(.*)", line)
        if heading:
            depth = len(heading.group(1))
            if skipping and depth > level:
                continue
            skipping = bool(_SKIPPED.match(heading.group(2)))
            level = depth
        if not skipping:
            kept.append(line)
    return prose("\n".join(kept))


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def main(sdists: Path) -> None:
    held_tasks = {_key(p.stem.removeprefix("task__"))
                  for p in (HELDOUT_DIR / "packages").glob("task__*.md")}
    readmes = sorted((sdists / PACKAGE / "src" / "inspect_evals").glob("*/README.md"))
    texts = {p.parent.name: summary(p.read_text(encoding="utf-8")) for p in readmes}
    usable = sorted(name for name, text in texts.items()
                    if len(text.split()) >= MIN_WORDS and _key(name) not in held_tasks)
    chosen = sorted(random.Random(27).sample(usable, DOCS))
    heldout = set(random.Random(2027).sample(chosen, HELDOUT))
    out = HERE / "evals"
    out.mkdir(exist_ok=True)
    for name in chosen:
        folder = HELDOUT_DIR / "packages" if name in heldout else out
        (folder / f"eval__{name}.md").write_text(cut(texts[name], MAX_WORDS), encoding="utf-8")
    splits_file = HELDOUT_DIR / "splits.json"
    splits = json.loads(splits_file.read_text(encoding="utf-8"))
    splits["evals"] = sorted(f"eval__{name}.md" for name in heldout)
    splits_file.write_text(json.dumps(splits, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
