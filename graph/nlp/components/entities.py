"""The ``threadline_entities`` component: ``doc.ents`` with Threadline's labels only.

It runs last, after the entity ruler (``threadline_patterns``), the trained domain
recogniser (``threadline_domain``) and the statistical NER, and turns their output into
Threadline's entities:

* the ruler's spans (``ent.ent_id_`` set) are domain knowledge and are kept as they are;
* the trained recogniser's spans (:mod:`~graph.nlp.components.domain`) keep its types;
* the statistical labels are mapped onto Threadline's types, dropping generic terms ("AI",
  "API") and names the model invents from lower-case words;
* the model's mistakes are re-typed from context: a short form of a model named in the same
  document is that model ("Mythos Preview"), a name in apposition to "model" is a MODEL, and
  members of a list of organisations are organisations ("partnered with A, B and C");
* METRIC spans come from numeric entities (:mod:`~graph.nlp.components.metrics`), METHOD spans
  from technique nouns (:mod:`~graph.nlp.components.methods`), and acronyms take the type of
  their expansion (:mod:`~graph.nlp.components.acronyms`);
* names whose shape tells their type (:mod:`~graph.nlp.components.shapes`: "FlashAttention",
  "Aya Dataset", "NVIDIA NGC", "Sakana AI") are added;
* where spans overlap, a shape's win over the ruler's, the ruler's over the trained
  recogniser's, those over derived spans, derived over statistical ones; where a rule has an
  opinion on the recogniser's span, its type wins (:mod:`~graph.nlp.components.arbiter`);
* names lose the function words at their ends, a METHOD is named by a noun (extended over its
  head or dropped), and technique names cut in two, joined by "+", or followed by a product word
  are put right (:func:`~graph.nlp.components.methods.tidy_methods`);
* then: products are told by their nouns and neighbours ("its TRL library", "NVIDIA DGX Cloud";
  :mod:`~graph.nlp.components.products`), a table's score cells are metrics, what a model is
  scored on is a DATASET (:mod:`~graph.nlp.components.benchmarks`), names listed after a kind
  take its type ("tools like RAGAS"; :mod:`~graph.nlp.components.kinds`), and names inside code
  blocks are dropped. Shape patterns ("X Research") do not fire in titles and headings, and a
  chat assistant ("ChatGPT") is the model answering unless its context makes it the app.

The generic terms and model nouns are in ``resources/lexicon/entities.json``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.nlp.components.acronyms import (
    acronym_spans,
    defined_name,
    listed_acronyms,
    spelled_names,
    spelled_out,
)
from graph.nlp.components.arbiter import (
    ASSISTANT_PREFIX,
    DERIVED,
    DOMAIN,
    RULE_TIE,
    RULER,
    SHAPE,
    STATISTICAL,
    Ranked,
    choose,
    guesses,
    retype_guesses,
    retype_lists,
    rule_type,
    specific_methods,
    type_by_context,
)
from graph.nlp.components.benchmarks import benchmark_spans
from graph.nlp.components.compared_names import compared_models
from graph.nlp.components.domain import SPANS_KEY
from graph.nlp.components.kinds import CALLED, KIND_LISTS, listed_items, listed_kinds
from graph.nlp.components.methods import (
    bulleted_label,
    headed,
    method_span,
    opens_item,
    role_names,
    specified,
    technique_matcher,
    tidy_methods,
)
from graph.nlp.components.metrics import (
    NUMERIC_LABELS,
    extend_to_noun,
    loose_scores,
    metric_span,
    per_unit,
    share_of,
    within_cell,
)
from graph.nlp.components.name_forms import an_instruction, written_lower
from graph.nlp.components.not_figures import date_number, label_number, reports_nothing
from graph.nlp.components.org_roles import listed_orgs
from graph.nlp.components.products import tidy_products
from graph.nlp.components.repeats import repeated_names
from graph.nlp.components.shapes import shape_spans, structure_spans
from graph.nlp.components.sized import (
    numbered_person,
    possessed_models,
    sized,
    sized_models,
)
from graph.nlp.components.slots import slot_types
from graph.nlp.components.spans import (
    HYPHENS,
    code_blocks,
    code_lines,
    doc_text,
    generic_term,
    inside_quotes,
    is_generic,
    listed_organisations,
    relabel,
    shouted,
    title_line,
    trimmed,
    without_function_words,
    written_as_code,
)
from graph.nlp.components.table_counts import missed_scores, not_numbering, slashed_scores
from graph.nlp.components.whole_names import (
    glued_name,
    language_names,
    partnership_names,
    versioned_names,
    whole_name,
)
from graph.nlp.lexicon import words

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
    "DATASET": "DATASET",
    "METRIC": "METRIC",
    "PLACE": "PLACE",
}
THREADLINE_LABELS = {"MODEL", "ORG", "PROJECT", "METHOD", "DATASET", "METRIC", "PERSON", "PLACE",
                     "DATE"}
# Labels the model uses for names it is unsure about; context may still make them a MODEL.
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "NORP", "EVENT"}


@Language.factory("threadline_entities")
class ThreadlineEntities:
    """Map statistical labels to Threadline types, re-type from context, add METRIC/METHOD.

    Every step works per entity or per matcher hit, never per token of the document, so
    the component costs little next to the statistical pipeline. Without a parse (the
    rules-only fallback) only the label mapping and the acronym step run.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name, self.nlp = name, nlp
        self.technique_matcher = technique_matcher(nlp.vocab)
        self.marks = Matcher(nlp.vocab)  # table bars, "on" (benchmark slots), "library"
        self.marks.add("BAR", [[{"ORTH": "|"}]])
        self.marks.add("ON", [[{"LOWER": "on"}]])
        self.marks.add("PRODUCT", [[{"LOWER": {"IN": sorted(words("entities", "product_nouns"))}}]])
        kinds = set().union(CALLED, *(words("entities", f"kind_nouns_{k}") for k in KIND_LISTS))
        self.marks.add("KIND", [[{"LOWER": {"IN": sorted(kinds)}}]])

    def __call__(self, doc: Doc) -> Doc:
        parsed = doc.has_annotation("DEP")
        spans, pending = _sort_entities(doc, parsed)
        spans += _retyped_names(pending, spans, parsed, SPANS_KEY in doc.spans)
        if parsed:
            spans += self._methods(doc, spans)
            spans.extend((DERIVED, s) for s in listed_orgs(doc, [s for _, s in spans]))
        # a shape that tells the type ("FlashAttention", "Aya Dataset") beats the patterns'
        # shorter names ("Aya", "NVIDIA"); "<X> AI" only ties with the recogniser's names
        spans.extend((RULE_TIE if s.label_ == "ORG" else SHAPE, s) for s in shape_spans(doc))
        spans.extend((RULE_TIE, s) for s in structure_spans(doc))
        # a name and a size beat the size alone ("the Lark 3B model" is no "3B model" metric)
        spans.extend((SHAPE, s) for s in [*sized_models(doc), *possessed_models(
            doc, [*doc.ents, *(s for _, s in spans)])])
        spans = [(p, spelled_out(s)) for p, s in spans]  # "... from Human Feedback (RLHF)"
        spans.extend((DERIVED, s) for s in spelled_names(doc, [s for _, s in spans], parsed))
        spans.extend((RULER, s) for s in acronym_spans(doc, choose(spans)))
        spans = [(p, specified(whole_name(s))) for p, s in spans]
        if parsed:  # a technique is named by a noun: "Knowledge Enhanced" + "Pre-training"
            spans = [(p, h) for p, s in spans if (t := without_function_words(s))
                     and (h := t if p >= RULER else headed(t))]
        spans = [(p, per_unit(share_of(within_cell(s)))) if s.label_ == "METRIC" else (p, s)
                 for p, s in spans]
        spans = _counted_products(not_numbering(doc, slashed_scores(spans)))  # "| # |", "a / b"
        spans = specific_methods(spans)
        guessed = guesses(spans)
        chosen = tidy_methods(choose(retype_lists(spans) if parsed else spans))
        chosen = retype_guesses(chosen, guessed)
        marks: dict[str, list[int]] = {"BAR": [], "ON": [], "PRODUCT": [], "KIND": []}
        for match, start, _end in self.marks(doc):
            marks[doc.vocab.strings[match]].append(start)
        chosen = tidy_products(doc, chosen, marks["PRODUCT"])
        taken = {i for s in chosen for i in range(s.start, s.end)}
        chosen = filter_spans(loose_scores(doc, taken, marks["BAR"]) + chosen)  # a cell's time
        if parsed:
            strong = {(s.start, s.end) for p, s in spans if p >= RULER}
            chosen = benchmark_spans(doc, chosen, strong, whole_name, marks["ON"], guessed)
            chosen = listed_kinds(doc, chosen, strong, marks["KIND"])
            chosen = listed_items(doc, chosen, strong, marks["KIND"])
            chosen = slot_types(doc, chosen, strong, self.nlp)
            chosen = listed_acronyms(doc, chosen, strong)  # "GRPO, GSPO, DAPO"
        # one word, one entity: two spans meeting is a bug, never a crash (filter_spans)
        chosen = [s for s in chosen if s.label_ in ("DATE", "PERSON", "PLACE") or (
                  not label_number(s) if s.label_ == "METRIC" else not generic_term(s.text))
                  or s.text.isupper() and len(s.text) > 4]  # not "LLMs", "2025.3"; "RECALL"
        chosen = language_names(partnership_names(versioned_names(filter_spans(trimmed(
            _outside_code(doc, repeated_names(doc, chosen)))))))
        if parsed:  # a model found again makes the other side of its comparison a model
            chosen = compared_models(doc, chosen, strong)
        _forget_stale_ids(chosen)
        doc.ents = chosen
        return doc

    def _methods(self, doc: Doc, spans: list[Ranked]) -> list[Ranked]:
        """METHOD spans at the technique nouns of ``doc``."""
        known = [s for p, s in spans if p == RULER and s.label_ == "METHOD"]
        found = []
        for _, start, _end in self.technique_matcher(doc):
            method = method_span(doc[start])
            if method is not None and not title_line(method) and not opens_item(method):
                # "chain-of-thought monitoring" is a technique of its own, not a mention
                # of "chain-of-thought": the longer phrase wins over the known name.
                specific = any(method.start <= k.start and k.end <= method.end
                               and len(k) < len(method) for k in known)
                found.append((RULER if specific else DERIVED, method))
        return found + [(RULER, s) for s in role_names(doc)]  # "LLM-as-a-Judge"


