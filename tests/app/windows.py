"""Helpers of the window tests (the fixtures are in conftest.py)."""

from __future__ import annotations

from app.main_window import MainWindow

LOAD_TIMEOUT_MS = 180_000


def load(qtbot, win: MainWindow, paths: list[str], expected: str = "ok") -> None:
    """Open ``paths`` in the window and wait until the job is done and laid out."""
    with qtbot.waitSignal(win.jobFinished, timeout=LOAD_TIMEOUT_MS) as finished:
        win.open_paths(paths)
    assert finished.args == [expected]
    assert win.canvas.wait_for_layout(30_000)
