"""METHOD spans from noun phrases headed by technique words.

"retirement interviews", "natural language autoencoders", "randomized-controlled trial": a
noun that heads the name of a technique, training procedure or study design, with the
modifiers that name it; and words the hyphens coin for one ("LLM-as-a-Judge",
:func:`role_names`). The technique nouns and the adjectives that make a name on their
own are in ``resources/lexicon/methods.json``.
"""

from __future__ import annotations

import re

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from graph.nlp.components.spans import HYPHENS, doc_text, is_quote, line_bounds, title_line
from graph.nlp.lexicon import words


def technique_matcher(vocab: Vocab) -> Matcher:
    """A matcher of the technique nouns (``TECHNIQUE``), the heads :func:`method_span` takes."""
    matcher = Matcher(vocab)
    heads = words("methods", "technique_heads")
    matcher.add("TECHNIQUE", [[{"LOWER": w}] for w in sorted(heads)])
    return matcher


def method_span(head: Token) -> Span | None:
    """A METHOD span for a technique noun and the modifiers that name the technique.

    Walks left from ``head`` over modifiers that attach inside the phrase. The phrase must
    contain a noun modifier ("retirement interviews", "emotion vectors") or a technique
    adjective ("sparse autoencoders", "double-blind study"); adjectives are only taken
    in front of a noun modifier ("natural language autoencoders", "multilingual
    preference training"), so "a conversational interview" or "a separate experiment" is
    not a method. Quoted modifiers ("the “joy” vector") are examples, not names.

    Parameters
    ----------
    head
        A technique noun of a parsed ``Doc`` ("autoencoders").

    Returns
    -------
    Span or None
    """
    doc = head.doc
    if _names_a_thing(head):
        return None
    sent_start = head.sent.start
    head_start = _hyphen_unit_start(doc, head.i, sent_start)  # "fine-tuning"
    start, anchored = head_start, False
    i = head_start - 1
    while i >= sent_start:
        # one word of the name, maybe glued by hyphens: "double-blind", "chain-of-thought"
        unit_start = _hyphen_unit_start(doc, i, sent_start)
        step = _modifier_step(doc[unit_start:i + 1], head, start, head_start)
        if step is None:
            break
        anchored = anchored or step
        start = unit_start
        i = unit_start - 1
    if not anchored or start == head_start:
        return None
    if start > 0 and is_quote(doc[start - 1]):
        return None
    return Span(doc, start, head.i + 1, label="METHOD")


def _names_a_thing(head: Token) -> bool:
    """Whether an activity noun only says what a thing after it is for: "a multilingual
    evaluation set", "an analysis tool" name a dataset and a tool, not a technique. The
    thing is a singular noun: a plural one is as often a verb the parser misread
    ("chain-of-thought monitoring catches reward hacking")."""
    after = head.head
    return head.dep_ == "compound" and after.i > head.i and after.tag_ == "NN" \
        and head.lower_ in words("methods", "activity_heads") \
        and after.lower_ not in words("methods", "technique_heads")


def _modifier_step(unit: Span, head: Token, start: int, head_start: int) -> bool | None:
    """Whether the modifier ``unit`` anchors a technique name; ``None`` ends the name.

    ``start`` is where the name begins so far, ``head_start`` where the head word begins.
    """
    i = unit.end - 1
    parts = [t for t in unit if t.text not in HYPHENS]
    if any(t.is_punct or t.like_num or is_quote(t) for t in parts):
        return None
    if not any(i < t.head.i <= head.i for t in unit):
        return None  # it modifies something outside the phrase
    if len(parts) > 1 and parts[-1].lower_ in words("methods", "degree_parts"):
        return None  # "large-scale training", "model-agnostic evaluation": how, not which
    adjectives = words("methods", "technique_adjectives")
    # "video evaluation", "literature review": an activity, unless a technique word names it
    activity = len(parts) == 1 and head.lower_ in words("methods", "activity_heads")
    if any(t.lower_ in adjectives or not activity and t.pos_ in ("NOUN", "PROPN")
           and t.dep_ != "poss" for t in parts):
        return True
    if activity and parts[0].pos_ in ("NOUN", "PROPN"):
        return False  # "retrospective chart review": named by the word before it, if any
    if len(parts) == 1 and parts[0].tag_ == "VBG" and parts[0].head.i == head.i \
            and parts[0].is_lower:
        return True  # "scheming evaluations"; "Running Evaluation" is a heading's verb
    if len(parts) == 1 and parts[0].pos_ == "ADJ" and start < head_start \
            and unit.doc[start].pos_ in ("NOUN", "PROPN"):
        return False  # only an adjective in front of a noun modifier: "natural language ..."
    return None


