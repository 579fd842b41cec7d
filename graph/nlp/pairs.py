"""Candidate entity pairs of a sentence and what a relation classifier reads about each.

A candidate is two entities of one sentence, ``a`` written before ``b`` (an "it", "the
model" or a list item's mark may stand for an entity named elsewhere: :mod:`graph.nlp.
discourse` puts that entity's span in its place); or, in a summary
sentence that names the document's subject only in its title ("A 65B parameter model
released by Meta AI; outperforms GPT-3"), the title entity and an entity of the sentence.
:func:`pair_features` describes a candidate by strings: the two types, the words between
them, the dependency path joining them with the verbs and prepositions on it, the words
around them, and what the dependency rules of :mod:`graph.nlp.relations` say of the pair.
The classifier (:mod:`graph.nlp.relation_model`) learns which of these mean which predicate
in which direction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from graph.nlp.benchmark_scores import benchmark_scorers, listed_figures
from graph.nlp.compared import among_readings
from graph.nlp.comparisons import comparison_readings, subjectless_comparisons
from graph.nlp.components.spans import first_conjunct
from graph.nlp.derived import DERIVED, derived_readings, taken_from
from graph.nlp.figures import figure_readings
from graph.nlp.fronted import fronted_makers, people_makers
from graph.nlp.funding import funding_readings, round_funders, speaks_of_money
from graph.nlp.hosting import hosted_readings
from graph.nlp.lexicon import table, words
from graph.nlp.pair_grammar import (
    ANAPHOR,
    coordinated,
    described_uses,
    kind_fits,
    lists_parts,
    metric_owner,
    possessor_features,
    stands_for_another,
)
from graph.nlp.ports import port_readings
from graph.nlp.provenance import names_a_thing, names_its_people, provenance_readings
from graph.nlp.relations import (
    VERBAL,
    WE_WORDS,
    implicit_subjects,
    main_subject,
    phrase_head,
    sentence_relations,
    verb_label,
    verb_role,
)
from graph.nlp.rows import item_readings, item_scores, row_figures
from graph.nlp.titles import title_readings
from graph.nlp.use_phrases import training_data
from graph.nlp.uses import instances_of, item_uses, subjectless_uses
from graph.schema import PREDICATES

# Entities further apart than this (tokens) are not paired: a relation is stated close by.
MAX_DISTANCE = 40
# A sentence naming more entities than this is a list: pair each with its nearest only.
MAX_PARTNERS = 6
TYPES = ("MODEL", "ORG", "PROJECT", "METHOD", "DATASET", "METRIC")
LIST_ITEM = re.compile(r"[-*+]|\d+[.)]")  # how a line of a list begins
# Features that are also read joined with the pair's types.
JOINED = ("pw=", "bv=", "lca=", "btw=", "rule=", "passive", "thead_dep=", "tprep=", "cue@",
          "nearest", "adep=", "bdep=", "dist=", "a=we", "b=we", "a=it", "b=it", "owner")
CONTENT_POS = {"VERB", "AUX", "ADP", "NOUN", "ADJ", "SCONJ", "CCONJ", "PART"}


Topic = tuple[tuple[int, int], str, str]  # character span (document offsets), type, casefold text
Context = tuple[tuple[int, int], str, str, str]  # a Topic and its kind: "title", "previous"


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two entities that may be related.

    ``a`` is written before ``b``, or, when ``context`` is set, ``a`` is not in the
    sentence: it is the entity the sentence is about ("title": the heading's entity;
    "previous": the subject of an earlier sentence, for "It outperforms ...").
    """

    a: tuple[int, int]  # character span (offsets of the spaCy doc)
    b: tuple[int, int]
    a_type: str
    b_type: str
    context: str
    features: tuple[str, ...]
    sentence: tuple[int, int] = (0, 0)  # character span of the sentence
    phrase: str = ""  # what the dependency rules call the pair ("released by"), if anything
    phrase_forward: bool = True  # whether the rules read ``a`` as the subject of the phrase


