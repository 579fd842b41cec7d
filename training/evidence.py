"""Sentence-level evidence for the document-level relation annotations.

    .venv/bin/python training/evidence.py review PART [--out FILE]
    .venv/bin/python training/evidence.py apply PART DECISIONS
    .venv/bin/python training/evidence.py check

A relation of ``annotations/PART.relations.jsonl`` says what a document states; its evidence
(``annotations/evidence/PART.jsonl``, format in ``ANNOTATING.md``, "Evidence") says which
sentence(s) state it, so that the relation classifier learns the pair as related there only
(``train_relations.py``). Only the ``train`` and ``dev`` documents of ``splits.json`` are
read, never the ``test`` ones (part ``A``).

``review`` lists, for each relation of the part without evidence yet, the sentences of its
document (Threadline's reader and sentence splitter) naming both ends (any form of the gold
entity, case and hyphens as the scorer ignores them); where exactly one does, it records that
sentence as the evidence (``"how": "single"``); the others are printed with their options
(the sentences naming both ends, else those naming either end, with the line before) for an
annotator, who writes a DECISIONS file, one line per relation:

    B:17 2          evidence: option 2 of relation 17 (line of B.relations.jsonl)
    B:17 1 3        options 1 and 3
    B:17 across 1 4 the relation is stated across these sentences (title, intro, pronoun)
    B:17 across all every option
    B:17 across "piece of a sentence"   the sentence holding these words (not an option)
    B:17 unstated   no sentence states it (the name says it, or a table): never positive

``apply`` writes those into the evidence file; ``check`` verifies that every evidence sentence
is in its document and every evidence row is an annotated relation.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

ANNOTATIONS = HERE / "annotations"
# (a folder of its own: the other scripts read every annotations/*.jsonl but the relations
# as entity gold)
EVIDENCE = ANNOTATIONS / "evidence"
CACHE = Path("/tmp") / "threadline-evidence-sentences.json"
KEY = ("doc", "source", "predicate", "target")
HOWS = ("single", "chosen", "across", "unstated")


def read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def trained_docs() -> set[str]:
    splits = json.loads((HERE / "splits.json").read_text(encoding="utf-8"))
    return set(splits["train"]) | set(splits["dev"])


def key_of(row: dict) -> tuple[str, str, str, str]:
    return tuple(row[k] for k in KEY)


def evidence_path(part: str) -> Path:
    return EVIDENCE / f"{part}.jsonl"


def form_pattern(form: str) -> re.Pattern:
    """A gold form found as the scorer matches names: any case, a hyphen or a space alike."""
    words = [re.escape(w) for w in re.split(r"[\s-]+", form.strip()) if w]
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(words) + r"(?!\w)", re.IGNORECASE)


def entity_forms(part: str) -> dict[str, dict[str, set[str]]]:
    """doc -> gold name -> its forms (name and aliases)."""
    forms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in read_jsonl(ANNOTATIONS / f"{part}.jsonl"):
        forms[row["doc"]][row["name"]] |= {row["name"], *row.get("aliases", [])} - {""}
    return forms


@cache
def document_text(name: str) -> str:
    from train_relations import document_text as read

    return read(name)


def sentence_spans(docs: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Per document, the character spans of its sentences as Threadline's parser splits
    them (cached in /tmp: the parse takes a minute)."""
    cached = json.loads(CACHE.read_text()) if CACHE.is_file() else {}
    todo = [d for d in docs if d not in cached]
    if todo:
        from graph.nlp.extract import chunk_text
        from graph.nlp.pipeline import shared_pipeline

        nlp, _ = shared_pipeline()
        for name in todo:
            spans = []
            for offset, chunk in chunk_text(document_text(name), 10_000):
                spans += [(offset + s.start_char, offset + s.end_char) for s in nlp(chunk).sents]
            cached[name] = spans
        CACHE.write_text(json.dumps(cached))
    return {d: [tuple(s) for s in cached[d]] for d in docs}


def mentions(text: str, forms: dict[str, set[str]]) -> dict[str, list[tuple[int, int]]]:
    """Gold name -> its occurrences in ``text``, longest forms first and not overlapping
    (so "Vela 2" is not found inside "Vela 2 Max")."""
    pairs = sorted(((f, name) for name, fs in forms.items() for f in fs),
                   key=lambda fn: (-len(fn[0]), fn))
    taken = [False] * len(text)
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for form, name in pairs:
        for m in form_pattern(form).finditer(text):
            if not any(taken[m.start():m.end()]):
                found[name].append(m.span())
                taken[m.start():m.end()] = [True] * (m.end() - m.start())
    return found


def sentence_of(spans: list[tuple[int, int]], at: int) -> int:
    return next((n for n, (s, e) in enumerate(spans) if s <= at < e), -1)


def options(rel: dict, forms, spans, text: str) -> tuple[list[int], list[int]]:
    """Indexes of the sentences naming both ends; else of those naming the end named in
    fewer sentences (where the other end is the title, an "it", a "we", a list's intro)
    and of those naming the other end up to two sentences from them."""
    found = mentions(text, forms.get(rel["doc"], {}))
    where = [{sentence_of(spans, s) for s, _ in found.get(rel[end], [])} - {-1}
             for end in ("source", "target")]
    both = sorted(where[0] & where[1])
    rarer, other = sorted(where, key=lambda w: (len(w) == 0, len(w)))
    near = {i + d for i in rarer for d in (-2, -1, 1, 2)} & other  # a list's intro, an "it"
    return both, sorted(rarer | near)


