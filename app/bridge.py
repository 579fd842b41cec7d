"""Connect Qt widgets to the Qt-free models of ``graph.explore``.

The models announce changes through :class:`graph.events.Emitter` (plain callbacks). A
widget listens with :func:`listen`, which also disconnects when the widget is destroyed,
so a deleted widget is never called back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject


def listen(widget: QObject, subscribe: Callable[[Callable], Callable[[], None]],
           handler: Callable) -> Callable[[], None]:
    """``subscribe(handler)`` for as long as ``widget`` lives; returns the unsubscribe."""
    unsubscribe = subscribe(handler)
    widget.destroyed.connect(lambda *_: unsubscribe())
    return unsubscribe
