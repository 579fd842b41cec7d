"""Pictures of the canvas on a full disk: an error, never a truncated file reported as saved."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from app.canvas import GraphCanvas
from graph.errors import ExportError
from graph.explore.exploration import Exploration
from graph.explore.model import GraphModel


@pytest.fixture
def canvas(qtbot, typed_graph):
    model = GraphModel()
    view = GraphCanvas(model, Exploration(model))
    qtbot.addWidget(view)
    view.set_animated(False)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    model.reset(typed_graph)
    qtbot.waitUntil(view.is_idle, timeout=5000)
    yield view
    view.shutdown()


@pytest.fixture
def full_disk(monkeypatch):
    def fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)


@pytest.mark.parametrize("name", ["graph.svg", "graph.png"])
def test_a_full_disk_keeps_the_old_picture(canvas, tmp_path, full_disk, name):
    path = tmp_path / name
    path.write_bytes(b"the good old picture")
    render = canvas.render_to_svg if name.endswith(".svg") else canvas.render_to_image
    with pytest.raises(ExportError, match="No space left on device"):
        render(str(path), QSize(300, 200))
    assert path.read_bytes() == b"the good old picture"
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_pictures_are_complete_and_replace_the_old_one(canvas, tmp_path):
    svg, png = tmp_path / "graph.svg", tmp_path / "graph.png"
    svg.write_text("old")
    canvas.render_to_svg(str(svg), QSize(300, 200))
    assert svg.read_text(encoding="utf-8").rstrip().endswith("</svg>")
    assert canvas.render_to_image(str(png), QSize(300, 200))
    assert QImage(str(png)).size() == QSize(300, 200)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.png", "graph.svg"]
