"""Search: entities by label or alias (as you type), and sentences of the documents."""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from graph.ingest.documents import Document

_SENTENCE_END = re.compile(r"[.!?\u3002]\s|\n\s*\n")


@dataclass(frozen=True, slots=True)
class EntityHit:
    node: str
    label: str
    matched: str  # the label or alias that matched
    type: str


class EntityIndex:
    """Case-insensitive substring search over labels and aliases.

    All names live in one lower-cased string, one per line, ordered by how often their
    entity is mentioned. A query is then a few C-speed ``str.find`` calls: names that start
    with it first, then names that contain it, each in mention order, stopping as soon as
    ``limit`` entities are found. 100k entities answer in well under a millisecond for
    most queries, and one scan of the string (about a millisecond) at worst.
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        entries: list[tuple[int, int, str, str]] = []
        for nid, data in graph.nodes(data=True):
            mentions = int(data.get("mentions", 0))
            for name in dict.fromkeys([data.get("label", nid), *data.get("aliases", ())]):
                name = " ".join(str(name).split())
                if name:
                    entries.append((-mentions, len(name), name, nid))
        entries = _sorted_in_pieces(entries)
        self._names = [e[2] for e in entries]
        self._owner = [e[3] for e in entries]
        self._starts: list[int] = []
        position = 1  # the haystack starts with a newline so every name follows one
        for name in self._names:
            self._starts.append(position)
            position += len(name) + 1
        self._haystack = "\n" + "\n".join(n.casefold() for n in self._names) + "\n"
        self._labels = {nid: data.get("label", nid) for nid, data in graph.nodes(data=True)}
        self._types = {nid: data.get("type", "OTHER") for nid, data in graph.nodes(data=True)}

    def __len__(self) -> int:
        return len(self._labels)

    def names(self) -> list[str]:
        return list(self._names)

    def _scan(self, needle: str, found: dict[str, int], limit: int) -> None:
        lead = 1 if needle.startswith("\n") else 0  # a prefix needle begins one early
        at = self._haystack.find(needle)
        while at != -1 and len(found) < limit:
            index = bisect.bisect_right(self._starts, at + lead) - 1
            found.setdefault(self._owner[index], index)
            # Jump to the next name: one hit per name is enough.
            at = self._haystack.find(needle, self._starts[index] + len(self._names[index]))

    def named(self, names: Iterable[str]) -> set[str]:
        """The entities with one of ``names`` as label or alias, case and spacing aside
        (a few ``str.find`` calls, not a walk of the graph)."""
        found: dict[str, int] = {}
        for name in names:
            needle = " ".join(str(name).split()).casefold()
            if needle and "\n" not in needle:
                self._scan(f"\n{needle}\n", found, len(self._names))
        return set(found)

    def search(self, query: str, limit: int = 20) -> list[EntityHit]:
        """Entities whose label or alias contains ``query``: prefix matches first, then the
        most mentioned."""
        needle = " ".join(query.split()).casefold()
        if not needle or "\n" in needle:
            return []
        found: dict[str, int] = {}
        self._scan("\n" + needle, found, limit)
        self._scan(needle, found, limit)
        return [EntityHit(nid, self._labels[nid], self._names[i], self._types[nid])
                for nid, i in found.items()]


@dataclass(frozen=True, slots=True)
class TextHit:
    doc: str
    start: int  # the match
    end: int
    sent_start: int  # the sentence around it
    sent_end: int
    sentence: str


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around ``text[start:end]``."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start),
               text.rfind("! ", 0, start), text.rfind("? ", 0, start))
    left = 0 if left == -1 else left + (1 if text[left] == "\n" else 2)
    match = _SENTENCE_END.search(text, end)
    right = match.start() + 1 if match else len(text)
    return left, min(right, len(text))


def search_text(documents: Mapping[str, Document], query: str,
                limit: int = 200) -> list[TextHit]:
    """Sentences of the documents that contain ``query`` (case-insensitive)."""
    needle = query.strip()
    if not needle:
        return []
    pattern = re.compile(re.escape(needle), re.IGNORECASE)
    hits: list[TextHit] = []
    for doc_id in sorted(documents):
        text = documents[doc_id].text
        for match in pattern.finditer(text):
            s, e = sentence_bounds(text, match.start(), match.end())
            hits.append(TextHit(doc_id, match.start(), match.end(), s, e,
                                " ".join(text[s:e].split())))
            if len(hits) >= limit:
                return hits
    return hits


def sentence_hits(documents: Mapping[str, Document], query: str,
                  sentences: Iterable[tuple[str, int, int, str]]) -> list[TextHit]:
    """:class:`TextHit` s for sentences a full-text index found (``(doc, start, end,
    sentence)``, :meth:`graph.store.workspace.Workspace.search`): the match is where the
    query's words are in the sentence, in a row with anything between them."""
    words = re.findall(r"\w+", query)
    pattern = re.compile(r"\W+".join(map(re.escape, words)), re.IGNORECASE) if words else None
    hits = []
    for doc_id, start, end, sentence in sentences:
        doc = documents.get(doc_id)
        if doc is None:
            continue
        match = pattern.search(doc.text, start, end) if pattern else None
        at, to = (match.start(), match.end()) if match else (start, start)
        hits.append(TextHit(doc_id, at, to, start, end, sentence))
    return hits


def _sorted_in_pieces(items: list, piece: int = 1 << 14) -> list:
    """``sorted(items)``, in pieces merged from Python, for an index built in a worker.

    One ``sort`` call holds the GIL to its end (a tenth of a second for 200k names), which
    the window feels; sorted pieces merged by :func:`heapq.merge` let it run in between.
    """
    if len(items) <= piece:
        return sorted(items)
    pieces = [sorted(items[at:at + piece]) for at in range(0, len(items), piece)]
    return list(heapq.merge(*pieces))
