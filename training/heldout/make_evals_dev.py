"""Build the ``evals-dev`` split of ``training/heldout/``: every usable benchmark summary of
Inspect Evals that ``../corpus/make_evals.py`` did not choose (neither training text nor the
``evals`` split), cut the same way, for developing the rules on.

    .venv/bin/python training/heldout/make_evals_dev.py SDIST_DIR

``SDIST_DIR`` holds the unpacked source distribution of ``inspect_evals-0.28.0``, as for
``make_evals.py``. ``HELD_OUT_ELSEWHERE`` leaves out the evaluation whose package README is in
the held-out set's test half. The documents are kept in the repository; this script records
how they were cut, it is not run by the build.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "corpus"))

from make_evals import (  # noqa: E402
    DOCS,
    MAX_WORDS,
    MIN_WORDS,
    PACKAGE,
    _key,
    cut,
    summary,
)

HELD_OUT_ELSEWHERE = {"swe_bench"}  # the test half's readme__swebench.md


def main(sdists: Path) -> None:
    held_tasks = {_key(p.stem.removeprefix("task__"))
                  for p in (HERE / "packages").glob("task__*.md")}
    readmes = sorted((sdists / PACKAGE / "src" / "inspect_evals").glob("*/README.md"))
    texts = {p.parent.name: summary(p.read_text(encoding="utf-8")) for p in readmes}
    usable = sorted(name for name, text in texts.items()
                    if len(text.split()) >= MIN_WORDS and _key(name) not in held_tasks)
    chosen = set(random.Random(27).sample(usable, DOCS))  # as make_evals.py draws them
    rest = [name for name in usable if name not in chosen and name not in HELD_OUT_ELSEWHERE]
    for name in rest:
        (HERE / "packages" / f"eval__{name}.md").write_text(cut(texts[name], MAX_WORDS),
                                                            encoding="utf-8")
    splits_file = HERE / "splits.json"
    splits = json.loads(splits_file.read_text(encoding="utf-8"))
    splits["evals-dev"] = sorted(f"eval__{name}.md" for name in rest)
    splits_file.write_text(json.dumps(splits, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
