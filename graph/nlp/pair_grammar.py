"""What the grammar of a sentence says about a pair of its entities, for the relation
classifier's candidates (:mod:`graph.nlp.pairs`): which entity a figure is a fact of, a
possessor that belongs to a third entity, items of one list, the entity a subjectless
headline introduces, a subject that stands for an entity named earlier.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from graph.nlp.collection_sizes import collection_owner
from graph.nlp.components.spans import first_conjunct
from graph.nlp.lexicon import table, words
from graph.nlp.relations import VERBAL, WE_WORDS, implicit_subjects, phrase_head, verb_role

ANAPHORS = {"it", "they", "this", "these", "he", "she"}
# the kb_id of a span standing for an entity named elsewhere: "It", "the model", the mark of a
# list item under a line naming its subject (graph.nlp.anaphora, graph.nlp.discourse)
ANAPHOR = "anaphor"
OWNER_TYPES = ("MODEL", "METHOD", "PROJECT", "ORG")  # what a figure can be a fact of
CLAUSE_LINKS = ("conj", "advcl", "xcomp", "ccomp", "pcomp", "prep")
MEASURED_IN = ("across", "for", "of")  # "millions of interactions across Claude Code"
SUBJECT_MODIFIERS = ("compound", "nmod", "nsubj")  # not "poss": "Northwind AI's Cirrus 4"
SIZED_TYPES = (*OWNER_TYPES, "DATASET")  # a noun describing a name: a dataset's size too
DEFINITE = ("the", "this", "that", "these", "those")
NOUN_PREPS = ("of", "with", "in", "for")  # "a set of 2,000 prompts", "a model with a 128k ..."
RECENT_TYPES = ("MODEL", "METHOD", "PROJECT")  # what later figures can be facts of
CURRENCY = ("$", "€", "£", "¥")
RAISE_VERBS = {"raise", "earn", "generate", "bring", "secure", "close"}  # the subject's own
PAY_VERBS = {"buy", "acquire", "purchase", "pay", "lead", "value", "spend", "commit"}


def metric_owner(metric: Span, ents: list[Span]) -> Span | str | None:
    """What a figure is a fact of, as the grammar says: the subject of the clause the figure
    is a phrase of ("Phi-2 was trained on 1.4T tokens"; "Tessera-R scored 63.3%, surpassing
    QwQ-32B"; "It has 7B parameters": ``"context"``, the entity the text is about), or the
    entity the figure modifies ("GPT-4's 32k context"). ``None`` when the parse names none.
    """
    ent_of = {t.i: e for e in ents for t in e if e is not metric}
    if (owner := _stated_owner(metric, ent_of)) is not None:
        return owner
    head = phrase_head(metric)
    noun = head.head
    if head.dep_ == "appos" and _described(head, ent_of) is not None:
        return _described(head, ent_of)  # "Falcon LLM – a 180B model"
    described = _appositive_phrase(first_conjunct(head))  # "a family of 1.5B and 3B models"
    if described is not None:  # "SEA-Jailbreak, a new set of 2,000 adversarial prompts"
        return _described(described, ent_of, SIZED_TYPES)
    if _names_a_thing(head):
        return None  # "CodeTide 2 7B is distilled from the 32B model"
    measured = _measured_in(metric, ent_of)
    if measured is not None:
        return measured  # "millions of interactions across Claude Code"
    if head.dep_ in ("nummod", "compound", "amod", "npadvmod", "poss"):
        if noun.i in ent_of:
            return ent_of[noun.i]
        described = _described(noun, ent_of)
        if described is not None:
            return described
    role = verb_role(head, True)
    verb = role[0] if role else next((t for t in head.ancestors if t.pos_ in VERBAL), None)
    if verb is not None and _pays(metric, verb):
        return _paid(verb, ent_of)
    for _ in range(4):
        if verb is None or verb.pos_ not in VERBAL:
            return None
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        for subject in subjects:
            if subject.lower_ in WE_WORDS:
                return None  # "We heard from 159 countries": a study's figure, not the author's
            if subject.i in ent_of:
                return ent_of[subject.i] if ent_of[subject.i].label_ in OWNER_TYPES else None
            # (the entity before the subject's noun: spaCy may read the noun as a verb,
            # "Claude Code turns": "Code" nsubj of "turns")
            modifier = next((ent_of[c.i] for c in subject.children if c.i < subject.i and
                             c.dep_ in SUBJECT_MODIFIERS and c.i in ent_of), None)
            if modifier is not None:  # "Most Claude Code turns are short (median ~45 s)"
                return modifier if modifier.label_ in ("MODEL", "PROJECT") else None
            if subject.lower_ in ANAPHORS or stands_for_another(subject):
                return None if lists_parts(subject, ent_of, OWNER_TYPES) else "context"
        if subjects:
            implicit = [e for e in implicit_subjects(verb, ent_of) if e.label_ in OWNER_TYPES]
            return implicit[0] if implicit else None
        implicit = [e for e in implicit_subjects(verb, ent_of) if e.label_ in OWNER_TYPES]
        if implicit:
            return implicit[0]
        if verb.dep_ not in CLAUSE_LINKS or verb.head.i == verb.i:
            return "context" if verb.dep_ == "ROOT" else None
        verb = verb.head
    return None




def _stated_owner(metric: Span, ent_of: dict[int, Span]) -> Span | None:
    """The owner a fixed arrangement of words states: "GPT-4.1 scores 54.6% on SWE-bench
    Verified", "In a user study ...", "raised the accuracy of PaLM 540B from 56.5% to
    74.4%", "The LingOly benchmark ... contains 1,133 problems"."""
    return _scored_by(metric, ent_of) or _study_of(metric, ent_of) or \
        _result_changed(metric, ent_of) or collection_owner(metric, ent_of)


def _scored_by(metric: Span, ent_of: dict[int, Span]) -> Span | None:
    """The name written right before a scoring verb right before ``metric``, whatever the
    parse makes of the verb (it reads "GPT-4.1 scores 54.6% on ..." as the noun "scores")."""
    verb = metric.start - 1
    if verb < 1 or metric.doc[verb].lower_ not in words("relations", "score_verbs"):
        return None
    named = ent_of.get(verb - 1)
    return named if named is not None and named.label_ in OWNER_TYPES else None


RESULT_NOUNS = {"accuracy", "performance", "score", "rate", "pass@1", "success"}


def _result_changed(metric: Span, ent_of: dict[int, Span]) -> Span | None:
    """Whose result moved "from" one figure "to" another: the name that owns the result
    the verb changes ("it raised the accuracy of PaLM 540B from 56.5% to 74.4%", "improves
    GPT-4's accuracy from 42.5% to 53.9%"), not the clause's subject that changed it."""
    head = phrase_head(metric)
    prep = head.head if head.dep_ == "pobj" else None
    if prep is not None and prep.lower_ == "to" and prep.head.lower_ == "from":
        prep = prep.head
    if prep is None or prep.lower_ not in ("from", "to") or prep.head.pos_ != "VERB":
        return None
    for noun in prep.head.children:
        if noun.dep_ == "dobj" and noun.lemma_.lower() in RESULT_NOUNS:
            owners = [c for c in noun.children if c.dep_ == "poss"] + [
                o for p in noun.children if p.lower_ == "of" for o in p.children
                if o.dep_ == "pobj"]
            named = next((ent_of[o.i] for o in owners if o.i in ent_of), None)
            if named is not None and named.label_ in OWNER_TYPES:
                return named
    return None


def _study_of(metric: Span, ent_of: dict[int, Span]) -> Span | None:
    """The study (a METHOD) a sentence opens with, "In a <study>, ...", when no name is the
    subject of its clause: its figures are the study's ("In a user study with 300
    developers, GitHub Copilot users completed tasks 55% faster"; "In a retrospective chart
    review, clinicians rated 88% of the generated summaries as accurate")."""
    sent = metric.sent
    if sent[0].lower_ != "in":
        return None
    comma = next((t.i for t in sent if t.text == ","), None)
    study = next((ent_of[i] for i in range(sent.start, comma or sent.start)
                  if i in ent_of and ent_of[i].label_ == "METHOD"), None)
    if study is None or any(t.dep_ in ("nsubj", "nsubjpass") and t.i in ent_of and t.i > comma
                            for t in sent):
        return None
    return study


def _pays(metric: Span, verb: Token) -> bool:
    """A sum an investor or buyer pays ("invested $900 million in X", "agreed to buy X for
    $665 million", "acquire X ... for about $1.3 billion"), not one the subject raises or
    earns."""
    lemma = verb.lemma_.lower()
    return any(t.text[:1] in CURRENCY for t in metric) and lemma not in RAISE_VERBS and \
        (lemma in PAY_VERBS or lemma in words("relations", "FUNDS")) and \
        not any(c.dep_ == "agent" for c in verb.children)  # "a round ..., backed by X"


def _paid(verb: Token, ent_of: dict[int, Span]) -> Span | None:
    """What a sum is paid for: the verb's object ("buy Silo AI"), or what it is put in
    ("in Northwind"); the investor is not its owner (GUIDELINES: HAS_METRIC)."""
    for child in verb.children:
        ent = ent_of.get(child.i)
        if child.dep_ == "dobj" and ent is not None and ent.label_ in OWNER_TYPES:
            return ent
        if child.dep_ == "prep" and child.lower_ in ("in", "into") and \
                (owner := _owner_object(child, ent_of)) is not None:
            return owner
    return None


def _measured_in(metric: Span, ent_of: dict[int, Span]) -> Span | None:
    """The entity a figure's own noun phrase says it counts in: "millions of interactions
    across Claude Code", "6% for SEA-LION v3" (not a benchmark "on" which it is scored)."""
    for prep in (c for t in metric for c in t.children):
        if prep.dep_ == "prep" and prep.lower_ in MEASURED_IN and \
                (owner := _owner_object(prep, ent_of)) is not None:
            return owner
    return None


def _owner_object(prep: Token, ent_of: dict[int, Span]) -> Span | None:
    """The entity that can own a figure named as the object of ``prep`` ("in Northwind")."""
    for obj in prep.children:
        ent = ent_of.get(obj.i)
        if obj.dep_ == "pobj" and ent is not None and ent.label_ in OWNER_TYPES:
            return ent
    return None


def _appositive_phrase(head: Token) -> Token | None:
    """The appositive a figure is part of, below its noun ("SEA-Jailbreak, a new set of
    2,000 adversarial prompts in nine Southeast Asian languages"; "Mistral NeMo, a 12B model
    with a 128k-token context window"): the figure describes what that noun names, and is
    no fact of the clause's subject even when the recogniser missed the name (``None``)."""
    if _object_appositive(head):
        return head  # "released Mistral NeMo, a 12B model"
    token = head
    for _ in range(4):
        if token.dep_ != "pobj" or token.head.dep_ != "prep" or \
                token.head.lower_ not in NOUN_PREPS or token.head.head.pos_ not in ("NOUN",):
            return None
        token = token.head.head
        if _object_appositive(token):
            return token
    return None


def _names_a_thing(head: Token) -> bool:
    """A figure that is part of a definite name of a thing ("the 32B model", "this 7B
    version"): it refers to a model named before, it is no fact of the clause's subject
    (what the subject is, "X is the 7B model", still is X's)."""
    return head.dep_ not in ("attr", "appos") and \
        head.lemma_.lower() in words("relations", "kind_nouns") and \
        any(c.dep_ == "det" and c.lower_ in DEFINITE for c in head.children)


def _object_appositive(noun: Token) -> bool:
    """An appositive to an object (a subject's figures are the subject's anyway: "Most
    Claude Code turns are short (median ~45 seconds)"); not a score after a benchmark's
    name and a colon ("- WebArena: 48.1% task success")."""
    return noun.dep_ == "appos" and noun.head.dep_ in ("dobj", "pobj", "dative") and \
        not any(t.text == ":" for t in noun.doc[noun.head.i:noun.i])


def _described(noun: Token, ent_of: dict[int, Span],
               types: tuple[str, ...] = OWNER_TYPES) -> Span | None:
    """The entity a noun describes: "Codestral, a 22B code model" (apposition), "Falcon
    LLM is a 180B model" (what the subject is), "Mixtral 8x22B is characterized as a sparse
    mixture-of-experts model" (what a passive verb's subject is taken as)."""
    if noun.dep_ == "appos" and noun.head.i in ent_of:
        left = noun.left_edge.i  # the name right before the comma: a list's last item
        found = ent_of.get(left - 2) if noun.doc[left - 1].text == "," and left - 2 in ent_of \
            else ent_of[noun.head.i]  # ("on SWE-bench, WebArena and TermBench, a new ...")
    elif noun.dep_ == "attr" and noun.head.lemma_ == "be":
        found = next((ent_of[c.i] for c in noun.head.children
                      if c.dep_ == "nsubj" and c.i in ent_of), None)
    elif noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.dep_ == "prep":
        found = next((ent_of[c.i] for c in noun.head.head.children
                      if c.dep_ == "nsubjpass" and c.i in ent_of), None)
    else:
        return None
    return found if found is not None and found.label_ in types else None


def described_uses(ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): label}`` for a method naming the kind of thing an entity is:
    "Qwen2.5-Max, a large mixture-of-experts model", "Mixtral 8x22B is a sparse
    mixture-of-experts model" (GUIDELINES: USES)."""
    ent_of = {t.i: e for e in ents for t in e}
    found: dict[tuple[int, int], str] = {}
    for method in ents:
        root = method.root
        if method.label_ != "METHOD" or root.dep_ not in ("compound", "amod", "nmod") or \
                root.head.i in ent_of or root.head.pos_ != "NOUN":
            continue
        owner = _described(root.head, ent_of)
        if owner is not None and owner.label_ == "METHOD" and \
                root.head.lemma_.lower() in words("entities", "method_nouns"):
            continue  # "QuRA, a fine-tuning method": a kind of it, not a use
        if owner is not None and owner is not method and owner.label_ != "ORG":
            key = (owner.start, method.start) if owner.start < method.start else \
                (method.start, owner.start)
            found[key] = "USES" if owner.start < method.start else "USES<"
    return found