# "LLM-as-a-Judge": a word on its own, not the end of a longer hyphenated one
_ROLE = re.compile(r"(?<![\w\u2011-])[A-Za-z]\w*[-\u2011]as[-\u2011]an?[-\u2011]([A-Za-z]+)\b"
                   r"(?![\u2011-]\w)")
_NOT_ROLES = {"service"}  # "Software-as-a-Service": a way of selling, not a technique


def role_names(doc: Doc) -> list[Span]:
    """METHOD spans written "X-as-a-Y" ("LLM-as-a-Judge", "agent-as-a-judge"): one thing
    put to work in another's role, a word the hyphens coin for a technique; not one named
    by a product's word ("Model-as-a-Service")."""
    found = []
    for match in _ROLE.finditer(doc_text(doc)):
        last = match.group(1).lower()
        span = doc.char_span(*match.span(), label="METHOD")
        if span is not None and last not in _NOT_ROLES \
                and last not in words("methods", "product_heads"):
            found.append(span)
    return found


_ITEM_MARKS = re.compile(r"[ \t]*(?:[-*+•]|\d+[.)]|\*\*)[ \t*]*")


def opens_item(span: Span) -> bool:
    """Whether ``span`` begins a list item or a bold line in capitals ("- Cost optimization",
    "* Literature review and summaries", "**Performance Monitoring**"): the topic of an
    item, a use case or a benefit, not a technique the prose names."""
    text = doc_text(span.doc)
    start = text.rfind("\n", 0, span.start_char) + 1
    return span.text[:1].isupper() and _ITEM_MARKS.fullmatch(text[start:span.start_char]) \
        is not None


# a bullet, a bold label (maybe its short form in brackets), then what it is after a dash or
# a colon, or nothing ("- **Recursive retrieval** recursively iterates ..." is prose)
_BULLETED_LABEL = re.compile(r"[ \t]*[-*+•][ \t]+\*\*([^*\n(:]+?)(?:[ \t]*\(([^()*\n]{1,20})\))?"
                             r":?\*\*[ \t]*(?:[—–:(-]|$)", re.M)


def bulleted_label(span: Span) -> bool:
    """Whether ``span`` is the bold label of a bulleted item, or the short form in brackets
    after it ("- **Context poisoning** — Contradictory facts ...", "- **Direct Tool Invocation
    (DTI)**"): a category a page lists, which a guide's technique lists have taught the
    recogniser to call a METHOD."""
    label = _BULLETED_LABEL.match(doc_text(span.doc), line_bounds(span)[0])
    return label is not None and any(label.span(i) == (span.start_char, span.end_char)
                                     for i in (1, 2))


def _hyphen_unit_start(doc: Doc, i: int, sent_start: int) -> int:
    """First token of the hyphen-glued word ending at token ``i``."""
    while i - 2 >= sent_start and doc[i - 1].text in HYPHENS and not doc[i - 1].whitespace_ \
            and not doc[i - 2].whitespace_:
        i -= 2
    return i


_BITS = re.compile(r"^\d+-bit$")  # a bit width: "4-bit quantization", "8-bit AdamW"


