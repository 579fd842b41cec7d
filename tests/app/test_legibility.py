"""Legible by construction: label placement, node sizes, fit, legend, packing, docks.

The window tests open the seeds in a real offscreen window of a fixed size and check the
geometry of what was painted (label rectangles of the last frame, node discs, the legend)
with plain rectangle and circle arithmetic, independent of the placement code. The pure
functions of :mod:`graph.explore.label_layout` and :mod:`graph.explore.placement` are
tested directly.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt

from graph.explore.label_layout import (
    GAP,
    Occupancy,
    fit_scale,
    place_labels,
    rect_disc_overlap,
    rects_overlap,
)
from graph.explore.layout import layout
from graph.explore.placement import pack
from graph.explore.spacing import bound_radii, pairs_within

SIZE = (1400, 900)


# -- helpers ------------------------------------------------------------------------------
def painted(canvas) -> None:
    """Paint a frame now (the labels of the last frame are what the tests read); one that a
    busy machine made slow is painted in parts: those are painted now too."""
    canvas.viewport().repaint()
    canvas._layer.frames.finish()


def disc_meets_rect(centre: QPointF, radius: float, rect: QRectF) -> bool:
    """Whether a disc and a rectangle share inner points (plain arithmetic)."""
    nx = min(max(centre.x(), rect.left()), rect.right())
    ny = min(max(centre.y(), rect.top()), rect.bottom())
    return math.hypot(centre.x() - nx, centre.y() - ny) < radius - 1e-6


def rects_meet(a: QRectF, b: QRectF) -> bool:
    inter = a.intersected(b)
    return inter.width() > 1e-6 and inter.height() > 1e-6


def related(canvas) -> set[str]:
    """Drawn nodes with at least one drawn relation."""
    arrays = canvas.state.arrays
    ends = set(arrays.link_u.tolist()) | set(arrays.link_v.tolist())
    return {arrays.ids[i] for i in ends}


@pytest.fixture
def window(make_window):
    win = make_window(size=SIZE)
    win.canvas.fit_all(follow=True)
    painted(win.canvas)
    return win


# -- the seeds at fit ---------------------------------------------------------------------
def test_at_fit_every_related_entity_is_labelled_and_nothing_overlaps(window):
    canvas = window.canvas
    labels = canvas.label_rects()
    discs = canvas.node_discs()
    labelled = {nid for nid, _ in labels}
    assert len(related(canvas)) >= 20
    assert related(canvas) <= labelled, related(canvas) - labelled
    viewport = QRectF(canvas.viewport().rect())
    for k, (nid, rect) in enumerate(labels):
        assert viewport.contains(rect), nid
        for other, other_rect in labels[k + 1:]:
            assert not rects_meet(rect, other_rect), (nid, other)
        for owner, centre, radius in discs:
            assert not disc_meets_rect(centre, radius, rect), (nid, owner)


def test_the_legend_covers_no_node_and_no_label(window):
    canvas = window.canvas
    legend = canvas.legend_rect()
    assert canvas.legend.isVisible() and not legend.isNull()
    assert QRectF(canvas.viewport().rect()).contains(legend)
    for nid, centre, radius in canvas.node_discs():
        assert not disc_meets_rect(centre, radius, legend), nid
    for nid, rect in canvas.label_rects():
        assert not rects_meet(rect, legend), nid


def test_the_fit_uses_the_whole_canvas(window):
    canvas = window.canvas
    viewport = QRectF(canvas.viewport().rect())
    box = QRectF()
    for _, centre, radius in canvas.node_discs():
        box = box.united(QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius))
    for _, rect in canvas.label_rects():
        box = box.united(rect)
    assert viewport.adjusted(-1, -1, 1, 1).contains(box)
    # One side of the drawing (labels included) spans the canvas, less a small margin and,
    # when no corner is free for the legend, the strip kept for it beside or under it.
    box = box.united(canvas.legend_rect())
    assert max(box.width() / viewport.width(), box.height() / viewport.height()) > 0.9


def test_the_canvas_gets_two_thirds_of_the_width(make_window):
    win = make_window(size=(1600, 1000))
    assert win.canvas.width() >= 0.65 * win.width()


def test_the_hovered_node_is_always_labelled_and_labels_are_cached(window):
    canvas = window.canvas
    first = canvas.state.label_cache
    painted(canvas)
    assert canvas.state.label_cache is first  # nothing changed: the placement is reused
    arrays = canvas.state.arrays
    leaf = int(arrays.importance[-1])
    canvas._set_hover(leaf)
    painted(canvas)
    assert canvas.state.label_cache is not first
    assert arrays.ids[leaf] in {nid for nid, _ in canvas.label_rects()}


def test_a_hubs_tooltip_lists_every_typed_relation(window):
    canvas = window.canvas
    arrays = canvas.state.arrays
    hub = int(arrays.importance[0])
    _, links = arrays.neighbours(hub)
    typed = [int(k) for k in links if arrays.link_dependency[k]]
    assert len(typed) >= 5
    tip = canvas._node_tooltip(hub)
    for link in typed:
        other = arrays.link_v[link] if arrays.link_u[link] == hub else arrays.link_u[link]
        assert arrays.labels[other] in tip


def test_sized_by_degree_no_two_discs_overlap(window, qtbot):
    window.set_size_by("degree")
    canvas = window.canvas
    canvas.fit_all(follow=True)
    painted(canvas)
    discs = canvas.node_discs()
    for k, (a, ca, ra) in enumerate(discs):
        for b, cb, rb in discs[k + 1:]:
            assert math.hypot(ca.x() - cb.x(), ca.y() - cb.y()) >= ra + rb - 1e-6, (a, b)


# -- the legend ---------------------------------------------------------------------------
def _click(qtbot, widget, rect: QRectF) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())


def test_clicking_a_legend_type_shows_only_that_type_and_again_every_type(window, qtbot):
    canvas, legend = window.canvas, window.canvas.legend
    code, rect = legend.type_rects()[1]
    everything = set(canvas.drawn_nodes())
    _click(qtbot, legend, rect)
    qtbot.waitUntil(lambda: window.filter.types == frozenset({code}))
    types = window.model.graph.nodes
    drawn = canvas.drawn_nodes()
    assert drawn and all(types[n]["type"] == code for n in drawn)
    checked = [window.filters.types.item(i) for i in range(window.filters.types.count())]
    assert {i.data(Qt.ItemDataRole.UserRole) for i in checked
            if i.checkState() == Qt.CheckState.Checked} == {code}
    _click(qtbot, legend, dict(legend.type_rects())[code])
    qtbot.waitUntil(lambda: window.filter.types is None)
    assert set(canvas.drawn_nodes()) == everything


def test_the_legend_folds_and_unfolds(window, qtbot):
    legend = window.canvas.legend
    whole = legend.size()
    _click(qtbot, legend, legend.toggle_rect())
    assert legend.is_folded() and legend.height() < whole.height() / 2
    assert legend.type_rects() == []
    _click(qtbot, legend, legend.toggle_rect())
    assert not legend.is_folded() and legend.size() == whole


# -- pure placement -----------------------------------------------------------------------
def test_labels_of_far_apart_nodes_go_below_them():
    centres, radii = np.array([[100.0, 100.0], [400.0, 100.0]]), np.array([10.0, 10.0])
    rects = place_labels(centres, radii, np.array([[60.0, 14.0]] * 2), np.array([0, 1]),
                         (600, 300))
    assert np.allclose(rects[:, 1], centres[:, 1] + radii + GAP)  # just under the disc
    assert np.allclose((rects[:, 0] + rects[:, 2]) / 2, centres[:, 0])


def test_a_label_moves_to_another_side_when_below_is_taken():
    # A node right under the first one blocks its "below" position.
    centres = np.array([[200.0, 100.0], [200.0, 125.0]])
    rects = place_labels(centres, np.array([8.0, 8.0]), np.array([[50.0, 14.0]] * 2),
                         np.array([0, 1]), (400, 300))
    assert not np.isnan(rects).any()
    assert rects[0, 3] <= 100 - 8  # the first went above its node
    assert not rects_overlap(rects[:1], rects[1:]).any()


def test_important_labels_win_and_the_loser_is_left_out():
    # Two nodes too close for both labels anywhere: the first in order keeps its label.
    sizes = np.array([[50.0, 14.0]] * 2)
    # Only "below" stays on so small a screen, and the two overlap there.
    centres = np.array([[30.0, 8.0], [34.0, 8.0]])
    rects = place_labels(centres, np.array([1.0, 1.0]), sizes, np.array([1, 0]), (60, 30))
    assert not np.isnan(rects[1]).any() and np.isnan(rects[0]).all()


def test_a_must_label_is_placed_even_over_a_disc():
    centres = np.array([[50.0, 50.0]])
    discs = (np.array([[50.0, 50.0], [50.0, 70.0], [50.0, 30.0], [85.0, 50.0], [15.0, 50.0],
                       [80.0, 80.0], [20.0, 80.0], [80.0, 20.0], [20.0, 20.0]]),
             np.full(9, 9.0))
    free = place_labels(centres, np.array([5.0]), np.array([[40.0, 12.0]]), np.array([0]),
                        (100, 100), discs=discs)
    forced = place_labels(centres, np.array([5.0]), np.array([[40.0, 12.0]]), np.array([0]),
                          (100, 100), discs=discs, must=1)
    assert np.isnan(free).all() and not np.isnan(forced).any()


def test_a_hub_moves_a_label_aside_before_it_covers_a_disc():
    # the second hub's only free places are taken by the first hub's label, which has
    # another: it moves there (the seeds' "Claude Mythos Preview" had covered NVIDIA)
    centres = np.array([[71.0, 74.0], [43.0, 68.0], [30.0, 81.0], [95.0, 81.0]])
    radii = np.full(4, 6.0)
    rects = place_labels(centres, radii, np.array([[40.0, 10.0]] * 4), np.arange(4),
                         (120, 120), cover=2)
    assert not np.isnan(rects).any()
    assert not rect_disc_overlap(rects, centres, radii).any()
    assert not (rects_overlap(rects, rects) & ~np.eye(4, dtype=bool)).any()


@pytest.mark.parametrize("seed", range(4))
def test_random_crowds_never_get_overlapping_labels(seed):
    rng = np.random.default_rng(seed)
    n = 400
    centres = rng.uniform(0, (800, 500), (n, 2))
    radii = rng.uniform(1.5, 12, n)
    sizes = np.stack([rng.uniform(20, 120, n), np.full(n, 15.0)], axis=1)
    rects = place_labels(centres, radii, sizes, np.argsort(-radii), (800, 500))
    placed = rects[~np.isnan(rects[:, 0])]
    assert len(placed) > 40
    overlap = rects_overlap(placed, placed)
    np.fill_diagonal(overlap, False)
    assert not overlap.any()
    assert not rect_disc_overlap(placed, centres, radii).any()
    assert (placed[:, :2] >= 0).all()
    assert (placed[:, 2] <= 800).all() and (placed[:, 3] <= 500).all()


def test_occupancy_marks_every_cell_a_disc_touches():
    grid = Occupancy(100, 100, cell=2)
    grid.take_discs(np.array([[50.0, 50.0]]), np.array([10.0]))
    assert not grid.free((45, 45, 55, 55))
    assert grid.free((62, 40, 70, 60))  # right of the disc, a cell (2 px) away
    assert not grid.free((57, 57, 70, 70))  # the lower right rim (57,57) is 9.9 from the centre
    assert grid.free((58, 58, 70, 70))
    assert not grid.free((-5, 0, 10, 10))  # off the screen


def test_fit_scale_fits_discs_and_labels_below_them():
    xy = np.array([[0.0, 0.0], [100.0, 0.0], [50.0, 80.0]])
    radii = np.full(3, 5.0)
    sizes = np.array([[60.0, 14.0]] * 3)
    scale, (cx, cy) = fit_scale(xy, radii, sizes, (400, 300))
    left = min(xy[:, 0] * scale - np.maximum(radii * scale, sizes[:, 0] / 2))
    right = max(xy[:, 0] * scale + np.maximum(radii * scale, sizes[:, 0] / 2))
    bottom = max(xy[:, 1] * scale + radii * scale + 2 + sizes[:, 1])
    top = min(xy[:, 1] * scale - radii * scale)
    assert right - left <= 400 + 1e-6 and bottom - top <= 300 + 1e-6
    assert max((right - left) / 400, (bottom - top) / 300) > 0.99
    assert cx == pytest.approx((left + right) / 2 / scale)


def test_a_viewport_narrower_than_a_label_still_gets_a_usable_zoom():
    xy = np.array([[0.0, 0.0], [100.0, 0.0], [50.0, 80.0]])
    radii = np.full(3, 5.0)
    sizes = np.array([[300.0, 14.0]] * 3)  # each label is wider than the viewport
    scale, _ = fit_scale(xy, radii, sizes, (180, 500), min_radius_px=4.0)
    assert scale == pytest.approx(fit_scale(xy, radii, np.zeros_like(sizes), (180, 500),
                                            min_radius_px=4.0)[0])
    assert scale > 1.0  # the discs alone fill the width, not a vanishing speck
    tiny, _ = fit_scale(xy, radii, np.zeros_like(sizes), (6, 6), min_radius_px=4.0)
    assert tiny > 1e-3  # discs over the viewport: the centres still fit


# -- pure sizes and packing ---------------------------------------------------------------
def test_bound_radii_never_lets_discs_overlap_and_keeps_sizes_comparable():
    rng = np.random.default_rng(3)
    xy = np.vstack([rng.normal(0, 60, (300, 2)), [[1000.0, 1000.0]]])
    radius = rng.uniform(7, 22, 301)
    bounded = bound_radii(xy, radius)
    i, j = pairs_within(xy, 100.0)
    apart = np.hypot(*(xy[i] - xy[j]).T) >= bounded[i] + bounded[j] - 1e-9
    # only nodes almost on top of each other reach the least radius and may still touch
    floored = np.minimum(bounded[i], bounded[j]) <= 0.5 + 1e-12
    assert (apart | floored).all() and (~apart).sum() < 0.02 * len(xy)
    assert (bounded <= radius + 1e-12).all()
    # alone, a node shrinks only by the common factor: sizes still compare
    assert bounded[-1] / radius[-1] == pytest.approx((bounded / radius).max())


def test_pairs_within_finds_exactly_the_close_pairs():
    rng = np.random.default_rng(5)
    xy = rng.uniform(0, 50, (200, 2))
    i, j = pairs_within(xy, 6.0)
    found = set(zip(i.tolist(), j.tolist(), strict=True))
    d = np.hypot(*(xy[:, None] - xy[None]).transpose(2, 0, 1))
    expected = {(a, b) for a in range(200) for b in range(a + 1, 200) if d[a, b] < 6.0}
    assert found == expected


@pytest.mark.parametrize("aspect", [1.0, 1.6, 2.2])
def test_islands_are_packed_around_the_main_component_in_the_canvas_shape(aspect):
    rng = np.random.default_rng(0)
    main = rng.normal(0, 3, (300, 2))
    blocks = [(np.arange(300), main)] + [(np.array([300 + k]), np.zeros((1, 2)))
                                          for k in range(250)]
    xy = np.zeros((550, 2))
    pack(blocks, xy, None, aspect)
    span = xy.max(axis=0) - xy.min(axis=0)
    assert aspect / 1.5 < span[0] / span[1] < aspect * 1.5
    # islands ring the mainland: some on each side of it
    lo, hi = xy[:300].min(axis=0), xy[:300].max(axis=0)
    islands = xy[300:]
    assert (islands[:, 0] < lo[0]).any() and (islands[:, 0] > hi[0]).any()
    if aspect <= 1.6:
        assert (islands[:, 1] < lo[1]).any() and (islands[:, 1] > hi[1]).any()
    assert not ((islands > lo) & (islands < hi)).all(axis=1).any()


def test_a_layout_of_many_components_fills_a_wide_box():
    edges = [(f"h{k}", f"h{(k * 7 + 1) % 60}") for k in range(60)]
    edges += [(f"p{k}a", f"p{k}b") for k in range(40)]
    pos = layout(edges + [], nodes=None, aspect=1.6)
    xy = np.array(list(pos.values()))
    span = xy.max(axis=0) - xy.min(axis=0)
    wider = span[0] / span[1]
    assert wider > 1.0 and wider < 2.6


def test_show_all_fills_the_canvas(window, qtbot):
    window.show_all()
    canvas = window.canvas
    assert canvas.wait_for_layout(30_000)
    canvas.fit_all(follow=True)
    painted(canvas)
    viewport = canvas.viewport().rect()
    box = QRectF()
    for _, centre, radius in canvas.node_discs():
        box = box.united(QRectF(centre - QPointF(radius, radius), centre + QPointF(radius, radius)))
    assert box.width() * box.height() > 0.45 * viewport.width() * viewport.height()
    assert QRectF(viewport).adjusted(-1, -1, 1, 1).contains(box)
    assert canvas.node_at(QPoint(1, 1)) is None
