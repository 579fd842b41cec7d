"""Train the relation classifier from the committed relation annotations; ship it.

    .venv/bin/python training/train_relations.py [--report]     (``make train`` runs it)

1. The ``train`` and ``dev`` documents of ``training/splits.json`` (pages of
   ``../shared/corpus/prompt-guide``, and our own announcements in ``training/corpus/``) go
   through Threadline's pipeline; every candidate pair of entities (:mod:`graph.nlp.pairs`)
   gets the label the annotations give it: the predicate linking the gold entities its two
   mentions name, in its direction, or NONE. The pairs are taken twice: between the
   entities the pipeline finds (what the classifier will see) and between the gold
   entities' occurrences (relations whose ends the recogniser misses still teach it). The
   ``test`` documents are never read: they are the stand-in for unseen text
   (``training/score_split.py test --relations``);
2. the margin a predicate must beat NONE by, and the floor for attaching a metric to its
   best partner, are chosen by cross-validation over those documents (K folds by
   document): the best F1 among the settings with precision >= the target, else the best
   F0.5, which counts precision twice (document-level, like the scorer), or the best F1
   among the settings whose F0.5 is within ``near`` of it; a predicate whose guesses by the
   classifier alone lower that F1 is left to the grammar (:func:`grammar_only`);
3. an averaged perceptron learns all of them (:class:`graph.nlp.relation_model.RelationModel`);
4. the model is written to ``resources/model/relations.json`` with the digest of what it
   was built from (annotations, splits, this script's settings) in its ``meta``, which a
   test compares with the committed files.

The relation gold is document-level; its evidence (``annotations/evidence/*.jsonl``,
``training/evidence.py``) says which sentence(s) state a relation. A pair naming a relation's
ends is labelled with its predicate in those sentences only, and in the others NONE
(``EVIDENCE["mode"]``: "none"), or is left out of the training ("drop"); a relation
without evidence keeps the distant labelling: every sentence naming both ends ("off" reads
no evidence at all, as before the evidence was annotated), and so does a pair one end of
which is the author's "we" (``EVIDENCE["author_distant"]``), or of a predicate that holds
wherever its ends meet (``EVIDENCE["distant_predicates"]``: who made a thing). Measured
and not used yet (``training/README.md``): the shipped classifier reads no evidence.

``--report`` prints the cross-validated figures per predicate and writes nothing;
``--evidence MODE`` overrides the setting, ``--out FILE`` writes the model elsewhere
(experiments: score it with ``THREADLINE_DATA``, ``score_split.py``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

MODEL_FILE = ROOT / "resources" / "model" / "relations.json"
TYPES = ("MODEL", "ORG", "PROJECT", "METHOD", "DATASET", "METRIC")
SETTINGS = {"epochs": 12, "seed": 0, "folds": 5, "target_precision": 0.75, "near": 0.02,
            "margins": [0, 5, 10, 20, 30, 45, 60, 80],
            "metric_floors": [None, -20, -10, -5, 0, 5, 10]}
# How the sentence-level evidence labels the pairs (:func:`label_of`); "off" reads none: the
# shipped classifier, as measured in training/README.md ("Relation evidence")
EVIDENCE = {"mode": "off", "author_distant": True, "distant_predicates": ["DEVELOPED_BY"]}


def annotation_files() -> list[Path]:
    return sorted((HERE / "annotations").glob("*.relations.jsonl"))


def digest_files() -> list[Path]:
    """What the classifier is built from: the annotations (entities, relations, and the
    relations' evidence when ``EVIDENCE`` reads it), our own documents, the splits."""
    own = sorted(p for p in (HERE / "corpus").rglob("*") if p.is_file())
    annotations = HERE / "annotations"
    evidence = sorted((annotations / "evidence").glob("*.jsonl"))
    evidence = [] if EVIDENCE["mode"] == "off" else evidence
    return [*sorted(annotations.glob("*.jsonl")), *evidence, *own, HERE / "splits.json"]


def training_digest() -> str:
    """SHA-256 over the settings (and ``EVIDENCE`` when on) and :func:`digest_files`, line
    ends normalised."""
    digest = hashlib.sha256(json.dumps(SETTINGS, sort_keys=True).encode())
    if EVIDENCE["mode"] != "off":
        digest.update(json.dumps(EVIDENCE, sort_keys=True).encode())
    for path in digest_files():
        digest.update(path.relative_to(HERE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()


def read_jsonl(paths) -> list[dict]:
    rows = []
    for path in paths:
        rows += [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return rows


def gold_tables(docs: set[str]):
    """Per document: the gold entities, normalised name form -> gold names, and the gold
    relations."""
    from graph.build.evaluate import match_form

    entities: dict[str, list[dict]] = defaultdict(list)
    names: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    entity_files = [p.with_name(p.name.replace(".relations", "")) for p in annotation_files()]
    for g in read_jsonl(entity_files):
        if g["doc"] in docs:
            entities[g["doc"]].append(g)
            for form in {match_form(x) for x in (g["name"], *g.get("aliases", []))}:
                names[g["doc"]][form].add(g["name"])
    relations: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for r in read_jsonl(annotation_files()):
        if r["doc"] in docs:
            relations[r["doc"]].add((r["source"], r["predicate"], r["target"]))
    return entities, names, relations


def labels_of(a_names: set[str], b_names: set[str], gold: set[tuple[str, str, str]]
              ) -> list[tuple[str, tuple[str, str, str]]]:
    """Each gold relation linking the pair's ends, as a label of the pair, in a fixed order."""
    from graph.schema import SYMMETRIC_PREDICATES

    found = []
    for source, predicate, target in sorted(gold):
        if source in a_names and target in b_names:
            found.append((predicate, (source, predicate, target)))
        elif source in b_names and target in a_names:
            backward = predicate if predicate in SYMMETRIC_PREDICATES else f"{predicate}<"
            found.append((backward, (source, predicate, target)))
    return found


def label_of(c, doc: str, a_names: set[str], b_names: set[str], gold, evidence) -> str | None:
    """The pair's label: the first relation linking its ends whose evidence covers the
    pair's sentence, or that has no evidence (distant); else NONE, or ``None`` (left out of
    the training) when relations link its ends elsewhere and ``EVIDENCE["mode"]`` is
    "drop"."""
    from graph.nlp.relation_model import NONE

    found = labels_of(a_names, b_names, gold)
    # an end that is the author's "we" keeps the distant label: what the author made is its
    # own in every sentence where "we" names it ("With Claude Opus 3, we're doing both")
    author = EVIDENCE["author_distant"] and ("a=we" in c.features or "b=we" in c.features)
    for label, key in found:
        distant = author or key[1] in EVIDENCE["distant_predicates"]
        spans = None if distant else evidence.get((doc, *key))
        if spans is None or any(s < c.sentence[1] and c.sentence[0] < e for s, e in spans):
            return label
    return None if found and EVIDENCE["mode"] == "drop" else NONE


def document_text(name: str) -> str:
    """A document's text as Threadline reads it."""
    from make_data import document_path

    from graph.ingest.readers import read_document

    return read_document(document_path(name), name)[0].text


def document_examples(nlp, docs: list[str], entities: dict[str, list[dict]] | None = None
                      ) -> dict[str, list[tuple]]:
    """Per document: ``(candidate, a text, b text)`` for every candidate pair.

    The pairs are those of the entities the pipeline finds; with ``entities`` (the gold
    entities by document) they are those of the gold entities' verbatim occurrences
    instead, so the classifier also learns from relations whose ends the recogniser misses.
    """
    from make_data import occurrences

    from graph.nlp.authors import author_mentions
    from graph.nlp.discourse import document_candidates
    from graph.nlp.extract import chunk_text
    from graph.nlp.reading import as_read, compacted
    from graph.nlp.relations import WE_WORDS

    out: dict[str, list[tuple]] = {}
    for name in docs:
        text = compacted(document_text(name))[0]  # as the product reads it (graph.nlp.reading)
        topic, candidates, authors = None, [], {}
        for offset, chunk in chunk_text(text, 10_000):
            doc = nlp(as_read(chunk))
            authors |= {k: v.text for k, v in author_mentions(doc).items()}
            if entities is not None:
                spans = [doc.char_span(s, e, label=label) for s, e, label in
                         occurrences(chunk, entities.get(name, []), TYPES)]
                doc.ents = [s for s in spans if s is not None]
            found, topic = document_candidates(doc, offset, topic)
            candidates += found
        # "we" is the author when the text names exactly one, as in the product
        author = next(iter(authors.values())) if len(authors) == 1 else None

        ends = [[author if text[s:e].lower() in WE_WORDS else text[s:e] for s, e in (c.a, c.b)]
                for c in candidates]
        out[name] = [(c, a, b) for c, (a, b) in zip(candidates, ends, strict=True) if a and b]
    return out


def labelled(examples: dict[str, list[tuple]], names, relations, evidence) -> list[tuple]:
    """Rows ``(features, a type, b type, label, doc, a names, b names, candidate)``; the
    label is ``None`` for a pair left out of the training (:func:`label_of`)."""
    from graph.build.evaluate import match_form

    rows = []
    for doc, found in examples.items():
        for c, a_text, b_text in found:
            a_names = names[doc].get(match_form(a_text), set())
            b_names = names[doc].get(match_form(b_text), set())
            label = label_of(c, doc, a_names, b_names, relations[doc], evidence)
            rows.append((c.features, c.a_type, c.b_type, label, doc, a_names, b_names, c))
    return rows


def _canonical(source: str, predicate: str, target: str) -> tuple[str, str, str]:
    from graph.schema import SYMMETRIC_PREDICATES

    if predicate in SYMMETRIC_PREDICATES and target < source:
        source, target = target, source
    return source, predicate, target


def document_scores(model, rows: list[tuple], relations) -> dict:
    """Document-level P/R/F1 of the predicted relations between gold-named ends."""
    predicted: dict[str, set] = defaultdict(set)
    by_doc: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        by_doc[row[4]].append(row)
    for doc, doc_rows in by_doc.items():
        names_of = {id(r[7]): (r[5], r[6]) for r in doc_rows}
        for c, label in model.decide([r[7] for r in doc_rows]):
            a_names, b_names = names_of[id(c)]
            predicate = label.rstrip("<")
            a = min(a_names) if a_names else f"?{c.a}"
            b = min(b_names) if b_names else f"?{c.b}"
            source, target = (b, a) if label.endswith("<") else (a, b)
            predicted[doc].add(_canonical(source, predicate, target))
    tp = pred = gold = 0
    per: dict[str, Counter] = defaultdict(Counter)
    for doc in by_doc:
        want = {_canonical(*r) for r in relations[doc]}
        got = predicted[doc]
        tp += len(got & want)
        pred += len(got)
        gold += len(want)
        for s, p, t in got:
            per[p]["pred"] += 1
            per[p]["tp"] += (s, p, t) in want
        for _s, p, _t in want:
            per[p]["gold"] += 1
    precision = tp / pred if pred else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return {"p": precision, "r": recall, "f1": f1, "tp": tp, "pred": pred, "gold": gold,
            "per": {k: dict(v) for k, v in per.items()}}


def cross_validate(rows_by_doc: dict[str, list[tuple]], gold_rows: dict[str, list[tuple]],
                   relations) -> tuple[float, float | None, list[str], dict, dict]:
    """The (margin, metric floor) with the best F1 at the target precision over K folds,
    the predicates left to the grammar (:func:`grammar_only`), the scores, and the counts
    per predicate.

    Each fold trains on the other folds' pairs of both kinds (found and gold entities) and
    is scored on its own found entities' pairs, as the product will run.
    """
    import random

    from graph.nlp.relation_model import RelationModel

    docs = sorted(rows_by_doc)
    random.Random(SETTINGS["seed"]).shuffle(docs)
    k = SETTINGS["folds"]
    totals: dict[tuple, Counter] = defaultdict(Counter)
    per: dict[tuple, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    folds = []
    for fold in range(k):
        held = set(docs[fold::k])
        train = [r[:4] for d in docs if d not in held
                 for r in (*rows_by_doc[d], *gold_rows[d]) if r[3] is not None]
        test = [r for d in held for r in rows_by_doc[d]]
        model = RelationModel.train(train, epochs=SETTINGS["epochs"], seed=SETTINGS["seed"])
        folds.append((model, test))
        for margin in SETTINGS["margins"]:
            for floor in SETTINGS["metric_floors"]:
                model.margin, model.metric_floor = margin, floor
                s = document_scores(model, test, relations)
                totals[(margin, floor)].update({k: s[k] for k in ("tp", "pred", "gold")})
                for predicate, counts in s["per"].items():
                    per[(margin, floor)][predicate].update(counts)
    rows = []
    for (margin, floor), c in totals.items():
        p, r, f1 = _prf(c)
        # F0.5 (precision counts twice) when no setting reaches the target precision
        f_half = 1.25 * p * r / (0.25 * p + r) if c["tp"] else 0.0
        ok = p >= SETTINGS["target_precision"]
        rows.append(((ok, f1 if ok else f_half), f1, margin, floor,
                     {"p": round(p, 3), "r": round(r, 3), "f1": round(f1, 3)}))
    # F0.5 is nearly flat over a range of margins (precision bought with recall): among the
    # settings within ``near`` of the best, the best F1
    top = max(rows, key=lambda row: row[0])[0]
    near = [row for row in rows if row[0][0] == top[0] and row[0][1] >= top[1] - SETTINGS["near"]]
    _, _, margin, floor, scores = max(near, key=lambda row: (row[1], -row[2]))
    only = grammar_only(folds, relations, margin, floor)
    if only:
        scores, per_predicate = _fold_scores(folds, relations, margin, floor, only)
        return margin, floor, only, scores, per_predicate
    return margin, floor, only, scores, per[(margin, floor)]


def _fold_scores(folds: list[tuple], relations, margin: float, floor: float | None,
                 only: Iterable[str]) -> tuple[dict, dict[str, Counter]]:
    """Cross-validated P/R/F1 at one setting, and the counts per predicate."""
    total, per = Counter(), defaultdict(Counter)
    for model, test in folds:
        model.margin, model.metric_floor, model.grammar_only = margin, floor, frozenset(only)
        s = document_scores(model, test, relations)
        total.update({k: s[k] for k in ("tp", "pred", "gold")})
        for predicate, counts in s["per"].items():
            per[predicate].update(counts)
        model.grammar_only = frozenset()
    p, r, f1 = _prf(total)
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f1, 3)}, per


def _prf(c: Counter) -> tuple[float, float, float]:
    """Precision, recall and F1 of tp/pred/gold counts."""
    p = c["tp"] / c["pred"] if c["pred"] else 0.0
    r = c["tp"] / c["gold"] if c["gold"] else 0.0
    return p, r, (2 * p * r / (p + r) if c["tp"] else 0.0)


def grammar_only(folds: list[tuple], relations, margin: float, floor: float | None
                 ) -> list[str]:
    """The predicates between two named entities (not HAS_METRIC, whose figure's owner the
    grammar and the scores decide together) for which the classifier's own guesses cost more
    than they bring: leaving them to the grammar raises the cross-validated F1."""
    from graph.schema import PREDICATES

    base = _fold_scores(folds, relations, margin, floor, ())[0]["f1"]
    return [p for p in PREDICATES if p != "HAS_METRIC" and
            _fold_scores(folds, relations, margin, floor, (p,))[0]["f1"] > base]


def print_report(per: dict[str, Counter]) -> None:
    """P/R/F1 per predicate (document-level, cross-validated)."""
    for predicate, c in sorted(per.items()):
        p, r, f1 = _prf(c)
        print(f"  {predicate:14} P={p:.3f} R={r:.3f} F1={f1:.3f} "
              f"(tp {c['tp']}, predicted {c['pred']}, gold {c['gold']})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true",
                        help="print the cross-validated figures per predicate; write nothing")
    parser.add_argument("--evidence", choices=("none", "drop", "off"),
                        help="override EVIDENCE['mode'] (experiments)")
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="write the model here")
    args = parser.parse_args()
    from evidence import load as load_evidence

    from graph.nlp.pipeline import shared_pipeline
    from graph.nlp.relation_model import RelationModel

    started = time.perf_counter()
    EVIDENCE["mode"] = args.evidence or EVIDENCE["mode"]
    splits = json.loads((HERE / "splits.json").read_text(encoding="utf-8"))
    nlp, _info = shared_pipeline()
    docs = splits["train"] + splits["dev"]
    entities, names, relations = gold_tables(set(docs))
    evidence = {} if EVIDENCE["mode"] == "off" else load_evidence(set(docs))
    examples = document_examples(nlp, docs)
    rows_by_doc = {d: labelled({d: examples[d]}, names, relations, evidence) for d in docs}
    gold_examples = document_examples(nlp, docs, entities)
    gold_rows = {d: labelled({d: gold_examples[d]}, names, relations, evidence) for d in docs}
    rows = [r for d in docs for r in (*rows_by_doc[d], *gold_rows[d])]
    related = sum(r[3] not in ("NONE", None) for r in rows)
    print(f"{len(docs)} documents, {len(rows)} candidate pairs (of found and of gold "
          f"entities), {related} related, {sum(r[3] is None for r in rows)} left out; "
          f"evidence {EVIDENCE['mode']!r} for {len(evidence)} relations "
          f"({time.perf_counter() - started:.0f} s)")
    margin, floor, only, scores, per = cross_validate(rows_by_doc, gold_rows, relations)
    print(f"cross-validated: margin {margin}, metric floor {floor}, left to the grammar "
          f"{only}: P={scores['p']:.3f} R={scores['r']:.3f} F1={scores['f1']:.3f}")
    if args.report:
        print_report(per)
        return 0
    model = RelationModel.train([r[:4] for r in rows if r[3] is not None],
                                epochs=SETTINGS["epochs"], seed=SETTINGS["seed"])
    model.margin, model.metric_floor, model.grammar_only = margin, floor, frozenset(only)
    settings = SETTINGS if EVIDENCE["mode"] == "off" else {**SETTINGS, "evidence": EVIDENCE}
    model.meta = {"threadline_training": {"digest": training_digest(), "settings": settings,
                                          "cross_validated": scores}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.1f} MB, {len(model.weights)} features)"
          f" in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
