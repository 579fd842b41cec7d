"""Where node labels go on screen, without overlaps: pure geometry on NumPy arrays, no Qt.

:func:`place_labels` is a greedy placement by importance: each label, most important node
first, takes the first of several positions around its node (below, above, right, left,
then the diagonals) whose rectangle stays on screen, covers no node disc and overlaps no
label placed before it. Collisions are tested on an occupancy grid of the screen whose
cells are marked conservatively (a cell is taken as soon as a disc or a rectangle touches
it), so a label that is placed never overlaps, at the price of at most one cell of room.
:class:`Occupancy` is that grid, also used for other text (relation names).

:func:`fit_scale` is the zoom at which a drawing fits a viewport with the labels below its
nodes included. All coordinates are screen pixels unless said otherwise; a rectangle is a
row ``(left, top, right, bottom)``.
"""

from __future__ import annotations

import math

import numpy as np

GAP = 2.0
"""Pixels between a node's disc and its label."""

CELL = 2.0
"""Side of an occupancy cell in pixels (the most room a collision test may waste)."""

CANDIDATES = ("below", "above", "right", "left",
              "below right", "below left", "above right", "above left")
"""The positions tried around a node, in order of preference."""

_DIAGONAL = math.sqrt(0.5)


def candidate_rects(centres: np.ndarray, radii: np.ndarray, sizes: np.ndarray,
                    gap: float = GAP) -> np.ndarray:
    """The rectangles of every label at every position of :data:`CANDIDATES`.

    Parameters
    ----------
    centres
        ``(n, 2)`` node centres.
    radii
        ``(n,)`` disc radii.
    sizes
        ``(n, 2)`` label widths and heights.
    gap
        Room between a disc and its label (at least :data:`CELL`, so that a label never
        touches its own disc's cells).

    Returns
    -------
    numpy.ndarray
        ``(n, len(CANDIDATES), 4)`` rectangles; none of them meets its own disc.
    """
    x, y = centres[:, 0], centres[:, 1]
    w, h = sizes[:, 0], sizes[:, 1]
    r = radii
    d = r * _DIAGONAL + gap
    lefts = np.stack([x - w / 2, x - w / 2, x + r + gap, x - r - gap - w,
                      x + d, x - d - w, x + d, x - d - w], axis=1)
    tops = np.stack([y + r + gap, y - r - gap - h, y - h / 2, y - h / 2,
                     y + d, y + d, y - d - h, y - d - h], axis=1)
    return np.stack([lefts, tops, lefts + w[:, None], tops + h[:, None]], axis=2)


