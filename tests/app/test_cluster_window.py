"""File > Extraction Cluster: the window extracts on the Dask scheduler it is given, remembers
it, and says plainly when it cannot reach it (real window offscreen, real LocalCluster)."""

from __future__ import annotations

import shutil

import pytest
from distributed import Client, LocalCluster
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from app.job_control import SCHEDULER_KEY
from graph import messages
from graph.nlp.cluster_worker import PLUGIN_NAME
from graph.paths import seeds_dir
from tests.app.windows import load


def _answer(address: str | None) -> None:
    """Type ``address`` into the open address dialog and accept it (None: cancel it)."""

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, QInputDialog) and w.isVisible())
        assert dialog.windowTitle() == messages.CLUSTER_TITLE
        if address is None:
            dialog.reject()
            return
        dialog.setTextValue(address)
        dialog.accept()

    QTimer.singleShot(100, answer)


def _status(window) -> str:
    """The status bar's message, whole (an elided one is whole in the tooltip)."""
    return window.statusBar().toolTip() or window.statusBar().currentMessage()


def _seeds_copy(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(seeds_dir(), folder)
    return str(folder)


@pytest.mark.slow
def test_the_scheduler_is_remembered_and_an_unusable_one_is_explained(make_window, qtbot,
                                                                       tmp_path):
    window = make_window()
    _answer("  nowhere  ")
    window.acts["extraction_cluster"].trigger()
    assert window.settings.value(SCHEDULER_KEY) == "nowhere"
    assert _status(window) == messages.CLUSTER_SET.format(address="nowhere")
    _answer(None)  # a cancel keeps it
    window.choose_scheduler()
    assert window.scheduler == "nowhere"
    load(qtbot, window, [_seeds_copy(tmp_path)], expected="failed")
    assert window.error_box.text().startswith("The Dask scheduler at nowhere cannot be reached")
    window.error_box.close()
    assert window.model.graph.number_of_nodes() > 0  # the seeds' graph stayed
    _answer("")  # empty: this machine again
    window.choose_scheduler()
    assert window.scheduler == ""
    assert _status(window) == messages.CLUSTER_UNSET


@pytest.mark.slow  # the workers start and load the pipeline
def test_the_window_extracts_on_the_cluster(make_window, qtbot, tmp_path):
    window = make_window()
    local = window.model.graph.copy()  # the seeds, extracted here
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address=None) as cluster, \
            Client(cluster, set_as_default=False) as client:
        window.settings.setValue(SCHEDULER_KEY, cluster.scheduler_address)
        load(qtbot, window, [_seeds_copy(tmp_path)])
        loaded = client.run(lambda dask_worker: PLUGIN_NAME in dask_worker.plugins)
    assert list(loaded.values()) == [True, True]  # the extraction went to the workers
    graph = window.model.graph
    assert sorted(graph.nodes(data="label")) == sorted(local.nodes(data="label"))
    assert sorted(graph.edges(keys=True)) == sorted(local.edges(keys=True))
    assert window.workspace is not None  # kept here, as a local run keeps them
