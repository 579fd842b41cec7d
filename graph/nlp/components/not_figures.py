"""Numbers whose place in the text says they report nothing (ANNOTATING: METRIC, "Not
metrics"), whatever the number looks like.

A README or a paper summary is full of numbers that are no finding: a setting in inline code
("**Sampling temperature:** `0.7`"), the arithmetic of an example ("x = (7 ± √25) / 6"), the
symbols of a formula in TeX ("$t_2$"), the numbers of a question put to a model ("If it takes
1 hour to dry 25 shirts ..., how long will it take to dry 30 shirts?") or of its answer quoted
in a Markdown blockquote, a bit width that names a precision ("4-bit", "8-bit compression"),
the number of a hardware series ("RTX 20, 30, 40x"), a model a definite noun phrase names by
its size ("the 32B model"), a number glued to letters no unit spells ("4o Image Generation"),
a setting of the run ("3 epochs", "a temperature of 0.0", "95% CI"), the numbers a version is
called by ("CUDA Version is 11.8, 12.1 or 13.2"). Each is told by the
characters around the number, not by the parse.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from graph.nlp.components.spans import doc_text, line_bounds, relabel
from graph.nlp.lexicon import words

# what only an equation has: "3x^2 - 7x + 2 = 0", "x = (7 ± √25) / 6" ("71.2 ± 0.3" is a score)
_EQUATION_MARKS = ("=", "√", "^")
_OPERATORS = {"+", "-", "−", "*", "/", "±", "×", "÷", "(", ")", "=", "^", "√"}
_TERM = re.compile(r"^[\d.,]*[a-z]?(?:\^\d+)?$|^√")
_MULTIPLIER = re.compile(r"^\d+[x×]$")
HYPHENS = ("-", "\u2011", "\u2010")


def reports_nothing(span: Span) -> bool:
    """Whether the number of ``span`` (a numeric entity or a METRIC pattern's match) sits
    where no figure is reported: inline code, an equation, a question, a blockquote, a bit
    width, a hardware series; or is a release's calendar version ("2025.3") or a count of
    dimensions ("a 2D array")."""
    return in_inline_code(span) or in_equation(span) or in_math(span) or in_question(span) or \
        in_blockquote(span) or bit_width(span) or series_number(span) or a_named_model(span) \
        or a_name_part(span) or a_setting(span) or a_scale_value(span) or label_number(span) \
        or a_version_number(span) or a_threshold_of_one(span)


def a_threshold_of_one(span: Span) -> bool:
    """"at least 1 correct solution", "success if at least one challenge ... was solved": the
    condition a score counts, no finding (pass@k and its kin)."""
    words = [t.lower_ for t in span.doc[max(0, span.start - 2):span.end]]
    return words[-3:-1] == ["at", "least"] and words[-1] in ("1", "one")


_CALENDAR_VERSION = re.compile(r"^(?:19|20)\d\d\.\d{1,2}$")
_DIMENSIONS = re.compile(r"^\dD\b")  # "a 2D array", "3D medical images"


def label_number(span: Span) -> bool:
    """A number that labels rather than reports: a release numbered by its year and its
    month or minor version ("2025.3"), or how many dimensions a thing has ("a 2D array");
    no gold figure of the annotated pages has either form."""
    text = span.text.strip()
    return _CALENDAR_VERSION.match(text) is not None or _DIMENSIONS.match(text) is not None


_VERSION_WORDS = {"version", "versions"}
# what may stand between "version" and its numbers: "CUDA Version is 11.8, 12.1 ... or 13.2",
# "Supported CUDA versions: 10.2 - 12.0", "version v0.1.2", "Version 2-A"
_IN_A_VERSION_LIST = {"is", "are", ":", ",", "or", "and", "to", "-", "–", "v", "of", "from"}


def a_version_number(span: Span) -> bool:
    """A release's number after the word "version", or one of a list of them ("Python
    Version is 3.10, 3.11 or 3.12"): what a release is called, no finding (30 of the 31
    such numbers of the annotated pages are no gold figure)."""
    doc, i = span.doc, span.start - 1
    while i >= 0 and (doc[i].like_num or doc[i].lower_ in _IN_A_VERSION_LIST) \
            and span.start - i <= 24:
        i -= 1
    return i >= 0 and doc[i].lower_ in _VERSION_WORDS


def _compares(times: Token) -> bool:
    """Whether "times" says how much more: "5 times larger", "ten times its size"."""
    doc = times.doc
    after = doc[times.i + 1] if times.i + 1 < len(doc) else None
    return after is not None and (after.tag_ in ("JJR", "RBR") or
                                  after.lower_ in ("as", "its", "the", "that", "more", "less"))


def _few(span: Span) -> bool:
    """Whether ``span`` counts twenty or fewer, in digits or words ("10", "three")."""
    number = next((t for t in span if t.like_num), span[0])  # (past "about", "over")
    first = number.text.replace(",", "")
    magnitude = number.i + 1 < len(number.doc) and number.doc[number.i + 1].like_num
    return first.isdecimal() and int(first) <= 20 and not magnitude \
        or first.lower() in words("metrics", "small_number_words")  # not "20 million"


def a_setting(span: Span) -> bool:
    """Whether the number sets how a run is done, no finding: "3 epochs", "10 runs", "a
    temperature of 0.0", "temperature 0.7", the "95%" of "95% CI", "attempted 10 times"
    (but "10 times cheaper" compares). The words are ``setting_nouns`` and ``setting_words``
    of ``resources/lexicon/metrics.json``; none is a gold figure of the annotated pages."""
    doc = span.doc
    nouns = words("metrics", "setting_nouns")
    after = doc[span.end] if span.end < len(doc) else None
    if any(t.lower_ in nouns for t in span[1:]) or after is not None and after.lower_ in nouns:
        return True
    times = next((t for t in (*span[1:], after) if t is not None and t.lower_ == "times"), None)
    if times is not None and not _compares(times) and _few(span):
        return True  # "attempted 10 times"; not "10 times cheaper", "300 million times"
    around = {t.lower_ for t in doc[max(0, span.start - 2):span.end]}  # "temperature value of 0"
    return bool(around & words("metrics", "setting_words"))


_BARE = re.compile(r"^\d+(?:\.\d+)?$")
_CONDITIONS = {"if", "otherwise", "when", "unless"}  # "1.0 if harmful, 0.0 otherwise"
_SCALE_VERBS = {"returns", "return", "returning", "≥", "≤", ">=", "<=", "threshold"}
_SCALE = re.compile(r"^[01](?:\.0+)?\s?[-–]\s?(?:1(?:\.0+)?|3|4|5|7|10|100)$")  # "0.0-1.0"


def a_scale_value(span: Span) -> bool:
    """Whether the bare number is a value of a scale a scorer gives or compares with, no
    finding: "Returns 1.0 if Pooh content is detected ..., 0.0 otherwise", "If the judge
    cost score is ≥ 0.5", "the similarity threshold (0.4)", "is set to 0.0", "a score ratio
    (0.0-1.0)", "ranges from −1 ... to +1", "normalized to 0.0-1.0"."""
    doc = span.doc
    if _SCALE.match(span.text):
        return True
    before = {t.lower_ for t in doc[max(0, span.start - 2):span.start]}  # "threshold (0.4)"
    if _SIGNED.match(span.text) and any(pair <= before for pair in _SCALE_ENDS):
        return True  # "ranges from −1", "normalized to 0.0-1.0" (its "0.0" alone)
    if len(span) != 1 or not _BARE.match(span.text):
        return False
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return after in _CONDITIONS or bool(before & _SCALE_VERBS) or {"set", "to"} <= before


