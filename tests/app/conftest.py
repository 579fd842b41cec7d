"""Fixtures shared by the app/ tests (Qt offscreen, set up in tests/conftest.py)."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3

import pytest
from PySide6.QtCore import QSettings

from app.main_window import MainWindow
from graph.paths import seeds_dir
from tests.app.windows import bare_canvas, load


@pytest.fixture
def canvas(qtbot, typed_graph):
    model, _, view = bare_canvas(qtbot, 900, 700)
    model.reset(typed_graph)
    qtbot.waitUntil(view.is_idle, timeout=5000)
    yield view
    view.shutdown()
    assert not view._runner.busy()


@pytest.fixture(scope="session")
def extraction_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def make_window(qtbot, tmp_path, monkeypatch, extraction_cache):
    """Windows on real corpora (the seeds by default), each shut down after the test.

    Each test gets its own user data folder, filled with the workspaces earlier tests made
    (their extractions, not their explorations: a session saved by one test must not be
    restored in the next)."""
    data = tmp_path.parent / f"{tmp_path.name}-user-data"  # tmp_path is the test's own
    shutil.copytree(extraction_cache, data)
    monkeypatch.setenv("THREADLINE_USER_DATA", str(data))
    made = []

    def make(paths: list[str] | None = None, size: tuple[int, int] | None = None
             ) -> MainWindow:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        win = MainWindow(settings=settings)
        qtbot.addWidget(win)
        made.append(win)
        win.canvas.set_animated(False)
        if size:
            win.resize(*size)
        win.show()
        qtbot.waitExposed(win)
        load(qtbot, win, paths or [str(seeds_dir())])
        return win

    yield make
    for win in made:
        win.shutdown()
    for workspace in data.glob("workspaces/*.threadline"):
        kept = extraction_cache / "workspaces" / workspace.name
        if not kept.exists():
            kept.parent.mkdir(exist_ok=True)
            shutil.copy(workspace, kept)
            with contextlib.closing(sqlite3.connect(kept)) as db, db:
                db.execute("DELETE FROM sessions")