def _sort_entities(doc: Doc, parsed: bool) -> tuple[list[Ranked], list[Span]]:
    """The spans the ruler and the NER give, and the names whose type context may change."""
    spans: list[Ranked] = []
    pending: list[Span] = []  # statistical names that context may still re-type
    domain = {(s.start, s.end, s.label) for s in doc.spans.get(SPANS_KEY, ())}
    for ent in sorted([*doc.ents, *missed_scores(doc)], key=lambda e: e.start):
        if (ent.start, ent.end, ent.label) in domain:  # the trained recogniser's types
            if not generic_term(ent.text) and not an_instruction(ent) and not (
                    ent.label_ == "METHOD" and bulleted_label(ent)):
                # "ReelText, a corpus of ...": the noun it stands for outranks the guess
                # a parameter count makes a model ("QwQ-32B-Preview"), whatever the guess
                label = "MODEL" if sized(ent.text) else type_by_context(ent) if parsed else None
                spans.append((DOMAIN, relabel(ent, label) if label else ent))
        elif ent.ent_id_:  # the entity ruler: domain knowledge, kept as matched
            span = _ruler_span(ent, parsed)
            if span is not None:
                spans.append((RULER, span))
        elif (number := ent if ent.label_ in NUMERIC_LABELS else date_number(ent)) is not None:
            metric = metric_span(number) if parsed else None
            if metric is not None:
                spans.append((DERIVED, metric))
        elif ent.label_ in NAME_LABELS and not is_generic(ent.text) and not an_instruction(ent):
            pending.append(ent)
        elif ent.label_ in LABEL_MAP and ent.label_ not in NAME_LABELS:
            spans.append((STATISTICAL, relabel(ent, LABEL_MAP[ent.label_])))
    return spans, pending