_SIGNED = re.compile(r"^[+\-−]?\s?\d+(?:\.\d+)?$")
_SCALE_ENDS = ({"ranges", "from"}, {"range", "from"}, {"normalized", "to"}, {"normalised", "to"})


# a number glued to letters that are no unit is part of a name: "4o" of "4o Image Generation"
_GLUED = re.compile(r"^\d+([a-z]+)$")
_UNITS = {"x", "k", "m", "b", "t", "s", "ms", "h", "d", "gb", "mb", "tb", "kb", "pt", "p",
          "st", "nd", "rd", "th", "bit", "fps", "min", "hr", "hrs"}


def a_name_part(span: Span) -> bool:
    """Whether the figure's number is part of a name: letters no unit spells are glued to it
    ("4o", as in "GPT-4o" and "4o Image Generation")."""
    match = _GLUED.match(span[0].text)
    return match is not None and match.group(1) not in _UNITS


SIZE = re.compile(r"^\d+(?:\.\d+)?[BMK]$")  # a size with its magnitude: "32B"
_DEFINITE = {"the", "this", "that", "these", "those"}


def a_named_model(span: Span) -> bool:
    """A model a definite noun phrase names by its size, not a figure: "distilled from the
    32B model" is CodeTide 2 32B, where "a 12B model" reports a size."""
    doc, at = span.doc, span.start
    if at == 0 or doc[at - 1].lower_ not in _DEFINITE or not SIZE.match(doc[at].text):
        return False
    words = [t.lower_ for t in doc[at + 1:at + 4] if t.text not in HYPHENS]
    return bool(words) and (words[0] in ("model", "models") or (
        words[0] in ("parameter", "param") and words[1:2] in (["model"], ["models"])))


