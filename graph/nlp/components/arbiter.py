"""How the spans of the sources compete, and where the rules' typing outranks the
trained recogniser's (:mod:`~graph.nlp.components.domain`).

Each candidate span comes ranked by its source: a shape that tells its type ("FlashAttention",
a name and its size), the entity ruler's patterns, the trained recogniser, the rules'
derived spans (technique nouns, numbers), the statistical model's guesses. Where spans
overlap, the higher rank takes the words (:func:`choose`).

The recogniser decides the spans the rules have no opinion on; where a rule has one on the
recogniser's span, the rule's type wins, as it does over the statistical model's guesses:

* a rule's span on the same words ("Sakana AI", an organisation by its shape, which only
  ties with the recogniser's rank so that a longer name it found stays whole);
* a technique the recogniser named whole around a pattern's generic one ("Self-Refine
  Distillation", not "Distillation"; :func:`specific_methods`);
* a list whose other members the patterns type ("outperforms LoRA, DoRA and PiSSA":
  methods; :func:`retype_lists`), which also makes a maker named like its model family
  the family, not the maker, among models ("Train gpt-oss, DeepSeek, Gemma, Qwen & Llama");
* a product's word ending the name ("Halcyon Cloud", "Kairos Chat"), a product noun after it
  ("the X library"), a model noun after it ("the open MPT models"; :func:`retype_guesses`),
  and a benchmark's slot ("64.0% on Video-MME"; :mod:`~graph.nlp.components.benchmarks`);
* a name of capitalised words that says something, a title after it, is a person's
  ("said Baris Gultekin, Head of AI at Snowflake");
* a day, a month, a number or a verb is no name, nor are words of the language typed as an
  organisation, product, model or dataset ("at scale", "the leaderboard", "the Seattle lab").

The words are ``product_words``, ``product_nouns``, ``model_nouns`` and ``calendar_words`` of
``resources/lexicon/entities.json``.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache

from spacy.tokens import Span, Token

from graph.nlp.components.spans import apposed_noun, first_conjunct, relabel, title_line
from graph.nlp.lexicon import words
from graph.paths import resource

# Ranks of the span sources (see the module's notes). A rule's span that only ties with
# the recogniser's rank (RULE_TIE) takes the words when both found the same ones.
SHAPE, RULER, DOMAIN, DERIVED, STATISTICAL = 5, 4, 3, 2, 1
RULE_TIE = DOMAIN + 0.5
ASSISTANT_PREFIX = "assistant:"  # patterns of chat assistants named like their model

Ranked = tuple[float, Span]  # a candidate span and the rank of its source


def choose(spans: list[Ranked]) -> list[Span]:
    """Non-overlapping spans: higher rank first, then longer, then earlier; on the same
    words a rule's tie outranks the recogniser."""
    chosen, taken = [], set()
    for _, span in sorted(spans, key=lambda ps: (-int(ps[0]), -(ps[1].end - ps[1].start),
                                                 ps[1].start, -ps[0])):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        chosen.append(span)
        taken.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


def specific_methods(spans: list[Ranked]) -> list[Ranked]:
    """``spans`` with a technique the recogniser named whole in capitalised words before a
    pattern's generic one ranked as the pattern: "Self-Refine Distillation" over the
    pattern's "Distillation" (a specific method is not its generic parent)."""
    generic = {(s.end, s.start) for p, s in spans if p == RULER and s.label_ == "METHOD"}
    return [(RULER, s) if p == DOMAIN and s.label_ == "METHOD" and _title_case(s) and
            any(end == s.end and start > s.start for end, start in generic) else (p, s)
            for p, s in spans]


def _title_case(span: Span) -> bool:
    """Every word capitalised ("Self-Refine Distillation"; not "LM-guided CoT")."""
    return all(t.text[:1].isupper() for t in span if t.is_alpha)


def guesses(spans: list[Ranked]) -> set[tuple[int, int]]:
    """``(start, end)`` of the spans whose type is the trained recogniser's."""
    return {(s.start, s.end) for p, s in spans if p == DOMAIN}


_NAME_TYPES = {"MODEL", "ORG", "PROJECT", "METHOD", "DATASET"}
_CAPITALISED_TYPES = {"MODEL", "ORG", "PROJECT", "DATASET"}  # a METHOD may be lower-case


