"""What a README's list of features says of the package the README is about: each item is a
statement about it without naming it ("## ⭐ Key Features" over "* Supports **full-finetuning**,
pretraining, 4-bit, 16-bit and **FP8** training"; "Some key features include:" over "* Support
for quantizing and uploading models to the Hugging Face Hub."), so a use the item states
(a cue right before what is used, :mod:`graph.nlp.use_phrases`) is the package's (GUIDELINES:
USES), as is every method or model the item names, cue or not ("- **Fast Runtime**: Provides
efficient serving with RadixAttention for prefix caching, ..., speculative decoding"; in the
open annotated READMEs 64 of 71 such names are the package's uses, projects 34 of 59: the
hardware a package runs on is annotated either way), unless the item denies it ("SetFit
doesn't require large-scale models like T0").

The subject is the document's, not the heading's above: a features heading names nothing,
and the heading before it may name anything ("### AMD, Intel, Blackwell & DGX Spark"). A
README's title names its package ("# FastChat", "## MLX LM"); a title that does not
("### Train gpt-oss, DeepSeek, Gemma, Qwen & Llama 2x faster") leaves it to the project the
headings name most ("## 🦥 Unsloth News", "## 💾 Install Unsloth"), else to the name a
sentence defines ("## About" over "SGLang is a high-performance serving framework"). A
section is a list under a heading made of feature words, or under a line announcing
features ("...features include:"), read from the layout of the lines, not from the parse.

A catalogue is read the same way: under a heading such as "## Available Tasks" or "###
Supported Backends" (``supply_words``), every name its list items and table rows give is
one the package works with, a use (annotated "supports X" as X used), whatever the item
says around it; an item's label before its colon is not ("- **Math Problems**: GSM8K, MATH").
On a benchmark's page, the benchmark a list item opens with is one the page's uses (its
suites: "5. **Banking** (16 user tasks, 9 injection tasks)" under "# AgentDojo").
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span

from graph.nlp.components.spans import MARKUP, doc_text
from graph.nlp.lexicon import words
from graph.nlp.pairs import Candidate
from graph.nlp.reading import LIST_ITEM
from graph.nlp.records import Named
from graph.nlp.support import supported
from graph.nlp.use_phrases import cue_at, line_opening, readings

SUBJECT_TYPES = ("PROJECT", "MODEL", "METHOD", "DATASET")  # what a README may be about
HEADINGS = 2  # a project the headings name this often, more than any other, is the subject
NAMED_USES = frozenset({"METHOD", "MODEL"})  # named anywhere in a feature item: used
LABEL_TOKENS = 10  # an item's bold label before its colon is this short
_WORDS = re.compile(r"[^\W\d_]+")
_HEADING = re.compile(r"^\s*(#+)\s")

Subject = Named  # the document's subject


def document_subject(doc: Doc, offset: int = 0) -> Subject | None:
    """What the document is about: the name a sentence of the lead before the first heading
    opens and defines ("**Lighteval** is ..."), else the entity the first heading opens with,
    else the project most of the headings name (at least ``HEADINGS`` of them), else the
    first name a sentence opens and defines as "a ..." ("## About" over "SGLang is a
    high-performance serving framework ...")."""
    text = doc_text(doc)
    headings = [(s, e) for s, e in text_lines(text) if text[s:e].lstrip().startswith("#")]
    ents = [e for e in doc.ents if e.label_ in SUBJECT_TYPES]
    first = headings[0][0] if headings else len(text)
    if _WORDS.search(text[:first]):  # a lead before the first heading, or no heading
        defined = _defined_first(doc, ents, first, offset) or _title_line(doc, text, ents, offset)
        if defined is not None:
            return defined
    if not headings:
        return None
    named = _named_subject(doc, text, headings, ents, offset)
    return named if named is not None else _defined_first(doc, ents, len(text), offset,
                                                          definite=True)


def _named_subject(doc: Doc, text: str, headings: list[tuple[int, int]], ents: list[Span],
                   offset: int) -> Subject | None:
    """The entity the first heading opens with, else the project most of the headings name
    (at least ``HEADINGS`` of them)."""
    start, end = headings[0]
    inside = [e for e in ents if start <= e.start_char and e.end_char <= end]
    if inside and not _WORDS.search(text[start:inside[0].start_char]):
        return _subject(inside[0], offset)  # "## MLX LM", "## TextGrad: Automatic ..."
    titles = [text[s:t] for s, t in headings]
    counts = Counter({name: sum(bool(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", title))
                                for title in titles)
                      for name in {e.text for e in ents if e.label_ == "PROJECT"}})
    named = counts.most_common(2)  # how many headings name each project
    if not named or named[0][1] < HEADINGS or len(named) > 1 and named[1][1] == named[0][1]:
        return None
    return _subject(next(e for e in ents if e.text == named[0][0]), offset)


def _defined_first(doc: Doc, ents: list[Span], before: int, offset: int = 0,
                   definite: bool = False) -> Subject | None:
    """The name that opens a sentence defining it before the first heading ("**Lighteval**
    is your all-in-one toolkit for evaluating LLMs"): a README without a title names its
    package so; ``definite``: only "is a"/"is an", the sentence a README's "About" section
    opens with ("SGLang is a high-performance serving framework ...")."""
    for ent in ents:
        if ent.start_char >= before:
            break
        opening = all(_mark(t) for t in doc[ent.sent.start:ent.start])  # "**Lighteval**", "🤗"
        after = [t for t in doc[ent.end:ent.end + 4] if not _mark(t)]
        if opening and after and after[0].lemma_ == "be" and (
                not definite or len(after) > 1 and after[1].lower_ in ("a", "an")):
            return _subject(ent, offset)
    return None


def _title_line(doc: Doc, text: str, ents: list[Span], offset: int) -> Subject | None:
    """The name a README's first line gives alone, a title without a heading's mark
    ("GPT-QModel ⚡")."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    named = [e for e in ents if start <= e.start_char and e.end_char <= end]
    line = doc.char_span(start, end, alignment_mode="expand") or []
    return _subject(named[0], offset) if len(named) == 1 and all(
        _mark(t) or t.i in range(named[0].start, named[0].end) for t in line) else None


def _mark(token) -> bool:
    """Punctuation, markup, an emoji or a blank: no word ("`", "**", "🤗")."""
    return not any(c.isalnum() for c in token.text)


def _subject(ent: Span, offset: int) -> Subject:
    return (offset + ent.start_char, offset + ent.end_char), ent.label_, ent.text.casefold()


def feature_candidates(doc: Doc, offset: int, subject: Subject | None) -> list[Candidate]:
    """USES candidates (decided by their ``reading``) from the document's subject to what
    the items of its feature lists state it uses, in document offsets."""
    if subject is None:
        return []
    found: list[Candidate] = []
    ents, text = list(doc.ents), doc_text(doc)
    for start, end in _feature_items(text):
        tokens = doc.char_span(start, end, alignment_mode="expand")
        if tokens is None:
            continue
        inside = [e for e in ents if start <= e.start_char and e.end_char <= end]
        named = NAMED_USES - {"MODEL"} if subject[1] == "MODEL" else NAMED_USES  # a model's
        for ent, label in _item_uses(doc, tokens.start, tokens.end, inside, named):  # rivals
            if ent.text.casefold() == subject[2]:
                continue
            found.append(_use(subject, ent, label, offset, start, end))
    for start, end in _supply_items(text):
        label_end = text.find(":", start, end)  # "- **Knowledge**: MMLU, MMLU-Pro"
        found += [_use(subject, e, "USES", offset, start, end) for e in ents
                  if label_end < e.start_char and start <= e.start_char and e.end_char <= end
                  and e.label_ in SUBJECT_TYPES and e.text.casefold() != subject[2]]
    return found + _part_items(text, ents, subject, offset) + \
        _supported(doc, text, subject, offset)


def _supported(doc: Doc, text: str, subject: Subject, offset: int) -> list[Candidate]:
    """USES from a package to what its page says it supports (:mod:`graph.nlp.support`)."""
    if subject[1] == "DATASET" or "install" not in text.casefold():
        return []  # a benchmark's page, or no package's (a README tells how to install it)
    found = []
    for sent in doc.sents:
        for ent in supported(sent, list(sent.ents), subject[2]):
            found.append(_use(subject, ent, "USES", offset, sent.start_char,
                              sent.start_char + len(sent.text.rstrip())))
    return found


_OPENING_MARKS = re.compile(r"[\s*_`]*")  # "**" or "`" before an item's first name


def _part_items(text: str, ents: list[Span], subject: Subject, offset: int
                ) -> list[Candidate]:
    """On a benchmark's page, the benchmark a list item opens with is one the page's uses:
    its subsets and the suites it gathers ("3. **Slack** (20 user tasks, 5 injection
    tasks): Slack messaging, ..." under "# AgentDojo")."""
    if subject[1] != "DATASET":
        return []
    found = []
    for start, end in text_lines(text):
        mark = LIST_ITEM.match(text[start:end])
        if mark is None:
            continue
        at = _OPENING_MARKS.match(text, start + mark.end(), end).end()
        head = next((e for e in ents if e.start_char == at), None)
        if head is not None and head.label_ == "DATASET" and head.text.casefold() != subject[2]:
            found.append(_use(subject, head, "USES", offset, start, end))
    return found


def _use(subject: Subject, ent: Span, label: str, offset: int, start: int, end: int
         ) -> Candidate:
    return Candidate(subject[0], (offset + ent.start_char, offset + ent.end_char), subject[1],
                     ent.label_, "subject", (f"reading={label}",), (offset + start, offset + end))


def _item_uses(doc: Doc, start: int, end: int, ents: list[Span],
               named: frozenset[str]) -> list[tuple[Span, str]]:
    """What an item's sentences opening with a cue state ("Supports GRPO, GSPO, DrGRPO"; the
    words after its bold label count as one: "- **Broad Model Support**: Supports a wide
    range of language models (Llama, Qwen, ...)"), the method the item opens with ("*
    Prompt caching"), and every other name of a ``named`` type outside a negated clause (a
    model's highlights name no model it uses: "- **SWE-bench Verified:** 61.4%, ahead of
    OpenAI's GPT-4.1")."""
    found: list[tuple[Span, str]] = []
    openings = {line_opening(doc, start, end)}
    openings |= {s.start for s in doc[start:end].sents if start < s.start < end}
    colon = next((k for k in range(min(openings), min(end, min(openings) + LABEL_TOKENS))
                  if doc[k].text == ":" and doc[k - 1].text in MARKUP), None)
    if colon is not None:  # "**Label**:"
        openings.add(line_opening(doc, colon + 1, end))
    for first in sorted(openings):
        if first >= end:
            continue
        if cue_at(doc, first, end) is not None:
            found += readings(doc, first, end, ents)
        elif (head := next((e for e in ents if e.start == first), None)) is not None and \
                head.label_ == "METHOD" and first == min(openings):
            found.append((head, "USES"))
    taken = {e.start for e, _ in found}
    found += [(e, "USES") for e in ents if e.label_ in named and e.start not in taken
              and not any(t.dep_ == "neg" for t in doc[e.sent.start:e.start])]
    return found


def text_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of the lines of ``text``, without their line breaks."""
    found, start = [], 0
    for line in text.splitlines(keepends=True):
        found.append((start, start + len(line.rstrip("\r\n"))))
        start += len(line)
    return found


def _announces(line: str) -> bool:
    """A heading made of feature words ("## ⭐ Key Features"), or a line announcing a list of
    features ("Some key features include:", "FastChat's core features include:")."""
    said = [w.lower() for w in _WORDS.findall(line)]
    nouns = words("layout", "feature_nouns")
    if line.lstrip().startswith("#"):
        return bool(said) and any(w in nouns for w in said) and \
            all(w in nouns or w in words("layout", "feature_modifiers") for w in said)
    return line.rstrip().endswith(":") and not LIST_ITEM.match(line) and any(
        w in nouns for w in said[-3:])


def _supplies(line: str) -> bool:
    """A heading over a catalogue ("## Available Tasks", "### Supported Backends")."""
    said = [w.lower() for w in _WORDS.findall(line)]
    supply, nouns = words("layout", "supply_words"), words("layout", "supply_nouns")
    return any(w in supply for w in said) and all(w in supply or w in nouns for w in said)


def _supply_items(text: str) -> list[tuple[int, int]]:
    """Character ranges of the list items and table rows under a catalogue's heading, down
    to the next heading of its level or above (its sub-headings group the catalogue)."""
    items: list[tuple[int, int]] = []
    level = 0
    for start, end in text_lines(text):
        line = text[start:end]
        if (heading := _HEADING.match(line)) is not None:
            depth = len(heading.group(1))
            level = depth if (level == 0 or depth <= level) and _supplies(line) else \
                level if 0 < level < depth else 0
        elif level and (LIST_ITEM.match(line) or line.lstrip().startswith("|")):
            items.append((start, end))
    return items


def _feature_items(text: str) -> list[tuple[int, int]]:
    """Character ranges of the items of the feature lists of ``text`` (an item with the
    lines that continue it)."""
    items: list[tuple[int, int]] = []
    inside = under_heading = in_item = False
    for start, end in text_lines(text):
        line = text[start:end]
        if line.lstrip().startswith("#"):
            inside = under_heading = _announces(line)
        elif not inside:
            inside = _announces(line)
        elif LIST_ITEM.match(line):
            items.append((start, end))
        elif line.strip() and in_item and line[:1].isspace():
            items[-1] = (items[-1][0], end)  # an item wrapped onto an indented line
        elif line.strip() and not under_heading:
            inside = False  # prose ends a list announced by a line
        in_item = inside and bool(items) and items[-1][1] == end
    return items