def _line_before(span: Span) -> str:
    text = doc_text(span.doc)
    return text[text.rfind("\n", 0, span.start_char) + 1:span.start_char]


_CODE_SPAN = 60  # characters: a code span is short; a paragraph in backticks is prose


def in_inline_code(span: Span) -> bool:
    """Between two backticks of its line, in a short code span: a value written as code
    ("`0.7`", "min `8` tokens", "`--max-tokens 512`") is a setting, not a result (an
    abstract pasted inside backticks is still prose)."""
    before = _line_before(span)
    if before.count("`") % 2 == 0:
        return False
    text = doc_text(span.doc)
    close = text.find("`", span.end_char)
    newline = text.find("\n", span.end_char)
    opened = span.start_char - (len(before) - before.rfind("`"))
    return close >= 0 and (newline < 0 or close < newline) and close - opened <= _CODE_SPAN


# TeX between dollar signs: "$t_1$", "$m/t_2$", "$N$" (not money: "$30 million")
_MATH = re.compile(r"(?<![\w$])\$(?=[A-Za-z\\{(])[^$\n]{1,160}?\$")


def in_math(span: Span) -> bool:
    """Touching inline TeX ("the coupling constant $t_2$", "from -6 to 6 with $N$ samples"):
    the symbols and bounds of a formula, not a figure reported."""
    start, end = line_bounds(span)
    line = doc_text(span.doc)[start:end]
    return any(m.start() + start < span.end_char and span.start_char < m.end() + start
               for m in _MATH.finditer(line))


_ADMONITION = re.compile(r"^\s*>\s*\[!\w+\]")  # "> [!NOTE]": the README's own note
_ABSTRACT = re.compile(r"^\W*abstract\b", re.IGNORECASE)  # "Abstract:", "## Abstract"


def in_blockquote(span: Span) -> bool:
    """On a Markdown blockquote line ("> So, it will take 1.2 hours ..."): quoted text, like
    quoted speech (:func:`graph.nlp.components.spans.inside_quotes`); not a note the page
    sets off so ("> [!NOTE]" over "... create a ~8GB image") nor the paper's abstract the
    page quotes under "Abstract:" ("> TurBLiMP is ... The dataset covers 16 core
    grammatical phenomena"): their figures are the page's."""
    if not _line_before(span).lstrip().startswith(">"):
        return False
    lines = doc_text(span.doc)[:span.start_char].splitlines()  # (the last: the span's own)
    first = ""
    while lines and lines[-1].lstrip().startswith(">"):
        first = lines.pop()  # up to the block's first line
    if _ADMONITION.match(first):
        return False
    before = next((line for line in reversed(lines) if line.strip()), "")
    return not _ABSTRACT.match(before)


def in_question(span: Span) -> bool:
    """In a sentence that asks ("If it takes 1 hour to dry 25 shirts under the sun, how long
    will it take to dry 30 shirts under the sun?"): a question reports no finding."""
    if not span.doc.has_annotation("SENT_START"):
        return False
    text = span.sent.text.rstrip(" \n*_`")
    return text.endswith("?")


def _term(token: Token) -> bool:
    return token.text in _OPERATORS or bool(_TERM.match(token.text)) or \
        any(m in token.text for m in _EQUATION_MARKS)


