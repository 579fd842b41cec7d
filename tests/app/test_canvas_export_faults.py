"""Pictures of the canvas on a full disk: an error, never a truncated file reported as saved."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from graph.errors import ExportError


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
