"""Organisations told by the role a sentence gives them: who funds, invests, acquires,
partners, or made something.

A proper name in one of these slots is an organisation, whatever the statistical model
guessed (it reads investors as people: "Andreessen Horowitz", "Kleiner Perkins") and
also where no one found it (the statistical model's organisation guesses are dropped when
the trained recogniser runs):

* the agent of a funding or making verb: "led by Kleiner Perkins" (in a sentence about a
  round), "funded by the Swiss National Science Foundation", "developed by AI Singapore",
  "released by Argilla";
* the partner of a partnership: "partnered with Brightline Insurance and Halden Health",
  "a partnership with the telecom operator Telvia", "working with the Internet Archive";
* the investor after "participation from", "investment from", "raised $N from"; what
  is acquired: "acquired Sablier", "acquire Run:ai"; "the Alibaba-backed maker";
* the employer of a team: "built by the team at StepFun";
* the subject of a making verb, where no one typed the name: "Fernhill Security released
  Warden" (not a capitalised verb opening a line: "- Helps maintain continuity");
* a name after a noun for an organisation: "the investment bank Bpifrance".

A person is kept where a making verb could have a person as its agent ("developed by Percy
Liang": two words), and so are the one-word names listed with such a person (surnames:
"developed by Werbos, Williams, Robinson, Jürgen Schmidhuber ..."); a partner the
statistical model reads as a person stays one (people collaborate as often as companies:
"Devol collaborated with Engelberger"); a model, a pattern's match and a title's words are
left alone. Some slots and names say the names are people's, whatever the slot
(:func:`_people`): a founder's ("founded by Demis Hassabis, Shane Legg and Mustafa
Suleyman"), a name with a middle initial ("Manfred R. Schroeder"), a name in apposition
to a person's noun or before "who" ("George Devol, the inventor of the Unimate"), names
cited with a year, as a work's authors are ("developed by Sirovich and Kirby (1987)").
The words are in ``resources/lexicon/roles.json``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from graph.nlp.components.arbiter import list_members
from graph.nlp.components.spans import HYPHENS, doc_text, generic_term, is_generic
from graph.nlp.lexicon import table, words

_GUESSES = {"METHOD", "PROJECT", "DATASET", "ORG"}  # types a slot overrides (a place may
# be a partner: "partnered with Jordan")
_RETYPED = _GUESSES | {"PERSON"}
_PERSON_GUESSES = {"ORG", "PERSON", "PLACE"}  # the statistical model's types for a person
_AGENT_PREPS = {"by"}
RAISING = {"raise", "secure"}  # "raised $120 million from X": its investors
_NAME_PARTS = {"compound", "flat", "nmod", "nummod"}
_GLUE = {":", "."}  # inside a name: "Run:ai", "01.AI"
# The kinds of slot, by who a person guessed there is: in a firm's slot (investors, named
# after their founders: "Andreessen Horowitz"; what is acquired; an employer; "the bank X")
# an organisation; in a maker's, an organisation if one word ("released by Argilla"); in a
# partner's, a person; in a founder's, always a person; in an owner's (whose product the
# sentence names), a person only as guessed.
FIRM, MAKER, PARTNER, FOUNDER, OWNER = "firm", "maker", "partner", "founder", "owner"
# the subject of a making verb ("Fernhill Security released Warden"): an organisation where
# no one typed the name (people, models and products release things too)
RELEASER = "releaser"
_INITIAL = re.compile(r"^[A-Z]\.$")  # "Manfred R. Schroeder"
_YEAR = re.compile(r"^(?:19|20)\d\d[a-z]?$")


def role_orgs(doc: Doc, spans: list[Span], strong: set[tuple[int, int]]) -> list[Span]:
    """``spans`` (sorted, not overlapping) with the names in an organisation's slot typed
    ORG, or PERSON where the slot or the names say they are people's (see the module's
    notes); ``strong``: ``(start, end)`` of the patterns' and shapes' spans, which keep their
    type."""
    out = list(spans)
    for token, slot in _slots(doc):
        names = _run_together(token) or \
            [n for m in [token, *token.conjuncts] if (n := proper_name(m)) is not None]
        if slot == FOUNDER or _people(doc, names, out, slot):
            for name in names:
                out = typed_name(doc, out, name, "PERSON", _PERSON_GUESSES, strong)
            continue
        for name in names:
            if slot == FIRM:  # "led by Kleiner Perkins", "the telecom operator Telvia"
                retyped = _RETYPED | {"PLACE"}  # no place is an investor or an operator
            elif slot == RELEASER:
                if _opening_word(doc, name):
                    continue
                retyped = set()
            elif slot == MAKER and name[1] - name[0] == 1:
                retyped = _RETYPED  # "released by Argilla"
            else:
                retyped = _GUESSES  # "developed by Percy Liang"; "teamed up with Cordelia
                # Schmid": a person, as the statistical model read
            out = typed_name(doc, out, name, "ORG", retyped, strong)
    return sorted(out, key=lambda s: s.start)


def _opening_word(doc: Doc, name: tuple[int, int]) -> bool:
    """Whether a name opens its sentence as a capitalised word of the language may: after
    a list's or a table's mark ("- Helps maintain continuity", "| Leverages LLMs as ...
    and creates"), or alone before a lower-case word ("Use built-in components ... or
    create your own")."""
    start, end = name
    first = doc[start]
    text = doc_text(doc)
    line = text[text.rfind("\n", 0, first.idx) + 1:first.idx]
    if line.strip() and not any(c.isalnum() for c in line):
        return True
    return (first.is_sent_start or not line.strip()) and end - start == 1 and \
        end < len(doc) and doc[end].is_lower


def _run_together(token: Token) -> list[tuple[int, int]]:
    """The names of a list the parser read as one name's modifiers ("backed by Sequoia
    Capital and Index Ventures": "Sequoia Capital and Index" under "Ventures"), split at its
    "and" and commas, the last ending on ``token``; empty where no list runs into it."""
    doc, start = token.doc, token.i
    while start > 0 and (_proper(doc[start - 1]) or doc[start - 1].lower_ in _LIST_MARKS) \
            and token in doc[start - 1].ancestors:
        start -= 1
    cuts = [i for i in range(start, token.i) if doc[i].lower_ in _LIST_MARKS]
    if not cuts or cuts[0] == start:
        return []
    bounds = zip([start] + [i + 1 for i in cuts], cuts + [token.i + 1], strict=True)
    return [(s, e) for s, e in bounds if e > s]


_LIST_MARKS = {"and", ","}


def _people(doc: Doc, names: list[tuple[int, int]], spans: list[Span], slot: str) -> bool:
    """Whether the names of a slot are people's: one has a middle initial, is in
    apposition to a person's noun or followed by "who", the last is cited with a year
    ("Sirovich and Kirby (1987)"), or, for makers, one of two words or more is a person
    and the others are the surnames listed with it."""
    for start, end in names:
        if any(_INITIAL.match(t.text) for t in doc[start + 1:end - 1]) or \
                _described_as_person(doc[start:end]):
            return True
    if names and _cited(doc, names[-1][1]):
        return True
    if slot != MAKER or len(names) < 2:
        return False
    persons = {(s.start, s.end) for s in spans if s.label_ == "PERSON"}
    return any(end - start > 1 and (start, end) in persons for start, end in names)


def _described_as_person(name: Span) -> bool:
    """"George Devol, the inventor of ...", "Engelberger, who served as president"."""
    doc, root = name.doc, name.root
    if name.end + 1 < len(doc) and doc[name.end].text == "," and doc[name.end + 1].lower_ == "who":
        return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in words("roles", "person_nouns")
               for c in root.children)


