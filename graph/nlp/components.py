"""Threadline's domain components for spaCy, registered with ``@Language.factory``.

``threadline_entities`` runs last, after the entity ruler (``threadline_patterns``, before
``ner``) and the statistical NER. It turns their output into ``doc.ents`` with Threadline
labels only:

* the ruler's spans (``ent.ent_id_`` set) are domain knowledge and are kept as they are;
* the statistical labels are mapped onto Threadline's types, dropping generic terms
  ("AI", "API") and names the model invents from lower-case words;
* the model's mistakes are re-typed from context: a short form of a model named in the same
  document is that model ("Mythos Preview"), a name in apposition to "model" is a MODEL,
  and members of a list of organisations are organisations ("partnered with A, B and C");
* METRIC spans are built from numeric entities and the noun they quantify in the parse
  ("159 countries", "6% of all conversations", "17% lower");
* METHOD spans come from noun phrases headed by technique words ("retirement interviews",
  "natural language autoencoders", "randomized-controlled trial");
* acronyms defined in the text ("natural language autoencoders (NLAs)") take the type of
  their expansion wherever they occur in the document.

Every step works per entity or per matcher hit, never per token of the document, so the
component costs little next to the statistical pipeline. Without a parse (the rules-only
fallback) only the label mapping and the acronym step run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

# The statistical model's labels -> Threadline's types; unlisted labels are dropped.
LABEL_MAP = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "DATE": "DATE",
    "MODEL": "MODEL",
    "PROJECT": "PROJECT",
    "METHOD": "METHOD",
    "METRIC": "METRIC",
    "PLACE": "PLACE",
}
THREADLINE_LABELS = {"MODEL", "ORG", "PROJECT", "METHOD", "METRIC", "PERSON", "PLACE", "DATE"}
NUMERIC_LABELS = {"PERCENT", "CARDINAL", "QUANTITY", "MONEY", "TIME"}
# Labels the model uses for names it is unsure about; context may still make them a MODEL.
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "NORP", "EVENT"}

# Generic technical words the small model likes to call an ORG or a place.
GENERIC_TERMS = {
    "ai", "api", "apis", "llm", "llms", "ml", "gpu", "gpus", "cpu", "cpus", "agi", "nlp", "ui",
    "ux", "sdk", "ceo", "cto", "cfo", "phd", "rl", "faq", "url", "ai assistant", "the ai assistant",
    "internet", "web", "the web", "new", "emotion", "e-mail",
}
MODEL_NOUNS = {"model", "models", "llm", "llms", "family", "system", "version", "checkpoint"}

# -- metrics -----------------------------------------------------------------------------------
# Small counts written as words are narrative ("one group", "four domains"), unless they count
# a unit of measure ("about two minutes").
SMALL_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                      "ten", "eleven", "twelve", "a", "an", "several", "few", "both"}
UNIT_NOUNS = {
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "ms", "millisecond", "milliseconds", "point", "points", "percent", "percentage", "times",
    "x", "fold", "tokens", "token", "parameters", "parameter", "dollars", "gb", "tb", "mb",
}
APPROXIMATORS = {"~", "about", "around", "roughly", "approximately", "nearly", "almost", "over",
                 "under", "median", "mean", "average", "up", "to", "more", "than", "less", "fewer",
                 "just", "only", "at", "least", "most"}
_YEAR = re.compile(r"^(?:19|20)\d\d$")

# -- methods -----------------------------------------------------------------------------------
# Nouns that head the name of a technique, training procedure or study design.
TECHNIQUE_HEADS = {
    "autoencoder", "autoencoders", "transcoder", "transcoders", "training", "tuning", "learning",
    "optimization", "optimisation", "distillation", "interview", "interviews", "trial", "trials",
    "study", "studies", "experiment", "experiments", "review", "reviews", "evaluation",
    "evaluations", "evals", "vector", "vectors", "probe", "probes", "probing", "steering",
    "ablation", "ablations", "patching", "tracing", "attribution", "monitoring", "prompting",
    "sampling", "decoding", "merging", "teaming", "pruning", "quantization", "analysis",
    "regression", "audit", "audits", "survey", "surveys",
}
# Adjectives that make a technique name on their own ("sparse autoencoders",
# "randomized-controlled trial"); plain adjectives ("a conversational interview") do not.
TECHNIQUE_ADJECTIVES = {
    "randomized", "randomised", "controlled", "double", "blind", "blinded", "single",
    "placebo", "preregistered", "pre-registered", "longitudinal", "retrospective", "prospective",
    "cross-sectional", "sparse", "supervised", "unsupervised", "self", "semi", "reinforcement",
    "contrastive", "adversarial", "constitutional", "causal", "linear", "human", "direct",
    "automated", "mechanistic", "federated", "multilingual", "synthetic", "red", "ablation",
    "counterfactual", "zero", "few", "shot", "chain", "activation", "post", "pre", "fine",
}
_QUOTES = "\"“”‘’'«»"
HYPHENS = {"-", "\u2011"}

# -- acronyms ----------------------------------------------------------------------------------
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&]{1,10}$")
_LINK_WORDS = {"of", "for", "from", "and", "the", "to", "in", "on", "with", "a"}


def inside_quotes(span: Span) -> bool:
    """Whether ``span`` sits inside a quotation of its sentence (quoted speech, examples)."""
    sent = span.sent
    before = span.doc.text[sent.start_char:span.start_char]
    opened = before.count("“") - before.count("”")
    straight = before.count('"')
    return opened > 0 or straight % 2 == 1


def _is_generic(text: str) -> bool:
    return text.casefold().strip() in GENERIC_TERMS or not any(c.isupper() for c in text)


def _is_small_word_number(ent: Span) -> bool:
    words = [t.lower_ for t in ent if t.lower_ not in APPROXIMATORS]
    return bool(words) and all(w in SMALL_NUMBER_WORDS for w in words)


def _extend_to_noun(ent: Span) -> int:
    """End (token index) of the phrase a numeric entity quantifies, or ``ent.end``."""
    doc = ent.doc
    root = ent.root
    head = root.head
    # "159 countries", "1M conversations", "a 17% improvement", "14B parameter model"
    if root.dep_ in ("nummod", "compound", "quantmod", "amod", "npadvmod") and \
            head.pos_ in ("NOUN", "PROPN") and head.i >= ent.end and head.i - ent.end <= 3:
        return head.i + 1
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


def _measure_of(ent: Span) -> int | None:
    """Start of "<measure> of" before a number ("score of 1402", "accuracy of 92.1")."""
    root = ent.root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or prep.i != ent.start - 1:
        return None
    noun = prep.head
    if noun.pos_ != "NOUN" or noun.i != prep.i - 1:
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
    """
    doc = ent.doc
    label = ent.label_
    if inside_quotes(ent):
        return None
    if label == "TIME":
        # durations with a number ("~45 seconds", "about two minutes"), not "tonight"
        if not any(t.like_num for t in ent) or not any(t.lower_ in UNIT_NOUNS for t in ent):
            return None
        return Span(doc, _with_approximator(ent), ent.end, label="METRIC")
    if label in ("MONEY", "QUANTITY"):
        return Span(doc, ent.start, ent.end, label="METRIC")
    end = _extend_to_noun(ent)
    if label == "CARDINAL":
        measure = _measure_of(ent)
        if end == ent.end and measure is not None:
            return Span(doc, measure, ent.end, label="METRIC")  # "an Elo score of 1402"
        if end == ent.end:
            return None  # a bare count with nothing it counts is not a finding
        if len(ent) == 1 and _YEAR.match(ent.text):
            return None
        counted = doc[end - 1]
        if _is_small_word_number(ent) and counted.lower_ not in UNIT_NOUNS:
            return None
    if label == "PERCENT" or label == "CARDINAL":
        return Span(doc, _with_approximator(ent), end, label="METRIC")
    return None


