"""The word lists the rules read, from ``resources/lexicon/<topic>.json``.

Each file holds named lists of lower-case words plus a ``"_comment"`` saying what each list
is for. Words are data: adding "steering" to a list changes what is found without touching
the rules (and, since resources are part of the extraction fingerprint, invalidates the
extraction cache). Grammar (dependency labels, spaCy's entity labels) stays in the code.
"""

from __future__ import annotations

import json
from functools import cache

from graph.paths import resource


@cache
def _topic(topic: str) -> dict[str, list[str]]:
    path = resource("lexicon", f"{topic}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: words for name, words in data.items() if not name.startswith("_")}


@cache
def words(topic: str, name: str) -> frozenset[str]:
    """The word list ``name`` of ``resources/lexicon/<topic>.json``, read once per process.

    Parameters
    ----------
    topic
        File name without ``.json`` ("metrics", "methods", ...).
    name
        Name of the list in that file ("unit_nouns").

    Returns
    -------
    frozenset of str

    Raises
    ------
    KeyError
        The file has no list of that name (a typo in the code or a renamed list).
    """
    lists = _topic(topic)
    if name not in lists:
        raise KeyError(f"resources/lexicon/{topic}.json has no list {name!r} "
                       f"(it has {', '.join(sorted(lists))})")
    return frozenset(lists[name])


@cache
def table(topic: str, name: str) -> dict[str, str]:
    """The mapping ``name`` of ``resources/lexicon/<topic>.json`` (phrase -> value)."""
    found = _topic(topic).get(name)
    if not isinstance(found, dict):
        raise KeyError(f"resources/lexicon/{topic}.json has no table {name!r}")
    return found
