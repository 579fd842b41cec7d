"""Details of the selected entity or relation: type, aliases, documents, facts, relations.

An entity's typed relations are grouped by predicate, read from the entity: "Developed by:
Meta" on the model, "Developer of: Llama 2" on the organisation (the predicate's inverse
name for edges that end at the entity; symmetric predicates read the same both ways). Its
metrics and dates are listed as facts (:mod:`graph.explore.entity_facts`); co-occurrence
has its own list. Every relation and neighbour is a link: clicking one selects that edge or
entity (a number after a name, the edge's evidence count, opens the evidence). The panel
is HTML built here; every value in it comes from the graph (labels, ids, documents,
evidence: from files, maybe hostile) and is escaped with :func:`app.plain_text.html_text`.
The browser follows no link itself and loads nothing: an ``<img>`` that slipped through
would not read a file.
"""

from __future__ import annotations

import math
from urllib.parse import quote, unquote

from PySide6.QtCore import QByteArray, QEvent, QUrl, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from app.bridge import listen
from app.guard import guarded
from app.plain_text import html_text as _h
from graph.explore.analysis import MEASURE_NAMES, GraphAnalysis
from graph.explore.entity_facts import EntityFacts, entity_facts
from graph.explore.filters import edge_predicate
from graph.explore.model import GraphModel, ModelEvent
from graph.schema import DEPENDENCY, PREDICATES
from graph.taxonomy import color_of, predicates, type_info

MAX_LISTED = 60
RANKED = ("pagerank", "betweenness")  # the ranks an entity's details show


def _node_link(nid: str, text: object) -> str:
    return f'<a href="node:{quote(str(nid), safe="")}">{_h(text)}</a>'


def _edge_link(u: str, v: str, key: str, text: str) -> str:
    target = "/".join(quote(str(x), safe="") for x in (u, v, key))
    return f'<a href="edge:{target}">{_h(text)}</a>'


def _number(value: object) -> float:
    """A weight from the graph as a number for sorting (0 when it is none)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) else 0.0


def _weight(value: object) -> str:
    """A weight from the graph as HTML (it may come from a file: anything)."""
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return _h(value)


def _listed(value: object) -> list:
    """A list attribute as a list (a file may hold a string or a number instead)."""
    return list(value) if isinstance(value, list | tuple) else [value] if value else []


class SafeBrowser(QTextBrowser):
    """A ``QTextBrowser`` that loads no resource (image, style sheet) and opens no link."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, kind: int, name: QUrl) -> QByteArray:
        # Empty, not None: for a null answer the document would read the file itself.
        return QByteArray()