def _with_approximator(ent: Span) -> int:
    """Start of ``ent`` including a "~" just before it ("median ~45 seconds")."""
    start = ent.start
    if start > 0 and ent.doc[start - 1].text == "~":
        start -= 1
    return start


# -- methods -----------------------------------------------------------------------------------
def _is_quote(token: Token) -> bool:
    return any(q in token.text for q in _QUOTES)


def method_span(head: Token) -> Span | None:
    """A METHOD span for a technique noun and the modifiers that name the technique.

    Walks left from ``head`` over modifiers that attach inside the phrase. The phrase must
    contain a noun modifier ("retirement interviews", "emotion vectors") or a technique
    adjective ("sparse autoencoders", "double-blind study"); adjectives are only taken
    in front of a noun modifier ("natural language autoencoders", "multilingual
    preference training"), so "a conversational interview" or "a separate experiment" is
    not a method. Quoted modifiers ("the “joy” vector") are examples, not names.
    """
    doc = head.doc
    sent_start = head.sent.start
    head_start = _hyphen_unit_start(doc, head.i, sent_start)  # "fine-tuning"
    start, anchored = head_start, False
    i = head_start - 1
    while i >= sent_start:
        # one word of the name, maybe glued by hyphens: "double-blind", "chain-of-thought"
        unit_start = _hyphen_unit_start(doc, i, sent_start)
        unit = doc[unit_start:i + 1]
        words = [t for t in unit if t.text not in HYPHENS]
        if any(t.is_punct or t.like_num or _is_quote(t) for t in words):
            break
        if not any(i < t.head.i <= head.i for t in unit):
            break  # it modifies something outside the phrase
        if any(t.pos_ in ("NOUN", "PROPN") and t.dep_ != "poss" or
               t.lower_ in TECHNIQUE_ADJECTIVES for t in words):
            anchored = True
        elif len(words) == 1 and words[0].tag_ == "VBG" and words[0].head.i == head.i:
            anchored = True  # "scheming evaluations"
        elif not (len(words) == 1 and words[0].pos_ == "ADJ" and start < head_start
                  and doc[start].pos_ in ("NOUN", "PROPN")):
            break  # only an adjective in front of a noun modifier: "natural language ..."
        start = unit_start
        i = unit_start - 1
    if not anchored or start == head_start:
        return None
    if start > 0 and _is_quote(doc[start - 1]):
        return None
    return Span(doc, start, head.i + 1, label="METHOD")


