"""Span helpers the components share: quotation, hyphens, relabelling, titles and code."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from graph.nlp.lexicon import words

QUOTES = "\"“”‘’'«»"
HYPHENS = {"-", "\u2011"}
POSSESSIVE_MARKS = frozenset({"'s", "\u2019s"})  # "OpenAI's", "OpenAI’s"
ARTICLES = frozenset({"a", "an", "the"})
DATED_TITLE = re.compile(r"\(\w+\.? \d{4}\)$")  # a paper's title line ends with its date
MARKUP = frozenset({"*", "**", "_", "__", "`"})  # emphasis or code around a name: "**o3 model**"


def past_markup(doc: Doc, i: int) -> int:
    """The index of the first token at or after ``i`` that is no mark of :data:`MARKUP`
    (``len(doc)`` when none is): what follows a name in bold ("**o3 model**")."""
    while i < len(doc) and doc[i].text in MARKUP:
        i += 1
    return i


def first_conjunct(token: Token) -> Token:
    """The first item of the list ``token`` is an item of ("B" in "A and B": "A"), where the
    list's role in its clause is read; ``token`` itself when it heads no list."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per ``Doc``: spaCy joins every token's text again at each
    access, which made a per-entity ``doc.text`` cost as much as the parse on long pieces."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def line_bounds(span: Span) -> tuple[int, int]:
    """Character offsets of the start and the end (its newline, or the text's end) of the
    line ``span`` starts on."""
    text = doc_text(span.doc)
    end = text.find("\n", span.end_char)
    return text.rfind("\n", 0, span.start_char) + 1, len(text) if end < 0 else end


_TEXT_KEY = "threadline_text"


def sentences_with_entities(doc: Doc, sentences: Iterable[Span]
                            ) -> Iterator[tuple[Span, list[Span]]]:
    """Each of ``sentences`` (in order, not overlapping) with its entities, in one pass over
    the document's: ``Span.ents`` scans the whole document at each call."""
    ents, i = list(doc.ents), 0
    for sent in sentences:
        while i < len(ents) and ents[i].start < sent.start:
            i += 1
        j = i
        while j < len(ents) and ents[j].end <= sent.end:
            j += 1
        yield sent, ents[i:j]
        i = j


def inside_quotes(span: Span) -> bool:
    """Whether ``span`` sits inside a quotation of its sentence (quoted speech, examples)."""
    sent = span.sent
    before = doc_text(span.doc)[sent.start_char:span.start_char]
    opened = before.count("“") - before.count("”")
    straight = before.count('"')
    return opened > 0 or straight % 2 == 1


def is_quote(token: Token) -> bool:
    """Whether ``token`` holds a quotation mark of any kind."""
    return any(q in token.text for q in QUOTES)


def relabel(ent: Span, label: str) -> Span:
    """``ent`` with ``label``, keeping its pattern id (``ent`` itself when already so): its
    own, not the one ``ent_id_`` falls back to, the ruler's id on its root token ("MoE" of a
    longer "Kestrel-MoE" is no mixture-of-experts)."""
    return ent if ent.label_ == label else Span(ent.doc, ent.start, ent.end, label=label,
                                                span_id=ent.id_ or "")


# Small words a title leaves in lower case ("Open and Efficient Foundation Language Models").
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "of", "on",
                "or", "the", "to", "via", "vs", "with", "without"}
TITLE_WORDS = 16  # a title is short; a name-dense sentence of prose is longer
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def title_line(span: Span) -> bool:
    """Whether ``span`` sits in a heading or a title: a Markdown heading, or a sentence of
    its line whose words (small words aside, three to sixteen) are nearly all capitalised, like
    a paper title in a reading list ("LLaMA: Open and Efficient Foundation Language Models").

    Shape rules ("X Foundation", "X Research", "X Study") are not to be trusted there.
    """
    text = doc_text(span.doc)
    start, end = line_bounds(span)
    if text[start:end].lstrip().startswith("#"):
        return True
    if span.doc.has_annotation("SENT_START"):
        sent = span.sent
        start, end = max(start, sent.start_char), min(end, sent.end_char)
    words = [w for w in _WORD.findall(text[start:end]) if w.lower() not in _SMALL_WORDS]
    capitalised = sum(w[0].isupper() for w in words)
    return 3 <= len(words) <= TITLE_WORDS and capitalised >= 0.75 * len(words)