def possessor_features(a: Span, b: Span, ents: list[Span]) -> list[str]:
    """``poss_other``: one end is the possessor of a third entity ("Phi-2 outperforms
    Google's Gemini Nano 2": Google is Gemini Nano 2's, not Phi-2's; "OpenAI's Whisper
    large-v3", a name modifying a name's word the recogniser left out, but not "its
    BIG-Bench Hard score"). A figure it owns does
    not stop it ("Perplexity's $73.6 million Series B was led by IVP": IVP funds Perplexity).
    ``poss_clause``: the other end is in a relative clause about the thing one end owns
    ("Brightwave's research assistant, which runs on Claude 3.5 Sonnet": the assistant's)."""
    out = []
    for end, other in ((a, b), (b, a)):
        root = end.root
        if root.dep_ != "poss":
            continue
        owned = next((e for e in ents if root.head in e), None) or _named_by(root.head, ents) \
            or next((e for e in ents if e.root.head == root.head and e.start > root.i and
                     root.head.pos_ == "PROPN"), None)
        if owned is not None and owned is not other and owned.label_ != "METRIC":
            out.append("poss_other")
        elif owned is None and any(t.dep_ == "relcl" and t.head == root.head
                                   for t in other.root.ancestors):
            out.append("poss_clause")  # "Brightwave's assistant, which runs on Claude"
    return out


