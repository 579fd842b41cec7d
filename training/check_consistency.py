"""Check that the training annotations treat the same words the same way in every document.

    .venv/bin/python training/check_consistency.py [--split train,dev] [--min 1] [--form TEXT]
    .venv/bin/python training/check_consistency.py --fix     (applies CONVENTIONS, see below)

The recogniser learns from every verbatim occurrence of an annotated form and, just as much,
from every occurrence that is left out. A form annotated in one page and left out in another
(or given two types) teaches it both answers. For each annotated form (compared without case)
this lists the documents where it is annotated, with which type, and the documents where it
is written as a whole word outside every annotated span. Forms that are consistent are not
listed. The exit status is 0: this is a report for the annotator, not a gate.

``--fix`` applies the decisions recorded in ``ANNOTATING.md`` ("Conventions checked by
script") to the annotation files of the train and dev splits (never the test split's part):
the forms of ``NOT_FORMS`` are taken out of every entity (an entity left without a form goes,
with its relations), and every prose occurrence of a ``ALWAYS_METHOD`` phrase becomes a form of
that METHOD in its document.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict

from make_data import HERE, LABELS, annotations, document_path, is_real_text, occurrences

from graph.ingest.readers import read_document


def _texts(split_names: list[str]) -> dict[str, str]:
    splits = json.loads((HERE / "splits.json").read_text(encoding="utf-8"))
    texts = {}
    for split in split_names:
        for name in splits[split]:
            if is_real_text(name):
                document, _ = read_document(document_path(name), name)
                texts[name] = document.text
    return texts


_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)


def _code_ranges(text: str) -> list[tuple[int, int]]:
    """Code fences and inline code: their names are never annotated (ANNOTATING.md)."""
    return [m.span() for m in _CODE.finditer(text)]


def _form_pattern(written: set[str]) -> re.Pattern:
    """Any written form as a whole word, its first letter in either case (sentence starts)."""
    variants = {f[0].swapcase() + f[1:] for f in written} | written
    alternatives = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return re.compile(r"(?<![\w/.@-])(?:" + alternatives + r")(?![\w/-])")


def inconsistencies(texts: dict[str, str], gold: dict[str, list[dict]]) -> list[dict]:
    """One row per form that is typed two ways, or annotated somewhere and left out elsewhere."""
    typed: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    spans = {}
    forms: dict[str, set[str]] = defaultdict(set)
    for doc, text in texts.items():
        rows = gold.get(doc, [])
        spans[doc] = occurrences(text, rows)
        for row in rows:
            if row["type"] in LABELS:
                for form in [row["name"], *row["aliases"]]:
                    if form:
                        typed[form.casefold()][row["type"]].add(doc)
                        forms[form.casefold()].add(form)
    report = []
    for form, by_type in sorted(typed.items()):
        left_out = defaultdict(int)
        for doc, text in texts.items():
            code = _code_ranges(text)
            for match in _form_pattern(forms[form]).finditer(text):
                start, end = match.span()
                if any(s <= start < e for s, e in code):
                    continue
                if not any(s < end and start < e for s, e, _ in spans[doc]):
                    left_out[doc] += 1
        if len(by_type) > 1 or left_out:
            report.append({"form": form, "types": {k: sorted(v) for k, v in by_type.items()},
                           "left_out": dict(left_out)})
    return report


# Modifiers, verb and adjective forms, settings: never an entity on their own (GUIDELINES.md:
# a METHOD is a specific technique, "not a generic verb phrase"; a METRIC is a reported finding).
NOT_FORMS = {"few-shot", "zero-shot", "one-shot", "fine-tuned", "finetuned", "fine-tune",
             "pre-trained", "pretrained", "instruction-tuned", "instruction tuned",
             "instruction-tunes", "distilling", "distilled", "quantized", "autoregressive",
             "4-bit", "8-bit"}
# Named practices and training procedures the guide's text treats as techniques: a METHOD
# wherever they are written in prose (the noun; see NOT_FORMS for the adjectives).
ALWAYS_METHOD = ("prompt engineering", "fine-tuning", "pre-training", "pretraining",
                 "instruction tuning", "post-training")
TEST_PART = "A.jsonl"


def _variants(phrase: str) -> list[str]:
    return list(dict.fromkeys([phrase, phrase[0].upper() + phrase[1:], phrase.title()]))


def _fix_doc(doc: str, text: str, rows: list[dict]) -> set[str]:
    """Apply the conventions to one document's rows in place; return the names dropped."""
    dropped = set()
    for row in list(rows):
        forms = [f for f in [row["name"], *row["aliases"]] if f.casefold() not in NOT_FORMS]
        if not forms:
            rows.remove(row)
            dropped.add(row["name"])
        elif forms[0] != row["name"] and row["name"].casefold() in NOT_FORMS:
            row["rename"], row["name"], row["aliases"] = row["name"], forms[0], forms[1:]
        else:
            row["aliases"] = forms[1:]
    code = _code_ranges(text)
    for phrase in ALWAYS_METHOD:
        spans = occurrences(text, rows)
        written = []
        for form in _variants(phrase):
            for match in _form_pattern({form}).finditer(text):
                start, end = match.span()
                if text[start:end] != form or any(s <= start < e for s, e in code):
                    continue
                if form != phrase and re.match(r" (?:[A-Z]|for )", text[end:end + 5]):
                    continue  # inside a longer name ("Prompt Engineering Guide")
                if not any(s < end and start < e for s, e, _ in spans):
                    written.append(form)
        if not written:
            continue
        row = next((r for r in rows if r["type"] == "METHOD" and phrase in
                    {f.casefold() for f in [r["name"], *r["aliases"]]}), None)
        if row is None:
            row = {"doc": doc, "type": "METHOD", "name": written[0], "aliases": []}
            rows.append(row)
        for form in dict.fromkeys(written):
            if form not in [row["name"], *row["aliases"]]:
                row["aliases"].append(form)
    return dropped


