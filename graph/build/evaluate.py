"""Score a graph's entities and typed relations against gold (precision, recall, F1).

Gold is JSONL, one entity per line: ``{"doc": "a.txt", "type": "MODEL", "name": "Claude
Opus 3", "aliases": ["Opus 3"]}``. Per document, a node counts as a prediction when its
``documents`` hold the document and its type is scored. A prediction matches a gold entity
of the same document and type when a normalised form of its label or an alias equals a
normalised form of the gold name or alias (casefold, no leading article, no punctuation,
hyphens as spaces); a METRIC also matches on a shared number token ("17%", "1M", "159").
Each gold entity and each prediction is matched at most once.

Relation gold is JSONL too, one relation per line: ``{"doc": "a.txt", "source": "Zephyr-7B",
"predicate": "OUTPERFORMS", "target": "Llama 2 Chat 70B"}`` (``../shared/eval/GUIDELINES.md``,
"Relations"). An edge with a predicate belongs to every document its ``evidence`` names; it
matches a gold relation of such a document when the predicate is equal and its ends match the
gold ends: a form of the node's label or an alias equals a form of the gold entity's name or
alias (the entity gold of that document, by name; a name not in it stands for itself; types are
not compared). Symmetric predicates match in either direction. Greedily, gold relations in file
order, each taking the first free edge in the graph's order; each gold relation and each
edge-in-a-document is matched at most once. Only documents with gold relations are scored.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graph import messages
from graph.errors import GoldError
from graph.names import strip_article
from graph.schema import PREDICATES, SYMMETRIC_PREDICATES
from graph.taxonomy import SCORED_TYPES

_NUMBER = re.compile(r"~?\d[\d,]*(?:\.\d+)?\s*(?:%|[kmb]\b|mg\b|th\b)?", re.I)


def match_form(text: str) -> str:
    """The normalised form two names must share to match."""
    text = text.casefold().strip()
    text = strip_article(text)
    text = re.sub(r"[^\w%.\s-]", " ", text).replace("-", " ")
    return re.sub(r"\s+", " ", text).strip(" .")


def name_forms(name: str, aliases=()) -> set[str]:
    """The non-empty normalised forms of a name and its aliases: what names match on."""
    return {f for f in (match_form(x) for x in (name, *aliases)) if f}


def number_tokens(text: str) -> set[str]:
    return {re.sub(r"[\s,~]", "", m.group(0)).lower() for m in _NUMBER.finditer(text)}


@dataclass(frozen=True)
class Item:
    doc: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def forms(self) -> set[str]:
        return name_forms(self.name, self.aliases)

    @property
    def numbers(self) -> set[str]:
        return set().union(*(number_tokens(x) for x in (self.name, *self.aliases)))

    def matches(self, other: Item) -> bool:
        if self.type != other.type:
            return False
        if self.forms & other.forms:
            return True
        return self.type == "METRIC" and bool(self.numbers & other.numbers)


@dataclass
class Counts:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "tp": self.tp, "pred": self.predicted,
                "gold": self.gold}


def total(counts) -> Counts:
    """The sum of several :class:`Counts` (the ALL line)."""
    counts = list(counts)
    return Counts(*(sum(getattr(c, k) for c in counts) for k in ("tp", "predicted", "gold")))


@dataclass
class Evaluation:
    types: dict[str, Counts]
    missed: list[Item] = field(default_factory=list)
    spurious: list[Item] = field(default_factory=list)

    @property
    def overall(self) -> Counts:
        return total(self.types.values())

    def as_dict(self) -> dict:
        # As the shared scorer: a type with neither gold nor predictions is left out.
        return {"types": {t: c.as_dict() for t, c in self.types.items() if c.gold or c.predicted},
                "all": self.overall.as_dict(),
                "missed": [f"{i.doc}: {i.type} {i.name}" for i in self.missed],
                "spurious": [f"{i.doc}: {i.type} {i.name}" for i in self.spurious]}


def _read_jsonl(path, parse) -> list:
    """``parse`` of every non-blank line of a JSONL gold file, in file order.

    Raises :class:`GoldError` naming the file, and the line and what is wrong with it.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(messages.GOLD_UNREADABLE.format(path=path, error=exc)) from exc
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(parse(_json_object(line)))
        except (ValueError, KeyError, AttributeError, TypeError, RecursionError) as exc:
            problem = (messages.GOLD_MISSING_FIELD.format(field=exc.args[0])
                       if isinstance(exc, KeyError) else exc)
            raise GoldError(messages.GOLD_UNREADABLE.format(
                path=path, error=messages.GOLD_LINE.format(number=number, problem=problem))
            ) from exc
    return out


