"""Relations between entities of one sentence.

Two kinds, each edge saying how it was found (``method``):

* ``dependency``: typed relations read off the parse. The label is the verb lemma plus the
  preposition when there is one, the direction runs from the subject to the object:

  - subject -> verb -> object: "Mythos Preview has found thousands of vulnerabilities"
    gives ``find``; "Opus 3 expressed a desire ... in retirement interviews" gives
    ``express in``; a passive keeps its form: "X is powered by Y" gives ``powered by``;
  - the subject a verb shares with another verb is recovered where English grammar fixes
    it, not guessed: a coordinated verb ("X found A and fixed B"), a relative clause
    ("X, which can find Y"), a purpose clause ("To create X, Anthropic makes ...") and a
    controlled complement ("we train X to translate Y": X translates);
  - "X, a version of Y" gives ``version of``; "Project Vend, in which Claude ran a small
    business" gives Claude ``run in`` Project Vend; "announced a partnership with Y"
    gives ``announce partnership with``;
  - without a verb: "millions of interactions across Claude Code" gives ``across``, a
    headline "New Anthropic research: Natural Language Autoencoders" gives ``research``; a
    paper "from" or "by" an organisation is its authors': "This work from X proposes Y";
  - a participle clause describes its noun: "OLMo 2, a model trained on 5 trillion tokens"
    gives ``trained on`` (a name and a comma before the noun make it an apposition, whatever
    the parse: "introduce X, a model trained from Y"); "X is available in Y": ``available in``;
  - a negated verb says so: ``not use``.

  "It" is not resolved here (the classifier's candidates read it as the entity named before,
  :mod:`graph.nlp.anaphora`). "We" is, in first-person announcements naming exactly one
  organization as their author ("New Anthropic research: ...", "OpenAI today released ...",
  "At Cohere, we ..."; ``resources/lexicon/authors.json``): "We've partnered with AWS" gives
  the author ``partner with`` AWS (``"via": "we"``); with no author, "we" stays unresolved.
* ``cooccurrence``: entities of one sentence, weighted by the sentences they share
  (:mod:`graph.build.assemble`). A shared document alone is not an edge.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from graph.nlp.components.spans import labels_its_line, past_markup, sentences_with_entities
from graph.nlp.lexicon import words
from graph.nlp.records import TypedRelation

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
OBJECT_DEPS = {"dobj", "attr", "dative", "oprd", "obj"}
# Walk up through these to reach the noun phrase's role ("Apple" in "with AWS, Apple").
TRANSPARENT_DEPS = {"conj", "appos", "compound", "flat", "nmod", "poss"}
SKIP_VERBS = {"be", "have", "do"}
EMPTY_VERBS = {"do"}  # "we're doing both with X": no relation whatever the preposition
RELATIVE_PRONOUNS = {"which", "who", "that"}
NAMING_VERBS = {"call", "name", "dub"}  # "a method called RAG": the name is the noun's
# only quantifying a number ("from under 25 minutes"): the relation is the preposition above
QUANTIFYING_PREPS = {"under", "over", "about", "around", "nearly", "approximately", "almost"}
APPOSITION_PREPS = {"of", "from", "by", "for"}
VERBAL = ("VERB", "AUX")
FIRST_PERSON_PLURAL = "we"
WE_WORDS = {"we", "our", "us", "ours"}  # the author of a first-person announcement
UNRESOLVED = (-1, -1)  # the character span of a "we" end until the author is known


def _climb(token: Token, deps: set[str] = TRANSPARENT_DEPS) -> Token:
    """The token whose role ``token``'s phrase takes; not a person's: "Naveen Rao, MosaicML's
    CEO, will join Databricks" is the person's joining, not MosaicML's."""
    seen = 0
    while token.dep_ in deps and token.head.i != token.i and seen < 12:
        if token.head.ent_type_ == "PERSON" and token.ent_type_ != "PERSON":
            break
        token, seen = token.head, seen + 1
    return token