def quote(text: str, span: tuple[int, int]) -> str:
    return text[span[0]:span[1]].strip()


def review(part: str, out) -> None:
    rels = read_jsonl(ANNOTATIONS / f"{part}.relations.jsonl")
    docs = trained_docs()
    done = {key_of(r): r for r in read_jsonl(evidence_path(part))}
    forms = entity_forms(part)
    spans = sentence_spans(sorted({r["doc"] for r in rels if r["doc"] in docs}))
    listed = 0
    for n, rel in enumerate(rels, 1):
        if rel["doc"] not in docs or key_of(rel) in done:
            continue
        text = document_text(rel["doc"])
        both, either = options(rel, forms, spans[rel["doc"]], text)
        if len(both) == 1:
            done[key_of(rel)] = {**{k: rel[k] for k in KEY}, "how": "single",
                                 "evidence": [quote(text, spans[rel["doc"]][both[0]])]}
            continue
        listed += 1
        shown = both or either[:8]
        print(f"\n{part}:{n} {rel['doc']}: {rel['source']} -{rel['predicate']}-> "
              f"{rel['target']} ({'both' if both else 'either'} {len(shown)})", file=out)
        for k, i in enumerate(shown, 1):
            before = quote(text, spans[rel["doc"]][i - 1])[-80:] if i else ""
            line = quote(text, spans[rel["doc"]][i]).replace("\n", " / ")
            print(f"  {k}. [{before.replace(chr(10), ' / ')}] {line[:400]}", file=out)
    write(part, rels, done)
    print(f"{part}: {sum(r['how'] == 'single' for r in done.values())} single, "
          f"{listed} to review", file=sys.stderr)


def write(part: str, rels: list[dict], done: dict) -> None:
    """The evidence rows in the order of the part's relations."""
    rows = [done[key_of(r)] for r in rels if key_of(r) in done]
    evidence_path(part).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                           for r in rows), encoding="utf-8")


def apply(part: str, decisions: Path) -> None:
    rels = read_jsonl(ANNOTATIONS / f"{part}.relations.jsonl")
    done = {key_of(r): r for r in read_jsonl(evidence_path(part))}
    forms = entity_forms(part)
    docs = trained_docs()
    spans = sentence_spans(sorted({r["doc"] for r in rels if r["doc"] in docs}))
    counts: dict[str, int] = defaultdict(int)
    for line in decisions.read_text(encoding="utf-8").splitlines():
        line, *quoted = line.split("#")[0].split('"')
        words = line.split()
        if not words or not words[0].startswith(f"{part}:"):
            continue
        rel = rels[int(words[0].split(":")[1]) - 1]
        assert rel["doc"] in docs, f"{words[0]} is a test document"
        how = "across" if "across" in words else "unstated" if "unstated" in words else "chosen"
        text = document_text(rel["doc"])
        both, either = options(rel, forms, spans[rel["doc"]], text)
        shown = both or either[:8]
        picked = shown if "all" in words else [shown[int(w) - 1] for w in words[1:] if w.isdigit()]
        # "a piece of a sentence": that sentence, when it is not among the options
        picked += [sentence_of(spans[rel["doc"]], text.index(q)) for q in quoted[::2] if q]
        done[key_of(rel)] = {**{k: rel[k] for k in KEY}, "how": how,
                             "evidence": [quote(text, spans[rel["doc"]][i]) for i in picked]}
        counts[how] += 1
    write(part, rels, done)
    print(f"{part}: applied {dict(counts)}; {len(done)} relations with evidence")


def load(docs: set[str] | None = None) -> dict[tuple[str, str, str, str], list[tuple[int, int]]]:
    """Relation key -> the character spans of its evidence sentences in its document."""
    out = {}
    for path in sorted(EVIDENCE.glob("*.jsonl")):
        for row in read_jsonl(path):
            if docs is not None and row["doc"] not in docs:
                continue
            text = document_text(row["doc"])
            spans = []
            for q in row["evidence"]:
                spans += [(m.start(), m.end()) for m in re.finditer(re.escape(q), text)]
            out[key_of(row)] = spans
    return out


def check() -> int:
    problems = []
    test = set(json.loads((HERE / "splits.json").read_text(encoding="utf-8"))["test"])
    for path in sorted(EVIDENCE.glob("*.jsonl")):
        rels = {key_of(r) for r in read_jsonl(ANNOTATIONS / f"{path.stem}.relations.jsonl")}
        for row in read_jsonl(path):
            text = document_text(row["doc"])
            problems += [f"{path.name}: {key_of(row)} is no annotated relation"] * \
                (key_of(row) not in rels)
            problems += [f"{path.name}: {row['doc']} is a test document"] * (row["doc"] in test)
            problems += [f"{path.name}: {row['how']!r} is not one of {HOWS}"] * \
                (row["how"] not in HOWS)
            problems += [f"{path.name}: {key_of(row)}: not in the text: {q[:60]!r}"
                         for q in row["evidence"] if q not in text]
    print("\n".join(problems) or "evidence: all rows found")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("review", "apply", "check"))
    parser.add_argument("part", nargs="?")
    parser.add_argument("decisions", nargs="?", type=Path)
    parser.add_argument("--out", type=Path, help="write the review listing here")
    args = parser.parse_args()
    if args.command == "check":
        return check()
    if args.command == "apply":
        apply(args.part, args.decisions)
        return 0
    with open(args.out, "w", encoding="utf-8") if args.out else sys.stdout as out:
        review(args.part, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