def _counted_products(spans: list[Ranked]) -> list[Ranked]:
    """``spans`` without the recogniser's products counted inside a figure: "96 A100 GPUs"
    is the count of a hardware, a METRIC, not a number beside a product."""
    counts = [s for p, s in spans if p == DERIVED and s.label_ == "METRIC"]
    return [(p, s) for p, s in spans if not (
        p == DOMAIN and s.label_ == "PROJECT" and any(
            c.start < s.start and s.end < c.end for c in counts))]


def _ruler_span(ent: Span, parsed: bool) -> Span | None:
    """The span a pattern match stands for, or ``None`` for a number that reports nothing."""
    if ent.label_ == "METRIC" and parsed:
        # "99.9th percentile turn duration": the measure and what it measures
        return None if reports_nothing(ent) else \
            Span(ent.doc, ent.start, extend_to_noun(ent), "METRIC", span_id=ent.id_)
    if ent.label_ in NUMERIC_LABELS:
        return metric_span(ent) if parsed else None
    if ent.ent_id_.startswith(ASSISTANT_PREFIX) and _product_context(ent):
        return relabel(ent, "PROJECT")  # "in ChatGPT", "ChatGPT users": the app
    if ent.label_ in THREADLINE_LABELS:
        if ent.label_ == "ORG" and _first_word_of_a_name(ent):
            return None  # "Meta Prompting", "Meta-Learning": not the company
        if ent.ent_id_ in TITLE_SHY_KINDS and title_line(ent) and \
                ent[-1].lower_ != "university" and not listed_organisations(ent):
            return None  # "Efficient Foundation": a title's words, not an affiliation line's
        if ent.ent_id_ == SHAPED_ORG:
            return _shaped_org(ent, parsed)
        return _trim_hyphen(ent)
    return None