@cache
def cues() -> dict[str, tuple[str, ...]]:
    """Lemma -> the predicates it is a cue of (``resources/lexicon/relations.json``)."""
    found: dict[str, list[str]] = {}
    for predicate in PREDICATES:
        for word in words("relations", predicate):
            found.setdefault(word, []).append(predicate)
    return {w: tuple(p) for w, p in found.items()}


def _cue_features(where: str, tokens) -> list[str]:
    table = cues()
    return sorted({f"cue@{where}={p}" for t in tokens
                   for p in table.get(_lemma(t), table.get(t.lower_, ()))})


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.lower_).lower()


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 30:
        chain.append(chain[-1].head)
    return chain


def dependency_path(a: Token, b: Token) -> tuple[list[Token], Token | None, list[Token]]:
    """The tokens from ``a`` up to their lowest common ancestor, and down from it to ``b``."""
    up_a, up_b = _ancestors(a), _ancestors(b)
    index_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in index_b:
            return up_a[:n], t, list(reversed(up_b[:index_b[t.i]]))
    return up_a, None, list(reversed(up_b))


def _strong_cues(up: list[Token], lca: Token, down: list[Token]) -> list[str]:
    """``strong=P`` for a word on the path that names an order-free predicate outright
    ("partnership", "invested"); for two coordinated entities ("A and B announced a
    partnership") the verb they share and its object count too."""
    table = strong_cues()
    tokens = [*up[1:], lca, *down[:-1]]
    if any(t.pos_ == "VERB" and t.i != lca.i for t in tokens):
        return []  # another clause: "A partnered with B to bring its models to C"
    if not up or not down:  # one end heads the other: "A and B", "A, B"
        first = first_conjunct(lca)
        if first.dep_ in ("nsubj", "nsubjpass"):  # "A and B announced a partnership"
            verb = first.head
            tokens += [verb, *(c for c in verb.children if c.dep_ in ("dobj", "attr"))]
        elif first.dep_ == "pobj" and first.head.lower_ == "between":
            tokens.append(first.head.head)  # "a collaboration between A and B"
    return sorted({f"strong={table[_lemma(t)]}" for t in tokens if _lemma(t) in table})


@cache
def strong_cues() -> dict[str, str]:
    """Lemma -> the order-free predicate it names (``relations.json``, ``strong_cues``)."""
    return {word: predicate for predicate, found in table("relations", "strong_cues").items()
            for word in found}


def _path_features(a: Token, b: Token) -> list[str]:
    up, lca, down = dependency_path(a, b)
    if lca is None:
        return ["path=none"]
    deps = [f"{t.dep_}^" for t in up] + [lca.pos_] + [f"v{t.dep_}" for t in down]
    lemmas = [_lemma(t) for t in (*up[1:], lca, *down[:-1]) if t.pos_ in CONTENT_POS]
    out = [f"path={' '.join(deps)}", f"pathw={' '.join(lemmas[:6])}", f"lca={_lemma(lca)}",
           f"lcapos={lca.pos_}", f"plen={min(len(up) + len(down), 8)}",
           f"adep={a.dep_}", f"bdep={b.dep_}"]
    out += [f"pw={w}" for w in lemmas[:8]]
    out += _cue_features("path", (*up[1:], lca, *down[:-1]))
    out += _strong_cues(up, lca, down)
    if any(t.dep_ == "agent" for t in (*up, *down)) or \
            any(c.dep_ == "auxpass" for c in lca.children):
        out.append("passive")
    if any(c.dep_ == "neg" for c in lca.children):
        out.append("negated")
    return out


