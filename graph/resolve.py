"""Merge mentions into entities: one node per real-world thing.

Mentions merge when their normalised forms agree (case, a leading "the", possessives,
punctuation, plurals), when one is an acronym the text defines for the other
("natural language autoencoders (NLAs)"), and when one is a short form that is a
word-suffix of exactly one longer name of the same type ("Opus 3" -> "Claude Opus 3").
Every surface form is kept in the entity's ``aliases``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from graph.extract import Mention
from graph.model import node_id

# A mention's type is decided by vote; domain types outrank the statistical fallbacks.
TYPE_PRIORITY = {"MODEL": 5, "PROJECT": 4, "METHOD": 4, "ORG": 3, "METRIC": 3, "PERSON": 2,
                 "PLACE": 1, "DATE": 1}
SHORT_FORM_TYPES = {"MODEL", "ORG", "PROJECT"}
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.-]{1,11}?)s?\s*\)")


def normalise(text: str, etype: str = "") -> str:
    """Key under which surface forms of one entity agree."""
    text = text.casefold().replace("\u2019", "'").strip()
    text = re.sub(r"^(the|a|an)\s+", "", text)
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w%.+\s]", " ", text)
    words = text.split()
    if words and etype != "METRIC":
        words[-1] = singular(words[-1])
    return " ".join(words).strip(" .")


def singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(("ss", "us", "is")) or not word.isalpha():
        return word[:-1] if word.endswith("s") and word[:-1].isupper() else word
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


def display_form(text: str) -> str:
    """A surface form as a label: no leading article, single spaces."""
    text = " ".join(text.split())
    return re.sub(r"^(?:the|The|THE)\s+", "", text)


def initials(text: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", text) if w).upper()


@dataclass
class Entity:
    """A resolved entity: what becomes one node."""

    id: str
    label: str
    type: str
    aliases: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def defined_acronyms(mentions: Iterable[Mention], texts: Mapping[str, str]) -> dict[str, str]:
    """Acronyms defined right after a mention: ``{"NLA": "natural language autoencoder"}``.

    The acronym must spell the initials of the mention's words (case-insensitive), so a
    parenthetical like "(2024)" or "(see below)" is not taken for one.
    """
    found: dict[str, str] = {}
    for m in mentions:
        text = texts.get(m.doc)
        if text is None:
            continue
        match = _ACRONYM_AFTER.match(text, m.end)
        if not match:
            continue
        acronym = match.group(1).rstrip(".")
        if initials(m.text.removeprefix("the ").removeprefix("The ")) == acronym.upper():
            found[normalise(acronym, m.label)] = normalise(m.text, m.label)
    return found


def _choose_type(mentions: list[Mention]) -> str:
    votes = Counter()
    for m in mentions:
        # A pattern match (m.key) is domain knowledge: it outweighs the statistical model.
        votes[m.label] += 3 if m.key else 1
    return max(votes, key=lambda t: (votes[t], TYPE_PRIORITY.get(t, 0)))


def _choose_label(forms: Counter) -> str:
    return max(forms, key=lambda f: (forms[f], len(f), f))


def resolve(mentions: list[Mention], texts: Mapping[str, str] | None = None,
            user_aliases: Mapping[str, str] | None = None) -> tuple[list[Entity], dict]:
    """Group mentions into entities.

    Parameters
    ----------
    mentions
        All mentions of the corpus.
    texts
        Document texts by id, to find acronyms defined in parentheses.
    user_aliases
        ``{normalised alias: normalised canonical form}`` from the user's alias file.

    Returns
    -------
    entities, index
        The entities, and ``{(doc, start, end): entity id}`` for every mention.
    """
    texts = texts or {}
    redirect: dict[str, str] = dict(user_aliases or {})
    redirect.update(defined_acronyms(mentions, texts))

    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        key = normalise(m.text, m.label)
        if not key:
            continue
        key = redirect.get(key, key)
        groups[key].append(m)

    _merge_short_forms(groups)

    entities, index, taken = [], {}, set()
    for key, group in sorted(groups.items()):
        etype = _choose_type(group)
        forms = Counter(display_form(m.text) for m in group)
        label = _choose_label(forms)
        nid = node_id(etype, label)
        n = 2
        while nid in taken:
            nid, n = f"{node_id(etype, label)}-{n}", n + 1
        taken.add(nid)
        aliases = sorted({f for f in (m.text.strip() for m in group) if f != label} |
                         {f for f in forms if f != label})
        documents = sorted({m.doc for m in group})
        entities.append(Entity(nid, label, etype, aliases, documents, group))
        for m in group:
            index[(m.doc, m.start, m.end)] = nid
    return entities, index


def _merge_short_forms(groups: dict[str, list[Mention]]) -> None:
    """Fold "opus 3" into "claude opus 3" when that is its only longer name."""
    by_words = {key: key.split() for key in groups}
    for key in sorted(groups, key=lambda k: len(by_words[k])):
        words = by_words[key]
        group = groups.get(key)
        if not group or group[0].label not in SHORT_FORM_TYPES:
            continue
        longer = [k for k, w in by_words.items()
                  if k in groups and k != key and len(w) > len(words)
                  and w[-len(words):] == words
                  and groups[k][0].label == group[0].label]
        # Single-word short forms merge only with a two-word name ("Vend" -> "Project Vend");
        # "Claude" alone is the family, not a short form of every model.
        if len(longer) == 1 and (len(words) > 1 or len(by_words[longer[0]]) == 2):
            groups[longer[0]].extend(groups.pop(key))
