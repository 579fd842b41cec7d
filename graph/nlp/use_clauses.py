"""What a clause says its subject is made with or from: "ChatGPT is trained using
Reinforcement Learning from Human Feedback (RLHF)", "Alpaca is an instruction-following
language model fine-tuned from Meta's LLaMA 7B", "Code Llama 70B Instruct, which is a
fine-tuned variant of Code Llama", "The authors fine-tuned Falcon 2 11B ... with OrthoLoRA",
"Prompt leaking is another type of prompt injection" (GUIDELINES: USES, BASED_ON).

The words of the use are read as in a list item (:mod:`graph.nlp.use_phrases`: a cue, the
items right after it, a training verb's prepositions). The user is who the grammar makes
the cue's subject: the verb's subject; the name a relative clause or a participle describes
("a model that ...", "a model fine-tuned from ..."), reached through "is a" and apposition;
the subject a coordinated verb shares; the object of an active training verb ("fine-tuned X
with Y"). A cue without such a subject says nothing here ("an example using LangChain and
GPT-3" names no user): the relation classifier decides those.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from graph.nlp.lexicon import table, words
from graph.nlp.relations import NAMING_VERBS, VERBAL, WE_WORDS
from graph.nlp.use_phrases import cue_at, line_end, listed, readings

USERS = ("MODEL", "METHOD", "PROJECT", "DATASET", "ORG")  # GUIDELINES: USES, "an entity"
SUBJECTS = ("nsubj", "nsubjpass")
RELATIVES = {"which", "that", "who"}
DESCRIBING = ("acl", "relcl")  # a clause describing the noun it hangs on
# a passive participle of a verb whose subject is the user: "X achieves ... when combined with Y"
ADVERBIAL = ("advcl", "xcomp")
NAMING = ("compound", "nmod", "amod", "appos")  # "the `gpt-3.5-turbo` model", "Gemini models"
SHARED = ("conj",)


@cache
def kind_nouns() -> dict[str, str]:
    """Nouns that say what a thing is a kind of ("a version of", "another type of"):
    ``kind_of_nouns`` in ``resources/lexicon/relations.json``."""
    return table("relations", "kind_of_nouns")


def subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECTS), None)


def _described(noun: Token) -> Token:
    """The token a noun phrase is said of: "Alpaca is a model" (the subject of "is"),
    "Codestral, a model" (the name in apposition), "a family of models" (the family's),
    "considered as a form of" (the subject of a passive verb); else the noun itself, and a
    name itself ("Elastic matching using the Fisherface algorithm" is not of what the name
    is in apposition to)."""
    for _ in range(4):
        if noun.ent_type_:
            break
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
                noun.head.head.dep_ in ("attr", "appos"):
            noun = noun.head.head  # "an example of a system", "a family of models"
        elif noun.dep_ == "appos":
            return noun.head
        elif noun.dep_ == "attr" and noun.head.lemma_ == "be":
            return subject_of(noun.head) or noun
        elif noun.dep_ == "pobj" and noun.head.lower_ == "as" and \
                noun.head.head.pos_ in VERBAL:  # "could be considered as a form of"
            subject = subject_of(noun.head.head)  # (not "X introduced Y as a successor to Z")
            return subject if subject is not None and subject.dep_ == "nsubjpass" else noun
        else:
            break
    return noun


def _named(token: Token, ents: list[Span]) -> Span | None:
    """The entity ``token`` is part of, or the one naming its noun when that noun says what
    kind of thing it is ("the `gpt-3.5-turbo` model", "The Gemini models", "The method,
    called OrthoLoRA,"; not "The SFT checkpoint")."""
    found = next((e for e in ents if e.start <= token.i < e.end), None)
    if found is None and token.lemma_.lower() in words("relations", "kind_nouns"):
        names = [c for c in token.children if c.dep_ in NAMING and c.i < token.i] + \
            [o for c in token.children if c.dep_ == "acl" and c.lemma_ in NAMING_VERBS
             for o in c.children if o.dep_ == "oprd"]  # "The method, called OrthoLoRA, ..."
        found = next((e for c in names for e in ents if e.start <= c.i < e.end), None)
    return found


def _resolved(token: Token) -> Token:
    """What a relative pronoun stands for: "Code Llama 70B Instruct, which is a fine-tuned
    variant of Code Llama": "which" is the name its clause hangs on."""
    if token.lower_ in RELATIVES and token.head.dep_ == "relcl":
        return _described(token.head.head)
    return token


def _comma_host(participle: Token) -> Token:
    """The noun a participle after a comma describes: the parse hangs it on the nearest noun,
    and where that noun ends a prepositional phrase of another ("a mixture-of-experts system
    with 22 billion active parameters, trained with KTO"), the phrase's noun is the one
    described; else the noun it hangs on."""
    noun = participle.head
    if participle.i == 0 or participle.doc[participle.i - 1].text != ",":
        return noun
    for _ in range(2):
        if noun.ent_type_ in USERS or noun.dep_ != "pobj" or noun.head.dep_ != "prep" or \
                noun.head.head.pos_ not in ("NOUN", "PROPN"):
            break
        noun = noun.head.head
    return noun


def _object_before(participle: Token) -> Token | None:
    """The object of the verb a participle is hung on, when the participle follows it right
    away, a clause describing the object that the parse took for the verb's ("We released
    **Vicuna v1.5** based on Llama 2": not "We rank models based on their win rate")."""
    obj = next((c for c in participle.head.children if c.dep_ == "dobj" and
                not c.is_punct), None)  # (not the "**" of "**Vicuna v1.5**")
    if obj is None or not obj.i < participle.i:
        return None
    between = participle.doc[obj.i + 1:participle.i]
    return obj if all(t.is_punct and t.text not in (",", ";", ":") for t in between) else None


def _holder(anchor: Token) -> Token | None:
    """The token standing for who the clause of ``anchor`` (its verb, or the noun of "a
    version of") is about, before it is named (:func:`user`)."""
    token = anchor
    if token.dep_ == "amod":  # "a language model fine-tuned from X" (read as an adjective)
        return _resolved(_described(token.head))
    if token.pos_ not in VERBAL:  # a noun: "X is a version of", "X, an extension of"
        said = _described(token)
        return _resolved(said) if said is not token else None
    for _ in range(4):  # "developed by UCSD, fine-tuned with LoRA and trained with SFT"
        if subject_of(token) is not None or token.dep_ not in SHARED or \
                token.head.pos_ not in VERBAL:
            break
        token = token.head
    subject = subject_of(token)
    if subject is not None:
        return _resolved(subject)  # "Zephyr-β, which was trained with SFT"
    if token.dep_ in DESCRIBING:  # "a model fine-tuned from LLaMA", "X, fine-tuned from Y"
        return _resolved(_described(_comma_host(token)))
    if token.tag_ == "VBN" and token.head.pos_ in VERBAL:
        described = _object_before(token)
        if described is not None:
            return described  # "We released **Vicuna v1.5** based on Llama 2"
    if token.dep_ in ADVERBIAL and token.tag_ == "VBN" and \
            token.head.pos_ in VERBAL:
        return subject_of(token.head)  # "X achieves ... when combined with Y" (not "Pretraining
        # ran on 768 nodes using Megatron-LM": a "using" of an activity's is its own)
    if token.dep_ in ADVERBIAL and _made_passive(token.head):
        return subject_of(token.head)  # "Wren 3 was built by ... using SFT": how it was made
    return None


def _made_passive(verb: Token) -> bool:
    """A passive verb of making ("was built", "was translated"; not "can be installed")."""
    return any(c.dep_ == "auxpass" for c in verb.children) and (
        _training(verb) or verb.lemma_.lower() in words("relations", "made_with_verbs"))


def user(anchor: Token, ents: list[Span]) -> Span | None:
    """The entity a use stated at ``anchor`` is of, when the grammar names one."""
    holder = _holder(anchor)
    if holder is None or holder.lower_ in WE_WORDS:
        return None
    found = _named(holder, ents)
    return found if found is not None and found.label_ in USERS and \
        found.text.lower() not in WE_WORDS else None


def cue_anchor(doc, start: int, stop: int) -> Token:
    """The word of a cue the grammar hangs its subject on: its verb ("trained" in "trained
    using"), the verb or noun a prepositional cue hangs on ("built ... on top of"), or its
    noun ("version" in "a version of")."""
    cue = doc[start:stop]
    verb = next((t for t in cue if t.pos_ in VERBAL), None)
    if verb is not None:
        return verb
    if cue[0].pos_ == "ADP":  # "built on top of", "trained with RL on top of"
        head = cue[0].head
        while head.pos_ == "NOUN" and head.dep_ == "pobj" and head.head.head.pos_ in VERBAL:
            head = head.head.head
        return head
    return next((t for t in cue if t.pos_ == "NOUN"), cue.root)


def _trainee(verb: Token, ents: list[Span]) -> list[Span]:
    """The objects of an active training verb: "The authors fine-tuned Falcon 2 11B ... and
    IBM's Granite 3.0 8B with OrthoLoRA" (each item of the object)."""
    if verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children) or \
            any(c.dep_ == "auxpass" for c in verb.children):
        return []
    found = []
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for token in (obj, *(c for c in obj.subtree if c.dep_ == "conj")):
            ent = _named(token, ents)
            if ent is not None and ent.label_ in USERS[:-1] and ent not in found:
                found.append(ent)
    return found


def _training(token: Token) -> bool:
    lemma = (token.lemma_ or token.lower_).lower()
    return token.pos_ == "VERB" and any(s in lemma for s in words("relations", "training_stems"))


Reading = tuple[Span | None, list[tuple[Span, str]]]  # a user, and what it uses


def _trained(doc, i: int, end: int, ents: list[Span]) -> list[Reading]:
    """What a training verb at ``i`` says: the object it trains uses what its prepositions
    name ("we trained Loom-7B ... on Common Loom with the GPT-NeoX library"), else its
    subject does ("Rook-2 was trained with ...")."""
    verb = doc[i]
    trainees = _trainee(verb, ents)
    if trainees:
        after = max(e.end for e in trainees)
        said = readings(doc, after, end, ents, training=True, clause=True)
        return [(t, said) for t in trainees]
    return [(user(verb, ents), readings(doc, i, end, ents, training=True, clause=True))]


def _conjuncts(token: Token) -> list[Token]:
    """The items coordinated with ``token`` ("Bedrock, Together, Gemini and even more"):
    the chain of its ``conj`` children, not those inside a clause describing it."""
    found, last = [], token
    while (nxt := next((c for c in last.children if c.dep_ == "conj"), None)) is not None:
        found.append(nxt)
        last = nxt
    return found + [c for c in token.children if c.dep_ == "conj" and c not in found]


USED_IN = {"in", "into", "within", "by"}  # "used in X", "used by X"


def _places(verb: Token) -> list[Token]:
    """The prepositions naming where a thing is used: the verb's own ("used in X", "used by
    X"), or after its role ("used as the evaluator in X")."""
    found = []
    for child in verb.children:
        if child.lower_ in USED_IN and child.dep_ in ("prep", "agent"):
            found.append(child)
        elif child.lower_ == "as" and child.dep_ == "prep":
            found += [p for obj in child.children if obj.dep_ == "pobj"
                      for p in obj.children if p.dep_ == "prep" and p.lower_ in USED_IN]
    return found


def _used_in(doc, i: int, end: int, ents: list[Span]) -> list[Reading]:
    """A thing used in or by what follows: "the naive greedy decoding used in
    chain-of-thought prompting", "GPT-4 is used only as the evaluator in AlpacaEval 2.0 and
    MT-Bench": each name after the preposition uses it, or each example its noun gives ("It
    is trusted and adopted by a wide range of leading enterprises ..., including xAI, AMD");
    and each item of a subject ("Bedrock, Together, Gemini and even more are all supported
    by TextGrad")."""
    verb = doc[i]
    if verb.tag_ != "VBN":
        return []
    passive = verb.head if verb.dep_ == "conj" and verb.head.tag_ == "VBN" else verb
    if verb.dep_ == "acl":
        thing = verb.head
    elif any(c.dep_ == "auxpass" for c in passive.children):  # "is trusted and adopted by"
        thing = subject_of(passive)
    else:
        return []
    if thing is None:
        return []
    items = [_resolved(thing), *_conjuncts(thing)]
    used = [e for e in dict.fromkeys(_named(t, ents) for t in items)
            if e is not None and e.label_ in USERS[:-1]]
    if not used:
        return []
    return [(who, [(e, "USES") for e in used]) for prep in _places(verb)
            for who in listed(doc, prep.i + 1, end, ents, USERS) or
            _examples(doc, prep, end, ents)]


EXAMPLES = (("including",), ("like",), ("such", "as"))  # "by a range of firms, including X"


def examples_after(doc, start: int, stop: int, end: int, ents: list[Span]) -> list[Span]:
    """The names listed after the first example cue ("including", "like", "such as") that
    starts from ``start`` to before ``stop``, up to ``end`` or their clause's end."""
    for k in range(start, stop):
        for cue in EXAMPLES:
            if tuple(t.lower_ for t in doc[k:k + len(cue)]) == cue:
                return named_in_list(doc, k + len(cue), end, ents)
    return []


def _examples(doc, prep: Token, end: int, ents: list[Span]) -> list[Span]:
    """The names a preposition's noun gives as examples of itself ("adopted by a wide range
    of leading enterprises and institutions, including xAI, AMD, NVIDIA")."""
    return examples_after(doc, prep.i + 1, min(end, prep.right_edge.i + 1), end, ents)


def _subject_examples(verb: Token, ents: list[Span]) -> list[Span]:
    """The names the subject noun of the cue's verb gives as examples of itself ("Customers
    such as Siemens and Zurich Insurance already use LangChain": each uses it; not "rewriting
    queries using techniques such as Query2Doc, ITER-RETGEN")."""
    holder = subject_of(verb)
    if holder is None or holder.pos_ != "NOUN":
        return []
    stop = holder.right_edge.i + 1
    return [e for e in examples_after(holder.doc, holder.i + 1, stop, stop, ents)
            if e.label_ in USERS]


def named_in_list(doc, start: int, end: int, ents: list[Span]) -> list[Span]:
    """The names of a list of examples from ``start`` to the end of its clause, whatever
    its items name besides ("xAI, AMD, NVIDIA, Intel, LinkedIn, Cursor, Oracle Cloud, Google
    Cloud, ...": the recogniser's "Oracle" in "Oracle Cloud" does not end the list)."""
    stop = next((k for k in range(start, end) if doc[k].lower_ in (";", ":", ")", "which")
                 or doc[k].pos_ == "VERB"), end)
    return [e for e in ents if start <= e.start and e.end <= stop and e.label_ in USERS]


def _reads_at(doc, i: int, end: int, ents: list[Span]) -> list[Reading]:
    """The uses stated by the words at ``i``: a cue, a training verb, a noun of kind."""
    cue = cue_at(doc, i, end)
    if cue is not None:
        anchor = cue_anchor(doc, i, cue[0])
        who = user(anchor, ents)
        if who is not None and who.start > i:
            return []  # a fronted "Using Google AI Studio, Gemini 1.5 Pro ...": a reader's
        said = readings(doc, i, end, ents, clause=True)
        return [(who, said)] if who is not None else \
            [(e, said) for e in _subject_examples(anchor, ents)] or [(None, said)]
    if _training(doc[i]):  # "fine-tuned Falcon 2 11B ... with OrthoLoRA"
        return _trained(doc, i, end, ents)
    if doc[i].lower_ in words("relations", "passive_use_verbs"):
        return _used_in(doc, i, end, ents)
    if doc[i].lower_ in kind_nouns() and doc[i + 1:i + 2].text.lower() in ("of", "to"):
        items = listed(doc, i + 2, end, ents)  # "another type of prompt injection"
        return [(user(doc[i], ents), [(e, kind_nouns()[doc[i].lower_]) for e in items])]
    return []


def clause_uses(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): label}`` (``a`` written first; ``"USES<"``: ``b`` uses
    ``a``) for each use a clause of the sentence states of its subject."""
    doc = sent.doc
    inside = {k for e in ents for k in range(e.start, e.end)}
    found: dict[tuple[int, int], str] = {}
    for i in range(sent.start, sent.end):
        if i in inside:
            continue
        for who, said in _reads_at(doc, i, line_end(doc, i + 1, sent.end, True), ents):
            for ent, label in said:
                if who is None or ent is who or ent.text == who.text:
                    continue
                if who.start < ent.start:
                    found.setdefault((who.start, ent.start), label)
                else:
                    found.setdefault((ent.start, who.start), f"{label}<")
    return found