def _named_by(noun: Token, ents: list[Span]) -> Span | None:
    """The name a noun is in apposition to ("Phi-4, Microsoft's 14B parameter small language
    model": the model Microsoft's is Phi-4, so neither the figure sizing it nor anything else
    of the sentence is Microsoft's)."""
    if noun.dep_ != "appos":
        return None
    return next((e for e in ents if noun.head in e), None)


def _list_top(token: Token) -> tuple[Token, bool]:
    """The first item of the list ``token`` is an item of, and whether it is in one (a
    misparsed item may hang as ``nmod`` of the next: "CrowdStrike, Google, JPMorganChase";
    the second as an apposition of the first, the list going on from it: "PubMed, HotpotQA
    and Gorilla")."""
    listed = False
    for _ in range(40):
        appos = token.dep_ == "appos" and any(c.dep_ == "conj" for c in token.children)
        if token.dep_ not in ("conj", "nmod") and not appos or token.head.i == token.i:
            break
        listed = listed or token.dep_ == "conj" or appos
        token = token.head
    return token, listed


def coordinated(a: Token, b: Token) -> bool:
    """Whether ``a`` and ``b`` are items of one list ("A, B and C")."""
    (top_a, listed_a), (top_b, listed_b) = _list_top(a), _list_top(b)
    return top_a.i == top_b.i and (listed_a or listed_b)