def _between_features(sent: Span, a: Span, b: Span, sent_ents: list[Span]) -> list[str]:
    """Features of the words between ``a`` and ``b``; ``sent_ents``: the sentence's entities."""
    doc = sent.doc
    between = doc[a.end:b.start]
    lemmas = [_lemma(t) for t in between if not t.is_space]
    out = [f"dist={_bucket(len(lemmas))}"]
    if len(lemmas) <= 5:
        out.append(f"btw={' '.join(lemmas)}")
    out += [f"bw={w}" for w in lemmas[:12] if w.isalpha()]
    out += [f"bv={_lemma(t)}" for t in between if t.pos_ == "VERB"][:4]
    others = sum(1 for e in sent_ents if a.end <= e.start and e.end <= b.start)
    out.append(f"ebtw={min(others, 2)}")
    if any(t.text in ";:" for t in between):
        out.append("clause_break")
    if _separate_lines(doc, a, b):
        out.append("line_break")  # two items of a list or two rows of a table
    before = doc[max(sent.start, a.start - 3):a.start]
    after = doc[b.end:min(sent.end, b.end + 3)]
    out += [f"pre={_lemma(t)}" for t in before[-2:]] + [f"post={_lemma(t)}" for t in after[:2]]
    out += _cue_features("btw", between) + _cue_features("pre", before) + \
        _cue_features("post", after)
    if b.label_ == "METRIC" and a.label_ != "METRIC" and not any(
            e.label_ not in ("METRIC", "DATE") for e in sent_ents if a.end <= e.start < b.start):
        out.append("nearest_left")  # no other entity between a and the metric
    return out


def _line_head(doc, i: int) -> str:
    """The first word of the line token ``i`` is on ("-", "|", "1." ...)."""
    while i > 0 and "\n" not in doc[i - 1].whitespace_ and "\n" not in doc[i - 1].text:
        i -= 1
    while i < len(doc) - 1 and doc[i].is_space:
        i += 1
    return doc[i].text


def _separate_lines(doc, a: Span, b: Span) -> bool:
    """Whether ``a`` and ``b`` are on two items of a list or two rows of a table (lines the
    parser may take for one sentence); not a line introducing a list and its item
    ("accessible with these models:\n- gpt-4o")."""
    if not any("\n" in t.whitespace_ or "\n" in t.text for t in doc[a.end - 1:b.start]):
        return False
    first, second = _line_head(doc, a.start), _line_head(doc, b.start)
    return bool(LIST_ITEM.fullmatch(first) and LIST_ITEM.fullmatch(second)) or \
        first == second == "|"


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1-2" if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 \
        else "far"


def _type_features(a_type: str, b_type: str, feats: list[str]) -> list[str]:
    """The types, alone and joined with every lexical feature (types decide the predicate)."""
    pair = f"{a_type}>{b_type}"
    out = [f"ta={a_type}", f"tb={b_type}", f"tt={pair}"]
    out += [f"{pair}|{f}" for f in feats if f.startswith(JOINED)]
    return out


def _rule_features(sent: Span, ents: list[Span]
                   ) -> dict[tuple[int, int], tuple[list[str], str, bool]]:
    """What the dependency rules say of each pair: features, the phrase they read, and
    whether the first entity is its subject."""
    found: dict[tuple[int, int], tuple[list[str], str, bool]] = {}
    named = [e for e in ents if not _is_we(e)]
    for source, target, label, _via in sentence_relations(sent, entities=named):
        if source is None:
            continue
        forward = source.start < target.start
        key = (source.start, target.start) if forward else (target.start, source.start)
        way = "fwd" if forward else "rev"
        feats, _, _ = found.setdefault(key, ([], label, forward))
        feats += [f"rule={label}", f"ruledir={way}", f"rulehead={label.split()[0]}|{way}"]
    return found