class Occupancy:
    """A screen of ``width`` x ``height`` pixels in square cells, some of them taken.

    Parameters
    ----------
    width, height
        The screen's size in pixels; rectangles that leave it are never free.
    cell
        Cell side in pixels.
    """

    def __init__(self, width: float, height: float, cell: float = CELL) -> None:
        if cell <= 0:
            raise ValueError(f"cell must be positive, got {cell!r}")
        self.width, self.height, self.cell = float(width), float(height), float(cell)
        self.rows = max(int(math.ceil(height / cell)), 1)
        self.cols = max(int(math.ceil(width / cell)), 1)
        self.grid = np.zeros((self.rows, self.cols), dtype=bool)

    def cells(self, rects: np.ndarray) -> np.ndarray:
        """``(k, 4)`` integer cell ranges ``(row0, row1, col0, col1)`` (ends exclusive) of
        ``(k, 4)`` rectangles: every cell a rectangle touches."""
        rects = np.asarray(rects, dtype=float).reshape(-1, 4)
        c = self.cell
        with np.errstate(invalid="ignore"):
            c0 = np.floor(rects[:, 0] / c)
            r0 = np.floor(rects[:, 1] / c)
            c1 = np.ceil(rects[:, 2] / c)
            r1 = np.ceil(rects[:, 3] / c)
        out = np.stack([r0, r1, c0, c1], axis=1)
        return np.nan_to_num(out, nan=-1.0).astype(np.int64)

    def inside(self, rects: np.ndarray) -> np.ndarray:
        """Which rectangles lie wholly on the screen."""
        rects = np.asarray(rects, dtype=float).reshape(-1, 4)
        with np.errstate(invalid="ignore"):
            return ((rects[:, 0] >= 0) & (rects[:, 1] >= 0)
                    & (rects[:, 2] <= self.width) & (rects[:, 3] <= self.height))

    def free(self, rect) -> bool:
        """Whether ``rect`` is on the screen and touches no taken cell."""
        rect = np.asarray(rect, dtype=float)
        if not bool(self.inside(rect)[0]):
            return False
        r0, r1, c0, c1 = self.cells(rect)[0].tolist()
        return not self.grid[r0:r1, c0:c1].any()

    def take(self, rect) -> None:
        """Mark the cells ``rect`` touches (the part on the screen) as taken."""
        r0, r1, c0, c1 = self.cells(rect)[0].tolist()
        self.grid[max(r0, 0):max(r1, 0), max(c0, 0):max(c1, 0)] = True

    def take_discs(self, centres: np.ndarray, radii: np.ndarray) -> None:
        """Mark every cell that any of the discs touches (vectorised, row by row)."""
        centres = np.asarray(centres, dtype=float).reshape(-1, 2)
        radii = np.asarray(radii, dtype=float).reshape(-1)
        ok = np.isfinite(centres).all(axis=1) & (radii > 0)
        x, y, r = centres[ok, 0], centres[ok, 1], radii[ok]
        c = self.cell
        first = np.floor((y - r) / c).astype(np.int64)
        last = np.floor((y + r) / c).astype(np.int64)
        first = np.clip(first, 0, self.rows)
        last = np.clip(last, -1, self.rows - 1)
        spans = np.maximum(last - first + 1, 0)
        if spans.sum() == 0:
            return
        disc = np.repeat(np.arange(len(r)), spans)
        row = first[disc] + (np.arange(spans.sum()) - np.repeat(np.cumsum(spans) - spans, spans))
        band_top, band_bottom = row * c, (row + 1) * c
        yd = y[disc]
        dy = np.maximum(np.maximum(band_top - yd, yd - band_bottom), 0.0)
        half = np.sqrt(np.maximum(r[disc] ** 2 - dy ** 2, 0.0))
        c0 = np.clip(np.floor((x[disc] - half) / c).astype(np.int64), 0, self.cols)
        c1 = np.clip(np.floor((x[disc] + half) / c).astype(np.int64) + 1, 0, self.cols)
        keep = c1 > c0
        row, c0, c1 = row[keep], c0[keep], c1[keep]
        diff = np.zeros((self.rows, self.cols + 1), dtype=np.int32)
        np.add.at(diff, (row, c0), 1)
        np.add.at(diff, (row, c1), -1)
        self.grid |= np.cumsum(diff, axis=1)[:, :-1] > 0

    def free_many(self, rects: np.ndarray) -> np.ndarray:
        """Which of ``(..., 4)`` rectangles are free, tested all at once."""
        shape = rects.shape[:-1]
        flat = rects.reshape(-1, 4)
        table = np.zeros((self.rows + 1, self.cols + 1), dtype=np.int32)
        table[1:, 1:] = np.cumsum(np.cumsum(self.grid, axis=0, dtype=np.int32), axis=1)
        cells = self.cells(flat)
        ok = self.inside(flat)
        r0 = np.clip(cells[:, 0], 0, self.rows)
        r1 = np.clip(cells[:, 1], 0, self.rows)
        c0 = np.clip(cells[:, 2], 0, self.cols)
        c1 = np.clip(cells[:, 3], 0, self.cols)
        taken = table[r1, c1] - table[r0, c1] - table[r1, c0] + table[r0, c0]
        return (ok & (taken == 0)).reshape(shape)