_AFFILIATION_LABEL = frozenset({"affiliation", "affiliations"})
_LIST_WORDS = frozenset({"and", "&"})
_LINE = 300  # characters: an affiliation line or a heading is short


def listed_organisations(span: Span) -> bool:
    """Whether ``span`` is one of the organisations a line or a parenthesis holds and
    nothing else: a paper's affiliations ("¹ Tsinghua University  ² Shanghai AI Laboratory",
    "**Affiliations:** University of Washington; Allen Institute for AI (Ai2)", "### Arbiter-RM:
    calibrated reward models (University of Edinburgh, Meridian AI)"): with the line's label
    "Affiliations:", or with another organisation, one of them a pattern's match (not the
    statistical model's guesses alone: "Blackwell & DGX Spark"); their parentheses
    (acronyms) aside."""
    doc = span.doc
    start, end = line_bounds(span)
    line = doc.char_span(start, end, alignment_mode="expand") if end - start < _LINE else None
    if line is None:
        return False  # (a paragraph's line is no list of organisations)
    if credits(line.text):  # the paper's authors' organisations
        return span.label_ == "ORG"
    opened = [t.i for t in doc[line.start:span.start] if t.text == "("]
    closed = [t.i for t in doc[span.end:line.end] if t.text == ")"]
    inner = opened and closed and not any(t.text == ")" for t in doc[opened[-1]:span.start])
    region = doc[opened[-1] + 1:closed[0]] if inner else line
    words = [t for t in region if t.is_alpha]
    colon = past_markup(doc, words[0].i + 1) if words else len(doc)
    labelled = not inner and colon < len(doc) and doc[colon].text.startswith(":") and \
        words[0].lower_ in _AFFILIATION_LABEL
    if not inner and not labelled and doc_text(doc)[start:end].lstrip().startswith("#"):
        return False  # a section's heading: "### AMD, Intel, Blackwell & DGX Spark"
    depth, names, known = 0, 1, bool(span.ent_id_)  # two, one of them a pattern's match
    for t in region:
        depth += (t.text == "(") - (t.text == ")")
        if depth or span.start <= t.i < span.end or (labelled and t.i == words[0].i):
            continue
        if t.text == "|" or t.is_alpha and t.ent_type_ != "ORG" and t.lower_ not in _LIST_WORDS:
            return False  # a table's row: "| Openness | Conscientiousness |"
        names += t.ent_iob_ == "B" and t.ent_type_ == "ORG"
        known = known or t.ent_type_ == "ORG" and bool(t.ent_id_)
    return labelled or names > 1 and known


_AUTHORS_LABEL = re.compile(r"^[\W_]*(?:authors?|by|who)[\s*_]*:", re.IGNORECASE)
_ARXIV = re.compile(r"\barXiv:\s?\d{4}\.\d{4,5}", re.IGNORECASE)


def credits(line: str) -> bool:
    """Whether a line credits a paper's authors: labelled "Authors:" ("Priya Raman (Carnegie
    Mellon University), Lena Vogt (Allen Institute for AI)") or "Who:", or holding its arXiv
    identifier ("*Northwind AI and the University of Washington · arXiv:2611.07745*", "—
    Zhou, Lin, Park et al., Tsinghua University and Microsoft Research. arXiv:2611.02290")."""
    return bool(_AUTHORS_LABEL.match(line) or _ARXIV.search(line))


_FENCE = re.compile(r"^[ \t]*(?:```|~~~)[ \t]*(\w*)", re.M)
_NOT_CODE = {"", "text", "txt", "markdown", "md", "plaintext"}


_STRUCTURE = re.compile(r"^(?:#{2,6} |\|)", re.M)  # a heading or a table row


def _fences(text: str) -> list[tuple[int, int, str]]:
    """Markdown's fenced blocks of ``text``: their character spans and languages ("" for
    none). An unclosed fence runs to the end, unless a heading or a table follows it: then
    it is a stray mark (the end of a block whose start was cut), not a block."""
    marks = list(_FENCE.finditer(text))
    if len(marks) % 2 and _STRUCTURE.search(text, marks[-1].end()):
        marks.pop()
    return [(marks[i].start(), marks[i + 1].start() if i + 1 < len(marks) else len(text),
             marks[i].group(1).lower()) for i in range(0, len(marks), 2)]


def fenced_blocks(text: str) -> list[tuple[int, int]]:
    """Character spans of Markdown's fenced blocks (code, example prompts and outputs)."""
    return [(start, end) for start, end, _ in _fences(text)]