def introduced(ent: Span) -> bool:
    """The object of a subjectless headline verb: "Introducing Project Glasswing: ...",
    which the next sentence's "It" stands for."""
    head = phrase_head(ent)
    return head.dep_ == "dobj" and head.head.dep_ == "ROOT" and head.head.tag_ == "VBG"


# "The release also includes Llama 3.1 70B and Llama 3.1 8B": a whole naming its parts
PART_VERBS = {"include", "contain", "comprise", "feature"}


def lists_parts(subject: Token, ent_of: dict[int, Span], kinds) -> bool:
    """Whether ``subject``'s verb names its parts, entities of ``kinds`` ("The release also
    includes Llama 3.1 70B and ..., with a context length of 128K tokens"): the figures after
    them are theirs, and "the release" stands for none of them."""
    verb = subject.head
    if subject.dep_ != "nsubj" or verb.lemma_.lower() not in PART_VERBS:
        return False
    objects = [o for c in verb.children if c.dep_ == "dobj" for o in (c, *c.conjuncts)]
    named = [*objects, *(m for o in objects for m in o.children if m.dep_ in ("nmod", "compound"))]
    return any(t.i in ent_of and ent_of[t.i].label_ in kinds for t in named)


def stands_for_another(subject: Token) -> bool:
    """"It", "they", "the model", "this method": a subject naming what an earlier sentence
    named ("we" is the author's, :mod:`graph.nlp.relations`)."""
    if subject.pos_ == "PRON":
        return subject.lower_ in ANAPHORS
    return subject.pos_ == "NOUN" and subject.lemma_.lower() in words("relations", "kind_nouns") \
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "these") for c in subject.children)