def retype_guesses(spans: list[Span], guessed: set[tuple[int, int]]) -> list[Span]:
    """``spans`` (chosen) with the recogniser's guesses the rules type otherwise re-typed,
    and those that are no names dropped (see the module's notes)."""
    out = []
    for span in spans:
        if (span.start, span.end) not in guessed or span.label_ not in _NAME_TYPES:
            out.append(span)
            continue
        if _no_name(span):
            continue
        label = "PERSON" if _speaker(span) else rule_type(span)
        out.append(relabel(span, label) if label else span)
    return out


SPEECH = {"say", "tell", "add", "note", "explain", "comment"}


def _speaker(span: Span) -> bool:
    """A name of two or more capitalised words that says something, with a title after it
    ("said Baris Gultekin, Head of AI at Snowflake"): a person, whatever the recogniser
    guessed (an organisation speaks too, but is no product's or dataset's name)."""
    root = span.root
    return span.label_ != "ORG" and root.dep_ == "nsubj" and \
        root.head.lemma_.lower() in SPEECH and len(span) >= 2 and \
        all(t.is_alpha and t.is_title for t in span) and \
        any(c.dep_ == "appos" for c in root.children)


def _no_name(span: Span) -> bool:
    """A day or a month ("Thursday"), a number ("4.1 trillion"), a verb ("joining"), or
    words of the language typed as a proper name: lower-case ones ("at scale") or ending on
    a common noun ("the Seattle lab", "Chinese labs")."""
    if all(t.lower_ in words("entities", "calendar_words") or t.like_num for t in span):
        return True
    if len(span) == 1 and span[0].tag_.startswith("VB") and span[0].is_alpha \
            and span.text.islower():
        return True  # "We are also joining Project Keel"; not "| gpt-5.2 |", tagged a verb
    if span.label_ not in _CAPITALISED_TYPES:
        return False  # a METHOD may be lower-case ("budget forcing")
    if not any(c.isupper() or c.isdigit() for c in span.text):
        return not any(c in span.text for c in "-_./")  # "lm-evaluation-harness": a name
    last = span[-1]
    return len(span) > 1 and last.is_lower and last.is_alpha and last.tag_ in ("NN", "NNS") \
        and span[-2].whitespace_ == " " and last.lower_ not in words("entities", "model_variants") \
        and not any(c.isdigit() for c in span.text)  # "the 4o image generation": a name


def rule_type(span: Span) -> str | None:
    """The type a product's word, a product noun or a model noun gives ``span``."""
    if len(span) > 1 and span[-1].text in words("entities", "product_words") \
            and span[-2].whitespace_ == " ":  # not a model's variant ("Athene-V2-Chat")
        return "PROJECT"  # "Halcyon Cloud", "Kairos Chat"
    after = _noun_after(span)
    if after is None:
        return None
    if after.lower_ in words("entities", "product_nouns") and span.label_ in ("METHOD", "DATASET") \
            and after.lower_ != "implementation":
        return "PROJECT"  # the others are told by products.py
    head = after
    while head.dep_ == "compound" and head.head.i == head.i + 1 and head.head.is_lower:
        head = head.head  # "the Chroma vector store": the phrase's head
    if span.label_ in ("PERSON", "PLACE") and head.lower_ in _SOFTWARE_HEADS:
        return "PROJECT"  # no person or place is a store or a library
    if after.lower_ in words("entities", "model_nouns") and span.label_ != "METHOD":
        return "MODEL"  # "the open MPT models"; "the MoE model" is the method's
    return None


_SOFTWARE_HEADS = {"library", "package", "platform", "tool", "toolkit", "store", "database",
                   "server", "engine", "framework", "sdk", "api", "plugin", "extension"}


def _noun_after(span: Span) -> Token | None:
    doc = span.doc
    if span.end >= len(doc) or span[-1].whitespace_ != " ":
        return None
    after = doc[span.end]
    return after if after.is_lower and not after.ent_type_ else None


def list_members(span: Span) -> list[Token]:
    """Tokens coordinated with ``span``'s root: the other items of "A, B, C and D"."""
    root = span.root
    return [t for t in root.conjuncts if t.i < span.start or t.i >= span.end]


