"""What the person is looking at: the visible part of the graph and how it changes.

Every exploration step (expand, collapse, hide, focus) is computed as a :class:`Step`, a
pair of node sets to show and to hide, and applied with :meth:`Exploration.apply`. Undo is
applying the step's inverse, so the window's ``QUndoStack`` commands are one line each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from graph.events import Emitter
from graph.explore.facts import OVERVIEW_LIMIT, rank_overview
from graph.explore.model import GraphModel, ModelEvent

DEFAULT_EXPAND_K = 12


@dataclass(frozen=True, slots=True)
class Step:
    """A change of the visible set: nodes that appear and nodes that disappear."""

    show: frozenset[str] = frozenset()
    hide: frozenset[str] = frozenset()
    text: str = ""

    def inverse(self) -> Step:
        return Step(show=self.hide, hide=self.show, text=self.text)

    def __bool__(self) -> bool:
        return bool(self.show or self.hide)


@dataclass
class Exploration:
    """The visible node set over a :class:`GraphModel`, changed by :class:`Step` s.

    ``drawable(nid)`` says whether a node would be drawn once visible (the window's filter:
    hidden types, metrics and dates kept as facts); expanding, focusing and counting hidden
    neighbours pass over the nodes it refuses, so that "+3" means three nodes an expand
    brings into view. ``None`` takes every node.
    """

    model: GraphModel
    visible: set[str] = field(default_factory=set)
    changed: Emitter[Step] = field(default_factory=Emitter, repr=False, compare=False)
    drawable: Callable[[str], bool] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.model.subscribe(self._on_model_changed)

    def subscribe(self, listener: Callable[[Step], None]) -> Callable[[], None]:
        """``listener(step)`` is called after each applied step (a reset shows up as one)."""
        return self.changed.connect(listener)

    def _on_model_changed(self, event: ModelEvent) -> None:
        if event.kind == "reset":
            old = frozenset(self.visible)
            self.visible = set(overview(self.model))
            self.changed.emit(Step(show=frozenset(self.visible), hide=old - self.visible))
        elif event.kind == "edited":  # keep what is shown, under the nodes' new ids
            old = frozenset(self.visible)
            renamed = event.renamed  # (a lookup, not a call, per node: 25k are shown)
            kept = {renamed.get(n, n) for n in old} if renamed else set(old)
            kept |= {n for n, origin in event.born.items() if origin in old}
            self.visible = set(self.model.graph._node.keys() & kept)  # (as in apply)
            self.changed.emit(Step(show=frozenset(self.visible - old),
                                   hide=frozenset(old - self.visible)))

    def apply(self, step: Step) -> None:
        """Make ``step`` happen (shown nodes must exist in the model)."""
        # the graph's nodes walked in C, not a Python test per node (Show All of 25k: 15 ms)
        show = frozenset(step.show).intersection(self.model.graph)
        self.visible -= step.hide
        self.visible |= show
        self.changed.emit(Step(show=show, hide=step.hide, text=step.text))

    # -- steps (computed, not applied) ---------------------------------------------------
    def _neighbours(self, nid: str, k: int | None = None) -> list[str]:
        """The strongest drawable neighbours of ``nid`` (at most ``k``)."""
        ranked = self.model.strongest_neighbours(nid)
        if self.drawable is not None:
            ranked = [n for n in ranked if self.drawable(n)]
        return ranked if k is None else ranked[:k]

    def expand(self, nid: str, k: int = DEFAULT_EXPAND_K, depth: int = 1) -> tuple[Step, int]:
        """Show the ``k`` strongest hidden neighbours of ``nid``, ``depth`` levels out.

        Deeper levels walk through the neighbours already shown as well as the new ones, so
        expanding a node whose neighbours are all visible to depth 2 still reaches further.
        Returns the step and how many hidden neighbours of ``nid`` it left out ("+N more").
        """
        frontier, seen, shown, more = [nid], {nid}, set(), 0
        for level in range(depth):
            next_frontier = []
            for node in frontier:
                ranked = [n for n in self._neighbours(node) if n not in seen]
                hidden = [n for n in ranked if n not in self.visible]
                take = hidden[:k]
                if level == 0 and node == nid:
                    more = len(hidden) - len(take)
                shown.update(take)
                onward = [n for n in ranked if n in self.visible][:k] + take
                seen.update(onward)
                next_frontier.extend(onward)
            frontier = next_frontier
        label = self.model.label(nid)
        text = f"Expand {label}" if depth == 1 else f"Expand {label} to depth {depth}"
        return Step(show=frozenset(shown | ({nid} - self.visible)), text=text), more

    def hidden_neighbour_count(self, nid: str) -> int:
        """Neighbours of ``nid`` that an expand could bring into view."""
        drawable = self.drawable
        return sum(1 for n in self.model.neighbour_weights(nid)
                   if n not in self.visible and (drawable is None or drawable(n)))

    def collapse(self, nid: str) -> Step:
        """Hide the neighbours of ``nid`` that nothing else visible holds on to."""
        neighbours = set(self.model.neighbour_weights(nid)) & self.visible
        drop = set()
        for n in neighbours:
            anchors = (set(self.model.neighbour_weights(n)) & self.visible) - {nid} - neighbours
            if not anchors:
                drop.add(n)
        return Step(hide=frozenset(drop), text=f"Collapse {self.model.label(nid)}")

    def hide(self, nids: Iterable[str]) -> Step:
        nids = frozenset(nids) & self.visible
        what = self.model.label(next(iter(nids))) if len(nids) == 1 else f"{len(nids)} entities"
        return Step(hide=nids, text=f"Hide {what}")

    def focus(self, nid: str, k: int = DEFAULT_EXPAND_K) -> Step:
        """Show only ``nid`` and its ``k`` strongest neighbours."""
        keep = {nid, *self._neighbours(nid, k)}
        return Step(show=frozenset(keep - self.visible), hide=frozenset(self.visible - keep),
                    text=f"Show only {self.model.label(nid)} and neighbours")

    def reveal(self, nid: str, k: int = DEFAULT_EXPAND_K) -> Step:
        """Bring ``nid`` into view with its strongest neighbours, keeping what is shown."""
        step, _ = self.expand(nid, k)
        return Step(show=step.show | {nid}, text=f"Go to {self.model.label(nid)}")

    def show_all(self) -> Step:
        return Step(show=frozenset(set(self.model.graph) - self.visible), text="Show all")

    def show_overview(self) -> Step:
        keep = set(overview(self.model))
        return Step(show=frozenset(keep - self.visible), hide=frozenset(self.visible - keep),
                    text="Overview")


def overview(model: GraphModel, limit: int = OVERVIEW_LIMIT) -> list[str]:
    """The nodes a graph opens on: all of a small graph, the most connected of a large one.

    Parameters
    ----------
    model
        The graph model.
    limit
        Graphs with more nodes open on their ``limit`` best connected entities (by distinct
        neighbours, then mentions), so nobody starts in a hairball.
    """
    if limit == OVERVIEW_LIMIT:
        return list(model.facts.overview)
    return rank_overview(model.graph, limit=limit, junk=model.facts.junk)
