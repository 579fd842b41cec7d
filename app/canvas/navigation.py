"""Where the keyboard and the rubber band take the selection, on the drawn arrays (no Qt).

:func:`node_towards` answers the arrow keys (the node lying most in a direction, a
neighbour when there is one), :func:`nodes_in_box` the rubber band.
"""

from __future__ import annotations

import numpy as np

from app.canvas.scene import SceneArrays

DIRECTIONS = {"left": (-1.0, 0.0), "right": (1.0, 0.0), "up": (0.0, -1.0), "down": (0.0, 1.0)}
MIN_COSINE = 0.35  # about 70 degrees either side of the arrow: still "that way"


def _best_towards(xy: np.ndarray, origin: np.ndarray, candidates: np.ndarray,
                  direction: np.ndarray) -> int | None:
    if len(candidates) == 0:
        return None
    delta = xy[candidates] - origin
    dist = np.hypot(delta[:, 0], delta[:, 1])
    with np.errstate(invalid="ignore", divide="ignore"):
        cosine = (delta @ direction) / dist
    ok = np.isfinite(cosine) & (cosine >= MIN_COSINE) & (dist > 0)
    if not ok.any():
        return None
    # Near and straight ahead beats far, or near but off to the side.
    score = dist[ok] / cosine[ok] ** 2
    return int(candidates[ok][np.argmin(score)])


def node_towards(arrays: SceneArrays, i: int, direction: str) -> int | None:
    """The node an arrow key moves the selection to from node ``i``.

    Parameters
    ----------
    arrays
        The drawn scene.
    i
        Row of the current node (it must be placed).
    direction
        ``"left"``, ``"right"``, ``"up"`` or ``"down"`` (screen directions: y grows down).

    Returns
    -------
    int or None
        Among the drawn neighbours of ``i`` lying that way (within about 70 degrees), the
        nearest and most straight ahead; when no neighbour lies that way, any placed node
        that does; ``None`` when nothing does.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {tuple(DIRECTIONS)}, got {direction!r}")
    xy, placed = arrays.xy, arrays.placed
    if not placed[i]:
        return None
    vector = np.array(DIRECTIONS[direction])
    neighbours, _ = arrays.neighbours(i)
    neighbours = neighbours[placed[neighbours] & (neighbours != i)]
    best = _best_towards(xy, xy[i], neighbours, vector)
    if best is None:
        others = np.flatnonzero(placed)
        best = _best_towards(xy, xy[i], others[others != i], vector)
    return best


def nodes_in_box(arrays: SceneArrays, left: float, top: float, right: float,
                 bottom: float) -> list[str]:
    """Ids of the placed nodes whose centre lies in the box (scene coordinates)."""
    xy = arrays.xy
    with np.errstate(invalid="ignore"):
        inside = (arrays.placed & (xy[:, 0] >= left) & (xy[:, 0] <= right)
                  & (xy[:, 1] >= top) & (xy[:, 1] <= bottom))
    return [arrays.ids[i] for i in np.flatnonzero(inside)]
