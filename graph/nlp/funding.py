"""Who funds whom, read from how the news reports a funding round: "Kairos Labs has raised
$640 million in a Series B round led by Northgate Capital", "it closed a €385 million Series A
led by Andreessen Horowitz", "Together AI closed a $102.5 million Series A in November 2023,
led by Kleiner Perkins with participation from NVIDIA" (GUIDELINES: FUNDS, an organisation
-> the organisation it invests in).

The funder is the organisation right after "led by", "participation from", "backing from"
(and those listed with it: "led by A and B"); the funded one is the subject of the
sentence's verb of raising ("raised", "closed", "secured"), a name or a word standing for
one ("it", "the Paris start-up": :mod:`graph.nlp.anaphora`, :mod:`graph.nlp.companies`),
and the sentence names the round ("round", "Series A", "seed", "funding"). Without a round,
an organisation described as backed by another is funded by it, whichever side of it the
backer is written ("Alibaba-backed Moonshot AI", "Moonshot AI, the Alibaba-backed maker of
Kimi", "the startup backed by Lakeshore Ventures"), and so is one whose investors a relative
clause names ("OpenAI, whose main backer is Microsoft"). A sentence about the round the text
just reported names funders of what the text is about ("The round was led by Accel").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from graph.nlp.components.spans import ARTICLES, HYPHENS
from graph.nlp.lexicon import words
from graph.nlp.records import TypedRelation
from graph.nlp.relations import FIRST_PERSON_PLURAL, UNRESOLVED, main_subject

# the two words before a funder of the round: "led by", "with participation from"
FUNDER_CUES = (("led", "by"), ("participation", "from"), ("backing", "from"),
               ("investment", "from"), ("funding", "from"), ("investors", "including"),
               ("co-led", "by"))
RAISE_VERBS = ("raise", "close", "secure", "complete", "land", "announce", "receive", "bag")
ROUND_WORDS = ("round", "series", "seed", "funding", "financing", "investment")


def funding_readings(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): label}`` (``a`` written first) for the organisations the
    sentence names as the funded one and a funder of its round, or as backed and backer:
    ``"FUNDS<"`` (``b`` funds ``a``)."""
    orgs = [e for e in ents if e.label_ == "ORG"]
    found = _backed(sent, orgs) | _whose_backers(sent, orgs)
    if not any(t.lemma_.lower() in ROUND_WORDS or t.lower_ in ROUND_WORDS for t in sent):
        return found
    raisers = set()
    for funder in (o for o in orgs if _cued(sent, o)):
        funded = _raiser(sent, orgs, funder)
        if funded is None:
            continue
        for one in [funder, *_listed_with(funder, orgs)]:
            found[(funded.start, one.start)] = "FUNDS<"
        raisers.add(funded.start)
    others = [o for o in orgs if o.start not in raisers]
    for n, one in enumerate(others if raisers else ()):  # no two names but the round's
        for other in others[n + 1:]:  # (co-investors, "M12, Microsoft's venture fund")
            found.setdefault((one.start, other.start), "NONE")  # fund each other
    for owner in (o for o in others if raisers and o.root.dep_ == "poss"):
        for raiser in raisers:  # nor does "Microsoft" of "Microsoft's venture fund" fund
            found.setdefault((min(raiser, owner.start), max(raiser, owner.start)), "NONE")
    return found


def _cued(sent: Span, funder: Span) -> bool:
    """Whether a funder's cue ("led by", "participation from", "existing investor") is right
    before ``funder``."""
    doc, i = sent.doc, funder.start - 1
    while i > sent.start and doc[i].lower_ in ARTICLES:
        i -= 1
    return i > sent.start and ((doc[i - 1].lower_, doc[i].lower_) in FUNDER_CUES or
                               doc[i].lower_ in BACKER_NOUNS)


