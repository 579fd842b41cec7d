"""The words of a title or a heading are no name unless something else makes them one.

A paper's title and a README's headings capitalise every word ("Title: Understand, Solve
and Translate: Bridging the Multilingual Mathematical Reasoning Gap", "# Quick Start"), and
the statistical model and the trained recogniser, which read a capital as a name's, call
a run of them an organisation or a person. Words of the language that a heading
capitalises are no organisation and no person: such a guess is dropped where it stands on
a heading or a title's line (:func:`~graph.nlp.components.spans.title_line`, or a short
item of a list or a table of contents), unless

* a pattern or a shape found it ("Hugging Face", "Sakana AI": ``strong``);
* a word of it is no word of the language ("Alibaba Cloud", "Colfax Research");
* it ends on an organisation's noun ("Swiss National Science Foundation", "Allen
  Institute"; ``org_nouns`` and ``org_name_words`` of ``resources/lexicon/roles.json``);
* it is a single word (companies are named with words: "Apple", "Fireworks", "Google");
* it is listed with organisations and nothing else, as a paper's affiliations are
  ("### Arbiter-RM: calibrated reward models (University of Edinburgh, Meridian AI)").

An address is never a name, whatever a name it spells ("available at
https://github.com/juletx/BertaQA"), nor is the label of a link's definition, a line that
only says where a link points ("[#nature-link]: https://www.nature.com/articles/...").

A name before a capitalised "License" names the licence, not its maker ("**License:** MIT
License", "now has an MIT License"), and so does an organisation before a lower-case one or
after a licence's key ("released under the MIT license", "SPDX-License-Identifier: MIT");
a licence tag's key is no name either ("SPDX-FileCopyrightText").

Words of the language in capitals are no name where they are shouted or code: inside
inline code ("in `ANSWER: $ANSWER` format", "`CLICK`, `SELECT`, or `TYPE`") or next to
another such word ("## TOOL DESCRIPTIONS", "DO NOT ASK FOR INTERESTS", "AUTOMATED GRADER
PACKAGES"), unless a pattern found them. A benchmark named by a word stays ("RULER",
"BEAR" in prose).

A section's heading of words of the language ending on a plural names what the section
lists, not a benchmark or a technique ("## Available Tasks", "### Dataset Splits").

A person is never a plural common noun ("# Leaderboards and how to interpret them"), and
a name does not run on into the number of the next item of a list ("2. Quick Start\\n2.
Leaderboards": no model "Quick Start 2").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from graph.nlp.components.not_figures import in_inline_code
from graph.nlp.components.spans import doc_text, listed_organisations, relabel, title_line
from graph.nlp.lexicon import words

_GUESSED = {"ORG", "PERSON"}
# a short line of a list or a table of contents: "2. Quick Start", "- Models", "| Tutorial |"
_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)]|\|)[ \t]+(?:[^\n]*?)[ \t]*\|?[ \t]*$")
_ITEM_WORDS = 6
_LICENCES = {"License", "Licence"}
# "licensed under MIT", "The MIT License (MIT)": the licence, not its maker
_LICENSED = re.compile(r"(?i)(?:\b(?:licen[cs]ed|released|distributed|available)[ \t]+under"
                       r"[ \t]+(?:the[ \t]+)?|\blicen[cs]e[ \t]*\()$")
_LICENCE_KEY = re.compile(r"(?i)licen[cs]e(?:-identifier)?\W*:\W*$")  # "**License:** "
_LINK_DEFINITION = re.compile(r"[ \t]*\[[^\]\n]+\]:[ \t]*\S+[ \t]*(?:\n|$)")  # "[x]: https://..."


def title_words(doc: Doc, spans: list[Span], strong: set[tuple[int, int]],
                vocabulary: frozenset[str]) -> list[Span]:
    """``spans`` without the organisations and people a heading's or a title's capitals
    made of words of the language, the addresses, links' labels and licences' makers (see
    the module's notes); ``strong``: ``(start, end)``
    of the patterns' and shapes' spans; ``vocabulary``: the words of the language (without
    it, nothing is dropped)."""
    if not vocabulary:
        return [s for s in spans if not _names_no_entity(s)]
    out = []
    for span in spans:
        if _names_no_entity(span) or (span.start, span.end) not in strong and (
                _shouted(span, vocabulary) or _section_of_things(span, vocabulary)):
            continue
        cut = _before_section_words(_before_next_item(span))
        if (span.start, span.end) in strong or cut.label_ not in _GUESSED \
                or not _on_a_heading(cut) or not _common_words(cut, vocabulary) \
                or listed_organisations(cut):  # "(University of Edinburgh, Meridian AI)"
            out.append(cut if cut.label_ == span.label_ else relabel(cut, span.label_))
    return out


_CAPITALS = re.compile(r"^[A-Z]{2,}$")
_MARKUP = {"*", "**", "_", "__", "#", "##", "###", "`"}


def _shouted(span: Span, vocabulary: frozenset[str]) -> bool:
    """Whether ``span`` is capitalised words of the language written as code or next to
    another such word on its line (see the module's notes)."""
    if not all(_capital_word(t, vocabulary) for t in span):
        return False
    if in_inline_code(span):
        return True
    doc = span.doc
    for step, at in ((-1, span.start - 1), (1, span.end)):
        while 0 <= at < len(doc) and doc[at].text in _MARKUP:
            at += step
        if 0 <= at < len(doc) and "\n" not in doc[at].text and not doc[at].ent_type_ \
                and _capital_word(doc[at], vocabulary):
            return True
    return False


_SECTION = re.compile(r"[ \t]*#{2,6}[ \t]+")  # "## ", "### ": a section's heading, not the title
_THINGS = {"DATASET", "METHOD"}  # the recogniser's guesses on such a heading


def _section_of_things(span: Span, vocabulary: frozenset[str]) -> bool:
    """A section's whole heading of words of the language ending on a plural ("## Available
    Tasks", "### Dataset Splits", "### Wordlist Hints"): the things the section lists, not
    a benchmark's or a technique's name."""
    generic = words("entities", "generic_terms")  # the domain's words: "Dataset"
    parts = [t for t in span if not t.is_space]  # "Bias Domains\n\n"
    if span.label_ not in _THINGS or not parts or not _plural(parts[-1], vocabulary) or \
            not all(t.is_alpha and (_word(t, vocabulary) or t.lower_ in generic) for t in parts):
        return False
    text = doc_text(span.doc)
    start = text.rfind("\n", 0, span.start_char) + 1
    last = parts[-1].idx + len(parts[-1])
    end = text.find("\n", last)
    heading = _SECTION.match(text, start)
    return heading is not None and heading.end() == span.start_char and \
        not text[last:len(text) if end < 0 else end].strip()


def _plural(token: Token, vocabulary: frozenset[str]) -> bool:
    """"Tasks", "Splits": the tagger reads a capitalised plural on a heading as a name."""
    text = token.lower_
    return token.tag_ in ("NNS", "NNPS") or (
        text.endswith("s") and not text.endswith("ss") and text[:-1] in vocabulary)


def _capital_word(token: Token, vocabulary: frozenset[str]) -> bool:
    """A word of the language ("DESCRIPTIONS", "FOR") written in capitals."""
    return bool(_CAPITALS.match(token.text)) and (_word(token, vocabulary) or token.is_stop)


def _names_no_entity(span: Span) -> bool:
    """Whether ``span`` is (in) a web address, on a link's definition line, a licence
    tag's key ("SPDX-License-Identifier") or the maker a licence is named after ("MIT
    License"; an organisation before a lower-case "license" or after "License:", "released
    under the MIT license", "SPDX-License-Identifier: MIT"): no mention of an entity."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and span[-1].whitespace_ and (after.text in _LICENCES or (
            span.label_ == "ORG" and after.lower_ in ("license", "licence"))):
        return True
    if any("://" in t.text or t.lower_.startswith("www.") for t in span) or \
            span.text.startswith("SPDX-"):
        return True
    text = doc_text(span.doc)
    start = text.rfind("\n", 0, span.start_char) + 1
    if span.label_ == "ORG" and (_LICENCE_KEY.search(text, start, span.start_char) or
                                 _LICENSED.search(text, start, span.start_char)):
        return True  # "License: MIT", "licensed under MIT"
    return bool(_LINK_DEFINITION.match(text, start))


def _before_next_item(span: Span) -> Span:
    """``span`` cut before a line break that the next item of a numbered list follows
    ("Quick Start\\n2" of "2. Quick Start\\n2. Leaderboards"), as the person the statistical
    model guessed (the number had made it a model's release)."""
    doc = span.doc
    for token in span[1:]:
        if "\n" in token.text and token.i + 2 < len(doc) and doc[token.i + 1].like_num \
                and doc[token.i + 2].text in (".", ")"):
            label = "PERSON" if span.label_ == "MODEL" else span.label_
            return Span(doc, span.start, token.i, label=label)
    return span


def _before_section_words(span: Span) -> Span:
    """A model's name on a heading cut before the words that say what its section is
    ("## Gemini Experimental Results": "Gemini"; ``section_words`` of
    ``resources/lexicon/layout.json``)."""
    end = span.end
    while end - span.start > 1 and span.doc[end - 1].lower_ in words("layout", "section_words"):
        end -= 1
    if end == span.end or span.label_ != "MODEL" or not _on_a_heading(span):
        return span
    return Span(span.doc, span.start, end, label=span.label_, span_id=span.id_)


def _on_a_heading(span: Span) -> bool:
    """Whether ``span`` stands on a heading, a title, or a short item of a list or a table."""
    if title_line(span):
        return True
    text = doc_text(span.doc)
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    line = text[start:len(text) if end < 0 else end]
    return bool(_ITEM.match(line)) and len(re.findall(r"[A-Za-z]\w*", line)) <= _ITEM_WORDS


def _common_words(span: Span, vocabulary: frozenset[str]) -> bool:
    """Whether ``span`` is capitalised words of the language that name no organisation:
    two or more of them, none an organisation's noun; or a person's single plural noun."""
    parts = [t for t in span if not t.is_space and t.text not in ("-", "&")]
    if not parts or not all(t.is_alpha and _word(t, vocabulary) for t in parts):
        return span.label_ == "PERSON" and len(parts) == 1 and parts[0].tag_ == "NNS"
    if span.label_ == "PERSON" and len(parts) == 1:
        return parts[0].tag_ == "NNS"
    org_words = words("roles", "org_nouns") | words("roles", "org_name_words")
    return len(parts) > 1 and parts[-1].lower_ not in org_words and \
        parts[-1].lemma_.lower() not in org_words


def _word(token: Token, vocabulary: frozenset[str]) -> bool:
    text = token.lower_
    return text in vocabulary or text.removesuffix("s") in vocabulary or \
        token.lemma_.lower() in vocabulary
