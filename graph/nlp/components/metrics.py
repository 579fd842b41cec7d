"""METRIC spans built from numeric entities and the noun they quantify in the parse.

"159 countries", "6% of all conversations", "17% lower", "an Elo score of 1402": the number
the NER (or a pattern) found is extended to what it measures. Bare counts, years, list
numbering, small counts written as words ("four domains"), numbers in quoted speech and
settings give no span. The words read are in ``resources/lexicon/metrics.json``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from graph.nlp.components.dataset_counts import collection_size, of_what, sorted_noun
from graph.nlp.components.not_figures import HYPHENS, a_setting, reports_nothing
from graph.nlp.components.spans import doc_text, inside_quotes, past_hyphens
from graph.nlp.components.table_counts import DECIMAL, table_counts
from graph.nlp.lexicon import words

# spaCy's numeric entity labels: the ones a metric is built from.
NUMERIC_LABELS = {"PERCENT", "CARDINAL", "QUANTITY", "MONEY", "TIME"}
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _unit_nouns() -> frozenset[str]:
    return words("metrics", "unit_nouns")


def _is_small_word_number(ent: Span) -> bool:
    approximators = words("metrics", "approximators")
    small = words("metrics", "small_number_words")
    spelled = [t.lower_ for t in ent if t.lower_ not in approximators]
    return bool(spelled) and all(w in small for w in spelled)


def extend_to_noun(ent: Span) -> int:
    """End (token index) of the phrase a numeric entity quantifies, or ``ent.end``.

    Parameters
    ----------
    ent
        A numeric entity of a parsed ``Doc``.

    Returns
    -------
    int
        The end of "159 countries", "6% of conversations" or "17% lower" for the
        entities "159", "6%" and "17%"; ``ent.end`` when the number quantifies nothing.
    """
    doc = ent.doc
    root = ent.root
    head = root.head
    while head.dep_ == "compound" and head.i < head.head.i <= head.i + 3 and \
            head.head.pos_ == "NOUN" and root.dep_ == "nummod" and \
            ent.end < len(doc) and doc[ent.end].text not in HYPHENS:
        head = head.head  # "250 grade school math problems" (not "5-shot settings")
    # "159 countries", "1M conversations", "a 17% improvement", "14B parameter model"
    if root.dep_ in ("nummod", "compound", "quantmod", "amod", "npadvmod") and \
            head.pos_ in ("NOUN", "PROPN") and any(c.isalnum() for c in head.text) and \
            head.i >= ent.end and _modifiers_between(ent, head):  # (not a Markdown "*")
        if _coordinated_number(doc[ent.end:head.i]):
            return ent.end  # "between 244M and 137B parameters": the noun is the last one's
        if _SIZE.match(ent.text) and ent[-1].whitespace_ and head.pos_ == "PROPN" and \
                head.text[:1].isupper() and head.text.casefold() not in words(
                    "entities", "generic_terms"):
            return ent.end  # "the 175B GPT-3", "the 7B Mistral": a model's size, not a noun's
        # (a size ends at what it counts: "14B parameter", "8-billion-parameter", not "14B
        # parameter small language model"; "4,096-token context window" goes on)
        sizes = words("metrics", "size_nouns")
        end = next((t.i + 1 for t in doc[ent.end - 1:head.i] if t.lower_ in sizes),
                   past_hyphens(doc, head.i + 1))  # "334 sub-questions"
        return of_what(head, end)  # "three levels of difficulty"
    # "69 of our colleagues", "thousands of high-severity vulnerabilities", "6% of conversations"
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [t for t in child.children if t.dep_ == "pobj"]
            if objects and objects[0].i - ent.end <= 6:
                return objects[0].i + 1
            break
    # "17% lower", "40% faster", "75% less expensive"
    if ent.end < len(doc):
        nxt = doc[ent.end]
        if nxt.tag_ in ("JJR", "RBR"):
            if nxt.lower_ in ("less", "more") and ent.end + 1 < len(doc) and \
                    doc[ent.end + 1].pos_ == "ADJ":
                return ent.end + 2
            return ent.end + 1
    return ent.end


def _modifiers_between(ent: Span, head: Token) -> bool:
    """Whether the words between a number and the noun it quantifies are few, or all
    modifiers of that noun ("8,011 English-Korean parallel bilingual math problems", "12
    state-of-the-art open LLMs", "90 mostly low-resource languages")."""
    between = ent.doc[ent.end:head.i]
    if len(between) <= 3:
        return True
    return len(between) <= 8 and all(
        head in t.ancestors and (t.is_alpha or t.text in HYPHENS) for t in between)


def _coordinated_number(between: Span) -> bool:
    """Whether another number follows a conjunction between a number and its noun ("244M
    and 137B parameters", "4K and 16K context lengths"; not "90,000 math and science
    problems")."""
    cc = next((t.i for t in between if t.dep_ == "cc"), None)
    return cc is not None and any(t.like_num or t.text[:1].isdigit()
                                  for t in between.doc[cc + 1:between.end])


def _measure_of(ent: Span) -> int | None:
    """Start of "<measure> of" before a number ("score of 1402", "accuracy of 92.1")."""
    root = ent.root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or prep.i != ent.start - 1:
        return None
    noun = prep.head
    if noun.pos_ != "NOUN" or noun.i != prep.i - 1 or \
            noun.lower_ in words("entities", "model_nouns"):  # "a family of 1.5B and 3B models"
        return None
    start = noun.i
    while start > 0 and ent.doc[start - 1].dep_ == "compound" and ent.doc[start - 1].head == noun:
        start -= 1
    return start


def metric_span(ent: Span) -> Span | None:
    """A METRIC span for a numeric entity, or ``None`` when the number reports nothing.

    The number is extended to the noun it quantifies ("159 countries", "6% of users",
    "17% lower"). Bare counts, years, list numbering, small counts written as words
    ("four domains") and numbers in quoted speech are not findings.

    Parameters
    ----------
    ent
        An entity labelled with one of :data:`NUMERIC_LABELS`, in a parsed ``Doc``.

    Returns
    -------
    Span or None
    """
    doc = ent.doc
    label = ent.label_
    if inside_quotes(ent) or not _has_number(ent) or _names_a_kind(ent) or _numbering(ent) \
            or reports_nothing(ent):
        return None  # quoted speech, "## References" (a Markdown heading), "zero-shot"
    if label == "TIME":
        return _duration(ent)
    end = extend_to_noun(ent)
    if label in ("MONEY", "QUANTITY"):
        # a sum of money keeps its words ("$110 million"); a number the small model took
        # for one keeps what it counts ("over 15 trillion tokens", "more than 1 million models")
        money = any(t.is_currency or t.lower_ in words("metrics", "currency_words")
                or any(c in "$€£¥" for c in t.text) for t in ent)  # ("A$12 million")
        if money:
            return Span(doc, ent.start, _sum_end(ent), label="METRIC")
        kept = words("metrics", "approximators")  # ("more than 1 million models")
        start = next((t.i for t in ent if t.pos_ not in ("DET", "ADJ") or t.lower_ in kept),
                     ent.start)
        if start > ent.start:  # "an additional 6 trillion tokens": the number and its noun
            end = extend_to_noun(Span(doc, start, ent.end, label=label))
        return Span(doc, start, end, label="METRIC")
    if label == "CARDINAL":
        measure = _measure_of(ent)
        if end == ent.end and measure is not None:  # "an Elo score of 1402"
            span = Span(doc, measure, ent.end, label="METRIC")
            return None if a_setting(span) else span  # not "a temperature value of 0"
        if end == ent.end and (_bare_score(ent) or _size_alone(ent)):
            return Span(doc, ent.start, ent.end, label="METRIC")  # "scored 85.1", "27B"
        if not _counts_something(ent, end):
            return None
    if label == "PERCENT" or label == "CARDINAL":
        span = Span(doc, _with_approximator(ent), end, label="METRIC")
        return None if a_setting(span) else span  # what it counts sets the run: "a 1-3 rubric"
    return None


def _sum_end(ent: Span) -> int:
    """End of a sum of money with the noun it qualifies, when that names what the sum is
    ("a $4.5 billion valuation", "a €105 million seed round", "its $235 million Series D");
    else the sum alone ("$110 million to the program")."""
    doc, sums, end = ent.doc, words("metrics", "sum_nouns"), ent.end
    for t in doc[ent.end:min(len(doc), ent.end + 3)]:
        if t.pos_ not in ("NOUN", "PROPN") or t.is_sent_start:
            break
        if t.lower_ in sums:
            end = t.i + 1
    if end > ent.end and doc[end - 1].lower_ == "series" and end < len(doc) and \
            len(doc[end]) <= 2 and (doc[end].is_upper or doc[end].like_num):
        end += 1  # "Series A"
    return end


_PLURAL_NUMBERS = {"dozens", "hundreds", "thousands", "millions", "billions", "trillions"}


def _has_number(ent: Span) -> bool:
    """Whether a numeric entity holds a number at all (the NER calls "## References" money)."""
    return any(c.isdigit() for c in ent.text) or \
        any(t.like_num or t.lower_ in _PLURAL_NUMBERS for t in ent)


def _numbering(ent: Span) -> bool:
    """A heading's or a list item's number, or a rank: "#### 1", "### Pattern 1:", "2) design
    prompt templates", "4. Times out after ...", "#1", a table cell's "| 1. Introduction"."""
    doc = ent.doc
    if ent[0].text.startswith("#") or (ent.start > 0 and doc[ent.start - 1].text == "#"):
        return True
    number = next((t for t in ent if t.like_num), None)
    if number is None or number.i + 1 >= len(doc) or doc[number.i + 1].text not in ".)":
        return False
    line_start = number.i == 0 or doc[number.i - 1].text == "|" or \
        "\n" in doc[number.i - 1].text_with_ws
    if line_start or doc[number.i + 1].text == ".":  # "4. Times out after 120 seconds"
        return line_start  # (a numbered item's number; else a full stop after a figure)
    if number.i > 0 and doc[number.i - 1].text == "(" and len(number) <= 2 and number.is_digit:
        return True  # "(1) duration (how long an event takes), (2) temporal ordering"
    depth = 0  # "(F1 of 79.2 against 79.5)": the bracket closes what opened before it
    for token in reversed(doc[number.sent.start:number.i]):
        if "\n" in token.text or "\n" in token.whitespace_:
            break
        depth += (token.text == ")") - (token.text == "(")
        if depth < 0:
            return False
    return True


def _names_a_kind(ent: Span) -> bool:
    """A number word glued to a word by a hyphen names a kind of thing, not a quantity:
    "zero-shot", "one-shot", "two-stage" (but "7B-parameter" and "3-7x" are quantities)."""
    doc, last = ent.doc, ent[-1]
    if last.i + 2 > len(doc) or last.whitespace_ or doc[last.i + 1].text not in ("-", "\u2011"):
        return False
    return last.is_alpha and doc[last.i + 2].is_alpha if last.i + 2 < len(doc) else False


def _duration(ent: Span) -> Span | None:
    """A duration with a number ("~45 seconds", "about two minutes"), not "tonight"."""
    units = _unit_nouns()
    if not any(t.like_num for t in ent) or not any(t.lower_ in units for t in ent):
        return None
    return Span(ent.doc, _with_approximator(ent), ent.end, label="METRIC")


def _counts_something(ent: Span, end: int) -> bool:
    """Whether a cardinal extended to ``end`` is a finding, not a bare count or a year."""
    if end == ent.end:
        return False  # a bare count with nothing it counts is not a finding
    if len(ent) == 1 and _YEAR.match(ent.text):
        return False
    counted = ent.doc[end - 1]
    if counted.lower_ in words("metrics", "structural_nouns") and _is_small(ent):
        return False  # "3 steps", "two prompts": how the method is built, not a finding
    counted = sorted_noun(counted)  # "three levels of difficulty": levels
    return not (_is_small_word_number(ent) and counted.lower_ not in _unit_nouns()) or \
        collection_size(ent, counted)


# a size with its magnitude letter is a measure alone ("0.8B, 2B, 4B", "| 13B |", "4K and 16K")
_SIZE = re.compile(r"^\d+(?:\.\d+)?[KMBT]$")
_COMPARISONS = {">", "<", "=", ">=", "<=", "==", "~="}  # "torch >= 2.0": a version wanted


def _bare_score(ent: Span) -> bool:
    """A decimal alone is a result ("Cirrus 4 scored 85.1, ahead of X at 76.5", "7.32 on
    MT-Bench", "scores 58.1"), unless another noun numbers it ("Section 3.2", "version 2.1",
    "Llama 3.1")."""
    if len(ent) != 1 or not DECIMAL.match(ent.text):
        return False
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    # (a capitalised word before it names a release: "Dynamic 2.0", "CUDA Capability 7.0";
    # a score's noun does not: "o1-mini scores 58.1", "Accuracy 0.82"; nor a table's bar)
    if before is None or before.text == "|" or before.lower_ in words("metrics", "score_nouns"):
        return True
    return not (before.pos_ in ("NOUN", "PROPN") or before.lower_ == "v" or
                before.text in _COMPARISONS or (before.is_title and not before.is_sent_start))


def _size_alone(ent: Span) -> bool:
    """A size with its magnitude letter ("0.8B, 2B, 4B", "| 13B |", "Phi-2 (2.7B)"), not the
    end of a name it is glued to ("s1-32B")."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    glued = before is not None and not before.whitespace_ and \
        (before.text in HYPHENS or before.is_alpha or before.like_num)
    return bool(_SIZE.match(ent.text)) and not glued


def _is_small(ent: Span) -> bool:
    """A count up to ten, in digits or words."""
    text = ent.text.replace(",", "")
    return (text.isdecimal() and int(text) <= 10) or _is_small_word_number(ent)


def _with_approximator(ent: Span) -> int:
    """Start of ``ent`` including a "~" just before it ("median ~45 seconds")."""
    start = ent.start
    return start - 1 if start > 0 and ent.doc[start - 1].text == "~" else start


_SCORE = re.compile(r"^\d+\.\d+$|^\d+(?:\.\d+)?%$")


_EMPHASIS = {"_", "*", "**", "__"}  # Markdown marks around a cell's text ("| _61.2_ |")


def table_scores(doc: Doc, taken: set[int], bars: list[int]) -> list[Span]:
    """Scores alone in a Markdown table's cell ("| 54.2 |", "| 65.9% |", "| _61.2_ |", each
    of "| 58.1 / 32.4 |") and a run's time ("| 32m 56s |", "| 45:49 |") as METRIC spans.

    ``taken`` holds the token indices other entities cover, ``bars`` those of the table's bars;
    a time is the whole cell even where a number of it was taken ("4s" of "2m 4s"). A cell of
    whole numbers (a count, a year, a rank) is left alone; a decimal or a percentage is a result.
    """
    found = []
    for bar in bars:
        cell = []  # the cell's words, without emphasis marks and spaces
        for token in doc[bar + 1:]:
            if token.text == "|":
                break
            if token.text not in _EMPHASIS and not token.is_space:
                cell.append(token)
        else:
            continue  # the row's last bar
        found += [s for s in _cell_scores(doc, cell) if _DURATION.fullmatch(s.text)
                  or not any(i in taken for i in range(s.start, s.end))]  # "2m" + "4s"
    return found


def _cell_scores(doc: Doc, cell: list[Token]) -> list[Span]:
    """The scores a cell holds alone: one, several apart by slashes ("58.1 / 32.4"), or one
    with its confidence interval ("17.5 [12.0, 23.0]")."""
    if cell and _DURATION.fullmatch(doc[cell[0].i:cell[-1].i + 1].text):
        return [Span(doc, cell[0].i, cell[-1].i + 1, label="METRIC")]  # "32m 56s", "45:49"
    scores: list[Span] = []
    n = 0
    while n < len(cell):
        if cell[n].text in _CELL_MARKS:
            n += 1
            continue
        end = n + 1 + (n + 1 < len(cell) and cell[n + 1].text == "%")
        if not _SCORE.match("".join(t.text for t in cell[n:end])) or \
                cell[end - 1].i - cell[n].i != end - n - 1:
            return []
        scores.append(Span(doc, cell[n].i, cell[end - 1].i + 1, label="METRIC"))
        n = end
    return scores


_CELL_MARKS = {"/", "[", "]", ",", "(", ")"}  # between a cell's scores
# a run's time in a cell of its own: "11h 3m 26s", "32m 56s", "45:49", "4:21:18"
_DURATION = re.compile(r"(?:\d+h ?)?\d+m ?\d+s|\d+h ?\d+m|\d{1,2}:\d{2}(?::\d{2})?")


_PERCENT = re.compile(r"(?<![\w.+\-])\d+(?:\.\d+)?\s?%")


def loose_scores(doc: Doc, taken: set[int], bars: list[int]) -> list[Span]:
    """Scores no entity covers (the token indices in ``taken``): a table cell's
    (:func:`table_scores`) and any percentage the statistical model left out ("79.8% / 97.3%
    / 71.5% / 65.9%": the last one); a percentage always reports a figure."""
    found = table_scores(doc, taken, bars) + table_counts(doc, taken) if bars else []
    taken = taken | {i for s in found for i in range(s.start, s.end)}
    for match in _PERCENT.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), label="METRIC")
        if span is not None and not any(i in taken for i in range(span.start, span.end)) \
                and not inside_quotes(span) and not a_setting(span):  # "95% CI"
            found.append(span)
    taken = taken | {i for s in found for i in range(s.start, s.end)}
    return found + _loose_amounts(doc, taken)


