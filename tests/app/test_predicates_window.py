"""Typed relations by predicate in the window, and metrics and dates as facts.

The graph is built by the graph layer itself (:func:`graph.build.assemble.build_graph`) from
hand-written extraction records of one small document, so its nodes and edges have exactly
the shape an extraction gives them; it is loaded into the real window (offscreen).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, Qt

from app.canvas.legend import MIN_ROWS, PAD, SECTION_GAP
from app.main_window import MainWindow
from app.plain_text import tooltip_text
from graph.build.assemble import build_graph
from graph.explore.filters import drawn_edges
from graph.ingest.documents import Document
from graph.nlp.records import DocumentResult, Mention, PipelineInfo, TypedRelation
from graph.schema import COOCCURRENCE, COOCCURS_WITH, DEPENDENCY, edge_key, node_id
from graph.taxonomy import predicates

DOC = "a.txt"
# (sentence, its entities (text, type), its typed relations (source, phrase, target, predicate))
SENTENCES = [
    ("Llama 2 was released by Meta in 2023.",
     [("Llama 2", "MODEL"), ("Meta", "ORG"), ("2023", "DATE")],
     [("Llama 2", "released by", "Meta", "DEVELOPED_BY")]),
    ("Llama 2 outperforms GPT-3 and PaLM.",
     [("Llama 2", "MODEL"), ("GPT-3", "MODEL"), ("PaLM", "MODEL")],
     [("Llama 2", "outperforms", "GPT-3", "OUTPERFORMS"),
      ("Llama 2", "outperforms", "PaLM", "OUTPERFORMS")]),
    ("Llama 2 scores 51.7% on MATH and 80.2% on GSM8K.",
     [("Llama 2", "MODEL"), ("51.7%", "METRIC"), ("MATH", "DATASET"), ("80.2%", "METRIC"),
      ("GSM8K", "DATASET")],
     [("Llama 2", "scores", "51.7%", "HAS_METRIC"), ("Llama 2", "scores", "80.2%", "HAS_METRIC"),
      ("Llama 2", "evaluated on", "MATH", "EVALUATED_ON"),
      ("Llama 2", "evaluated on", "GSM8K", "EVALUATED_ON")]),
    ("GPT-3 reaches <script>x</script> points.",
     [("GPT-3", "MODEL"), ("<script>x</script>", "METRIC")],
     [("GPT-3", "reaches", "<script>x</script>", "HAS_METRIC")]),
    ("PaLM was compared with GPT-3 by Google.",
     [("PaLM", "MODEL"), ("GPT-3", "MODEL"), ("Google", "ORG")],
     [("PaLM", "compared with", "GPT-3", "COMPARED_WITH"),
      ("PaLM", "developed by", "Google", "DEVELOPED_BY")]),
]
LLAMA, META, GPT3, PALM = (node_id("MODEL", "Llama 2"), node_id("ORG", "Meta"),
                           node_id("MODEL", "GPT-3"), node_id("MODEL", "PaLM"))
MATH, SCORE, OTHER_SCORE = node_id("DATASET", "MATH"), node_id("METRIC", "51.7%"), \
    node_id("METRIC", "80.2%")
MARKUP, YEAR = node_id("METRIC", "<script>x</script>"), node_id("DATE", "2023")
FACTS = {SCORE, OTHER_SCORE, MARKUP, YEAR}
DEVELOPED = edge_key(DEPENDENCY, "", "DEVELOPED_BY")


def build():
    """The graph of :data:`SENTENCES` (one document) and its documents."""
    text, mentions, relations = "", [], []
    for sentence, entities, typed in SENTENCES:
        start = len(text)
        end = start + len(sentence)
        text += sentence + " "
        spans = {}
        for phrase, label in entities:
            at = start + sentence.index(phrase)
            spans[phrase] = (at, at + len(phrase))
            mentions.append(Mention(DOC, at, at + len(phrase), phrase, label, start, end))
        relations += [TypedRelation(DOC, spans[s], spans[t], phrase, start, end, predicate=p)
                      for s, phrase, t, p in typed]
    doc = Document(DOC, DOC, text, "0" * 64)
    info = PipelineInfo("test", "0", "0", False, ())
    return build_graph([DocumentResult(doc, 0, 1, mentions, relations)], info), {DOC: doc}


def open_window(qtbot, settings: QSettings) -> MainWindow:
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.canvas.set_animated(False)
    win.resize(1100, 750)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings, monkeypatch, tmp_path):
    monkeypatch.setenv("THREADLINE_USER_DATA", str(tmp_path / "cache"))
    win = open_window(qtbot, settings)
    graph, documents = build()
    win.model.reset(graph, documents)
    assert win.canvas.wait_for_layout(10_000)
    yield win
    assert win.shutdown(60_000)


def drawn(win: MainWindow) -> set[tuple[str, str, str]]:
    """The edges the canvas draws, as the model path computes them."""
    nodes = set(win.canvas.drawn_nodes())
    return {(u, v, k) for u, v, k, _ in drawn_edges(win.model.graph, nodes, win.filter)}


def link_keys(win: MainWindow) -> set[tuple[str, str, str]]:
    return set(win.canvas.state.arrays.link_keys)


def plain(win: MainWindow) -> str:
    return win.details.browser.toPlainText()


def line_with(text: str, start: str) -> str:
    [line] = [ln.strip() for ln in text.splitlines() if ln.strip().startswith(start)]
    return line


def colour_near(win: MainWindow, u: str, v: str, colour: QColor) -> bool:
    """Whether the canvas shows ``colour`` on the line from ``u`` to ``v`` (pixels)."""
    image = win.canvas.viewport().grab().toImage()
    a, b = win.canvas.node_viewport_pos(u), win.canvas.node_viewport_pos(v)
    for t in (0.35, 0.45, 0.55, 0.65):
        x, y = round(a.x() + (b.x() - a.x()) * t), round(a.y() + (b.y() - a.y()) * t)
        for dx in range(-2, 3):
            for dy in range(-2, 3):
                pixel = image.pixelColor(x + dx, y + dy)
                if sum(abs(p - q) for p, q in zip(pixel.getRgb()[:3], colour.getRgb()[:3],
                                                  strict=True)) < 60:
                    return True
    return False


def test_typed_edges_are_drawn_in_their_predicates_colour(window):
    canvas, style = window.canvas, window.canvas.state.style
    for u, v, predicate in ((LLAMA, META, "DEVELOPED_BY"), (LLAMA, GPT3, "OUTPERFORMS"),
                            (GPT3, PALM, "COMPARED_WITH")):
        expected = QColor(predicates()[predicate].color)
        assert canvas.edge_color(u, v, edge_key(DEPENDENCY, "", predicate)) == expected
        assert colour_near(window, u, v, expected)
    cooc = edge_key(COOCCURRENCE, COOCCURS_WITH)
    assert canvas.edge_color(GPT3, node_id("ORG", "Google"), cooc) == style.cooccurrence


def test_unchecking_a_predicate_hides_exactly_its_edges_and_checking_shows_them(window):
    graph = window.model.graph
    before, links = drawn(window), link_keys(window)
    outperforms = {(u, v, k) for u, v, k in before if graph.edges[u, v, k]["predicate"]
                   == "OUTPERFORMS"}
    assert outperforms == {(LLAMA, GPT3, edge_key(DEPENDENCY, "", "OUTPERFORMS")),
                           (LLAMA, PALM, edge_key(DEPENDENCY, "", "OUTPERFORMS"))}

    window.filters.set_predicate_visible("OUTPERFORMS", False)
    assert window.filter.predicates is not None and "OUTPERFORMS" not in window.filter.predicates
    assert drawn(window) == before - outperforms
    assert link_keys(window) == links - outperforms  # each was a line of its own
    window.show_all()  # what the filter hides stays hidden whatever becomes visible
    assert not link_keys(window) & outperforms

    window.filters.set_predicate_visible("OUTPERFORMS", True)
    assert window.filter.predicates is None
    assert link_keys(window) >= outperforms


def test_the_legend_lists_the_predicates_present_below_the_types(window):
    legend = window.canvas.legend
    assert legend.isVisible()
    assert legend.predicate_codes() == ["DEVELOPED_BY", "OUTPERFORMS", "COMPARED_WITH",
                                        "EVALUATED_ON"]
    entries = legend.entries()
    assert entries.index("Developed by") > entries.index("AI model")
    # Metrics and dates are facts, not nodes: neither they nor the lines to metrics are drawn.
    assert not {"Metric", "Date", "Has metric"} & set(entries)
    # No taller than the list of every type alone was, in two columns, inside the canvas.
    row = legend.fontMetrics().height() + 3
    types = len(window.model.types())
    assert legend.height() <= 2 * PAD + max(types, MIN_ROWS) * row + SECTION_GAP
    assert legend.columns() == 2
    assert legend.geometry().bottom() < window.canvas.viewport().height()
    window.acts["fact_nodes"].trigger()
    assert {"Metric", "Date", "Has metric"} <= set(legend.entries())
    assert legend.predicate_codes()[-1] == "HAS_METRIC"


def test_details_group_typed_relations_by_predicate_both_ways(window):
    window.select_node(LLAMA)
    text = plain(window)
    assert line_with(text, "Developed by:") == "Developed by: Meta (1)"
    outperforms = line_with(text, "Outperforms:")
    assert "GPT-3" in outperforms and "PaLM" in outperforms
    assert "Evaluated on:" in text and "Has metric" not in text  # metrics are facts
    assert 'href="node:ORG%3Ameta"' in window.details.browser.toHtml()
    assert "Mentioned together with" in text  # co-occurrence keeps its own section

    window.select_node(META)
    assert line_with(plain(window), "Developer of:") == "Developer of: Llama 2 (1)"
    window.select_node(PALM)
    text = plain(window)
    assert line_with(text, "Outperformed by:") == "Outperformed by: Llama 2 (1)"
    assert line_with(text, "Compared with:") == "Compared with: GPT-3 (1)"
    window.select_node(GPT3)  # symmetric: the same name from either end
    assert line_with(plain(window), "Compared with:") == "Compared with: PaLM (1)"


def test_metrics_and_dates_are_hidden_until_the_toggle_and_it_is_kept(window, qtbot,
                                                                     settings):
    action = window.acts["fact_nodes"]
    assert action.isCheckable() and not action.isChecked()
    assert not FACTS & set(window.canvas.drawn_nodes())
    total = len(window.model)
    assert window.counts.text().startswith(f"{total - len(FACTS)} of {total} ")
    assert window.facts_count.text() == f"{len(FACTS)} metrics and dates shown as facts"
    assert window.exploration.hidden_neighbour_count(LLAMA) == 0  # facts are no "+N"

    action.trigger()
    assert window.fact_nodes and FACTS <= set(window.canvas.drawn_nodes())
    assert window.counts.text().startswith(f"{total} of {total} ")
    assert not window.facts_count.isVisible()
    window.close()
    assert settings.value("view/fact_nodes", type=bool) is True
    again = open_window(qtbot, settings)
    try:
        assert again.fact_nodes and again.acts["fact_nodes"].isChecked()
    finally:
        again.shutdown()


def test_going_to_a_hidden_metric_shows_it_alone(window):
    window.search.suggest("51.7")
    assert window.search.hits[0].node == SCORE  # search still finds it
    window.search.choose(0)
    assert SCORE in window.canvas.drawn_nodes()
    assert not (FACTS - {SCORE}) & set(window.canvas.drawn_nodes())
    assert window.canvas.selected_node() == SCORE
    assert not window.acts["fact_nodes"].isChecked()  # the toggle is left as it was
    window.acts["fact_nodes"].trigger()
    window.acts["fact_nodes"].trigger()
    assert SCORE not in window.canvas.drawn_nodes()  # switching back forgets the exception


def test_facts_list_a_metric_with_its_benchmark_and_the_dates(window):
    window.select_node(LLAMA)
    text = plain(window)
    assert "Facts" in text
    assert "51.7% \u2014 on MATH (1)" in text
    assert "80.2% \u2014 on GSM8K (1)" in text  # the dataset written nearest, not both
    assert "Date: 2023" in text
    tooltip = window.canvas.node_tooltip(LLAMA)
    assert "51.7% \u2014 on MATH" in tooltip and "Date: 2023" in tooltip
    window.select_node(META)
    assert "51.7%" not in plain(window)


def test_markup_in_a_metric_and_its_evidence_shows_literally(window):
    window.select_node(GPT3)
    assert "<script>x</script> (1)" in plain(window)
    assert "<script>x</script>" not in window.details.browser.toHtml()
    window.focus_edge(GPT3, MARKUP, edge_key(DEPENDENCY, "", "HAS_METRIC"))
    assert "GPT-3 reaches <script>x</script> points." in plain(window)
    assert MARKUP in window.canvas.drawn_nodes()  # the edge's hidden end is shown for it
    for nid in (GPT3, MARKUP):  # the metric on a later line, or the first
        tooltip = window.canvas.node_tooltip(nid)
        assert "<script>x</script>" in tooltip  # plain text, which Qt shows as it is:
        shown = tooltip_text(tooltip)
        assert not Qt.mightBeRichText(shown) or "&lt;script&gt;x&lt;/script&gt;" in shown


def test_who_funds_whom_reads_both_ways_in_the_details_and_has_an_arrow(qtbot, settings,
                                                                       monkeypatch, tmp_path):
    # FUNDS is scored either way round, but the window shows its direction: the funder
    # "Funds", the company "Funded by", an arrowhead from the first to the second
    from app.canvas.items import _link_groups

    monkeypatch.setenv("THREADLINE_USER_DATA", str(tmp_path / "cache"))
    text = "Google has invested $2 billion in Anthropic."
    google, anthropic = (0, 6), (34, 43)
    doc = Document(DOC, DOC, text, "0" * 64)
    result = DocumentResult(doc, 0, 1, [
        Mention(DOC, *google, "Google", "ORG", 0, len(text)),
        Mention(DOC, *anthropic, "Anthropic", "ORG", 0, len(text))],
        [TypedRelation(DOC, google, anthropic, "invest in", 0, len(text), predicate="FUNDS")])
    graph = build_graph([result], PipelineInfo("test", "0", "0", False, ()))
    win = open_window(qtbot, settings)
    win.model.reset(graph, {DOC: doc})
    assert win.canvas.wait_for_layout(10_000)
    assert [(u, v) for u, v, d in graph.edges(data=True) if d["predicate"]] == \
        [(node_id("ORG", "Google"), node_id("ORG", "Anthropic"))]
    win.select_node(node_id("ORG", "Anthropic"))
    assert line_with(plain(win), "Funded by:") == "Funded by: Google (1)"
    win.select_node(node_id("ORG", "Google"))
    assert line_with(plain(win), "Funds:") == "Funds: Anthropic (1)"
    state = win.canvas.state
    groups = list(_link_groups(state, state.arrays.link_dependency.copy(), False))
    assert [arrows for _, _, arrows in groups] == [True]
    assert win.shutdown(60_000)