def _cited(doc: Doc, end: int) -> bool:
    """Whether a year in brackets follows ``end``: a work cited by its authors' names."""
    return end + 2 < len(doc) and doc[end].text == "(" and _YEAR.match(doc[end + 1].text) \
        is not None and doc[end + 2].text == ")"


def _slots(doc: Doc) -> list[tuple[Token, str]]:
    """The tokens in an organisation's (or a founder's) slot, each with the slot's kind
    (see :data:`FIRM`). Cheap tests first: most tokens are neither objects nor proper
    nouns."""
    found = []
    for token in doc:
        dep = token.dep_
        if dep == "pobj":
            slot = _object_slot(token)
            if slot is not None:
                found.append((token, slot))
        elif dep == "dobj":
            if token.head.lemma_ == "acquire":
                found.append((token, FIRM))
        elif dep == "nsubj" and _subject_slot(token):
            found.append((token, FIRM))  # "Helix Robotics raises $85 million"
        elif dep == "nsubj" and token.pos_ == "PROPN" and token.head.pos_ == "VERB" and \
                token.head.lemma_.lower() in words("roles", "maker_verbs"):
            found.append((token, RELEASER))  # "Fernhill Security released Warden"
        elif token.pos_ == "PROPN":
            if token.i > 0 and doc[token.i - 1].is_lower and \
                    doc[token.i - 1].lemma_ in words("roles", "org_nouns") or any(
                    c.dep_ == "appos" and c.lemma_ in words("roles", "org_nouns")
                    for c in token.children):
                found.append((token, FIRM))  # "the telecom operator Telvia", "X, the maker of"
            elif _owns_a_product(token):
                found.append((token, OWNER))  # (a person's guess stays a person)
        elif token.i >= 2 and doc[token.i - 1].text in HYPHENS and \
                not doc[token.i - 1].whitespace_ and \
                token.lemma_.lower() in words("roles", "funder_verbs"):
            found.append((doc[token.i - 2], FIRM))  # "the Alibaba-backed maker"
    return found