def specified(span: Span) -> Span:
    """A METHOD name extended over the words before it that make it a method of its own:
    "sparse mixture-of-experts", "fully supervised fine-tuning", "continued pre-training",
    "few-shot CoT", "4-bit quantization", "Modular RAG" (not their generic parent), over a
    prefix glued to its word ("full-finetuning") and, cut after a hyphenated modifier, over
    its head ("Quantization-Aware Training"). ``span`` itself when nothing is missing."""
    if span.label_ != "METHOD":
        return span
    doc, start = span.doc, _glued_start(span)
    specifiers = words("methods", "method_specifiers")
    while start > 0 and "\n" not in doc[start - 1].whitespace_:
        unit_start = _hyphen_unit_start(doc, start - 1, 0)
        unit = doc[unit_start:start]
        if _BITS.match(unit.text):
            start = unit_start  # "4-bit quantization": the bit width names the technique
            continue
        if _names_a_variant(unit, span):
            start = unit_start  # whatever the statistical model guessed ("Modular": ORG)
            continue
        if unit.text.lower() not in specifiers or \
                any(t.ent_type_ not in ("", "METHOD") for t in unit):
            break  # "few-shot" alone may have been read as a METHOD, not as a name else
        start = unit_start
    end = _cut_head_end(span)
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label="METHOD")


def _glued_start(span: Span) -> int:
    """Where a one-word METHOD's word begins: a lower-case prefix glued to it by a hyphen
    makes one word of the two ("full-finetuning", "self-distillation"; the patterns know
    "finetuning"). Not before a name of several words, which the prefix does not name
    ("the post-prompt engineering model"), nor before an acronym ("post-RLHF", "GAR-meets-RAG")
    or a prefix with a type of its own."""
    doc = span.doc
    start = _hyphen_unit_start(doc, span.start, 0)
    prefix = [t for t in doc[start:span.start] if t.text not in HYPHENS]
    if any(t.whitespace_ for t in span[:-1]) or not span.text.islower() or any(
            not t.is_lower or not t.is_alpha or t.ent_type_ not in ("", "METHOD") for t in prefix):
        return span.start
    return start


def _cut_head_end(span: Span) -> int:
    """Where a capitalised METHOD cut after a hyphen-joined modifier, or before the last word
    of its title-case run, ends with its head: "Quantization-Aware" + "Training",
    "Parameter-Efficient" + "Tuning", "Evolutionary Model" + "Merge" (a technique noun after
    a space, capitalised like the name); else the span's own end."""
    doc, end = span.doc, span.end
    joined = len(span) >= 3 and span[-2].text in HYPHENS
    if not (joined or len(span) >= 2 and all(t.is_title for t in span)) or \
            not span[0].text[:1].isupper() or end >= len(doc) or span[-1].whitespace_ != " ":
        return end
    head = doc[end]
    if head.is_title and head.lower_ in words("methods", "technique_heads") and \
            (joined or not head.ent_type_):  # (a run's head with a type of its own stays apart)
        return end + 1
    return end


_AN_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{0,4}[A-Z]$")  # "RAG", "CoT", "SFT"


_CELL_OR_ITEM = {"|", "-", "*", "**", "#", "##", "###", ":"}  # a table cell or an item opens


def _names_a_variant(unit: Span, span: Span) -> bool:
    """A capitalised adjective right before a technique's acronym names a variant of it:
    "Naive RAG", "Modular RAG", "Multimodal CoT" (not "the RAG", "Standard RAG", a verb
    opening a sentence, "Proposes UPRISE", nor the end of a title's words, "Retrieval
    Augmented ICL")."""
    word, doc = unit[0], unit.doc
    before = doc[word.i - 1] if word.i > 0 else None
    if len(unit) != 1 or unit.end != span.start or not word.is_title or word.ent_id_ or \
            word.is_stop or word.lower_ in words("methods", "plain_adjectives") or \
            _AN_ACRONYM.match(span[0].text) is None:
        return False
    if before is not None and before.is_title and not before.is_stop:
        return False
    return word.tag_ == "JJ" or (word.tag_ == "NNP" and not word.is_sent_start and
                                 before is not None and before.text not in _CELL_OR_ITEM)


_MODIFIER_TAGS = {"JJ", "JJR", "VBN", "VBD", "VB", "VBP", "VBZ"}
_NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}
_MAX_HEAD = 3  # words a cut name is extended over