def _hyphen_unit_start(doc: Doc, i: int, sent_start: int) -> int:
    """First token of the hyphen-glued word ending at token ``i``."""
    while i - 2 >= sent_start and doc[i - 1].text in HYPHENS and not doc[i - 1].whitespace_ \
            and not doc[i - 2].whitespace_:
        i -= 2
    return i


# -- acronyms ----------------------------------------------------------------------------------
def acronym_for(span: Span) -> str | None:
    """The acronym defined right after ``span`` ("natural language autoencoders (NLAs)")."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != "(" or doc[span.end + 2].text != ")":
        return None
    candidate = doc[span.end + 1].text
    if not _ACRONYM.match(candidate) or sum(c.isupper() for c in candidate) < 2:
        return None
    acronym = candidate[:-1] if candidate.endswith("s") else candidate
    words = [w for w in re.split(r"[\s\-‑]+", span.text) if w]
    letters = "".join(w[0] for w in words if w.lower() not in _LINK_WORDS or w[0].isupper())
    every_word = "".join(w[0] for w in words)
    if acronym.upper() in (letters.upper(), every_word.upper()):
        return acronym
    return None


def _acronym_spans(doc: Doc, spans: Iterable[Span]) -> list[Span]:
    found = []
    for span in spans:
        if span.label_ not in ("METHOD", "ORG", "PROJECT", "MODEL"):
            continue
        acronym = acronym_for(span)
        if acronym is None:
            continue
        for match in re.finditer(rf"\b{re.escape(acronym)}s?\b", doc.text):
            occurrence = doc.char_span(match.start(), match.end(), label=span.label_,
                                       span_id=span.ent_id_ or "")
            if occurrence is not None:
                found.append(occurrence)
    return found


# -- context re-typing -------------------------------------------------------------------------
def _model_by_context(ent: Span) -> bool:
    """A name in apposition to "model" ("the model (Sonnet 4.5)", "X, our newest model")."""
    root = ent.root
    if root.dep_ == "appos" and root.head.lower_ in MODEL_NOUNS:
        return True
    return any(c.dep_ == "appos" and c.lower_ in MODEL_NOUNS for c in root.children)


def _suffix_of(tokens: tuple[str, ...], names: set[tuple[str, ...]]) -> bool:
    return any(len(name) > len(tokens) and name[-len(tokens):] == tokens for name in names)


def _list_members(span: Span) -> list[Token]:
    """Tokens coordinated with ``span``'s root: the other items of "A, B, C and D"."""
    root = span.root
    return [t for t in root.conjuncts if t.i < span.start or t.i >= span.end]


