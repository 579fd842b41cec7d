"""Who "we" is in a first-person text: the organisations a document names as itself
(:func:`author_mentions`), and the "we" end of its relations given to them
(:func:`resolve_we`), and what "we <verb> X" makes of X (:func:`we_predicate`).

Only constructions in which a text names itself count: a headline "New <ORG>
research/paper/study", "New research from <ORG> and <ORG>" or "A new study from <ORG>",
"<ORG>: introducing ...", "New from <ORG>: ...", "<ORG> (today) announced/released/launched
...", "At <ORG>, we", a byline ("The <ORG> blog", "News from <ORG>"), a report opening with
"Researchers at <ORG> and <ORG> ran ..." (whose "the study" and "the team" are theirs);
not a guide's report of another's release ("Google recently introduced its latest ...":
the guide's "we" are its writers). The author
is the one such organisation, or the ones a headline names together ("New research from the
UK AI Security Institute and Apollo Research": "we" is both); with several named apart (a
news piece quoting a few) there is none.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from graph.nlp.components.headline import headline_author
from graph.nlp.components.spans import (
    credits,
    doc_text,
    first_conjunct,
    line_bounds,
    listed_organisations,
    title_line,
)
from graph.nlp.lexicon import words
from graph.nlp.records import TypedRelation
from graph.nlp.relations import FIRST_PERSON_PLURAL, FUNDED, PEOPLE, UNRESOLVED

REPORTED = {"recently"}  # a text reporting another's release ("Google recently introduced")
_TOGETHER = re.compile(r"\s*(?:,\s*)?(?:and\s+)?(?:the\s+)?", re.IGNORECASE)  # "X and the Y"


def author_mentions(doc: Doc) -> dict[str, Span]:
    """Organizations a first-person announcement names as itself, by normalised name (see
    the module's notes)."""
    author_nouns = words("authors", "author_nouns")
    author_verbs = words("authors", "author_verbs")
    found: dict[str, Span] = {}
    text = doc_text(doc)
    head_end = -1  # where the headline and its byline end: the text's first lines
    for _ in range(_BYLINE_LINES + 1):
        head_end = text.find("\n", head_end + 1)
        if head_end < 0:
            head_end = len(text)
            break
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        root, sent = ent.root, ent.sent
        head = root.head
        new = sent[0].lower_ == "new" or sent[0].lower_ in ("a", "an") and len(sent) > 1 \
            and sent[1].lower_ == "new"  # "New research from X", "A new study from X"
        headline = (root.dep_ in ("compound", "amod", "nmod", "poss")
                    and head.lemma_.lower() in author_nouns and new)
        first = first_conjunct(root)  # "X and Y published ...": both announce
        announces = first.dep_ == "nsubj" and first.head.lemma_.lower() in author_verbs and \
            not any(c.lower_ in REPORTED for c in first.head.children)  # not "X recently released"
        at_us = (root.dep_ == "pobj" and head.lower_ == "at" and head.i == sent.start
                 and any(t.lower_ == FIRST_PERSON_PLURAL for t in sent))
        if headline or announces or at_us or new and _from_authors(ent, author_nouns) or \
                _researchers_at(ent) or ent.start_char < head_end and _byline(ent):
            found.setdefault(ent.text.casefold().removeprefix("the "), ent)
    where = headline_author(doc)  # "Corvid Labs: introducing Wingspan"
    named = doc.char_span(*where) if where is not None else None
    if named is not None and named.text.casefold() not in found:
        found[named.text.casefold()] = named
    return found


_BYLINE_LINES = 4  # a byline is under the headline


def _byline(ent: Span) -> bool:
    """A post's byline under its headline (``ent`` on the text's first lines) names its
    author: "*The Loomwright blog · March 3, 2026*", "*News from the Hollis Foundation —
    April 14, 2026*", a dateline ("May 28, 2026 · Cobalt Research"), and so does a vendor's
    documentation: "*Kestrel Labs docs › Deployment*", "*Part of the Corvid AI developer
    docs.*" (read from the words: the parser takes "docs" for a verb)."""
    doc, root = ent.doc, ent.root
    k = _before_first(ent)
    return root.dep_ in ("compound", "poss") and root.head.lower_ in ("blog", "newsroom") or \
        k > 0 and doc[k].lower_ == "from" and doc[k - 1].lower_ == "news" or \
        any(t.lower_ in _DOCS for t in doc[ent.end:ent.end + 2]) or _dateline(ent)


_DOCS = {"docs", "documentation"}


_DATELINE = re.compile(r"[*_·|•—–,-]+")  # what a dateline holds besides its date and name


def _dateline(ent: Span) -> bool:
    """"May 28, 2026 · Cobalt Research": a line under the headline holding only a date and
    the organisation that wrote the text."""
    line = ent.doc.char_span(*line_bounds(ent), alignment_mode="expand")
    return line is not None and any(t.ent_type_ == "DATE" for t in line) and all(
        t.ent_type_ == "DATE" or ent.start <= t.i < ent.end or t.is_space or
        _DATELINE.fullmatch(t.text) for t in line)


def _researchers_at(ent: Span) -> bool:
    """"Researchers at Stanford University and the University of Toronto ran a double-blind
    study ...", "**TL;DR:** A team from Cohere Labs and the University of Toronto distils
    DeepSeek-R1 ...": the organisations the people opening a report's first sentence (past
    its headings and a label) come from are its authors, whom "the study", "the team" and
    "the authors" stand for; not those of people a sentence describes ("It was proposed by
    Yao et al. (2022), a team from Princeton University")."""
    k, doc, sent = _before_first(ent), ent.doc, ent.sent
    if k < 1 or doc[k].lower_ not in ("at", "from") or doc[k - 1].lemma_.lower() not in PEOPLE:
        return False
    people = doc[k - 1]
    label = next((t.i + 1 for t in sent[:_LABEL_WORDS] if t.text == ":"), sent.start)
    opens = all(t.lower_ in ("a", "the") or t.is_punct for t in doc[label:people.i])
    return opens and all(s.text.lstrip().startswith("#") or s[-1].text not in _ENDS
                         for s in doc[:sent.start].sents)


_LABEL_WORDS = 6  # "**TL;DR:**" before a sentence
_ENDS = {".", "!", "?"}  # a sentence's, not a heading's or a title's


def _from_authors(ent: Span, author_nouns: frozenset[str]) -> bool:
    """"New research from X and Y on ...": X, and Y listed with it; read from the words
    before the first of them (:mod:`graph.nlp.components.affiliations` makes X the subject
    of "A new study from X surveyed ...")."""
    k, doc = _before_first(ent), ent.doc
    return k > 0 and doc[k].lower_ == "from" and doc[k - 1].lemma_.lower() in author_nouns


def _before_first(ent: Span) -> int:
    """The token before the first of the names listed with ``ent`` (and its "the")."""
    first = first_conjunct(ent.root)
    doc = ent.doc
    k = min([first.i, *(c.i for c in first.lefts if c.dep_ in ("compound", "det", "flat"))]) - 1
    while k > 0 and doc[k].lower_ == "the":
        k -= 1
    return k


Affiliations = list[tuple[int, list[tuple[int, int]]]]


def affiliations(doc: Doc, offset: int = 0) -> Affiliations:
    """A paper's organisations, each group with where it starts to hold (``offset`` added
    to the piece's character offsets): a line of them ("¹ Tsinghua University  ² Shanghai AI
    Laboratory", "**Affiliations:** University of Washington; Allen Institute for AI") or a
    parenthesis closing a title's line ("### Tree-Aligned Speculative Sampling (Princeton
    University, Together AI)", "*Paper:* "Learning to Fix ..." (Carnegie Mellon University
    and Lumen Labs)"), or on the paper's credit line (:func:`spans.credits`: "**Authors:**
    Priya Raman (Carnegie Mellon University), ...", "*Northwind AI · arXiv:2611.07745*"),
    which under the title holds from the text's start. The "we" and "the authors" after it
    (a line's: from its paragraph's first line, "**Paper:** ...") are theirs (GUIDELINES:
    each of them develops what the paper proposes), up to the next group: a digest's next
    paper."""
    text, groups = doc_text(doc), {}
    for ent in doc.ents:
        if ent.label_ != "ORG" or not listed_organisations(ent):
            continue
        start, end = line_bounds(ent)
        opened = text.rfind("(", start, ent.start_char)
        credited = credits(text[start:end])
        if credited and ent.root.head.lower_ == "by":
            continue  # "**Who:** Halcyon Security Lab, which is funded by the UK AISI, ran ..."
        if credited and text.count("\n", 0, start) <= _BYLINE_LINES:
            start = 0  # the paper's credits under its title: from the text's start
        elif opened >= 0 and ")" not in text[opened:ent.start_char] and not credited:
            if not (text[ent.end_char:end].rstrip(" *_\t").endswith(")") and title_line(ent)):
                continue  # "labs (OpenAI, Anthropic and Google) have ...": no title's
        else:  # a line of them holds from its paragraph's first line ("**Paper:** ...")
            paragraph = text.rfind("\n\n", 0, start)
            start = paragraph + 2 if paragraph >= 0 else 0
        groups.setdefault(offset + start, []).append(
            (offset + ent.start_char, offset + ent.end_char))
    return sorted(groups.items())


def resolve_we(relations: list[TypedRelation], authors: dict[str, tuple[int, int]],
               text: str = "", groups: Affiliations = ()) -> list[TypedRelation]:
    """Give the "we" end (:data:`UNRESOLVED`) of one document's relations its author, or
    each of its joint authors (named together in ``text``), or the organisations of the
    paper it stands in (``groups``: :func:`affiliations`), or drop them.

    ``authors`` are the character spans of :func:`author_mentions` over the whole document
    (all its chunks)."""
    spans = sorted(authors.values())
    joint = len(spans) > 1 and bool(text) and all(
        _TOGETHER.fullmatch(text[a[1]:b[0]]) for a, b in zip(spans, spans[1:], strict=False))
    named = spans if len(spans) == 1 or joint else []
    resolved = []
    for rel in relations:
        if rel.via != FIRST_PERSON_PLURAL:
            resolved.append(rel)
            continue
        who = next((orgs for start, orgs in reversed(groups) if start <= rel.sent_start), named)
        for author in who:
            if author in (rel.source, rel.target):
                continue
            if rel.source == UNRESOLVED:
                resolved.append(replace(rel, source=author))
            elif rel.target == UNRESOLVED:
                resolved.append(replace(rel, target=author))
    return resolved


# What the author of a first-person announcement does to an entity of each type:
# the verb's cue list (resources/lexicon/relations.json), the types it applies to.
WE_PREDICATES = (("PARTNERS_WITH", {"ORG", "PROJECT"}),
                 ("FUNDS", {"ORG", "PROJECT"}),
                 ("DEVELOPED_BY", {"MODEL", "PROJECT", "METHOD", "DATASET"}),
                 ("USES", {"MODEL", "METHOD", "DATASET", "PROJECT"}))


# what the author makes is the verb's object: "we release X", "we put out X"; not what a
# preposition names ("We have released EvoLLM-JP on the Hugging Face Hub", "we build on X")
PARTICLES = {"out", "up"}


def we_predicate(phrase: str, target_type: str) -> str:
    """The predicate of "we <phrase> <target>" ("partner with" an ORG: PARTNERS_WITH), or "";
    "FUNDS<" where the target funds the author ("we were funded by X")."""
    said = phrase.split(" ") if phrase else []
    verb = said[0] if said else ""
    if not verb or phrase.startswith("not "):
        return ""
    if said[1:] == ["by"] and verb in FUNDED and target_type == "ORG":
        return "FUNDS<"  # "we were funded by X": X funds the author
    for predicate, types in WE_PREDICATES:
        if target_type in types and verb in words("relations", f"we_{predicate}") and not (
                predicate == "DEVELOPED_BY" and len(said) > 1 and said[1] not in PARTICLES):
            return predicate
    return ""
