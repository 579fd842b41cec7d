"""What a person was looking at, kept with the workspace: the exploration as a record.

A :class:`Session` holds the visible entities, their positions and pins, the selection,
the zoom and centre of the view, the filters and what nodes are sized by. The window saves
the current one under the name ``""`` when it closes or opens another corpus, restores it
when the corpus is opened again, and keeps named views the person saves
(:mod:`graph.store.workspace` stores them as JSON). Reading one is forgiving: a value of
the wrong shape (a hand-edited or damaged record) falls back to its default, and entities
that are no longer in the graph are left out by the window.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection
from dataclasses import asdict, dataclass, field, replace

from graph.explore.filters import GraphFilter
from graph.schema import METHODS

LAST = ""  # the name of the session saved on close and restored on open


@dataclass
class Session:
    """One saved exploration (see the module docstring)."""

    visible: list[str] = field(default_factory=list)
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    pinned: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)
    scale: float = 0.0  # 0: fit the whole graph
    centre: tuple[float, float] = (0.0, 0.0)
    size_by: str = "mentions"
    hidden_types: list[str] = field(default_factory=list)
    hidden_predicates: list[str] = field(default_factory=list)
    hidden_documents: list[str] = field(default_factory=list)
    min_weight: float = 0.0
    methods: list[str] = field(default_factory=lambda: list(METHODS))
    fact_nodes: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)  # ASCII: any id survives SQLite

    @classmethod
    def from_json(cls, text: str) -> Session:
        """The session in ``text``; values of the wrong shape take their defaults."""
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            data = {}
        data = data if isinstance(data, dict) else {}
        default = cls()
        return cls(
            visible=_strings(data.get("visible")),
            positions=_positions(data.get("positions")),
            pinned=_strings(data.get("pinned")),
            selected=_strings(data.get("selected")),
            scale=_number(data.get("scale"), default.scale),
            centre=_point(data.get("centre")) or default.centre,
            size_by=data["size_by"] if isinstance(data.get("size_by"), str)
            else default.size_by,
            hidden_types=_strings(data.get("hidden_types")),
            hidden_predicates=_strings(data.get("hidden_predicates")),
            hidden_documents=_strings(data.get("hidden_documents")),
            min_weight=max(_number(data.get("min_weight"), 0.0), 0.0),
            methods=[m for m in _strings(data.get("methods", list(METHODS))) if m in METHODS],
            fact_nodes=data.get("fact_nodes") is True,
        )

    def within(self, nodes: Collection[str]) -> Session:
        """This session with only the entities among ``nodes`` (a set or a graph's node view)
        visible, placed, pinned or selected: the ones still in the graph."""
        visible = [n for n in self.visible if n in nodes]
        shown = set(visible)
        return replace(self, visible=visible,
                       positions={n: self.positions[n] for n in nodes & self.positions.keys()},
                       pinned=[n for n in self.pinned if n in nodes],
                       selected=[n for n in self.selected if n in shown])

    def filter_hides(self, graph_filter: GraphFilter, types: list[str], predicates: list[str],
                     documents: list[str]) -> None:
        """Record what ``graph_filter`` leaves out of the ``types``, ``predicates`` and
        ``documents`` on offer (a new type or document then shows by default)."""
        def hidden(chosen, offered):
            return [] if chosen is None else [x for x in offered if x not in chosen]
        self.hidden_types = hidden(graph_filter.types, types)
        self.hidden_predicates = hidden(graph_filter.predicates, predicates)
        self.hidden_documents = hidden(graph_filter.documents, documents)
        self.min_weight = float(graph_filter.min_weight)
        self.methods = sorted(graph_filter.methods)
        self.fact_nodes = bool(graph_filter.fact_nodes)


def _strings(value) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _number(value, default: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return default
    return float(value)


def _point(value) -> tuple[float, float] | None:
    if isinstance(value, list | tuple) and len(value) == 2:
        x, y = (_number(v, math.nan) for v in value)
        if math.isfinite(x) and math.isfinite(y):
            return x, y
    return None


def _positions(value) -> dict[str, tuple[float, float]]:
    if not isinstance(value, dict):
        return {}
    found = {}
    finite, numbers = math.isfinite, (int, float)  # a bool is neither (type, not isinstance)
    for k, v in value.items():  # 25k places: no call per value but the checks
        if type(k) is str and type(v) in (list, tuple) and len(v) == 2:
            x, y = v
            if type(x) in numbers and type(y) in numbers and finite(x) and finite(y):
                found[k] = (float(x), float(y))
    return found
