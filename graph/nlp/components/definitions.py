"""Names typed by how the text defines or introduces them.

A benchmark paper's summary or a package's README says once what its subject is, in the
genre's grammar, then uses the bare name; the trained recogniser, which has not seen the
name, guesses from its spelling ("EusTrivia" a product, "LingOly" a person). Read here:

* apposition: "we introduce HRM8K, a benchmark comprising ...", "our proposed suite, X.";
* "is a": "FastChat is an open platform for ...", the name opening its sentence;
* the kind after the name: "the LingOly benchmark", "the vanilla NIAH test" (a lower-case
  kind noun is no part of the name, a capitalised one is: "HAE-RAE Bench");
* what it extends: "RULER expands upon the vanilla NIAH test" (a test too);
* what it counts: "EusTrivia consists of 1,715 trivia questions";
* a paper's title or a heading: "Title: `LINGOLY: A Benchmark of ...`", and a heading
  followed by a line saying what its subject is ("# BEAR" over "Dataset to evaluate ...").

The head noun of the defining phrase gives the type. A name defined more than once takes
the type most of its definitions give (a dataset first, then a product, a method, a model
where they tie), and so does every mention of it in the document, in any capitalisation
("HAE-RAE BENCH", "Ruler"): a guess over the same words is re-typed, a guess inside the
name is extended over it ("HAE-RAE" to "HAE-RAE Bench"), a guess that runs on past it
into a title or a kind noun is cut back ("BEAR: A Unified Framework ...", "HRM8K
benchmark"), and a mention nothing found is added. A pattern's match of a whole name keeps
its type. The nouns and verbs are in ``resources/lexicon/definitions.json``; what is a name's
written form, in :mod:`graph.nlp.components.name_forms`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.tokens import Doc, Span, Token

from graph.nlp.components.name_forms import (
    a_name,
    before_gloss,
    name_after,
    name_before,
    name_part,
    opens_sentence,
    package_name,
)
from graph.nlp.components.spans import HYPHENS, MARKUP, QUOTES, doc_text, relabel
from graph.nlp.lexicon import words

_ORDER = ("DATASET", "PROJECT", "METHOD", "MODEL", "ORG")  # who wins a tie
_OPENERS = {"a", "an", "the", "our", "its", "their", "this", "'s", "’s"}  # "Fennec's new model"
_DEFINITE = {"the", "our", "its", "this"}
_COPULAS = {"is", "was"}
_NOT_MODIFIERS = {"ADP", "AUX", "CCONJ", "SCONJ", "PRON", "PART", "DET", "PUNCT", "SPACE"}
_PARTICIPLES = {"VBN", "VBG"}  # "our proposed suite", "a growing benchmark"
_MAX_MODIFIERS = 6  # words between the article and the kind noun
_MAX_TITLE_WORDS = 6  # words of a title's defining phrase before its head
# What ends a title's defining phrase: "A Benchmark of ...", "An Open Language Model and ..."
_PHRASE_ENDS = {"for", "of", "in", "on", "with", "to", "via", "and", "or", "that", "from", "by",
                "across", "which", "where", "at", "as", "--", "—", "–"}
_COUNT_WORDS = {"over", "more", "than", "about", "around", "nearly", "approximately", "almost",
                "roughly", "some"}
_RETYPED = {"MODEL", "ORG", "PROJECT", "METHOD", "DATASET", "PERSON", "PLACE"}
_PAPER = r"(?:\*\*)?Title:(?:\*\*)?[ \t]*"  # "Title:", "**Title:**"
_NAMED = r"`?(?:\*\*)?([^\n:`*#]{1,60}?)(?:\*\*)?[ \t]*:[ \t]+`?"  # the name, then its colon
# "Title: `X: A ...`", "# X: A ...", "#  X : An ...", "- X: A ...": the name, then its
# defining phrase
_TITLE = re.compile(rf"(?m)^[ \t]*(?:#{{1,6}}[ \t]*|{_PAPER}|[-*+][ \t]+){_NAMED}"
                    r"(?=(?:[Aa]n?|[Tt]he)[ \t])")
# a reference list's paper, dated: "- Koala: A Dialogue Model for Academic Research (April
# 2023)" (a word of the language names the model: the paper says what it is)
_REFERENCE = re.compile(r"(?m)^[ \t]*[-*+][ \t]+\S.*\((?:[A-Z][a-z]+\.? )?\d{4}\)[ \t]*$")
# "Title: `LIBRA: Long Input Benchmark for Russian Analysis`": without an article, only a
# benchmark's kind noun heads a paper's title ("LongProc: Benchmarking Long-Context Language
# Models on ..." is no model's)
_BARE_TITLE = re.compile(rf"(?m)^[ \t]*{_PAPER}{_NAMED}(?=[A-Z])")
# a heading (or the document's first line) and the next line that is not blank
_HEADING = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+([^\n:#]{1,60}?)[ \t]*\n(?:[ \t]*\n)*(?=[A-Za-z])")
_FIRST_LINE = re.compile(r"\A\s*([^\n:#]{1,60}?)[ \t]*\n(?:[ \t]*\n)*(?=[A-Za-z])")

_VERSION = r"\d+(?:\.\d+)*"
_VERSIONED = re.compile(rf"(\S+) {_VERSION}")  # "quill 2": a family's word and a version
Definition = tuple[Span, str]  # the name as written where it is defined, and its type


def defined_names(doc: Doc, spans: list[Span], strong: set[tuple[int, int]],
                  vocabulary: frozenset[str]) -> list[Span]:
    """``spans`` (sorted, not overlapping) with the names the document defines typed so in
    all their mentions (see the module's notes); ``strong``: ``(start, end)`` of the
    patterns' and shapes' spans; ``vocabulary``: the words of the language, which are no
    names (without it, nothing is typed)."""
    if not vocabulary:
        return spans
    found = [*_phrases(doc, vocabulary), *_contents(doc, vocabulary),
             *_titles(doc, vocabulary)]
    names = _decided(found)
    written_lower = {name.text for name, _ in found if name.text.islower()}  # "llmcompressor"
    return _typed_mentions(doc, spans, names, strong, written_lower) if names else spans


def kind(token: Token) -> str | None:
    """The type a defining noun gives ("benchmark": DATASET, "package": PROJECT) or ``None``
    (a framework "for assessing" is a benchmark's: ``evaluated_kinds``)."""
    near = token.doc[max(token.i - 3, 0):token.i + 3]
    if token.lower_ in words("definitions", "evaluated_kinds") and \
            any(t.lemma_.lower() in words("definitions", "evaluating") for t in near):
        return "DATASET"
    return next((label for label in _ORDER
                 if token.lower_ in words("definitions", f"defining_nouns_{label.lower()}")),
                None)


def _phrases(doc: Doc, vocabulary: frozenset[str]) -> list[Definition]:
    """Names a noun phrase headed by a defining noun defines: in apposition before or after
    it, after "is", or written before the noun ("the LingOly benchmark")."""
    found = []
    for noun in doc:
        label = kind(noun) if noun.is_lower and _noun_tag(noun) else None
        if (proposed := _proposed(doc, noun, vocabulary)) or label is None or not _heads(noun):
            found += proposed  # "The proposed ... framework, X"; else no defining noun here
            continue
        start = _edition_start(doc, _phrase_start(doc, noun.i))
        if start is None:
            continue
        opener, name = doc[start].lower_, None
        if opener in _DEFINITE and (label == "DATASET" or noun.lower_ in words(
                "definitions", "family_nouns")):  # "the vanilla NIAH test", "the Lumen
            # family of ... models"; not "the MosaicML platform", a company's product
            name = name_before(doc, noun.i, vocabulary, marks=False,
                               apposed=noun.lower_ in words("definitions", "family_nouns"))
            name = name if name is not None and name.start > start else None
        if name is None and start > 0 and doc[start - 1].text == "," and not _speaks(noun):
            # "HRM8K, a benchmark"; not "88.1% on HumanEval, the company said"
            name = name_before(doc, start - 1, vocabulary, apposed=True)
            name = None if name is not None and _fronted_object(name) else name
            if name is not None and noun.lower_ in words("definitions", "proposed_kinds_method") \
                    and _a_papers(name):
                label = "METHOD"  # "Liu et al. (2024) present ToolReflect, an agent framework"
        elif name is None and start > 0 and doc[start - 1].lower_ in _COPULAS:
            # "FastChat is an open platform", "TAC (Travel Agent Compassion) is a benchmark";
            # the name opens its sentence, its first word is the name's ("Sycophancy Eval")
            end = before_gloss(doc, start - 1)
            name = name_before(doc, end, vocabulary, opening=False) or \
                package_name(doc, end, vocabulary) or _headed_word(doc, end)
            name = name if name is not None and opens_sentence(name) else None
        if name is None and noun.i + 1 < len(doc) and doc[noun.i + 1].text == ",":
            name = name_after(doc, noun.i + 2, vocabulary)  # "our proposed suite, X."
        if name is not None:
            found.append((name, label))
        extended = _extension(doc, start, vocabulary)
        if extended is not None:
            found.append((extended, label))
    return found


def _speaks(noun: Token) -> bool:
    """Whether the noun is the subject of the verb right after it ("the company said")."""
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    return after is not None and noun.dep_ == "nsubj" and noun.head == after and \
        after.pos_ in ("VERB", "AUX")


def _fronted_object(name: Span) -> bool:
    """Whether ``name`` is the object of a preposition or a participle opening its sentence,
    so that the noun phrase after its comma is the clause's subject, not a description of
    it: "With SCT, a 7B model matches ..." (SCT is no model)."""
    before = name.doc[name.start - 1] if name.start > 0 else None
    return before is not None and before.tag_ in ("IN", "VBG") and opens_sentence(
        name.doc[before.i:before.i + 1])


def _headed_word(doc: Doc, end: int) -> Span | None:
    """The word of the language right before token ``end`` that the heading over it names
    alone: "# Kestrel" over "Kestrel is a family of open language models" (the page is
    about a thing of that name, not about kestrels)."""
    word = name_before(doc, end, frozenset(), opening=False)
    if word is None or len(word) != 1:
        return None
    text = doc_text(doc)
    return word if any(m.group(1).casefold() == word.text.casefold() and
                       m.end(1) < word.start_char for m in _HEADING.finditer(text)) else None


def _edition_start(doc: Doc, start: int | None) -> int | None:
    """The start of the phrase of an edition a kind's phrase at ``start`` is "of" ("Quill 2,
    the next generation of our document-understanding model"), else ``start``."""
    if start is None or start < 2 or doc[start - 1].lower_ != "of" or \
            doc[start - 2].lemma_.lower() not in words("definitions", "edition_nouns"):
        return start
    return _phrase_start(doc, start - 2) or start


def _proposed(doc: Doc, noun: Token, vocabulary: frozenset[str]) -> list[Definition]:
    """A paper's technique: "The proposed graph-based framework, THOUGHTSCULPT, ..."."""
    start = _phrase_start(doc, noun.i) if noun.lower_ in words(
        "definitions", "proposed_kinds_method") and doc[noun.i + 1:noun.i + 2].text == "," else None
    if start is None or not {"proposed", "new", "novel"} & {t.lower_ for t in doc[start:noun.i]}:
        return []
    name = name_after(doc, noun.i + 2, vocabulary)
    return [] if name is None else [(name, "METHOD")]


_PAPER_VERBS = {"propose", "proposes", "proposed", "present", "presents", "presented",
                "introduce", "introduces", "introduced"}
_AUTHORS = {"we", "authors", "paper", "work", "study", "researchers", "al", "al."}


def _a_papers(name: Span) -> bool:
    """Whether a paper's authors propose ``name`` right before it ("we propose X", "Liu et
    al. (2024) present X", "This paper introduces X"), whatever the parse."""
    doc, verb = name.doc, name.start - 1
    return verb > 0 and doc[verb].lower_ in _PAPER_VERBS and \
        any(t.lower_ in _AUTHORS for t in doc[name.sent.start:verb])


def _noun_tag(noun: Token) -> bool:
    """Whether the tagger reads ``noun`` as a noun, or as a verb or an adjective where only
    the noun fits once an article opens its phrase ("RACE is a large-scale reading
    comprehension dataset with ...": "dataset" tagged a verb); "to test" has no article."""
    return noun.tag_ in ("NN", "NNS") or noun.pos_ in ("VERB", "ADJ")


def _extension(doc: Doc, start: int, vocabulary: frozenset[str]) -> Span | None:
    """The name that opens its sentence and extends the thing whose phrase opens at
    ``start``, and so is one of its kind: "RULER expands upon the vanilla NIAH test"."""
    j = start - 1
    if j > 0 and doc[j].lower_ in ("upon", "on"):
        j -= 1
    if j <= 0 or doc[j].lemma_.lower() not in words("definitions", "extension_verbs"):
        return None
    name = name_before(doc, j, vocabulary, marks=False)
    return name if name is not None and name.end == j and opens_sentence(name) else None


def _heads(noun: Token) -> bool:
    """Whether ``noun`` ends its noun phrase: no common noun or hyphen glued after it
    ("a dataset card", "benchmark-style")."""
    doc = noun.doc
    if noun.i + 1 >= len(doc):
        return True
    after = doc[noun.i + 1]
    if after.text in HYPHENS and not noun.whitespace_:
        return False
    return not (after.is_lower and after.tag_ in ("NN", "NNS"))


def _phrase_start(doc: Doc, i: int) -> int | None:
    """The article or possessive opening the noun phrase whose head is at ``i``, over at most
    six modifiers ("a large-scale real-world LLM conversation dataset", "a comprehensive
    knowledge- and reasoning-centric benchmark"), or ``None``."""
    j, modifiers = i - 1, 0
    while j >= 0:
        token = doc[j]
        if token.lower_ in _OPENERS:
            return j
        if token.text in HYPHENS or token.pos_ == "CCONJ" and j > 0 and \
                doc[j - 1].lower_ not in _OPENERS or _between_modifiers(token):
            j -= 1  # "a knowledge- and reasoning-centric", "the fast, efficient, and ..."
            continue
        if _hyphened(token):  # "an all-in-one AI framework", "easy-to-use"
            modifiers, j = modifiers + 1, j - 1
            continue
        if modifiers >= _MAX_MODIFIERS or token.pos_ in _NOT_MODIFIERS or \
                token.text in MARKUP or \
                token.pos_ == "VERB" and token.tag_ not in _PARTICIPLES or \
                token.tag_ == "VBG" and j > 0 and doc[j - 1].pos_ == "NOUN":
            return None  # (not "a startup building speech models": the startup's clause)
        modifiers += 1
        j -= 1
    return None


def _between_modifiers(token: Token) -> bool:
    """A comma between two modifiers of one noun: "the fast, efficient, and easy-to-use"."""
    doc = token.doc
    return token.text == "," and 0 < token.i < len(doc) - 1 and \
        doc[token.i - 1].pos_ == "ADJ" and doc[token.i + 1].pos_ in ("ADJ", "CCONJ")


def _hyphened(token: Token) -> bool:
    """A word glued to a hyphen, part of a hyphenated modifier ("all-in-one", "to")."""
    doc = token.doc
    return token.is_lower and (token.i > 0 and doc[token.i - 1].text in HYPHENS and
                               not doc[token.i - 1].whitespace_ or
                               token.i + 1 < len(doc) and doc[token.i + 1].text in HYPHENS
                               and not token.whitespace_)


def _contents(doc: Doc, vocabulary: frozenset[str]) -> list[Definition]:
    """DATASET where a name opening its sentence consists of, contains or comprises a
    number of questions, problems or examples ("EusTrivia consists of 1,715 trivia
    questions"): what a dataset counts."""
    found = []
    verbs, items = words("definitions", "content_verbs"), words("definitions", "dataset_item_nouns")
    for verb in doc:
        if verb.lemma_.lower() not in verbs or verb.pos_ not in ("VERB", "AUX"):
            continue
        name = name_before(doc, verb.i, vocabulary, marks=False)
        if name is None or name.end != verb.i or not opens_sentence(name):
            continue
        j = verb.i + 1
        j += j < len(doc) and doc[j].lower_ == "of"
        while j < len(doc) and doc[j].lower_ in _COUNT_WORDS:
            j += 1
        if j >= len(doc) or not doc[j].like_num:
            continue
        for token in doc[j + 1:min(j + 5, len(doc))]:
            if token.is_punct and token.text not in HYPHENS:
                break
            if token.lemma_.lower() in items and token.tag_ in ("NN", "NNS") and _heads(token):
                found.append((name, "DATASET"))
                break
    return found


def _titles(doc: Doc, vocabulary: frozenset[str]) -> list[Definition]:
    """Names a title or a heading defines: "Title: `LINGOLY: A Benchmark of ...`" (the head
    of the phrase after the colon; without an article, a benchmark only: "LIBRA: Long Input
    Benchmark for Russian Analysis"), "# BEAR" over "Dataset to evaluate ..." (the head of
    the phrase that opens the next line)."""
    text, found = doc_text(doc), []
    lines = [(m.start(1), m.end(1), m.end()) for m in _TITLE.finditer(text)]
    bare = [(m.start(1), m.end(1), m.end()) for m in _BARE_TITLE.finditer(text)]
    references = {m.start(1) for m in _TITLE.finditer(text)
                  if _REFERENCE.match(text, text.rfind("\n", 0, m.start(1)) + 1)}
    openers = [(m.start(1), m.end(1), m.end()) for pattern in (_HEADING, _FIRST_LINE)
               for m in pattern.finditer(text)]
    for (start, end, phrase), title in [*((t, True) for t in lines), *((b, None) for b in bare),
                                        *((o, False) for o in openers)]:
        name = doc.char_span(start, end)
        first = doc.char_span(phrase, phrase + 1, alignment_mode="expand")
        if name is None or first is None or a_name(name, vocabulary) is None and not (
                start in references and len(name) == 1 and name[0].is_title):
            continue
        label = _phrase_kind(doc, first.start, bool(title))
        if label is not None and (title is not None or label == "DATASET"):
            found.append((name, label))
    return found


def _phrase_kind(doc: Doc, i: int, article: bool) -> str | None:
    """The type the head of the title-cased phrase from token ``i`` gives: the last word
    before a small word, a punctuation mark or a verb ("An Open Language Model and ...":
    a model); ``article``: the phrase must open with "A", "An" or "The"."""
    if i < len(doc) and doc[i].lower_ in ("a", "an", "the"):
        i += 1
    elif article:
        return None
    head = None
    for token in doc[i:min(i + _MAX_TITLE_WORDS * 2, len(doc))]:
        if token.text in HYPHENS:
            continue
        if token.lower_ in _PHRASE_ENDS or token.is_space or token.pos_ == "ADP" or \
                token.is_punct and token.text not in QUOTES or \
                token.is_lower and token.pos_ in ("VERB", "AUX") and \
                token.tag_ not in _PARTICIPLES:
            return kind(head) if head is not None else None
        head = token
    return kind(head) if head is not None and head.i == len(doc) - 1 else None


def _decided(found: list[Definition]) -> dict[str, str]:
    """``{name, case-folded: type}``: the type most of a name's definitions give, the
    first of ``_ORDER`` on a tie."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for name, label in found:
        votes[name.text.casefold()][label] += 1
    return {key: max(count, key=lambda label: (count[label], -_ORDER.index(label)))
            for key, count in votes.items()}


def _typed_mentions(doc: Doc, spans: list[Span], names: dict[str, str],
                    strong: set[tuple[int, int]], written_lower: set[str]) -> list[Span]:
    """``spans`` with every mention of a defined name, in any capitalisation but with a
    capital or a digit (or as written, for a package's name in lower case), typed as its
    definitions say (see the module's notes); a model's name and version number stands for
    its family: another version is a model too ("Quill 2" defined, "Compared to Quill 1.5")."""
    families = {m[1]: label for n, label in names.items()
                if label == "MODEL" and (m := _VERSIONED.fullmatch(n))}
    alternatives = "|".join([*(re.escape(n) for n in sorted(names, key=len, reverse=True)),
                             *(rf"{re.escape(word)} {_VERSION}" for word in families)])
    mentions = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-]|(?-i: [A-Z0-9]))", re.I)
    out = list(spans)
    for match in mentions.finditer(doc_text(doc)):
        if not any(c.isupper() or c.isdigit() for c in match.group()) and \
                match.group() not in written_lower:
            continue  # "bear", "ruler": words, not the name
        said = match.group().casefold()
        mention = doc.char_span(match.start(), match.end(),
                                label=names.get(said) or families[said.split()[0]])
        if mention is not None and not _inside_name(mention):
            out = _placed(out, mention, strong)
    return sorted(out, key=lambda s: s.start)


def _inside_name(mention: Span) -> bool:
    """Whether ``mention`` ends a longer name: a capitalised word before it in its sentence
    ("Vela 2 Max" holds "Vela 2"; "Claude Opus 3" holds "Opus 3")."""
    i = mention.start
    return i > 0 and not mention[0].is_sent_start and mention.doc[i - 1].whitespace_ == " " \
        and name_part(mention.doc, i - 1)


def _placed(spans: list[Span], mention: Span, strong: set[tuple[int, int]]) -> list[Span]:
    """``spans`` with ``mention`` typed: the spans over its words re-typed, replaced by it
    or cut back to it, or it added where none is; a pattern's match left as it is."""
    over = [n for n, s in enumerate(spans) if s.start < mention.end and mention.start < s.end]
    if not over:
        return [*spans, mention]
    others = [spans[n] for n in over]
    if any(s.label_ not in _RETYPED or (s.start, s.end) in strong and s.id_ for s in others):
        return spans
    first = others[0]
    if len(others) == 1 and (first.start, first.end) == (mention.start, mention.end):
        spans[over[0]] = relabel(first, mention.label_)
    elif all(mention.start <= s.start and s.end <= mention.end for s in others):
        spans = [s for n, s in enumerate(spans) if n not in over] + [mention]
    elif len(others) == 1 and first.start == mention.start and _runs_on(first, mention):
        spans[over[0]] = mention
    return spans


def _runs_on(span: Span, name: Span) -> bool:
    """Whether ``span`` runs on past ``name`` into a title ("BEAR: A Unified ...") or a
    lower-case kind noun ("HRM8K benchmark")."""
    after = span.doc[name.end]
    return after.text == ":" or span.end == name.end + 1 and after.is_lower and \
        kind(after) == "DATASET"