SEPARATORS = (",", "&", "and", "or")  # what stands between two items of a list


def _beside(span: Span, by_start: dict[int, Ranked], by_end: dict[int, Ranked]
            ) -> list[Ranked]:
    """The candidate names a list puts beside ``span`` by its words alone, whatever the
    parse made of it ("Transform Llama, Phi, Mistral etc. into ...": no conjuncts): three
    names or more, or two joined by a conjunction ("On MGSM, Aya 23 35B is ...": no list)."""
    doc, found, joined = span.doc, [], False
    for step, table in ((1, by_start), (-1, by_end)):
        i = span.end if step == 1 else span.start - 1
        while True:
            j = i
            while 0 <= j < len(doc) and doc[j].lower_ in SEPARATORS and abs(j - i) < 2:
                j += step
            member = table.get(j) if j != i else None
            if member is None:
                break
            found.append(member)
            between = doc[min(i, j + 1):max(i + 1, j)]  # the separators crossed
            joined = joined or any(t.lower_ != "," for t in between)
            i = member[1].end if step == 1 else member[1].start - 1
    return found if len(found) > 1 or joined else []


def opens_a_list(spans: list[Span]) -> bool:
    """Whether the first three of ``spans`` are items of one list by the words between
    them ("AMD, Intel, Blackwell & DGX Spark"); two are not ("FlashAttention-2 and
    FlashAttention-3: paper summaries" is the first's, whose section comes first)."""
    return len(spans) > 2 and all(t.lower_ in SEPARATORS for a, b in (
        spans[:2], spans[1:3]) for t in a.doc[a.end:b.start])