def _json_object(line: str) -> dict:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise ValueError(messages.GOLD_NOT_JSON.format(error=exc)) from exc
    if not isinstance(record, dict):
        raise TypeError(messages.GOLD_NOT_OBJECT)
    return record


def load_gold(path) -> list[Item]:
    """Read gold annotations. Raises :class:`GoldError` with the file and line."""
    return _read_jsonl(path, _gold_item)


def _gold_item(g: dict) -> Item:
    """One gold line as an :class:`Item`; a value of the wrong kind is a ``TypeError`` now,
    not a crash in the middle of scoring."""
    doc, etype, name, aliases = g["doc"], g["type"], g["name"], g.get("aliases", [])
    if not all(isinstance(x, str) for x in (doc, etype, name)):
        raise TypeError("doc, type and name must be strings")
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise TypeError("aliases must be a list of strings")
    return Item(_doc_name(doc), etype.upper(), name, tuple(aliases))


def _doc_name(doc: str) -> str:
    return doc.replace("\\", "/").rsplit("/", 1)[-1]


def predictions(graph: nx.MultiDiGraph, docs: set[str]) -> dict[str, list[Item]]:
    """The graph's scored entities per gold document."""
    out: dict[str, list[Item]] = defaultdict(list)
    for n, data in graph.nodes(data=True):
        etype = str(data.get("type", "")).upper()
        if etype not in SCORED_TYPES:
            continue
        for doc in data.get("documents", []):
            name = _doc_name(doc)
            if name in docs:
                out[name].append(Item(name, etype, data.get("label", n),
                                      tuple(data.get("aliases", []))))
    return out


def score_graph(graph: nx.MultiDiGraph, gold: list[Item]) -> Evaluation:
    """Precision, recall and F1 of ``graph``'s entities against ``gold``, per type."""
    result = Evaluation({t: Counts() for t in SCORED_TYPES})
    by_doc: dict[str, list[Item]] = defaultdict(list)
    for g in gold:
        by_doc[g.doc].append(g)
    preds = predictions(graph, set(by_doc))
    for doc, golds in by_doc.items():
        free = list(preds.get(doc, []))
        for p in free:
            result.types[p.type].predicted += 1
        for g in golds:
            if g.type not in result.types:
                continue
            result.types[g.type].gold += 1
            hit = next((p for p in free if g.matches(p)), None)
            if hit is None:
                result.missed.append(g)
            else:
                free.remove(hit)
                result.types[g.type].tp += 1
        result.spurious.extend(free)
    return result


def _report(missed: list[str], spurious: list[str], head: str, rows: dict[str, Counts],
            overall: Counts, width: int) -> str:
    """The missed and spurious lines, then one "P R F1 tp/pred/gold" line per row and ALL."""
    lines = [f"missed    {m}" for m in missed] + [f"spurious  {s}" for s in spurious]
    if lines:
        lines.append("")
    lines.append(f"{head:{width}} {'P':>6} {'R':>6} {'F1':>6}   tp/pred/gold")
    for name, c in [*rows.items(), ("ALL", overall)]:
        lines.append(f"{name:{width}} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}   "
                     f"{c.tp}/{c.predicted}/{c.gold}")
    return "\n".join(lines)


def format_report(result: Evaluation) -> str:
    return _report([f"{i.doc}: {i.type} {i.name}" for i in result.missed],
                   [f"{i.doc}: {i.type} {i.name}" for i in result.spurious],
                   "type", result.types, result.overall, 8)


# -- relations ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Relation:
    """A gold relation, or a scored edge in one of its documents (ends by label)."""

    doc: str
    source: str
    predicate: str
    target: str

    def __str__(self) -> str:
        return f"{self.doc}: {self.source} {self.predicate} {self.target}"


@dataclass
class RelationEvaluation:
    predicates: dict[str, Counts]
    missed: list[Relation] = field(default_factory=list)
    spurious: list[Relation] = field(default_factory=list)

    @property
    def overall(self) -> Counts:
        return total(self.predicates.values())

    def as_dict(self) -> dict:
        # As the shared scorer: every predicate, with or without gold and predictions.
        return {"predicates": {p: c.as_dict() for p, c in self.predicates.items()},
                "all": self.overall.as_dict(),
                "missed": [str(r) for r in self.missed],
                "spurious": [str(r) for r in self.spurious]}