_SHOTS = re.compile(r"^(?:\d+|one|two|three|four|five|ten)-shot$", re.IGNORECASE)  # a setting
def headed(span: Span) -> Span | None:
    """A METHOD name that ends on a modifier, with the noun it modifies, or ``None``.

    A technique is named by a noun ("Generalized Autoregressive Pretraining", "structure-aware
    pretraining"); a span that stops on an adjective or participle was cut before its head
    ("Knowledge Enhanced" + "Pre-training") or is no name at all ("fine-tuned", "fine-tune",
    "autoregressive", "few-shot" on its own, "self-"). The head is taken when it follows in
    the same case (a title's capitalised words, prose's lower-case ones); without one the
    span is dropped, and so are settings ("3-shot"), generic tasks ("machine learning",
    ``generic_tasks``), a lower-case plural noun alone ("adapters") and the Markdown or
    command-line text a recogniser may take for a name ("--model-path"). Other spans, and
    spans of an unparsed ``Doc``, are returned.
    """
    if span.label_ != "METHOD":
        return span
    doc, last = span.doc, span[-1]
    if last.text in HYPHENS or span.text.lower() in words("methods", "not_method_forms") \
            or _SHOTS.match(span.text) or _generic_task(span) or _bare_plural(span) \
            or _clause(span) or _markup(span):
        return None
    if last.tag_ not in _MODIFIER_TAGS:
        return span if named_technique(span) else None
    capitalised = span[0].text[:1].isupper()
    end = span.end
    while end < len(doc) and end - span.end < _MAX_HEAD * 3:
        unit_end = end + 1
        while unit_end + 1 < len(doc) and doc[unit_end].text in HYPHENS \
                and not doc[unit_end - 1].whitespace_ and not doc[unit_end].whitespace_:
            unit_end += 2  # "Pre-training", "Sequence-to-Sequence"
        head = doc[unit_end - 1]
        if head.tag_ not in _NOUN_TAGS or doc[end].text[:1].isupper() != capitalised \
                or not doc[end].is_alpha:
            break
        end = unit_end
    if end == span.end:
        return None
    return Span(doc, span.start, end, label="METHOD")


def named_technique(span: Span) -> bool:
    """Whether a METHOD found by a guess names a technique. A lower-case one must show it:
    a technique head or a name's head word (``technique_heads``, ``named_heads``: "linear
    attention", "compressive memory"), a gerund ("prompt programming"), a technique
    adjective or specifier ("sparse"), a hyphen ("orchestrator-worker") or an acronym after
    it ("... embeddings (HyDE)"); "maximum capacity", "standard mode" or "data validation"
    do not."""
    if not span.text.islower() or "-" in span.text:
        return True
    last = span[-1].lower_
    if last in words("methods", "technique_heads") | words("methods", "named_heads") \
            or last.endswith("ing"):  # a process: "prompt programming", "jailbreaking"
        return True
    modifiers = words("methods", "technique_adjectives") | words("methods", "method_specifiers")
    if any(t.lower_ in modifiers for t in span):
        return True
    doc, end = span.doc, span.end
    return end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" \
        and any(c.isupper() for c in doc[end + 1].text)


_FINITE = {"VBZ", "VBD", "VBP"}
_MARKUP = re.compile(r"^[-\u2011]|[\[\]]")


def _markup(span: Span) -> bool:
    """A command-line option or a link's label, not a name: "--model-path" (a hyphen
    opens it), "#nature-link]" (a bracket of the Markdown around it)."""
    return _MARKUP.search(span.text) is not None


def _clause(span: Span) -> bool:
    """A clause, not a name: a verb with a tense inside ("feedback loop converts feedback")."""
    return any(t.tag_ in _FINITE and t.text not in HYPHENS and t.whitespace_
               and span.doc[t.i - 1].whitespace_ for t in span[1:])


def _bare_plural(span: Span) -> bool:
    """A lower-case plural noun alone ("adapters", "embeddings"): things, not a technique."""
    return len(span) == 1 and span[0].tag_ == "NNS" and span.text.islower()


