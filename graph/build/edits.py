"""The user's corrections of the graph, recorded so they survive every re-extraction.

An :class:`Edit` names entities by stable keys, a type and a surface form
(:class:`EntityRef`: the label or any alias), never by row or node ids, so the same edit
finds the same entity in a graph rebuilt from changed documents. :func:`apply_edits` replays
an edit log over a freshly assembled graph, in order; an edit whose entities are gone (the
document that named them was removed) is skipped and reported, not an error. Every node an
edit touched carries a ``curated`` attribute saying what was done to it (the exports keep
it); a relation added by hand carries ``curated`` too.

The log itself lives in the workspace (:mod:`graph.store.workspace`); the window pushes each
edit through its undo stack.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

import networkx as nx

from graph.ingest.documents import Document
from graph.schema import (
    COOCCURRENCE,
    COOCCURS_WITH,
    DEPENDENCY,
    PREDICATES,
    SYMMETRIC_PREDICATES,
    UNDIRECTED_PREDICATES,
    Occurrence,
    edge_key,
    node_id,
)
from graph.taxonomy import predicates

MERGE, SPLIT, RENAME, RETYPE, DELETE = "merge", "split", "rename", "retype", "delete"
ADD_ALIAS, REJECT_MERGE = "add_alias", "reject_merge"
ADD_RELATION, DELETE_RELATION = "add_relation", "delete_relation"
KINDS = (MERGE, SPLIT, RENAME, RETYPE, DELETE, ADD_ALIAS, REJECT_MERGE, ADD_RELATION,
         DELETE_RELATION)
HAND_ADDED = "added by hand"


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity by its type and one of its names (label or alias, any case)."""

    type: str
    form: str

    @classmethod
    def of(cls, graph: nx.MultiDiGraph, nid: str) -> EntityRef:
        """The stable key of node ``nid`` (its type and label)."""
        data = graph.nodes[nid]
        return cls(str(data["type"]), str(data["label"]))


@dataclass(frozen=True, slots=True)
class Edit:
    """One correction. ``target`` is the entity edited; the meaning of the rest by kind:

    - merge: ``other`` is merged into ``target`` (which keeps its name);
    - split: ``value`` is the alias whose mentions become an entity of their own;
    - rename / retype / add_alias: ``value`` is the new label / type / alias;
    - delete: nothing else; reject_merge: ``other`` is the pair's other entity;
    - add_relation / delete_relation: ``target -value-> other``, ``value`` a predicate
      (``""`` with delete_relation: the co-occurrence edge).
    """

    kind: str
    target: EntityRef
    other: EntityRef | None = None
    value: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown edit {self.kind!r}")

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)  # ASCII: any text survives SQLite

    @classmethod
    def from_json(cls, text: str) -> Edit:
        data = json.loads(text)
        other = data.get("other")
        return cls(str(data["kind"]), EntityRef(**data["target"]),
                   EntityRef(**other) if other else None, str(data.get("value", "")))

    def describe(self) -> str:
        """What the edit does, in words (for the Edits list and the undo menu)."""
        name, other = f"\u201c{self.target.form}\u201d", \
            f"\u201c{self.other.form}\u201d" if self.other else ""
        phrase = predicates().get(self.value)
        return {
            MERGE: f"Merge {other} into {name}",
            SPLIT: f"Split \u201c{self.value}\u201d off {name}",
            RENAME: f"Rename {name} to \u201c{self.value}\u201d",
            RETYPE: f"Make {name} a {self.value}",
            DELETE: f"Delete {name}",
            ADD_ALIAS: f"Add the alias \u201c{self.value}\u201d to {name}",
            REJECT_MERGE: f"Keep {name} and {other} apart",
            ADD_RELATION: f"Add {name} {phrase.phrase if phrase else self.value} {other}",
            DELETE_RELATION: f"Delete the relation {name} "
                             f"{phrase.phrase if phrase else COOCCURS_WITH} {other}",
        }[self.kind]


def read_log(rows: Iterable[tuple[int, str]]) -> list[tuple[int, Edit]]:
    """The edits of a workspace's log (:meth:`graph.store.workspace.Workspace.edits`); an
    entry that cannot be read (damaged, or from a newer version) is left out."""
    found = []
    for edit_id, text in rows:
        try:
            found.append((edit_id, Edit.from_json(text)))
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
    return found


def find(graph: nx.MultiDiGraph, ref: EntityRef) -> str | None:
    """The node ``ref`` names: of its type, with the form as label or alias (the label
    first, then the most mentioned); ``None`` when the graph has none."""
    form = ref.form.casefold()
    best, best_rank = None, None
    for nid, data in graph.nodes(data=True):
        if data.get("type") != ref.type:
            continue
        if str(data.get("label", "")).casefold() == form:
            rank = (0, -int(data.get("mentions", 0)))
        elif any(str(a).casefold() == form for a in data.get("aliases", ())):
            rank = (1, -int(data.get("mentions", 0)))
        else:
            continue
        if best_rank is None or rank < best_rank:
            best, best_rank = nid, rank
    return best