# a number with its unit or magnitude glued on, alone ("14GB", "30GB", "33k"; not the
# "7b" of "vicuna-7b", the "16k" of "7B-16k" or the "13B" of "Vicuna-7B/13B"), or seconds
# ("~40s per task", "| 24s |"; not a decade: "the 90s", "1990s")
_AMOUNT = re.compile(r"(?<![\w.+\-/~])(?:\d+(?:\.\d+)?(?:GB|MB|TB|GiB|[KkMBT])|"
                     r"~?\d{1,3}(?:\.\d+)?(?:[-–]\d{1,3})?s)(?![\w\-/])")
_DECADE = re.compile(r"\b(?:the|[Ee]arly|[Ll]ate|[Mm]id)[ -]$")


def _loose_amounts(doc: Doc, taken: set[int]) -> list[Span]:
    """Amounts with a glued unit that no entity covers ("requires around 14GB of GPU memory
    for Vicuna-7B": the statistical model saw no number), with what they measure."""
    found = []
    for match in _AMOUNT.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), label="METRIC",
                             alignment_mode="expand")
        if span is None or any(i in taken for i in range(span.start, span.end)) or \
                inside_quotes(span) or reports_nothing(span) or \
                _DECADE.search(doc_text(doc), max(0, match.start() - 6), match.start()):
            continue
        end = extend_to_noun(span) if doc.has_annotation("DEP") else span.end
        # what it measures stops at a name ("10K+ GitHub stars": "GitHub" is taken)
        end = next((i for i in range(span.end, end) if i in taken), end)
        found.append(Span(doc, span.start, max(end, span.end), label="METRIC"))
        taken = taken | set(range(span.start, max(end, span.end)))
    return found


