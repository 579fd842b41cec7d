"""Check an annotation file against the corpus it annotates (format, types, verbatim forms).

    python training/check_annotations.py CORPUS_DIR ENTITIES.jsonl [RELATIONS.jsonl]

Every entity needs a type of the six, a name, a list of aliases, and at least one of its
forms written in the document exactly (case and punctuation included), since the training
spans are found by those forms. Every relation needs a known predicate and two ends that are
gold names of the same document. Problems are listed; the exit status is 1 when there are any.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

TYPES = {"MODEL", "ORG", "PROJECT", "METHOD", "DATASET", "METRIC"}
PREDICATES = {"DEVELOPED_BY", "PARTNERS_WITH", "OUTPERFORMS", "COMPARED_WITH", "EVALUATED_ON",
              "BASED_ON", "USES", "HAS_METRIC", "FUNDS"}


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                rows.append({"_error": f"line {number}: not JSON ({exc})"})
    return rows


def check(corpus: Path, entities: Path, relations: Path | None) -> list[str]:
    problems: list[str] = []
    names: dict[str, set[str]] = defaultdict(set)
    for row in read_jsonl(entities):
        if "_error" in row:
            problems.append(row["_error"])
            continue
        doc, kind, name, aliases = (row.get(k) for k in ("doc", "type", "name", "aliases"))
        where = f"{doc}: {kind} {name!r}"
        if not (corpus / str(doc)).is_file():
            problems.append(f"{where}: no such document")
            continue
        if kind not in TYPES:
            problems.append(f"{where}: unknown type")
        if not isinstance(aliases, list):
            problems.append(f"{where}: aliases is not a list")
            aliases = []
        text = (corpus / doc).read_text(encoding="utf-8")
        if not any(form and form in text for form in [name, *aliases]):
            problems.append(f"{where}: none of its forms is written in the document")
        if name in names[doc]:
            problems.append(f"{where}: annotated twice")
        names[doc].add(name)
    if relations is not None:
        for row in read_jsonl(relations):
            if "_error" in row:
                problems.append(row["_error"])
                continue
            doc = row.get("doc")
            where = f"{doc}: {row.get('source')!r} {row.get('predicate')} {row.get('target')!r}"
            if row.get("predicate") not in PREDICATES:
                problems.append(f"{where}: unknown predicate")
            for end in ("source", "target"):
                if row.get(end) not in names.get(doc, ()):
                    problems.append(f"{where}: {end} is not an entity name of this document")
    return problems


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    relations_file = Path(sys.argv[3]) if len(sys.argv) == 4 else None
    found = check(Path(sys.argv[1]), Path(sys.argv[2]), relations_file)
    print("\n".join(found) or "OK")
    sys.exit(1 if found else 0)
