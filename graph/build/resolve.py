"""Merge mentions into entities: one node per real-world thing.

Mentions merge when

* their normalised forms agree (case, a leading "the", possessives, punctuation, plurals);
* the entity ruler matched them with the same pattern ``id`` ("AWS" and "Amazon Web
  Services" share ``amazon-web-services``); ids starting with ``kind:`` belong to generic
  patterns that describe a kind of name, not one entity, and never merge anything;
* one is an acronym the text defines for the other ("natural language autoencoders (NLAs)");
* the user's alias file (``resources/aliases.jsonl``) says so;
* one is a release of the other, a product ("PyTorch 2.2" is "PyTorch": one node, the
  numbered forms among its aliases);
* one is a short form that is a word-suffix of exactly one longer name of the corpus
  ("Opus 3" -> "Claude Opus 3", "Mythos Preview" -> "Claude Mythos Preview").

Metrics and dates are findings of one document: "159 countries" in two documents are two
nodes, and so are "2023" or "last year", unless they state the same fact: the same figure
of the same subject, a year said of the same entities, or the same sentence repeated word
for word (:mod:`graph.build.facts`). A date that names a calendar day or a month of a
year is a fact, not a finding: "March 5, 2024", "5 March 2024" and "2024-03-05" are one node
``DATE:2024-03-05`` labelled "March 5, 2024" in every document (:mod:`graph.build.dates`).

Every surface form is kept in the entity's ``aliases``; the label is the most frequent full
form (never an acronym or a short form when the full name was seen).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graph.build.dates import date_key, date_label
from graph.build.facts import merge_restated
from graph.build.figure_forms import figure_forms, fold_bare_figures
from graph.build.name_groups import (
    choose_type,
    fold_company_names,
    fold_editions,
    merge_short_forms,
    split_by_document_type,
)
from graph.build.sized_forms import hub_names, sized_forms
from graph.build.union_find import Groups
from graph.names import names_a_title, release_base, spells_acronym, strip_article
from graph.nlp.lexicon import words
from graph.nlp.records import Mention, TypedRelation
from graph.paths import resource
from graph.schema import node_id

DOCUMENT_SCOPED = {"METRIC", "DATE"}
RUN_TOGETHER = {"MODEL", "DATASET", "PROJECT"}  # names a text may write with or without spaces
KIND_PREFIX = "kind:"
CALENDAR = "date\x00"  # key prefix of a calendar date: "date\x002024-03-05"
USER_ALIASES = "aliases.jsonl"
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.-]{1,11}?)s?\s*\)")
# "RLHF (reinforcement learning from human feedback)": the long form after the acronym
_LONG_FORM_AFTER = re.compile(r"\s*\(\s*([A-Za-z][\w -]{3,80}?)\s*\)")
_AN_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9]*$")
_TITLE_AFTER = re.compile(r":[ \t]+")  # a paper's name, then its title: "RA-DIT: Retrieval-..."


def normalise(text: str, etype: str = "") -> str:
    """Key under which surface forms of one entity agree."""
    text = text.casefold().replace("\u2019", "'").strip()
    text = strip_article(text)
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w%.+\s]", " ", text)
    if etype in ("MODEL", "DATASET"):  # "Llama3 70B" is "Llama 3 70B", "GPT4" is "GPT-4"
        text = re.sub(r"(?<=[^\W\d_])(?=\d)", " ", text)
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
    return strip_article(text, label=True)


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
    """Acronyms defined right after a mention: ``{"nla": "natural language autoencoder"}``,
    or a mention that is an acronym with its long form after it ("HyDE (hypothetical
    document embeddings)", or a paper's "RA-DIT: Retrieval-Augmented Dual Instruction
    Tuning", where the long form is a mention of the same type).

    The acronym must spell the initials of the mention's words (case-insensitive, link
    words like "from" optional), so a parenthetical like "(2024)" or "(see below)" is not
    taken for one.
    """
    mentions = list(mentions)
    starts = {(m.doc, m.start): m for m in mentions}
    found: dict[str, str] = {}
    for m in mentions:
        text = texts.get(m.doc)
        if text is None or m.label in DOCUMENT_SCOPED:
            continue
        match = _ACRONYM_AFTER.match(text, m.end)
        if match and spells_acronym(match.group(1).rstrip("."), display_form(m.text)):
            found[normalise(match.group(1).rstrip("."), m.label)] = normalise(m.text, m.label)
            continue
        if not _AN_ACRONYM.match(m.text):
            continue
        match = _LONG_FORM_AFTER.match(text, m.end)  # "HyDE (hypothetical document ...)"
        if match and spells_acronym(m.text, match.group(1)):
            found[normalise(m.text, m.label)] = normalise(match.group(1), m.label)
            continue
        match = _TITLE_AFTER.match(text, m.end)  # "PPT: Pre-trained Prompt Tuning for ..."
        long = starts.get((m.doc, match.end())) if match else None
        if long is not None and long.label == m.label and names_a_title(m.text, long.text):
            found[normalise(m.text, m.label)] = normalise(long.text, m.label)
    return found | _spelled_apart(mentions, found)


def _spelled_apart(mentions: list[Mention], found: dict[str, str]) -> dict[str, str]:
    """An acronym of three capitals or more and the one name of its document and type of
    three words or more that it spells, written apart ('MMLU "Massive Multitask Language
    Understanding" is a benchmark ...'): ``{acronym: long form}``, as
    :func:`defined_acronyms` gives them."""
    names: dict[tuple[str, str], set[str]] = defaultdict(set)  # (doc, type) -> long names
    for m in mentions:
        if m.label not in DOCUMENT_SCOPED and len(m.text.split()) >= 3:
            names[m.doc, m.label].add(display_form(m.text))
    spelled: dict[str, str] = {}
    for m in mentions:
        key = normalise(m.text, m.label)
        if m.label in DOCUMENT_SCOPED or key in found or not m.text.isupper() or \
                len(m.text) < 3 or not _AN_ACRONYM.match(m.text):
            continue
        longs = [n for n in names[m.doc, m.label] if spells_acronym(m.text, n)]
        if len(longs) == 1:
            spelled[key] = normalise(longs[0], m.label)
    return spelled


def _without_dataset_head(name: str) -> str:
    """``name`` without a generic last word ("MATH benchmark" -> "MATH"), or ``""``."""
    head, _, last = name.rpartition(" ")
    return head if head and last.casefold() in words("entities", "dataset_heads") else ""


def load_user_aliases(path: Path | None = None) -> dict[str, str]:
    """``{normalised alias: normalised canonical name}`` from a JSONL alias file.

    One object per line, ``{"name": "Amazon Web Services", "aliases": ["AWS"]}``; lines
    starting with ``//`` or ``#`` are comments. A missing file means no aliases.

    Raises
    ------
    ValueError
        A line is not valid JSON or lacks ``name``; the message gives file and line.
    """
    path = path or resource(USER_ALIASES)
    return dict(_load_user_aliases(str(path)))


@cache
def _load_user_aliases(path: str) -> tuple[tuple[str, str], ...]:
    file = Path(path)
    if not file.exists():
        return ()
    pairs = []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith(("//", "#")):
            continue
        try:
            entry = json.loads(line)
            canonical = normalise(entry["name"], entry.get("type", ""))
            aliases = entry.get("aliases", [])
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"{file.name}:{number}: invalid alias entry: {exc!r}") from exc
        pairs += [(normalise(a, entry.get("type", "")), canonical) for a in aliases]
    return tuple(pairs)


def _choose_label(group: list[Mention], short: set[str]) -> str:
    """The most frequent full form; acronyms, short forms and the user's aliases only when
    nothing else was seen."""
    forms = Counter(display_form(_named(m)) for m in group)
    full = {f: n for f, n in forms.items() if normalise(f) not in short} or forms
    # ties: the longer form, then the one a sentence start did not capitalise
    return max(full, key=lambda f: (full[f], len(f), -sum(c.isupper() for c in f), f))


def _named(m: Mention) -> str:
    """What a mention names: a product's release is the product ("PyTorch 2.2")."""
    return release_base(m.text) if m.label == "PROJECT" else m.text


def _key(m: Mention, redirect: Mapping[str, str]) -> str:
    if m.label == "DATE" and (day := date_key(m.text)):
        return CALENDAR + day
    key = normalise(_named(m), m.label)
    if not key:
        return ""
    key = redirect.get(key, key)
    return f"{m.doc}\x00{key}" if m.label in DOCUMENT_SCOPED else key


def resolve(mentions: list[Mention], texts: Mapping[str, str] | None = None,
            user_aliases: Mapping[str, str] | None = None,
            relations: Iterable[TypedRelation] = ()) -> tuple[list[Entity], dict]:
    """Group mentions into entities.

    Parameters
    ----------
    mentions
        All mentions of the corpus.
    texts
        Document texts by id, to find acronyms defined in parentheses.
    user_aliases
        ``{normalised alias: normalised canonical form}``; by default the user's alias file
        ``resources/aliases.jsonl`` (see :func:`load_user_aliases`).
    relations
        The typed relations of the corpus: a metric's ``HAS_METRIC`` subjects tell which
        metrics of different documents are one fact (:mod:`graph.build.facts`).

    Returns
    -------
    entities, index
        The entities, and ``{(doc, start, end): entity id}`` for every mention.
    """
    texts = texts or {}
    redirect: dict[str, str] = dict(load_user_aliases() if user_aliases is None else user_aliases)
    aliased = set(redirect)  # the user's canonical name is the label when it was seen
    acronyms = defined_acronyms(mentions, texts)
    redirect.update(acronyms)

    union = Groups()
    keyed: list[tuple[str, Mention]] = []
    for m in mentions:
        key = _key(m, redirect)
        if not key:
            continue
        keyed.append((key, m))
        union.find(key)
        if m.key and not m.key.startswith(KIND_PREFIX) and m.label not in DOCUMENT_SCOPED:
            union.union(key, f"id\x00{m.key}")
    _join_named_methods(union, keyed)
    groups: dict[str, list[Mention]] = defaultdict(list)
    forms: dict[str, set[str]] = defaultdict(set)
    for key, m in keyed:
        root = union.find(key)
        groups[root].append(m)
        forms[root].add(key)

    # Metrics and dates are never short forms: leave them out of that (quadratic) search.
    scoped = {root for root, group in groups.items()
              if not root.startswith(CALENDAR) and group[0].label in DOCUMENT_SCOPED}
    named = {root: group for root, group in groups.items() if root not in scoped}
    short = set(acronyms) | aliased | merge_short_forms(named, forms) | \
        fold_editions(named, forms) | fold_company_names(named, forms)
    fold_bare_figures(groups, forms, {root for root in scoped if not root.startswith(CALENDAR)
                                      and groups[root][0].label == "METRIC"})
    scoped = {root for root in scoped if root in groups}
    groups = named | {root: groups[root] for root in scoped}
    merge_restated(groups, forms, scoped, relations, texts)
    split_by_document_type(groups, forms)  # "Transformer" (a method), "Transformers" (a tool)
    return _entities(groups, forms, short, texts)


def _join_named_methods(union: Groups, keyed: list[tuple[str, Mention]]) -> None:
    """"ReAct prompting" is "ReAct", "chain-of-thought reasoning" is "chain-of-thought":
    a method named with a naming head (``naming_heads``) joins the method without it; and a
    name run together is the name written apart in one document ("TheAgentCompany", "The
    Agent Company"; not "CodeT5+" and "CodeT5")."""
    methods = {key for key, m in keyed if m.label == "METHOD"}
    heads = words("methods", "naming_heads")
    for key in methods:
        name, _, head = key.rpartition(" ")
        if head in heads and name in methods:
            union.union(key, name)
    run_together: dict[tuple[str, str, str], str] = {}  # in one document, of one type
    for key, m in keyed:
        if m.label in RUN_TOGETHER:
            joined = (m.doc, m.label, re.sub(r"[\s\-_.]", "", m.text.casefold()))
            union.union(key, run_together.setdefault(joined, key))


def _entities(groups: dict[str, list[Mention]], forms: dict[str, set[str]], short: set[str],
              texts: Mapping[str, str]) -> tuple[list[Entity], dict]:
    """One entity per group, with a stable id (numbered when two groups share a label)."""
    # A calendar date's id is its key; no numbered id of another date may take it
    # ("2024" in twelve documents must not become DATE:2024-12, December 2024).
    calendar = {root: node_id("DATE", root.removeprefix(CALENDAR))
                for root in groups if root.startswith(CALENDAR)}
    entities, index, taken = [], {}, set(calendar.values())
    for root in sorted(groups, key=lambda r: min(forms[r])):
        group = groups[root]
        etype = choose_type(group)
        if root in calendar:
            label, nid = date_label(root.removeprefix(CALENDAR)), calendar[root]
        else:
            label = _choose_label(group, short)
            nid, n = node_id(etype, label), 2
            while nid in taken:
                nid, n = f"{node_id(etype, label)}-{n}", n + 1
            taken.add(nid)
        surface = {m.text.strip() for m in group} | {display_form(m.text) for m in group}
        if etype == "DATASET":  # "the MATH benchmark" is also known as "MATH"
            surface |= {bare for bare in map(_without_dataset_head, surface) if bare}
        if etype == "METRIC":  # "just 9% of conversations" is also "9%"
            surface |= figure_forms(surface)
        if etype == "MODEL":  # "Llama 3.1 (8B)", "openai/gpt-4.1-mini"
            surface |= sized_forms(group, texts) | hub_names(surface)
        aliases = sorted(f for f in surface if f != label)
        documents = sorted({m.doc for m in group})
        entities.append(Entity(nid, label, etype, aliases, documents, group))
        for m in group:
            index[(m.doc, m.start, m.end)] = nid
    return entities, index