def _subjectless_phrase(ent: Span, ents: list[Span]) -> str:
    """The phrase linking an entity to a verb that has no entity subject of its own:
    "released by" for "Meta AI" in "(A model) released by Meta AI", "outperform" for
    "GPT-3" in "It outperforms GPT-3". The context entity is that verb's subject."""
    role = verb_role(phrase_head(ent), ent.label_ == "METRIC")
    if role is None or role[1] != "obj":
        return ""
    verb, _, prep = role
    ent_of = {t.i: e for e in ents for t in e}
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    # a size is no subject: "... up to 65B parameters, released by Meta AI"
    implicit = [e for e in implicit_subjects(verb, ent_of) if e.label_ != "METRIC"]
    if any(c.i in ent_of for c in subjects) or implicit:
        return ""
    if any(c.pos_ == "PRON" and c.lower_ not in WE_WORDS for c in subjects):
        return ""  # an "it" read as no entity's ("it is competitive with X"): not the context's
    return verb_label(verb, prep)


def _is_we(ent: Span) -> bool:
    return len(ent) == 1 and ent[0].lower_ in WE_WORDS and ent.kb_id_ != ANAPHOR


def _end_features(a: Span, b: Span) -> list[str]:
    """``a=we``, ``b=it``: an end is the author's "we" or stands for an entity named before;
    ``org_modifier``: an end is an organisation naming a common noun's thing ("from Hugging
    Face repos"; :func:`graph.nlp.provenance.names_a_thing`); ``org_people``: one naming
    its people ("former DeepMind researchers"); ``method_modifier``: an end is a technique
    describing the noun after it ("a ... mixture-of-experts model"); ``training_data``: a
    dataset named as what something was trained on (:func:`use_phrases.training_data`)."""
    return [f"{end}={'it' if e.kb_id_ == ANAPHOR else 'we'}"
            for end, e in (("a", a), ("b", b)) if e.kb_id_ == ANAPHOR or _is_we(e)] + \
        (["org_modifier"] if names_a_thing(a) or names_a_thing(b) else []) + \
        (["org_people"] if names_its_people(a) or names_its_people(b) else []) + \
        (["method_modifier"] if _describes_a_noun(a) or _describes_a_noun(b) else []) + \
        (["training_data"] if training_data(a) or training_data(b) else []) + \
        _org_size(a.label_, b) + _org_size(b.label_, a)


def _describes_a_noun(ent: Span) -> bool:
    """A technique written before the noun of what is made with it: "Google introduces
    Gemini 1.5 Pro, a compute-efficient multimodal mixture-of-experts model": the maker made
    the model, not the technique (GUIDELINES: DEVELOPED_BY). Where the parse hangs the noun
    elsewhere ("a Sparse Mixture of Experts (SMoE) language model") it is not seen; nor is
    a noun of another name the parse hangs it on ("using supervised fine-tuning and direct
    preference optimization": two items, not an adjective of the second)."""
    root = ent.root
    return ent.label_ == "METHOD" and root.dep_ in ("compound", "nmod", "amod") and \
        root.head.i >= ent.end and root.head.pos_ == "NOUN" and not root.head.ent_type_


# a model's size or context: "8B", "70B parameters", "1 million token context window model"
_MODEL_SIZE = re.compile(r"(?i)^\d[\d.]*[BMT]$|parameter|context window|token context")


def _org_size(owner: str, figure: Span) -> list[str]:
    """``org_size``: an organisation and a model's size, no fact of the organisation ("Meta
    recently introduced ... 8B and 70B parameters pre-trained ... models")."""
    return ["org_size"] if owner == "ORG" and figure.label_ == "METRIC" and \
        _MODEL_SIZE.search(figure.text) else []


def _partners(ents: list[Span], i: int, compared: dict, scored: dict[int, Span | None]
              ) -> list[Span]:
    """The entities after ``ents[i]`` it is paired with: the nearest, and however far the
    pair of a reading ("X supports A, ..., Q") or a benchmark it is scored on ("X: 12.2% on
    A, ... and 7.3 on Q")."""
    a = ents[i]
    near = [b for b in ents[i + 1:] if b.start - a.end <= MAX_DISTANCE][:MAX_PARTNERS]
    return near + [b for b in ents[i + 1:] if b not in near and (
        (a.start, b.start) in compared or scored.get(b.start) is a)]