@cache
def family_makers() -> frozenset[str]:
    """The words the gazetteer's model patterns (``resources/patterns/models.jsonl``) open a
    model's name with ("Mistral", "DeepSeek", "Phi"): an organisation of one of these words
    may be its model family."""
    found: set[str] = set()
    for line in resource("patterns", "models.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip().startswith("{"):
            continue  # a comment
        pattern = json.loads(line)
        first = pattern["pattern"][0] if isinstance(pattern["pattern"], list) else {}
        if pattern["label"] == "MODEL" and isinstance(first.get("ORTH"), dict):
            found.update(first["ORTH"].get("IN", ()))
    return frozenset(found)


# The types a list of known names gives its unknown members; the trained recogniser's
# guesses that a list may correct are any of its types (it types the names it does not
# know by their neighbours' spelling: "DoRA" as a dataset, "KIVI" as a product).
_LIST_TYPED = {"MODEL", "PROJECT", "METHOD", "DATASET"}
_GUESS_TYPED = {"MODEL", "METHOD"}  # "building on TIES-Merging and DARE": no person


def retype_lists(spans: list[Ranked]) -> list[Ranked]:
    """In a list that is mostly organisations, the statistical model's places and people
    are organisations too ("partnered with Apple, Cisco and Palo Alto Networks"); in a list
    the patterns type, an unknown name takes the list's type, whether the trained
    recogniser or the statistical model guessed ("outperforms LoRA, DoRA and PiSSA": methods,
    not products; "GPT-4, Claude 2 and Zephyrix": models, not a place).

    A maker whose name is also its model family's ("Mistral", "DeepSeek") is the family in
    a list of models ("Train gpt-oss, DeepSeek, Gemma, Qwen & Llama"), and stays the maker
    in a list of organisations ("models from Meta, Google and Mistral"); it is re-typed
    first, so that it votes as a model for the list's unknown names.

    Members vote with their type; a gazetteer match counts double.
    """
    spans = _vote(spans, lambda p, s: p == RULER and s.label_ == "ORG"
                  and s.text in family_makers() and not _makers_slot(s), {"MODEL"}, True)
    return _vote(spans, lambda p, s: p == STATISTICAL and s.label_ in ("PLACE", "PERSON")
                 or p == DOMAIN and s.label_ in _NAME_TYPES, _LIST_TYPED, False)


MAKER_PREPOSITIONS = ("from", "by")


def _makers_slot(span: Span) -> bool:
    """Whether ``span`` (or the list it is in) is the object of "from" or "by", where a
    maker's name stands for the maker ("both from DeepSeek, and QwQ-32B", "models from
    Meta, Google and Mistral")."""
    token = first_conjunct(span.root)
    before = span.doc[span.start - 1].lower_ if span.start else ""
    return before in MAKER_PREPOSITIONS or \
        (token.dep_ == "pobj" and token.head.lower_ in MAKER_PREPOSITIONS)


def _vote(spans: list[Ranked], voted, typed: set[str], known_name: bool) -> list[Ranked]:
    """``spans`` with those ``voted`` picks re-typed by the vote of their list's members:
    an organisation for a statistical guess in a list of organisations, else a type of
    ``typed`` that a gazetteer or a shape gave a member. The majority decides in a list the
    parse coordinates, or for a ``known_name`` (the gazetteer's); a list by its words alone
    must be of one type to re-type a guess ("Common Loom, Loom-7B and PII Sweeper": a
    corpus, a model and a tool)."""
    by_root = {s.root.i: (p, s) for p, s in spans}
    by_start = {s.start: (p, s) for p, s in sorted(spans, key=lambda ps: ps[0])}
    by_end = {s.end - 1: (p, s) for p, s in sorted(spans, key=lambda ps: ps[0])}
    out = []
    for priority, span in spans:
        if voted(priority, span):
            guess = priority == STATISTICAL
            votes: Counter[str] = Counter()
            known = set()  # types a gazetteer or a shape gave a member
            members = {by_root[t.i][1].start: by_root[t.i] for t in list_members(span)
                       if t.i in by_root}
            majority = known_name or bool(members)
            members.update((s.start, (p, s)) for p, s in _beside(span, by_start, by_end))
            for p, member in members.values():
                # a gazetteer organisation is stronger evidence than a model's guess
                votes[member.label_] += 2 if p >= RULER else 1
                if p == SHAPE or p == RULER and member.id_ and \
                        not member.id_.startswith(ASSISTANT_PREFIX):
                    known.add(member.label_)  # as matched; "ChatGPT": model or app
            label, n = votes.most_common(1)[0] if votes else ("", 0)
            if (2 * n > sum(votes.values()) if majority else n == sum(votes.values())) \
                    and label != span.label_ and (
                    (guess and label == "ORG") or (label in known and label in typed
                                                   and (not guess or label in _GUESS_TYPED))):
                span = relabel(span, label)
        out.append((priority, span))
    return out


_TYPE_NOUNS = (("MODEL", "model_nouns"), ("DATASET", "dataset_nouns"), ("METHOD", "method_nouns"),
               ("PROJECT", "product_nouns"), ("PROJECT", "apposed_product_nouns"))


EXAMPLE_NOUNS = {"example", "instance"}


def _example_of(noun: Token) -> Token:
    """The kind an example is an example of ("notable examples of LLM agents": "agents")."""
    if noun.lemma_.lower() not in EXAMPLE_NOUNS:
        return noun
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), noun) if of is not None else noun


def type_by_context(ent: Span) -> str | None:
    """The type a noun in apposition, or after "is a", gives a name: "the model (Sonnet
    4.5)", "X, our newest model", "ReelText, a corpus of ...", "HushKV, a 2-bit KV-cache
    quantization method", "X is an open-source tool"; ``None`` without such a noun."""
    root = ent.root
    nouns = [c for c in root.children if c.dep_ == "appos"]
    subject = first_conjunct(root) if root.dep_ == "conj" else root  # "X, Y and Z are ..."
    if root.dep_ == "appos":
        nouns.append(root.head)
    elif subject.dep_ == "nsubj" and subject.head.lemma_ == "be":
        nouns += [c for c in subject.head.children if c.dep_ == "attr"]
    nouns = [_example_of(n) for n in nouns]  # "two notable examples of LLM agents"
    if not nouns and (apposed := apposed_noun(ent)) is not None:
        nouns.append(apposed)  # "Rook-2, our new action model": the parser missed it
    after = ent.doc[ent.end].text if ent.end < len(ent.doc) else ""
    if any(t.lower_ == "et" for t in ent) or after == ":" or title_line(ent):
        return None  # "(Chen et al., 2021)"; "X: Composing ... language models" (a title)
    for noun in nouns:
        if not noun.is_lower:
            continue
        for label, name in _TYPE_NOUNS:
            if {noun.lower_, noun.lemma_.lower()} & words("entities", name):
                return label
    return None
