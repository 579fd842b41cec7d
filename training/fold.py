"""Score the pipeline on guide pages its components never learnt from (a development fold).

    .venv/bin/python training/fold.py --out /tmp/fold [--docs 20] [--seed 7] [--relations]

The guide's 115 pages are all annotated and nearly all in the train split, so the whole
pipeline is scored on unseen pages of the genre only on the 16 of the test split (figures
only). A fold gives a second, open set to look into: N guide pages of the train split chosen
at random (not the long listings of papers and models) are taken out of the recogniser's
training data (``data/train.jsonl``, the ``source`` of each example), a recogniser is
trained without them (``train.py --data --ship``, about 8 minutes), with ``--relations`` a
relation classifier too (about 4), and the pipeline runs on the pages with those components
(``THREADLINE_DATA`` holding a copy of ``resources/``). Printed: the shared scorers' lines;
kept in ``--out``: the pages, their gold, the GraphML. The shipped components still learn
from these pages; a fold is for finding what fails on unseen text, not a figure to report
as held out.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

LISTINGS = ("papers.md", "readings.md", "models__collection.md")  # titles, not prose
OTHER_KINDS = ("eval__", "readme__", "task__")  # the training text of other kinds


def choose(n: int, seed: int) -> list[str]:
    """``n`` guide pages of the train split, at random."""
    splits = json.loads((HERE / "splits.json").read_text(encoding="utf-8"))
    pages = sorted(d for d in splits["train"] if d.endswith(".md") and d not in LISTINGS
                   and not d.startswith(OTHER_KINDS))
    random.Random(seed).shuffle(pages)
    return sorted(pages[:n])


def prepare(out: Path, fold: list[str]) -> None:
    """The training data without the fold, a copy of ``resources/``, the pages and gold."""
    from score_split import document_source

    (out / "data").mkdir(parents=True, exist_ok=True)
    with (out / "data" / "train.jsonl").open("w", encoding="utf-8") as kept:
        for line in (HERE / "data" / "train.jsonl").open(encoding="utf-8"):
            if json.loads(line)["source"] not in fold:
                kept.write(line)
    shutil.copy(HERE / "data" / "dev.jsonl", out / "data" / "dev.jsonl")
    shutil.rmtree(out / "root", ignore_errors=True)
    shutil.copytree(ROOT / "resources", out / "root" / "resources")
    (out / "docs").mkdir(exist_ok=True)
    for doc in fold:
        shutil.copy(document_source(doc), out / "docs" / doc)
    with (out / "gold.jsonl").open("w", encoding="utf-8") as entities, \
            (out / "relations.jsonl").open("w", encoding="utf-8") as relations:
        for path in sorted((HERE / "annotations").glob("*.jsonl")):
            target = relations if path.name.endswith(".relations.jsonl") else entities
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip() and json.loads(line)["doc"] in fold:
                    target.write(line + "\n")


def train_relations(out: Path, fold: list[str]) -> None:
    """A relation classifier trained like the shipped one, without the fold's pages."""
    import train_relations as tr

    from graph.nlp.pipeline import shared_pipeline
    from graph.nlp.relation_model import RelationModel

    splits = json.loads((HERE / "splits.json").read_text(encoding="utf-8"))
    docs = [d for d in splits["train"] + splits["dev"] if d not in fold]
    nlp, _ = shared_pipeline()
    entities, names, relations = tr.gold_tables(set(docs))
    rows = []
    for examples in (tr.document_examples(nlp, docs), tr.document_examples(nlp, docs, entities)):
        rows += [r for d in docs for r in tr.labelled({d: examples[d]}, names, relations, {})]
    model = RelationModel.train([r[:4] for r in rows if r[3] is not None],
                                epochs=tr.SETTINGS["epochs"], seed=tr.SETTINGS["seed"])
    shipped = RelationModel.load(ROOT / "resources" / "model" / "relations.json")
    model.margin, model.metric_floor, model.grammar_only = \
        shipped.margin, shipped.metric_floor, shipped.grammar_only
    model.save(out / "root" / "resources" / "model" / "relations.json")


def score(out: Path) -> None:
    """Run the pipeline with the fold's components on its pages; print the scorers' lines."""
    graph = out / "fold.graphml"
    python = sys.executable
    env = {**os.environ, "THREADLINE_DATA": str(out / "root")}
    subprocess.run([str(Path(python).with_name("threadline")), "extract", str(out / "docs"),
                    "-o", str(graph), "--no-cache", "-q"], cwd=ROOT, env=env, check=True)
    for script, args in (("score.py", [out / "gold.jsonl"]),
                         ("score_relations.py", [out / "gold.jsonl", out / "relations.jsonl"])):
        subprocess.run([python, str(SHARED / "eval" / script), str(graph), *map(str, args)],
                       check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--relations", action="store_true", help="train a classifier too")
    args = parser.parse_args()
    fold = choose(args.docs, args.seed)
    print("fold:", ", ".join(fold))
    prepare(args.out, fold)
    subprocess.run([sys.executable, str(HERE / "train.py"), "--data", str(args.out / "data"),
                    "--work", str(args.out / "work"), "--ship",
                    str(args.out / "root" / "resources" / "model" / "domain_ner")], check=True)
    if args.relations:
        train_relations(args.out, fold)
    score(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
