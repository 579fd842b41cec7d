"""The curated graph of an opened corpus: the extracted graph with the edit log on top.

:class:`Curation` keeps the graph as extracted (the *base*, never changed) and the
workspace whose edit log (:mod:`graph.build.edits`) corrects it. Recording an edit appends
it to the log and applies it to a copy of the current graph; reverting one (an undo, or
Revert in the Edits list) marks it reverted in the log and rebuilds the curated graph from
the base. Every change makes a new graph, so views never see a graph changed under them,
and :func:`carry_over` says how node ids carried over (a merge, a re-type, a split), so
the window keeps what the person was looking at.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graph.build.edits import (
    Edit,
    EntityRef,
    apply_edit,
    apply_edits,
    edit_forms,
    find,
    named_nodes,
    read_log,
)
from graph.ingest.documents import Document
from graph.store.workspace import Workspace


@dataclass
class Curation:
    """The base graph, its documents and the workspace holding the edit log.

    Parameters
    ----------
    base
        The graph as extracted, before any edit (it is copied, never changed).
    documents
        The documents by id (a split reads its alias's mentions in them).
    workspace
        The workspace file; ``None`` for a graph without one (an imported GraphML), which
        cannot be edited.
    """

    base: nx.MultiDiGraph
    documents: Mapping[str, Document] = field(default_factory=dict)
    workspace: Path | None = None
    skipped: set[int] = field(default_factory=set)  # ids of active edits that found nothing

    @property
    def editable(self) -> bool:
        return self.workspace is not None

    def _open(self) -> Workspace:
        if self.workspace is None:
            raise ValueError("this graph has no workspace to keep edits in")
        return Workspace(self.workspace)

    # -- the log ---------------------------------------------------------------------------
    def log(self) -> list[tuple[int, Edit]]:
        """The active edits, oldest first, with their ids."""
        if self.workspace is None:
            return []
        with self._open() as store:
            return read_log(store.edits())

    def mark_skipped(self, skipped: Iterable[Edit]) -> None:
        """Remember which active edits found nothing (a re-extraction's report)."""
        skipped = list(skipped)
        self.skipped = {i for i, edit in self.log() if edit in skipped}

    def record(self, edits: Iterable[Edit]) -> list[int]:
        """Append ``edits`` to the log (committed at once); returns their ids."""
        with self._open() as store:
            return [store.add_edit(edit.to_json()) for edit in edits]

    def set_reverted(self, ids: Iterable[int], reverted: bool) -> None:
        """Take edits out of the log, or put them back (they keep their place in it)."""
        with self._open() as store:
            for edit_id in ids:
                store.set_reverted(edit_id, reverted)

    # -- graphs ----------------------------------------------------------------------------
    def applied(self, graph: nx.MultiDiGraph, edits: Iterable[Edit]) -> nx.MultiDiGraph | None:
        """A copy of ``graph`` with ``edits`` applied, or ``None`` if one found nothing."""
        new = graph.copy()
        for edit in edits:
            if not apply_edit(new, edit, self.documents):
                return None
        return new

    def applies(self, graph: nx.MultiDiGraph, edits: Iterable[Edit],
                named: Callable[[Iterable[str]], Collection[str]] | None = None) -> bool:
        """Whether every one of ``edits`` would change ``graph``: :meth:`applied` tried on a
        copy of just the entities they name (milliseconds on a graph of any size).
        ``named(forms)`` gives the nodes with one of these names (a name index,
        :meth:`graph.explore.query.EntityIndex.named`; else the graph is walked)."""
        edits = list(edits)
        among = graph if named is None else graph.subgraph(named(edit_forms(edits)))
        return self.applied(graph.subgraph(named_nodes(among, edits)), edits) is not None

    def rebuild(self) -> nx.MultiDiGraph:
        """The base with every active edit applied (:attr:`skipped` updated)."""
        graph, self.skipped = self.replayed(self.base, self.log())
        return graph

    def replayed(self, graph: nx.MultiDiGraph, edits: Iterable[tuple[int, Edit]]
                 ) -> tuple[nx.MultiDiGraph, set[int]]:
        """A copy of ``graph`` with ``edits`` (ids and edits, as :meth:`log` gives them)
        applied, and the ids of those that found nothing. Changes nothing here, and reads
        neither the log nor the workspace: a worker thread may call it."""
        edits = list(edits)
        new = graph.copy()
        skipped = apply_edits(new, [edit for _, edit in edits], self.documents)
        return new, {i for i, edit in edits if edit in skipped}

    def rejected_pairs(self, graph: nx.MultiDiGraph) -> set[frozenset[str]]:
        """The pairs of nodes of ``graph`` the person keeps apart (``reject_merge`` edits)."""
        return rejected_pairs(graph, [e for _, e in self.log()])


def rejected_pairs(graph: nx.MultiDiGraph, edits: Iterable[Edit]) -> set[frozenset[str]]:
    """Pairs of nodes of ``graph`` that ``reject_merge`` edits among ``edits`` keep apart."""
    pairs = set()
    for edit in edits:
        if edit.kind == "reject_merge" and edit.other is not None:
            a, b = find(graph, edit.target), find(graph, edit.other)
            if a is not None and b is not None:
                pairs.add(frozenset((a, b)))
    return pairs


def _holders(graph: nx.MultiDiGraph, wanted: set[tuple]) -> dict[tuple, str]:
    """Which node of ``graph`` holds each occurrence in ``wanted``."""
    found = {}
    if not wanted:
        return found
    for nid, occurrences in graph.nodes(data="occurrences", default=()):
        for occ in occurrences:
            occ = tuple(occ)
            if occ in wanted:
                found[occ] = nid
    return found


def _best(occurrences: Iterable, holders: Mapping[tuple, str]) -> str | None:
    votes = Counter(holders[o] for o in map(tuple, occurrences) if o in holders)
    return min(votes, key=lambda n: (-votes[n], n)) if votes else None


def carry_over(old: nx.MultiDiGraph, new: nx.MultiDiGraph
               ) -> tuple[dict[str, str], dict[str, str]]:
    """How the nodes of ``old`` carried over into ``new`` (an edit, its undo).

    Returns
    -------
    renamed
        Each node of ``old`` missing from ``new`` -> the node of ``new`` that holds most of
        its mentions (a merge, a re-type), or of its type and label when it had none; nodes
        that went without a successor (deleted) are absent.
    born
        Each node of ``new`` missing from ``old`` -> the node of ``old`` that held most of
        its mentions (a split, an undone merge); absent when none did.
    """
    gone = [n for n in old if n not in new]
    fresh = [n for n in new if n not in old]
    renamed: dict[str, str] = {}
    if gone:
        wanted = {tuple(o) for n in gone for o in old.nodes[n].get("occurrences", ())}
        holders = _holders(new, wanted)
        for nid in gone:
            data = old.nodes[nid]
            successor = _best(data.get("occurrences", ()), holders)
            if successor is None and "label" in data:
                successor = find(new, EntityRef(str(data.get("type", "")), str(data["label"])))
            if successor is not None:
                renamed[nid] = successor
    born: dict[str, str] = {}
    if fresh:
        wanted = {tuple(o) for n in fresh for o in new.nodes[n].get("occurrences", ())}
        holders = _holders(old, wanted)
        for nid in fresh:
            origin = _best(new.nodes[nid].get("occurrences", ()), holders)
            if origin is not None:
                born[nid] = origin
    return renamed, born


def carry_positions(positions: Mapping[str, tuple[float, float]], renamed: Mapping[str, str],
                    born: Mapping[str, str], alive: Iterable[str], offset: float = 30.0,
                    gone: dict[str, tuple[float, float]] | None = None
                    ) -> dict[str, tuple[float, float]]:
    """Positions of the nodes after an edit: a renamed node keeps its place (a merge keeps
    the survivor's), a new node starts beside the node it came out of, deleted ones go.

    ``gone`` keeps the places of the nodes that went (updated here): one that comes back
    (an undo of its delete or merge) without a place otherwise takes its old one, rather
    than waiting for a layout of the whole drawing."""
    alive = alive if isinstance(alive, AbstractSet) else set(alive)  # (a keys view stays)
    placed = {}
    for n, p in positions.items():
        if n in alive:
            placed[n] = p
        elif gone is not None:
            gone[n] = p
    for old, new in renamed.items():
        if old in positions and new not in placed and new in alive:
            placed[new] = positions[old]
    for new, origin in born.items():
        origin_pos = positions.get(origin)
        if origin_pos is not None and new not in placed and new in alive:
            placed[new] = (origin_pos[0] + offset, origin_pos[1] + offset)
    for n in [n for n in gone or () if n in alive]:
        place = gone.pop(n)
        placed.setdefault(n, place)
    return placed
