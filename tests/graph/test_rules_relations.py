"""The relation rules on fixed parses: no statistical model, so no model's mood.

Each test builds the parse by hand (words, tags, dependencies, entities, as spaCy's own
pipeline tests do) and reads the relations :mod:`graph.nlp.relations` finds in it.
"""

from __future__ import annotations

import pytest
from fixed_parse import parse
from spacy.tokens import Doc

from graph.nlp.authors import author_mentions, resolve_we
from graph.nlp.relations import (
    UNRESOLVED,
    dependency_relations,
    sentence_relations,
)


def read(doc: Doc, relations) -> set[tuple[str, str, str, str]]:
    """``(source, label, target, via)`` texts; "?" for a source still to be resolved."""
    text = doc.text
    return {("?" if r.source == UNRESOLVED else text[r.source[0]:r.source[1]], r.relation,
             text[r.target[0]:r.target[1]], r.via) for r in relations}


def relations(text: str, table: str) -> set[tuple[str, str, str]]:
    doc = parse(text, table)
    return {(s, label, t) for s, label, t, _ in read(doc, dependency_relations(doc, "a.txt"))}


CASES = {
    "subject-verb-object, the preposition in the label": (
        "Opus 3 expressed a desire in retirement interviews.", """
        0 Opus       PROPN NNP compound 1 B-MODEL
        1 3          NUM   CD  nsubj    2 I-MODEL
        2 expressed  VERB  VBD ROOT     2 O        express
        3 a          DET   DT  det      4 O
        4 desire     NOUN  NN  dobj     2 O
        5 in         ADP   IN  prep     2 O
        6 retirement NOUN  NN  compound 7 B-METHOD
        7 interviews NOUN  NNS pobj     5 I-METHOD interview
        8 .          PUNCT .   punct    2 O
        """, {("Opus 3", "express in", "retirement interviews")}),
    "a passive keeps its form": (
        "Project Glasswing is powered by Claude.", """
        0 Project   PROPN NNP compound  1 B-PROJECT
        1 Glasswing PROPN NNP nsubjpass 3 I-PROJECT
        2 is        AUX   VBZ auxpass   3 O         be
        3 powered   VERB  VBN ROOT      3 O         power
        4 by        ADP   IN  agent     3 O
        5 Claude    PROPN NNP pobj      4 B-MODEL
        6 .         PUNCT .   punct     3 O
        """, {("Project Glasswing", "powered by", "Claude")}),
    "a relative clause in which": (
        "We recall Project Vend, in which Claude ran a business.", """
        0  We       PRON  PRP nsubj    1 O
        1  recall   VERB  VBP ROOT     1 O
        2  Project  PROPN NNP compound 3 B-PROJECT
        3  Vend     PROPN NNP dobj     1 I-PROJECT
        4  ,        PUNCT ,   punct    3 O
        5  in       ADP   IN  prep     8 O
        6  which    PRON  WDT pobj     5 O
        7  Claude   PROPN NNP nsubj    8 B-MODEL
        8  ran      VERB  VBD relcl    3 O         run
        9  a        DET   DT  det      10 O
        10 business NOUN  NN  dobj     8 O
        11 .        PUNCT .   punct    1 O
        """, {("Claude", "run in", "Project Vend")}),
    "apposition: X, a version of Y": (
        "We used Anthropic Interviewer, a version of Claude.", """
        0 We          PRON  PRP nsubj    1 O
        1 used        VERB  VBD ROOT     1 O         use
        2 Anthropic   PROPN NNP compound 3 B-PROJECT
        3 Interviewer PROPN NNP dobj     1 I-PROJECT
        4 ,           PUNCT ,   punct    3 O
        5 a           DET   DT  det      6 O
        6 version     NOUN  NN  appos    3 O
        7 of          ADP   IN  prep     6 O
        8 Claude      PROPN NNP pobj     7 B-MODEL
        9 .           PUNCT .   punct    1 O
        """, {("Anthropic Interviewer", "version of", "Claude")}),
    "a negated verb says so": (
        "Anthropic did not use GPT-4o.", """
        0 Anthropic PROPN NNP nsubj 3 B-ORG
        1 did       AUX   VBD aux   3 O     do
        2 not       PART  RB  neg   3 O
        3 use       VERB  VB  ROOT  3 O
        4 GPT-4o    PROPN NNP dobj  3 B-MODEL
        5 .         PUNCT .   punct 3 O
        """, {("Anthropic", "not use", "GPT-4o")}),
    "a purpose clause takes the main clause's subject": (
        "To create Claude, Anthropic makes an engine.", """
        0 To        PART  TO  aux    1 O
        1 create    VERB  VB  advcl  5 O
        2 Claude    PROPN NNP dobj   1 B-MODEL
        3 ,         PUNCT ,   punct  5 O
        4 Anthropic PROPN NNP nsubj  5 B-ORG
        5 makes     VERB  VBZ ROOT   5 O       make
        6 an        DET   DT  det    7 O
        7 engine    NOUN  NN  dobj   5 O
        8 .         PUNCT .   punct  5 O
        """, {("Anthropic", "create", "Claude")}),
    "a controlled complement takes the main verb's object": (
        "Anthropic trains Claude to translate Python.", """
        0 Anthropic PROPN NNP nsubj 1 B-ORG
        1 trains    VERB  VBZ ROOT  1 O         train
        2 Claude    PROPN NNP dobj  1 B-MODEL
        3 to        PART  TO  aux   4 O
        4 translate VERB  VB  xcomp 1 O
        5 Python    PROPN NNP dobj  4 B-PROJECT
        6 .         PUNCT .   punct 1 O
        """, {("Anthropic", "train", "Claude"), ("Claude", "translate", "Python")}),
    # the prompt guide's pages, as en_core_web_sm parses them
    "a name called so stands for the noun it names": (
        "Google introduced its product called Gemini Advanced.", """
        0 Google     PROPN NNP nsubj    1 B-ORG
        1 introduced VERB  VBD ROOT     1 O         introduce
        2 its        PRON  PRP$ poss    3 O
        3 product    NOUN  NN  dobj     1 O
        4 called     VERB  VBN acl      3 O         call
        5 Gemini     PROPN NNP compound 6 B-PROJECT
        6 Advanced   PROPN NNP oprd     4 I-PROJECT
        7 .          PUNCT .   punct    1 O
        """, {("Google", "introduce", "Gemini Advanced")}),
    "a name called so after the verb's object": (
        "Meta introduced their new family of models, called Llama 3.", """
        0  Meta       PROPN NNP nsubj  1  B-ORG
        1  introduced VERB  VBD ROOT   1  O       introduce
        2  their      PRON  PRP$ poss  4  O
        3  new        ADJ   JJ  amod   4  O
        4  family     NOUN  NN  dobj   1  O
        5  of         ADP   IN  prep   4  O
        6  models     NOUN  NNS pobj   5  O       model
        7  ,          PUNCT ,   punct  1  O
        8  called     VERB  VBN advcl  1  O       call
        9  Llama      PROPN NNP oprd   8  B-MODEL
        10 3          NUM   CD  nummod 9  I-MODEL
        11 .          PUNCT .   punct  1  O
        """, {("Meta", "introduce", "Llama 3")}),
}


