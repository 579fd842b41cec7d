"""A page and its copy in the window: each fact of an entity is listed once, with the
sentences of both (graph.build.facts merged the copy's metrics into the page's)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.app.windows import find, load

ANNOUNCEMENTS = Path(__file__).resolve().parents[2] / "training" / "corpus" / "announcements"


@pytest.mark.slow
def test_a_copied_page_lists_each_fact_once_with_both_sentences(qtbot, make_window, tmp_path):
    page = sorted(ANNOUNCEMENTS.glob("m01*"))[0]
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(page, folder / page.name)
    (folder / "copy.txt").write_text("Reading copy bbb.\n\n" + page.read_text())
    win = make_window()
    load(qtbot, win, [str(folder)])
    win.select_node(find(win, "Phi-3-mini"))
    text = win.details.browser.toPlainText()
    facts = text[text.index("Facts") + len("Facts"):text.index("Relations")].split("\n")
    facts = [line for line in facts if line]
    assert facts and all(line.endswith("(2)") for line in facts), facts  # both sentences
    assert sum("69%" in line for line in facts) == 1
    together = text[text.index("Mentioned together with"):].split("\n")
    # its own row's figures (a table's row is a sentence: Phi-3-small's 75% is not with it)
    assert "69% (2 sentences)" in together and "8.38 (2 sentences)" in together
    assert not any(line.startswith("75%") for line in together)
    assert len(together) == len(set(together))  # no metric twice