def _type(ent: Span) -> str:
    return ent.label_ if ent.label_ in TYPES else "OTHER"


def sentence_candidates(sent: Span, context: Context | None = None,
                        entities: list[Span] | None = None, headed: bool = False
                        ) -> Iterator[Candidate]:
    """The candidate pairs of one sentence, with their features.

    ``context`` is the entity the sentence may be about without naming it: its character
    span (kept as given), type, casefold text and kind ("title", "previous"). It is paired
    with the sentence's entities when the sentence has no subject of its own ("Released by
    Meta AI; outperforms GPT-3") or one that stands for it ("It scores 51.7% on MATH").
    ``entities``: the sentence's entities, when the caller has them (else ``sent.ents``).
    ``headed``: the sentence is the rest of a line "- NAME:" whose entity is ``context``.
    """
    ents = [e for e in (sent.ents if entities is None else entities)
            if e.label_ not in ("DATE", "CARDINAL", "ORDINAL")]
    if not ents:
        return
    # "we", "our": the author of a first-person text, an organization once it is known
    ents = sorted([*ents, *(Span(sent.doc, t.i, t.i + 1, label="ORG") for t in sent
                            if t.lower_ in WE_WORDS)], key=lambda e: e.start)
    rules, sent_ents = (_rule_features(sent, ents), list(sent.ents)) if len(ents) > 1 else ({}, [])
    where = (sent.start_char, sent.start_char + len(sent.text.rstrip()))
    money = ["money"] if speaks_of_money(sent) else []
    owners = {e.start: metric_owner(e, ents) for e in ents if e.label_ == "METRIC"}
    scored = benchmark_scorers(ents, owners)
    compared = among_readings(sent, ents) | comparison_readings(sent, ents) \
        if len(ents) > 1 else {}
    compared |= provenance_readings(sent, ents) | row_figures(sent, ents) | \
        item_readings(sent, ents) | described_uses(ents) | figure_readings(sent, ents) | \
        item_uses(sent, ents) | hosted_readings(sent, ents) | funding_readings(sent, ents) | \
        listed_figures(ents, owners)
    compared |= title_readings(sent, ents) | derived_readings(sent, ents)  # (titles.py, derived.py)
    compared |= fronted_makers(sent, ents) | people_makers(sent, ents)  # (fronted.py)
    compared |= (ported := port_readings(sent, ents))[0]  # "an Inspect implementation of X"
    for i, a in enumerate(ents):
        for b in _partners(ents, i, compared, scored):
            if _is_we(a) and _is_we(b):
                continue
            rule, phrase, forward = rules.get((a.start, b.start), (["rule=none"], "", True))
            feats = _between_features(sent, a, b, sent_ents)
            feats += _path_features(phrase_head(a), phrase_head(b))
            feats += rule
            feats += _end_features(a, b)
            feats += possessor_features(a, b, ents)
            if coordinated(phrase_head(a), phrase_head(b)):
                feats.append("coordinated")  # two items of one list: "with AWS, Apple, Cisco"
            if owners.get(b.start) is a or owners.get(a.start) is b:
                feats.append("owner")  # the figure is a fact of the other end
            if scored.get(b.start) is a or scored.get(a.start) is b:
                feats.append("scored_on")  # "A scores 81.2% on B"
            if a.label_ == "METRIC" and b.label_ == "DATASET" and \
                    [t.lower_ for t in sent.doc[a.end:b.start]] in (["on"], ["on", "the"]):
                feats.append("measured_on")  # "51.7% on MATH": where, not whose
            if (a.start, b.start) in compared:  # "A outperforms B", "A trails B"
                feats.append(f"reading={compared[a.start, b.start]}")
            feats += _type_features(_type(a), _type(b), feats) + money
            yield Candidate((a.start_char, a.end_char), (b.start_char, b.end_char),
                            _type(a), _type(b), "", tuple(feats), where, phrase, forward)
    if context is not None:
        yield from _context_candidates(sent, ents, context, where, owners, headed, money, ported[1])


