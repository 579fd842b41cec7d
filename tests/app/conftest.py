"""Fixtures shared by the app/ tests (Qt offscreen, set up in tests/conftest.py)."""

from __future__ import annotations

import pytest

from app.canvas import GraphCanvas
from graph.explore.exploration import Exploration
from graph.explore.model import GraphModel


@pytest.fixture
def canvas(qtbot, typed_graph):
    model = GraphModel()
    exploration = Exploration(model)
    view = GraphCanvas(model, exploration)
    qtbot.addWidget(view)
    view.set_animated(False)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    model.reset(typed_graph)
    qtbot.waitUntil(view.is_idle, timeout=5000)
    yield view
    view.shutdown()
    assert not view._runner.busy()