def load_relation_gold(path) -> list[Relation]:
    """Read gold relations (JSONL: doc, source, predicate, target). Raises :class:`GoldError`
    with the file and line for a line of the wrong shape or an unknown predicate."""
    return _read_jsonl(path, _gold_relation)


def _gold_relation(r: dict) -> Relation:
    doc, source, predicate, target = r["doc"], r["source"], r["predicate"], r["target"]
    if not all(isinstance(x, str) for x in (doc, source, predicate, target)):
        raise TypeError(messages.GOLD_RELATION_STRINGS)
    if predicate.strip().upper() not in PREDICATES:
        raise ValueError(messages.GOLD_PREDICATE.format(predicate=predicate,
                                                        predicates=", ".join(PREDICATES)))
    return Relation(_doc_name(doc), source, predicate.strip().upper(), target)


def _as_list(value) -> list[str]:
    """A list attribute as a list of strings; a string is read as the shared scorer reads a
    GraphML value (a JSON array, else one item)."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            return [value]
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


def _evidence_docs(value) -> set[str]:
    """The documents an edge's evidence names (base names)."""
    if isinstance(value, str):
        try:
            value = json.loads(value or "[]")
        except (ValueError, RecursionError):
            value = []
    items = value if isinstance(value, list | tuple) else []
    return {_doc_name(str(ev.get("doc", ""))) for ev in items if isinstance(ev, dict)}


@dataclass(frozen=True)
class _Edge:
    predicate: str
    docs: frozenset[str]
    source: str
    target: str
    source_forms: frozenset[str]
    target_forms: frozenset[str]


def _scored_edges(graph: nx.MultiDiGraph) -> list[_Edge]:
    """The graph's edges with a known predicate, in the graph's order."""
    edges = []
    for u, v, data in graph.edges(data=True):
        predicate = str(data.get("predicate") or "").strip().upper()
        if predicate not in PREDICATES:
            continue
        ends = []
        for n in (u, v):
            node = graph.nodes[n]
            label = str(node.get("label") or n)
            ends.append((label, frozenset(name_forms(label, _as_list(node.get("aliases"))))))
        (source, sforms), (target, tforms) = ends
        edges.append(_Edge(predicate, frozenset(_evidence_docs(data.get("evidence"))),
                           source, target, sforms, tforms))
    return edges


def _matches(edge: _Edge, predicate: str, source: set[str], target: set[str]) -> bool:
    if edge.predicate != predicate:
        return False
    if edge.source_forms & source and edge.target_forms & target:
        return True
    return predicate in SYMMETRIC_PREDICATES and bool(edge.source_forms & target
                                                      and edge.target_forms & source)


def score_relations(graph: nx.MultiDiGraph, gold: list[Relation],
                    entities: list[Item]) -> RelationEvaluation:
    """Precision, recall and F1 of ``graph``'s typed edges against ``gold``, per predicate.

    ``entities`` is the entity gold: a relation's ends are the entities of its document of
    those names (their aliases count), as ``../shared/eval/score_relations.py`` reads them.
    """
    forms_of = {(e.doc, e.name): e.forms for e in entities}  # a repeated name: the last one
    result = RelationEvaluation({p: Counts() for p in PREDICATES})
    by_doc: dict[str, list[Relation]] = defaultdict(list)
    for r in gold:
        by_doc[r.doc].append(r)
    edges = _scored_edges(graph)
    for doc, golds in by_doc.items():
        free = [e for e in edges if doc in e.docs]
        for e in free:
            result.predicates[e.predicate].predicted += 1
        for r in golds:
            result.predicates[r.predicate].gold += 1
            source = forms_of.get((doc, r.source), name_forms(r.source))
            target = forms_of.get((doc, r.target), name_forms(r.target))
            hit = next((i for i, e in enumerate(free)
                        if _matches(e, r.predicate, source, target)), None)
            if hit is None:
                result.missed.append(r)
            else:
                del free[hit]
                result.predicates[r.predicate].tp += 1
        result.spurious.extend(Relation(doc, e.source, e.predicate, e.target) for e in free)
    return result


def format_relation_report(result: RelationEvaluation) -> str:
    return _report([str(r) for r in result.missed], [str(r) for r in result.spurious],
                   "predicate", result.predicates, result.overall, 13)
