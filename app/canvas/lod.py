"""Level of detail: a crowd of hairlines rasterised with NumPy rather than stroked by Qt.

With thousands of lines in view (:data:`app.canvas.items.EDGE_DETAIL_LIMIT`) every line is
one pixel wide and opaque, its weight shown by shade. Qt's stroker takes a few
microseconds a line, so 60,000 of them cost more than a frame; sampling each line once per
pixel along its longer axis and writing the samples into an image with NumPy, then
drawing that image once, paints the same pixels several times faster. :class:`LineBatch`
collects the lines in drawing order (later ones over earlier ones, as Qt paints them) and
falls back to ``drawLines`` when the view is rotated or sheared or the lines would take
too many samples (long lines far outside the view when zoomed in).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

MAX_SAMPLES = 3_000_000  # more pixels than this along all lines: Qt strokes them
CHUNK_SAMPLES = 100_000  # pixels rasterised between two pauses (5-10 ms on a busy machine)


class LineBatch:
    """One-pixel opaque lines to paint together: ``add`` them in order, then ``flush``."""

    def __init__(self) -> None:
        self._parts: list[tuple[np.ndarray, np.ndarray, QColor]] = []

    def add(self, a: np.ndarray, b: np.ndarray, colour: QColor) -> None:
        """Lines from the rows of ``a`` to those of ``b`` (scene units) in ``colour``."""
        if len(a):
            self._parts.append((a, b, colour))

    def flush(self, painter: QPainter,
              stroke: Callable[[np.ndarray, np.ndarray, QColor], None]) -> Iterator[None]:
        """Paint what was added (``stroke(a, b, colour)`` draws with Qt when it must), a
        part at a time: a generator that pauses between parts."""
        parts, self._parts = self._parts, []
        if not parts:
            return
        if (yield from raster_lines(painter, parts)):
            return
        for a, b, colour in parts:
            stroke(a, b, colour)
            yield


def raster_lines(painter: QPainter, parts: list[tuple[np.ndarray, np.ndarray, QColor]]
                 ) -> Iterator[None]:
    """Paint one-pixel lines ``(a, b, colour)`` as one image, pausing (yielding) between
    chunks of :data:`CHUNK_SAMPLES`; returns False when it would not pay (a rotated or
    sheared view, too many samples) and nothing was painted."""
    transform = painter.worldTransform()
    if transform.type().value > QTransform.TransformationType.TxScale.value:
        return False
    device = painter.device()
    ratio = device.devicePixelRatioF()
    width, height = round(device.width() * ratio), round(device.height() * ratio)
    scale = np.array([transform.m11(), transform.m22()]) * ratio
    offset = np.array([transform.dx(), transform.dy()]) * ratio + 0.5  # +0.5: rounding
    a = np.concatenate([p[0] for p in parts]) * scale + offset
    delta = np.concatenate([p[1] for p in parts]) * scale + offset - a
    samples = np.ceil(np.abs(delta).max(axis=1)).astype(np.int64) + 1
    if int(samples.sum()) > MAX_SAMPLES:
        return False
    argb = np.array([p[2].rgba() for p in parts], dtype=np.uint32)
    colour = np.repeat(argb, [len(p[0]) for p in parts])
    per_sample = (delta / np.maximum(samples - 1, 1)[:, None]).astype(np.float32)
    a = a.astype(np.float32)
    pixels = np.zeros(width * height, dtype=np.uint32)
    ends = np.cumsum(samples)
    first = 0
    yield  # the set-up above takes as long as a chunk
    while first < len(a):  # lines in order: later ones over earlier ones
        last = int(np.searchsorted(ends, ends[first] - samples[first] + CHUNK_SAMPLES,
                                   side="right"))
        chunk = slice(first, max(last, first + 1))
        _raster(pixels, width, height, a[chunk], per_sample[chunk], samples[chunk],
                colour[chunk])
        first = chunk.stop
        if first < len(a):
            yield
    image = QImage(pixels.data, width, height, 4 * width,
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    painter.save()
    painter.resetTransform()
    painter.drawImage(0, 0, image)  # painted before ``pixels`` goes
    painter.restore()
    return True


def _raster(pixels: np.ndarray, width: int, height: int, a: np.ndarray,
            per_sample: np.ndarray, samples: np.ndarray, colour: np.ndarray) -> None:
    """Write lines (start ``a``, step ``per_sample``, ``samples`` long) into ``pixels``."""
    total = int(samples.sum())
    # Sample k of a line lies at a + k * per_sample: NumPy repeats per sample.
    step = np.arange(total, dtype=np.float32)
    step -= np.repeat((np.cumsum(samples) - samples).astype(np.float32), samples)
    x = np.repeat(a[:, 0], samples)
    x += np.repeat(per_sample[:, 0], samples) * step
    y = np.repeat(a[:, 1], samples)
    y += np.repeat(per_sample[:, 1], samples) * step
    inside = (x >= 0) & (x < width) & (y >= 0) & (y < height)
    where = y[inside].astype(np.int32) * width + x[inside].astype(np.int32)
    pixels[where] = np.repeat(colour, samples)[inside]


__all__ = ["CHUNK_SAMPLES", "MAX_SAMPLES", "LineBatch", "raster_lines"]
