"""Big drawings are built in a worker and the last frame is reused (app/canvas/scene_job.py,
app/canvas/frame_cache.py): results as a synchronous build gives, newest request only, the
event loop free meanwhile."""

from __future__ import annotations

import numpy as np
import pytest

from app.canvas import label_place
from app.canvas.frame_cache import Wait
from app.canvas.label_place import label_inputs, place, placement_steps
from app.canvas.scene import build_scene, fit_radii
from app.canvas.scene_job import ASYNC_SCENE_NODES
from graph.explore.filters import GraphFilter
from tests.app.windows import ba_graph, bare_canvas

TYPES = ("MODEL", "ORG", "METHOD")


@pytest.fixture
def big(qtbot):
    """A canvas showing all of a graph just big enough to be built in the worker."""
    model, exploration, canvas = bare_canvas(qtbot, 900, 700)
    model.reset(ba_graph(ASYNC_SCENE_NODES + 300, seed=5, types=TYPES))
    exploration.apply(exploration.show_all())
    qtbot.waitUntil(canvas.is_idle, timeout=60_000)
    assert len(canvas.drawn_nodes()) == ASYNC_SCENE_NODES + 300
    yield model, exploration, canvas
    canvas.shutdown()


def _links(canvas) -> set[tuple[str, str]]:
    arrays = canvas.state.arrays
    return {(arrays.ids[a], arrays.ids[b])
            for a, b in zip(arrays.link_u.tolist(), arrays.link_v.tolist(), strict=True)}


@pytest.mark.slow  # over a second: a big graph built and drawn twice
def test_a_filter_on_a_big_graph_returns_first_then_draws_what_a_build_on_the_spot_draws(
        qtbot, big):
    model, exploration, canvas = big
    before = canvas.drawn_nodes()
    only = GraphFilter(types=frozenset({"MODEL", "ORG"}))
    canvas.set_filter(only)
    # Back in the event loop with the old drawing still up and the new one on its way.
    assert canvas.drawn_nodes() == before
    assert not canvas.is_idle()
    with qtbot.waitSignal(canvas.drawingChanged, timeout=30_000):
        pass
    expected = build_scene(model.graph, exploration.visible, only)
    assert canvas.drawn_nodes() == expected.ids
    assert {n.split(":")[0] for n in canvas.drawn_nodes()} == {"MODEL", "ORG"}
    assert _links(canvas) == {(expected.ids[a], expected.ids[b]) for a, b in
                              zip(expected.link_u.tolist(), expected.link_v.tolist(),
                                  strict=True)}
    # Every drawn node kept the place it had before the filter.
    arrays = canvas.state.arrays
    assert np.isfinite(arrays.xy).all()
    placed = canvas.positions()
    assert all(tuple(arrays.xy[i]) == placed[n] for i, n in enumerate(arrays.ids))


def test_a_superseded_filter_is_never_drawn(qtbot, big):
    _, _, canvas = big
    drawn: list[set[str]] = []
    canvas.drawingChanged.connect(lambda: drawn.append(set(canvas.drawn_nodes())))
    canvas.set_filter(GraphFilter(types=frozenset({"MODEL"})))
    canvas.set_filter(GraphFilter(types=frozenset({"ORG"})))
    qtbot.waitUntil(canvas.is_idle, timeout=30_000)
    assert drawn, "the newest filter was drawn"
    assert all(nodes and {n.split(":")[0] for n in nodes} == {"ORG"} for nodes in drawn)


@pytest.mark.slow  # over a second: a big graph built and drawn twice
def test_a_graph_replaced_while_its_drawing_is_built_draws_the_new_one(qtbot, big):
    model, exploration, canvas = big
    canvas.set_filter(GraphFilter(types=frozenset({"METHOD"})))
    model.reset(ba_graph(ASYNC_SCENE_NODES + 50, seed=9, types=("ORG",)))
    exploration.apply(exploration.show_all())
    canvas.set_filter(None)
    qtbot.waitUntil(canvas.is_idle, timeout=60_000)
    assert canvas.drawn_nodes() == sorted(model.graph)


def test_a_small_drawing_is_complete_when_the_filter_returns(qtbot):
    model, exploration, canvas = bare_canvas(qtbot, 600, 400)
    try:
        model.reset(ba_graph(200, seed=2, types=TYPES))
        exploration.apply(exploration.show_all())
        canvas.redraw_now()
        canvas.set_filter(GraphFilter(types=frozenset({"ORG"})))
        assert {n.split(":")[0] for n in canvas.drawn_nodes()} == {"ORG"}
    finally:
        canvas.shutdown()


