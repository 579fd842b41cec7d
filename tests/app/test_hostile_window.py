"""The window under hostile input and faults: markup in outside text, failing slots, long work.

Outside text (file names, labels, attributes of an imported graph) must show as written and
never as rich text; an exception in a slot must be reported and leave the window
consistent; the GUI thread must never wait for a worker (Open while opening, Cancel inside a
long document, closing the window mid-job).
"""

from __future__ import annotations

import faulthandler
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import networkx as nx
import pytest
from PySide6.QtCore import QPoint, QSettings, QTimer, QUrl
from PySide6.QtGui import Qt, QTextDocument  # QtGui's Qt has mightBeRichText
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QWidget,
)

from app import dialogs, guard
from app.canvas import GraphCanvas
from app.details import DetailsPanel
from app.main_window import MainWindow
from graph.build.jobs import Extraction, import_job
from graph.errors import Cancelled
from graph.explore.facts import GraphFacts
from graph.ingest.documents import Corpus, Document
from graph.jobs import Progress, run_job
from graph.paths import seeds_dir
from graph.schema import COOCCURRENCE, DEPENDENCY, edge_key
from graph.store.graphml import write_graphml

LOAD_TIMEOUT_MS = 180_000
IMG = "<img src=/dev/zero>"
LINK = '<a href="http://example.com/">x</a>'
PAYLOADS = ("<img", "<a ")
SAFE_LINKS = ("node:", "edge:", "more:", "community:")