def _name_span(token: Token) -> Span:
    """The proper-noun name ending at ``token`` ("Palo Alto Networks", "JPMorganChase")."""
    start = token.i
    for child in reversed(list(token.lefts)):
        if child.dep_ in ("compound", "flat") and child.pos_ == "PROPN" and child.i == start - 1:
            start = child.i
        else:
            break
    return token.doc[start:token.i + 1]


def _choose(spans: list[tuple[int, Span]]) -> list[Span]:
    """Non-overlapping spans: higher priority first, then longer, then earlier."""
    chosen, taken = [], set()
    for _, span in sorted(spans, key=lambda ps: (-ps[0], -(ps[1].end - ps[1].start), ps[1].start)):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        chosen.append(span)
        taken.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


# Priorities of span sources when they overlap.
RULER, DERIVED, STATISTICAL = 3, 2, 1


@Language.factory("threadline_entities")
class ThreadlineEntities:
    """Map statistical labels to Threadline types, re-type from context, add METRIC/METHOD."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.technique_matcher = Matcher(nlp.vocab)
        self.technique_matcher.add("TECHNIQUE", [[{"LOWER": w}] for w in sorted(TECHNIQUE_HEADS)])

    def __call__(self, doc: Doc) -> Doc:
        parsed = doc.has_annotation("DEP")
        spans: list[tuple[int, Span]] = []
        pending: list[Span] = []  # statistical names that context may still re-type
        for ent in doc.ents:
            if ent.ent_id_:  # the entity ruler: domain knowledge, kept as matched
                if ent.label_ == "METRIC" and parsed:
                    # "99.9th percentile turn duration": the measure and what it measures
                    spans.append((RULER, Span(doc, ent.start, _extend_to_noun(ent), "METRIC",
                                              span_id=ent.ent_id_)))
                elif ent.label_ in NUMERIC_LABELS:
                    metric = metric_span(ent) if parsed else None
                    if metric is not None:
                        spans.append((RULER, metric))
                elif ent.label_ in THREADLINE_LABELS:
                    spans.append((RULER, _trim_hyphen(ent)))
                continue
            if ent.label_ in NUMERIC_LABELS:
                metric = metric_span(ent) if parsed else None
                if metric is not None:
                    spans.append((DERIVED, metric))
                continue
            if ent.label_ in NAME_LABELS and not _is_generic(ent.text):
                pending.append(ent)
            elif ent.label_ in LABEL_MAP and ent.label_ not in NAME_LABELS:
                spans.append((STATISTICAL, _relabel(ent, LABEL_MAP[ent.label_])))

        models = {tuple(t.text for t in s) for _, s in spans if s.label_ == "MODEL" and len(s) > 1}
        for ent in pending:
            ent = _glued_name(ent)
            label = LABEL_MAP.get(ent.label_)
            if _suffix_of(tuple(t.text for t in ent), models):
                label = "MODEL"  # "Mythos Preview" after "Claude Mythos Preview"
            elif parsed and _model_by_context(ent):
                label = "MODEL"
            elif label in ("ORG", "PERSON", "PLACE") and inside_quotes(ent):
                label = None  # a name in quoted speech is an example, not a claim
            if label:
                spans.append((STATISTICAL, _relabel(ent, label)))

        if parsed:
            known = [s for p, s in spans if p == RULER and s.label_ == "METHOD"]
            for _, start, _end in self.technique_matcher(doc):
                method = method_span(doc[start])
                if method is not None:
                    # "chain-of-thought monitoring" is a technique of its own, not a mention
                    # of "chain-of-thought": the longer phrase wins over the known name.
                    specific = any(method.start <= k.start and k.end <= method.end
                                   and len(k) < len(method) for k in known)
                    spans.append((RULER if specific else DERIVED, method))
            spans.extend((DERIVED, s) for s in _organisation_lists(doc, [s for _, s in spans]))
        chosen = _choose(spans)
        spans.extend((RULER, s) for s in _acronym_spans(doc, chosen))
        doc.ents = _choose(_retype_lists(spans) if parsed else spans)
        return doc


def _trim_hyphen(ent: Span) -> Span:
    """"Claude 3-" -> "Claude 3": version patterns may end on a hyphen ("3-based")."""
    end = ent.end
    while end - 1 > ent.start and ent.doc[end - 1].text in HYPHENS:
        end -= 1
    if end == ent.end:
        return ent
    return Span(ent.doc, ent.start, end, label=ent.label_, span_id=ent.ent_id_)


def _glued_name(ent: Span) -> Span:
    """Extend a name over a glued hyphen and capitalised part ("EMBL" -> "EMBL-EBI")."""
    doc, end = ent.doc, ent.end
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper() \
            and not doc[end + 1].ent_type:
        return Span(doc, ent.start, end + 2, label=ent.label_)
    return ent


def _relabel(ent: Span, label: str) -> Span:
    return ent if ent.label_ == label else Span(ent.doc, ent.start, ent.end, label=label,
                                                span_id=ent.ent_id_ or "")


def _organisation_lists(doc: Doc, spans: list[Span]) -> list[Span]:
    """Unlabelled proper nouns listed with organisations ("with AWS, Broadcom and Cisco")."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    found = []
    for span in spans:
        if span.label_ != "ORG":
            continue
        for token in _list_members(span):
            if token.i in covered or token.pos_ != "PROPN" or not token.text[:1].isupper():
                continue
            name = _name_span(token)
            if any(i in covered for i in range(name.start, name.end)) or _is_generic(name.text):
                continue
            found.append(Span(doc, name.start, name.end, label="ORG"))
            covered.update(range(name.start, name.end))
    return found


