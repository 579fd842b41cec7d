"""Edits of a big graph: the log changes at once, the corrected graph is made in a worker
(app/edit_runner.py) and shown when ready, edits made meanwhile follow in order, and undo
is exact. The corpus is small; the window is told to use the worker for every size."""

from __future__ import annotations

import networkx as nx
import pytest

from app.main_window import MainWindow
from graph import messages
from graph.build.edits import RENAME
from tests.app.windows import find

TEXT = ("Meta released Llama 3 70B in April 2024. Llama3 70B beats GPT-4 on MMLU.\n"
        "OpenAI built GPT-4. Meta AI trained Llama 3 70B with RLHF.\n"
        "Anthropic released Claude in 2023. Claude is used by Notion.\n")
WAIT_MS = 20_000


@pytest.fixture
def window(make_window, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "notes.txt").write_text(TEXT, encoding="utf-8")
    win = make_window([str(folder)], size=(1280, 800))
    win.push(win.exploration.show_all())
    assert win.canvas.wait_for_layout(30_000)
    win.curation.runner.async_nodes = 0  # as on a graph of 1,500 entities or more
    return win


def snapshot(graph: nx.MultiDiGraph) -> tuple[dict, dict]:
    """Every node and edge with its attributes (compared by value)."""
    return ({n: dict(d) for n, d in graph.nodes(data=True)},
            {(u, v, k): dict(d) for u, v, k, d in graph.edges(keys=True, data=True)})


def caught_up(qtbot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: not win.curation.busy(), timeout=WAIT_MS)


def test_an_edit_is_kept_at_once_and_shown_when_the_worker_is_done(window, qtbot):
    win = window
    gpt = find(win, "GPT-4")
    shown = set(win.exploration.visible)
    place = win.canvas.positions()[gpt]
    graph = win.model.graph

    assert win.curation.rename(gpt, "GPT-4 (OpenAI)")
    # the call returned before the graph was made: the window is free meanwhile
    assert win.curation.busy() and win.model.graph is graph
    assert win.model.label(gpt) == "GPT-4"
    assert win.statusBar().currentMessage() == messages.APPLYING_EDIT
    [(_, kept)] = win.curation.state.log()  # already in the workspace
    assert kept.kind == RENAME and kept.value == "GPT-4 (OpenAI)"

    caught_up(qtbot, win)
    assert win.model.label(gpt) == "GPT-4 (OpenAI)"
    assert "GPT-4" in win.model.node(gpt)["aliases"]
    assert [h.node for h in win.model.facts.index.search("(OpenAI)", 5)] == [gpt]  # anew
    assert win.exploration.visible == shown and win.canvas.positions()[gpt] == place
    assert win.statusBar().currentMessage() == ""
    assert win.curation_docks.edits_panel.edit_texts() == [
        "Rename \u201cGPT-4\u201d to \u201cGPT-4 (OpenAI)\u201d"]


def test_edits_made_while_the_worker_runs_all_apply_in_order(window, qtbot):
    win = window
    gpt, mmlu, notion = find(win, "GPT-4"), find(win, "MMLU"), find(win, "Notion")
    assert win.curation.rename(gpt, "GPT-4 (OpenAI)")
    assert win.curation.retype(mmlu, "METHOD")
    assert win.curation.delete(notion)
    # names the entity as the window still shows it; found by the name the first edit kept
    assert win.curation.rename(gpt, "GPT Four")
    assert win.model.label(gpt) == "GPT-4"  # nothing shown yet
    caught_up(qtbot, win)
    assert win.model.label(gpt) == "GPT Four"
    assert {"GPT-4", "GPT-4 (OpenAI)"} <= set(win.model.node(gpt)["aliases"])
    assert "METHOD:mmlu" in win.model and mmlu not in win.model
    assert "METHOD:mmlu" in win.exploration.visible  # followed under its new id
    assert notion not in win.model and notion not in win.exploration.visible
    assert win.undo_stack.count() == 4 and not win.curation.state.skipped


def test_undo_and_redo_in_quick_succession_restore_each_graph_exactly(window, qtbot):
    win = window
    before = snapshot(win.model.graph)
    shown = set(win.exploration.visible)
    meta, meta_ai, claude = find(win, "Meta"), find(win, "Meta AI"), find(win, "Claude")
    assert win.curation.merge(meta, [meta_ai])
    assert win.curation.delete(claude)
    caught_up(qtbot, win)
    after = snapshot(win.model.graph)
    assert meta_ai not in after[0] and claude not in after[0]

    win.undo_stack.undo()
    win.undo_stack.undo()  # before the first undo was shown
    assert win.curation.busy()
    caught_up(qtbot, win)
    assert snapshot(win.model.graph) == before
    assert win.exploration.visible == shown  # what the edits took away is back in view

    win.undo_stack.redo()
    win.undo_stack.redo()
    caught_up(qtbot, win)
    assert snapshot(win.model.graph) == after
    assert [e.kind for _, e in win.curation.state.log()] == ["merge", "delete"]



def test_an_edit_whose_entity_an_earlier_pending_edit_deleted_is_kept_as_finding_nothing(
        window, qtbot):
    win = window
    notion = find(win, "Notion")
    assert win.curation.delete(notion)
    assert win.curation.rename(notion, "Notion Labs")  # the window still shows Notion
    caught_up(qtbot, win)
    assert notion not in win.model
    [(_, _), (renamed, _)] = win.curation.state.log()
    assert win.curation.state.skipped == {renamed}  # the Edits list says it found nothing
    assert win.statusBar().currentMessage() == messages.EDIT_NOT_APPLIED.format(
        edit="Rename \u201cNotion\u201d to \u201cNotion Labs\u201d")