def _generic_task(span: Span) -> bool:
    """A task, field or kind of study ("machine learning", "detailed error analysis")."""
    start = span.start
    while start < span.end - 1 and span.doc[start].pos_ == "ADJ":
        start += 1
    return span.doc[start:span.end].text.lower() in words("methods", "generic_tasks")


def tidy_methods(spans: list[Span]) -> list[Span]:
    """The chosen entities with technique names cut or joined wrongly put right:

    * two technique names side by side are one name cut in two ("Generalized Autoregressive"
      + "Pretraining", "Knowledge Enhanced" + "Pre-training"), when only a space parts them
      and both are written in the same case;
    * names joined by a spaced "+" are two ("agentic search + semantic search");
    * a technique followed by a product's head word names the product ("Prompt Engineering
      Guide", "RAG Toolkit"): a PROJECT (``product_heads``);
    * a technique named with the kind it is ("a tree-search method") is named without it
      ("tree-search"; ``kind_heads``);
    * a lower-case technique name opened by a plain adjective is named without it ("the naive
      greedy decoding": "greedy decoding"; ``plain_adjectives`` and "naive").
    """
    out: list[Span] = []
    for span in (_without_kind(_unqualified(piece)) for s in spans for piece in _split_at_plus(s)):
        before = out[-1] if out else None
        if before is not None and before.label_ == span.label_ == "METHOD" \
                and before.end == span.start and before[-1].whitespace_ == " " \
                and before.text[:1].isupper() == span.text[:1].isupper():
            out[-1] = Span(span.doc, before.start, span.end, label="METHOD")
        else:
            out.append(span)
    return [_product_of(s, out[i + 1] if i + 1 < len(out) else None) for i, s in enumerate(out)]


def _unqualified(span: Span) -> Span:
    """``span`` without a plain adjective opening a lower-case technique's name."""
    first = span[0]
    if span.label_ != "METHOD" or len(span) < 3 or not span.text.islower() or span.id_ or \
            first.lower_ not in words("methods", "plain_adjectives") | {"naive"}:
        return span
    return Span(span.doc, span.start + 1, span.end, label="METHOD")


def _without_kind(span: Span) -> Span:
    """"tree-search method" -> "tree-search": the words before a lower-case kind noun, when
    they end on a noun or a hyphen-joined word (not "a novel method")."""
    if span.label_ != "METHOD" or len(span) < 2 or not span[-1].is_lower or \
            span[-1].lower_ not in words("methods", "kind_heads"):
        return span
    last = span[-2]
    if last.pos_ not in ("NOUN", "PROPN") and not (
            last.i > span.start + 1 and span.doc[last.i - 1].text in HYPHENS):
        return span
    return Span(span.doc, span.start, span.end - 1, label="METHOD")


def _split_at_plus(span: Span) -> list[Span]:
    if span.label_ != "METHOD" or "+" not in span.text:
        return [span]
    doc, pieces, start = span.doc, [], span.start
    for token in span:
        if token.text == "+" and token.whitespace_ and token.i > span.start \
                and doc[token.i - 1].whitespace_:
            pieces.append((start, token.i))
            start = token.i + 1
    pieces.append((start, span.end))
    return [Span(doc, a, b, label="METHOD") for a, b in pieces if b > a]


def _product_of(span: Span, following: Span | None) -> Span:
    doc, end = span.doc, span.end
    if span.label_ != "METHOD" or end >= len(doc) or not span.text[:1].isupper() \
            or span[-1].whitespace_ != " " or not doc[end].is_title \
            or doc[end].lower_ not in words("methods", "product_heads") \
            or (following is not None and following.start == end):
        return span
    product = Span(doc, span.start, end + 1, label="PROJECT")
    if title_line(product) or _line_of_its_own(product):
        return span  # "## RAG Framework", a figure's caption: the technique, not a product
    return product


def _line_of_its_own(span: Span) -> bool:
    """Whether ``span`` is all its line says, but for quotes and Markdown marks."""
    text = doc_text(span.doc)
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    line = text[start:len(text) if end < 0 else end]
    return line.strip(" \t\"'“”‘’#*-_>").strip() == span.text