def round_funders(sent: Span, ents: list[Span]) -> dict[int, str]:
    """``{org.start: "FUNDS<"}`` for the funders of a sentence whose subject is the round
    the text just reported ("Kestrel AI has closed a $40 million Series A. The round was led
    by Accel, with participation from Samsung Next") or who joined it: each funds what the
    text is about."""
    subject = main_subject(sent)
    orgs = [e for e in ents if e.label_ == "ORG"]
    if subject is not None and _joined_the_round(subject.head):
        heads = {t.i for t in subject.subtree if t is subject or t.dep_ in ("conj", "appos")}
        # (the parser may read the list's second name as the first's apposition)
        return {o.start: "FUNDS<" for o in orgs if o.root.i in heads or (
            o.start > 0 and sent.doc[o.start - 1].lemma_.lower() in BACKER_NOUNS)}
    if subject is None or subject.lemma_.lower() not in ROUND_WORDS:
        return {}
    return {o.start: "FUNDS<" for f in orgs if _cued(sent, f) for o in [f, *_listed_with(f, orgs)]}


def _joined_the_round(verb: Token) -> bool:
    """"NVIDIA and Harborline Ventures participated in the round (alongside existing investor
    Greylock Partners)", "Accel also joined the round": who did funds it."""
    if verb.lemma_.lower() not in ("participate", "join"):
        return False
    return any(t.lemma_.lower() in ROUND_WORDS and t.dep_ in ("pobj", "dobj") and
               t.head in (verb, *(c for c in verb.children if c.dep_ == "prep"))
               for t in verb.subtree)


def _backed(sent: Span, orgs: list[Span]) -> dict[tuple[int, int], str]:
    """An organisation described as backed by another is funded by it: "Alibaba-backed
    Moonshot AI", "Moonshot AI, the Alibaba-backed maker of Kimi", "Tessellate AI, the
    Toronto-based startup backed by Lakeshore Ventures"; the noun "backed" describes is the
    funded organisation's name, or stands beside it (apposed, or after it and a comma, where
    the parser loses the apposition)."""
    doc, found = sent.doc, {}
    for backed in (t for t in sent if t.lower_ == "backed"):
        glued = backed.i >= 2 and doc[backed.i - 1].text in HYPHENS
        funders = [o for o in orgs if o.end == backed.i - 1] if glued else \
            [o for o in orgs for by in backed.children if by.dep_ == "agent" and (
                o.root.head == by or (o.root.dep_ == "conj" and o.root.head.head == by))]
        funded = _described(backed.head, orgs, funders) if funders else None
        for funder in funders if funded is not None else ():
            found[tuple(sorted((funder.start, funded.start)))] = \
                "FUNDS" if funder.start < funded.start else "FUNDS<"
    return found


BACKER_NOUNS = {"investor", "backer", "funder", "shareholder"}


def _whose_backers(sent: Span, orgs: list[Span]) -> dict[tuple[int, int], str]:
    """"Brightline, whose investors include Sequoia Capital and General Catalyst", "Mistral
    AI, whose main backer is Microsoft": the organisations the relative clause names as its
    investors fund the one before "whose"."""
    doc, found = sent.doc, {}
    for whose in (t for t in sent if t.lower_ == "whose" and t.head.lemma_ in BACKER_NOUNS):
        noun = whose.head
        funded = next((o for o in orgs if o.end == whose.i - 1 and doc[o.end].text == ","), None)
        if funded is None or noun.dep_ not in ("nsubj", "nsubjpass"):
            continue
        named = [c for c in noun.head.children if c.dep_ in ("dobj", "attr")]
        heads = {t.i for c in named for t in (c, *c.conjuncts)}
        for funder in (o for o in orgs if o.root.i in heads):
            found[(funded.start, funder.start)] = "FUNDS<"
    return found


def _described(noun: Token, orgs: list[Span], funders: list[Span]) -> Span | None:
    """The organisation ``noun`` names or stands beside ("lab" of "the lab OpenAI", "maker"
    apposed to "Moonshot AI" or after it and a comma)."""
    doc = noun.doc
    if noun.dep_ == "compound":
        noun = noun.head  # "lab" of "the Microsoft-backed lab OpenAI"
    left = min(t.i for t in noun.subtree if not t.is_punct)
    return next((o for o in orgs if o not in funders and (
        o.start <= noun.i < o.end or (noun.dep_ == "appos" and o.start <= noun.head.i < o.end)
        or (o.end == left - 1 and doc[left - 1].text == ","))), None)