def place_labels(centres: np.ndarray, radii: np.ndarray, sizes: np.ndarray,
                 order: np.ndarray, viewport: tuple[float, float], *,
                 discs: tuple[np.ndarray, np.ndarray] | None = None, must: int = 0,
                 dots: tuple[np.ndarray, np.ndarray] | None = None, lead: int = 0,
                 cover: int = 0, gap: float = GAP, cell: float = CELL) -> np.ndarray:
    """Greedy label placement, most important first, without overlaps.

    Parameters
    ----------
    centres, radii, sizes
        ``(n, 2)`` node centres, ``(n,)`` disc radii and ``(n, 2)`` label sizes (width,
        height) of the nodes that may get a label, in screen pixels.
    order
        Rows to label, most important first (hubs first); other rows get no label.
    viewport
        ``(width, height)`` of the screen; labels stay wholly on it.
    discs
        ``(centres, radii)`` of every disc labels must not cover (default: the labelled
        nodes' own discs). Each label is placed clear of its own disc by construction.
    must
        The first ``must`` rows of ``order`` are labelled whatever they cover (the hovered
        and selected nodes): at their first free position, else below their node. Other
        labels still avoid them.
    dots, lead
        ``(centres, radii)`` of discs that the first ``lead`` rows of ``order`` may cover
        (the dots of a crowd too dense to label, over which the hubs are still named);
        every other label avoids them as it avoids ``discs``.
    cover
        The first ``cover`` rows of ``order`` (the main hubs) may cover any disc when no
        position is free, but never another label.
    gap, cell
        Room between a disc and its label; side of the occupancy cells.

    Returns
    -------
    numpy.ndarray
        ``(n, 4)`` rectangles ``(left, top, right, bottom)``, NaN rows for nodes without a
        label. None overlap; none meets a disc unless ``must``, ``lead`` or ``cover`` let it.
    """
    centres = np.asarray(centres, dtype=float).reshape(-1, 2)
    radii = np.asarray(radii, dtype=float).reshape(-1)
    sizes = np.asarray(sizes, dtype=float).reshape(-1, 2)
    order = np.asarray(order, dtype=np.int64).reshape(-1)
    n = len(centres)
    if not (len(radii) == len(sizes) == n):
        raise ValueError("centres, radii and sizes must have one row per node")
    placed = np.full((n, 4), np.nan)
    if len(order) == 0:
        return placed
    gap = max(gap, cell)
    occupancy = Occupancy(viewport[0], viewport[1], cell)
    if discs is None:
        occupancy.take_discs(centres, radii)
    else:
        occupancy.take_discs(discs[0], discs[1])
    candidates = candidate_rects(centres[order], radii[order], sizes[order], gap)
    tries, covering = _tries(occupancy, candidates, dots, lead, cover)
    for k, j in _greedy(occupancy, candidates, tries, covering, must).items():
        placed[order[k]] = candidates[k, j]
    return placed


def _greedy(occupancy: Occupancy, candidates: np.ndarray, tries: list[list[int]],
            covering: list[list[int]], must: int) -> dict[int, int]:
    """Label -> chosen candidate: each in turn at its first free try (a hub with none: at
    one ``covering`` a disc), the ``must`` first ones anyway; then those left out, by moving
    a label or two aside; then the hubs over a disc, where moving a label or two aside
    frees a place clear of discs."""
    cells = occupancy.cells(candidates.reshape(-1, 4)).reshape(len(candidates), -1, 4)
    labels = _Labels(occupancy.grid.shape, _as_lists(np.clip(cells, 0, None)))
    unplaced = []
    for k in range(len(candidates)):
        chosen = next((j for j in tries[k] if labels.free(k, j)), -1)
        if chosen < 0 and covering[k]:
            chosen = next((j for j in covering[k] if labels.free(k, j)), -1)
        if chosen < 0 and k < must:
            chosen = next((j for j in range(len(CANDIDATES))
                           if bool(occupancy.inside(candidates[k, j])[0])), 0)
        if chosen < 0:
            unplaced.append(k)
        else:
            labels.put(k, chosen)
    reach = [clear + over for clear, over in zip(tries, covering, strict=True)]
    for k in unplaced[:REPAIR_MAX]:
        labels.squeeze_in(k, reach, must)
    for k, j in list(labels.choice.items()):
        if j in covering[k]:  # a hub over a disc: moving a label or two aside may free it
            labels.lift(k)
            if not labels.squeeze_in(k, tries, must):
                labels.put(k, j)
    return labels.choice


