"""One event emitter for every model that announces changes (no Qt in here).

Listeners that are bound methods are held by weak reference, so a view that goes away
stops listening without a word (napari's ``EventEmitter`` does the same); plain functions
and lambdas are held strongly, since nothing else would keep them alive. ``connect``
returns a function that disconnects; Qt widgets call it when they are destroyed
(``app.bridge.listen``), so a deleted widget is never called.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

E = TypeVar("E")


class Emitter(Generic[E]):
    """Calls every connected listener with each emitted event, in connection order."""

    def __init__(self) -> None:
        self._refs: list[Callable[[], Callable[[E], None] | None]] = []

    def connect(self, listener: Callable[[E], None]) -> Callable[[], None]:
        """Call ``listener(event)`` on every :meth:`emit`; returns the disconnect function."""
        if hasattr(listener, "__self__") and hasattr(listener, "__func__"):
            ref: Callable[[], Callable[[E], None] | None] = weakref.WeakMethod(listener)
        else:
            def ref(listener=listener):
                return listener
        self._refs.append(ref)

        def disconnect() -> None:
            if ref in self._refs:
                self._refs.remove(ref)
        return disconnect

    def emit(self, event: E) -> None:
        for ref in list(self._refs):
            listener = ref()
            if listener is None:
                self._refs.remove(ref)
            else:
                listener(event)

    def __len__(self) -> int:
        return sum(1 for ref in self._refs if ref() is not None)
