"""A name found once is the same name where it is written again in the piece.

The recogniser and the rules find a name where its sentence tells what it is ("Northwind
AI's Cirrus 4", "Cirrus 4, a 70B model") and often miss it in the next sentence ("Cirrus 4
scored 85.1 ..."), where the relations about it are. A text uses a name in one sense, so
every other verbatim occurrence of a name (with a capital or a digit: "Cirrus 4",
"HelpSteer2", not "fine-tuning") that no entity covers gets the same type, and so does one
the statistical model took for a person or a place ("# Pre-Flight" over "Pre-Flight is an
evaluation benchmark"). Whole words only, and not inside a longer capitalised name
("Cirrus 4" is not in "Cirrus 4 Pro"; a headline's verb is none: "Vela-Code 2 Tops"). An
organisation's name is also written without its last word when that word only says it is
one ("Kestrel" for "Kestrel AI"), and another
version of a model family named by family and number is a model ("Cirrus 3" beside "Cirrus
4"; not a month's date or a word of the language: "Oct 2021", "Tutorial 1"). A title-case
headline's verb of making the recogniser ran into a name the text writes again is no part of
it ("Partner to Build Helix Assist").
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span

from graph.nlp.components.name_forms import written_lower
from graph.nlp.components.spans import doc_text, relabel, title_line
from graph.nlp.lexicon import words

NAME_TYPES = {"MODEL", "ORG", "PROJECT", "METHOD", "DATASET"}
GUESSES = {"PERSON", "PLACE"}  # the statistical model's types no rule gives
MIN_CHARS = 3


def repeated_names(doc: Doc, chosen: list[Span]) -> list[Span]:
    """``chosen`` (sorted, not overlapping) with the other occurrences of its names."""
    names = {s.text: s.label_ for s in chosen if _named(s)}
    short = {n: label for n, label in _short_names(chosen).items() if n not in names}
    names.update(short)
    if not names:
        return chosen
    text = doc_text(doc)
    chosen = [relabel(s, names[s.text.strip()])
              if s.label_ in GUESSES and s.text.strip() in names else _headline_cut(s, names, text)
              for s in chosen]
    taken = {i for s in chosen for i in range(s.start, s.end)}
    found, again = [], []
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # one pass over the text for all the names, the longer name first where two start
    verbs = "|".join(_headline_verbs())  # "Vela-Code 2 Tops the ...": a verb after it
    for match in re.finditer(rf"(?<![\w-])(?:{alternatives})(?![\w-]| (?!(?:{verbs})\b)[A-Z0-9])",
                             text):
        span = doc.char_span(match.start(), match.end(), label=names[match.group()])
        if span is not None and not (match.group() in short and not _acts(span)):
            again.append(span)  # (not "Deep" of "Deep Research" in "Deep Think")
    for span in [*again, *_other_versions(doc, text, chosen)]:
        if not any(i in taken for i in range(span.start, span.end)):
            found.append(span)
            taken.update(range(span.start, span.end))
    return sorted(chosen + found, key=lambda s: s.start) if found else chosen


def _headline_cut(span: Span, names: dict[str, str], text: str) -> Span:
    """A headline's run of capitalised words cut to the name the text writes again after its
    verb of making: "Partner to Build Helix Assist" -> "Helix Assist", of a title-case
    headline whose verbs the recogniser reads as a name's words; ``span`` otherwise."""
    verb = next((t for t in reversed(span[:-1]) if t.lower_ in _making_verbs()), None)
    rest = None if verb is None else span.doc[verb.i + 1:span.end]
    if rest is None or rest.text not in names or not title_line(span) or \
            span.text in names and text.count(span.text) > 1:
        return span  # (not "Focused Prefix Tuning" beside "Prefix Tuning")
    return relabel(rest, names[rest.text])


@cache
def _making_verbs() -> frozenset[str]:
    """The verbs of making or announcing, as a headline writes them: "Build", "Launches"."""
    verbs = words("roles", "maker_verbs") | words("authors", "author_verbs")
    return frozenset(v + end for v in verbs for end in ("", "s", "es", "d", "ed"))


_RANKING = ("top", "lead", "win", "join", "partner", "beat", "outperform", "surpass")


@cache
def _headline_verbs() -> frozenset[str]:
    """A title-case headline's verbs after its subject, which end no name: "Vela-Code 2 Tops
    the SWE-bench Verified Leaderboard", "Kestrel AI Raises $40 Million"."""
    verbs = words("roles", "maker_verbs") | words("authors", "author_verbs") | \
        words("roles", "firm_subject_verbs") | set(_RANKING)
    return frozenset((v + ("es" if v.endswith(("s", "sh", "ch")) else "s")).capitalize()
                     for v in verbs)


_VERSIONED = re.compile(r"^([A-Z][\w.]*(?: [A-Z][\w.]*)*)([ -])\d+(?:\.\d+)?$")


def _other_versions(doc: Doc, text: str, chosen: list[Span]) -> list[Span]:
    """Another version of a model family the piece names by family and number: "Cirrus 3"
    beside "Cirrus 4", "Rook-1" beside "Rook-2" (the earlier release the text compares)."""
    calendar = words("entities", "calendar_words")
    families = {m.group(1) + m.group(2) for s in chosen if s.label_ == "MODEL"
                and (m := _VERSIONED.match(s.text)) and m.group(1).lower() not in calendar
                and not written_lower(s[:1])}  # not "Oct 2021", "Tutorial 2"
    if not families:
        return []
    alternatives = "|".join(re.escape(f) for f in sorted(families, key=len, reverse=True))
    return [span for m in re.finditer(rf"(?<![\w-])(?:{alternatives})\d+(?:\.\d+)?"
                                      rf"(?![\w-]|\.\d| [A-Z0-9])", text)
            if (span := doc.char_span(m.start(), m.end(), label="MODEL")) is not None]


def _short_names(chosen: list[Span]) -> dict[str, str]:
    """``{short name: "ORG"}``: an organisation's name without the word that only says it is
    one ("Kestrel" of "Kestrel AI", "Meridian" of "Meridian Labs"), as the text goes on to
    call it ("Kestrel says the new capital will ..."; the statistical model reads a person)."""
    suffixes = words("relations", "maker_suffixes") | words("roles", "org_name_words")
    return {s[0].text: "ORG" for s in chosen if s.label_ == "ORG" and len(s) == 2
            and s[1].lower_ in suffixes and len(s[0]) >= MIN_CHARS and s[0].is_title}


def _acts(span: Span) -> bool:
    """Whether a short name is written as a company's: before a verb or a possessive."""
    after = span.doc[span.end:span.end + 1]
    return bool(after) and (after[0].pos_ in ("VERB", "AUX") or after[0].lower_ in ("'s", "’s"))


def _named(span: Span) -> bool:
    text = span.text
    return span.label_ in NAME_TYPES and len(text) >= MIN_CHARS and \
        any(c.isupper() or c.isdigit() for c in text) and "\n" not in text
