"""What the pipeline reads of a text: the same characters written plainly, less what marks them up.

Every offset the pipeline gives stays the document's, and the reader still shows the text
as written. :func:`as_read` makes three changes, one character for one, and
:func:`compacted` leaves out what marks the text up:

* **Look-alike characters** are read as the plain ones they stand for. Text copied from the
  web writes names with a non-breaking hyphen ("GPT\\u20114o", "o4\\u2011mini") or a
  non-breaking space ("Llama\\u00a03 70B"); the recogniser and the patterns, which learnt
  the plain "-" and " ", read "GPT\\u20114.1" as a date and lost "Llama 3 70B" and what it
  outperforms.
* **Line breaks that only wrap prose** are read as spaces. Plain-text READMEs and paper
  abstracts are often wrapped at a fixed width ("The dataset consists of 6,642\\n
  question/answer pairs"); spaCy keeps such a break as a token of its own, and the
  recogniser, the parser and the figure patterns stop at it: the figure above was lost, and
  with it what it measures.
* **A press release's furniture** is read as blank: its dateline ("SAN FRANCISCO, March 4,
  2025 /PRNewswire/ -- Salesforce AI Research today announced ...") and a company's stock
  ticker ("NVIDIA (NASDAQ: NVDA) today announced ..."). The recogniser read the city in
  capitals and the exchange as benchmarks, and the release as evaluated on them.
* **A link's markup** is left out: its brackets and address ("[GPT-4.1](https://...)",
  "[Llama 3][2]"), an image, an HTML tag, an address in angle brackets. This is the one
  change that makes the text shorter (:func:`compacted`, which also says where each character
  read stands in the document, so that every offset given is still the document's). Blanked
  instead, the markup parted the sentence: spaCy reads a run of spaces as a token of its own,
  and the parse lost the partners listed after "We've partnered with" (the seeds and
  ``tests/data/unseen*`` with their names linked: relations .699 .708 .792 .730 blanked,
  against .864 .810 .857 .750 for the plain text).
* **Characters that are no part of the words** are left out or read as meant: a soft hyphen
  and a zero-width space inside a name ("Lla\u00adma", "Llama\u200b 3"), a byte-order mark,
  HTML's character references ("AT&amp;T" is "AT&T"), a PDF's ligatures ("ﬁne-tuning"). A
  block's HTML tag ("<br>", "</p>", "<tr>") is read as a line break where it parts two words,
  a table cell's as a space.
* **A footnote's mark** glued to what it annotates is left out too: "Llama 3 70B¹", "82.0%²",
  "Claude 3 Sonnet†", "GPT-4[^1]". The recogniser cut the names short at the mark ("Llama 3")
  or ran it into them ("MMLU³"), and the figures were lost (``tests/data/unseen`` with its
  names and figures footnoted: entities .966 -> .722, relations .810 -> .386).

A break wraps prose when it ends a long line of words (not a heading, a table row, a quote,
code, or a line that introduces what follows with a colon or breaks on purpose with two
trailing spaces) and the next line runs on in lower case or with a number, or with a name
after a word in lower case, a number or a comma ("in the\\nSpanish healthcare system",
"Claude 3.5\\nSonnet", "Physics,\\nChemistry and Biology"; not a field: "...`\\nAbstract:
..."), and is no item, heading, row, quote or code of its own.
"""

from __future__ import annotations

import bisect
import html
import re

# hyphens and spaces written with other code points (one character each, so offsets stay)
LOOKALIKES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
                            **dict.fromkeys("\u00a0\u2002\u2003\u2004\u2005\u2006\u2007"
                                            "\u2008\u2009\u200a\u202f", " ")})
_EXCHANGES = ("(?:NASDAQ|Nasdaq|NYSE American|NYSE|TSXV|TSX|LSE|HKEX|SEHK|TSE|OTCQX|OTCQB|OTC|"
              "ASX|KRX|KOSDAQ|SSE|SZSE|Euronext|SIX|XETRA|FWB|BSE|NSE)")
_LISTING = rf"{_EXCHANGES}[ \t]*:[ \t]*[A-Z][A-Z0-9.]{{0,6}}"  # "NASDAQ: NVDA"
_TICKER = re.compile(rf"\({_LISTING}(?:[ \t]*[,;][ \t]*{_LISTING})*\)")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WIRE = r"(?:/[ \t]*[A-Za-z][A-Za-z .-]{2,30}/|\([A-Z][A-Za-z .-]{2,30}\))"  # "/PRNewswire/"
# "SAN FRANCISCO, March 4, 2025 /PRNewswire/ -- ", "SANTA CLARA, Calif., March 18, 2024
# (GLOBE NEWSWIRE) -- ", "REDMOND, Wash. — April 23, 2024 — ", "BOSTON and REDMOND, Wash.,
# April 14, 2026 — ": a place in capitals (or two, of a joint release) opening the line,
# then a date or a wire service, then a dash before the first sentence
_DATELINE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z.'-]+(?:[ \t]+[A-Z][A-Z.'-]+){0,3}"
    r"(?:,?[ \t]+(?:and|&)[ \t]+[A-Z][A-Z.'-]+(?:[ \t]+[A-Z][A-Z.'-]+){0,3})?"
    r"(?:,[ \t]*[A-Z][A-Za-z.]*(?:[ \t]+[A-Z][A-Za-z.]*)?)*[ \t]*[,—–-]{1,2}[ \t]*"
    rf"(?:(?P<date>{_MONTH}[ \t]+\d{{1,2}},?[ \t]+\d{{4}})[ \t]*)?(?P<wire>{_WIRE}[ \t]*)?"
    r"(?:--|—|–)[ \t]*(?=[A-Z])")