class DetailsPanel(QWidget):
    """Shows one entity or one relation; emits what the person clicks."""

    nodeActivated = Signal(str)
    edgeActivated = Signal(str, str, str)
    showMoreRequested = Signal(str)
    communityActivated = Signal(int)  # a community's number: show its members
    analysisWanted = Signal()  # an entity is shown and its community is not known yet

    def __init__(self, model: GraphModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.browser = SafeBrowser()
        self.browser.anchorClicked.connect(self._on_link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser)
        self.node: str | None = None
        self.edge: tuple[str, str, str] | None = None
        self.selection: list[str] = []  # several entities selected (show_selection)
        self._hidden_neighbours = 0
        self._shown_dark = self.dark
        self.community: int | None = None
        # Communities and ranks (graph.explore.analysis), once the window has them.
        self.analysis: GraphAnalysis | None = None
        listen(self, model.subscribe, self._on_model_changed)
        self.clear()

    @property
    def dark(self) -> bool:
        return self.palette().base().color().lightness() < 128

    def _on_model_changed(self, event: ModelEvent) -> None:
        if event.kind == "edited":  # the window shows the entity again, by its new id
            node = event.successor(self.node) if self.node is not None else None
            if node is not None and node in self.model:
                self.node = node
                return
            if self.edge is not None and self.model.graph.has_edge(*self.edge):
                return
        # A new graph: whatever was shown may no longer exist.
        self.clear()

    def clear(self) -> None:
        self.node = self.edge = self.community = None
        self.selection = []
        self.browser.setHtml("<p style='color:gray'>Select an entity or a relation to see its "
                             "details.</p>")

    def _chip(self, etype: str) -> str:
        colour = color_of(etype, self.dark)
        rgb = QColor(colour)
        # Dark ink on light chips (the dark theme's colours are light): white would fade.
        light = 0.2126 * rgb.redF() + 0.7152 * rgb.greenF() + 0.0722 * rgb.blueF() > 0.55
        ink = "#1b1b1b" if light else "white"
        return (f"<span style='background:{_h(colour)}; color:{ink}; padding:2px 6px;'>"
                f"&nbsp;{_h(type_info(etype).name)}&nbsp;</span>")

    def show_node(self, nid: str, hidden_neighbours: int = 0) -> None:
        """Everything about one entity; ``hidden_neighbours`` offers "show N more"."""
        # Shown again (its neighbours shown or hidden): stay where the person was reading.
        scroll = self.browser.verticalScrollBar().value() if nid == self.node else 0
        self.node, self.edge, self.community, self.selection = nid, None, None, []
        self._hidden_neighbours = hidden_neighbours
        data = self.model.node(nid)
        etype = data.get("type", "OTHER")
        parts = [f"<h2 style='margin-bottom:2px'>{_h(data.get('label', nid))}</h2>",
                 f"<p>{self._chip(etype)} &nbsp; <code>{_h(nid)}</code></p>", "<table>"]
        # Community and ranks first: the lists below may be long.
        rows = [*self._analysis_rows(nid),
                ("Aliases", ", ".join(_h(a) for a in _listed(data.get("aliases"))) or "\u2014"),
                ("Documents", "<br>".join(_h(d) for d in _listed(data.get("documents")))),
                ("Mentions", _h(data.get("mentions", 0))),
                ("Neighbours", _h(self.model.degree(nid)))]
        parts += [f"<tr><td style='color:gray; padding-right:8px'>{k}</td><td>{v}</td></tr>"
                  for k, v in rows]
        parts.append("</table>")
        if hidden_neighbours:
            parts.append(f"<p><a href='more:{quote(str(nid), safe='')}'>Show more neighbours</a>"
                         f" ({_h(hidden_neighbours)} hidden)</p>")
        typed, cooc = [], []
        for u, v, key, edata in self.model.edges_of(nid):
            (typed if edata.get("method") == DEPENDENCY else cooc).append((u, v, key, edata))
        parts += self._facts_rows(entity_facts(self.model.graph, nid))
        parts += self._typed_rows(nid, typed) + self._cooccurrence_rows(nid, cooc)
        self.browser.setHtml("".join(parts))
        self.browser.verticalScrollBar().setValue(scroll)

    def set_analysis(self, analysis: GraphAnalysis | None) -> None:
        """Show communities and ranks from ``analysis`` (``None``: not computed yet)."""
        self.analysis = analysis
        if self.node is not None and self.node in self.model:
            self.show_node(self.node)
        elif self.community is not None and analysis is not None \
                and self.community < len(analysis.communities):
            self.show_community(self.community)

    def _current_analysis(self) -> GraphAnalysis | None:
        analysis = self.analysis
        return analysis if analysis is not None and analysis.graph is self.model.graph else None

    def _analysis_rows(self, nid: str) -> list[tuple[str, str]]:
        """The entity's community (a link that shows it) and its ranks."""
        analysis = self._current_analysis()
        if analysis is None:
            self.analysisWanted.emit()
            return [("Community", "<span style='color:gray'>computing\u2026</span>")]
        community = analysis.community_of(nid)
        if community is None:
            return []
        text = f"{community.name} ({community.size} entities)"
        link = f'<a href="community:{community.number}">{_h(text)}</a>'
        total = len(analysis)
        ranks = [f"{MEASURE_NAMES[m]} #{analysis.rank(m, nid)} of {total}"
                 if m in analysis.scores else f"{MEASURE_NAMES[m]}: computing\u2026"
                 for m in RANKED]
        if analysis.pivots:
            ranks[-1] += " (estimated)"
        if not analysis.complete:  # a big graph opened without its betweenness
            self.analysisWanted.emit()
        return [("Community", link), ("Rank", "<br>".join(_h(r) for r in ranks))]

    def show_community(self, number: int) -> None:
        """A community: its name, size and members (most central first), a link to show it."""
        analysis = self._current_analysis()
        if analysis is None or not 0 <= number < len(analysis.communities):
            return
        community = analysis.communities[number]
        self.node, self.edge, self.community = None, None, number
        members = [_node_link(m, self.model.label(m)) for m in community.members[:MAX_LISTED]]
        if community.size > MAX_LISTED:
            members.append(f"\u2026 and {community.size - MAX_LISTED} more")
        parts = [f"<h2 style='margin-bottom:2px'>{_h(community.name)}</h2>",
                 f"<p>Community of {_h(community.size)} entities, named after its most "
                 "central one</p>",
                 f'<p><a href="community:{number}">Show these entities</a></p>',
                 "<h3>Members</h3><p>", ", ".join(members), "</p>"]
        self.browser.setHtml("".join(parts))

    def _evidence_link(self, u: str, v: str, key: str, edata: dict) -> str:
        """The edge's weight in grey, a link to its evidence."""
        count = f"({_weight(edata.get('weight', 1))})"
        return f" <span style='color:gray'>{_edge_link(u, v, key, count)}</span>"

    def _facts_rows(self, facts: EntityFacts) -> list[str]:
        """The entity's metrics ("51.7% — on MATH") and the dates it is mentioned with."""
        if not facts:
            return []
        parts = ["<h3>Facts</h3><ul>"]
        for fact in facts.metrics[:MAX_LISTED]:
            edata = self.model.graph.edges[fact.edge]
            on = ""
            if fact.benchmarks:
                on = " \u2014 on " + ", ".join(_node_link(d, label) for d, label in fact.benchmarks)
            parts.append(f"<li>{_node_link(fact.metric, fact.label)}{on}"
                         f"{self._evidence_link(*fact.edge, edata)}</li>")
        if facts.dates:
            dates = ", ".join(_node_link(d.date, d.label) for d in facts.dates[:MAX_LISTED])
            more = f" \u2026 and {len(facts.dates) - MAX_LISTED} more" \
                if len(facts.dates) > MAX_LISTED else ""
            parts.append(f"<li>{'Dates' if len(facts.dates) > 1 else 'Date'}: {dates}{more}</li>")
        parts.append("</ul>")
        return parts

    def _typed_rows(self, nid: str, typed: list) -> list[str]:
        """Typed relations grouped by predicate, each group headed by how it reads from
        ``nid``; typed edges without a schema predicate follow, one per line as a phrase."""
        groups: dict[tuple[int, bool], list] = {}
        other = []
        for u, v, key, edata in typed:
            predicate = edge_predicate(edata)
            if not predicate:
                other.append((u, v, key, edata))
            elif not (predicate == "HAS_METRIC" and u == nid):  # listed under Facts
                outgoing = u == nid or predicates()[predicate].symmetric
                groups.setdefault((PREDICATES.index(predicate), outgoing), []).append(
                    (u, v, key, edata))
        if not groups and not other:
            return []
        parts = ["<h3>Relations</h3><ul>"]
        for (slot, outgoing), edges in sorted(groups.items(), key=lambda g: (g[0][0], not g[0][1])):
            info = predicates()[PREDICATES[slot]]
            edges.sort(key=lambda e: (-_number(e[3].get("weight", 1)),
                                      str(self.model.label(e[0] if e[1] == nid else e[1]))))
            names = [self._neighbour_link(nid, *edge) for edge in edges[:MAX_LISTED]]
            if len(edges) > MAX_LISTED:
                names.append(f"\u2026 and {len(edges) - MAX_LISTED} more")
            heading = info.name if outgoing else info.inverse
            parts.append(f"<li><b>{_h(heading)}:</b> {', '.join(names)}</li>")
        parts += self._phrase_rows(nid, other)
        parts.append("</ul>")
        return parts

    def _neighbour_link(self, nid: str, u: str, v: str, key: str, edata: dict) -> str:
        """The other end of an edge of ``nid`` as a link, then its evidence link."""
        other = v if u == nid else u
        return _node_link(other, self.model.label(other)) + self._evidence_link(u, v, key, edata)

    def _phrase_rows(self, nid: str, typed: list) -> list[str]:
        """Typed relations without a schema predicate: "→ released by → Meta"."""
        parts = []
        for u, v, key, edata in sorted(typed, key=lambda e: -_number(e[3].get("weight", 1))):
            relation = edata.get("relation", "")
            if u == nid:
                text = f"\u2192 {relation} \u2192 "
                parts.append(f"<li>{_edge_link(u, v, key, text)}"
                             f"{_node_link(v, self.model.label(v))}")
            else:
                text = f" \u2192 {relation} \u2192"
                parts.append(f"<li>{_node_link(u, self.model.label(u))}"
                             f"{_edge_link(u, v, key, text)}")
            parts.append(f" <span style='color:gray'>({_weight(edata.get('weight', 1))})"
                         "</span></li>")
        return parts

    def _cooccurrence_rows(self, nid: str, cooc: list) -> list[str]:
        if not cooc:
            return []
        parts = ["<h3>Mentioned together with</h3><ul>"]
        cooc.sort(key=lambda e: (-_number(e[3].get("weight", 1)),
                                 str(self.model.label(e[0] if e[1] == nid else e[1]))))
        for u, v, key, edata in cooc[:MAX_LISTED]:
            other = v if u == nid else u
            count = f"({_weight(edata.get('weight', 1))} sentences)"
            parts.append(f"<li>{_node_link(other, self.model.label(other))} "
                         f"{_edge_link(u, v, key, count)}</li>")
        if len(cooc) > MAX_LISTED:
            rest = len(cooc) - MAX_LISTED
            parts.append(f"<li style='color:gray'>\u2026 and {rest} more</li>")
        parts.append("</ul>")
        return parts

    def show_edge(self, u: str, v: str, key: str) -> None:
        """The relation ``(u, v, key)`` and its evidence sentences."""
        self.node, self.edge, self.community, self.selection = None, (u, v, key), None, []
        data = self.model.graph.edges[u, v, key]
        method = data.get("method", "")
        kind = "typed relation (dependency parse)" if method == DEPENDENCY else \
            "co-occurrence in the same sentence"
        info = predicates().get(edge_predicate(data)) if method == DEPENDENCY else None
        if info is not None:
            kind = f"{kind}: {info.name}"
        arrow = "\u2192" if method == DEPENDENCY else "\u2014"
        evidence = [ev for ev in _listed(data.get("evidence")) if isinstance(ev, dict)]
        parts = [f"<h2>{_node_link(u, self.model.label(u))} {arrow} "
                 f"{_h(data.get('relation', ''))} {arrow} {_node_link(v, self.model.label(v))}"
                 "</h2>",
                 f"<p>{_h(kind)}<br>weight {_weight(data.get('weight', 1))} \u00b7 "
                 f"{len(evidence)} evidence sentence(s)</p><ol>"]
        parts += [f"<li>{_h(ev.get('text', ''))} <span style='color:gray'>"
                  f"\u2014 {_h(ev.get('doc', ''))}</span></li>"
                  for ev in evidence[:MAX_LISTED]]
        parts.append("</ol>")
        self.browser.setHtml("".join(parts))

    def show_selection(self, nids: list[str]) -> None:
        """Several selected entities: how many, and each label (a link to that entity)."""
        self.node, self.edge, self.selection = None, None, list(nids)
        shown = [n for n in nids if n in self.model][:MAX_LISTED]
        parts = [f"<h2>{_h(len(nids))} entities selected</h2>", "<ul>"]
        parts += [f"<li>{self._chip(self.model.node(n).get('type', 'OTHER'))} "
                  f"{_node_link(n, self.model.label(n))}</li>" for n in shown]
        if len(nids) > len(shown):
            parts.append(f"<li style='color:gray'>\u2026 and {len(nids) - len(shown)} more</li>")
        parts.append("</ul>")
        self.browser.setHtml("".join(parts))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        # The type chips are coloured for a light or a dark background: a new theme
        # paints what is shown again.
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_shown_dark") and \
                self.dark != self._shown_dark:
            self._shown_dark = self.dark
            if self.node is not None and self.node in self.model:
                self.show_node(self.node, self._hidden_neighbours)
            elif self.edge is not None and self.model.graph.has_edge(*self.edge):
                self.show_edge(*self.edge)
            elif self.selection:
                self.show_selection(self.selection)

    @guarded
    def _on_link(self, url: QUrl) -> None:
        scheme, _, rest = url.toString().partition(":")
        if scheme == "node":
            self.nodeActivated.emit(unquote(rest))
        elif scheme == "edge":
            u, v, key = (unquote(x) for x in rest.split("/"))
            self.edgeActivated.emit(u, v, key)
        elif scheme == "more":
            self.showMoreRequested.emit(unquote(rest))
        elif scheme == "community" and rest.isdigit():
            self.communityActivated.emit(int(rest))
