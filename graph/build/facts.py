"""Facts stated again: a metric or a date found in several documents is one node when it is
the same fact.

Resolution (:mod:`graph.build.resolve`) first keeps each metric ("51.7%") and each date that
names no calendar day or month ("2023", "last year", "Q3") to its document: "90%" in two
pages is usually two different findings. :func:`merge_restated` then joins the ones that
state the same fact, under an identity key made of

* the fact's type and its normalised text ("51.7%", "2023"); and
* what the fact is about:

  - a **metric** with a subject (the source of its ``HAS_METRIC`` relations, an entity):
    the set of its subjects. "GPT-4 scores 86.4%" in ten documents is one ``86.4%`` node;
    "86.4%" said of another model stays apart;
  - a **year** alone ("2023", a weak fact: a year is mentioned with almost everything): the
    set of entities it shares sentences with, so "2023" joins only where it is said of the
    same things, and never becomes a hub of the whole corpus;
  - anything else (a metric without a subject, a relative date like "last year"): the
    sentences it is written in, word for word. Only a statement repeated verbatim (a copied
    page, a quoted sentence) merges; an unrelated "90%" or "last year" never does.

The merged node keeps every mention, so its documents, occurrences and the evidence of its
edges are those of all the pieces; no edge is lost, the same edge of several documents
becomes one with their sentences as evidence. Calendar dates ("March 5, 2024") are facts
already (one node per day or month, :mod:`graph.build.dates`) and are left alone.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from graph.nlp.records import Mention, TypedRelation

HAS_METRIC = "HAS_METRIC"
_YEAR = re.compile(r"(?:in\s+)?(?:1[5-9]|20|21)\d\d")

Sentence = tuple[str, int, int]


def _kind(group: list[Mention]) -> str:
    """The group's type by plain majority (ties: the name that sorts first)."""
    votes = Counter(m.label for m in group)
    return max(sorted(votes), key=votes.__getitem__)


def _sentences(group: Iterable[Mention]) -> set[Sentence]:
    return {(m.doc, m.sent_start, m.sent_end) for m in group}


def _subjects(groups: Mapping[str, list[Mention]], scoped: set[str],
              relations: Iterable[TypedRelation]) -> dict[str, set[str]]:
    """``{scoped root: roots of the entities it is a metric of}``, from HAS_METRIC."""
    root_of = {(m.doc, m.start, m.end): root for root, group in groups.items() for m in group}
    subjects: dict[str, set[str]] = defaultdict(set)
    for rel in relations:
        if rel.predicate != HAS_METRIC:
            continue
        a, b = root_of.get((rel.doc, *rel.source)), root_of.get((rel.doc, *rel.target))
        for fact, subject in ((b, a), (a, b)):
            if fact in scoped and subject and subject not in scoped:
                subjects[fact].add(subject)
    return subjects


def _partners(groups: Mapping[str, list[Mention]], scoped: set[str]) -> dict[Sentence, set[str]]:
    """``{sentence: the roots of the entities (not facts) mentioned in it}``."""
    found: dict[Sentence, set[str]] = defaultdict(set)
    for root, group in groups.items():
        if root not in scoped:
            for m in group:
                found[(m.doc, m.sent_start, m.sent_end)].add(root)
    return found


def _written(sentences: set[Sentence], texts: Mapping[str, str]) -> str | None:
    """A digest of the sentences' words (``None`` when a text is missing)."""
    h = hashlib.blake2b(digest_size=16)
    for doc, start, end in sorted(sentences, key=lambda s: (s[1], s[2], s[0])):
        text = texts.get(doc)
        if text is None:
            return None
        h.update(" ".join(text[start:end].split()).encode("utf-8", "surrogatepass") + b"\n")
    return h.hexdigest()


def fact_key(kind: str, figure: str, about: Iterable[str]) -> str:
    """The identity of a fact: its type, normalised text and what it is about."""
    return "\x00".join(("fact", kind, figure, *sorted(about)))


def merge_restated(groups: dict[str, list[Mention]], forms: dict[str, set[str]],
                   scoped: set[str], relations: Iterable[TypedRelation],
                   texts: Mapping[str, str]) -> None:
    """Join, in place, the document-scoped groups (``scoped``: their roots) that state the
    same fact (see the module docstring); each key of ``forms[root]`` is
    ``"document\\x00normalised text"``."""
    subjects = _subjects(groups, scoped, relations)
    partners = _partners(groups, scoped)
    merged: dict[str, list[str]] = defaultdict(list)
    for root in sorted(scoped):
        group = groups[root]
        kind, figure = _kind(group), min(forms[root]).partition("\x00")[2]
        sentences = _sentences(group)
        if kind != "DATE" and subjects.get(root):
            about = subjects[root]
        elif kind == "DATE" and _YEAR.fullmatch(figure):
            about = set().union(*(partners.get(s, ()) for s in sentences))
        else:
            about = set()
        if not about:
            written = _written(sentences, texts)
            if written is None:
                continue
            about = {"said\x00" + written}
        merged[fact_key(kind, figure, about)].append(root)
    for roots in merged.values():
        target, *rest = roots
        for root in rest:
            groups[target].extend(groups.pop(root))
            forms[target] |= forms.pop(root)
