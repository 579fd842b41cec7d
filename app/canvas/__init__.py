"""The graph canvas: the visible part of the knowledge graph, drawn fast, laid out off-thread.

:class:`GraphCanvas` (:mod:`app.canvas.view`) shows what the exploration makes visible,
minus what its filter leaves out. The package is split along its seams:

* :mod:`app.canvas.scene` builds the drawn arrays and answers hit tests, without Qt;
  :mod:`app.canvas.scene_job` builds big drawings in a worker, newest request first;
* :mod:`app.canvas.items` paints them from one graphics item in a few batched draw calls,
  with :mod:`app.canvas.labels` for the text and :mod:`app.canvas.style` for the colours;
  :mod:`app.canvas.frame_cache` keeps the last frame (repaints, pans, zooms, big frames
  painted a part at a time) and :mod:`app.canvas.lod` rasterises crowds of hairlines;
* :mod:`app.canvas.layout_runner` lays out off the GUI thread (an
  :class:`app.workers.JobThread`) and glides nodes to their new place;
* :mod:`app.canvas.interaction` handles the mouse and the keyboard, and
  :mod:`app.canvas.selection` the selected nodes (rubber band, Tab and arrow keys, with
  :mod:`app.canvas.navigation` for the geometry);
* :mod:`app.canvas.export` writes PNG and SVG; :mod:`app.canvas.legend` is the colour key
  and :mod:`app.canvas.minimap` the map of big graphs.

The widgets are imported on first use, so that importing :mod:`app.canvas.scene` (tests,
benchmarks, tools) does not load Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.canvas.legend import TypeLegend
    from app.canvas.view import GraphCanvas

__all__ = ["GraphCanvas", "TypeLegend"]


def __getattr__(name: str):
    if name == "GraphCanvas":
        from app.canvas.view import GraphCanvas

        return GraphCanvas
    if name == "TypeLegend":
        from app.canvas.legend import TypeLegend

        return TypeLegend
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