def code_blocks(text: str) -> list[tuple[int, int]]:
    """Character spans of the fenced blocks of ``text`` that hold code (```python, ```json):
    names there are identifiers (``from openai import OpenAI``), not mentions. Blocks
    without a language are example prompts and outputs and stay prose."""
    return [(start, end) for start, end, language in _fences(text)
            if language not in _NOT_CODE]


# a line of code outside a fence: a JSON member ('"points": 5,'), a bracket alone, a command
# ("uv run inspect eval ...", "pip install x"), a line of command-line flags or one a command
# continues onto ("  --model-role judge=google/gemini-pro"), a call or an import
# ('eval(cyse4_mitre(), model="openai/gpt-4o")', "from inspect_ai import eval")
_CODE_LINE = re.compile(r'^[ \t]*(?:"[^"\n]{1,60}"[ \t]*:|[\[\]{}(),;]+[ \t]*$|\$ |'
                        r"(?:uv run|pip install|inspect eval|python3? -m|git clone) |"
                        r".*(?: --[a-z][\w-]*\b.*){2}|--[a-z][\w-]*[ =]|"
                        r"[\w.]+\(.*\)[ \t]*$|(?:from [\w.]+ )?import \w)", re.M)


def code_lines(text: str) -> list[tuple[int, int]]:
    """Character spans of the lines of ``text`` written as code outside any fence (a pasted
    JSON result, a command with its flags), where no number is a figure and no word a name."""
    found = []
    for match in _CODE_LINE.finditer(text):
        end = text.find("\n", match.start())
        found.append((match.start(), len(text) if end < 0 else end))
    return found


_TRAILING_TAGS = {"IN", "CC", "DT", "TO", "RB", "WDT", ","}
_LEADING_TAGS = {"IN", "CC", "RB"}
_OPENING = {"(", "[", "{"}  # no name ends with one: "Principles of Engineering ("
_NAMES = {"MODEL", "ORG", "PROJECT", "METHOD", "DATASET"}


_CODE = re.compile(r'[${}=<>\\|]|":"|\w\(')  # "|": a table's bar inside the span
_CONSTANT = re.compile(r"[A-Z]+(?:_[A-Z]+)+")  # "PUSHER_APP_ID", "EXA_API_KEY"


def written_as_code(text: str) -> bool:
    """Whether ``text`` is a piece of code, no name: a call, a template, an assignment, an
    unclosed bracket ("generate_fibonacci(n-2", '"French":"${French' in a guide's example
    output, which has no language to mark it as code), a constant or an environment
    variable ("PUSHER_APP_ID"), a class or a field named as code names them
    ("BlackmailClassifier", "TaskManager", "GenerateConfig", "StudentId")."""
    return bool(_CODE.search(text) or _CONSTANT.fullmatch(text) or _CLASS.fullmatch(text)) \
        or text.count("(") != text.count(")")


# a programming class's or field's name: words run together, ending on a kind of code object
_CLASS = re.compile(r"(?:[A-Z][a-z]+)+(?:Classifier|Manager|Config|Handler|Factory|Callback|"
                    r"Toolset|Wrapper|Id)")


_LETTERS = re.compile(r"[A-Za-z]{2,}")


def shouted(text: str, start: int) -> bool:
    """Whether the line of ``text`` holding offset ``start`` is written in capitals (six
    words or more, four in five of them capitals: "# REPLACE THESE VARIABLES WITH YOUR
    CENSORED WORDS ...", a comment in an example), where a capitalised word is no name."""
    end = text.find("\n", start)
    found = _LETTERS.findall(text[text.rfind("\n", 0, start) + 1:None if end < 0 else end])
    return len(found) >= 6 and sum(w.isupper() for w in found) >= 0.8 * len(found)


# a number format: "FP8", "bf16", "INT4", "NF4", "MXFP4" (a precision, as "8-bit" is)
_NUMBER_FORMAT = re.compile(r"^(?:u?int|fp|bf|tf|nf|mxfp|nvfp)\d{1,2}$", re.I)


def is_generic(text: str) -> bool:
    """Whether a name is a generic term ("AI", "API") or has no capital letter at all."""
    return generic_term(text) or not any(c.isupper() for c in text)