MIN_LINE = 40  # shorter lines are fields, names, short items: not text wrapped at a width
_FENCE = re.compile(r"^\s*(```|~~~)")
_OWN_LINE = re.compile(r"^\s*(?:[#|>]|[-*+•]\s|\d{1,2}[.)]\s)")  # heading, row, quote, item
LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s")  # a list item's line: "- ", "* ", "1. "
_RUNS_ON = re.compile(r"^ {0,3}[a-z0-9(]")
_NAME_ON = re.compile(r"^ {0,3}[A-Z]")  # a name the line wraps onto: "the\nSpanish Ministry"
_LAST_WORD = re.compile(r"^ {0,3}[\w%-]+[.!?]$")  # a sentence's last word: "responsibly."
_FIELD = re.compile(r"^\s*[\w -]{1,30}:(\s|$)")  # "Abstract: ...", "SPDX-FileType: ..."
_PROSE_START = re.compile(r"^\s*[\w\"'`(\[*]")  # not a line opened by an emoji or a symbol
_CODE = re.compile(r"--|=|[{}]|\(\)|\$ |>>>")  # options, code, prompts: not prose


def _wraps(line: str, following: str) -> bool:
    """Whether the break between ``line`` and ``following`` only wraps prose."""
    words = line.strip()
    return (len(words) >= MIN_LINE and not line.startswith(("    ", "\t"))
            and (not _OWN_LINE.match(line) or LIST_ITEM.match(line) is not None)
            and not line.endswith("  ") and words[-1] not in ":|"
            and (_RUNS_ON.match(following) is not None or _NAME_ON.match(following) is not None
                 and (words[-1].isalnum() or words[-1] == ",")
                 and not _FIELD.match(following)
                 and _PROSE_START.match(line) is not None)
            and not _OWN_LINE.match(following)
            and (" " in following.strip() or _LAST_WORD.match(following) is not None)
            and not _CODE.search(line) and not _CODE.search(following))


