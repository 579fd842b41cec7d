"""Merge suggestions: pairs of entities that are probably one, found in the graph itself.

Four kinds, each cheap enough for a graph of 100k entities (names are bucketed by a key,
only names in one bucket are compared):

- the same letters and digits, differing in spacing, hyphens or case
  ("Llama3 70B" / "Llama 3 70B", "OpenAI" / "Openai");
- plural variants ("transformer" / "transformers");
- an acronym and its expansion, of one type ("RLHF" / "Reinforcement Learning from Human
  Feedback"; :func:`graph.names.spells_acronym`);
- near duplicates of one type: names that differ by a letter or two with the same numbers
  ("Mixtral" / "Mixtrall", never "GPT-3" / "GPT-4").

Pairs the person rejected (``reject_merge`` edits) are left out. Metrics and dates are never
suggested: their names are figures, alike by nature.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

import networkx as nx

from graph import messages
from graph.explore.filters import FACT_TYPES
from graph.ingest.documents import Document
from graph.names import initials

SPELLING, CASE, PLURAL, ACRONYM, NEAR = "spelling", "case", "plural", "acronym", "near"
ORDER = (CASE, SPELLING, PLURAL, ACRONYM, NEAR)  # most certain first
NEAR_RATIO = 0.88
NEAR_MIN_LENGTH = 6  # shorter names differ by one letter and are different things
MAX_BUCKET = 40  # a key shared by more names says nothing about any two of them
_NOT_ALNUM = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Two entities that may be one: ``keep`` (the better known) and ``other``."""

    keep: str
    other: str
    kind: str

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.keep, self.other))

    @property
    def reason(self) -> str:
        return messages.SUGGESTION_REASONS[self.kind]


def _compact(name: str) -> str:
    return _NOT_ALNUM.sub("", name.casefold())


def _singular(compact: str) -> str:
    if len(compact) > 4 and compact.endswith("ies"):
        return compact[:-3] + "y"
    if len(compact) > 3 and compact.endswith("s") and not compact.endswith("ss"):
        return compact[:-1]
    return compact


def _forms(data: dict, nid: str) -> list[str]:
    return list(dict.fromkeys(str(n) for n in [data.get("label", nid), *data.get("aliases", ())]
                              if str(n).strip()))


def _variant_kind(a: str, b: str) -> str:
    if a.casefold() == b.casefold():
        return CASE
    if _compact(a) == _compact(b):
        return SPELLING
    return PLURAL


def merge_suggestions(graph: nx.MultiDiGraph, rejected: Collection[frozenset[str]] = (),
                      limit: int | None = None) -> list[Suggestion]:
    """Pairs of nodes of ``graph`` that are probably the same entity, most certain first.

    Parameters
    ----------
    graph
        A graph as :func:`graph.build.assemble.build_graph` makes it.
    rejected
        Pairs of node ids never to suggest (:func:`graph.build.curation.rejected_pairs`).
    limit
        At most this many suggestions (``None``: all).

    Returns
    -------
    list of Suggestion
        ``keep`` is the node with more mentions (then the shorter label), so accepting
        keeps the better known name.
    """
    nodes = {n: d for n, d in graph.nodes(data=True) if d.get("type") not in FACT_TYPES}
    found: dict[frozenset[str], str] = {}

    def offer(a: str, b: str, kind: str) -> None:
        pair = frozenset((a, b))
        if a != b and pair not in rejected and pair not in found:
            found[pair] = kind

    forms_of = {nid: _forms(data, nid) for nid, data in nodes.items()}
    _variants(forms_of, offer)
    _acronyms(nodes, forms_of, offer)
    _near_duplicates(nodes, found, offer)
    ranked = [_oriented(graph, pair, kind) for pair, kind in found.items()]
    ranked.sort(key=lambda s: (ORDER.index(s.kind), -_mentions(graph, s.keep)
                               - _mentions(graph, s.other), s.keep, s.other))
    return ranked if limit is None else ranked[:limit]


def _variants(forms_of: dict[str, list[str]], offer) -> None:
    """Names with the same letters and digits, or the same but for a plural ending."""
    by_compact: dict[str, set[str]] = defaultdict(set)
    by_singular: dict[str, set[str]] = defaultdict(set)
    for nid, forms in forms_of.items():
        for form in forms:
            compact = _compact(form)
            if compact:
                by_compact[compact].add(nid)
                by_singular[_singular(compact)].add(nid)
    for buckets in (by_compact, by_singular):
        for members in buckets.values():
            if 1 < len(members) <= MAX_BUCKET:
                for a, b in combinations(sorted(members), 2):
                    offer(a, b, _pair_variant(forms_of[a], forms_of[b]))


