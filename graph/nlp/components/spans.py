"""Span helpers the components share: quotation, hyphens and relabelling."""

from __future__ import annotations

from spacy.tokens import Span, Token

QUOTES = "\"“”‘’'«»"
HYPHENS = {"-", "\u2011"}


def inside_quotes(span: Span) -> bool:
    """Whether ``span`` sits inside a quotation of its sentence (quoted speech, examples)."""
    sent = span.sent
    before = span.doc.text[sent.start_char:span.start_char]
    opened = before.count("“") - before.count("”")
    straight = before.count('"')
    return opened > 0 or straight % 2 == 1


def is_quote(token: Token) -> bool:
    """Whether ``token`` holds a quotation mark of any kind."""
    return any(q in token.text for q in QUOTES)


def relabel(ent: Span, label: str) -> Span:
    """``ent`` with ``label``, keeping its pattern id (``ent`` itself when already so)."""
    return ent if ent.label_ == label else Span(ent.doc, ent.start, ent.end, label=label,
                                                span_id=ent.ent_id_ or "")
