"""The canvas's colours and the state its painter reads: style, font, hover, selection."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QPalette

from app.canvas.scene import SceneArrays, link_of_edge
from graph.taxonomy import color_of, predicates

Edge = tuple[str, str, str]
# Typed relations without a predicate of the schema: a slate blue that reads on both palettes.
TYPED_LIGHT, TYPED_DARK = "#5a6f96", "#8fa3c8"


# Community colours (View > Colour by Community): a categorical palette, a lighter twin of
# each for dark backgrounds; communities past it, and those too small, take a neutral grey.
GROUP_LIGHT = ("#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1", "#76b7b2",
               "#edc948", "#9c755f", "#ff9da7", "#17becf", "#8c6bb1", "#bcbd22")
GROUP_DARK = ("#7aa7d9", "#ffa54f", "#ff7b7d", "#7ccb6f", "#d29fc3", "#93d5cf",
              "#f5d76e", "#c8a27f", "#ffb7c0", "#4fd6e6", "#ad93dd", "#d6d743")
NEUTRAL_GROUP = -1


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """Opaque blend of ``a`` towards ``b`` (translucent strokes are several times slower)."""
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                           a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


@dataclass
class CanvasStyle:
    """Every colour the canvas paints with, derived from the palette and the taxonomy."""

    dark: bool
    background: QColor
    text: QColor
    muted_text: QColor
    highlight: QColor
    cooccurrence: QColor
    cooccurrence_dim: QColor
    dependency: QColor
    dependency_dim: QColor
    types: dict[str, QColor] = field(default_factory=dict)
    types_dim: dict[str, QColor] = field(default_factory=dict)
    predicates: dict[str, QColor] = field(default_factory=dict)
    predicates_dim: dict[str, QColor] = field(default_factory=dict)
    groups: list[QColor] = field(default_factory=list)
    groups_dim: list[QColor] = field(default_factory=list)
    group_neutral: QColor = field(default_factory=QColor)

    @classmethod
    def from_palette(cls, palette: QPalette, type_codes: list[str]) -> CanvasStyle:
        dark = is_dark(palette)
        background = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        # Typed relations: a slate blue that reads on both palettes; co-occurrence: a faint
        # neutral line that recedes behind them.
        dependency = QColor(TYPED_DARK if dark else TYPED_LIGHT)
        cooccurrence = mix(background, text, 0.22 if dark else 0.18)
        types = {code: QColor(color_of(code, dark=dark)) for code in type_codes}
        # Typed relations of the schema: their predicate's colour (the legend's key).
        relations = {code: QColor(p.color) for code, p in predicates().items()}
        groups = [QColor(c) for c in (GROUP_DARK if dark else GROUP_LIGHT)]
        return cls(
            groups=groups, groups_dim=[mix(c, background, 0.78) for c in groups],
            group_neutral=mix(background, text, 0.38),
            dark=dark, background=background, text=text,
            muted_text=mix(background, text, 0.6), highlight=highlight,
            cooccurrence=cooccurrence, cooccurrence_dim=mix(background, cooccurrence, 0.45),
            dependency=dependency, dependency_dim=mix(background, dependency, 0.3),
            types=types,
            types_dim={code: mix(c, background, 0.78) for code, c in types.items()},
            predicates=relations,
            predicates_dim={code: mix(background, c, 0.3) for code, c in relations.items()},
        )

    def relation_color(self, predicate: str, dim: bool = False) -> QColor:
        """The line colour of a typed relation: its predicate's, else the typed default."""
        table = self.predicates_dim if dim else self.predicates
        if predicate in table:
            return table[predicate]
        return self.dependency_dim if dim else self.dependency

    def group_color(self, slot: int, dim: bool = False) -> QColor:
        """The colour of community colour ``slot`` (:data:`NEUTRAL_GROUP`: the neutral)."""
        if 0 <= slot < len(self.groups):
            return (self.groups_dim if dim else self.groups)[slot]
        return mix(self.group_neutral, self.background, 0.78) if dim else self.group_neutral

    def type_color(self, code: str, dim: bool = False) -> QColor:
        table = self.types_dim if dim else self.types
        if code not in table:
            colour = QColor(color_of(code, dark=self.dark))
            self.types[code] = colour
            self.types_dim[code] = mix(colour, self.background, 0.78)
        return table[code]


@dataclass
class CanvasState:
    """What the painter needs besides the arrays: style, hover and selection."""

    arrays: SceneArrays = field(default_factory=SceneArrays)
    style: CanvasStyle | None = None
    font: QFont = field(default_factory=QFont)
    hover: int | None = None
    hover_link: int | None = None
    selected: int | None = None
    selected_nodes: np.ndarray = field(  # every selected node drawn (``selected`` among them)
        default_factory=lambda: np.zeros(0, dtype=np.int64))
    selected_link: int | None = None
    focus_nodes: np.ndarray | None = None  # hover + neighbours, None when nothing hovered
    focus_links: np.ndarray | None = None
    path: tuple[tuple[str, ...], tuple[Edge, ...]] = ((), ())  # a path shown: nodes, edges
    _path_drawn: tuple | None = field(default=None, repr=False)
    label_widths: dict[str, float] = field(default_factory=dict)
    badges: dict[int, int] = field(default_factory=dict)  # node -> hidden neighbours ("+N")
    label_cache: object = None  # the last frame's labels (app.canvas.labels.LabelPlacement)
    # Colour by community: node -> colour slot (CanvasStyle.group_color; nodes left out are
    # neutral); None colours by type.
    group_of: Mapping[str, int] | None = None
    _group_rows: tuple[object, np.ndarray | None] = (None, None)

    @property
    def groups(self) -> np.ndarray | None:
        """Each drawn row's colour slot (``None``: colour by type)."""
        if self.group_of is None:
            return None
        arrays, rows = self._group_rows
        if arrays is not self.arrays:  # rebuilt since: look the rows up again
            group_of = self.group_of
            rows = np.array([group_of.get(n, NEUTRAL_GROUP) for n in self.arrays.ids],
                            dtype=np.int64)
            self._group_rows = (self.arrays, rows)
        return rows

    def set_font(self, font: QFont) -> None:
        self.font = QFont(font)
        self.label_widths.clear()

    def path_indices(self) -> tuple[np.ndarray | None, np.ndarray | None]:
        """Rows of the path's drawn nodes and links (``None, None`` when no path is shown),
        found again only when the arrays or the path change."""
        nodes, edges = self.path
        if not nodes and not edges:
            return None, None
        arrays = self.arrays
        cached = self._path_drawn
        if cached is None or cached[0] is not arrays or cached[1] != self.path:
            links = (link_of_edge(arrays, e) for e in edges)
            rows = np.array([arrays.index[n] for n in nodes if n in arrays.index], dtype=np.int64)
            drawn = np.array([k for k in links if k is not None], dtype=np.int64)
            cached = self._path_drawn = (arrays, self.path, rows, drawn)
        if len(cached[2]) == 0:
            return None, None  # none of it drawn (hidden again): nothing to dim the rest for
        return cached[2], cached[3]

    def bounds(self) -> QRectF:
        """The box around every placed node in scene units (null when none is placed)."""
        box = self.arrays.bounds()
        if box is None:
            return QRectF()
        left, top, right, bottom = box
        return QRectF(QPointF(left, top), QPointF(right, bottom))
