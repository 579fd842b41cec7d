"""Score a graph's entities against gold annotations (precision, recall, F1 per type).

Gold is JSONL, one entity per line: ``{"doc": "a.txt", "type": "MODEL", "name": "Claude
Opus 3", "aliases": ["Opus 3"]}``. Per document, a node counts as a prediction when its
``documents`` hold the document and its type is scored. A prediction matches a gold entity
of the same document and type when a normalised form of its label or an alias equals a
normalised form of the gold name or alias (casefold, no leading article, no punctuation,
hyphens as spaces); a METRIC also matches on a shared number token ("17%", "1M", "159").
Each gold entity and each prediction is matched at most once.
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
from graph.taxonomy import SCORED_TYPES

_NUMBER = re.compile(r"~?\d[\d,]*(?:\.\d+)?\s*(?:%|[kmb]\b|mg\b|th\b)?", re.I)


def match_form(text: str) -> str:
    """The normalised form two names must share to match."""
    text = text.casefold().strip()
    text = strip_article(text)
    text = re.sub(r"[^\w%.\s-]", " ", text).replace("-", " ")
    return re.sub(r"\s+", " ", text).strip(" .")


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
        return {f for f in (match_form(x) for x in (self.name, *self.aliases)) if f}

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


@dataclass
class Evaluation:
    types: dict[str, Counts]
    missed: list[Item] = field(default_factory=list)
    spurious: list[Item] = field(default_factory=list)

    @property
    def overall(self) -> Counts:
        return Counts(*(sum(getattr(c, k) for c in self.types.values())
                        for k in ("tp", "predicted", "gold")))

    def as_dict(self) -> dict:
        # As the shared scorer: a type with neither gold nor predictions is left out.
        return {"types": {t: c.as_dict() for t, c in self.types.items() if c.gold or c.predicted},
                "all": self.overall.as_dict(),
                "missed": [f"{i.doc}: {i.type} {i.name}" for i in self.missed],
                "spurious": [f"{i.doc}: {i.type} {i.name}" for i in self.spurious]}


def load_gold(path) -> list[Item]:
    """Read gold annotations. Raises :class:`GoldError` with the file and line."""
    items = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(messages.GOLD_UNREADABLE.format(path=path, error=exc)) from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            items.append(_gold_item(json.loads(line)))
        except (ValueError, KeyError, AttributeError, TypeError, RecursionError) as exc:
            raise GoldError(messages.GOLD_UNREADABLE.format(
                path=path, error=f"line {number}: {exc!r}")) from exc
    return items


def _gold_item(g) -> Item:
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


def format_report(result: Evaluation) -> str:
    lines = [f"missed    {i.doc}: {i.type} {i.name}" for i in result.missed]
    lines += [f"spurious  {i.doc}: {i.type} {i.name}" for i in result.spurious]
    if lines:
        lines.append("")
    lines.append(f"{'type':8} {'P':>6} {'R':>6} {'F1':>6}   tp/pred/gold")
    for t, c in [*result.types.items(), ("ALL", result.overall)]:
        lines.append(f"{t:8} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}   "
                     f"{c.tp}/{c.predicted}/{c.gold}")
    return "\n".join(lines)
