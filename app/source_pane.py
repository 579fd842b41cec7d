"""The source-text pane: documents with entity mentions highlighted in their type's colour.

Selecting a node lists its mentions and steps through them; selecting an edge lists its
evidence sentences with both ends emphasised; a full-text search lists matching sentences.
Clicking a highlighted mention in the text selects its node.

Highlights are ``ExtraSelection`` s for the visible part of the document only, rebuilt on
scroll, so a 5 MB document with tens of thousands of mentions stays smooth.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.bridge import listen
from app.canvas.style import is_dark
from app.guard import guarded
from app.plain_text import ElidedLabel, tooltip_text
from graph import messages
from graph.explore.model import GraphModel, ModelEvent
from graph.explore.query import TextHit
from graph.nlp.reading import plain_pieces
from graph.taxonomy import color_of

SNIPPET_CONTEXT = 60
RELAYOUT_BLOCKS = 500  # paragraphs laid out at most to bring the passage back into view


@dataclass(frozen=True, slots=True)
class Passage:
    """One entry of the list: a place in a document to show."""

    doc: str
    start: int
    end: int
    sent_start: int
    sent_end: int
    text: str
    emphasis: tuple[str, ...] = ()  # node ids to emphasise inside the sentence


class _Offsets:
    """Python string offsets <-> Qt's UTF-16 positions (they differ after astral characters)."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] \
            if len(text.encode("utf-16-le")) // 2 != len(text) else []

    def to_qt(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        lo, hi = 0, position
        while lo < hi:  # smallest offset whose Qt position reaches ``position``
            mid = (lo + hi) // 2
            if self.to_qt(mid) < position:
                lo = mid + 1
            else:
                hi = mid
        return lo


class DocumentView(QPlainTextEdit):
    """Read-only text with mention highlights; emits ``mentionClicked(node id)``."""

    mentionClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.viewport().setMouseTracking(True)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.05)
        self.setFont(font)
        self.doc_id: str | None = None
        self._offsets = _Offsets("")
        self._spans: list[tuple[int, int, str, str]] = []  # start, end, node, type
        self._starts: list[int] = []
        self._focus: tuple[int, int] | None = None
        self._sentence: tuple[int, int] | None = None
        self._emphasis: set[str] = set()
        self._focus_shown = False  # the focus was in view at the last refresh
        self._recentre = False  # bring it back into view at the next refresh
        self._dark = False
        # Highlights are rebuilt after scrolls and resizes, never inside them: changing
        # extra selections from within a resize event re-enters the text layout (a crash).
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self._refresh_highlights)
        self.verticalScrollBar().valueChanged.connect(self._refresh_timer.start)

    def show_document(self, doc_id: str, text: str, spans: list[tuple[int, int, str, str]],
                      dark: bool) -> None:
        if doc_id != self.doc_id:
            self.doc_id = doc_id
            self._offsets = _Offsets(text)
            self._focus = self._sentence = None  # they were places in the other document
            self.setPlainText(text)
        self._spans = spans
        self._starts = [s[0] for s in spans]
        self._dark = dark
        self._refresh_highlights()

    def clear_document(self, message: str = "") -> None:
        self.doc_id = None
        self._spans, self._starts = [], []
        self.setPlainText(message)
        self.setExtraSelections([])

    def focus_on(self, start: int, end: int, sentence: tuple[int, int] | None,
                 emphasis: tuple[str, ...] = ()) -> None:
        """Scroll to ``start:end``, mark it and its sentence."""
        self._focus, self._sentence, self._emphasis = (start, end), sentence, set(emphasis)
        self._centre_focus()
        self._refresh_highlights()

    def _focus_cursor(self) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(self._focus[0]))
        return cursor

    def _centre_focus(self) -> None:
        self.setTextCursor(self._focus_cursor())
        self.centerCursor()

    def _bring_back_focus(self) -> None:
        """Centre the focus again after the lines were wrapped anew (it was in view)."""
        # Blocks are laid out lazily after a re-wrap, each counted as one line until then:
        # lay out the few from the top of the view to the focus so that centring measures
        # them, and let the scroll range follow (it listens to the size of the document).
        layout, block = self.document().documentLayout(), self.firstVisibleBlock()
        last = min(self._focus_cursor().blockNumber(), block.blockNumber() + RELAYOUT_BLOCKS)
        while block.isValid() and block.blockNumber() <= last:
            layout.ensureBlockLayout(block)
            block = block.next()
        layout.documentSizeChanged.emit(layout.documentSize())
        self._centre_focus()

    def _focus_in_view(self) -> bool:
        return self._focus is not None and \
            self.viewport().rect().contains(self.cursorRect(self._focus_cursor()).center())

    def mention_at(self, offset: int) -> str | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0 and self._spans[i][0] <= offset:
            start, end, nid, _ = self._spans[i]
            if start <= offset < end:
                return nid
            i -= 1
            if offset - start > 200:
                break
        return None

    def _visible_range(self) -> tuple[int, int]:
        first = self.cursorForPosition(self.viewport().rect().topLeft()).position()
        last = self.cursorForPosition(self.viewport().rect().bottomRight()).position()
        return self._offsets.from_qt(first) - 200, self._offsets.from_qt(last) + 200

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor, sel.format = cursor, fmt
        return sel

    def _refresh_highlights(self) -> None:
        if self.doc_id is None:
            return
        if self._recentre and self._focus is not None and not self._focus_in_view():
            self._bring_back_focus()  # scrolls: this runs again, on what is in view now
        self._recentre = False
        self._focus_shown = self._focus_in_view()
        lo, hi = self._visible_range()
        selections = []
        if self._sentence:
            fmt = QTextCharFormat()
            tint = self.palette().highlight().color()
            tint.setAlpha(40)
            fmt.setBackground(tint)
            selections.append(self._selection(*self._sentence, fmt))
        first = max(0, bisect.bisect_left(self._starts, lo) - 1)
        for start, end, nid, etype in self._spans[first:]:
            if start > hi:
                break
            if end < lo:
                continue
            colour = QColor(color_of(etype, self._dark))
            fmt = QTextCharFormat()
            current = self._focus == (start, end) or nid in self._emphasis
            colour.setAlpha(150 if current else 70)
            fmt.setBackground(colour)
            if current:  # underline, not bold: bold would re-flow the text
                fmt.setFontUnderline(True)
            fmt.setToolTip(tooltip_text(nid))  # ids of imported graphs can be anything
            selections.append(self._selection(start, end, fmt))
        self.setExtraSelections(selections)

    # -- events ---------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        # Lines wrap anew: the passage being read may move out of view; bring it back.
        self._recentre = self._recentre or self._focus_shown
        super().resizeEvent(event)
        # the scroll value may not change (it then starts no refresh) while the lines did
        self._refresh_timer.start()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        # A new theme: the mentions are recoloured (not while being built: no timer yet).
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_refresh_timer"):
            self._dark = is_dark(self.palette())
            self._refresh_timer.start()

    def _offset_at(self, pos) -> int:
        return self._offsets.from_qt(self.cursorForPosition(pos).position())

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton:
            over = self.mention_at(self._offset_at(event.position().toPoint()))
            shape = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor
            self.viewport().setCursor(shape)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            nid = self.mention_at(self._offset_at(event.position().toPoint()))
            if nid:
                self.mentionClicked.emit(nid)