def _shaped_org(ent: Span, parsed: bool) -> Span:
    """A name shaped like an organisation's ("X Research"), or the product its context says
    it is: "Deep Research is OpenAI's new agent", "Deep Research Agent" (a capitalised
    product noun after it, part of the name)."""
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if after is not None and after.is_title and after.lower_ in (
            words("entities", "product_nouns") | words("entities", "apposed_product_nouns")):
        return Span(ent.doc, ent.start, ent.end + 1, "PROJECT", span_id=ent.id_)
    typed = type_by_context(ent) if parsed else None
    return relabel(ent, typed) if typed in PRODUCT_TYPES else _trim_hyphen(ent)


def _first_word_of_a_name(ent: Span) -> bool:
    """Whether an organisation's name begins a longer name: glued by a hyphen ("Meta-Learning")
    or followed by a capitalised technique noun ("Meta Prompting")."""
    doc = ent.doc
    if ent.end + 1 >= len(doc):
        return False
    after = doc[ent.end]
    if after.text in HYPHENS and not doc[ent.end - 1].whitespace_ and not after.whitespace_:
        return doc[ent.end + 1].is_alpha and not doc[ent.end + 1].ent_type
    return after.is_title and after.lower_ in words("methods", "technique_heads")


def _product_context(ent: Span) -> bool:
    """Whether a chat assistant's name means the app rather than the model answering."""
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ in words("entities", "product_cues_before"):
        return True
    if ent.end < len(doc) and doc[ent.end].lower_ in words("entities", "product_cues_after"):
        return True
    sentence = ent.sent if doc.has_annotation("SENT_START") else doc[:]
    cues = words("entities", "product_cues_sentence")
    return any(t.lower_ in cues for t in sentence)


def _forget_stale_ids(spans: list[Span]) -> None:
    """Clear the pattern id the ruler left on the tokens of spans that are not its match:
    spaCy keeps a token's ``ent_id`` when ``doc.ents`` is set from a span without an id, so
    "Sparse Fine-tuning" (a longer name around the ruler's "Fine-tuning") would still carry
    the id ``fine-tuning`` and be merged with every other "... fine-tuning" of the corpus.
    A span that is the pattern's match (or a trimmed or relabelled one) carries its id."""
    for span in spans:
        if not span.id:
            for token in span:
                token.ent_id = 0


