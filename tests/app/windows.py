"""Helpers of the window tests (the fixtures are in conftest.py)."""

from __future__ import annotations

import networkx as nx
from PySide6.QtGui import QKeySequence

from app.canvas import GraphCanvas
from app.main_window import MainWindow
from graph.explore.exploration import Exploration
from graph.explore.model import GraphModel
from graph.schema import COOCCURRENCE, COOCCURS_WITH, edge_key

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


def bare_canvas(qtbot, width: int, height: int
                ) -> tuple[GraphModel, Exploration, GraphCanvas]:
    """A canvas alone with its own model and exploration, shown at ``width`` x ``height``."""
    model = GraphModel()
    exploration = Exploration(model)
    canvas = GraphCanvas(model, exploration)
    qtbot.addWidget(canvas)
    canvas.set_animated(False)
    canvas.resize(width, height)
    canvas.show()
    qtbot.waitExposed(canvas)
    return model, exploration, canvas


def ba_graph(n: int, seed: int, types: tuple[str, ...] = ("MODEL",)) -> nx.MultiDiGraph:
    """A Barabasi-Albert graph of ``n`` entities (types in turn) linked by co-occurrence."""
    ba = nx.barabasi_albert_graph(n, 2, seed=seed)
    g = nx.MultiDiGraph()
    for i in ba:
        etype = types[i % len(types)]
        g.add_node(f"{etype}:n{i}", label=f"n{i}", type=etype, mentions=1 + i % 7)
    ids = list(g)
    for u, v in ba.edges:
        g.add_edge(ids[u], ids[v], key=edge_key(COOCCURRENCE, COOCCURS_WITH),
                   relation=COOCCURS_WITH, weight=1.0, method=COOCCURRENCE, evidence=[])
    return g