def verb_role(token: Token, metric: bool = False) -> tuple[Token, str, str] | None:
    """The verb governing ``token`` and its role: ("subj"|"obj", preposition or "").

    A metric takes part only as a phrase of its own ("saw a 17% improvement"), not as
    a modifier inside another noun phrase ("releases a 123B parameter model")."""
    token = _climb(token, {"conj"} if metric else TRANSPARENT_DEPS)
    dep, head = token.dep_, token.head
    if dep == "oprd" and head.lemma_.lower() in NAMING_VERBS and head.tag_ == "VBN" \
            and not metric:
        # "introduced a method called RAG": the name stands for the noun it names ("a
        # method", the verb's object); "introduced their models, called Llama 3" likewise
        if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):
            return verb_role(head.head)
        if head.dep_ == "advcl" and head.head.pos_ in VERBAL:
            return head.head, "obj", ""
    if dep in SUBJECT_DEPS and head.pos_ in VERBAL and not labels_its_line(token):
        return (_verb_of_auxiliary(head) or head), "subj", ""
    if dep in OBJECT_DEPS and head.pos_ in VERBAL:
        return head, "obj", ""
    if dep == "pobj" and _examples(head):
        # "worked with partners including AWS", "benchmarks such as MMLU": the examples
        # take the role of the noun they exemplify
        return verb_role(head.head, metric)
    if dep == "pobj" and head.dep_ == "conj" and head.head.dep_ == "pcomp":
        return verb_role(head.head, metric)  # "on Hugging Face and through B" ("Hugging" a verb)
    if dep == "pobj" and head.dep_ == "conj" and head.head.dep_ in ("prep", "agent"):
        # "on A ... and on B": the role of the first preposition's object
        first = next((c for c in head.head.children if c.dep_ == "pobj"), None)
        return verb_role(first, metric) if first is not None else None
    if dep in ("pobj", "pcomp") and head.dep_ in ("prep", "agent"):
        # "from under 25 minutes to over 45 minutes": the relation is the lowest preposition
        # that is not a quantifier; the verb is where the chain of prepositions ends
        label_prep = head if head.lower_ not in QUANTIFYING_PREPS else None
        prep = head
        for _ in range(3):
            if prep.head.dep_ == "prep" and prep.head.i != prep.i:
                prep = prep.head
                label_prep = label_prep or (prep if prep.lower_ not in QUANTIFYING_PREPS
                                            else None)
            else:
                break
        verb = prep.head
        label_prep = label_prep or prep
        if verb.pos_ == "ADJ" and verb.dep_ == "acomp" and verb.head.pos_ in VERBAL:
            verb = verb.head  # "is now available on A and B": the verb, read "available on"
        if verb.pos_ in VERBAL:
            return verb, "obj", label_prep.lower_
        if label_prep.lower_ in ("at", "from") and verb.dep_ == "pobj" and \
                people_noun(verb.lemma_.lower()):
            return verb_role(verb, metric)  # "developed by researchers at X": X's people
        if verb.dep_ in SUBJECT_DEPS and verb.head.pos_ in VERBAL and not metric and \
                prep.lower_ in ("from", "by") and verb.lemma_ in words("relations", "authored"):
            return verb.head, "subj", ""  # "This work from X and Y proposes Z": the authors'
        # "announced a partnership with Hugging Face": the verb's object names the relation
        if verb.pos_ == "NOUN" and verb.dep_ == "dobj" and verb.head.pos_ in VERBAL \
                and not metric:
            if label_prep.lower_ == "over":  # "improves prompt adherence over X": what is
                return verb.head, "obj", "over"  # improved, and over whom (the verb's)
            return verb.head, "obj", f"{verb.lemma_.lower()} {label_prep.lower_}"
    return None


def people_noun(lemma: str) -> bool:  # "researcher", "team": the people of an organisation
    return lemma in words("roles", "staff_nouns") | words("roles", "person_nouns")


EXAMPLE_PREPS = {"including", "like", "as"}  # "partners including X", "such as", "like"