@pytest.mark.parametrize("text, table, expected", CASES.values(), ids=list(CASES))
def test_relations_read_off_the_parse(text, table, expected):
    assert relations(text, table) == expected


CONJOINED = """
0 Anthropic PROPN NNP nsubj 1 B-ORG
1 trained   VERB  VBD ROOT  1 O       train
2 Claude    PROPN NNP dobj  1 B-MODEL
3 and       CCONJ CC  cc    1 O
4 released  VERB  {tag} conj 1 O      release
5 Opus      PROPN NNP dobj  4 B-MODEL
6 .         PUNCT .   punct 1 O
"""


@pytest.mark.parametrize("tag, shared", [("VBD", True), ("VBN", False)])
def test_coordinated_verbs_share_a_subject_when_they_agree_in_form(tag, shared):
    found = relations("Anthropic trained Claude and released Opus.", CONJOINED.format(tag=tag))
    expected = {("Anthropic", "train", "Claude")}
    if shared:
        expected.add(("Anthropic", "release", "Opus"))
    assert found == expected  # a participle under "and" is a mis-parse, not a shared verb


RELATIVE = """
0 Anthropic  PROPN NNP nsubj 1 B-ORG
1 built      VERB  VBD ROOT  1 O         build
2 Mythos     PROPN NNP dobj  1 B-MODEL
3 ,          PUNCT ,   punct 2 O
4 {pronoun}  PRON  {tag} nsubj 5 O
5 found      VERB  VBD relcl 2 O         find
6 OpenBSD    PROPN NNP dobj  5 B-PROJECT
7 .          PUNCT .   punct 1 O
"""


