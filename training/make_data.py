"""Turn the annotations into the committed training data: ``training/data/{train,dev}.jsonl``.

    .venv/bin/python training/make_data.py        (needs ../shared/corpus beside the checkout)

One JSON line per example: ``{"text": ..., "spans": [[start, end, label], ...], "missing":
[[start, end], ...], "source": ...}``. Each annotated page of ``splits.json``'s train and dev
splits (never the test split; real text, not our own: see ``REAL_TEXT``)
is read as Threadline reads it; every verbatim occurrence of
an annotated form (``name`` and ``aliases``) becomes a span, longest forms first, whole
words only; a page becomes one example per paragraph. CrossNER-AI's train and dev sentences
are added to the training set with their labels mapped onto Threadline's (organisation and
university: ORG, algorithm: METHOD, product: unknown, the rest: none). ``train.py`` turns
these files into spaCy's format and trains the recogniser.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from graph.ingest.readers import read_document  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
# The recogniser learns from real text only: the guide's pages, the package READMEs and
# benchmark summaries of training/corpus/packages and training/corpus/evals, and CrossNER.
# With our own 24 announcements added (training/corpus/announcements), it measured the
# same on the held-out split (entity F1 0.672 against 0.671) and lost two classes its
# tests check ("LayerNorm" became a PROJECT, "Tree of Thoughts (ToT)" was missed), so they
# train the relation classifier only.
REAL_TEXT = (CORPUS / "prompt-guide", HERE / "corpus" / "packages",
             HERE / "corpus" / "evals")
LABELS = ("MODEL", "ORG", "PROJECT", "METHOD", "DATASET")  # METRIC stays with the rules
CROSSNER = {"organisation": "ORG", "university": "ORG", "algorithm": "METHOD",
            "product": None}  # None: could be a MODEL or a PROJECT, left unknown
_PARAGRAPH = re.compile(r"\n\s*\n")


def annotations() -> dict[str, list[dict]]:
    by_doc: dict[str, list[dict]] = {}
    for path in sorted((HERE / "annotations").glob("*.jsonl")):
        if path.name.endswith(".relations.jsonl"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                by_doc.setdefault(row["doc"], []).append(row)
    return by_doc


def occurrences(text: str, rows: list[dict], labels: tuple[str, ...] = LABELS
                ) -> list[tuple[int, int, str]]:
    """Character spans of every verbatim form, longest first, not overlapping, whole words."""
    forms = sorted({(form, row["type"]) for row in rows if row["type"] in labels
                    for form in [row["name"], *row["aliases"]] if form},
                   key=lambda ft: (-len(ft[0]), ft))  # ties in a fixed order
    taken = [False] * len(text)
    found = []
    for form, label in forms:
        for match in re.finditer(re.escape(form), text):
            start, end = match.span()
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if before.isalnum() or after.isalnum() or any(taken[start:end]):
                continue
            found.append((start, end, label))
            taken[start:end] = [True] * (end - start)
    return sorted(found)


def document_path(name: str) -> Path:
    """Where an annotated document is: a page of the guide, or one of our own texts."""
    for folder in (*REAL_TEXT, HERE / "corpus" / "announcements"):
        if (folder / name).is_file():
            return folder / name
    raise SystemExit(f"{name} (training/splits.json) is in no corpus folder")


def is_real_text(name: str) -> bool:
    """Whether the recogniser learns from the document (see ``REAL_TEXT``)."""
    return any((folder / name).is_file() for folder in REAL_TEXT)


def document_examples(path: Path, rows: list[dict]) -> list[dict]:
    document, _ = read_document(path, path.name)
    text = document.text
    spans = occurrences(text, rows)
    examples, at = [], 0
    for piece in _PARAGRAPH.split(text):
        start = text.index(piece, at)
        end = at = start + len(piece)
        if piece.strip():
            examples.append({"text": piece, "source": path.name, "missing": [],
                             "spans": [[s - start, e - start, label] for s, e, label in spans
                                       if start <= s and e <= end]})
    return examples


def crossner_examples(path: Path) -> list[dict]:
    """CrossNER's CoNLL sentences with mapped labels; a product's tokens are left unknown."""
    examples = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        rows = [line.split("\t") for line in block.splitlines() if "\t" in line]
        text, spans, missing, open_span = "", [], [], None
        for word, tag in rows:
            start = len(text) + (1 if text else 0)
            text = f"{text} {word}" if text else word
            kind = tag[2:] if tag != "O" else ""
            mapped = CROSSNER.get(kind, "") if kind else ""
            if open_span and (tag[:2] != "I-" or open_span[2] != mapped):
                (missing if open_span[2] is None else spans).append(open_span)
                open_span = None
            if mapped != "":
                if open_span is None:
                    open_span = [start, len(text), mapped]
                open_span[1] = len(text)
        if open_span:
            (missing if open_span[2] is None else spans).append(open_span)
        examples.append({"text": text, "source": f"crossner-ai/{path.name}",
                         "spans": spans, "missing": [m[:2] for m in missing]})
    return examples


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--augment", action="store_true",
                        help="add mention-swap copies (training/augment.py; measured, not used)")
    parser.add_argument("--out", default=str(HERE / "data"), help="another folder (experiments)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    splits = json.loads((HERE / "splits.json").read_text(encoding="utf-8"))
    gold = annotations()
    for split in ("train", "dev"):
        examples = []
        for name in splits[split]:
            if is_real_text(name):
                examples += document_examples(document_path(name), gold.get(name, []))
        if split == "train":
            for part in ("train.txt", "dev.txt"):
                examples += crossner_examples(CORPUS / "crossner-ai" / part)
            if args.augment:  # see training/augment.py: measured, not used
                from augment import augment

                examples = augment(examples, LABELS)
        with open(out / f"{split}.jsonl", "w", encoding="utf-8") as fh:
            for example in examples:
                fh.write(json.dumps(example, ensure_ascii=False) + "\n")
        counts = Counter(label for e in examples for *_, label in e["spans"])
        print(f"{split}: {len(examples)} examples, "
              + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