def generic_term(text: str) -> bool:
    """Whether ``text`` is a generic term, never a name ("AI", "LLMs", "Accuracy": the
    ``generic_terms`` of ``resources/lexicon/entities.json``, compared case-folded), or a
    number format ("FP8", "bf16": no gold entity of the 6 annotated pages naming one)."""
    text = text.strip()
    return text.casefold() in words("entities", "generic_terms") or \
        _NUMBER_FORMAT.match(text) is not None


def without_function_words(span: Span) -> Span | None:
    """``span`` without the function words at its ends, which no name begins or ends with:
    a sentence's first word ("On Arena-Hard-Auto", "Unlike Chatbot Arena") and a lower-case
    word after the name ("context-caching with", "CoT+Self-Consistency generally"), an
    opening bracket ("Practice of Engineering ("). ``None``
    when nothing is left; ``span`` itself when nothing is cut, for numbers and dates (their
    builder decides: "up to 27%"), or when the ``Doc`` is not tagged."""
    doc, start, end = span.doc, span.start, span.end
    if span.label_ not in _NAMES:
        return span
    while end - start > 1 and doc[start].is_title and doc[start].whitespace_ and (
            doc[start].tag_ in _LEADING_TAGS  # not glued to the rest: "Dolly-v2-3B" (RB)
            or doc[start].lower_ in words("entities", "summary_verbs")):  # "Proposes X"
        start += 1
    start = _after_job_title(doc, start, end)
    if start > span.start and generic_term(doc[start:end].text):
        start = span.start  # "Together AI": what is left would be no name ("AI")
    while end > start and (doc[end - 1].text in _OPENING or (
            doc[end - 1].tag_ in _TRAILING_TAGS  # not "32B" that the tagger calls an adverb
            and doc[end - 1].text[:1].islower()
            and (end - 1 == start or doc[end - 2].whitespace_))):  # not "command-a", "/gpt-5"
        end -= 1
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label_, span_id=span.id_) if end > start else None


_TITLE_WORDS = 3  # "Chief Scientific Officer of"


def _after_job_title(doc, start: int, end: int) -> int:
    """Where the employer's name starts in a span that opens with a person's title ("CEO of
    Vantor Labs", "Head of AI at Snowflake", "Scientific Officer of Brightwater"): after the
    first "at", else the first "of"; the span's start when it opens with no title."""
    titles = words("entities", "job_titles")
    opening = next((i for i in range(start, min(start + _TITLE_WORDS, end))
                    if doc[i].lower_ in ("at", "of")), start + _TITLE_WORDS)
    if not any(t.lower_ in titles for t in doc[start:opening]):
        return start
    for word in ("at", "of"):
        i = next((i for i in range(start + 1, end - 1) if doc[i].lower_ == word), None)
        if i is not None and doc[i + 1].text[:1].isupper():
            return i + 1
    return start


_APPOSITION_OPENERS = {"DT", "PRP$"}  # "a", "an", "the", "our", "its"
_MAX_MODIFIERS = 3


def apposed_noun(span: Span) -> Token | None:
    """The head noun of the appositive written right after ``span`` that the parser did
    not attach to it: "Rook-2, our new action model, ..." -> "model"; ``None`` without one.

    The appositive opens with a comma and a determiner or a possessive ("our", "Tessellate's
    34-billion-parameter biomedical language model"), has at most three modifiers (words
    joined by hyphens are one), and its head noun is followed by a comma, a stop or a
    relative word.
    """
    doc = span.doc
    i = past_markup(doc, span.end)  # "**PolicyPal**, a small ... app"
    if i + 2 >= len(doc) or doc[i].text != ",":
        return None
    start = i + 2 if doc[i + 1].tag_ in _APPOSITION_OPENERS else _after_possessor(doc, i + 1)
    words, j = [], start or len(doc)
    while j < len(doc) and len(words) <= 2 * _MAX_MODIFIERS + 2:
        aside = doc[j].text == "(" and j + 2 < len(doc) and doc[j + 2].text == ")"
        words += [] if aside else [j]  # "a retrieval-augmented generation (RAG) app"
        j += 3 if aside else 1
    modifiers = 0
    for k, j in enumerate(words):
        if doc[j].tag_ == "HYPH" or doc[j - 1].tag_ == "HYPH" and not doc[j - 2].whitespace_:
            continue  # "34-billion-parameter": one modifier
        after = doc[words[k + 1]] if k + 1 < len(words) else None
        if doc[j].tag_ in ("NN", "NNS") and (after is None or after.tag_ not in (
                "NN", "NNS", "NNP", "HYPH")):
            return doc[j]
        modifiers += 1
        if modifiers > _MAX_MODIFIERS:
            return None
    return None


