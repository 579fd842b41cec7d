"""``threadline --self-test``: the app checks itself as built.

The self-test loads the spaCy model, extracts a sentence, builds the real window offscreen
on the default corpus, searches, expands, undoes, exports GraphML and PNG into a temporary
folder, reads the GraphML back, prints one line and exits 0 (1 on any failure). CI and
the packaged app run it.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from graph.errors import ThreadlineError


class SelfTestError(ThreadlineError):
    """A step of the self-test did not do what it should (the message says which)."""


def _wait(app, condition, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise SelfTestError(f"timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.01)


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise SelfTestError(what)


def self_test() -> int:
    """Run the self-test offscreen; print one line and return the exit code (0 or 1)."""
    started = time.perf_counter()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="threadline-selftest-") as tmp:
        os.environ["THREADLINE_USER_DATA"] = str(Path(tmp) / "cache")
        try:
            line = _run(Path(tmp))
        except Exception as exc:  # whatever broke, the one line must say what
            print(f"threadline self-test FAILED: {type(exc).__name__}: {exc}", flush=True)
            return 1
    print(f"threadline self-test ok ({time.perf_counter() - started:.1f}s): {line}", flush=True)
    return 0


def _run(tmp: Path) -> str:
    from PySide6.QtCore import QSettings

    from app.appearance import make_app
    from app.main_window import MainWindow
    from graph.nlp.pipeline import shared_pipeline
    from graph.paths import seeds_dir
    from graph.store.graphml import read_graphml

    nlp, info = shared_pipeline()
    doc = nlp("Anthropic partnered with Cisco to test Claude Opus 3 on 159 countries.")
    labels = {e.text: e.label_ for e in doc.ents}
    _check(labels.get("Anthropic") == "ORG", f"the pipeline did not find Anthropic: {labels}")

    app = make_app()
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.show()
    outcome: list[str] = []
    window.jobFinished.connect(outcome.append)
    try:
        window.open_paths([str(seeds_dir())])
        _wait(app, lambda: outcome, 600, "the default corpus to load")
        _check(outcome == ["ok"], f"opening the seeds ended with {outcome}")
        entities = len(window.model)
        _check(entities >= 10, f"only {entities} entities in the seeds")

        hits = window.search.suggest("claude")
        _check(bool(hits), "search found no Claude")
        nid = hits[0].node
        window.focus_entity(nid)
        _check(window.canvas.selected_node() == nid, "search did not select the entity")
        _check(bool(window.source.passages), "the source pane lists no mentions")

        window.push(window.exploration.focus(nid, k=1))
        before = set(window.exploration.visible)
        window.expand(nid)
        after = set(window.exploration.visible)
        window.undo_stack.undo()
        _check(set(window.exploration.visible) == before, "undo did not restore the view")
        _check(after >= before, "expand removed entities")

        _check(window.canvas.wait_for_layout(60_000), "the layout did not finish")
        graphml, png = tmp / "self-test.graphml", tmp / "self-test.png"
        _check(window.export_graph(str(graphml)), "GraphML export failed")
        _check(window.export_image(str(png)), "PNG export failed")
        back = read_graphml(graphml)
        _check(back.number_of_nodes() == entities, "the exported GraphML lost entities")
        _check(png.stat().st_size > 1000, "the PNG is empty")
    finally:
        window.shutdown()
        window.close()
    return (f"{info.label}, {entities} entities, {back.number_of_edges()} relations; "
            f"searched, expanded, undid, exported GraphML and PNG")