def _as_lists(array: np.ndarray, rows: int = 512) -> list:
    """``array.tolist()`` a few hundred rows at a time: one call making a million Python
    objects holds the interpreter lock throughout (the window, in another thread, waits)."""
    out: list = []
    for start in range(0, len(array), rows):
        out.extend(array[start:start + rows].tolist())
    return out


def _tries(occupancy: Occupancy, candidates: np.ndarray,
           dots: tuple[np.ndarray, np.ndarray] | None, lead: int, cover: int
           ) -> tuple[list[list[int]], list[list[int]]]:
    """Per label, the candidates it may take in order of preference (see place_labels),
    and those over a disc that the first ``cover`` may take when none is free; the dots
    are added to ``occupancy``."""
    clear = occupancy.free_many(candidates)  # on screen and over no disc
    tries = [[j for j, ok in enumerate(row) if ok] for row in _as_lists(clear)]
    if dots is not None and len(dots[1]):
        occupancy.take_discs(dots[0], dots[1])
        clear_all = _as_lists(occupancy.free_many(candidates))
        for k, row in enumerate(tries):
            free = [j for j in row if clear_all[k][j]]
            # the leading labels rather go over no dot, but may
            tries[k] = free + [j for j in row if j not in free] if k < lead else free
    inside = _as_lists(occupancy.inside(candidates.reshape(-1, 4)).reshape(len(candidates), -1))
    covering: list[list[int]] = [[] for _ in tries]
    for k in range(min(cover, len(candidates))):
        covering[k] = [j for j, ok in enumerate(inside[k]) if ok and j not in tries[k]]
    return tries, covering


REPAIR_MAX = 300
"""Labels left out by the greedy pass that may still move one or two others aside."""


class _Labels:
    """The labels placed so far: which candidate each took and who owns every cell."""

    def __init__(self, shape: tuple[int, int], cells: list) -> None:
        self.owner = np.full(shape, -1, dtype=np.int32)
        self.cells = cells  # [label][candidate] -> (row0, row1, col0, col1)
        self.choice: dict[int, int] = {}

    def _window(self, k: int, j: int) -> np.ndarray:
        r0, r1, c0, c1 = self.cells[k][j]
        return self.owner[r0:r1, c0:c1]

    def free(self, k: int, j: int) -> bool:
        return not (self._window(k, j) >= 0).any()

    def put(self, k: int, j: int) -> None:
        self._window(k, j)[...] = k
        self.choice[k] = j

    def lift(self, k: int) -> int:
        j = self.choice.pop(k)
        window = self._window(k, j)
        window[window == k] = -1
        return j

    def squeeze_in(self, k: int, tries: list[list[int]], must: int) -> bool:
        """Place label ``k`` by moving at most two labels in its way to other free spots
        of theirs (labels that must stay where they are are never moved)."""
        for j in tries[k]:
            window = self._window(k, j)
            blockers = np.unique(window[window >= 0]).tolist()
            if len(blockers) > 2 or any(b < must for b in blockers):
                continue
            old = {b: self.lift(b) for b in blockers}
            self.put(k, j)
            moved = []
            for b in blockers:
                alt = next((jj for jj in tries[b] if jj != old[b] and self.free(b, jj)), None)
                if alt is None:
                    break
                self.put(b, alt)
                moved.append(b)
            else:
                return True
            for b in moved:
                self.lift(b)
            self.lift(k)
            for b, jj in old.items():
                self.put(b, jj)
        return False