def _after_possessor(doc, i: int) -> int | None:
    """Where the words after a name's possessive start ("Tessellate's" + ...), else ``None``."""
    j = i
    while j < len(doc) and j - i < 3 and doc[j].tag_ == "NNP":
        j += 1
    return j + 1 if i < j < len(doc) and doc[j].tag_ == "POS" else None


# what a name never ends with, though a span sometimes runs over it: "TextGrad!\n\n" (a
# heading's mark and the blank line after it), "Northwind AI last (year)"
NOT_LAST = frozenset({"!", "?", ",", ";", ":", "last", "next", "yesterday", "today",
                      "tomorrow", "and", "or"})  # "$30 million and" (the small model's MONEY)


# a word a hyphen glues onto a name to make a modifier of it: "ChatGPT-Assisted Weakly-Labelled
# Audio Captioning Dataset", "a Llama-powered agent" (the name is "ChatGPT", "Llama")
MODIFIER_SUFFIXES = frozenset({"assisted", "based", "powered", "generated", "derived", "driven",
                               "enhanced", "guided", "inspired", "like", "style", "specific",
                               "aware", "centric", "friendly", "compatible"})


def trimmed(spans: list[Span]) -> list[Span]:
    """``spans`` without the trailing blanks, marks and time words of :data:`NOT_LAST`,
    a modifier's suffix (:data:`MODIFIER_SUFFIXES`) and a name's tagline (:func:`_tagline`)
    (a span of nothing else goes)."""
    kept = []
    for span in spans:
        end, doc = _tagline(span), span.doc
        label = span.label_ if end == span.end else _type_elsewhere(spans, span, end)
        while end > span.start and (doc[end - 1].is_space or doc[end - 1].lower_ in NOT_LAST
                                    or _spaced_plus(doc, end - 1)):
            end -= 1  # (a "+" apart: "| GPT-4 + SBV |", a model with a method; not "HumanEval+")
        if end - span.start > 2 and doc[end - 2].text in HYPHENS and \
                doc[end - 1].lower_ in MODIFIER_SUFFIXES:
            end -= 2
        if end == span.end:
            kept.append(span)
        elif end > span.start:
            kept.append(Span(span.doc, span.start, end, label=label,
                             kb_id=span.kb_id_, span_id=span.id_))
    return kept


def _spaced_plus(doc, i: int) -> bool:
    return doc[i].text == "+" and i > 0 and bool(doc[i - 1].whitespace_)


def _type_elsewhere(spans: list[Span], span: Span, end: int) -> str:
    """The type the document's other spans give the words of ``span`` before ``end``, the
    name left of a tagline (whose type the tagline's words may have made: "SetFit -
    Efficient Few-shot Learning", a method), else ``span``'s."""
    name = span.doc[span.start:end].text.casefold()
    return next((s.label_ for s in spans if s.start != span.start
                 and s.text.casefold() == name), span.label_)


SPACED_DASHES = frozenset({"-", "\u2013", "\u2014"})  # "-", "–", "—" between spaces


def _tagline(span: Span) -> int:
    """Where a name ends before a dash set between spaces, the tagline of a README's title
    ("# SetFit - Efficient Few-shot Learning with Sentence Transformers", "TRL -
    Transformers Reinforcement Learning"), unless a model's variant word follows ("Code
    Llama - Instruct"); figures and dates keep theirs ("0.124 - 1.5")."""
    doc = span.doc
    if span.label_ in ("METRIC", "DATE"):
        return span.end
    return next((k for k in range(span.start + 1, span.end - 1)
                 if doc[k].text in SPACED_DASHES and doc[k - 1].whitespace_
                 and doc[k].whitespace_
                 and doc[k + 1].lower_ not in words("entities", "model_variants")), span.end)


def past_hyphens(doc, end: int) -> int:
    """``end`` past the rest of a hyphenated word the parser cut at its hyphen ("334
    sub-questions", "107 chest X-rays")."""
    while end + 1 < len(doc) and doc[end].text in HYPHENS and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha:
        end += 2
    return end


def labels_its_line(subject: Token) -> bool:
    """Whether a subject the parser found is a line's label before its colon ("HumanEval:
    With Llama 3 8B, QuRA scores 62.2%"), the verb's other subject being the real one."""
    doc = subject.doc
    return subject.i + 1 < len(doc) and doc[subject.i + 1].text == ":"