def edit_forms(edits: Iterable[Edit]) -> set[str]:
    """The names of the entities ``edits`` refer to."""
    return {ref.form for edit in edits for ref in (edit.target, edit.other) if ref is not None}


def named_nodes(graph: nx.MultiDiGraph, edits: Iterable[Edit]) -> set[str]:
    """Every node of ``graph`` that an entity of ``edits`` could be (:func:`find`'s
    candidates), in one pass: on just these, the edits find what they would find in the
    whole graph."""
    wanted: dict[str, set[str]] = {}
    for edit in edits:
        for ref in (edit.target, edit.other):
            if ref is not None:
                wanted.setdefault(ref.type, set()).add(ref.form.casefold())
    found = set()
    for nid, data in graph.nodes(data=True):
        forms = wanted.get(data.get("type"))
        if forms is not None and (str(data.get("label", "")).casefold() in forms or any(
                str(a).casefold() in forms for a in data.get("aliases", ()))):
            found.add(nid)
    return found


def apply_edits(graph: nx.MultiDiGraph, edits: Iterable[Edit],
                documents: Mapping[str, Document] | None = None) -> list[Edit]:
    """Apply ``edits`` to ``graph`` in place, in order; returns those that found nothing.

    Parameters
    ----------
    graph
        A graph as :func:`graph.build.assemble.build_graph` makes it.
    edits
        The edit log, oldest first.
    documents
        The documents by id (a split reads its alias's mentions in them).
    """
    skipped = []
    for edit in edits:
        if not apply_edit(graph, edit, documents or {}):
            skipped.append(edit)
    return skipped


def apply_edit(graph: nx.MultiDiGraph, edit: Edit,
               documents: Mapping[str, Document] | None = None) -> bool:
    """Apply one edit in place; ``False`` when an entity it names is not in the graph."""
    target = find(graph, edit.target)
    other = find(graph, edit.other) if edit.other else None
    if target is None or (edit.other is not None and other is None):
        return False
    if edit.kind == REJECT_MERGE:
        return True
    if edit.kind in (ADD_RELATION, DELETE_RELATION):
        return _relation(graph, edit, target, other)
    if edit.kind == MERGE:
        return target != other and _merge(graph, target, other)
    return {
        SPLIT: lambda: _split(graph, target, edit.value, documents or {}),
        RENAME: lambda: _rename(graph, target, edit.value),
        RETYPE: lambda: _retype(graph, target, edit.value),
        DELETE: lambda: _delete(graph, target),
        ADD_ALIAS: lambda: _add_alias(graph, target, edit.value),
    }[edit.kind]()


# -- the edits ---------------------------------------------------------------------------
def _note(graph: nx.MultiDiGraph, nid: str, what: str) -> None:
    data = graph.nodes[nid]
    data["curated"] = "; ".join(filter(None, [data.get("curated", ""), what]))


def _add_alias(graph: nx.MultiDiGraph, nid: str, alias: str) -> bool:
    data = graph.nodes[nid]
    forms = {str(data["label"]).casefold(), *(a.casefold() for a in data["aliases"])}
    if alias.strip() and alias.casefold() not in forms:
        data["aliases"] = sorted([*data["aliases"], alias.strip()], key=str.casefold)
    _note(graph, nid, f"alias \u201c{alias}\u201d added")
    return True


def _rename(graph: nx.MultiDiGraph, nid: str, label: str) -> bool:
    data = graph.nodes[nid]
    old = data["label"]
    if not label.strip():
        return False
    data["label"] = label.strip()
    data["aliases"] = sorted({*(a for a in data["aliases"] if a.casefold() != label.casefold()),
                              *([old] if old.casefold() != label.casefold() else [])},
                             key=str.casefold)
    _note(graph, nid, f"renamed from \u201c{old}\u201d")
    return True


def _retype(graph: nx.MultiDiGraph, nid: str, etype: str) -> bool:
    data = graph.nodes[nid]
    old = data["type"]
    data["type"] = etype
    _note(graph, nid, f"re-typed from {old}")
    new_id = node_id(etype, data["label"])
    if new_id != nid and new_id not in graph:  # ids say the type: keep them honest
        nx.relabel_nodes(graph, {nid: new_id}, copy=False)
    return True


def _delete(graph: nx.MultiDiGraph, nid: str) -> bool:
    graph.remove_node(nid)
    return True