def test_a_repaint_reuses_the_last_frame_and_a_change_paints_afresh(qtbot, big):
    _, _, canvas = big
    frames = canvas._layer.frames
    canvas.viewport().repaint()
    first = frames._frame
    assert first is not None
    canvas.viewport().repaint()
    assert frames._frame is first  # nothing changed: the same frame
    picture = canvas.viewport().grab().toImage()
    canvas.select_node(canvas.drawn_nodes()[0])
    canvas.viewport().repaint()
    qtbot.waitUntil(lambda: not frames.pending())  # a slow frame is painted in parts
    assert frames._frame is not first
    assert canvas.viewport().grab().toImage() != picture  # the selection ring is painted


def test_while_a_new_drawing_is_built_the_last_frame_stays_then_the_new_one_is_painted(
        qtbot, big):
    _, _, canvas = big
    frames = canvas._layer.frames
    canvas.viewport().repaint()
    first = frames._frame
    picture = canvas.viewport().grab().toImage()
    canvas.set_filter(GraphFilter(types=frozenset({"MODEL"})))  # built in the worker
    canvas.select_node(canvas.drawn_nodes()[0])  # a change of the outgoing drawing
    canvas.viewport().repaint()
    assert canvas._builder.busy()
    assert frames._frame is first and not frames.pending()  # not painted afresh
    assert canvas.viewport().grab().toImage() == picture
    qtbot.waitUntil(canvas.is_idle, timeout=30_000)
    canvas.viewport().repaint()
    qtbot.waitUntil(lambda: not frames.pending())
    assert frames._frame is not first
    assert canvas.viewport().grab().toImage() != picture  # the ORG and METHOD nodes went


@pytest.mark.slow  # over a second: a big graph built and drawn twice
def test_the_radii_fitted_in_the_layout_worker_are_those_fitted_here(qtbot, big):
    _, _, canvas = big
    canvas.relayout()
    qtbot.waitUntil(canvas.is_idle, timeout=60_000)
    arrays = canvas.state.arrays
    fitted = arrays.radius.copy()
    fit_radii(arrays)
    assert np.allclose(fitted, arrays.radius)
    assert (fitted <= arrays.base_radius + 1e-9).all()


def test_a_saved_view_of_a_big_drawing_is_built_in_the_worker_with_its_places(qtbot, big):
    model, exploration, canvas = big
    nodes = sorted(model.graph)
    places = {n: (float(i % 50) * 40, float(i // 50) * 40) for i, n in enumerate(nodes)}
    exploration.apply(exploration.show_overview())
    qtbot.waitUntil(canvas.is_idle, timeout=30_000)
    exploration.apply(exploration.show_all())
    canvas.restore_view(places, [nodes[0]], [nodes[1], nodes[2]], 0.5, (400.0, 300.0))
    assert canvas._builder.busy()  # returned at once: the drawing is being built
    qtbot.waitUntil(canvas.is_idle, timeout=60_000)
    assert canvas.drawn_nodes() == nodes
    assert canvas.positions() == places  # nothing was laid out anew
    assert canvas.pinned_nodes() == {nodes[0]} and canvas.selected_nodes() == nodes[1:3]
    assert canvas._scale() == pytest.approx(0.5)
    centre = canvas.mapToScene(canvas.viewport().rect().center())
    assert (centre.x(), centre.y()) == pytest.approx((400.0, 300.0), abs=2)

def _view(canvas):
    transform = canvas.viewportTransform()
    viewport = canvas.viewport()
    return transform.m11(), transform, (viewport.width(), viewport.height())


@pytest.fixture
def crowd(monkeypatch):
    """The labels of the ``big`` drawing count as a crowd (placed in the worker)."""
    monkeypatch.setattr(label_place, "ASYNC_LABEL_NODES", 1000)


def test_the_labels_of_a_crowd_placed_in_the_worker_are_those_placed_here(qtbot, big, crowd):
    _, _, canvas = big
    state, placer = canvas.state, canvas._layer.placer
    scale, transform, size = _view(canvas)
    node_in = state.arrays.placed.copy()
    assert node_in.sum() > 1000
    state.label_cache = None
    steps = placement_steps(state, scale, node_in, None, transform, size, placer)
    with qtbot.waitSignal(placer.built, timeout=30_000):
        assert isinstance(next(steps), Wait)  # back to the event loop while it places
    with pytest.raises(StopIteration) as done:
        next(steps)
    placement = done.value.value
    expected = place(label_inputs(state, scale, node_in, None, transform, size))
    assert placement.rows and placement.rows == expected.rows
    assert placement.rects == expected.rects


def test_a_frame_in_parts_waits_for_its_labels_then_paints_them(qtbot, big, crowd):
    _, _, canvas = big
    frames = canvas._layer.frames
    canvas.viewport().repaint()
    frames._slow = True  # as a big drawing's frames are: painted in parts
    chosen = canvas.drawn_nodes()[-1]  # the least important: labelled because selected
    canvas.select_node(chosen)
    canvas.viewport().repaint()
    assert frames.pending()
    qtbot.waitUntil(lambda: not frames.pending(), timeout=30_000)
    assert chosen in dict(canvas.label_rects())
    assert canvas.is_idle()
