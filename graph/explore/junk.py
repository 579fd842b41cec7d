"""Which nodes are not entities worth leading a view: the overview's and communities' filter.

Extraction keeps everything it finds, and a graph of a few thousand nodes holds bare
numbers ("13", "2023"), quantities ("45 minutes"), fragments ("self-", "| Jun 2021"),
generic terms ("AI", "QA") and capitalised common words the model took for names ("Code",
"Learn"). They are not wrong to keep (a person may look for them), but a view that opens on
them, or a community named after one, tells nobody anything. :func:`junk_reasons` says,
for every node, why it should not lead; the rules read the node's label, type, mentions and
edges, and the graph's own evidence sentences, never a list of names:

``fact``
    A metric or a date (the window shows them as facts of their entities).
``number``
    A label without a letter ("13", "65 |").
``date``
    A year with nothing but date words around it ("Oct 2022", "May 2023"; not "2023 AI
    Index Report").
``quantity``
    A number followed by a lower-case word ("45 minutes", "1B tokens", "over 300 rows").
``fragment``
    A label that starts with a sign or ends with a joining one ("self-", "Reflexion +"),
    or whose brackets do not match.
``short``
    Fewer than two letters and no digit, or two letters alone ("QA", "DD").
``citation``
    A reference to a paper by its authors ("Liu et al", "Wei et al. 2022"): the paper's
    subject is the entity, not its authors.
``generic``
    A generic term of the extraction lexicon ("AI", "API"), or a lower-case modifier
    rather than a thing ("fine-tuned", "few-shot", "autoregressive").
``common word``
    One capitalised word the corpus writes in lower case at least half as often as the
    entity is mentioned ("Code": "code" 29 times in the evidence, the entity 16): a
    sentence-initial or title word, not a name.
``seen once``
    One mention in one document and no typed relation: nothing holds it up.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache

import networkx as nx

from graph.explore.filters import FACT_TYPES
from graph.paths import resource
from graph.schema import DEPENDENCY

REASONS = ("fact", "number", "date", "quantity", "fragment", "short", "citation", "generic",
           "common word", "seen once")

# What a date is written with: once these are gone from a date, no letter is left.
_DATE_WORD = re.compile(r"\b(?:(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
                        r"|may|q[1-4]|h[12]|early|mid|late|end|of|in|the|spring|summer|autumn"
                        r"|fall|winter|year|month)\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\w\-.])(1[89]|20)\d\d(?![\w\-.])")
_QUANTITY = re.compile(r"^(?:(?i:over|about|around|nearly|almost|up to|more than|less than)"
                       r"\s+)?[~<>≈]?\d[\d.,]*[A-Za-z%]{0,2}\s+[a-z]+")
_CITATION = re.compile(r"\bet\.?\s+al\b", re.IGNORECASE)
_JOINING_END = ("-", "|", "/", ",", ":", ";", "(", "[", "{", "&", "=", " +")
_MODIFIER_ENDINGS = ("ed", "ive", "-shot", "-aware", "-based", "-like", "-free", "-first")
_EVIDENCE_WORD = re.compile(r"(?<![\w\-])[a-z]{3,}(?![\w\-])")
COMMON_WORD_SHARE = 0.5  # lower-case uses per mention that make a one-word label a word


@cache
def _generic_terms() -> frozenset[str]:
    # The extraction's own list (resources/lexicon/entities.json), read here because
    # explore does not import nlp; an older graph may still hold such terms.
    data = json.loads(resource("lexicon", "entities.json").read_text(encoding="utf-8"))
    return frozenset(data.get("generic_terms", ()))


def label_reason(label: str) -> str | None:
    """Why a label alone says the node is not an entity (see the module), or ``None``."""
    text = " ".join(str(label).split())
    letters = sum(c.isalpha() for c in text)
    if not letters:
        return "number"
    if _YEAR.search(text) and not any(c.isalpha() for c in _DATE_WORD.sub("", text)):
        return "date"
    if _QUANTITY.match(text):
        return "quantity"
    if not (text[0].isalnum() or text[0] in "\"'(") or text.endswith(_JOINING_END) \
            or text.count("(") != text.count(")"):
        return "fragment"
    has_digit = any(c.isdigit() for c in text)
    if (letters < 2 and not has_digit) or (len(text) == 2 and letters == 2):
        return "short"
    if _CITATION.search(text):
        return "citation"
    folded = text.casefold()
    if folded in _generic_terms() or (
            text.islower() and not has_digit and folded.endswith(_MODIFIER_ENDINGS)
            and not folded.endswith("eed")):
        return "generic"
    return None


def lowercase_counts(graph: nx.MultiDiGraph) -> Counter:
    """Lower-case words (three letters or more, not part of a hyphenated word) of the
    graph's evidence sentences, each sentence counted once."""
    counts: Counter = Counter()
    seen = set()
    # networkx's own adjacency dict, read only (see graph.explore.facts.GraphFacts.of)
    for nbrs in graph._succ.values():
        for keys in nbrs.values():
            for data in keys.values():
                for item in data.get("evidence") or ():
                    if not isinstance(item, dict):
                        continue
                    where = (item.get("doc"), item.get("start"))
                    if where in seen:
                        continue
                    seen.add(where)
                    counts.update(_EVIDENCE_WORD.findall(str(item.get("text", ""))))
    return counts


def junk_reason(graph: nx.MultiDiGraph, nid: str, lowercase: Counter | None = None
                ) -> str | None:
    """Why node ``nid`` should not lead a view (one of :data:`REASONS`), or ``None``.

    Parameters
    ----------
    graph
        The knowledge graph.
    nid
        A node of ``graph``.
    lowercase
        :func:`lowercase_counts` of ``graph`` (computed when not given: pass it when
        judging many nodes).

    Raises
    ------
    KeyError
        If ``nid`` is not a node of ``graph``.
    """
    data = graph.nodes[nid]
    if data.get("type") in FACT_TYPES:
        return "fact"
    label = str(data.get("label", nid))
    reason = label_reason(label)
    if reason is not None:
        return reason
    mentions = _number(data.get("mentions", 0))
    word = label.strip()
    if word.isalpha() and word[:1].isupper() and word[1:].islower():
        counts = lowercase_counts(graph) if lowercase is None else lowercase
        if counts[word.lower()] >= max(2.0, COMMON_WORD_SHARE * mentions):
            return "common word"
    if mentions <= 1 and len(data.get("documents") or ()) <= 1 and not _typed(graph, nid):
        return "seen once"
    return None


def junk_reasons(graph: nx.MultiDiGraph) -> dict[str, str]:
    """:func:`junk_reason` of every node that has one (node id -> reason)."""
    lowercase = lowercase_counts(graph)
    reasons = {}
    for nid in graph:
        reason = junk_reason(graph, nid, lowercase)
        if reason is not None:
            reasons[nid] = reason
    return reasons


def _typed(graph: nx.MultiDiGraph, nid: str) -> bool:
    """Whether a typed relation (from the parse) touches ``nid``."""
    for adjacency in (graph._succ[nid], graph._pred[nid]):
        for keys in adjacency.values():
            if any(data.get("method") == DEPENDENCY for data in keys.values()):
                return True
    return False


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


__all__ = ["REASONS", "junk_reason", "junk_reasons", "label_reason", "lowercase_counts"]
