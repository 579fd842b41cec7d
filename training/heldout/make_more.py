"""Build the ``more`` split of ``training/heldout/`` (December 2026): 13 more package
READMEs and 55 more benchmark summaries of the LM Evaluation Harness, cut like the rest of
the held-out set (``make_packages.py``).

    .venv/bin/python training/heldout/make_more.py SDIST_DIR

``SDIST_DIR`` holds the unpacked source distributions of ``READMES`` and of
``lm_eval-0.4.13``. The task pages are the harness's benchmark summaries that neither the
held-out set nor the training text (``../corpus/packages``, which took the longer ones)
holds: those of 80 to 150 words of title and abstract, less those of a benchmark another
held-out split summarises (``OTHER_SPLITS``: the same benchmark, or its translation). The
documents are kept in the repository; this script records how they were cut, it is not
run by the build.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_packages import cut, prose, task_summary  # noqa: E402

OUT = HERE / "packages"
TRAINING = HERE.parent / "corpus" / "packages"
READMES = ["auto_gptq-0.7.1", "autoawq-0.2.9", "bertopic-0.17.4", "crfm_helm-0.5.16",
           "distilabel-1.5.3", "evaluate-0.4.6", "lmms_eval-0.7.3", "nemo_toolkit-3.0.0",
           "opencompass-0.5.4", "optimum_quanto-0.2.7", "ragatouille-0.0.9.post2",
           "spacy_llm-0.7.4", "transformers-5.25.0"]
OTHER_SPLITS = {"hendrycks_math", "minerva_math", "mgsm", "pubmedqa", "squadv2", "xquad",
                "lambada_multilingual_stablelm"}  # the last: a copy of another page
MIN_WORDS, MAX_WORDS = 80, 150


def build_split(sdists: Path, split: str, readmes: list[str], words: tuple[int, int],
                skip: frozenset[str] = frozenset()) -> None:
    """Cut ``readmes`` and the harness's task pages of ``words`` (fewest, most) words that
    no other split, no training text and no page of ``skip`` holds into ``packages/``, copy
    each README's licence into ``licenses/``, and record them as ``split``."""
    chosen = []
    for name in readmes:
        package, folder = name.rsplit("-", 1)[0], sdists / name
        text = (folder / "README.md").read_text(encoding="utf-8")
        (OUT / f"readme__{package}.md").write_text(cut(prose(text)), encoding="utf-8")
        licence = next((p for p in (folder / "LICENSE", folder / "LICENSE.md") if p.is_file()),
                       None) or next(folder.rglob("LICENSE"))  # a wheel's: in its dist-info
        shutil.copy(licence, HERE / "licenses" / f"{package}.txt")
        chosen.append(f"readme__{package}.md")
    splits_file = HERE / "splits.json"
    splits = json.loads(splits_file.read_text(encoding="utf-8"))
    taken = {p.name for p in TRAINING.glob("task__*.md")}.union(
        *(docs for other, docs in splits.items() if other != split))
    for path in sorted((sdists / "lm_eval-0.4.13").glob("lm_eval/tasks/*/README.md")):
        text = task_summary(path.read_text(encoding="utf-8"))
        name = f"task__{path.parent.name}.md"
        if name not in taken and path.parent.name not in skip and \
                words[0] <= len(text.split()) <= words[1] and text.count("\n|") < 20:
            (OUT / name).write_text(cut(text), encoding="utf-8")
            chosen.append(name)
    splits[split] = sorted(chosen)
    splits_file.write_text(json.dumps(splits, indent=1) + "\n", encoding="utf-8")


def main(sdists: Path) -> None:
    build_split(sdists, "more", READMES, (MIN_WORDS, MAX_WORDS), OTHER_SPLITS)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