def rects_overlap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``(len(a), len(b))``: whether rectangle ``a[i]`` and ``b[j]`` share inner points."""
    a = np.asarray(a, dtype=float).reshape(-1, 4)[:, None, :]
    b = np.asarray(b, dtype=float).reshape(-1, 4)[None, :, :]
    return ((np.minimum(a[..., 2], b[..., 2]) > np.maximum(a[..., 0], b[..., 0]))
            & (np.minimum(a[..., 3], b[..., 3]) > np.maximum(a[..., 1], b[..., 1])))


def rect_disc_overlap(rects: np.ndarray, centres: np.ndarray, radii: np.ndarray) -> np.ndarray:
    """``(len(rects), len(centres))``: whether a rectangle and a disc share inner points."""
    rects = np.asarray(rects, dtype=float).reshape(-1, 4)[:, None, :]
    centres = np.asarray(centres, dtype=float).reshape(-1, 2)[None, :, :]
    nx = np.clip(centres[..., 0], rects[..., 0], rects[..., 2])
    ny = np.clip(centres[..., 1], rects[..., 1], rects[..., 3])
    d2 = (centres[..., 0] - nx) ** 2 + (centres[..., 1] - ny) ** 2
    return d2 < np.asarray(radii, dtype=float).reshape(1, -1) ** 2


def fit_scale(xy: np.ndarray, radii: np.ndarray, sizes: np.ndarray,
              viewport: tuple[float, float], *, gap: float = GAP, min_radius_px: float = 0.0,
              max_scale: float = math.inf) -> tuple[float, tuple[float, float]]:
    """The largest zoom at which every disc and the label below it fit in ``viewport``.

    Parameters
    ----------
    xy, radii
        ``(n, 2)`` node centres and ``(n,)`` radii in scene units (NaN rows are ignored).
    sizes
        ``(n, 2)`` label sizes in pixels (zeros for nodes without a label).
    viewport
        ``(width, height)`` available, in pixels (margins already taken off).
    gap
        Room between a disc and its label, in pixels.
    min_radius_px
        Discs are never drawn smaller than this radius on screen.
    max_scale
        The most pixels per scene unit (small drawings are not blown up).

    Returns
    -------
    tuple
        ``(scale, (x, y))``: pixels per scene unit, and the scene point to put at the
        centre of the viewport so that the box of discs and labels is centred.
    """
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    keep = np.isfinite(xy).all(axis=1)
    xy, radii, sizes = xy[keep], np.asarray(radii, float)[keep], np.asarray(sizes, float)[keep]
    if len(xy) == 0:
        return 1.0, (0.0, 0.0)
    width, height = max(viewport[0], 1.0), max(viewport[1], 1.0)

    def box(s: float) -> tuple[float, float, float, float]:
        r = np.maximum(radii * s, min_radius_px)
        half = np.maximum(r, sizes[:, 0] / 2)
        below = np.where(sizes[:, 1] > 0, r + gap + sizes[:, 1], r)
        x, y = xy[:, 0] * s, xy[:, 1] * s
        return (float((x - half).min()), float((y - r).min()),
                float((x + half).max()), float((y + below).max()))

    def fits(s: float) -> bool:
        left, top, right, bottom = box(s)
        return right - left <= width and bottom - top <= height

    lo, hi = 1e-6, min(max_scale, 1e6)
    if not fits(lo):
        # Labels (or the smallest discs) wider than the viewport fit at no zoom: fit what
        # can be fitted, the discs alone, then the centres alone, never a vanishing zoom.
        if sizes.any():
            return fit_scale(xy, radii, np.zeros_like(sizes), viewport, gap=gap,
                             min_radius_px=min_radius_px, max_scale=max_scale)
        if min_radius_px > 0:
            return fit_scale(xy, radii, sizes, viewport, gap=gap, max_scale=max_scale)
    lo = _largest(fits, lo, hi)
    left, top, right, bottom = box(lo)
    return lo, ((left + right) / 2 / lo, (top + bottom) / 2 / lo)


def _largest(fits, lo: float, hi: float) -> float:
    """The largest scale in ``[lo, hi]`` that ``fits`` (bisection on a log scale)."""
    if fits(hi):
        return hi
    for _ in range(60):
        mid = math.sqrt(lo * hi)
        if fits(mid):
            lo = mid
        else:
            hi = mid
        if hi / lo < 1.001:
            break
    return lo


__all__ = ["CANDIDATES", "CELL", "GAP", "Occupancy", "candidate_rects", "fit_scale",
           "place_labels", "rect_disc_overlap", "rects_overlap"]
