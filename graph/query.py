"""Search: entities by label or alias (as you type), and sentences of the documents."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from graph.corpus import Document

_SENTENCE_END = re.compile(r"[.!?\u3002]\s|\n\s*\n")


@dataclass(frozen=True, slots=True)
class EntityHit:
    node: str
    label: str
    matched: str  # the label or alias that matched
    type: str


class EntityIndex:
    """Case-insensitive substring search over labels and aliases.

    All names live in one lower-cased string separated by newlines, so a query is a few
    ``str.find`` calls in C rather than a Python loop over every entity (100k entities
    answer in a few milliseconds).
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        names: list[str] = []
        self._owner: list[str] = []
        self._starts: list[int] = []
        self._mentions: dict[str, int] = {}
        position = 0
        for nid, data in graph.nodes(data=True):
            self._mentions[nid] = int(data.get("mentions", 0))
            for name in dict.fromkeys([data.get("label", nid), *data.get("aliases", ())]):
                name = " ".join(str(name).split())
                names.append(name)
                self._owner.append(nid)
                self._starts.append(position)
                position += len(name) + 1
        self._names = names
        self._labels = {nid: data.get("label", nid) for nid, data in graph.nodes(data=True)}
        self._types = {nid: data.get("type", "OTHER") for nid, data in graph.nodes(data=True)}
        self._haystack = "\n".join(n.casefold() for n in names)

    def __len__(self) -> int:
        return len(self._labels)

    def names(self) -> list[str]:
        return list(self._names)

    def search(self, query: str, limit: int = 20) -> list[EntityHit]:
        """Entities whose label or alias contains ``query``; prefix matches first, then
        the most mentioned."""
        needle = " ".join(query.split()).casefold()
        if not needle or "\n" in needle:
            return []
        found: dict[str, tuple[int, int]] = {}
        at = self._haystack.find(needle)
        scanned = 0
        while at != -1 and scanned < 20_000:
            index = bisect.bisect_right(self._starts, at) - 1
            nid = self._owner[index]
            prefix = 0 if at == self._starts[index] else 1
            if nid not in found or (prefix, index) < found[nid]:
                found[nid] = (prefix, index)
            scanned += 1
            at = self._haystack.find(needle, at + 1)
        ranked = sorted(found, key=lambda n: (found[n][0], -self._mentions[n],
                                              len(self._names[found[n][1]]), self._labels[n]))
        return [EntityHit(n, self._labels[n], self._names[found[n][1]], self._types[n])
                for n in ranked[:limit]]


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
