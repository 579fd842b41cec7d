"""Fitting the drawing to the canvas, labels included, and where the legend goes.

:class:`CanvasFitting` is mixed into :class:`app.canvas.view.GraphCanvas`: the fit puts
every disc and the label below it in view using the whole viewport
(:func:`graph.explore.label_layout.fit_scale`), with the legend in a corner where it
covers nothing, or in a strip kept beside the drawing when no corner is free. It also
answers what the last frame showed (label rectangles, discs) for tests and tools.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QTransform

from app.canvas.label_place import label_sizes, screen_radii
from app.canvas.scene import MIN_NODE_PX
from graph.explore.label_layout import GAP, fit_scale, rect_disc_overlap, rects_overlap

LEGEND_MARGIN = 10
FIT_MARGIN = 14  # pixels kept free around the fitted drawing (labels included)
FIT_MAX_SCALE = 1.6  # fitting two nodes should not blow them up to fill the screen
LEGEND_CORNERS = ("bottom left", "bottom right", "top left", "top right")


class CanvasFitting:
    """Fit and legend placement of :class:`~app.canvas.view.GraphCanvas` (uses its state,
    scene, layer and legend)."""

    _legend_corner = LEGEND_CORNERS[0]

    def label_rects(self) -> list[tuple[str, QRectF]]:
        """The node labels painted in the last frame: ``(node id, rectangle)`` in viewport
        coordinates (empty before the first frame of the drawing)."""
        placement = self.state.label_cache
        if placement is None or placement.key[0] != id(self.state.arrays):
            return []
        ids = self.state.arrays.ids
        return [(ids[i], QRectF(r)) for i, r in zip(placement.rows, placement.rects,
                                                    strict=True)]

    def node_discs(self) -> list[tuple[str, QPointF, float]]:
        """Every placed node as drawn: ``(id, centre in viewport coordinates, radius in
        pixels)``."""
        arrays = self.state.arrays
        radius = screen_radii(self.state, self._scale())
        to_viewport = self.viewportTransform()
        return [(arrays.ids[i], to_viewport.map(QPointF(*arrays.xy[i])), float(radius[i]))
                for i in np.flatnonzero(arrays.placed).tolist()]

    def _fit_drawing(self) -> None:
        """Zoom and scroll so that every disc and the label below it is in view, using the
        whole viewport, with the legend in a corner where it covers nothing (when no corner
        is free, room for it is kept beside the drawing)."""
        arrays = self.state.arrays
        if not arrays.placed.any():
            return
        viewport = self.viewport().size()
        width, height = viewport.width() - 2 * FIT_MARGIN, viewport.height() - 2 * FIT_MARGIN
        sizes = self._label_sizes()
        legend = self._legend_size()

        def fit(w: float, h: float) -> tuple[float, tuple[float, float]]:
            return fit_scale(arrays.xy, arrays.radius, sizes, (w, h), gap=GAP,
                             min_radius_px=MIN_NODE_PX / 2, max_scale=FIT_MAX_SCALE)

        scale, centre = fit(width, height)
        shift = (0.0, 0.0)  # where the drawing's centre sits from the viewport's, in px
        corner = self._free_corner(scale, centre, sizes, legend) if legend else LEGEND_CORNERS[0]
        if corner is None:
            # No corner is free: keep a strip beside (or under) the drawing for the legend.
            beside = fit(width - legend.width() - LEGEND_MARGIN, height)
            under = fit(width, height - legend.height() - LEGEND_MARGIN)
            if beside[0] >= under[0]:
                (scale, centre), corner = beside, "bottom left"
                shift = ((legend.width() + LEGEND_MARGIN) / 2, 0.0)
            else:
                (scale, centre), corner = under, "bottom left"
                shift = (0.0, -(legend.height() + LEGEND_MARGIN) / 2)
        self._legend_corner = corner
        self._place_legend()
        self._update_scene_rect()
        self.setTransform(QTransform.fromScale(scale, scale))
        middle = QPointF(centre[0] - shift[0] / scale, centre[1] - shift[1] / scale)
        half_w, half_h = viewport.width() / scale, viewport.height() / scale
        view = QRectF(middle.x() - half_w, middle.y() - half_h, 2 * half_w, 2 * half_h)
        if not self._scene.sceneRect().contains(view):
            self._scene.setSceneRect(self._scene.sceneRect().united(view))
            self._layer.set_rect(self._scene.sceneRect())
        self.centerOn(middle)

    def _label_sizes(self) -> np.ndarray:
        """Every drawn label's plate size, kept while the drawing and the font are the same
        (each layout landing fits the view again)."""
        state = self.state
        key = (id(state.arrays), state.font.key())
        cached = getattr(self, "_fit_sizes", None)
        if cached is None or cached[0] != key:
            cached = self._fit_sizes = (key, label_sizes(state, range(len(state.arrays.ids))))
        return cached[1]

    def _free_corner(self, scale: float, centre: tuple[float, float], sizes: np.ndarray,
                     legend: QSize) -> str | None:
        """The first corner where the legend would cover no disc and no label (the labels
        taken below their nodes) once fitted at ``scale`` around ``centre``."""
        arrays = self.state.arrays
        viewport = self.viewport().size()
        placed = arrays.placed
        xy = (arrays.xy[placed] - centre) * scale + (viewport.width() / 2, viewport.height() / 2)
        radius = np.maximum(arrays.radius[placed] * scale, MIN_NODE_PX / 2)
        size = sizes[placed]
        labels = np.stack([xy[:, 0] - size[:, 0] / 2, xy[:, 1] + radius + GAP,
                           xy[:, 0] + size[:, 0] / 2, xy[:, 1] + radius + GAP + size[:, 1]],
                          axis=1)
        for corner in LEGEND_CORNERS:
            box = self._legend_rect(corner, legend)
            rect = np.array([[box.left() - 2, box.top() - 2, box.right() + 2, box.bottom() + 2]])
            if not (rect_disc_overlap(rect, xy, radius).any() or rects_overlap(rect, labels).any()):
                return corner
        return None

    def _on_legend_folded(self, _folded: bool) -> None:
        if self._auto_fit:
            self.fit_all()
        else:
            self._place_legend()

    def _legend_size(self) -> QSize | None:
        """The legend's size as it will be placed (``None`` while it is hidden)."""
        if self.legend.isHidden():
            return None
        self.legend.set_max_height(self.viewport().height() - 2 * LEGEND_MARGIN)
        self.legend.adjustSize()
        return self.legend.size()

    def _legend_rect(self, corner: str, size: QSize) -> QRectF:
        viewport = self.viewport().size()
        x = LEGEND_MARGIN if "left" in corner else viewport.width() - size.width() - LEGEND_MARGIN
        y = LEGEND_MARGIN if "top" in corner else \
            viewport.height() - size.height() - LEGEND_MARGIN
        return QRectF(x, y, size.width(), size.height())

    def legend_rect(self) -> QRectF:
        """Where the legend is, in viewport coordinates (null while it is hidden)."""
        if self.legend.isHidden():
            return QRectF()
        return QRectF(self.legend.geometry()).translated(-QPointF(self.viewport().pos()))

    def _place_legend(self) -> None:
        size = self._legend_size()
        if size is None:
            return
        rect = self._legend_rect(self._legend_corner, size)
        self.legend.move(int(rect.x()) + self.viewport().x(), int(rect.y()) + self.viewport().y())
