"""Score the extraction on one annotated split of the corpus, with the shared scorer.

    .venv/bin/python training/score_split.py
        test|dev|train|announcements|heldout-dev|heldout-test|heldout-evals|heldout-evals-dev|
        heldout-more|heldout-more-dev|heldout-readmes
        [--relations] [--details] [--keep DIR]

Copies the split's documents (``training/splits.json``) from ``../shared/corpus/prompt-guide``
to a temporary folder, runs ``threadline extract`` on it (no cache) and scores the GraphML
against the split's gold (``training/annotations/*.jsonl``) with ``../shared/eval/score.py``
(and ``score_relations.py`` with ``--relations``, plus how many of the documents that state
a relation got a typed edge).

The ``test`` split is the stand-in for text nobody has seen: its per-document missed and
spurious lines are left out unless ``--details`` asks for them, so that only its figures
are read (developing on its errors would make it one more training set).

``heldout-dev`` and ``heldout-test`` are a second annotated set that nothing is trained on
(``training/heldout/``: package READMEs and benchmark-paper summaries, none of them in
the training text of their kind, ``training/corpus/packages``): develop on ``heldout-dev``;
``heldout-test`` is read like ``test``. ``heldout-evals`` (20 benchmark summaries of Inspect
Evals, annotated before anyone looked at the output on them; the other 44 are training
text, ``training/corpus/evals``) is read like ``test`` too; ``heldout-evals-dev`` (43 more,
annotated the same way in December 2026) is for developing on. ``heldout-more`` (13 more
package READMEs and 55 more task pages of the harness, annotated blind in December 2026)
is read like ``test``; ``heldout-more-dev`` (8 more READMEs and 60 short task pages,
annotated in December 2026) is its open twin, for developing on. ``heldout-readmes`` (24
more package READMEs, annotated blind in December 2026) is for developing on too.

``announcements`` is the part of the train split that the recogniser never learns from (our
24 texts in ``training/corpus/announcements``, see ``make_data.REAL_TEXT``): 737 gold
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
HELDOUT = HERE / "heldout"
SPLITS = ["test", "dev", "train", "announcements", "heldout-dev", "heldout-test",
          "heldout-evals", "heldout-evals-dev", "heldout-more", "heldout-more-dev",
          "heldout-readmes"]


def split_docs(split: str) -> list[str]:
    if split == "announcements":
        return [doc for doc in split_docs("train") if (OURS / doc).is_file()]
    if split.startswith("heldout-"):
        splits = json.loads((HELDOUT / "splits.json").read_text(encoding="utf-8"))
        return splits[split.removeprefix("heldout-")]
    return json.loads((HERE / "splits.json").read_text(encoding="utf-8"))[split]


def document_source(doc: str) -> Path:
    """A page of the guide, one of our own announcements, or a held-out package text."""
    for folder in (CORPUS, OURS, HERE / "corpus" / "packages", HERE / "corpus" / "evals",
                   HELDOUT / "packages"):
        if (folder / doc).is_file():
            return folder / doc
    raise SystemExit(f"{doc} is in no corpus folder")


def gold_lines(docs: set[str], relations: bool) -> list[str]:
    lines = []
    paths = [*(HERE / "annotations").glob("*.jsonl"), *(HELDOUT / "annotations").glob("*.jsonl")]
    for path in sorted(paths):
        if path.name.endswith(".relations.jsonl") != relations:
            continue
        lines += [line for line in path.read_text(encoding="utf-8").splitlines()
                  if line.strip() and json.loads(line)["doc"] in docs]
    return lines


def run_scorer(script: str, args: list[str], details: bool) -> None:
    """Run one of the shared scorers; without ``details`` print only its summary lines."""
    out = subprocess.run([sys.executable, str(SHARED / "eval" / script), *args], check=True,
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        if details or not line.startswith(("missed", "spurious")):
            print(line)


def typed_coverage(graph: Path, relation_gold: list[str]) -> str:
    """How many documents stating a relation (in the gold) have a typed edge in ``graph``."""
    sys.path.insert(0, str(SHARED / "eval"))
    from score_relations import read_edges

    stating = {json.loads(line)["doc"] for line in relation_gold}
    typed = set().union(*(e["docs"] for e in read_edges(str(graph)) if e["predicate"]))
    return (f"Documents stating a relation with a typed edge: {len(stating & typed)} of "
            f"{len(stating)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", choices=SPLITS)
    parser.add_argument("--relations", action="store_true")
    parser.add_argument("--keep", help="keep the GraphML and gold in this folder")
    parser.add_argument("--details", action="store_true",
                        help="print the test split's per-document lines too (see above)")
    args = parser.parse_args()
    details = args.details or not args.split.endswith(("test", "evals", "more"))
    docs = split_docs(args.split)
    work = Path(args.keep or tempfile.mkdtemp(prefix="threadline-split-"))
    (work / "docs").mkdir(parents=True, exist_ok=True)
    for doc in docs:
        shutil.copy(document_source(doc), work / "docs" / doc)
    graph = work / f"{args.split}.graphml"
    subprocess.run([sys.executable, "-m", "app.cli", "extract", str(work / "docs"), "-o",
                    str(graph), "--no-cache", "-q"], cwd=ROOT, check=True)
    gold = work / f"{args.split}.gold.jsonl"
    gold.write_text("\n".join(gold_lines(set(docs), False)) + "\n", encoding="utf-8")
    run_scorer("score.py", [str(graph), str(gold)], details)
    if args.relations:
        rel = work / f"{args.split}.relations.jsonl"
        relation_gold = gold_lines(set(docs), True)
        rel.write_text("\n".join(relation_gold) + "\n", encoding="utf-8")
        run_scorer("score_relations.py", [str(graph), str(gold), str(rel)], details)
        print(typed_coverage(graph, relation_gold))
    if not args.keep:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