def _examples(prep: Token) -> bool:
    """Whether ``prep`` introduces examples of the noun above it ("testers including
    Carlyle", "benchmarks such as MMLU"), not a role of its own ("known as")."""
    if prep.lower_ not in EXAMPLE_PREPS or prep.head.pos_ not in ("NOUN", "PROPN"):
        return False
    return prep.lower_ != "as" or (prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such")


# how a stray piece of a name may hang outside its phrase ("Llama 3.3 70B": "70B" read as a
# modifier of the verb while "Llama" is the object of "on")
STRAY_DEPS = {"npadvmod", "dep", "nummod", "punct", "advmod", "quantmod"}


def phrase_head(ent: Span) -> Token:
    """The noun heading an entity: "minutes" in "under 25 minutes", not "under"; the word
    of a name the parse attaches as the phrase ("Llama" in "built on Llama 3.3 70B"), not a
    piece of it the parser hung elsewhere ("70B" as a modifier of the verb)."""
    root = ent.root
    if root.dep_ in STRAY_DEPS and len(ent) > 1:
        root = next((t for t in ent if t.i != root.i and t.dep_ not in STRAY_DEPS
                     and not ent.start <= t.head.i < ent.end), root)
    if root.pos_ == "ADP":
        objects = [c for c in root.children if c.dep_ == "pobj" and c.i < ent.end]
        if objects:
            return objects[0]
    return root


def verb_label(verb: Token, preposition: str) -> str:
    lemma = verb.lemma_.lower() or verb.lower_
    complement = next((c for c in verb.children if c.dep_ == "acomp"), None)
    if lemma == "be" and complement is not None:
        label = f"{complement.lower_} {preposition}".strip()  # "is available in"
    elif verb.tag_ == "VBN" and (verb.dep_ == "acl" or
                                 any(c.dep_ == "auxpass" for c in verb.children)):
        label = f"{verb.lower_} {preposition}".strip()  # keep the passive: "powered by"
    else:
        label = f"{lemma} {preposition}".strip()
    if any(c.dep_ == "neg" for c in verb.children):
        label = f"not {label}"
    return label


def entities_at(token: Token, ent_of: dict[int, Span]) -> list[Span]:
    """The entities a subject or object token stands for, with its coordinated members."""
    found = []
    for t in (token, *token.conjuncts):
        ent = ent_of.get(t.i)
        if ent is not None and ent not in found:
            found.append(ent)
    return found


def _subject_tokens(verb: Token) -> list[Token]:
    """The verb's subjects, and those the parse hung on its auxiliary."""
    return [c for t in (verb, *(a for a in verb.children if _verb_of_auxiliary(a) is not None))
            for c in t.children if c.dep_ in SUBJECT_DEPS]


def _verb_of_auxiliary(token: Token) -> Token | None:
    """The verb of an auxiliary the parse hung a subject on: "Kestrel 2 Pro was pre-trained
    on ... and post-trained with X" (the hyphen split "pre-trained", and "Pro" is the
    subject of "was"); ``None`` for any other token."""
    head = token.head
    return head if token.dep_ in ("aux", "auxpass") and head.i != token.i and \
        head.pos_ in VERBAL else None


def _described(noun: Token, ent_of: dict[int, Span]) -> list[Span]:
    """What a participle modifying ``noun`` describes: "X, a model trained on Y" (the noun
    it modifies, or the name that noun is apposed to); "X is a model released by Y" (what
    the subject is). A figure is no subject ("a 7B parameter model released by Y" is X's),
    nor is what it is a feature of ("X, a 12B model with a 128k-token context window,
    built with Y and trained on Z": the window's participles are the model's)."""
    def figure(token: Token) -> bool:  # no name, or a figure
        return token.i not in ent_of or ent_of[token.i].label_ == "METRIC"

    if figure(noun) and noun.dep_ == "pobj" and noun.head.lower_ == "with" and \
            noun.head.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head.head
    left = noun.left_edge.i
    if figure(noun) and noun.dep_ == "appos":
        noun = noun.head
    elif noun.i not in ent_of and left > 1 and noun.doc[left - 1].text == "," and \
            left - 2 in ent_of:
        noun = noun.doc[left - 2]
    elif noun.dep_ == "attr" and noun.head.lemma_ == "be" and figure(noun):
        return [e for s in _subject_tokens(noun.head) for e in entities_at(s, ent_of)]
    return entities_at(noun, ent_of)


def implicit_subjects(verb: Token, ent_of: dict[int, Span], depth: int = 0) -> list[Span]:
    """Entities that are the understood subject of ``verb`` when it has none of its own.

    Only constructions whose subject the grammar determines: coordinated verbs share
    the subject; a relative clause's "which/who/that" is its antecedent; an infinitival
    purpose clause takes the main clause's subject; a controlled complement takes the
    main verb's object if it has one, else its subject."""
    if depth > 3:
        return []
    head = verb.head
    subjects = _subject_tokens(verb)
    if verb.dep_ == "relcl" and any(s.lower_ in RELATIVE_PRONOUNS for s in subjects):
        return entities_at(head, ent_of)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not subjects:
        return _described(head, ent_of)
    if subjects or head.i == verb.i or head.pos_ not in VERBAL:
        return []
    own = [e for s in _subject_tokens(head) for e in entities_at(s, ent_of)]
    if verb.dep_ == "conj":
        # coordinated verbs share a subject when they agree in form ("found ... and fixed");
        # "continue to be available to all paid subscribers" is a mis-parse, not a share
        if not _same_form(verb, head):
            return []
        return own or implicit_subjects(head, ent_of, depth + 1)
    if verb.dep_ == "xcomp":
        objects = [e for c in head.children if c.dep_ == "dobj" for e in entities_at(c, ent_of)]
        if any(c.dep_ == "dobj" for c in head.children):
            return objects  # "we train Claude to translate ...": Claude translates
        return own or implicit_subjects(head, ent_of, depth + 1)
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return own  # "To create Claude, Anthropic makes ...": Anthropic creates
    if verb.dep_ == "acomp" and verb.tag_ == "VBN" and head.lemma_ == "be":
        return own  # "All three are themselves fine-tuned from Y": the parse hangs the
        # participle on "are" as if it were an adjective
    return []


def _same_form(verb: Token, other: Token) -> bool:
    """Both finite; a participle with its auxiliary counts ("was trained ... and improves")."""
    finite = {"VBD", "VBZ", "VBP"}
    return verb.tag_ == other.tag_ or verb.tag_ in finite and (other.tag_ in finite or (
        other.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.tag_ in finite
                                    for c in other.children)))


