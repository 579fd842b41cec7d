"""No exception escapes a Qt slot: it is logged and shown, and the slot simply ends.

Qt calls the window's slots from its event loop; an exception there would print a
traceback and leave whatever the slot was updating half done, without a word to the person.
The window's slots are :func:`guarded`, menu entries run through :func:`guarded_call`, and
:func:`install_excepthook` catches whatever else escapes (virtual event handlers, slots
of Qt's own widgets). Each shows ``graph.messages.for_user`` in one plain-text box (a
failing hover must not open a box per mouse move) and logs the traceback.

Slots that must stay consistent when a step fails (the swap-in of a new graph) catch
around that step themselves and undo it, inside :func:`raising`: there the guarded slots
the step runs through let the exception pass, so nothing is half applied behind a box.
"""

from __future__ import annotations

import functools
import logging
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

import shiboken6
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from app import dialogs
from graph import messages

log = logging.getLogger(__name__)

_box: QMessageBox | None = None
_raising = 0  # depth of raising() blocks (the GUI thread's only)


@contextmanager
def raising() -> Iterator[None]:
    """Within the block guarded slots raise, for a caller that undoes its step on failure."""
    global _raising
    _raising += 1
    try:
        yield
    finally:
        _raising -= 1


def report_error(widget: QWidget | None, exc: BaseException) -> QMessageBox | None:
    """Log ``exc`` with its traceback and show it in a plain-text box over ``widget``'s window.

    Parameters
    ----------
    widget
        Any widget of the window the error happened in; ``None``: the active window.
    exc
        The exception.

    Returns
    -------
    QMessageBox or None
        The box showing the error (the one already open, if any); ``None`` without a window.
    """
    global _box
    log.error("unexpected error in the window", exc_info=(type(exc), exc, exc.__traceback__))
    if _box is not None and shiboken6.isValid(_box) and _box.isVisible():
        return _box  # one at a time: a failing hover or paint would open hundreds
    window = widget.window() if widget is not None and shiboken6.isValid(widget) \
        else _main_window()
    if window is None:
        return None
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    _box = dialogs.message_box(window, QMessageBox.Icon.Warning, messages.FAULT_TITLE,
                               messages.for_user(exc), details=details, modal=False)
    return _box


def _main_window() -> QWidget | None:
    """The active window, else the first main window on screen (an error of no widget's)."""
    shown = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMainWindow) and w.isVisible()]
    return QApplication.activeWindow() or (shown[0] if shown else None)


def guarded(slot: Callable) -> Callable:
    """Decorate a widget's slot so that an exception is reported, never raised.

    The slot returns ``None`` when it failed. Its signal must pass exactly the arguments
    the slot takes (the wrapper passes on whatever it gets).
    """
    @functools.wraps(slot)
    def run(self, *args, **kwargs):
        try:
            return slot(self, *args, **kwargs)
        except Exception as exc:  # the net under every slot: report, do not crash
            if _raising:
                raise
            report_error(self if isinstance(self, QWidget) else None, exc)
            return None
    return run


def guarded_call(widget: QWidget, function: Callable, *args) -> Callable[..., None]:
    """A callable for a menu entry or action: runs ``function(*args)`` under the guard.

    It ignores the arguments Qt passes (such as ``triggered``'s "checked" flag).
    """
    def run(*_ignored) -> None:
        try:
            function(*args)
        except Exception as exc:  # the net under every menu entry
            if _raising:
                raise
            report_error(widget, exc)
    return run


def excepthook(kind: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
    """``sys.excepthook`` for the window: what escapes a slot is reported, not lost."""
    if not issubclass(kind, Exception):  # KeyboardInterrupt, SystemExit: as usual
        sys.__excepthook__(kind, exc, tb)
        return
    report_error(None, exc.with_traceback(tb))


def install_excepthook() -> None:
    """Send exceptions that escape Qt's event loop to :func:`excepthook` (the app, not tests)."""
    sys.excepthook = excepthook
