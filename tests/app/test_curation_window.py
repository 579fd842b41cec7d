"""Correcting the graph through the window: each edit one undo step kept in the workspace,
the Edits list, the entity table, merge review; the exploration survives every edit and a
re-extraction, and the edits are replayed over it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from app.entity_rows import MENTIONS
from app.main_window import MainWindow
from graph import messages
from graph.build.curation import Curation
from graph.build.edits import REJECT_MERGE
from graph.explore.suggestions import SPELLING
from graph.store.graphml import read_graphml
from tests.app.windows import LOAD_TIMEOUT_MS, find, load

SIZE = (1280, 800)
TEXT = ("Meta released Llama 3 70B in April 2024. Llama3 70B beats GPT-4 on MMLU.\n"
        "OpenAI built GPT-4. Meta AI trained Llama 3 70B with RLHF.\n"
        "Anthropic released Claude in 2023. Claude is used by Notion.\n")


@pytest.fixture
def window(make_window, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "notes.txt").write_text(TEXT, encoding="utf-8")
    win = make_window([str(folder)], size=SIZE)
    win.push(win.exploration.show_all())
    assert win.canvas.wait_for_layout(30_000)
    return win


def labels(win: MainWindow) -> set[str]:
    return {d["label"] for _, d in win.model.graph.nodes(data=True)}


def reload(qtbot, win: MainWindow) -> None:
    with qtbot.waitSignal(win.jobFinished, timeout=LOAD_TIMEOUT_MS) as finished:
        win.reload()
    assert finished.args == ["ok"]
    assert win.canvas.wait_for_layout(30_000)


def test_each_edit_is_one_undo_step_that_keeps_the_exploration(window, qtbot, tmp_path):
    win = window
    assert win.acts["rename_entity"].isEnabled()
    gpt = find(win, "GPT-4")
    win.canvas.set_pinned(gpt)
    shown_before = set(win.exploration.visible)
    positions = win.canvas.positions()
    win.select_node(gpt)

    assert win.curation.rename(gpt, "GPT-4 (OpenAI)")
    assert win.model.label(gpt) == "GPT-4 (OpenAI)"
    assert "GPT-4" in win.model.node(gpt)["aliases"]
    assert win.exploration.visible == shown_before  # not back to the overview
    assert win.canvas.positions()[gpt] == positions[gpt] and gpt in win.canvas.pinned_nodes()
    assert win.details.node == gpt and "GPT-4 (OpenAI)" in win.details.browser.toPlainText()
    assert win.undo_stack.count() - win.undo_stack.index() == 0
    assert win.acts["undo"].text().endswith("\u201d")  # names the edit

    mmlu = find(win, "MMLU")
    assert win.curation.retype(mmlu, "METHOD")
    assert "METHOD:mmlu" in win.exploration.visible and mmlu not in win.model
    assert win.canvas.positions()["METHOD:mmlu"] == positions[mmlu]
    assert win.model.node("METHOD:mmlu")["curated"] == "re-typed from DATASET"

    notion = find(win, "Notion")
    assert win.curation.delete(notion)
    assert notion not in win.model and notion not in win.exploration.visible

    llama = find(win, "Llama 3 70B")
    assert win.curation.split(llama, "Llama3 70B")
    split_off = find(win, "Llama3 70B")
    assert split_off in win.exploration.visible  # shown beside the node it came out of
    assert split_off in win.canvas.positions()

    claude, anthropic = find(win, "Claude"), find(win, "Anthropic")
    assert win.curation.add_relation(gpt, "OUTPERFORMS", claude)
    assert win.model.graph.has_edge(gpt, claude, "dependency:OUTPERFORMS")
    assert win.curation.delete_relation((claude, anthropic, "dependency:DEVELOPED_BY"))
    assert not win.model.graph.has_edge(claude, anthropic, "dependency:DEVELOPED_BY")
    # an edit that would change nothing is refused, not recorded
    assert not win.curation.split(find(win, "OpenAI"), "Open AI")
    texts = win.curation_docks.edits_panel.edit_texts()
    assert texts[0] == "Rename \u201cGPT-4\u201d to \u201cGPT-4 (OpenAI)\u201d"
    assert len(texts) == 6

    win.undo_stack.undo()  # the deleted relation comes back
    assert win.model.graph.has_edge(claude, anthropic, "dependency:DEVELOPED_BY")
    assert len(win.curation_docks.edits_panel.edit_texts()) == 5
    win.undo_stack.undo()  # and the added one goes
    assert not win.model.graph.has_edge(gpt, claude, "dependency:OUTPERFORMS")
    win.undo_stack.redo()
    assert win.model.graph.has_edge(gpt, claude, "dependency:OUTPERFORMS")
    assert win.exploration.visible >= {gpt, claude, anthropic, split_off}

    # Revert the rename from the Edits list (one undo step too)
    panel = win.curation_docks.edits_panel
    panel.list.setCurrentRow(0)
    assert panel.revert_selected()
    assert win.model.label(gpt) == "GPT-4"
    assert "METHOD:mmlu" in win.model  # the later edits still apply
    win.undo_stack.undo()
    assert win.model.label(gpt) == "GPT-4 (OpenAI)"

    # Re-extract: the edits are replayed, the exploration kept
    shown = set(win.exploration.visible)
    kept_position = win.canvas.positions()["METHOD:mmlu"]
    reload(qtbot, win)
    assert win.model.label(gpt) == "GPT-4 (OpenAI)"
    assert "METHOD:mmlu" in win.model and notion not in win.model
    assert split_off in win.model and win.model.graph.has_edge(gpt, claude,
                                                                "dependency:OUTPERFORMS")
    assert win.exploration.visible == shown
    assert win.canvas.positions()["METHOD:mmlu"] == kept_position
    assert len(win.curation_docks.edits_panel.edit_texts()) == 5

    # the exports are the curated graph, with the provenance
    out = tmp_path / "curated.graphml"
    assert win.export_graph(str(out), "graphml")
    exported = read_graphml(out)
    assert exported.nodes[gpt]["label"] == "GPT-4 (OpenAI)" and notion not in exported
    assert "renamed from" in exported.nodes[gpt]["curated"]


def test_merge_from_the_table_is_one_step_and_rows_follow_the_canvas(window, qtbot):
    win = window
    win.curation_docks.table_dock.show()
    table = win.curation_docks.table
    meta, meta_ai, openai = find(win, "Meta"), find(win, "Meta AI"), find(win, "OpenAI")
    table.set_filter("meta")
    assert table.proxy.rowCount() == 2
    table.select_entities([meta, meta_ai])
    assert table.selected() == [meta, meta_ai]
    steps = win.undo_stack.count()
    table.merge_button.click()
    assert meta_ai not in win.model
    assert "Meta AI" in win.model.node(meta)["aliases"]
    assert win.undo_stack.count() == steps + 1
    assert table.proxy.rowCount() == 1  # the filter stays across the edit

    # the canvas selection selects the row; a row selects the entity
    table.set_filter("")
    win.select_node(openai)
    assert table.selected() == [openai]
    row = table.proxy.mapFromSource(table.source.index(table.source.row_of[meta], 0))
    table.view.setCurrentIndex(row)
    assert win.canvas.selected_node() == meta and win.details.node == meta

    # bulk re-type and delete, each one step
    table.set_filter("", "ORG")
    orgs = [table.proxy.data(table.proxy.index(r, 0), Qt.ItemDataRole.UserRole)
            for r in range(table.proxy.rowCount())]
    table.select_entities(orgs)
    assert win.curation.retype(table.selected(), "PROJECT")
    assert not [n for n in win.model.graph if n.startswith("ORG:")]
    # no ORG left to filter by: the table shows every type again, the new ones selected
    assert table.proxy.rowCount() == table.source.rowCount()
    assert len(table.selected()) == len(orgs)
    win.undo_stack.undo()
    assert len([n for n in win.model.graph if n.startswith("ORG:")]) == len(orgs)

    table.set_filter("", "")
    table.select_entities([openai, meta])
    text = table.copy_selection()
    assert text.splitlines()[0].split("\t")[:2] == ["Label", "Type"]
    assert {line.split("\t")[0] for line in text.splitlines()[1:]} == {"OpenAI", "Meta"}
    assert QApplication.clipboard().text() == text
    table.delete_button.click()
    assert openai not in win.model and meta not in win.model
    win.undo_stack.undo()
    assert openai in win.model and meta in win.model

    win.undo_stack.undo()  # the merge
    assert meta_ai in win.model and meta_ai in win.exploration.visible


def test_the_rows_of_a_big_graph_are_read_in_a_worker_after_an_edit(window, qtbot):
    win = window
    win.curation_docks.table_dock.show()
    table = win.curation_docks.table
    table.source.rows_in_worker = 0  # every graph counts as big
    meta, meta_ai = find(win, "Meta"), find(win, "Meta AI")
    table.select_entities([meta])
    before = table.source.rowCount()
    assert win.curation.merge(meta, [meta_ai])
    assert not table.view.isEnabled() and not table.delete_button.isEnabled()  # greyed
    qtbot.waitUntil(table.view.isEnabled, timeout=10_000)
    assert table.source.rowCount() == before - 1 and meta_ai not in table.source.row_of
    mentions = [table.proxy.data(table.proxy.index(r, MENTIONS))
                for r in range(table.proxy.rowCount())]
    assert mentions == sorted(mentions, reverse=True)  # as the header says
    assert table.selected() == [meta] and table.delete_button.isEnabled()


def test_merge_review_accepts_and_rejects_suggestions(window, qtbot):
    win = window
    llama = find(win, "Llama 3 70B")
    assert win.curation.split(llama, "Llama3 70B")  # now two entities that are one
    win.acts["merge_review"].trigger()
    assert win.curation_docks.review_dock.isVisible()
    review = win.curation_docks.review
    qtbot.waitUntil(lambda: review.is_ready() and review.list.count() > 0, timeout=10_000)
    [row] = [i for i, s in enumerate(review.suggestions) if s.kind == SPELLING
             and {s.keep, s.other} == {llama, "MODEL:llama3-70b"}]
    review.list.setCurrentRow(row)
    assert "Llama3 70B beats GPT-4 on MMLU." in review.right.toPlainText() + \
        review.left.toPlainText()
    review.reject_button.click()
    log = Curation(win.model.graph, workspace=win.curation.state.workspace).log()
    assert log[-1][1].kind == REJECT_MERGE
    qtbot.waitUntil(review.is_ready, timeout=10_000)
    assert not [s for s in review.suggestions if {s.keep, s.other} == {llama,
                                                                        "MODEL:llama3-70b"}]
    win.undo_stack.undo()  # the rejection is undone: suggested again
    qtbot.waitUntil(lambda: review.is_ready() and any(
        {s.keep, s.other} == {llama, "MODEL:llama3-70b"} for s in review.suggestions),
        timeout=10_000)
    review.list.setCurrentRow([i for i, s in enumerate(review.suggestions)
                               if {s.keep, s.other} == {llama, "MODEL:llama3-70b"}][0])
    review.accept_button.click()
    assert "MODEL:llama3-70b" not in win.model and llama in win.model


def test_rename_through_its_key_and_dialog(window, qtbot):
    win = window
    gpt = find(win, "GPT-4")
    win.select_node(gpt)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("GPT four")
        dialog.accept()

    QTimer.singleShot(0, answer)
    win.acts["rename_entity"].trigger()
    assert win.model.label(gpt) == "GPT four"


def test_an_imported_graph_cannot_be_edited_and_says_why(window, qtbot, tmp_path):
    win = window
    path = tmp_path / "exported.graphml"
    assert win.export_graph(str(path), "graphml")
    load(qtbot, win, [str(path)])
    assert not win.acts["rename_entity"].isEnabled()
    assert win.acts["rename_entity"].toolTip() == messages.NOT_EDITABLE
    assert not win.curation.rename(find(win, "GPT-4"), "GPT four")
    assert win.curation_docks.edits_panel.empty.text() == messages.NOT_EDITABLE
    assert win.curation_docks.table.merge_button.isHidden()


def test_merge_selected_merges_the_canvas_selection_into_the_current_entity(window):
    a, b = find(window, "Meta"), find(window, "Meta AI")
    window.canvas.select_nodes([b, a], current=a)
    window.acts["merge_selected"].trigger()
    assert "Meta AI" not in labels(window)
    assert "Meta AI" in window.model.node(a)["aliases"]
    window.undo_stack.undo()
    assert "Meta AI" in labels(window)
    window.canvas.select_nodes([a])
    window.acts["merge_selected"].trigger()  # one entity: nothing to merge, it says so
    assert "Meta AI" in labels(window)
    assert "two entities" in window.statusBar().currentMessage()