def _merge(graph: nx.MultiDiGraph, keep: str, gone: str) -> bool:
    a, b = graph.nodes[keep], graph.nodes[gone]
    forms = {a["label"].casefold()}
    aliases = []
    for name in [*a["aliases"], b["label"], *b["aliases"]]:
        if name.casefold() not in forms:
            forms.add(name.casefold())
            aliases.append(name)
    a["aliases"] = sorted(aliases, key=str.casefold)
    a["occurrences"] = sorted({*map(Occurrence._make, a["occurrences"]),
                               *map(Occurrence._make, b["occurrences"])})
    a["mentions"] = len(a["occurrences"]) or a["mentions"] + b["mentions"]
    a["documents"] = sorted({*a["documents"], *b["documents"]})
    for u, v, key, data in list(graph.in_edges(gone, keys=True, data=True)) + \
            list(graph.out_edges(gone, keys=True, data=True)):
        _add_or_join(graph, keep if u == gone else u, keep if v == gone else v, key, data)
    graph.remove_node(gone)
    _note(graph, keep, f"merged \u201c{b['label']}\u201d")
    return True


def _add_or_join(graph: nx.MultiDiGraph, u: str, v: str, key: str, data: dict) -> None:
    """Add edge ``u -> v`` (ordered like its kind wants), joining the evidence of an
    existing edge with the same key."""
    if u == v:
        return
    if (data.get("method") == COOCCURRENCE or data.get("predicate") in UNDIRECTED_PREDICATES) \
            and v < u:
        u, v = v, u
    if graph.has_edge(u, v, key):
        old = graph.edges[u, v, key]
        old["evidence"] = old["evidence"] + [e for e in data["evidence"]
                                             if e not in old["evidence"]]
        old["weight"] = float(len(old["evidence"])) or old["weight"]
    else:
        graph.add_edge(u, v, key=key, **{**data, "evidence": list(data["evidence"])})


def _split(graph: nx.MultiDiGraph, nid: str, alias: str,
           documents: Mapping[str, Document]) -> bool:
    """Move the mentions written ``alias`` (and the evidence of their sentences) to a new
    entity of the same type named ``alias``."""
    data = graph.nodes[nid]
    form = alias.casefold()

    def written_as_alias(o: Occurrence) -> bool:
        doc = documents.get(o.doc)
        return doc is not None and doc.text[o.start:o.end].casefold() == form

    occurrences = [Occurrence._make(o) for o in data["occurrences"]]
    moved = [o for o in occurrences if written_as_alias(o)]
    if not moved or len(moved) == len(occurrences) or form == data["label"].casefold():
        return False
    kept = [o for o in occurrences if not written_as_alias(o)]
    new = node_id(data["type"], alias)
    while new in graph:
        new += "-split"
    graph.add_node(new, label=alias, type=data["type"], aliases=[], mentions=len(moved),
                   documents=sorted({o.doc for o in moved}), occurrences=moved,
                   curated=f"split off \u201c{data['label']}\u201d")
    data.update(occurrences=kept, mentions=len(kept),
                documents=sorted({o.doc for o in kept}),
                aliases=[a for a in data["aliases"] if a.casefold() != form])
    _note(graph, nid, f"\u201c{alias}\u201d split off")
    moved_sentences = {(o.doc, o.sent_start) for o in moved} - \
        {(o.doc, o.sent_start) for o in kept}
    _move_evidence(graph, nid, new, moved_sentences)
    return True


def _move_evidence(graph: nx.MultiDiGraph, old: str, new: str,
                   sentences: set[tuple[str, int]]) -> None:
    """Edges of ``old`` whose evidence lies in ``sentences`` move that evidence to ``new``."""
    for u, v, key, data in list(graph.in_edges(old, keys=True, data=True)) + \
            list(graph.out_edges(old, keys=True, data=True)):
        moving = [e for e in data["evidence"] if (e["doc"], e["start"]) in sentences]
        if not moving:
            continue
        staying = [e for e in data["evidence"] if e not in moving]
        _add_or_join(graph, new if u == old else u, new if v == old else v, key,
                     {**data, "evidence": moving, "weight": float(len(moving))})
        if staying:
            data.update(evidence=staying, weight=float(len(staying)))
        else:
            graph.remove_edge(u, v, key)


def _relation(graph: nx.MultiDiGraph, edit: Edit, u: str, v: str) -> bool:
    predicate = edit.value
    if edit.kind == ADD_RELATION:
        if predicate not in PREDICATES or u == v:
            return False
        phrase = predicates()[predicate].phrase
        _add_or_join(graph, u, v, edge_key(DEPENDENCY, phrase, predicate),
                     {"relation": phrase, "predicate": predicate, "weight": 1.0,
                      "method": DEPENDENCY, "evidence": [], "curated": HAND_ADDED})
        return True
    key = edge_key(DEPENDENCY, "", predicate) if predicate else \
        edge_key(COOCCURRENCE, COOCCURS_WITH)
    pairs = [(u, v), (v, u)] if predicate in SYMMETRIC_PREDICATES or not predicate else [(u, v)]
    found = [(a, b) for a, b in pairs if graph.has_edge(a, b, key)]
    for a, b in found:
        graph.remove_edge(a, b, key)
    return bool(found)