def _outside_code(doc: Doc, spans: list[Span]) -> list[Span]:
    """``spans`` without the names inside code blocks (``client = OpenAI()``), written as
    code wherever they are (an example without a language: ``return generate_fibonacci(n-2)``,
    ``{"French":"${French translation}"}``) or in a line written in capitals, and without
    anything in a line of code outside a fence (``"std": 0.023,``, ``uv run ... --limit 250``)."""
    text = doc_text(doc)
    blocks, lines = code_blocks(text), code_lines(text)

    def code(span: Span) -> bool:
        if any(start <= span.start_char < end for start, end in lines):
            return True
        return span.label_ not in ("METRIC", "DATE") and (
            any(start <= span.start_char < end for start, end in blocks)
            or written_as_code(span.text)
            or span.text.isalpha() and span.text.isupper() and shouted(text, span.start_char))

    return [s for s in spans if not code(s)]


def _retyped_names(pending: list[Span], spans: list[Ranked], parsed: bool,
                   trained: bool) -> list[Ranked]:
    """The statistical names with the type their context gives them (or none). ORG guesses
    are dropped when the ``trained`` recogniser ran: it knows this genre's organisations."""
    models = {tuple(t.text for t in s) for _, s in spans if s.label_ == "MODEL" and len(s) > 1}
    firsts = {s[0].text for _, s in spans if len(s) > 1 and s.label_ == "ORG"}
    found = []
    for ent in pending:
        ent = glued_name(ent)
        label = LABEL_MAP.get(ent.label_)
        if _suffix_of(tuple(t.text for t in ent), models):
            label = "MODEL"  # "Mythos Preview" after "Claude Mythos Preview"
        elif parsed and (typed := type_by_context(ent)):
            label = typed  # "X, our newest model", "X, an open-source tool"
        elif (numbered := numbered_person(ent)) is not None:
            ent, label = numbered, "MODEL"  # "Vela 2 Max", "EAGLE-2": no person is numbered
        elif label == "PERSON" and (defined := defined_name(ent)) is not None:
            label = defined  # "Sparse Draft Verification (SDV)": no person's initials
        elif label == "PLACE" and any(t.lower_ == "et" for t in ent):
            label = "PERSON"  # "Park et al. (2024)": the authors, no place
        elif label in ("PERSON", "PLACE") and len(ent) == 1 and ent.text in firsts:
            label = "ORG"  # "Kairos released ..." after "Kairos Labs"
        elif label in ("ORG", "PERSON", "PLACE") and parsed and listed_organisations(ent):
            label = "ORG"  # "(University of Edinburgh, Meridian AI)": an affiliation line
        elif label in ("ORG", "PERSON", "PLACE") and inside_quotes(ent):
            label = None  # a name in quoted speech is an example, not a claim
        elif label in ("PERSON", "PLACE") and (ruled := rule_type(ent)) is not None and \
                not written_lower(ent):
            label = ruled  # "Kairos Chat": no person ends so; "our larger Lark Pro model"
        elif label == "ORG" and trained:
            label = None
        if label:
            found.append((STATISTICAL, relabel(ent, label)))
    return found


def _suffix_of(tokens: tuple[str, ...], names: set[tuple[str, ...]]) -> bool:
    return any(len(name) > len(tokens) and name[-len(tokens):] == tokens for name in names)


_DANGLING = HYPHENS | {"and", "the", "of", "for", "&"}


def _trim_hyphen(ent: Span) -> Span:
    """"Claude 3-" -> "Claude 3": version patterns may end on a hyphen ("3-based"), and
    a name pattern on a joining word ("Academy of Arts and" before a lower-case word)."""
    end = ent.end
    while end - 1 > ent.start and ent.doc[end - 1].text in _DANGLING:
        end -= 1
    if end == ent.end:
        return ent
    return Span(ent.doc, ent.start, end, label=ent.label_, span_id=ent.id_)


# Shape patterns a title's words fit ("X Foundation", "X Research", "X Challenge"); the
# family-based ones ("Gemini API") hold in titles too.
TITLE_SHY_KINDS = {"kind:organisation", "kind:initiative"}
SHAPED_ORG = "kind:organisation"  # a name shaped like an organisation's ("X Research")
PRODUCT_TYPES = ("MODEL", "PROJECT")