def _raiser(sent: Span, orgs: list[Span], funder: Span) -> Span | None:
    """The organisation that is the subject of the last verb of raising before ``funder``,
    or that the round it names is in ("we are announcing an investment in X")."""
    doc = sent.doc
    for verb in reversed(doc[sent.start:funder.start]):
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in RAISE_VERBS:
            continue
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        return _invested_in(doc[verb.i:funder.start], orgs) or next(
            (o for o in orgs if subjects and o.start <= subjects[0].i < o.end and
             o is not funder), None)
    return None


def _invested_in(words: Span, orgs: list[Span]) -> Span | None:
    """The organisation a round is in: "we are announcing a $300 million strategic
    investment in Kestrel AI led by NVIDIA"."""
    return next((o for o in orgs if words.start < o.start < words.end and
                 words.doc[o.start - 1].lower_ == "in" and o.start > 1 and
                 words.doc[o.start - 2].lemma_.lower() in ROUND_WORDS), None)


def _listed_with(funder: Span, orgs: list[Span]) -> list[Span]:
    """The organisations coordinated with ``funder`` ("led by A and B", "from A, B and C");
    a name's last word may be a word of money ("Samsung Catalyst Fund", "Lux Capital"), a
    common noun of money is no funder ("... and its own fund")."""
    heads = {t.i for t in funder.root.conjuncts}
    return [o for o in orgs if o.start > funder.start and o.root.i in heads and
            not (o.root.is_lower and o.root.lower_ in words("relations", "money_words"))]


def speaks_of_money(sent: Span) -> bool:
    """Whether ``sent`` has a word of money ("raised", "investors", "$"): where the
    classifier's FUNDS may be (:meth:`graph.nlp.relation_model.RelationModel.decide`)."""
    money = words("relations", "money_words")
    return any(t.lemma_.lower() in money or t.lower_ in money for t in sent)


RECEIVING = ("receive", "win", "get")  # "X receives $6.2 million": a grant's recipient


def grants_received(doc: Doc, doc_id: str, offset: int = 0) -> Iterator[TypedRelation]:
    """FUNDS from the text's author (a "we" end, :func:`graph.nlp.authors.resolve_we`) to
    each organisation a sentence says receives a sum from no one it names: a grant maker's
    list of its grants ("**Stanford University** receives $6.2 million for Project Lantern"
    under "News from the Hollis Foundation"); dropped where the text names no author, and
    where the author is the recipient ("Loomwright receives $8.5 million")."""
    orgs = {t.i: e for e in doc.ents if e.label_ == "ORG" for t in e}
    for verb in (t for t in doc if t.pos_ == "VERB" and t.lemma_.lower() in RECEIVING):
        children = list(verb.children)
        if any(c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by") for c in children):
            continue  # "... from the Hollis Foundation": the funder is named
        org = next((orgs[c.i] for c in children if c.dep_ == "nsubj" and c.i in orgs), None) \
            or _bold_opening(doc, verb, orgs)
        sums = [c for c in children if c.dep_ == "dobj"]
        if org is None or not any(t.is_currency for c in sums for t in c.subtree):
            continue
        sent = verb.sent
        yield TypedRelation(doc_id, UNRESOLVED, (offset + org.start_char, offset + org.end_char),
                            "fund", offset + sent.start_char, offset + sent.end_char,
                            via=FIRST_PERSON_PLURAL, predicate="FUNDS")


_MARKS = {"-", "*", "**", "+", "•"}


def _bold_opening(doc: Doc, verb: Token, orgs: dict[int, Span]) -> Span | None:
    """The organisation a list item opens with in bold right before ``verb``, where the
    parser took the marks for the subject ("- **University of Toronto** receives ...")."""
    k = verb.i - 1
    while k >= 0 and doc[k].text in _MARKS:
        k -= 1
    org = orgs.get(k)
    return org if org is not None and all(
        t.text in _MARKS or t.is_space for t in doc[verb.sent.start:org.start]) else None