def _acronyms(nodes: dict[str, dict], forms_of: dict[str, list[str]], offer) -> None:
    """An entity named by an acronym and one of its type whose label spells it."""
    acronyms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for nid, data in nodes.items():  # an acronym named by an alias has its expansion
        label = str(data.get("label", nid))
        if _ACRONYM.match(label):
            acronyms[(str(data.get("type")), label.replace("&", ""))].add(nid)
    for nid, data in nodes.items():
        label = str(data.get("label", nid))
        if len(label.split()) < 2:
            continue
        for skip in ("", "link", "lower-link"):
            for other in acronyms.get((str(data.get("type")), initials(label, skip)), ()):
                offer(other, nid, ACRONYM)


def _near_duplicates(nodes: dict[str, dict], found: Collection[frozenset[str]],
                     offer) -> None:
    """Labels of one type, starting alike, that differ by a letter or two."""
    near: dict[tuple[str, str], list[str]] = defaultdict(list)
    for nid, data in nodes.items():
        compact = _compact(str(data.get("label", nid)))
        if len(compact) >= NEAR_MIN_LENGTH:
            near[(str(data.get("type")), compact[:3])].append(nid)
    for members in near.values():
        if len(members) > MAX_BUCKET:
            members = sorted(members, key=lambda n: -int(nodes[n].get("mentions", 0)))
            members = members[:MAX_BUCKET]
        for a, b in combinations(members, 2):
            if frozenset((a, b)) not in found and _near(nodes[a], nodes[b], a, b):
                offer(a, b, NEAR)


def _pair_variant(forms_a: list[str], forms_b: list[str]) -> str:
    kinds = {_variant_kind(x, y) for x in forms_a for y in forms_b
             if _singular(_compact(x)) == _singular(_compact(y))}
    return min(kinds, key=ORDER.index) if kinds else PLURAL


def _near(a: dict, b: dict, a_id: str, b_id: str) -> bool:
    la, lb = str(a.get("label", a_id)).casefold(), str(b.get("label", b_id)).casefold()
    if _DIGITS.findall(la) != _DIGITS.findall(lb):
        return False
    matcher = SequenceMatcher(None, la, lb, autojunk=False)
    return matcher.real_quick_ratio() >= NEAR_RATIO and matcher.quick_ratio() >= NEAR_RATIO \
        and matcher.ratio() >= NEAR_RATIO


def _mentions(graph: nx.MultiDiGraph, nid: str) -> int:
    return int(graph.nodes[nid].get("mentions", 0))


def _oriented(graph: nx.MultiDiGraph, pair: frozenset[str], kind: str) -> Suggestion:
    a, b = sorted(pair, key=lambda n: (-_mentions(graph, n),
                                       len(str(graph.nodes[n].get("label", n))), n))
    if kind == ACRONYM and _ACRONYM.match(str(graph.nodes[a].get("label", a))):
        a, b = b, a  # the expansion is the better name to keep
    return Suggestion(a, b, kind)


def evidence(graph: nx.MultiDiGraph, documents: Mapping[str, Document], nid: str,
             limit: int = 5) -> list[tuple[str, str]]:
    """Up to ``limit`` sentences that mention ``nid``: ``(document id, sentence)``, one per
    sentence, in document order."""
    seen, found = set(), []
    for occ in graph.nodes[nid].get("occurrences", ()):
        doc_id, _start, _end, s_start, s_end = occ
        document = documents.get(doc_id)
        if document is None or (doc_id, s_start) in seen:
            continue
        seen.add((doc_id, s_start))
        found.append((doc_id, " ".join(document.text[s_start:s_end].split())))
        if len(found) >= limit:
            break
    return found


def suggestions_job(graph: nx.MultiDiGraph, rejected: Iterable[frozenset[str]] = ()):
    """:func:`merge_suggestions` as a job (:mod:`graph.jobs`) for a worker thread."""
    from graph.jobs import Progress

    yield Progress(0, 0, messages.FINDING_SUGGESTIONS)
    return merge_suggestions(graph, set(rejected))