def _owners(ents: list[Span]) -> list[Span]:
    return [e for e in ents if e.label_ not in ("METRIC", "DATE", "CARDINAL", "ORDINAL")
            and e.text.lower() not in WE_WORDS]


def orphan_figures(sent: Span, ents: list[Span]) -> list[Span]:
    """The figures of a sentence that names nothing else, whose subject is the author or a
    figure, and whose grammar gives them no owner ("We heard from people across 159
    countries"; "In three months, the 99.9th percentile turn duration nearly doubled"):
    facts of what the text is discussing (:func:`discussed`). Not in tables or lists, whose
    lines are not prose; not when the subject is something else ("It improves ... (+7.9%)",
    "Three epochs take about 9 hours", "the 7B model also powers ...").
    """
    figures = [e for e in ents if e.label_ == "METRIC"]
    if not figures or _owners(ents) or sent.text.lstrip()[:1] in ("|", "-", "*", "+"):
        return []
    subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
    if not subjects or not all(s.lower_ in WE_WORDS or any(s in f for f in figures)
                               and not stands_for_another(s) for s in subjects):
        return []
    return [e for e in figures if metric_owner(e, ents) is None]



def discussed(ents: list[Span]) -> Span | None:
    """The model, method or project a sentence (its entities ``ents``) is about: its subject
    (or the modifier of its subject: "Most Claude Code turns are short"), else its last
    object, or a verb's prepositional object ("In a randomized-controlled trial, we assigned
    ..."); not a noun's complement ("a version of Claude")."""
    found, rank = None, 0
    for ent in ents:
        if ent.label_ not in RECENT_TYPES:
            continue
        token = first_conjunct(phrase_head(ent))
        dep, head = token.dep_, token.head
        if dep in ("nsubj", "nsubjpass") and head.pos_ in VERBAL or \
                dep in SUBJECT_MODIFIERS and head.dep_ in ("nsubj", "nsubjpass"):
            role = 3
        elif dep == "dobj" and head.pos_ in VERBAL:
            role = 2
        elif dep == "pobj" and head.dep_ == "prep" and head.head.pos_ in VERBAL:
            role = 1
        else:
            continue
        if role >= rank:
            found, rank = ent, role
    return found


def kind_fits(subject: Token, entity_type: str) -> bool:
    """Whether a subject standing for an earlier entity ("the model", "this method") can
    stand for one of ``entity_type``: "The model relies on X" is not the company's."""
    kinds = table("relations", "kind_types").get(subject.lemma_.lower())
    return subject.pos_ != "NOUN" or kinds is None or entity_type in kinds.split()