def _context_candidates(sent: Span, ents: list[Span], context: Context,
                        where: tuple[int, int], owners: dict[int, object],
                        headed: bool = False, money: list[str] | None = None,
                        of_page: dict[int, str] | None = None) -> Iterator[Candidate]:
    """The context entity paired with the sentence's entities (:func:`sentence_candidates`);
    ``money``: the sentence's ``money`` feature, when it speaks of money; ``of_page``: the
    frameworks the sentence says implement what the text is about (:mod:`graph.nlp.ports`)."""
    span, title_type, title_text, kind = context
    if any(e.text.casefold() == title_text for e in ents):
        return
    subject = main_subject(sent)
    scores = item_scores(sent, ents)  # a task's row in a table of the page's tasks
    partners = [e for e in ents if not _is_we(e) and e.kb_id_ != ANAPHOR and e.start not in scores]
    if subject is not None and not kind_fits(subject, title_type):
        return  # "The model relies on X" after a sentence about a company
    examples = instances_of(sent, ents) if title_type == "METHOD" else {}
    examples = examples or of_page or {}  # "this implementation, ported to Inspect"
    examples = examples or subjectless_comparisons(sent, ents)  # "- Outperforms X on Y"
    used = examples or subjectless_uses(sent, ents, headed)  # "Trained on HelpSteer2."
    if funders := round_funders(sent, ents) if title_type == "ORG" else {}:
        examples = used = {**funders, **used}  # "The round was led by Accel": its funders
    if title_type in DERIVED:  # "The dataset is sourced from math-ai/aime26"
        used = {**taken_from(sent, ents), **used}
    if subject is not None and not examples and (not stands_for_another(subject) or lists_parts(
            subject, {t.i: e for e in ents for t in e}, (title_type,))):
        # the sentence says what it is about; but a figure with nothing else to measure in
        # the sentence is still a fact of what the text is about ("The rate is 9%."), unless
        # the subject is a count of its own ("Three epochs take about 9 hours.")
        if any(e.label_ != "METRIC" for e in partners) or \
                any(c.dep_ == "nummod" for c in subject.children):
            return
    elif not used and not any(t.pos_ in VERBAL for t in sent):
        return  # a caption ("Source: Meta AI"), not "- Supports GRPO, GSPO" ("Supports" a PROPN)
    for b in partners[:MAX_PARTNERS]:
        head = phrase_head(b)
        feats = [f"tdep={head.dep_}", f"thead={_lemma(head.head)}",
                 *_cue_features("thead", [head.head]),
                 f"thead_dep={head.dep_}|{_lemma(head.head)}",
                 f"tsubj={'none' if subject is None else subject.pos_}",
                 f"tfirst={b is ents[0]}", f"tkind={kind}"]
        if head.dep_ == "pobj":
            feats.append(f"tprep={_lemma(head.head)}|{_lemma(head.head.head)}")
        if isinstance(owners.get(b.start), str):
            feats.append("owner")
        phrase = _subjectless_phrase(b, ents)
        if phrase:
            feats += [f"rule={phrase}", f"rulehead={phrase.split()[0]}|fwd"]
        if b.start in used:
            feats.append(f"reading={used[b.start]}")
        feats = ["TITLE"] + feats + [f"TITLE|{f}" for f in feats]
        feats += (["org_modifier"] if names_a_thing(b) else []) + _org_size(title_type, b) + \
            (["training_data"] if training_data(b) else [])  # "They were pretrained on X"
        feats += _type_features(title_type, _type(b), feats)
        feats += money or []
        yield Candidate(span, (b.start_char, b.end_char), title_type, _type(b), kind,
                        tuple(feats), where, phrase)
