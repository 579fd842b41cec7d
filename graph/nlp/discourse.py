"""The walk over a document's sentences that gives the relation classifier its candidate
pairs (:mod:`graph.nlp.pairs`) with what a sentence says without naming it: the document's
topic (its heading or title line); the entity the sentence before was about (for a
subjectless summary sentence, and for "It"/"the model", :mod:`graph.nlp.anaphora`); the
entity of a line introducing a list, for its items ("How it compares:\n- 79.4% on
IFEval"); the maker a product's name opens with ("Anthropic Interviewer"); the figures
of a sentence that names nothing they could measure; and, for "Both", "All three", "they",
each of the entities a sentence before listed (:mod:`graph.nlp.plural`); the maker of a
family for its sizes and editions (:mod:`graph.nlp.variants`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from graph.nlp.anaphora import PRONOUNS, anaphors
from graph.nlp.brands import brand_candidates, makers_by_word
from graph.nlp.companies import Organizations
from graph.nlp.components.arbiter import opens_a_list
from graph.nlp.components.spans import (
    HYPHENS,
    MARKUP,
    doc_text,
    labels_its_line,
    sentences_with_entities,
)
from graph.nlp.figures import labelled_figure
from graph.nlp.list_intros import TOPIC_TYPES, Intro, Standing, entity_topic, list_marks
from graph.nlp.page_facts import page_candidates
from graph.nlp.pair_grammar import (
    ANAPHOR,
    discussed,
    introduced,
    kind_fits,
    orphan_figures,
    stands_for_another,
)
from graph.nlp.pairs import LIST_ITEM, Candidate, Topic, sentence_candidates
from graph.nlp.plural import Group, Plurals, in_its_clause, releasing_verb
from graph.nlp.relations import VERBAL, WE_WORDS, main_subject
from graph.nlp.rows import MARKS
from graph.nlp.variants import variant_candidates

RECENT_SENTENCES = 5  # how far on a figure without an owner is still about what was discussed
TITLE_TOKENS = 16  # a first line this short is the document's title


def _topic_of(sent: Span, offset: int) -> Topic | None:
    """The entity a heading or title line names: the one it introduces ("Aurora Devices:
    introducing Lark 3B"), else the first, unless it lists them (each is as much its
    subject; :func:`graph.nlp.components.arbiter.opens_a_list`); none for a line that
    tells what to do, a comment of a command ("# Run with Anthropic model as manipulator,
    OpenAI as manipulatee")."""
    said = [t for t in sent if not t.is_space and not t.is_punct]
    if said and said[0].tag_ == "VB" and said[0].ent_iob_ == "O":  # (not "# Make Me Pay")
        return None
    named = [e for e in sent.ents if e.label_ in TOPIC_TYPES]
    ent = next((e for e in named if introduced(e)), None if opens_a_list(named) else
               named[0] if named else None)  # "AMD, Intel, Blackwell & DGX Spark": none
    return None if ent is None else entity_topic(ent, offset)


def is_heading(sent: Span) -> bool:
    """A Markdown heading ("# Gemma", "## LLaMA: Open and Efficient ...")."""
    return sent.text.lstrip().startswith("#")


def _paper_title(sent: Span, ents: list[Span], offset: int) -> Topic | None:
    """What the line giving a paper summary's title names before its colon ("Title: `TyDi
    QA: A Benchmark for ...`"): the page is about it, when no heading named anything (not
    "Title: `It's All in the Heads: Using Attention Heads ...`", "Title: `NeelNanda/...`")."""
    words = [t for t in sent if not t.is_space and t.text not in MARKUP]
    if len(words) < 4 or words[0].text != "Title" or words[1].text != ":":
        return None
    named = next((e for e in ents if e.start == words[2].i), None)
    after = next((t for t in sent.doc[named.end:sent.end] if t.text not in MARKUP),
                 None) if named is not None else None
    return entity_topic(named, offset) if named is not None and named.label_ in TOPIC_TYPES \
        and after is not None and after.text == ":" else None


def _is_title_line(sent: Span) -> bool:
    """A short line of its own that is not a sentence ("What is Groq?", "Claude 3")."""
    text = sent.text.rstrip(" \t")
    after = doc_text(sent.doc)[sent.start_char + len(text):sent.start_char + len(text) + 1]
    return len(sent) <= TITLE_TOKENS and after in ("\n", "") and not text.endswith(".")


def _figures_of(ent: Span, sent: Span, ents: list[Span], offset: int) -> Iterator[Candidate]:
    """The discussed entity and each figure of ``sent`` without an owner
    (:func:`graph.nlp.pair_grammar.orphan_figures`): HAS_METRIC, decided by the grammar; the
    evidence says the entity was named before (``via`` "previous")."""
    where = (offset + sent.start_char, offset + sent.start_char + len(sent.text.rstrip()))
    for figure in orphan_figures(sent, ents):
        yield Candidate((offset + ent.start_char, offset + ent.end_char),
                        (offset + figure.start_char, offset + figure.end_char), ent.label_,
                        "METRIC", "previous", ("orphan_figure",), where)


def _with_entities(doc) -> Iterator[tuple[Span, list[Span]]]:
    """Each sentence, a heading apart from the line after it, with its entities."""
    return sentences_with_entities(
        doc, (piece for whole in doc.sents for piece in _heading_apart(whole)))


def _heading_apart(sent: Span) -> list[Span]:
    """A heading and the line after it, which the parser may take for one sentence ("## Phi-2
    Introduction\nPhi-2 is the latest small language model (SLM) released by Microsoft
    Research."), as two: the heading names the topic, the line is a sentence of its own."""
    if not is_heading(sent):
        return [sent]
    doc = sent.doc
    cut = next((t.i for t in sent if t.is_space and "\n" in t.text), None)
    if cut is None:
        return [sent]
    start = next((t.i for t in doc[cut:sent.end] if not t.is_space), sent.end)
    if start >= sent.end or is_heading(doc[start:sent.end]):
        return [sent]
    return [doc[sent.start:cut], doc[start:sent.end]]


def _names(ent: Span, subject) -> bool:
    """Whether ``ent`` is the subject, or in apposition to it ("Its distilled sibling,
    DeepSeek-R1-Distill-Qwen-32B, was fine-tuned from ..."; "The first result of the
    collaboration, Tern-VLA 3B, is released today", which the parser made a second subject)."""
    root = ent.root
    return subject in ent or (root.dep_ == "appos" and root.head.i == subject.i) or (
        root.dep_ == subject.dep_ and root.head.i == subject.head.i and root.i > subject.i)


def _antecedent(sent: Span, ents: list[Span],
                known: tuple[Topic | None, Topic | None, Topic | None],
                several: list[tuple[Span, Group]], offset: int) -> tuple[Topic, str] | None:
    """What "it" or "the model" in ``sent`` stands for, and how it was found: the sentence's
    own subject when an entity is it ("Phi-2 ... and it"; "The company said that it", the
    company's), else the entity the sentence before was about ("previous"; what it released,
    if it was an organization that released something: "X released Y. The model ...": Y),
    else the document's topic ("title"). ``known``: the entity the sentence before was
    about, the topic, what the sentence before released."""
    previous, topic, released = known
    subject = main_subject(sent)
    own = next((e for e in ents if e.label_ in TOPIC_TYPES and subject is not None
                and _names(e, subject)), None)
    semicolon = _pronoun_after_semicolon(sent)
    if own is None and (previous is None or semicolon):  # "Claude avoids X when ...—it shows"
        own = next((e for e in ents if e.label_ in TOPIC_TYPES and e.root.dep_ == "nsubj"
                    and e.root.head.pos_ in VERBAL and e.end <= (semicolon or e.end)), None)
    own = own or _opening_name(sent, ents)  # "Mistral Large scores ..., and it supports ..."
    stood = next((g[0] for s, g in several if len(g) == 1 and subject in s), None)
    found = (entity_topic(own, offset), "previous") if own is not None else \
        (stood, "previous") if stood is not None else \
        (previous, "previous") if previous is not None else \
        (topic, "title") if topic is not None else None
    if released is not None and found is not None and found[0][1] == "ORG" \
            and _past_the_maker(sent, released):
        return released, "previous"
    return found


def _opening_name(sent: Span, ents: list[Span]) -> Span | None:
    """The name a sentence without a parsed subject opens with, its subject all the same
    ("Mistral Large scores 81.2% on MMLU ..., and it supports ...", where the tagger read
    "scores" as a noun); not a fronted phrase's ("On MMLU, ...")."""
    first = next((e for e in ents if e.label_ in TOPIC_TYPES), None)
    lead = [t for t in sent.doc[sent.start:first.start] if not t.is_space] if first else None
    if first is None or main_subject(sent) is not None or \
            not all(t.text in MARKS for t in lead) or first.root.dep_ == "pobj":
        return None
    after = sent.doc[first.end] if first.end < sent.end else None
    modifies = after is not None and (after.tag_ in ("VBN", "JJ") or after.text in HYPHENS)
    label = first.label_ == "DATASET" and after is not None and after.text.strip("*_") == ":"
    return None if modifies or label else first  # (not "Transformer based model built on X",
    # nor a benchmark labelling a line of results: "HumanEval: With Llama 3 8B, QuRA ...")


def _pronoun_after_semicolon(sent: Span) -> int:
    """Where the semicolon is that an "it" follows ("X reaches 54.2 on Arena-Hard; it is
    competitive with Y"): the clause before it is the sentence "it" follows, its subject
    what "it" stands for; ``0`` when there is none."""
    semicolon = next((t.i for t in sent if t.text == ";"), 0)
    return semicolon if semicolon and any(
        t.lower_ in PRONOUNS for t in sent if t.i > semicolon) else 0


def _resolved(c: Candidate, standing: Standing, text: str, offset: int) -> Candidate | None:
    """A candidate of the sentence (of a piece whose text is ``text``) in document offsets,
    an end standing for an entity named elsewhere (:func:`graph.nlp.anaphora.anaphors`, a
    list item's mark) replaced by that entity's span and the evidence marked (``context``:
    "previous", "title", "list"); ``None`` when both ends are then one entity ("Phi-2 ... it")."""
    sentence = (c.sentence[0] + offset, c.sentence[1] + offset)
    if c.context:  # the context entity: its span is in document offsets already
        return replace(c, b=(c.b[0] + offset, c.b[1] + offset), sentence=sentence)
    ends, names, kind, said = [], [], "", {}
    for end in (c.a, c.b):
        if end in standing:
            (span, _, name), kind = standing[end]
            kind, _, phrase = kind.partition(":")  # "list:used by": what the line says
            if phrase and not c.phrase:
                said = {"phrase": phrase, "phrase_forward": end == c.a}
            ends.append(span)
            names.append(name)
        else:
            ends.append((end[0] + offset, end[1] + offset))
            names.append(text[end[0]:end[1]].casefold())
    if kind and (ends[0] == ends[1] or names[0] == names[1] or WE_WORDS & set(names)):
        return None  # (an "it" and a "we": the sentence would name neither end)
    return replace(c, a=ends[0], b=ends[1], context=kind, sentence=sentence, **said)


def _standing(sent: Span, ents: list[Span], antecedent: tuple[Topic, str] | None,
              several: list[tuple[Span, Group]], organizations: Organizations) -> list[Span]:
    """The words of ``sent`` standing for ``antecedent`` (:func:`graph.nlp.anaphora.
    anaphors`; not those standing for a set, ``several``); an organization's "it" is one
    more mention of it ("In December 2023 it closed ...")."""
    if antecedent is None:
        return []
    found = anaphors(sent, [*ents, *(s for s, _ in several)], antecedent[0][1])
    if found and antecedent[0][1] == "ORG":
        organizations.mention(antecedent[0], _is_subject([(found[0], ())], sent))
    return found


def _stood_for(sent: Span, ents: list[Span],
               known: tuple[Topic | None, Topic | None, Topic | None],
               several: list[tuple[Span, Group]], organizations: Organizations, offset: int
               ) -> tuple[tuple[Topic, str] | None, list[Span]]:
    """The antecedent of ``sent`` (:func:`_antecedent`) and the words standing for it; else
    the topic, where only a noun of its kind does ("The method is similar to X")."""
    antecedent, topic = _antecedent(sent, ents, known, several, offset), known[1]
    standing = _standing(sent, ents, antecedent, several, organizations)
    if not standing and antecedent is not None and topic is not None and \
            antecedent[0][1] != topic[1] and \
            (standing := _standing(sent, ents, (topic, "title"), several, organizations)):
        return (topic, "title"), standing
    return antecedent, standing


def _pairs(sent: Span, context, ents: list[Span], headed: bool, stand: Standing,
           several: list[tuple[Span, Group]], text: str, offset: int) -> Iterator[Candidate]:
    """The candidates of ``sent`` (:func:`graph.nlp.pairs.sentence_candidates`) in document
    offsets, an end standing for one entity named elsewhere replaced by it, one standing for
    several (``several``: "Both", "All three") by each of them."""
    every = sorted([*ents, *(s for s, _ in several)], key=lambda e: e.start)
    sets = {(s.start_char, s.end_char): (group, in_its_clause(s, every))
            for s, group in several}
    for c in sentence_candidates(sent, context, every, headed):
        for each in _each(c, stand, sets, text):
            resolved = _resolved(c, each, text, offset)
            if resolved is not None:
                yield resolved


def _is_subject(several: list[tuple[Span, Group]], sent: Span) -> bool:
    subject = main_subject(sent)
    return subject is not None and any(subject in span for span, _ in several)


def _context(sent: Span, ents: list[Span], several: list[tuple[Span, Group]],
             previous: Topic | None, topic: Topic | None) -> tuple | None:
    """What a sentence without a subject of its own is about: the subject of the sentence
    before, else the topic; none for one whose subject stands for several ("Both ...") or
    that opens on a name the parse gave no subject (:func:`_opening_name`)."""
    if _is_subject(several, sent) or _opening_name(sent, ents) is not None:
        return None
    return (*previous, "previous") if previous else (*topic, "title") if topic else None


Sets = dict[tuple[int, int], tuple[Group, set[tuple[int, int]]]]  # a plural span -> its
# set, and the entities of its clause


def _each(c: Candidate, stand: Standing, sets: Sets, text: str) -> list[Standing]:
    """What the ends of ``c`` stand for, once per entity of the set a plural end stands for
    ("Both were trained with X": one candidate per model); none when both ends are plural,
    the other end is one of the set or not in the plural's clause (a set of one, "The
    models" of a family, reads as "it" does), or is a figure the grammar does not make
    theirs ("Both support ... a 64K-token context" does)."""
    ends = [end for end in (c.a, c.b) if end in sets and not c.context]
    if not ends:
        return [stand]
    group, partners = sets[ends[0]]
    other, kind = (c.b, c.b_type) if ends[0] == c.a else (c.a, c.a_type)
    if len(ends) > 1 or other not in partners and len(group) > 1 or kind == "METRIC" and \
            "owner" not in c.features or text[other[0]:other[1]].casefold() in \
            {t[2] for t in group}:
        return []
    return [{**stand, ends[0]: (one, "previous")} for one in group]


def _item_head(sent: Span, ents: list[Span]) -> Span | None:
    """The entity a sentence of its own names before a colon, the parser having split its
    line there ("- **Query Rewriting:**" + "Focuses on rewriting queries using ..."): the
    subject of the rest of the line."""
    words = [t for t in sent if t.text.strip("*_` ") and not LIST_ITEM.fullmatch(t.text)]
    if not words or not ents or words[-1].text.strip("*_`") != ":" or \
            ents[0].start != words[0].i or ents[0].label_ not in TOPIC_TYPES or \
            ents[0].end != words[-1].i and not all(t.text == ":" for t in words[1:]
                                                   if t.i >= ents[0].end):
        return None
    return ents[0]


def _same_line(doc, before: Span | None, sent: Span) -> bool:
    if before is None:
        return False
    between = doc[before.start:sent.start].text_with_ws  # (not Doc.text: the whole piece)
    return "\n" not in between[before.end_char - before.start_char:]


def document_candidates(doc, offset: int = 0, topic: Topic | None = None
                        ) -> tuple[list[Candidate], Topic | None]:
    """Candidates of every sentence of a parsed ``doc`` (a piece of a document at ``offset``).

    A sentence without a subject of its own is paired with the subject of the sentence
    before it in the same section, else with the topic (the entity the heading, or a short
    first line, names); "it", "its", "the model" are ends standing for that entity (or for
    the sentence's own subject), the mark of a list item for the entity of the line
    introducing the list, "Both", "All three models" for each entity of the set they stand
    for; pass the returned topic on to the next piece. Spans of the candidates are in
    document offsets.
    """
    found: list[Candidate] = []
    previous: Topic | None = None
    intro: Intro | None = None  # the entity of a line introducing a list ("It offers:")
    carried: list[Span] = []  # a list item's mark the parser made a sentence of
    recent: tuple[int, Span] | None = None  # the entity under discussion, from sentence n
    makers = makers_by_word(doc)
    text = doc.text  # built from the tokens on each access: once per piece
    released: Topic | None = None  # what the sentence before released, its subject a maker
    head: tuple[Span, Span] | None = None  # the sentence "- NAME:" before, and its entity
    plurals = Plurals()  # the sets the sentences named, for "Both ...", "All three ..."
    organizations = Organizations()  # the ones named last, for "the company"
    for n, (sent, ents) in enumerate(_with_entities(doc)):
        found += brand_candidates(sent, ents, makers, offset)
        topic = topic or _paper_title(sent, ents, offset)  # "Title: `ChartQA: A ...`"
        if is_heading(sent) or (offset == 0 and n == 0 and _is_title_line(sent)):
            topic, previous, recent = _topic_of(sent, offset) or topic, None, None
            intro, carried = None, []
            plurals.heading()
            organizations.heading(ents, offset)
            continue
        several = plurals.stand(sent, ents, offset)  # (and "the company": a set of one)
        several += organizations.stand(sent, [*ents, *(s for s, _ in several)], offset)
        if recent is not None and n - recent[0] <= RECENT_SENTENCES and ents:
            found += _figures_of(recent[1], sent, ents, offset)
        about = discussed(ents) if ents else None
        recent = (n, about) if about is not None else recent
        if headed := head is not None and _same_line(doc, head[0], sent):
            previous = entity_topic(head[1], offset)
        context = _context(sent, ents, several, previous, topic)
        antecedent, standing = _stood_for(sent, ents, (previous, topic, released), several,
                                          organizations, offset)
        stand: Standing = {(e.start_char, e.end_char): antecedent for e in standing}
        marks, intro = list_marks(sent, ents, intro, stand, carried, offset, previous or topic)
        carried = marks if LIST_ITEM.fullmatch(sent.text.strip()) else []
        standing += marks
        found += _pairs(sent, context, [*ents, *standing], headed, stand, several, text,
                        offset)
        found += page_candidates(sent, ents, topic, offset)
        ones = [*standing, *(s for s, g in several if len(g) == 1)]  # (and "The company")
        before, previous = previous, _next_previous(
            sent, ents, ones, previous, antecedent[0] if antecedent else None, offset)
        # (kept while the text stays on the maker: "The company says ...")
        released = _released_by_maker(sent, ents, offset) or \
            (released if previous == before else None)
        named = _item_head(sent, ents)
        head = (sent, named) if named is not None else None
    return found + list(variant_candidates(doc, found, offset)), topic


RELEASED = ("MODEL", "PROJECT", "METHOD", "DATASET")  # what a maker's sentence may release


def _released_by_maker(sent: Span, ents: list[Span], offset: int) -> Topic | None:
    """What a sentence whose subject is an organization releases with its main verb:
    "Stability AI today released Stable Diffusion 3.5 Large", "Meta is releasing Llama 3.1
    405B"; not another clause's object ("and its chief scientist created FlashAttention")."""
    subject = main_subject(sent)
    if subject is None or not any(e.label_ == "ORG" and subject in e for e in ents):
        return None
    found = next((e for e in ents if e.label_ in RELEASED and (
        verb := releasing_verb(e)) is not None and verb.i == subject.head.i), None)
    return None if found is None else entity_topic(found, offset)


def _past_the_maker(sent: Span, released: Topic) -> bool:
    """Whether the subject of ``sent`` ("It", "The model") stands for what the sentence
    before released rather than for the organization that released it ("The company"
    stays the organization)."""
    subject = main_subject(sent)
    if subject is None or not stands_for_another(subject):
        return False
    return subject.pos_ == "PRON" or (kind_fits(subject, released[1])
                                      and not kind_fits(subject, "ORG"))


def _next_previous(sent: Span, ents: list[Span], standing: list[Span],
                   previous: Topic | None, antecedent: Topic | None, offset: int
                   ) -> Topic | None:
    """What the sentence after ``sent`` is about, when it does not say: the entity that is
    the subject of ``sent`` (or that a subjectless headline introduces), else the one before
    when the subject stands for it ("It", "the model", "we"), else nothing; a table's row
    is no sentence the next one follows ("The models are ..." after a results table)."""
    if sent.text.lstrip().startswith("|") or labelled_figure(sent, ents) is not None:
        return previous  # (nor is "- **HumanEval+:** 90.2%" about the benchmark)
    subject = _past_label(main_subject(sent))
    named = next((e for e in ents if e.label_ in TOPIC_TYPES and (
        _names(e, subject) if subject is not None else introduced(e))), None) or \
        _bold_opening(sent, ents)
    if named is None and any(e.kb_id_ == ANAPHOR and e.text not in MARKS for e in standing):
        return antecedent  # "We shrank it with ...": still about it
    if named is None and subject is not None and subject.lower_ in WE_WORDS:
        named = next((e for e in ents if e.label_ in TOPIC_TYPES
                      and releasing_verb(e) is not None), None)
    if named is not None:
        return entity_topic(named, offset)
    if subject is not None and not stands_for_another(subject) and \
            subject.lower_ not in WE_WORDS and not any(subject in e for e in standing):
        return None  # the discussion moved on to something that is not an entity
    return previous


def _past_label(subject: Token | None) -> Token | None:
    """The verb's other subject where the parser made one of a line's label ("HumanEval:
    With Llama 3 8B, QuRA scores 62.2%": QuRA, whom "It outperforms ..." goes on about)."""
    if subject is None or not labels_its_line(subject):
        return subject
    return next((c for c in subject.head.children if c.dep_ == subject.dep_ and c.i > subject.i),
                subject)


def _bold_opening(sent: Span, ents: list[Span]) -> Span | None:
    """The entity a line opens with in bold, which the line is about whatever the parse
    ("- **Recursive retrieval** recursively iterates on ...")."""
    first = next((e for e in ents if e.label_ in TOPIC_TYPES), None)
    if first is None or first.end + 2 > len(sent.doc):
        return None
    doc = sent.doc
    lead = [t.text for t in doc[sent.start:first.start] if not t.is_space]
    bold = lead[-2:] == ["*", "*"] or lead[-1:] == ["**"]
    opens = all(w in MARKS or w == "*" for w in lead)
    closes = doc[first.end:first.end + 2].text.replace(" ", "").startswith("**")
    return first if bold and opens and closes else None

