"""The shorter forms a figure is also known by: its number with its unit ("just 9% of
conversations" is also "9%"), the figure without the words that hedge it ("more than 3,000
volunteers" is also "3,000 volunteers", "about 1.8GB" also "1.8GB"), a sum without what it
paid for ("$350 million Series C" is also "$350 million"), a rate without what it is counted
per ("38 tokens per second" is also "38 tokens"), a part without its whole ("30 of 32
benchmarks" is also "32 benchmarks").

A reader who writes the figure one way finds it written another (a search, a gold file,
an export's aliases), and the node keeps the form the document used as its label.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from graph.nlp.lexicon import words

# A figure with its unit, as a metric is also known by ("51.7%", "400B", "1M", "10x").
FIGURE = re.compile(r"(?<![\w.])[~+\-−]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|[xX×]|[KMBT]\b|pt\b))?")
# A sum of money and its magnitude ("$350 million", "€5.8 billion", "¥30 billion")
_SUM = re.compile(r"[$€£¥]\s?\d[\d,]*(?:\.\d+)?(?:\s(?:thousand|million|billion|trillion)\b)?")
# what a rate is counted per ("38 tokens per second", "225 TFLOPs/s", "2 billion tokens a day")
_RATE = re.compile(r"(?:\s+per\s+\S.*|/[A-Za-z]+"
                   r"|\s+an?\s+(?:second|minute|hour|day|week|month|year))$")
_SHARE = re.compile(r"^\d[\d,.]*\s+(?:out\s+)?of\s+(?=\d)")  # "30 of 32 benchmarks"
_HEDGES = ("about", "almost", "approximately", "around", "at least", "at most", "just",
           "less than", "more than", "fewer than", "nearly", "only", "over", "roughly",
           "under", "up to", "~")


def figure_forms(surface: Iterable[str]) -> set[str]:
    """The other forms of a figure written as ``surface`` (see the module's notes)."""
    found: set[str] = set()
    for form in surface:
        found |= set(FIGURE.findall(form)) | set(_SUM.findall(form))
        for bare in (_unhedged(form), _RATE.sub("", form), _RATE.sub("", _unhedged(form)),
                     _SHARE.sub("", form)):
            if bare != form and bare and (bare[0].isdigit() or bare[0] in "$€£¥"):
                found.add(bare)
    return found


@cache
def _hedged() -> re.Pattern[str]:
    """The hedging words a figure may open with, any number of them ("only about")."""
    hedges = {*_HEDGES, *(w for w in words("metrics", "approximators") if w.isalpha()
                          and w not in ("than", "to", "at", "least", "up"))}
    alternatives = "|".join(re.escape(h) + (r"\b" if h[-1].isalpha() else "")
                            for h in sorted(hedges, key=len, reverse=True))
    return re.compile(rf"^(?:(?:{alternatives})\s*)+(?=\S)", re.IGNORECASE)


def _unhedged(form: str) -> str:
    """``form`` without the hedging words it opens with ("more than", "only", "~")."""
    return _hedged().sub("", form)


_MAGNITUDE, _MAGNITUDE_WORDS = re.compile(r"^(\d[\d.,]*)([kmbt])$"), dict(zip("kmbt", (
    "thousand", "million", "billion", "trillion"), strict=True))


def fold_bare_figures(groups: dict[str, list], forms: dict[str, set[str]],
                      metrics: set[str]) -> None:
    """Fold a metric (``metrics``: the roots of the metrics' groups, "<doc>\x00<key>") into
    the one longer metric of its document that begins with it (a heading's "$235 million" is
    the prose's "$235 million Series D"), or else that holds its words in order around the
    same number and noun ("307 challenging problems" is "307 challenging programming
    problems")."""
    longer: dict[tuple[str, str], list[str]] = defaultdict(list)  # (doc, prefix) -> roots
    counted: dict[tuple[str, str], list[str]] = defaultdict(list)  # (doc, number) -> roots
    for root in metrics:
        doc, _, key = root.partition("\x00")
        words = key.split()
        for n in range(1, len(words)):
            longer[doc, " ".join(words[:n])].append(root)
        counted[doc, words[0]].append(root)
    for root in sorted(metrics):
        doc, _, key = root.partition("\x00")
        spelled = _MAGNITUDE.sub(lambda m: f"{m[1]} {_MAGNITUDE_WORDS[m[2]]}", key)
        targets = longer.get((doc, key), []) or longer.get((doc, spelled), []) or \
            [other for other in counted[doc, key.split()[0]]
             if _within(key.split(), other.partition("\x00")[2].split())]
        if root in groups and len(targets) == 1 and targets[0] in groups:
            groups[targets[0]].extend(groups.pop(root))
            forms[targets[0]] |= forms.pop(root)
    _fold_counted_alike(groups, forms, {root for root in metrics if root in groups})


_JOINING = {"and", "or", "to", "vs", "versus"}  # two figures: "$30 million and ¥30 billion"


def _fold_counted_alike(groups: dict[str, list], forms: dict[str, set[str]],
                        metrics: set[str]) -> None:
    """Fold the metrics of one document that count the same number of the same thing,
    however hedged or described ("100 challenging questions" and "only 100 questions",
    "13 ethical dimensions" and "13 moral reasoning dimensions", "30 tasks" and "a 30-task
    suite"), into the one the document says most often."""
    alike: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for root in sorted(metrics):
        doc, _, key = root.partition("\x00")
        words = _unhedged(key).split()
        if len(words) >= 2 and any(c.isdigit() for c in words[0]) and words[-1].isalpha() \
                and not _JOINING.intersection(words):
            alike[doc, words[0].rstrip("+"), words[-1].removesuffix("s")].append(root)
    for roots in alike.values():
        keep = max(roots, key=lambda root: len(groups[root]))
        for root in roots:
            if root != keep:
                groups[keep].extend(groups.pop(root))
                forms[keep] |= forms.pop(root)


def _within(short: list[str], long: list[str]) -> bool:
    """Whether ``short`` is ``long`` with words left out between its first and its last."""
    if len(short) < 2 or len(long) <= len(short) or short[-1] != long[-1]:
        return False
    rest = iter(long[1:-1])
    return all(word in rest for word in short[1:-1])
