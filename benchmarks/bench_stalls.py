"""How long the GUI thread stalls during the window's big actions, at 5k and 25k entities.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_stalls.py [NODES ...]
        [--stacks FILE]

For each size a typed Barabasi-Albert graph (``bench_canvas.typed_graph``, about 2.4 edges
per entity) is exported to GraphML and opened in a real (offscreen) window, 1600x1000,
while a 10 ms QTimer ticks on the GUI thread. For every action (open the file, Show All,
hide a type and show it again, export GraphML, re-layout, a full repaint from the canvas's
last frame and one painted afresh, a pan of ten repainted steps) the longest gap
between two ticks is recorded from the action's start until the window is idle again, and
the time until it is idle (for Show All: until laid out). Goal of the scale issue: every gap
<= 100 ms at 25k entities, Show All laid out within 5 s. Prints one row per action; a gap
over the goal is marked.

The last rows need a graph that can be edited, which a GraphML cannot: the same graph is
opened again as the extraction of a corpus kept in a workspace (a temporary one, no
documents: :func:`corpus_job`), through the window's own job path. With everything shown,
they rename an entity, merge two, undo the merge (the graph rebuilt from the edit log), and
restore the saved session (every entity shown with its place, as when the corpus is
reopened) over the overview.

``--stacks FILE`` finds the causes: a watchdog thread (:mod:`faulthandler`, which needs no
interpreter lock) writes the stack of every thread to FILE each :data:`STACK_AFTER_S` the
timer has not ticked, with the action's name and each gap's length. The GUI thread's stack
is where it spends the gap; when it only waits (in ``run_until``), the thread that holds
the interpreter lock is the one in a C call; no stack at all during a gap means the whole
process waited for a processor. A diagnostic only: reading other threads' frames without
the interpreter lock can crash the run (a segmentation fault was seen at 25k entities).
"""

from __future__ import annotations

import faulthandler
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.main_window import MainWindow  # noqa: E402
from benchmarks.bench_canvas import typed_graph  # noqa: E402
from graph.build.jobs import Extraction  # noqa: E402
from graph.explore.opening import opening_facts  # noqa: E402
from graph.ingest.documents import Corpus  # noqa: E402
from graph.jobs import Progress  # noqa: E402
from graph.store.graphml import write_graphml  # noqa: E402

GOAL_GAP_S = 0.1
TICK_MS = 10
STACK_AFTER_S = 0.04


class GapMeter:
    """The longest gap between ticks of a timer on the GUI thread since :meth:`reset`."""

    def __init__(self, stacks=None) -> None:
        self.stacks = stacks  # an open file: the stacks of every gap (see the module)
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.reset()
        self.timer.start()

    def reset(self) -> None:
        self.last, self.longest = time.perf_counter(), 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        if self.stacks is not None:
            if now - self.last > STACK_AFTER_S:
                self.stacks.write(f"<<< tick after {(now - self.last) * 1000:.0f} ms\n")
            faulthandler.dump_traceback_later(STACK_AFTER_S, repeat=True, file=self.stacks)
        self.last = now


def run_until(app: QApplication, done: Callable[[], bool], timeout_s: float = 300) -> None:
    """Turn the event loop until ``done()`` (and a little longer, for what it queued)."""
    start = time.perf_counter()
    while not done() and time.perf_counter() - start < timeout_s:
        app.processEvents()
        time.sleep(0.001)
    settle = time.perf_counter()
    while time.perf_counter() - settle < 0.3:
        app.processEvents()
        time.sleep(0.001)


def measure(app, meter: GapMeter, window: MainWindow, name: str, action: Callable[[], None],
            done: Callable[[], bool]) -> tuple[str, float, float]:
    run_until(app, window.canvas.is_idle)
    if meter.stacks is not None:
        meter.stacks.write(f"===== {name}\n")
    meter.reset()
    start = time.perf_counter()
    action()
    run_until(app, done)
    took = time.perf_counter() - start
    return name, meter.longest, took


def pan(window: MainWindow) -> None:
    """Drag the view sideways in ten repainted steps (as a mouse drag scrolls it)."""
    bar = window.canvas.horizontalScrollBar()
    for _ in range(10):
        bar.setValue(bar.value() + 15)
        window.canvas.viewport().repaint()