def _relative_objects(verb: Token, ent_of: dict[int, Span]) -> list[tuple[Span, str]]:
    """"Project Vend, in which Claude ran a business": the antecedent is the object of "in"."""
    if verb.dep_ != "relcl":
        return []
    found = []
    for prep in verb.children:
        if prep.dep_ == "prep" and any(c.dep_ == "pobj" and c.lower_ in RELATIVE_PRONOUNS
                                       for c in prep.children):
            found += [(e, prep.lower_) for e in entities_at(verb.head, ent_of)]
    return found


def _nominal_relations(ents: list[Span], ent_of: dict[int, Span]
                       ) -> Iterator[tuple[Span, Span, str]]:
    """Paths without a verb.

    * a preposition on the entity itself: "millions of interactions across Claude Code"
      gives ``across``;
    * a headline: "New Anthropic research: Natural Language Autoencoders" gives
      ``research``: the first entity modifies a noun the second stands in apposition to.
    """
    for ent in ents:
        root = phrase_head(ent)
        for prep in [*root.children, *_marked_by(ent)]:
            if prep.dep_ != "prep" or prep.lower_ == "of" or prep.lower_ in QUANTIFYING_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    for target in entities_at(obj, ent_of):
                        if target is not ent:
                            yield ent, target, prep.lower_
        if root.dep_ in ("compound", "amod", "nmod") and root.head.i not in ent_of \
                and root.head.pos_ == "NOUN":
            noun = root.head
            for appos in noun.children:
                if appos.dep_ == "appos":
                    for target in entities_at(appos, ent_of):
                        if target is not ent:
                            yield ent, target, noun.lemma_.lower()


def _marked_by(ent: Span) -> list[Token]:
    """The "by" after a name in bold, which the parser hangs on the bold marks ("- **Gemma
    3n** by Google: Read Blog."): the name's own preposition."""
    k = past_markup(ent.doc, ent.end)
    return [ent.doc[k]] if ent.end < k < len(ent.doc) and ent.doc[k].lower_ == "by" and \
        ent.doc[k].head.i not in range(ent.start, ent.end) else []


def _apposition_relations(ents: list[Span], ent_of: dict[int, Span]
                          ) -> Iterator[tuple[Span, Span, str]]:
    """"X, a version of Y" / "X—a family of Y": ``(X, Y, "version of")``."""
    for ent in ents:
        for noun in ent.root.children:
            if noun.dep_ != "appos" or noun.i in ent_of or noun.pos_ != "NOUN":
                continue
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ in APPOSITION_PREPS:
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            for target in entities_at(obj, ent_of):
                                if target is not ent:
                                    yield ent, target, f"{noun.lemma_.lower()} {prep.lower_}"


FUNDED = {"funded", "backed", "sponsored", "supported"}  # "we were funded by X"
PEOPLE = {"researcher", "scientist", "engineer", "team", "author"}  # an author's people
_STUDIES = {"study", "research", "work", "project", "paper"}  # the authors' work


def the_authors(subject: Token) -> bool:
    """"The team combined ...", "Researchers used ...": the people of a first-person
    text's author, where no organisation is named with them ("Researchers at X" is X's:
    :mod:`graph.nlp.components.affiliations`)."""
    return subject.pos_ == "NOUN" and subject.lemma_.lower() in PEOPLE and \
        not any(c.dep_ == "prep" for c in subject.children) and \
        all(c.lower_ in ("the", "our") for c in subject.children if c.dep_ in ("det", "poss"))


