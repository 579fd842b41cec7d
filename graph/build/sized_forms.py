"""A model written with its size in brackets after its name: "Llama 3.1 (8B)", "BLOOM (176B)".

The name is the model's and the size is a figure of it, as everywhere else; the form with
the brackets is how the document refers to that size of the model, so it is kept among the
entity's aliases (a search, an export, and a reader's gold that writes the size into the
name all find it). So is a model's own name inside an identifier that prefixes it with its
publisher ("openai/gpt-4.1-mini" is also "gpt-4.1-mini").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from graph.nlp.records import Mention

_SIZE_AFTER = re.compile(r"[ \t]?\(((?:\d+x)?\d+(?:\.\d+)?[BMT])\)")  # " (8B)", " (8x7B)"


def sized_forms(group: Iterable[Mention], texts: Mapping[str, str]) -> set[str]:
    """The forms "<mention> (<size>)" of the mentions of ``group`` that a bracketed size
    follows in their document's text (``texts``: document texts by id)."""
    found = set()
    for m in group:
        text = texts.get(m.doc)
        if text and (match := _SIZE_AFTER.match(text, m.end)):
            found.add(f"{m.text.strip()} ({match.group(1)})")
    return found


# "openai/gpt-4.1-mini": a publisher's name (a word) and the model's (not a bare size: "7B/13B")
_HUB_ID = re.compile(r"^[A-Za-z][\w.-]*/(?!\d+(?:\.\d+)?[BMKT]$)([\w.-]*[A-Za-z][\w.-]*)$")


def hub_names(surface: Iterable[str]) -> set[str]:
    """The model's own name in an identifier that prefixes it with its publisher
    ("openai/gpt-4.1-mini", "meta-llama/Llama-3.1-8B"): how the prose names the model."""
    return {match.group(1) for form in surface if (match := _HUB_ID.match(form.strip()))}