def fix(texts: dict[str, str]) -> None:
    """Rewrite the train and dev parts' annotation files by the conventions."""
    for path in sorted((HERE / "annotations").glob("*.jsonl")):
        if path.name.endswith(".relations.jsonl") or path.name == TEST_PART:
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()]
        by_doc: dict[str, list[dict]] = defaultdict(list)
        for row in rows:
            by_doc[row["doc"]].append(row)
        dropped, renamed = set(), {}
        for doc, doc_rows in by_doc.items():
            if doc in texts:
                dropped |= {(doc, name) for name in _fix_doc(doc, texts[doc], doc_rows)}
                renamed |= {(doc, r.pop("rename")): r["name"] for r in doc_rows if "rename" in r}
        _write(path, _in_file_order(rows, by_doc))
        relations = path.with_name(path.name.replace(".jsonl", ".relations.jsonl"))
        kept = []
        for rel in (json.loads(line) for line in relations.read_text(encoding="utf-8")
                    .splitlines() if line.strip()):
            if {(rel["doc"], rel["source"]), (rel["doc"], rel["target"])} & dropped:
                continue
            rel["source"] = renamed.get((rel["doc"], rel["source"]), rel["source"])
            rel["target"] = renamed.get((rel["doc"], rel["target"]), rel["target"])
            kept.append(rel)
        _write(relations, kept)


def _in_file_order(original: list[dict], by_doc: dict[str, list[dict]]) -> list[dict]:
    """The kept rows where they were; a document's new rows after its last old one."""
    last = {row["doc"]: i for i, row in enumerate(original)}
    kept = {id(r) for doc_rows in by_doc.values() for r in doc_rows}
    out = []
    for i, row in enumerate(original):
        if id(row) in kept:
            out.append(row)
        if last[row["doc"]] == i:
            old = {id(r) for r in original}
            out += [r for r in by_doc[row["doc"]] if id(r) not in old]
    return out


def _write(path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="train,dev")
    parser.add_argument("--min", type=int, default=1, help="list forms left out this often")
    parser.add_argument("--form", help="only this form")
    parser.add_argument("--fix", action="store_true", help="apply the conventions")
    args = parser.parse_args()
    texts = _texts(args.split.split(","))
    if args.fix:
        fix(_texts(["train", "dev"]))
    rows = inconsistencies(texts, annotations())
    if args.form:
        rows = [r for r in rows if r["form"] == args.form.casefold()]
    rows.sort(key=lambda r: -sum(r["left_out"].values()))
    shown = 0
    for row in rows:
        missed = sum(row["left_out"].values())
        if missed < args.min and len(row["types"]) == 1:
            continue
        shown += 1
        types = "; ".join(f"{k} in {len(v)} docs" for k, v in row["types"].items())
        print(f"{row['form']!r}: {types}; left out {missed}x in {len(row['left_out'])} docs"
              + (f" ({', '.join(sorted(row['left_out'])[:4])}...)" if row["left_out"] else ""))
    print(f"{shown} inconsistent forms of {len(rows)} listed")


if __name__ == "__main__":
    main()