def in_equation(span: Span) -> bool:
    """A term of an equation: the run of numbers, letters and operators around the span has
    an equals sign, a root or a power ("3x^2 - 7x + 2 = 0", "x = (7 ± √25) / 6")."""
    doc = span.doc
    start, end = span.start, span.end
    while start > 0 and _term(doc[start - 1]) and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    while end < len(doc) and _term(doc[end]) and "\n" not in doc[end - 1].whitespace_:
        end += 1
    return any(m in t.text for t in doc[start:end] for m in _EQUATION_MARKS)


def bit_width(span: Span) -> bool:
    """A number glued by a hyphen to a precision word ("4-bit", "16-bit", "8-bit
    compression"): the name of a numeric format, not a quantity."""
    doc = span.doc
    precision = words("metrics", "precision_words")
    for token in doc[span.start:min(len(doc) - 2, span.end)]:
        if token.like_num and not token.whitespace_ and doc[token.i + 1].text in HYPHENS \
                and doc[token.i + 2].lower_ in precision:
            return True
    glued = re.compile(r"\d+(?:" + "|".join(precision) + ")")
    return any(glued.fullmatch(t.lower_) for t in span)


def series_number(span: Span) -> bool:
    """A multiplier-looking number after a product line's capitals ("RTX 50x", "RTX 20, 30,
    40x"): the name of a hardware series, not "10x faster"."""
    doc = span.doc
    if not _MULTIPLIER.match(span.text.replace(" ", "")):
        return False
    i = span.start - 1
    while i > 0 and (doc[i].text == "," or doc[i].like_num):
        i -= 1
    before = doc[i] if i >= 0 else None
    return before is not None and before.is_alpha and before.is_upper and len(before) >= 2 \
        and before.lower_ not in words("metrics", "unit_nouns")


_NOT_A_YEAR = re.compile(r"^(?!(?:19|20)\d\d$)\d{4}$|^\d+\+$")  # "1109 tokens/sec", "50+ LLMs"
_DECIMAL = re.compile(r"^\d{1,3}\.\d+$")
_TIME_PART = re.compile(r"(?:~|(?<![\w.])\d+ ?[hm] ?)$")  # before seconds: "~40s", "16m 18s"


def date_number(ent: Span) -> Span | None:
    """The statistical model's date as the number it is, or ``None`` for a date: four
    digits that are no year ("1109 tokens/sec"), "50+", a result's decimal ("scores 48.3";
    not a version: "Llama 3, 3.1"), or seconds ("| ~40s |", "~60-90s", "| 16m 18s |": said
    to be approximate or after minutes, not the forties or the eighteen-hundreds), a
    cardinal; how long the work took, a duration (:func:`_duration`). ``None`` for any
    other label."""
    if ent.label_ != "DATE":
        return None
    if _NOT_A_YEAR.match(ent.text) or \
            _TIME_PART.search(ent.doc[max(0, ent.start - 2):ent.start].text_with_ws) or \
            _DECIMAL.match(ent.text) and _after_result_verb(ent):  # "scores 48.3"
        return relabel(ent, "CARDINAL")
    return relabel(ent, "TIME") if _duration(ent) else None


def _after_result_verb(ent: Span) -> bool:
    """Whether a verb of a result comes right before ``ent`` ("scores", "reaches")."""
    return ent.start > 0 and ent.doc[ent.start - 1].lower_.startswith(
        tuple(words("relations", "result_stems")))


_DURATION = re.compile(r"^(?:about |around |roughly |~ ?)?\d[\d.,]* "
                       r"(?:hours?|days?|weeks?|months?)$")
_SPAN_VERBS = ("take", "require", "need", "last", "spend")  # "took 14 days to train"
_SPAN_PREPS = ("in", "for", "within", "under", "over")  # "trained ... in 9.5 days"


def _duration(ent: Span) -> bool:
    """How long something took, a figure of the work ("Phi-2 took 14 days to train",
    "trained ... in 9.5 days", "required 6,000 GPUs for 12 days"): a count of days, weeks
    or months the object of a verb of taking or of a preposition after a verb; not a
    point in time ("14 days ago", "every 6 months", "In 2 weeks, the ...")."""
    if not _DURATION.match(ent.text.lower()):
        return False
    head = ent.root.head
    if ent.root.dep_ in ("dobj", "npadvmod") and head.lemma_.lower() in _SPAN_VERBS:
        return True
    return ent.root.dep_ == "pobj" and head.lower_ in _SPAN_PREPS and \
        head.head.pos_ in ("VERB", "AUX") and head.head.i < head.i
