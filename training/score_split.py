"""Score the extraction on one annotated split of the corpus, with the shared scorer.

    .venv/bin/python training/score_split.py test|dev|train|announcements [--relations] [--keep DIR]

Copies the split's documents (``training/splits.json``) from ``../shared/corpus/prompt-guide``
to a temporary folder, runs ``threadline extract`` on it (no cache) and scores the GraphML
against the split's gold (``training/annotations/*.jsonl``) with ``../shared/eval/score.py``
(and ``score_relations.py`` with ``--relations``).

``announcements`` is the part of the train split that the recogniser never learns from (our
24 texts in ``training/corpus/announcements``, see ``make_data.GUIDE_ONLY``): 737 gold
entities of names it has not seen, a development set for the recogniser bigger than dev.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "prompt-guide"
OURS = HERE / "corpus" / "announcements"


def split_docs(split: str) -> list[str]:
    if split == "announcements":
        return [doc for doc in split_docs("train") if (OURS / doc).is_file()]
    return json.loads((HERE / "splits.json").read_text(encoding="utf-8"))[split]


def gold_lines(docs: set[str], relations: bool) -> list[str]:
    lines = []
    for path in sorted((HERE / "annotations").glob("*.jsonl")):
        if path.name.endswith(".relations.jsonl") != relations:
            continue
        lines += [line for line in path.read_text(encoding="utf-8").splitlines()
                  if line.strip() and json.loads(line)["doc"] in docs]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", choices=["test", "dev", "train", "announcements"])
    parser.add_argument("--relations", action="store_true")
    parser.add_argument("--keep", help="keep the GraphML and gold in this folder")
    args = parser.parse_args()
    docs = split_docs(args.split)
    work = Path(args.keep or tempfile.mkdtemp(prefix="threadline-split-"))
    (work / "docs").mkdir(parents=True, exist_ok=True)
    for doc in docs:  # a page of the guide, or one of our own announcements (train only)
        folder = CORPUS if (CORPUS / doc).is_file() else OURS
        source = folder / doc
        shutil.copy(source, work / "docs" / doc)
    graph = work / f"{args.split}.graphml"
    subprocess.run([sys.executable, "-m", "app.cli", "extract", str(work / "docs"), "-o",
                    str(graph), "--no-cache", "-q"], cwd=ROOT, check=True)
    gold = work / f"{args.split}.gold.jsonl"
    gold.write_text("\n".join(gold_lines(set(docs), False)) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(graph), str(gold)],
                   check=True)
    if args.relations:
        rel = work / f"{args.split}.relations.jsonl"
        rel.write_text("\n".join(gold_lines(set(docs), True)) + "\n", encoding="utf-8")
        subprocess.run([sys.executable, str(SHARED / "eval" / "score_relations.py"), str(graph),
                        str(gold), str(rel)], check=True)
    if not args.keep:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
