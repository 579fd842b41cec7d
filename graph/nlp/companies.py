"""What "the company", "the startup", "the Seattle lab", "the chipmaker" stand for: the
organization the text is about at that point, the one the last sentences named most.

A news text about a company names its investors, partners and rivals too, and then says
"the company" for the one it is about: "Kairos Labs ... has raised $640 million in a Series
B round led by Northgate Capital. Halvorsen Ventures and ... Bpifrance also put money into
the round, which values the company at $6.2 billion." The company is not the subject of the
sentence before (Halvorsen Ventures) nor of its own sentence, but the organization named
most in the last sentences (Kairos Labs, twice; of a tie, the one that was a subject). Only
nouns that name an organization as a whole (``company_nouns`` in ``resources/lexicon/
relations.json``: not "the team", people of it), made definite ("the Paris start-up" too),
in any role ("the first open model from the company"); a noun that a name follows ("the
company Telvia") or that describes a name ("Kairos Labs, the Paris-based startup") says
which one it is and is left to the sentence.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from graph.nlp.components.spans import first_conjunct
from graph.nlp.lexicon import words
from graph.nlp.pair_grammar import ANAPHOR
from graph.nlp.pairs import Topic

ROLES = ("nsubj", "nsubjpass", "poss", "dobj", "pobj")
DETERMINERS = ("the", "this")
LOOK_BACK = 5  # sentences whose organizations count
# what a company noun may follow without describing it: a place ("the Seattle lab"), a date
# or a figure before its comma ("Founded in 2023, the company is backed by ...")
NO_NAMES = {"PLACE", "DATE", "TIME", "METRIC", "CARDINAL", "ORDINAL"}


def _company_noun(token: Token, taken: set[int]) -> tuple[int, int] | None:
    """The token span of "the company" / "the Seattle lab" headed by ``token``."""
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.dep_ not in ROLES or \
            _noun(token) not in words("relations", "company_nouns"):
        return None
    left = [c for c in token.children if c.i < token.i and c.i < token.i - 2 or
            c.dep_ == "det"]  # (not "start" of "start-up")
    det = next((c for c in left if c.dep_ == "det"), None)
    if det is None or det.lower_ not in DETERMINERS or any(c.i in taken for c in left) or \
            any(c.dep_ in ("appos", "compound") and c.i > token.i for c in token.children):
        return None
    if det.i >= 2 and token.doc[det.i - 1].text == "," and det.i - 2 in taken:
        return None  # "MosaicML, the San Francisco start-up behind ...": a description
    return det.i, token.i + 1


def _noun(token: Token) -> str:
    """The noun ``token`` ends, lower-case: "start-up" for the "up" of "start - up"."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_ \
            and not doc[token.i - 2].whitespace_:
        return doc[token.i - 2:token.i + 1].text.lower()
    return token.lemma_.lower()


def _subject(span: Span) -> bool:
    return first_conjunct(span.root).dep_ in ("nsubj", "nsubjpass")


def _topic(ent: Span, offset: int) -> Topic:
    return (offset + ent.start_char, offset + ent.end_char), ent.label_, ent.text.casefold()


Mention = tuple[Topic, bool]  # an organization named, and whether as a subject


@dataclass(slots=True)
class Organizations:
    """The organizations a document piece's section opened with and its last sentences
    named, in reading order."""

    section: list[Mention] = field(default_factory=list)  # its heading, lead or bold lead-in
    opened: bool = False  # whether the section has its opening (else the next sentence is)
    recent: list[list[Mention]] = field(default_factory=list)  # one list a sentence

    def heading(self, ents: list[Span], offset: int) -> None:
        """A heading starts a section about what it names ("## NVIDIA acquires Run:ai")."""
        self.section = [(_topic(e, offset), _subject(e)) for e in ents if e.label_ == "ORG"]
        self.recent, self.opened = [], True

    def salient(self) -> Topic | None:
        """The organization the section's opening and last sentences named most, a subject
        counting twice; of a tie, the latest named ("X closed a round led by Y with
        participation from Z": X)."""
        said = [*self.section, *(m for sentence in self.recent for m in sentence)]
        scores = Counter()
        for topic, subject in said:
            scores[topic[2]] += 1 + subject
        if not scores:
            return None
        most = max(scores.values())
        return next(topic for topic, _ in reversed(said) if scores[topic[2]] == most)

    def mention(self, org: Topic, subject: bool) -> None:
        """One more mention of ``org`` in the sentence just read ("it", standing for it)."""
        if self.recent:
            self.recent[-1].append((org, subject))

    def stand(self, sent: Span, ents: list[Span], offset: int
              ) -> list[tuple[Span, tuple[Topic, ...]]]:
        """"the company" and its like in ``sent``, each as a span typed ORG (``kb_id``
        :data:`~graph.nlp.pair_grammar.ANAPHOR`) with the organization it stands for (as a
        set of one, like :meth:`graph.nlp.plural.Plurals.stand`'s); then ``sent``'s
        organizations are remembered (a bold lead-in, "**Together AI, $106 million.**",
        opens a section, as a piece's first sentence does)."""
        org = self.salient()
        taken = {t.i for e in ents if e.label_ not in NO_NAMES for t in e}  # "the Seattle lab"
        found = []
        for t in sent:
            span = _company_noun(t, taken) if org is not None else None
            if span is not None:
                found.append((Span(sent.doc, *span, label="ORG", kb_id=ANAPHOR), (org,)))
                taken.update(range(*span))
        if not any(t.is_alpha for t in sent):
            return found  # "**" the parser made a sentence of
        said = [(_topic(e, offset), _subject(e)) for e in ents
                if e.label_ == "ORG" and e.kb_id_ != ANAPHOR]
        said += [(org, _subject(span)) for span, _ in found if org is not None]
        if sent.text.lstrip().startswith("**") or not self.opened:  # (or a news lead)
            self.section, self.recent, self.opened = said, [], True
        else:
            self.recent = [*self.recent[-LOOK_BACK + 1:], said]
        return found
