"""Arrow keys and the rubber band on the drawn arrays (no Qt needed)."""

from __future__ import annotations

import numpy as np
import pytest

from app.canvas.navigation import node_towards, nodes_in_box
from app.canvas.scene import build_scene


@pytest.fixture
def arrays(typed_graph):
    arrays = build_scene(typed_graph, list(typed_graph))
    rng = np.random.default_rng(4)
    arrays.xy = rng.uniform(-500, 500, size=(len(arrays.ids), 2))
    return arrays


def test_an_arrow_goes_to_the_neighbour_most_that_way_else_to_any_node(arrays):
    hub = max(range(len(arrays.ids)), key=lambda i: len(arrays.neighbours(i)[0]))
    n1, n2, n3 = arrays.neighbours(hub)[0][:3]
    stranger = next(i for i in range(len(arrays.ids))
                    if i != hub and i not in arrays.neighbours(hub)[0])
    far = next(i for i in range(len(arrays.ids))
               if i not in (hub, stranger) and i not in arrays.neighbours(hub)[0])
    arrays.xy[:] = np.nan  # only these are placed
    arrays.xy[[hub, n1, n2, n3, stranger, far]] = [(0, 0), (100, 0), (40, 60), (-50, 10),
                                                   (30, 0), (0, -200)]
    assert node_towards(arrays, hub, "right") == n1  # straight ahead beats nearer aside,
    assert node_towards(arrays, hub, "down") == n2  # and a neighbour beats a stranger
    assert node_towards(arrays, hub, "left") == n3
    assert node_towards(arrays, hub, "up") == far  # no neighbour that way: any node
    arrays.xy[far] = np.nan
    assert node_towards(arrays, hub, "up") is None


def test_the_rubber_band_takes_the_centres_inside(arrays):
    inside = nodes_in_box(arrays, 0, 0, 500, 500)
    expected = {arrays.ids[i] for i in range(len(arrays.ids))
                if (arrays.xy[i] >= 0).all() and (arrays.xy[i] <= 500).all()}
    assert set(inside) == expected and inside
    arrays.xy[arrays.index[inside[0]]] = np.nan  # not placed: not selectable
    assert inside[0] not in nodes_in_box(arrays, 0, 0, 500, 500)
    with pytest.raises(ValueError, match="direction"):
        node_towards(arrays, 0, "north")
