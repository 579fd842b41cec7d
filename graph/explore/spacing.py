"""Node sizes that fit the layout: radii bounded so that discs never overlap.

:func:`bound_radii` shrinks the radii where the layout put nodes closer than their sizes
allow (crowded parts of a big graph, a hub sized by degree among its leaves);
:func:`pairs_within` is the neighbour search it uses (buckets of a grid, NumPy only).
"""

from __future__ import annotations

import numpy as np


def pairs_within(xy: np.ndarray, reach: float) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of rows ``i < j`` of ``xy`` closer than ``reach`` (a grid of buckets,
    O(n + pairs)); rows with NaN are left out.

    Returns
    -------
    tuple
        Arrays ``(i, j)`` of the pairs.
    """
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    rows = np.flatnonzero(np.isfinite(xy).all(axis=1))
    none = np.zeros(0, dtype=np.int64)
    if len(rows) < 2 or not reach > 0:
        return none, none
    cells = np.floor((xy[rows] - xy[rows].min(axis=0)) / reach).astype(np.int64)
    span = int(cells[:, 1].max()) + 3
    key = (cells[:, 0] + 1) * span + cells[:, 1] + 1
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    found_i, found_j = [], []
    for dx, dy in ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1)):
        target = key + dx * span + dy
        lo = np.searchsorted(sorted_key, target, side="left")
        hi = np.searchsorted(sorted_key, target, side="right")
        counts = hi - lo
        if counts.sum() == 0:
            continue
        a = np.repeat(np.arange(len(rows)), counts)
        b = order[np.repeat(lo, counts) + np.arange(counts.sum())
                  - np.repeat(np.cumsum(counts) - counts, counts)]
        keep = a < b if (dx, dy) == (0, 0) else np.ones(len(a), dtype=bool)
        a, b = a[keep], b[keep]
        near = np.hypot(*(xy[rows[a]] - xy[rows[b]]).T) < reach
        found_i.append(rows[a[near]])
        found_j.append(rows[b[near]])
    if not found_i:
        return none, none
    i, j = np.concatenate(found_i), np.concatenate(found_j)
    return np.minimum(i, j), np.maximum(i, j)


def bound_radii(xy: np.ndarray, radius: np.ndarray, room: float = 0.85,
                least: float = 0.5) -> np.ndarray:
    """Radii scaled down so that no two discs overlap where the layout put their centres.

    First every radius shrinks by one common factor, the crowding of a typical node (so
    sizes keep comparing), then each disc still too close to another shrinks with it
    until the two take at most ``room`` of the distance between their centres.

    Parameters
    ----------
    xy
        ``(n, 2)`` centres (rows with NaN are left as they are).
    radius
        ``(n,)`` wanted radii.
    room
        The share of the distance between two centres their discs may fill.
    least
        No radius shrinks below this.

    Returns
    -------
    numpy.ndarray
        The bounded radii; never larger than ``radius``.
    """
    radius = np.asarray(radius, dtype=float)
    if len(radius) < 2:
        return radius.copy()
    i, j = pairs_within(xy, 2 * float(radius.max()) / room)
    if len(i) == 0:
        return radius.copy()
    dist = np.hypot(*(xy[i] - xy[j]).T)
    factor = np.ones(len(radius))
    ratio = room * dist / np.maximum(radius[i] + radius[j], 1e-12)
    np.minimum.at(factor, i, ratio)
    np.minimum.at(factor, j, ratio)
    placed = np.isfinite(xy).all(axis=1)
    common = min(1.0, float(np.median(factor[placed]))) if placed.any() else 1.0
    out = radius * common
    ratio = room * dist / np.maximum(out[i] + out[j], 1e-12)
    factor[:] = 1.0
    np.minimum.at(factor, i, ratio)
    np.minimum.at(factor, j, ratio)
    return np.maximum(out * np.minimum(factor, 1.0), np.minimum(least, radius))