def _their_study(subject: Token, verb: Token) -> bool:
    """"The study was funded by the National Science Foundation": the authors' work, whose
    funder funds them; "The paper proposes Plan-Critique-Act": what they made (only these
    verbs: "The study found ..." is no relation; not "A study from X", X's)."""
    own = all(c.lower_ in ("the", "this", "our", "their") for c in subject.children
              if c.dep_ in ("det", "poss"))
    plain = all(c.dep_ in ("det", "poss", "punct") for c in subject.children)
    made = verb.lemma_.lower() in words("relations", "we_DEVELOPED_BY") and verb.tag_ != "VBN"
    funded = verb.tag_ == "VBN" and verb.text.lower() in FUNDED
    return subject.lemma_.lower() in _STUDIES and own and (plain and made or funded)


def _says_we(verb: Token) -> bool:
    """"We release X"; "The study was funded by X" (:func:`_their_study`); "Using X, we
    identified ...", a participle opening the clause whose subject is "we"; or a headline
    without a subject, "Introducing X: ...", in which the author introduces X."""
    subjects = _subject_tokens(verb)
    if any(s.lower_ == FIRST_PERSON_PLURAL or the_authors(s) or _their_study(s, verb)
           for s in subjects):
        return True
    if not subjects and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i < verb.head.i:
        return _says_we(verb.head)
    return not subjects and verb.dep_ == "ROOT" and verb.tag_ == "VBG" and \
        verb.i == verb.sent.start and verb.lemma_.lower() in words("authors", "author_verbs")


def sentence_relations(sent: Span, resolve_we: bool = False,
                       entities: list[Span] | None = None
                       ) -> Iterator[tuple[Span | None, Span, str, str]]:
    """``(source, target, label, via)`` for entity pairs linked through ``sent``.

    With ``resolve_we`` a verb whose subject is "we" also yields ``(None, object, label,
    "we")``: the source is the document's author, settled by
    :func:`graph.nlp.authors.resolve_we`. ``entities``: the sentence's entities, when the
    caller has them (else ``sent.ents``)."""
    ents = list(sent.ents if entities is None else entities)
    if len(ents) < (1 if resolve_we else 2):
        return
    ent_of = {t.i: ent for ent in ents for t in ent}
    by_verb: dict[int, dict[str, list[tuple[Span, str]]]] = {}
    for ent in ents:
        role = verb_role(phrase_head(ent), ent.label_ == "METRIC")
        if role is None:
            continue
        verb, kind, prep = role
        by_verb.setdefault(verb.i, {"subj": [], "obj": []})[kind].append((ent, prep))
    seen = set()
    for verb_i, roles in by_verb.items():
        verb = sent.doc[verb_i]
        roles["obj"] += _relative_objects(verb, ent_of)
        if not roles["obj"]:
            continue
        lemma = verb.lemma_.lower()
        if lemma in EMPTY_VERBS or (lemma in SKIP_VERBS and not any(p for _, p in roles["obj"])):
            continue
        subjects = [s for s, _ in roles["subj"]] or implicit_subjects(verb, ent_of)
        if not subjects and resolve_we and _says_we(verb):
            for obj, prep in roles["obj"]:
                yield None, obj, verb_label(verb, prep), FIRST_PERSON_PLURAL
        for subj in subjects:
            for obj, prep in roles["obj"]:
                key = (subj.start, obj.start, verb_i, prep)
                if subj.start != obj.start and key not in seen:
                    seen.add(key)
                    yield subj, obj, verb_label(verb, prep), ""
    for source, target, label in (*_apposition_relations(ents, ent_of),
                                  *_nominal_relations(ents, ent_of)):
        yield source, target, label, ""


def dependency_relations(doc: Doc, doc_id: str, offset: int = 0,
                         resolve_we: bool = False) -> Iterator[TypedRelation]:
    """Typed relations in a parsed spaCy ``Doc`` (nothing when it has no parse).

    With ``resolve_we``, relations whose subject is "we" come with the source
    :data:`UNRESOLVED`, for :func:`graph.nlp.authors.resolve_we` once the whole document
    is read.
    """
    if not doc.has_annotation("DEP"):
        return
    for sent, ents in sentences_with_entities(doc, doc.sents):
        for source, target, label, via in sentence_relations(sent, resolve_we, ents):
            span = UNRESOLVED if source is None else \
                (offset + source.start_char, offset + source.end_char)
            ends = (offset + target.start_char, offset + target.end_char)
            yield TypedRelation(doc_id, span, ends, label, offset + sent.start_char,
                                offset + sent.end_char, via)


def main_subject(sent: Span) -> Token | None:
    """The subject of the main verb, or of an auxiliary the parse hung it on ("X was ...")."""
    return next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and (
        t.head.dep_ == "ROOT" or t.head.pos_ == "AUX" and t.head.head.dep_ == "ROOT")), None)
