"""Helpers of the window tests (the fixtures are in conftest.py)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from app.main_window import MainWindow

LOAD_TIMEOUT_MS = 180_000


def load(qtbot, win: MainWindow, paths: list[str], expected: str = "ok") -> None:
    """Open ``paths`` in the window and wait until the job is done and laid out."""
    with qtbot.waitSignal(win.jobFinished, timeout=LOAD_TIMEOUT_MS) as finished:
        win.open_paths(paths)
    assert finished.args == [expected]
    assert win.canvas.wait_for_layout(30_000)


def find(win: MainWindow, label: str) -> str:
    """The id of the one entity labelled ``label``."""
    [nid] = [n for n, d in win.model.graph.nodes(data=True) if d["label"] == label]
    return nid


def press(qtbot, widget, sequence: str) -> None:
    """Type a key sequence (``"Ctrl+Shift+P"``) on ``widget``."""
    combination = QKeySequence(sequence)[0]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())