@pytest.mark.parametrize("pronoun, tag, shared", [("which", "WDT", True), ("it", "PRP", False)])
def test_which_stands_for_its_antecedent(pronoun, tag, shared):
    found = relations(f"Anthropic built Mythos, {pronoun} found OpenBSD.",
                      RELATIVE.format(pronoun=pronoun, tag=tag))
    expected = {("Anthropic", "build", "Mythos")}
    if shared:
        expected.add(("Mythos", "find", "OpenBSD"))
    assert found == expected  # "it" is never resolved


TRAINED = """
0 Anthropic PROPN NNP nsubj 1 B-ORG
1 trained   VERB  VBD ROOT  1 O      train
2 Mythos    PROPN NNP dobj  1 {ent}
3 .         PUNCT .   punct 1 O
"""


@pytest.mark.parametrize("ent, expected", [("O", []), ("B-MODEL", [("train", "Mythos")])])
def test_a_sentence_needs_two_entities(ent, expected):
    doc = parse("Anthropic trained Mythos.", TRAINED.format(ent=ent))
    [sent] = doc.sents
    found = [(label, target.text) for _, target, label, _ in sentence_relations(sent)]
    assert found == expected


# -- "we" --------------------------------------------------------------------------------------
ANNOUNCED = """
0 Anthropic PROPN NNP nsubj 1 B-ORG
1 {verb}    VERB  VBD ROOT  1 O       {lemma}
2 Claude    PROPN NNP dobj  1 B-MODEL
3 .         PUNCT .   punct 1 O
4 We        PRON  PRP nsubj 5 O
5 partnered VERB  VBD ROOT  5 O       partner
6 with      ADP   IN  prep  5 O
7 Apple     PROPN NNP pobj  6 B-ORG
8 .         PUNCT .   punct 5 O
"""


def announced(verb: str = "announced", lemma: str = "announce") -> Doc:
    return parse(f"Anthropic {verb} Claude. We partnered with Apple.",
                 ANNOUNCED.format(verb=verb, lemma=lemma))


def test_we_is_found_only_when_asked_for():
    doc = announced()
    assert read(doc, dependency_relations(doc, "a.txt")) == {
        ("Anthropic", "announce", "Claude", "")}
    assert read(doc, dependency_relations(doc, "a.txt", resolve_we=True)) == {
        ("Anthropic", "announce", "Claude", ""), ("?", "partner with", "Apple", "we")}


def test_we_is_the_one_author_the_announcement_names():
    doc = announced()
    authors = {name: (s.start_char, s.end_char) for name, s in author_mentions(doc).items()}
    found = resolve_we(list(dependency_relations(doc, "a.txt", resolve_we=True)), authors)
    assert read(doc, found) == {("Anthropic", "announce", "Claude", ""),
                                ("Anthropic", "partner with", "Apple", "we")}


@pytest.mark.parametrize("authors", [{}, {"anthropic": (0, 9), "openai": (90, 96)}])
def test_we_stays_unresolved_without_exactly_one_author(authors):
    doc = announced()
    found = resolve_we(list(dependency_relations(doc, "a.txt", resolve_we=True)), authors)
    assert read(doc, found) == {("Anthropic", "announce", "Claude", "")}


def test_an_author_is_not_its_own_partner():
    doc = announced()
    apple = (doc[7].idx, doc[7].idx + len("Apple"))
    found = resolve_we(list(dependency_relations(doc, "a.txt", resolve_we=True)),
                       {"apple": apple})
    assert read(doc, found) == {("Anthropic", "announce", "Claude", "")}


@pytest.mark.parametrize("verb, lemma, expected", [
    ("announced", "announce", {"anthropic"}),
    ("released", "release", {"anthropic"}),
    ("found", "find", set()),  # not a verb an announcement names its author with
])
def test_an_organisation_announcing_is_the_author(verb, lemma, expected):
    assert set(author_mentions(announced(verb, lemma))) == expected


def test_a_guide_reporting_a_release_is_not_its_makers_announcement(nlp):
    """models__gemini-advanced.md: the guide's "we" and "our Prompt Hub" are its writers'."""
    doc = nlp("Google recently introduced its latest chat-based AI product called Gemini "
              "Advanced. In this guide, we will be demonstrating some of the capabilities of "
              "Gemini Ultra. You can try more prompts from our Prompt Hub.")
    assert author_mentions(doc) == {}
    assert set(author_mentions(nlp("Google today introduced Gemini Advanced."))) == {"google"}


