"""How resolution refines its groups of mentions (:mod:`graph.build.resolve`): a short form
folded into the one longer name it ends ("opus 3" into "claude opus 3"), a benchmark's bare
name into its only edition ("AlpacaEval" into "AlpacaEval 2.0"), and one name split where
documents type it differently ("Transformer" the architecture, "Transformers" the library).
Each works on ``groups`` (root -> mentions) and ``forms`` (root -> normalised forms) in place.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from graph.nlp.lexicon import words
from graph.nlp.records import Mention

# A mention's type is decided by vote; domain types outrank the statistical fallbacks.
TYPE_PRIORITY = {"MODEL": 5, "DATASET": 4, "PROJECT": 4, "METHOD": 4, "ORG": 3, "METRIC": 3,
                 "PERSON": 2, "PLACE": 1, "DATE": 1}
SHORT_FORM_TYPES = {"MODEL", "ORG", "PROJECT", "METHOD", "DATASET"}
# A technique is named head last: the end of a longer method's name is its generic parent
# ("fine-tuning" of "sparse fine-tuning", "attention" of "sliding window attention"), not a
# short form of it; only a statistical guess ("Workflow Memory") joins a longer method.
HEAD_LAST_TYPES = {"METHOD"}
# Types the statistical model guesses for names it does not know; such a guess does not stop
# a short form from joining the longer name the patterns recognised.
GUESSED_TYPES = {"ORG", "PERSON", "PLACE"}


def choose_type(mentions: list[Mention]) -> str:
    """The type most mentions give (a pattern's match counts three), domain types first."""
    votes = Counter()
    for m in mentions:
        # A pattern match (m.key) is domain knowledge: it outweighs the statistical model.
        votes[m.label] += 3 if m.key else 1
    return max(votes, key=lambda t: (votes[t], TYPE_PRIORITY.get(t, 0)))


_EDITION = re.compile(r"^(?:(?:19|20)\d\d|\d(?:\.\d)?|v\d+(?:\.\d+)?)$")  # "2.0", "v2"


def fold_editions(groups: dict[str, list[Mention]], forms: dict[str, set[str]]) -> set[str]:
    """Fold a benchmark's bare name into its edition ("AlpacaEval" into "AlpacaEval 2.0")
    when that is its only edition and is written wherever the bare name is ("AIME" stays
    apart from "AIME 2024" and "AIME 2025"). Returns the bare names that were folded."""
    editions: dict[str, set[str]] = defaultdict(set)  # bare form -> groups of its editions
    for root, group in groups.items():
        if choose_type(group) == "DATASET":
            for form in forms[root]:
                bare, _, edition = form.rpartition(" ")
                if bare and _EDITION.match(edition):
                    editions[bare].add(root)
    owner = {form: root for root, fs in forms.items() if root in groups for form in fs}
    folded: set[str] = set()
    for bare, targets in editions.items():
        root = owner.get(bare)
        if root is None or len(targets) != 1 or root in targets or \
                choose_type(groups[root]) != "DATASET":
            continue
        target = next(iter(targets))
        if _documents(groups[root]) <= _documents(groups[target]):
            groups[target].extend(groups.pop(root))
            forms[target] |= forms.pop(root)
            folded.add(bare)
    return folded


def fold_company_names(groups: dict[str, list[Mention]], forms: dict[str, set[str]]) -> set[str]:
    """Fold an organisation's one-word name into the one two-word organisation it opens
    whose last word a short name leaves out ("Kairos" into "Kairos Labs", "Mistral" into
    "Mistral AI": ``company_suffixes``), where the longer name is written in every document
    of the short one. Not a large company's name ("Meta" is not "Meta AI", a lab and an
    assistant of its own: ``shape_companies``). Returns the folded short forms."""
    suffixes, large = words("entities", "company_suffixes"), words("entities", "shape_companies")
    longer: dict[str, set[str]] = defaultdict(set)  # first word -> two-word companies
    for root, group in groups.items():
        if choose_type(group) == "ORG":
            for m in group:
                parts = m.text.split()
                if len(parts) == 2 and parts[1].lower() in suffixes and parts[0] not in large:
                    longer[parts[0]].add(root)
    folded: set[str] = set()
    for root in list(groups):
        if root not in groups or choose_type(groups[root]) != "ORG":
            continue
        short = next((m.text for m in groups[root] if len(longer.get(m.text, ())) == 1), None)
        if short is None:
            continue
        target = next(iter(longer[short]))
        if target == root or target not in groups or \
                not _documents(groups[root]) <= _documents(groups[target]):
            continue
        folded |= forms[root]
        groups[target].extend(groups.pop(root))
        forms[target] |= forms.pop(root)
    return folded


def _documents(group: list[Mention]) -> set[str]:
    return {m.doc for m in group}


def merge_short_forms(groups: dict[str, list[Mention]], forms: dict[str, set[str]]) -> set[str]:
    """Fold "opus 3" into "claude opus 3" when that is its only longer name.

    Not "fine-tuning" into "sparse fine-tuning": see :data:`HEAD_LAST_TYPES`.

    A short form joins a longer name of the same type, or of a domain type when the short
    form's own type is only the statistical model's guess ("Mythos Preview" tagged ORG).
    Returns the short forms that were folded.
    """
    types = {root: choose_type(group) for root, group in groups.items()}
    guessed = {root: all(not m.key for m in group) and types[root] in GUESSED_TYPES
               for root, group in groups.items()}
    words = {root: [k.split() for k in forms[root]] for root in groups}
    ends: dict[tuple[str, ...], set[str]] = defaultdict(set)  # word suffix -> longer names
    for root in groups:
        if types[root] in SHORT_FORM_TYPES:
            _index_ends(ends, root, words[root])
    folded: set[str] = set()
    for root in sorted(groups, key=lambda r: min(len(w) for w in words[r])):
        if root not in groups or types[root] not in SHORT_FORM_TYPES | GUESSED_TYPES:
            continue
        for short in sorted(words[root], key=len):
            longer = {other for other in ends.get(tuple(short), ()) if other != root and
                      other in groups and (types[other] == types[root] or guessed[root])
                      and (types[other] not in HEAD_LAST_TYPES or guessed[root])
                      and not (types[other] == "DATASET" and _owned_id(groups[other]))}
            if len(longer) != 1:
                continue
            target = longer.pop()
            target_len = min(len(w) for w in words[target] if w[-len(short):] == short
                             and len(w) > len(short))
            # Single-word short forms merge only with a two-word name ("Vend" -> "Project
            # Vend"); "Claude" alone is the family, not a short form of every model. And only
            # where that name is written too: "Mistral" in one page is not another page's
            # "Mistral Large".
            if len(short) == 1 and (target_len != 2 or not _documents(groups[root])
                                    <= _documents(groups[target])
                                    or _variant_benchmark(groups[target], types[target])):
                continue
            groups[target].extend(groups.pop(root))
            forms[target] |= forms.pop(root)
            _index_ends(ends, target, words[root])
            words[target] += words.pop(root)
            folded.add(" ".join(short))
            break
    return folded


SPLIT_TYPES = {"MODEL", "PROJECT", "METHOD", "DATASET"}  # what one name may be in two texts


def split_by_document_type(groups: dict[str, list[Mention]], forms: dict[str, set[str]]
                            ) -> None:
    """One node per type where documents give one name different domain types of their own:
    a guide's "Transformer decoders" (the architecture, METHOD) and a README's "integrated
    with Transformers" (the library, PROJECT) are two things, not one typed by a vote over
    the corpus. An organisation against a product is still one vote ("Mistral")."""
    for root in list(groups):
        by_doc: dict[str, list[Mention]] = defaultdict(list)
        for m in groups[root]:
            by_doc[m.doc].append(m)
        if len(by_doc) < 2:
            continue
        typed = {doc: choose_type(ms) for doc, ms in by_doc.items()}
        kinds = set(typed.values())
        if len(kinds) < 2 or not kinds <= SPLIT_TYPES:
            continue
        for kind in kinds:
            part = f"{root}\x01{kind}"
            groups[part] = [m for doc, ms in by_doc.items() if typed[doc] == kind for m in ms]
            forms[part] = set(forms[root])
        del groups[root]


def _owned_id(group: list[Mention]) -> bool:
    """A dataset's id under its owner ("flaviagiammarino/vqa-rad"): the benchmark its name
    ends with ("VQA-RAD") is the page's own, not a short form of that copy of its data."""
    return all("/" in m.text and " " not in m.text.strip() for m in group)


def _variant_benchmark(group: list[Mention], etype: str) -> bool:
    """A benchmark whose name is another's joined to a word by a hyphen ("Global-MMLU",
    "Kor-MMLU", "X-CSQA") is a version of it in other languages or of other tasks, not that
    benchmark by a longer name: "MMLU" is not "Global-MMLU" (a model's "R1" still is
    "DeepSeek-R1")."""
    return etype == "DATASET" and all(
        "-" in m.text and " " not in m.text.strip() for m in group)


def _index_ends(ends: dict[tuple[str, ...], set[str]], root: str, names: list[list[str]]
                ) -> None:
    """Record ``root`` under every word suffix shorter than one of its ``names``."""
    for name in names:
        for k in range(1, len(name)):
            ends[tuple(name[-k:])].add(root)