class SourcePane(QWidget):
    """Passages (mentions, evidence, search hits) above the document they are in."""

    nodeActivated = Signal(str)

    def __init__(self, model: GraphModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.passages: list[Passage] = []
        self.current = -1
        self._spans_by_doc: dict[str, list[tuple[int, int, str, str]]] | None = None

        self.title = ElidedLabel()  # a long name must not widen the dock
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.position = QLabel()
        self.position.setTextFormat(Qt.TextFormat.PlainText)
        self.prev_button = QToolButton(text="\u25b2", toolTip="Previous (Shift+F3)")
        self.next_button = QToolButton(text="\u25bc", toolTip="Next (F3)")
        self.prev_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.position)
        header.addWidget(self.prev_button)
        header.addWidget(self.next_button)

        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.currentRowChanged.connect(self._on_row_changed)

        self.documents = QComboBox()
        self.documents.setToolTip("Read any document of the corpus")
        self.documents.activated.connect(self._on_document_chosen)
        self.view = DocumentView()
        self.view.mentionClicked.connect(self.nodeActivated)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.documents)
        lower_layout.addWidget(self.view)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addWidget(self.splitter)
        listen(self, model.subscribe, self._on_model_changed)
        self._on_model_changed(ModelEvent("reset"))

    # -- model ----------------------------------------------------------------------------
    def _on_model_changed(self, event: ModelEvent) -> None:
        self._spans_by_doc = None
        if event.kind == "edited":  # same documents: keep the one being read
            current = self.documents.currentText()
            if current in self.model.documents:
                self.show_document(current)
                return
        with QSignalBlocker(self.documents):
            self.documents.clear()
            self.documents.addItems(sorted(self.model.documents))
        self._set_passages("", [])
        if self.model.documents:
            self.show_document(sorted(self.model.documents)[0])
        else:
            self.view.clear_document(messages.EMPTY_GRAPH)

    def _spans(self, doc_id: str) -> list[tuple[int, int, str, str]]:
        if self._spans_by_doc is None:
            by_doc: dict[str, list[tuple[int, int, str, str]]] = {}
            for nid, data in self.model.graph.nodes(data=True):
                for occ in data.get("occurrences", ()):
                    by_doc.setdefault(occ[0], []).append((occ[1], occ[2], nid,
                                                          data.get("type", "OTHER")))
            for spans in by_doc.values():
                spans.sort()
            self._spans_by_doc = by_doc
        return self._spans_by_doc.get(doc_id, [])

    @property
    def dark(self) -> bool:
        return self.palette().base().color().lightness() < 128

    # -- what to show ---------------------------------------------------------------------
    def show_document(self, doc_id: str) -> None:
        document = self.model.documents.get(doc_id)
        if document is None:
            self.view.clear_document(messages.NO_DOCUMENT_TEXT.format(doc=doc_id))
            return
        self.view.show_document(doc_id, document.text, self._spans(doc_id), self.dark)
        with QSignalBlocker(self.documents):
            self.documents.setCurrentText(doc_id)

    def show_node(self, nid: str) -> None:
        """List the mentions of ``nid`` and go to the first."""
        data = self.model.node(nid)
        passages = [Passage(doc, s, e, ss, se, self._snippet(doc, s, e, ss, se), (nid,))
                    for doc, s, e, ss, se in sorted(data.get("occurrences", ()))]
        self._set_passages(f"Mentions of {data.get('label', nid)}", passages)

    def show_edge(self, u: str, v: str, key: str) -> None:
        """List the evidence sentences of one edge, both ends emphasised."""
        data = self.model.graph.edges[u, v, key]
        passages = []
        for ev in data.get("evidence", ()):
            # the source's mention, or the target's when the source is a "we" author
            start, end = self._mention_in(u, ev) or self._mention_in(v, ev) or (ev["start"],) * 2
            passages.append(Passage(ev["doc"], start, end, ev["start"], ev["end"], ev["text"],
                                    (u, v)))
        relation = data.get("relation", "")
        self._set_passages(f"{self.model.label(u)} \u2014 {relation} \u2014 {self.model.label(v)}",
                           passages)

    def show_text_hits(self, query: str, hits: list[TextHit]) -> None:
        passages = [Passage(h.doc, h.start, h.end, h.sent_start, h.sent_end, h.sentence)
                    for h in hits]
        self._set_passages(f"Sentences containing \u201c{query}\u201d", passages)

    def clear(self) -> None:
        self._set_passages("", [])

    def next(self) -> None:
        if self.passages:
            self.list.setCurrentRow((self.current + 1) % len(self.passages))

    def previous(self) -> None:
        if self.passages:
            self.list.setCurrentRow((self.current - 1) % len(self.passages))

    # -- internals ------------------------------------------------------------------------
    def _mention_in(self, nid: str, ev: dict) -> tuple[int, int] | None:
        """The first mention of ``nid`` inside the evidence sentence ``ev``."""
        for doc, s, e, _ss, _se in self.model.node(nid).get("occurrences", ()):
            if doc == ev["doc"] and ev["start"] <= s < ev["end"]:
                return s, e
        return None

    def _snippet(self, doc: str, start: int, end: int, s_start: int, s_end: int) -> str:
        document = self.model.documents.get(doc)
        if document is None:
            return f"{doc} @ {start}"
        # the sentence read as the pipeline reads it (a link's brackets and address are no
        # words), then cut to some context around the name
        s_start, s_end = min(s_start, start), max(s_end, end)
        pre, name, post = plain_pieces(document.text[s_start:s_end],
                                       [start - s_start, end - s_start])
        if len(pre) > SNIPPET_CONTEXT:
            pre = "\u2026" + pre[-SNIPPET_CONTEXT:]
        if len(post) > SNIPPET_CONTEXT:
            post = post[:SNIPPET_CONTEXT] + "\u2026"
        return " ".join(f"{pre}\u00ab{name}\u00bb{post}".split())

    def _set_passages(self, title: str, passages: list[Passage]) -> None:
        self.passages = passages
        self.current = -1
        self.title.setText(title)
        with QSignalBlocker(self.list):
            self.list.clear()
            for p in passages:
                item = QListWidgetItem(f"{p.text}    \u2014 {p.doc}")
                item.setToolTip(tooltip_text(p.doc))
                self.list.addItem(item)
        enabled = len(passages) > 1
        self.prev_button.setEnabled(enabled)
        self.next_button.setEnabled(enabled)
        self.position.setText(f"{len(passages)}" if passages else "")
        if passages:
            self.list.setCurrentRow(0)

    @guarded
    def _on_row_changed(self, row: int) -> None:
        if not 0 <= row < len(self.passages):
            return
        self.current = row
        p = self.passages[row]
        self.position.setText(f"{row + 1} / {len(self.passages)}")
        self.show_document(p.doc)
        if self.view.doc_id == p.doc:
            self.view.focus_on(p.start, p.end, (p.sent_start, p.sent_end), p.emphasis)

    @guarded
    def _on_document_chosen(self, index: int) -> None:
        self.show_document(self.documents.itemText(index))