def within_cell(span: Span) -> Span:
    """``span`` cut at a table's bar: "54.2 | 8.38" is two cells, not one metric."""
    for token in span:
        if token.text == "|":
            return Span(span.doc, span.start, token.i, label=span.label_, span_id=span.id_) \
                if token.i > span.start else span
    return span


_RATE_UNITS = {"s", "sec", "second", "seconds", "minute", "hour", "day", "week", "month",
               "year", "token", "tokens", "gpu", "query", "request", "user", "weight", "param",
               "parameter", "image", "step"}  # what a rate is counted per ("TFLOPs/s")
_RATE_WORDS = 4  # "per million output tokens"
_NAMED = {"MODEL", "ORG", "PROJECT", "METHOD", "DATASET", "PERSON", "GPE", "PRODUCT"}


def per_unit(span: Span) -> Span:
    """A figure extended over the unit it is a rate of: "38 tokens per second", "$0.40 per
    million output tokens", "2 billion tokens a day", "225 TFLOPs/s" (a rate is one figure;
    "38 tokens" alone says another thing)."""
    doc, end = span.doc, span.end
    if end + 1 >= len(doc) or not any(c.isdigit() for c in span.text):
        return span
    cue = doc[end]
    if cue.text == "/" and not cue.whitespace_ and not span[-1].whitespace_ and \
            doc[end + 1].lower_ in _RATE_UNITS:
        return Span(doc, span.start, end + 2, label=span.label_, span_id=span.id_)
    if cue.lower_ not in ("per", "a", "an") or not span[-1].whitespace_:
        return span
    for i in range(end + 1, min(end + 1 + _RATE_WORDS, len(doc))):
        token = doc[i]
        if token.pos_ not in ("NOUN", "NUM", "ADJ", "PROPN") or token.ent_type_ in _NAMED:
            return span  # ("second" is an ordinal to the statistical model)
        if token.pos_ == "NOUN" and (cue.lower_ == "per" or token.lower_ in _RATE_UNITS) and \
                not (i + 1 < len(doc) and doc[i + 1].pos_ == "NOUN"):
            return Span(doc, span.start, i + 1, label=span.label_, span_id=span.id_)
    return span


def share_of(span: Span) -> Span:
    """A figure counted out of a whole begins at its part: "30 of 32 benchmarks", "44 out
    of 66 public test base behaviors" (the whole alone says another thing)."""
    doc, start = span.doc, span.start
    words = [t.lower_ for t in doc[max(0, start - 3):start]]
    back = 3 if words[-2:] == ["out", "of"] else 2 if words[-1:] == ["of"] else 0
    if back and start - back >= 0 and doc[start - back].text[:1].isdigit() and \
            doc[start].like_num:  # ("one of 5 models" is one model, not a figure)
        return Span(doc, start - back, span.end, label=span.label_, span_id=span.id_)
    return span