@pytest.mark.parametrize("text, table", [
    ("New Anthropic research on Claude.", """
        0 New       ADJ   JJ  amod     2 O
        1 Anthropic PROPN NNP compound 2 B-ORG
        2 research  NOUN  NN  ROOT     2 O
        3 on        ADP   IN  prep     2 O
        4 Claude    PROPN NNP pobj     3 B-MODEL
        5 .         PUNCT .   punct    2 O
        """),
    ("At Anthropic, we build Claude.", """
        0 At        ADP   IN  prep  4 O
        1 Anthropic PROPN NNP pobj  0 B-ORG
        2 ,         PUNCT ,   punct 4 O
        3 we        PRON  PRP nsubj 4 O
        4 build     VERB  VBP ROOT  4 O
        5 Claude    PROPN NNP dobj  4 B-MODEL
        6 .         PUNCT .   punct 4 O
        """),
])
def test_a_headline_or_at_us_names_the_author(text, table):
    assert set(author_mentions(parse(text, table))) == {"anthropic"}
    # an organisation in another role of the same sentence names nobody
    other_role = table.replace("B-ORG", "O").replace("B-MODEL", "B-ORG")
    assert author_mentions(parse(text, other_role)) == {}


@pytest.mark.parametrize("text, table", [
    ("Anthropic research on Claude.", """
        0 Anthropic PROPN NNP compound 1 B-ORG
        1 research  NOUN  NN  ROOT     1 O
        2 on        ADP   IN  prep     1 O
        3 Claude    PROPN NNP pobj     2 B-MODEL
        4 .         PUNCT .   punct    1 O
        """),  # a headline says "New"
    ("At Anthropic, they build Claude.", """
        0 At        ADP   IN  prep  4 O
        1 Anthropic PROPN NNP pobj  0 B-ORG
        2 ,         PUNCT ,   punct 4 O
        3 they      PRON  PRP nsubj 4 O
        4 build     VERB  VBP ROOT  4 O
        5 Claude    PROPN NNP dobj  4 B-MODEL
        6 .         PUNCT .   punct 4 O
        """),  # "at X" names the author only in the first person
])
def test_a_third_person_report_names_no_author(text, table):
    assert author_mentions(parse(text, table)) == {}


def test_a_posts_byline_names_its_author(nlp, model):
    """Session-60 probe b06.md (an announcement of our own): "we" of a company blog's post is
    the company its byline names, so its round's funders fund it."""
    from tests.graph.test_relation_classifier import typed
    text = ("# Introducing Sieve 2, and Our Seed Round\n\n"
            "*The Loomwright blog · March 3, 2026*\n\n"
            "Today we're releasing Sieve 2, the second major version of our open-source "
            "toolkit for cleaning and curating LLM training data. We're also sharing some "
            "company news: Loomwright has raised an $8.5 million seed round.\n\n"
            "Our $8.5 million seed round was led by Andreessen Horowitz (a16z), with "
            "participation from Conviction.\n")
    assert set(author_mentions(nlp(text))) == {"loomwright"}
    assert ("Andreessen Horowitz", "FUNDS", "Loomwright") in typed(nlp, text)
    # a vendor's documentation names its maker the same way: session-61 probe k06.md
    docs = ("*Aldermere AI docs › Concepts*\n\n# Glossary: how language models are trained\n\n"
            "**Pretraining**\n: The first and most expensive stage. Our Tesserae-8x3B was "
            "pretrained on Loamweb, a 9T-token filtered crawl we built in-house.\n")
    assert set(author_mentions(nlp(docs))) == {"aldermere ai"}
    assert ("Loamweb", "DEVELOPED_BY", "Aldermere AI") in typed(nlp, docs)
    # a dateline under the headline: news probe a04.md ("RepoTrace, our new ... benchmark")
    post = ("# Introducing PolyStack and Cobalt-Coder 7B\n\nMay 28, 2026 · Cobalt Research\n\n"
            "Today we are releasing PolyStack, an open dataset of permissively licensed source "
            "code.\n")
    assert set(author_mentions(nlp(post))) == {"cobalt research"}
    assert ("PolyStack", "DEVELOPED_BY", "Cobalt Research") in typed(nlp, post)
    # a name further down is no byline, nor one on a line saying more than a date
    assert author_mentions(nlp("\n\n\n\n\n\nA guide to the Loomwright blog and others.")) == {}
    assert author_mentions(nlp("# Notes\n\nMay 28, 2026: Cobalt Research cut prices.\n")) == {}