def unwrapped(text: str) -> str:
    """``text`` with the line breaks that only wrap prose replaced by spaces."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    chars = list(text)
    position, fenced = 0, False
    for line, following in zip(lines, lines[1:], strict=False):
        position += len(line)
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and _wraps(line, following):
            chars[position] = " "
        position += 1
    return "".join(chars)


def without_furniture(text: str) -> str:
    """``text`` with a press release's dateline and stock tickers blanked (spaces, its line
    breaks kept)."""
    spans = [m.span() for m in _TICKER.finditer(text)] + [
        m.span() for m in _DATELINE.finditer(text) if m.group("date") or m.group("wire")]
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = [c if c == "\n" else " " for c in chars[start:end]]
    return "".join(chars)


# what a link adds to its words: "[GPT-4.1](https://...)", "[Llama 3][2]", an image,
# "<https://...>", an HTML tag ("<a href=...>", "</b>")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"(\[)[^\]\n]+(\]\([^)\s]*(?:[ \t]+\"[^\"\n]*\")?\)|\]\[[^\]\n]*\])")
# (HTML's own tags only: "<quotes>" in a prompt is the prompt's text)
_HTML = ("a|abbr|b|big|blockquote|br|center|code|dd|del|details|div|dl|dt|em|figcaption|figure|"
         "font|h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|picture|pre|s|small|source|span|strike|"
         "strong|sub|summary|sup|table|tbody|td|th|thead|tr|tt|u|ul|video")
_TAG = re.compile(rf"<(?:/?(?:{_HTML})(?:[ \t][^<>\n]*)?/?|https?://[^<>\s]+)>", re.IGNORECASE)


# a footnote's mark glued to what it annotates: "Llama 3 70B¹", "82.0%²", "Claude 3 Sonnet†",
# "GPT-4[^1]" (the recogniser cut the names short at it, and the figures were lost)
_MARKS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u2020\u2021"
_FOOTNOTE = re.compile(rf"(?<=[\w%+)\]])(?:[{_MARKS}](?:[,{_MARKS}]*[{_MARKS}])?|\[\^[^\]\s]+\])")
# characters that are no part of the words: zero-width spaces and joiners, a soft hyphen
# ("Trans\u00adformer"), a byte-order mark; and HTML's character references ("AT&amp;T")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]+")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,7}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# the ligatures a PDF's text layer writes ("ﬁne-tuning", "ﬂow"), as the letters they join
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}
_LIGATURE = re.compile("[" + "".join(_LIGATURES) + "]")
_ANY = re.compile(rf"\]\(|\]\[|<|[{_MARKS}]|\[\^|&|{_INVISIBLE.pattern}|{_LIGATURE.pattern}")
_INLINE_TAGS = frozenset("a abbr b code del em i ins kbd mark s small span strong sub sup u"
                         .split())
_CELLS = frozenset(("td", "th", "img", "source", "picture", "video"))  # a space between words
# (every other tag of HTML's, "<br>", "<p>", "</li>", "<tr>": a line break between words)

# (start, end, what it is read as, whether only where it parts two words)
Markup = tuple[int, int, str, bool]


def _tag(match: re.Match) -> Markup:
    name = re.match(r"</?([A-Za-z0-9]*)", match[0])
    name = name[1].lower() if name is not None else ""
    if name in _INLINE_TAGS or not name:
        return (*match.span(), "", False)
    return (*match.span(), " " if name in _CELLS else "\n", True)


def _markup(text: str) -> list[Markup]:
    """What Markdown and HTML write around a link's words, a footnote's marks, characters
    that are no part of the words: spans sorted and apart, each read as nothing, as the
    character a reference names, or as a space or a line break where it parts two words."""
    spans: list[Markup] = [(*m.span(), " ", True) for m in _IMAGE.finditer(text)]
    spans += [_tag(m) for m in _TAG.finditer(text)]
    spans += [(*m.span(), "", False) for m in _FOOTNOTE.finditer(text)]
    spans += [(*m.span(), "", False) for m in _INVISIBLE.finditer(text)]
    spans += [(*m.span(), _LIGATURES[m[0]], False) for m in _LIGATURE.finditer(text)]
    spans += [(*m.span(), read, False) for m in _ENTITY.finditer(text)
              if (read := html.unescape(m[0])) != m[0]]
    for match in _LINK.finditer(text):
        if match[2].startswith("][") and text[match.end(1):match.start(2)].isdigit():
            continue  # citations, not a link: "Prompt injection[65][66][67]"
        spans += [(*match.span(1), "", False), (*match.span(2), "", False)]
    merged: list[Markup] = []
    for span in sorted(spans, key=lambda span: span[:2]):
        if merged and span[0] < merged[-1][1]:  # inside the one before: "...?a=1&amp;b=2)"
            merged[-1] = (merged[-1][0], max(merged[-1][1], span[1]), *merged[-1][2:])
        else:
            merged.append(span)
    return merged


def compacted(text: str) -> tuple[str, list[int] | None]:
    """``text`` without what marks it up (:func:`_markup`), and where each of its characters
    stands in ``text`` (one more entry for the end; ``None`` when nothing was left out).

    A span left out between two spaces takes the second one with it, and one that parts two
    words ("one<br>two", an image) leaves a space or a line break, so no run of spaces is left
    where the markup was: spaCy would read that as a token of its own, which parts the
    sentence."""
    if _ANY.search(text) is None:
        return text, None
    spans = _markup(text)
    if not spans:
        return text, None
    kept: list[str] = []
    where: list[int] = []
    position, last = 0, "\n"  # the last character kept
    for start, end, read, parting in spans:
        start = max(start, position)  # (the space a span before took)
        if start > position:
            kept.append(text[position:start])
            where.extend(range(position, start))
            last = text[start - 1]
        after = text[end] if end < len(text) else "\n"
        if parting and (last.isspace() or after.isspace()):
            read = ""
        if read:  # "&amp;": "&"; "one<br>two"
            kept.append(read)
            where.extend([start] * len(read))
            last = read[-1]
        elif last.isspace() and after in " \t":
            end += 1
        position = end
    kept.append(text[position:])
    where.extend(range(position, len(text) + 1))
    return "".join(kept), where


def plain_pieces(text: str, cuts: list[int]) -> list[str]:
    """``text`` without its markup (:func:`compacted`), cut where the offsets ``cuts`` of
    ``text`` fall (sorted): what a list of passages shows of a sentence and the name in it
    ("Today we're releasing «GPT-4.1» in the API", not its link's brackets and address)."""
    read, where = compacted(text)
    if where is None:
        bounds = [0, *cuts, len(text)]
    else:
        bounds = [0, *(bisect.bisect_left(where, cut) for cut in cuts), len(read)]
    return [read[start:end] for start, end in zip(bounds, bounds[1:], strict=False)]


def as_read(text: str) -> str:
    """``text`` as the pipeline reads it, one character for one (after :func:`compacted`):
    look-alike characters plain, a press release's furniture blank, wrapped lines run on."""
    return unwrapped(without_furniture(text.translate(LOOKALIKES)))
