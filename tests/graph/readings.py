"""What a reader of graph.nlp (``reader(sent, ents) -> {(a.start, b.start): label}``:
comparisons, figures, rows, uses, provenance) says of a text, keyed by the entities' texts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from spacy.tokens import Span

Reader = Callable[[Span, list[Span]], dict[tuple[int, int], str]]


def named(reader: Reader, sent: Span, ents: list[Span]) -> dict[tuple[str, str], str]:
    """``reader(sent, ents)`` with each end given as its entity's text."""
    names = {e.start: e.text for e in ents}
    return {(names[a], names[b]): label for (a, b), label in reader(sent, ents).items()}


def first_sentence(reader: Reader, nlp, text: str) -> dict[tuple[str, str], str]:
    """What ``reader`` says of the first sentence of ``text``."""
    sent = next(nlp(text).sents)
    return named(reader, sent, list(sent.ents))


def every_sentence(reader: Reader, nlp, text: str) -> dict[tuple[str, str], str]:
    """What ``reader`` says of each sentence of ``text``, together."""
    found: dict[tuple[str, str], str] = {}
    for sent in nlp(text).sents:
        found |= named(reader, sent, list(sent.ents))
    return found


PROBES = Path(__file__).resolve().parents[2] / "training" / "probes"


def probe(folder: str, name: str) -> str:
    """The text of one of our probes (``training/probes/<folder>/docs/<name>``)."""
    return (PROBES / folder / "docs" / name).read_text(encoding="utf-8")