def actions_at(n: int, folder: Path, stacks=None) -> list[tuple[str, float, float]]:
    graph = typed_graph(n, 2)
    path = folder / f"typed{n}.graphml"
    write_graphml(graph, path)
    app = QApplication.instance() or QApplication([])
    window = MainWindow(settings=QSettings(str(folder / f"{n}.ini"),
                                           QSettings.Format.IniFormat))
    window.resize(1600, 1000)
    window.show()
    meter = GapMeter(stacks)
    finished = []
    window.jobFinished.connect(finished.append)
    idle = window.canvas.is_idle
    rows = [measure(app, meter, window, "open the GraphML",
                    lambda: window.open_paths([str(path)]), lambda: finished and idle())]
    rows.append(measure(app, meter, window, "Show All (until laid out)", window.show_all, idle))
    rows.append(measure(app, meter, window, "hide a type, show it again", lambda: (
        window.filters.set_type_visible("MODEL", False),
        window.filters.set_type_visible("MODEL", True)), idle))
    rows.append(measure(app, meter, window, "export GraphML (File menu)",
                        lambda: window.export_graph_in_background(str(folder / "out.graphml")),
                        lambda: idle() and not getattr(window, "export_threads", [])))
    rows.append(measure(app, meter, window, "re-layout", window.canvas.relayout, idle))
    rows.append(measure(app, meter, window, "full repaint",
                        window.canvas.viewport().repaint, idle))
    rows.append(measure(app, meter, window, "full repaint, painted afresh", lambda: (
        window.canvas.redraw(), window.canvas.viewport().repaint()), idle))
    rows.append(measure(app, meter, window, "pan (10 steps)", lambda: pan(window), idle))
    rows.extend(edit_rows(app, meter, window, graph, folder, finished))
    print(f"{n:,} entities, {graph.number_of_edges():,} edges "
          f"({len(window.canvas.drawn_nodes()):,} drawn after Show All)")
    if stacks is not None:
        faulthandler.cancel_dump_traceback_later()
        meter.stacks = None
    window.shutdown(60_000)
    window.close()
    return rows


def corpus_job(graph, folder: Path):
    """A window job giving ``graph`` as a corpus's extraction kept in a workspace in
    ``folder`` (so that it can be edited)."""
    for data in graph.nodes.values():
        data.update(aliases=[], occurrences=[], documents=[])

    def job():
        yield Progress(0, 0, "Opening")
        return Extraction(graph, {}, Corpus(str(folder)), workspace=folder / "bench.threadline",
                          base=graph)

    return lambda: opening_facts(job(), "Preparing")


def edit_rows(app, meter: GapMeter, window: MainWindow, graph, folder: Path,
              finished: list) -> list[tuple[str, float, float]]:
    """Edits and a session restore on ``graph`` opened as a workspace's corpus."""
    idle = window.canvas.is_idle
    finished.clear()
    window._start_job(corpus_job(graph.copy(), folder), "Opening", [str(folder)])
    run_until(app, lambda: finished and idle())
    window.show_all()
    run_until(app, idle)
    shown = len(window.canvas.drawn_nodes())
    model, curation = window.model, window.curation
    a, b, c = sorted(model.graph, key=lambda n: -model.graph.degree(n))[1:4]

    def edited(nid: str, label: str) -> Callable[[], bool]:
        return lambda: (nid in model.graph and model.label(nid) == label
                        and not curation.busy() and idle())

    rows = [measure(app, meter, window, "edit: rename",
                    lambda: curation.rename(a, "Renamed"), edited(a, "Renamed"))]
    rows.append(measure(app, meter, window, "edit: merge two",
                        lambda: curation.merge(b, [c]),
                        lambda: c not in model.graph and edited(b, model.label(b))()))
    rows.append(measure(app, meter, window, "edit: undo the merge", window.undo_stack.undo,
                        lambda: c in model.graph and edited(b, model.label(b))()))
    window.save_session()
    window.show_overview()
    run_until(app, idle)
    rows.append(measure(app, meter, window, "restore a session (all shown)",
                        window.load_session,
                        lambda: len(window.canvas.drawn_nodes()) == shown and idle()))
    return rows


def main() -> int:
    args = sys.argv[1:]
    stacks = None
    if "--stacks" in args:
        at = args.index("--stacks")
        stacks = open(args[at + 1], "w", buffering=1)  # noqa: SIM115 - open for the run
        del args[at:at + 2]
    sizes = [int(a) for a in args] or [5_000, 25_000]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["THREADLINE_USER_DATA"] = str(Path(tmp) / "data")
        for n in sizes:
            rows = actions_at(n, Path(tmp), stacks)
            print(f"  {'action':<30}{'longest gap':>13}{'until idle':>12}")
            for name, gap, took in rows:
                mark = "" if gap <= GOAL_GAP_S else f"  > {GOAL_GAP_S * 1000:.0f} ms goal"
                print(f"  {name:<30}{gap * 1000:>10.0f} ms{took:>10.2f} s{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
