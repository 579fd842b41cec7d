"""What a plural anaphor stands for: the entities a sentence before listed. "We merged
Shisa Gamma 7B, a Japanese chat model, with two English math models, WizardMath 7B and Abel
7B. All three are themselves fine-tuned from Mistral 7B." says each of the three is
fine-tuned from Mistral 7B; "MPT-7B had been trained by MosaicML ..., and MPT-30B ... was
described as stronger than GPT-3. Both were trained with FlashAttention" says each of the
two subjects uses FlashAttention.

:func:`graph.nlp.anaphora.plural_anaphors` finds the words ("they", "both", "all four
models", "each of them"); :class:`Plurals` follows a document's sentences and keeps the
sets each one named, from the likeliest to the least likely reading: the subjects of its
clauses, the lists it writes out ("A, B and C"), the entities of one type it names (for
three or more: two are too often a model and what it is compared with), a set introduced
with its count ("comes in two sizes: A and B", kept for the whole document), and the
subjects of as many sentences in a row as the anaphor counts ("A is built on X. B is
distilled from A. Both support Y"). A count must match the set, a kind noun its type
("both companies" stands for organizations); a pronoun ("they", "their") stands only for
the subjects of the sentence before (or what "we" listed there), not for the people an
earlier sentence named; nothing found, the words are left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from graph.nlp.anaphora import Plural, count_of, kind_plural, plural_anaphors
from graph.nlp.components.spans import first_conjunct
from graph.nlp.lexicon import table, words
from graph.nlp.pair_grammar import ANAPHOR
from graph.nlp.pairs import LIST_ITEM, Topic
from graph.nlp.relations import NAMING_VERBS, VERBAL, WE_WORDS, main_subject, phrase_head
from graph.nlp.rows import MARKS

GROUP_TYPES = ("MODEL", "METHOD", "PROJECT", "DATASET", "ORG")
SEPARATORS = {",", "and", ", and", "or", ", or", "&", "as well as"}  # between a list's items
INTRODUCERS = {",", ":", "("}  # between a counted noun and its list: "two sizes: A and B"
# what joins a name to the ones released with it: "GPT-4.1 in the API, along with A and B"
COMPANIONS = re.compile(r"(?:^|[\s,])(?:along with|alongside|together with)$")
# the nouns that make a name a set of models: "Tulu is a family of models", "Amazon Nova,
# a new generation of foundation models"
COLLECTIVES = {"family", "series", "suite", "collection", "lineup", "line", "generation"}
COMPANION_GAP = 8  # the most words between a name and "along with": a place, not a clause
PARENTHESIS = re.compile(r"\([^()]*\)")
LOOK_BACK = 3  # sentences a counted anaphor looks back for a list it can stand for
Group = tuple[Topic, ...]


@dataclass(slots=True)
class Said:
    """The sets of entities one sentence named, as :func:`_said` reads them."""

    subjects: list[Group] = field(default_factory=list)  # of its clauses, by type
    together: list[Group] = field(default_factory=list)  # written as one list: "A and B were"
    lists: list[Group] = field(default_factory=list)
    named: list[Group] = field(default_factory=list)
    about: Topic | None = None  # the entity the sentence is about (its subject)
    chain: list[Group] = field(default_factory=list)  # what its own plural subject stood for
    by_we: bool = False  # its subject is the author ("We merged A, B and C")
    released: list[Group] = field(default_factory=list)  # lists it releases or the author's
    family: Group = ()  # the name it calls a family of models ("Tulu is a family of models")


def _topic(ent: Span, offset: int) -> Topic:
    return (offset + ent.start_char, offset + ent.end_char), ent.label_, ent.text.casefold()


def _group(ents: list[Span], offset: int) -> Group | None:
    """Distinct entities (by name) of which most are of one type, at least two."""
    seen: dict[str, Span] = {}
    for e in ents:
        seen.setdefault(e.text.casefold(), e)
    if len(seen) < 2:
        return None
    kind, n = Counter(e.label_ for e in seen.values()).most_common(1)[0]
    return tuple(_topic(e, offset) for e in seen.values()) if 2 * n > len(seen) else None


def group_type(group: Group) -> str:
    return Counter(t[1] for t in group).most_common(1)[0][0]


def _subject_of_clause(ent: Span) -> bool:
    token = first_conjunct(phrase_head(ent))
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ in VERBAL


def _runs(sent: Span, ents: list[Span]) -> list[list[Span]]:
    """The lists ``sent`` writes out: entities joined by commas, "and", "or" only (what
    brackets add left out: "Phi-3-small (7B) and Phi-3-medium (14B)"), and a name with the
    ones it comes "along with" ("Today we're releasing GPT-4.1 in the API, along with
    GPT-4.1 mini and GPT-4.1 nano": three released together)."""
    runs: list[list[Span]] = []
    for e in ents:
        between = PARENTHESIS.sub("", sent.doc[runs[-1][-1].end:e.start].text).strip() \
            .lower() if runs else None
        joined = _joined(runs, e) if between is not None and COMPANIONS.search(between) \
            else None
        if between in SEPARATORS:
            runs[-1].append(e)
        elif joined is not None:
            joined.append(e)
        else:
            runs.append([e])
    return [run for run in runs if len(run) >= 2]


def _joined(runs: list[list[Span]], e: Span) -> list[Span] | None:
    """The list that ``e``, after "along with", joins: the last one of names of its type,
    a few words before and no other clause between ("tested ERNIE 4.5 Turbo and ERNIE X1,
    both from Baidu, along with GLM-5-Long, ...": not the maker the aside names)."""
    run = next((r for r in reversed(runs) if r[-1].label_ == e.label_), None)
    if run is None:
        return None
    gap = e.doc[run[-1].end:e.start]
    return run if len(gap) <= COMPANION_GAP and not any(t.text in (";", ":") for t in gap) \
        else None


def _counted(run: list[Span]) -> str | None:
    """The noun a list is introduced by with its count: "sizes" in "in two sizes, A and
    B", "versions" in "two versions: A and B", "models" in "two English math models, A and
    B"; ``None`` for a list without one."""
    doc = run[0].doc
    i = run[0].start - 1
    if i < 1 or doc[i].text not in INTRODUCERS:
        return None
    noun = doc[i - 1]
    counted = noun.pos_ == "NOUN" and any(c.dep_ == "nummod" and count_of(c) == len(run)
                                          for c in noun.children)
    return noun.lemma_.lower() if counted else None


def releasing_verb(ent: Span) -> Token | None:
    """The releasing verb (``we_DEVELOPED_BY``) whose object ``ent`` is: "Meta released A,
    B and C", "Acme released a new model named Kestrel 2", "Meta introduced their new
    family of models called Llama 3" (the parser hangs "called" on the noun or the verb)."""
    head = phrase_head(ent)
    if head.dep_ == "oprd" and head.head.lemma_.lower() in NAMING_VERBS:
        naming = head.head
        if naming.dep_ == "acl":
            head = naming.head
        elif naming.dep_ == "advcl":
            head = next((c for c in naming.head.children if c.dep_ == "dobj"), head)
    verb = head.head
    return verb if head.dep_ == "dobj" and verb.lemma_.lower() in words(
        "relations", "we_DEVELOPED_BY") else None


def _a_family(ent: Span) -> bool:
    """Whether the sentence calls ``ent`` a set of what a plural kind noun names: "Tulu is
    a family of models", "Amazon Nova, a new generation of foundation models"."""
    head = phrase_head(ent)
    nouns = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ in ("nsubj", "nsubjpass"):
        nouns += [c for c in head.head.children if c.dep_ == "attr"]
    return any(n.lemma_.lower() in COLLECTIVES and any(
        o.dep_ == "pobj" and kind_plural(o) for p in n.children if p.lower_ == "of"
        for o in p.children) for n in nouns)


def _item_entity(sent: Span, ents: list[Span]) -> Span | None:
    """The entity a line "- NAME: ..." opens with (a list item about it)."""
    words = [t for t in sent if not t.is_space and t.text not in MARKS
             and not LIST_ITEM.fullmatch(t.text)]
    if not words or not ents or ents[0].start != words[0].i:
        return None
    after = sent.doc[ents[0].end] if ents[0].end < sent.end else None
    return ents[0] if after is not None and after.text == ":" else None


def _said(sent: Span, ents: list[Span], offset: int
          ) -> tuple[Said, dict[tuple[int, str], Group]]:
    """What ``sent`` named, and the sets it introduced with their count (by the count and
    the noun counting them; and by the count alone, under "")."""
    ents = [e for e in ents if e.label_ in GROUP_TYPES and e.kb_id_ != ANAPHOR]
    said = Said()
    by_type: dict[str, list[Span]] = {}
    for e in ents:
        by_type.setdefault(e.label_, []).append(e)
    subjects = [e for e in ents if _subject_of_clause(e)]
    for group in (_group([e for e in subjects if e.label_ == k], offset) for k in by_type):
        if group is not None:
            said.subjects.append(group)
    runs = _runs(sent, ents)
    said.lists = [g for g in (_group(run, offset) for run in runs) if g is not None]
    said.together = [g for run in runs if _subject_of_clause(run[0])
                     for g in [_group(run, offset)] if g is not None]
    said.named = [g for g in (_group(found, offset) for found in by_type.values())
                  if g is not None and len(g) >= 3]
    said.family = next(((_topic(e, offset),) for e in ents if _a_family(e)), ())
    subject = main_subject(sent)
    said.by_we = subject is not None and subject.lower_ in WE_WORDS
    said.released = [g for run in runs if said.by_we or releasing_verb(run[0]) is not None
                     for g in [_group(run, offset)] if g is not None]
    about = next((e for e in ents if subject is not None and subject in e), None) or \
        _item_entity(sent, ents)
    said.about = _topic(about, offset) if about is not None else None
    declared: dict[tuple[int, str], Group] = {}
    for run in runs:
        noun, group = _counted(run), _group(run, offset)
        if noun is not None and group is not None:
            declared[len(group), noun] = declared[len(group), ""] = group
    return said, declared


def _types(noun: Token | None) -> tuple[str, ...]:
    """The types a plural's kind noun can name ("companies": ORG); any for "they", "both"."""
    if noun is None:
        return GROUP_TYPES
    lemma = noun.lemma_.lower()
    kinds = table("relations", "kind_types").get(lemma) or \
        table("relations", "plural_kinds").get(lemma)
    return tuple(kinds.split()) if kinds else GROUP_TYPES


@dataclass(slots=True)
class Plurals:
    """The sets of entities the sentences of a section named, for the plural anaphors of
    the sentences after them (one per document piece, fed in reading order)."""

    history: list[Said] = field(default_factory=list)
    # (count, the noun counting it, or "") -> the latest list introduced with its count
    declared: dict[tuple[int, str], Group] = field(default_factory=dict)

    def heading(self) -> None:
        """A heading: what the section before listed is no longer what "both" means (a set
        introduced with its count stays)."""
        self.history.clear()

    def stand(self, sent: Span, ents: list[Span], offset: int) -> list[tuple[Span, Group]]:
        """The plural anaphors of ``sent`` that stand for a set named before, each as a span
        typed as that set (``kb_id`` :data:`~graph.nlp.pair_grammar.ANAPHOR`) with the set;
        then ``sent`` is remembered for the sentences after it."""
        found: list[tuple[Span, Group]] = []
        chain: list[Group] = []
        for plural in plural_anaphors(sent, ents):
            here, _ = _said(sent, [e for e in ents if e.end <= plural.start], offset)
            group = self._antecedents(plural, here)
            if group is None:
                continue
            span = Span(sent.doc, plural.start, plural.end, label=group_type(group),
                        kb_id=ANAPHOR)
            found.append((span, group))
            if plural.subject:
                chain.append(group)
        said, declared = _said(sent, ents, offset)
        said.chain = chain
        self.history = [*self.history[-LOOK_BACK:], said]
        self.declared |= declared
        return found

    def _antecedents(self, plural: Plural, here: Said) -> Group | None:
        types, count = _types(plural.noun), plural.count
        for group in self._readings(plural, here):
            if group and group_type(group) in types and count in (None, len(group)):
                return group
        return None

    def _readings(self, plural: Plural, here: Said) -> list[Group | None]:
        """The sets ``plural`` may stand for, the likeliest first; ``here``: what its own
        sentence named before it ("Mistral AI and NVIDIA released Mistral NeMo, built
        jointly by the two companies"). Without a count ("they", "the models") only
        subjects written as one list ("A and B were trained ...") or what "we" listed (the
        people of a sentence are no set of the text's); and for a kind noun ("The new models
        support ..."), the last set a sentence of the last few released ("Today we're
        releasing A in the API, along with B and C. A scores X. The new models ..."), else
        the name a sentence of the last few called a family of models ("Tulu is a family
        of models ... The models are LLaMa models", as a set of one). With a
        count, any set of that size, "both sizes" after "in two sizes, A and B" that one
        first."""
        before = self.history[-1] if self.history else Said()
        if plural.count is None:
            released = [g for said in self.history[::-1] for g in said.released] \
                if plural.noun is not None else []
            families = [said.family for said in (
                self.history[::-1] if plural.noun is not None else [before])]
            return [*here.together, *before.chain, *before.together,
                    *(before.lists if before.by_we else []), *released, *families]
        count = plural.count
        noun = plural.noun.lemma_.lower() if plural.noun is not None else ""
        return [self.declared.get((count, noun)) if noun else None, *here.subjects,
                *here.lists, *before.chain, *before.subjects, *before.lists, *before.named,
                *(g for said in self.history[-2::-1] for g in (*said.lists, *said.named)),
                self._in_a_row(count), self.declared.get((count, ""))]

    def _in_a_row(self, count: int) -> Group | None:
        """The subjects of the last ``count`` sentences, each about another entity."""
        last = self.history[-count:]
        if len(last) < count or any(said.about is None for said in last):
            return None
        group = tuple(said.about for said in last if said.about is not None)
        names = {t[2] for t in group}
        return group if len(names) == count and len({t[1] for t in group}) == 1 else None


def _clause(token: Token) -> Token | None:
    """The verb of the clause ``token`` is a part of."""
    for t in (token, *token.ancestors):
        if t.pos_ in VERBAL:
            return t
    return None


def in_its_clause(span: Span, ents: list[Span]) -> set[tuple[int, int]]:
    """The character spans of the entities of ``ents`` in the clause of the plural ``span``
    ("Both are available through our API, Reka Playground now runs on Vela 2 Max": not the
    platform, which another clause with its own subject names); for a participle clause,
    the entity it describes too."""
    verb = _clause(span.root)
    found: set[tuple[int, int]] = set()
    described = set()  # what a participle clause describes: "Mistral NeMo, a 12B model
    if verb is not None and verb.dep_ in ("acl", "relcl"):  # built by the two companies"
        noun = verb.head
        described = {noun.i, noun.head.i} if noun.dep_ == "appos" else {noun.i}
    for ent in ents:
        token = phrase_head(ent)
        if token.i in described:
            found.add((ent.start_char, ent.end_char))
            continue
        for t in (token, *token.ancestors):
            if verb is not None and t.i == verb.i:
                found.add((ent.start_char, ent.end_char))
                break
            if t.i != token.i and t.pos_ in VERBAL and \
                    any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                break
    return found