def _owns_a_product(token: Token) -> bool:
    """The possessor of a kind's noun apposed to a name: "Quillwork's flagship model,
    Ledger-7B", "Ledger-7B, Quillwork's flagship model"."""
    noun = token.head
    return token.dep_ == "poss" and noun.lemma_.lower() in table("relations", "kind_types") \
        and (noun.dep_ == "appos" and noun.head.pos_ == "PROPN" or any(
            c.dep_ == "appos" and c.pos_ == "PROPN" for c in noun.children))


def _object_slot(token: Token) -> str | None:
    """For the object of a preposition: the kind of slot it is in (see :func:`_slots`),
    or ``None`` outside such a slot."""
    prep, head = token.head.lower_, token.head.head
    if prep in _AGENT_PREPS:
        verb = head.lemma_.lower()
        if verb in words("roles", "funder_verbs") or (verb == "lead" and _about_funding(token)):
            return FIRM
        if verb in words("roles", "founder_verbs"):
            return FOUNDER
        return MAKER if verb in words("roles", "maker_verbs") else None
    if prep == "with" and head.lemma_.lower() in words("roles", "partner_words"):
        return PARTNER
    if prep == "from" and (head.lemma_.lower() in words("roles", "investment_nouns") or
                           head.lemma_ in RAISING and any(t.is_currency for t in token.sent)):
        return FIRM  # "investment from X", "raised $120 million from X and General Catalyst"
    if prep == "at" and token.head.i > 0 and \
            token.doc[token.head.i - 1].lemma_.lower() in words("roles", "staff_nouns"):
        return FIRM  # "the team at StepFun"
    return None


def _subject_slot(token: Token) -> bool:
    """Whether a proper noun is the subject of a firm's verb: who raises a round, acquires
    or invests ("Helix Robotics raises $85 million", "Corvid Labs has acquired Tessellate")."""
    verb = token.head.lemma_.lower()
    return token.pos_ == "PROPN" and verb in words("roles", "firm_subject_verbs") and (
        verb != "raise" or _about_funding(token) or any(t.is_currency for t in token.sent))