def _retype_lists(spans: list[tuple[int, Span]]) -> list[tuple[int, Span]]:
    """In a list that is mostly organisations, the statistical model's places and people
    are organisations too ("partnered with Apple, Cisco and Palo Alto Networks").

    Members vote with their type; a gazetteer match counts double.
    """
    by_root = {s.root.i: (p, s) for p, s in spans}
    out = []
    for priority, span in spans:
        if priority == STATISTICAL and span.label_ in ("PLACE", "PERSON"):
            votes = {"ORG": 0, "OTHER": 0}
            for token in _list_members(span):
                if token.i in by_root:
                    p, member = by_root[token.i]
                    # a gazetteer organisation is stronger evidence than a model's guess
                    weight = 2 if p == RULER else 1
                    votes["ORG" if member.label_ == "ORG" else "OTHER"] += weight
            if votes["ORG"] > votes["OTHER"]:
                span = _relabel(span, "ORG")
        out.append((priority, span))
    return out


# -- sentence boundaries -----------------------------------------------------------------------
# A line break after sentence-final punctuation, or a blank line, ends a sentence. The parser
# alone runs "…Flux Pro.\nCohere launched…" together; a single line break elsewhere may be
# hard-wrapped text and is left to the parser.
_LINE_BREAK = re.compile(r"(?:(?<=[.!?:;…\"”)\]])[ \t]*\n|\n[ \t]*\n)\s*(?=\S)")


@Language.factory("threadline_line_breaks")
class LineBreaks:
    """Mark sentence starts after line breaks, before the parser (which respects them)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        starts = [m.end() for m in _LINE_BREAK.finditer(doc.text)]
        if not starts:
            return doc
        offsets = doc.to_array(IDX)  # token start offsets, without a loop over tokens
        for i in numpy.searchsorted(offsets, starts):
            if 0 < i < len(doc) and offsets[i] in starts:
                doc[int(i)].is_sent_start = True
        return doc