@pytest.fixture(autouse=True)
def watchdog():
    # Rich text that loads /dev/zero would block forever: fail loudly instead of hanging.
    faulthandler.dump_traceback_later(300, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("THREADLINE_USER_DATA", str(tmp_path / "cache"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.canvas.set_animated(False)
    win.show()
    qtbot.waitExposed(win)
    yield win
    assert win.shutdown(60_000)


def hostile_graph() -> tuple[nx.MultiDiGraph, dict[str, Document], tuple[str, str, str]]:
    """Labels, aliases, ids, relation, evidence, documents and attributes that are markup."""
    doc, other = f"{IMG}.txt", f"{LINK}.txt"
    text = f"{IMG} met {LINK} on Monday."
    g = nx.MultiDiGraph(pipeline=IMG, pipeline_version=LINK, spacy_version=IMG,
                        corpus_root=IMG, threadline_version=LINK, created=IMG,
                        sources=[{"id": doc, "path": IMG, "digest": LINK}])
    a, b = f"ORG:{IMG}", f"PERSON:{LINK}"
    g.add_node(a, label=IMG, type="ORG", aliases=[LINK, IMG], documents=[doc, other],
               mentions=3, occurrences=[(doc, 0, len(IMG), 0, len(text))])
    start = text.index(LINK)
    g.add_node(b, label=LINK, type="PERSON", aliases=[IMG], documents=[doc], mentions=2,
               occurrences=[(doc, start, start + len(LINK), 0, len(text))])
    evidence = [{"doc": doc, "start": 0, "end": len(text), "text": text},
                {"doc": other, "start": 0, "end": 4, "text": IMG}]
    key = edge_key(DEPENDENCY, IMG)
    g.add_edge(a, b, key=key, relation=IMG, weight=2.0, method=DEPENDENCY, evidence=evidence)
    g.add_edge(a, b, key=edge_key(COOCCURRENCE, LINK), relation=LINK, weight=1.0,
               method=COOCCURRENCE, evidence=evidence)
    return g, {doc: Document(doc, IMG, text, LINK)}, (a, b, key)


def _rich(text: str, text_format: Qt.TextFormat) -> bool:
    return text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and Qt.mightBeRichText(text))


def _markup(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> bool:
    """Outside markup that Qt would render (the payloads are only safe escaped)."""
    return _rich(text, text_format) and any(p in text for p in PAYLOADS)


def _document_problems(document: QTextDocument) -> list[str]:
    problems, block = [], document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                problems.append(f"an image: {fmt.toImageFormat().name()}")
            if fmt.isAnchor() and not fmt.anchorHref().startswith(SAFE_LINKS):
                problems.append(f"a link to {fmt.anchorHref()}")
            it += 1
        block = block.next()
    return problems


def _widget_problems(widget: QWidget) -> list[str]:
    name = f"{type(widget).__name__} {widget.objectName()!r}"
    problems = [f"{name} tooltip" for tip in [widget.toolTip()] if _markup(tip)]
    problems += [f"{name} action {a.text()!r} tooltip" for a in widget.actions()
                 if _markup(a.toolTip())]
    if isinstance(widget, QLabel | QMessageBox) and _markup(widget.text(), widget.textFormat()):
        problems.append(f"{name} text {widget.text()!r}")
    if isinstance(widget, QTextEdit):
        problems += [f"{name}: {p}" for p in _document_problems(widget.document())]
    if isinstance(widget, QListWidget):
        items = [widget.item(i) for i in range(widget.count())]
        problems += [f"{name} item tooltip {i.toolTip()!r}" for i in items if _markup(i.toolTip())]
    if isinstance(widget, QPlainTextEdit):
        problems += [f"{name} highlight tooltip" for s in widget.extraSelections()
                     if _markup(s.format.toolTip())]
    return problems


def markup_shown(win: MainWindow) -> list[str]:
    """Every place of the window (and its boxes and menus) that would render the payloads."""
    widgets = [win, *win.findChildren(QWidget), *QApplication.topLevelWidgets()]
    problems = [p for w in dict.fromkeys(widgets) for p in _widget_problems(w)]
    if QToolTip.isVisible() and _markup(QToolTip.text()):
        problems.append(f"the tooltip {QToolTip.text()!r}")
    return problems


def test_outside_text_never_renders_as_markup(window, qtbot):
    graph, documents, (a, b, key) = hostile_graph()
    window.model.reset(graph, documents)
    assert window.canvas.wait_for_layout(30_000)
    window.select_node(a)
    assert IMG in window.details.browser.toPlainText()  # shown as written
    assert LINK in window.details.browser.toPlainText()
    assert window.source.passages and window.source.list.count()
    assert not markup_shown(window)
    window.select_edge(a, b, key)
    assert f"{IMG} met {LINK}" in window.details.browser.toPlainText()
    assert not markup_shown(window)

    for nid in (a, b):  # hover: the canvas's tooltip
        QTest.mouseMove(window.canvas.viewport(), window.canvas.node_viewport_pos(nid))
        qtbot.waitUntil(lambda: QToolTip.text() != "", timeout=2000)
        assert not markup_shown(window)
    window._on_context_menu(a, QPoint(10, 10))
    assert any(IMG in action.text() for action in window.context_menu.actions())
    window.text_search("met")
    assert window.search.suggest("img")
    window.focus_entity(b)
    assert not markup_shown(window)
    window.context_menu.close()

    window.show_about()
    box = window.about_box
    assert box.isVisible() and IMG not in box.text() and "&lt;img" in box.text()
    assert not markup_shown(window)
    box.close()


def test_the_details_browser_loads_no_file(window, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the details panel")
    url = QUrl.fromLocalFile(str(secret))
    browser = window.details.browser
    kind = QTextDocument.ResourceType.ImageResource.value
    assert not browser.loadResource(kind, url)
    assert not browser.document().loadResource(kind, url)
    assert not browser.openLinks() and not browser.openExternalLinks()


def _write_hostile_corpus(folder: Path) -> tuple[str, str]:
    folder.mkdir()
    name = "[*] <img src=x>.txt"
    seed = sorted(seeds_dir().glob("*.txt"))[0].read_text(encoding="utf-8")
    (folder / name).write_text(seed[:1500], encoding="utf-8")
    (folder / "<a href=x>x.bin").write_bytes(b"\x00\x01 binary")
    return name, "<a href=x>x.bin"


def test_a_hostile_file_name_shows_as_written(window, qtbot, tmp_path):
    corpus = tmp_path / "[*] <img src=y> corpus"
    name, skipped = _write_hostile_corpus(corpus)
    with qtbot.waitSignal(window.jobFinished, timeout=LOAD_TIMEOUT_MS) as finished:
        window.open_paths([str(corpus)])
    assert finished.args == ["ok"]
    assert list(window.model.documents) == [name]
    # What the title bar shows: Qt would drop a "[*]" as the place of the modified mark.
    assert window.windowHandle().title() == f"Threadline \u2014 {corpus.name}"
    docs = window.filters.documents
    assert docs.item(0).text().startswith(name) and not _markup(docs.item(0).toolTip())
    assert window.source.documents.itemText(0) == name
    assert skipped in window.problems_box.detailedText()
    assert window.recent_menu.actions()[0].text() == str(corpus.resolve())
    nid = next(iter(window.model.graph))
    window.select_node(nid)
    assert not markup_shown(window)
    window.problems_box.close()


def _fake_open(monkeypatch, extractions: dict[str, Extraction]) -> None:
    """Open returns a ready extraction per path (through the worker, as a real job)."""
    def open_job(paths, model=None, use_cache=True, scheduler=None):
        yield Progress(0, 0, "Reading files")
        return extractions[paths[0]]
    monkeypatch.setattr("app.job_control.open_job", open_job)


def _extraction(graph: nx.MultiDiGraph, documents: dict[str, Document]) -> Extraction:
    return Extraction(graph, documents, Corpus(root="x", documents=list(documents.values())))


def test_a_panel_failing_on_a_new_graph_leaves_the_window_as_it_was(window, qtbot,
                                                                      monkeypatch, typed_graph):
    poisoned = typed_graph.copy()
    poisoned.graph["poison"] = True
    seed = Document("seed.txt", "seed.txt", "GPT-4 and OpenAI.", "d")
    _fake_open(monkeypatch, {"good": _extraction(typed_graph, {"seed.txt": seed}),
                             "bad": _extraction(poisoned, {"other.txt": seed})})
    with qtbot.waitSignal(window.jobFinished, timeout=10_000):
        window.open_paths(["good"])
    title, recent = window.windowTitle(), window.recent()
    original_clear = DetailsPanel.clear

    def clear(panel):
        if panel.model.graph.graph.get("poison"):
            raise RuntimeError("the details panel cannot show this graph")
        original_clear(panel)
    monkeypatch.setattr(DetailsPanel, "clear", clear)

    with qtbot.waitSignal(window.jobFinished, timeout=10_000) as finished:
        window.open_paths(["bad"])
    assert finished.args == ["failed"]
    assert window.error_box.isVisible()
    assert window.error_box.textFormat() == Qt.TextFormat.PlainText
    assert "cannot show this graph" in window.error_box.text()
    # Every panel shows the graph that was there before, none the new one.
    assert window.model.graph is typed_graph and set(window.model.documents) == {"seed.txt"}
    assert window.source.documents.itemText(0) == "seed.txt"
    assert window.filters.documents.item(0).data(Qt.ItemDataRole.UserRole) == "seed.txt"
    assert window.search.index.search("GPT", 1)
    assert set(window.canvas.drawn_nodes()) <= set(typed_graph)
    assert window.windowTitle() == title and window.recent() == recent
    assert window.counts.text().endswith(f"{typed_graph.number_of_edges()} relations")
    window.error_box.close()


def test_an_exception_in_a_slot_is_reported_not_raised(window, qtbot, monkeypatch,
                                                       typed_graph):
    window.model.reset(typed_graph)
    assert window.canvas.wait_for_layout(30_000)

    def broken(*_args):
        raise ValueError("broken on purpose")
    monkeypatch.setattr(GraphCanvas, "_node_tooltip", broken)
    target = window.canvas.node_viewport_pos(next(iter(window.canvas.drawn_nodes())))
    with qtbot.captureExceptions() as escaped:
        QTest.mouseMove(window.canvas.viewport(), target)  # hover
        qtbot.waitUntil(lambda: guard._box is not None and guard._box.isVisible(),
                        timeout=2000)
        box = guard._box
        assert box.textFormat() == Qt.TextFormat.PlainText
        assert "ValueError: broken on purpose" in box.text()
        assert "Traceback" in box.detailedText()
        box.close()
        monkeypatch.setattr(dialogs, "about_box", broken)
        window.acts["about"].trigger()  # a menu action
        assert guard._box is not box and guard._box.isVisible()
        guard._box.close()
    assert not escaped
    try:
        raise KeyError("escaped a virtual handler")
    except KeyError as exc:
        guard.excepthook(KeyError, exc, exc.__traceback__)
    assert "escaped a virtual handler" in guard._box.text()
    guard._box.close()


def test_import_reports_progress_and_cancels_between_steps(window, qtbot, tmp_path,
                                                           monkeypatch, typed_graph):
    path = tmp_path / "g.graphml"
    write_graphml(typed_graph, path)
    seen: list[Progress] = []
    run_job(import_job(str(path)), seen.append)
    assert len(seen) >= 3 and all(p.message for p in seen)
    read = []
    monkeypatch.setattr("graph.build.jobs.load_sources", lambda *a: read.append(a) or {})
    seen.clear()
    with pytest.raises(Cancelled):
        run_job(import_job(str(path)), seen.append, cancelled=lambda: len(seen) >= 2)
    assert not read  # cancelled after reading the graph, before reading its documents
    with qtbot.waitSignal(window.jobFinished, timeout=30_000) as finished:
        window.open_paths([str(path)])
        window.cancel_job()
    assert finished.args == ["cancelled"] and len(window.model) == 0


def _long_corpus(folder: Path, chars: int = 400_000) -> Path:
    folder.mkdir()
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir().glob("*.txt")))
    (folder / "long.txt").write_text((text + "\n\n") * (chars // len(text) + 1),
                                     encoding="utf-8")
    return folder


def _inside_long_document(qtbot, window: MainWindow) -> None:
    """Wait until the running job reports progress within long.txt."""
    inside = []
    window.job.progress.connect(lambda p: inside.append(p) if p.part > 0 else None)
    qtbot.waitUntil(lambda: bool(inside), timeout=LOAD_TIMEOUT_MS)
    assert inside[0].message == "long.txt" and 0 < inside[0].fraction < 1


@pytest.mark.slow  # extracts part of a 400 KB document
def test_open_while_opening_never_blocks_the_window(window, qtbot, tmp_path):
    window.open_paths([str(_long_corpus(tmp_path / "long"))])
    _inside_long_document(qtbot, window)
    outcomes, ticks = [], []
    window.jobFinished.connect(outcomes.append)
    ticker = QTimer(interval=20)
    ticker.timeout.connect(lambda: ticks.append(time.monotonic()))
    ticker.start()
    started = time.monotonic()
    window.open_paths([str(seeds_dir())])  # must not wait for long.txt
    returned = time.monotonic()
    seeds = {p.name for p in seeds_dir().glob("*.txt")}
    qtbot.waitUntil(lambda: set(window.model.documents) == seeds, timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: window.job is None, timeout=10_000)
    ticker.stop()
    times = [started, *ticks]
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert returned - started < 0.1
    assert max(gaps) < 0.3, f"the event loop stalled for {max(gaps):.2f} s"
    assert outcomes == ["ok"]  # the replaced job announces nothing


@pytest.mark.slow  # extracts part of a 400 KB document
def test_cancel_takes_effect_within_a_long_document(window, qtbot, tmp_path):
    window.open_paths([str(_long_corpus(tmp_path / "long"))])
    _inside_long_document(qtbot, window)
    started = time.monotonic()
    with qtbot.waitSignal(window.jobFinished, timeout=3_000) as finished:
        window.cancel_button.click()
    assert finished.args == ["cancelled"]
    qtbot.waitUntil(lambda: window.job is None, timeout=3_000)
    assert time.monotonic() - started < 2.5
    assert len(window.model) == 0


CLOSE_MID_WORK = textwrap.dedent("""
    import sys, time
    import networkx as nx
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from app.appearance import make_app
    from app.main_window import MainWindow
    from graph.schema import COOCCURRENCE, edge_key

    app = make_app()
    window = MainWindow(settings=QSettings(sys.argv[2], QSettings.Format.IniFormat),
                        use_cache=False)
    window.show()
    graph = nx.MultiDiGraph()
    for i in range(3000):
        graph.add_node(f"ORG:{i}", label=f"org {i}", type="ORG", aliases=[],
                       documents=[], mentions=1, occurrences=[])
    for i in range(1, 3000):
        graph.add_edge(f"ORG:{i // 2}", f"ORG:{i}", key=edge_key(COOCCURRENCE, "c"),
                       relation="c", weight=1.0, method=COOCCURRENCE, evidence=[])
    window.model.reset(graph, {})
    window.push(window.exploration.show_all())  # a layout of 3000 nodes, in a worker
    window.open_paths([sys.argv[1]])
    inside, waiting = [], QEventLoop()

    def on_progress(progress):
        if progress.part > 0:
            inside.append(progress)
            waiting.quit()

    window.job.progress.connect(on_progress)
    QTimer.singleShot(170_000, waiting.quit)  # the deadline: the assert below reports it
    waiting.exec()
    assert inside, "no progress inside the document"
    window.canvas.relayout()  # and a layout of 3000 nodes running in a worker
    assert window.canvas._runner.busy()
    started = time.monotonic()
    window.close()
    print(f"closed in {time.monotonic() - started:.3f}", flush=True)
    QTimer.singleShot(0, app.quit)
    code = app.exec()
    window.shutdown()
    print("joined", flush=True)
    sys.exit(code)
""")


@pytest.mark.slow  # a process that extracts part of a 400 KB document
def test_closing_the_window_mid_job_exits_cleanly(tmp_path):
    corpus = _long_corpus(tmp_path / "long")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "THREADLINE_USER_DATA": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", CLOSE_MID_WORK, str(corpus),
                           str(tmp_path / "settings.ini")], capture_output=True, text=True,
                          timeout=240, env=env, cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr[-3000:]
    closed = float(done.stdout.split("closed in ")[1].split()[0])
    assert closed < 1.0 and "joined" in done.stdout


@pytest.mark.slow  # extracts a dozen small documents with the statistical model
def test_the_whole_hostile_corpus_opens_in_the_window(window, qtbot, tmp_path, monkeypatch):
    from tests.hostile_corpus import make_hostile_corpus

    monkeypatch.setenv("THREADLINE_MAX_FILE_MB", "1")  # huge.txt is over the cap
    corpus = tmp_path / "corpus"
    expected = make_hostile_corpus(corpus)
    before = sorted((p.name, p.lstat().st_size, p.lstat().st_mtime_ns)
                    for p in corpus.rglob("*"))
    with qtbot.waitSignal(window.jobFinished, timeout=LOAD_TIMEOUT_MS) as finished:
        window.open_paths([str(corpus)])
    assert finished.args == ["ok"]
    assert set(window.model.documents) == set(expected["documents"])
    details = window.problems_box.detailedText()
    for doc_id, words in expected["skipped"].items():
        assert doc_id in details and words in details, doc_id
    window.problems_box.close()
    labels = {d["label"] for _, d in window.model.graph.nodes(data=True)}
    assert set(expected["entities"]) <= labels
    for nid in list(window.model.graph)[:10]:  # select and hover like a person would
        window.select_node(nid)
        QTest.mouseMove(window.canvas.viewport(), window.canvas.node_viewport_pos(nid))
    window.show_about()
    assert not markup_shown(window)
    window.about_box.close()
    after = sorted((p.name, p.lstat().st_size, p.lstat().st_mtime_ns) for p in corpus.rglob("*"))
    assert after == before  # nothing in the corpus was touched


@pytest.mark.slow
def test_a_big_graph_is_walked_in_the_worker_and_the_replaced_one_freed(window, qtbot, tmp_path,
                                                                        monkeypatch, typed_graph):
    """The GUI thread never walks a whole graph on open (counts, overview, name index: seconds
    at 100k entities), and the graph it replaces is emptied off the GUI thread."""
    first, second = tmp_path / "first.graphml", tmp_path / "second.graphml"
    write_graphml(typed_graph, first)
    write_graphml(typed_graph, second)
    walked_on: list[bool] = []
    original = GraphFacts.of.__func__

    def spy(cls, graph, **known):
        walked_on.append(threading.current_thread() is threading.main_thread())
        return original(cls, graph, **known)
    monkeypatch.setattr(GraphFacts, "of", classmethod(spy))
    with qtbot.waitSignal(window.jobFinished, timeout=LOAD_TIMEOUT_MS) as finished:
        window.open_paths([str(first)])
    assert finished.args == ["ok"]
    replaced = window.model.graph
    with qtbot.waitSignal(window.jobFinished, timeout=LOAD_TIMEOUT_MS) as finished:
        window.open_paths([str(second)])
    assert finished.args == ["ok"] and walked_on == [False, False]
    assert window.model.facts.graph is window.model.graph
    assert window.search.index is window.model.facts.index
    assert len(window.model) == typed_graph.number_of_nodes()
    qtbot.waitUntil(lambda: replaced.number_of_nodes() == 0, timeout=5_000)