def _about_funding(token: Token) -> bool:
    """Whether the sentence of ``token`` is about a funding round ("Series A led by ...")."""
    nouns = words("roles", "funding_nouns")
    return any(t.lower_ in nouns for t in token.sent)


def proper_name(token: Token) -> tuple[int, int] | None:
    """``(start, end)`` of the capitalised proper name around ``token``: its compound parts
    before it ("Kleiner Perkins", "Swiss National Science Foundation") and the parts glued to
    it ("Run:ai"); ``None`` for a common noun, a generic term, a funding round ("Series C")
    or a numbered name (a model's: "Vela 2 Max")."""
    doc = token.doc
    if not _proper(token):
        return None
    start = token.i
    while start > 0 and (_proper(doc[start - 1]) or doc[start - 1].like_num) and \
            doc[start - 1].dep_ in _NAME_PARTS and start - 2 <= doc[start - 1].head.i <= token.i:
        start -= 1  # "Kleiner Perkins"; "Vela 2 Max", numbered: a model's name, no one's
    if start == token.i and start > 0 and token.lower_ in words("entities", "company_suffixes") \
            and doc[start - 1].dep_ == "amod" and doc[start - 1].text[:1].isupper():
        start -= 1  # "Orbital AI raised $120 million": a word of the language as its name
    end = token.i + 1
    while end + 1 < len(doc) and not doc[end - 1].whitespace_ and doc[end].text in _GLUE \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha:
        end += 2  # "Run" + ":" + "ai"; not "Alibaba" + "-" + "backed"
    while end + 1 < len(doc) and doc[end].lower_ in ("of", "for") and _proper(doc[end + 1]):
        end += 2  # "Allen Institute for AI", "University of Turku"
        while end < len(doc) and _proper(doc[end]):
            end += 1
    name = doc[start:end]
    if generic_term(name.text) or any(
            t.like_num or t.lower_ in words("roles", "funding_nouns") for t in name):
        return None  # "backed by our Series C": a round, not who funds it
    return start, end


def _proper(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper()


def typed_name(doc: Doc, spans: list[Span], bounds: tuple[int, int], label: str,
               retyped: set[str], strong: set[tuple[int, int]]) -> list[Span]:
    """``spans`` with the name at ``bounds`` of type ``label``, in place of the guesses of a
    type in ``retyped`` over its words (a guess's leading lower-case words dropped: "operator
    Telvia"), or of ``label`` on part of its words ("Aligner" of "NeMo Aligner"); unchanged
    where another type, a pattern's match or a longer name holds them."""
    start, end = bounds
    over = [s for s in spans if s.start < end and s.end > start]
    replaceable = retyped | {label}
    for span in over:
        if span.label_ not in replaceable or ((span.start, span.end) in strong and span.id_) or \
                span.end > end or any(not t.is_lower for t in doc[span.start:start]):
            return spans
    return [s for s in spans if s not in over] + [Span(doc, start, end, label=label)]


def listed_orgs(doc: Doc, spans: list[Span]) -> list[Span]:
    """Unlabelled proper nouns listed with organisations ("with AWS, Broadcom and Cisco")."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    found = []
    for span in spans:
        if span.label_ != "ORG":
            continue
        for token in list_members(span):
            if token.i in covered or token.pos_ != "PROPN" or not token.text[:1].isupper():
                continue
            name = name_span(token)
            if any(i in covered for i in range(name.start, name.end)) or is_generic(name.text):
                continue
            found.append(Span(doc, name.start, name.end, label="ORG"))
            covered.update(range(name.start, name.end))
    return found


def name_span(token: Token) -> Span:
    """The proper-noun name ending at ``token`` ("Palo Alto Networks", "JPMorganChase")."""
    start = token.i
    for child in reversed(list(token.lefts)):
        if child.dep_ in ("compound", "flat") and child.pos_ == "PROPN" and child.i == start - 1:
            start = child.i
        else:
            break
    return token.doc[start:token.i + 1]
