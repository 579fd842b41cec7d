"""Build ``training/corpus/packages/``: training text of the README and benchmark-summary
genre, cut like the held-out set (``../heldout/make_packages.py``) from other packages.

    .venv/bin/python training/corpus/make_packages.py SDIST_DIR

``SDIST_DIR`` holds the unpacked source distributions of ``READMES`` and of
``lm_eval-0.4.13`` (``pip download --no-deps --no-binary :all: NAME==VERSION``, then
``tar xzf``). The task pages are the harness's other benchmark summaries: none of the
held-out set's. The documents are kept in the repository; this script records how they
were cut, it is not run by the build.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "heldout"))

from make_packages import cut, prose, task_summary  # noqa: E402

OUT = HERE / "packages"
HELDOUT = HERE.parent / "heldout" / "packages"
READMES = ["accelerate-1.16.0", "bitsandbytes-0.42.0", "datasets-5.2.0", "deepspeed-0.19.8",
           "guidance-0.3.1", "haystack_ai-3.4.1", "inspect_ai-0.3.285", "instructor-1.17.0",
           "lighteval-0.13.0", "llama_cpp_python-0.3.36", "llama_index-0.14.25",
           "optimum-2.3.0", "outlines-1.3.3", "peft-0.21.2", "ragas-0.4.3",
           "sentence_transformers-6.3.0", "trl-1.16.0"]


def main(sdists: Path) -> None:
    OUT.mkdir(exist_ok=True)
    for name in READMES:
        readme = next((sdists / name).glob("README.md"), None) or next(
            (sdists / name).glob("*/README.md"))
        package = name.rsplit("-", 1)[0]
        (OUT / f"readme__{package}.md").write_text(cut(prose(readme.read_text())))
    held = {p.name for p in HELDOUT.glob("task__*.md")}
    tasks = sorted((sdists / "lm_eval-0.4.13").glob("lm_eval/tasks/*/README.md"))
    summaries = {t: task_summary(t.read_text()) for t in tasks
                 if f"task__{t.parent.name}.md" not in held}
    long = [t for t, s in summaries.items() if len(s.split()) > 150 and s.count("\n|") < 20]
    for path in long:  # all the long prose summaries the held-out set does not hold
        (OUT / f"task__{path.parent.name}.md").write_text(cut(summaries[path]))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
