"""Benchmarks by their place in the sentence: what a model is scored or evaluated on.

"It reaches 71.9% accuracy on IFEval and 64% on HelpSteer2", "scores 80.2 on MBPP", "we
evaluate on GSM8K, IFEval and MMLU-Pro": a name that is the object of "on" after a score,
a number or an evaluation word, or a member of a list with a benchmark, is a DATASET. The
trained recogniser often reads such an unlisted name as a product or a model, and misses
many. A pattern's type (a gazetteer MODEL "on Llama 3") is kept. The other way round, a
name the recogniser calls a dataset is a model when it is trained or outperforms
(``model_verbs``). A results table's column heading is a benchmark, unless the document
writes the word in lower case too: then it is a measure ("Honesty"). A table of tasks or
splits names a benchmark in each row's first cell written in words ("| Task |" over "|
Memory Poison |"). The evaluation words are in
``resources/lexicon/entities.json`` (``evaluation_words``, ``model_verbs``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from graph.nlp.components.spans import doc_text, relabel
from graph.nlp.components.table_layout import tables
from graph.nlp.lexicon import words

# Types a benchmark's name is mistaken for, when no pattern gave them.
MISTAKEN = {"MODEL", "PROJECT", "ORG", "PERSON", "PLACE"}
# Nouns whose "of" names the dataset in a benchmark's place ("a cleaned version of X").
PARTS = {"version", "subset", "split", "portion", "mix", "mixture", "sample", "translation"}
# What a model is trained or run on that is no dataset ("trained on 2,048 H100 GPUs", "on
# the MosaicML platform").
INFRASTRUCTURE = {"gpu", "tpu", "chip", "accelerator", "cluster", "hardware", "device",
                  "node", "server", "cloud", "machine", "laptop", "phone", "cpu", "platform",
                  "infrastructure", "supercomputer", "instance", "pod"}


def benchmark_spans(doc: Doc, chosen: list[Span], strong: set[tuple[int, int]],
                    whole: Callable[[Span], Span], ons: list[int],
                    guessed: set[tuple[int, int]] = frozenset()) -> list[Span]:
    """``chosen`` with the names in benchmark slots typed DATASET (and new ones added).

    Parameters
    ----------
    doc
        A parsed document.
    chosen
        Its non-overlapping entities.
    strong
        ``(start, end)`` of the entities a pattern gave, whose type stays.
    whole
        Extends a new name over the parts its word is glued from ("Video-MME" from "MME").
    ons
        Indices of the tokens "on" (a matcher's hits: no walk over every token here).
    guessed
        ``(start, end)`` of the entities the trained recogniser typed: a benchmark's slot
        re-types any of them ("64.0% on Video-MME", which it read as a method).
    """
    by_token = {i: n for n, s in enumerate(chosen) for i in range(s.start, s.end)}
    out = list(chosen)
    for token in _slots(doc, chosen, ons):
        n = by_token.get(token.i)
        if n is not None:
            span = out[n]
            if (span.label_ in MISTAKEN or (span.start, span.end) in guessed) \
                    and (span.start, span.end) not in strong:
                out[n] = relabel(span, "DATASET")
            continue
        span = whole(Span(doc, token.i, token.i + 1, label="DATASET"))
        span = span if _name_shaped(span) else _words_of_name(token) or span
        if _name_shaped(span) and not any(i in by_token for i in range(span.start, span.end)):
            out.append(span)
            by_token.update((i, len(out) - 1) for i in range(span.start, span.end))
    out = _subset_rows(doc, _table_headers(doc, out, strong), strong)
    return sorted((_trained_model(_named_dataset(s), strong) for s in out),
                  key=lambda s: s.start)


_DATA_NOUNS = {"dataset", "datasets", "corpus", "corpora"}
_OF_DATA = {"MODEL", "METHOD", "PROJECT"}  # (not "the Hugging Face datasets library")


def _named_dataset(span: Span) -> Span:
    """A name written right before a dataset's noun names the dataset ("the Alpaca-cleaned
    dataset", "the Dolly dataset"), whatever model or tool a pattern or the recogniser
    took it for."""
    doc, end = span.doc, span.end
    if span.label_ in _OF_DATA and end < len(doc) and doc[end].lower_ in _DATA_NOUNS and \
            doc[end - 1].whitespace_ == " " and not (
                end + 1 < len(doc) and doc[end + 1].tag_ in ("NN", "NNS")):
        return relabel(span, "DATASET")
    return span


SUBSET_HEADERS = {"task", "tasks", "split", "splits", "subset", "subsets"}
_CELL_MARKS = " *_"


def _subset_rows(doc: Doc, chosen: list[Span], strong: set[tuple[int, int]]) -> list[Span]:
    """A table of a benchmark's tasks or splits names one in each row's first cell ("| Task
    | Description |" over "| Memory Poison | Completion contains ... |"): a name written in
    words (two or more, or one glued by a hyphen: "Cross-Task"), not code ("`cyse4_mitre`",
    "onet_m6_math"), a number or one word of the language, is a DATASET."""
    text = doc_text(doc)
    if "|" not in text:
        return chosen
    out = list(chosen)
    for header, rows in tables(text):
        if text[slice(*header[0])].strip(_CELL_MARKS + "`").lower() not in SUBSET_HEADERS:
            continue
        for cells, _ in rows:
            start, end = cells[0] if cells else (0, 0)
            cell = text[start:end]
            name = cell.strip(_CELL_MARKS)
            if not re.fullmatch(r"[A-Z][A-Za-z]*(?:[ -][A-Za-z]+)+", name):
                continue
            at = start + cell.index(name)
            span = doc.char_span(at, at + len(name), label="DATASET")
            if span is None or any(s.start < span.end and span.start < s.end and
                                   (s.start, s.end) in strong for s in out):
                continue
            out = [s for s in out if not (s.start < span.end and span.start < s.end)] + [span]
    return out


def _table_headers(doc: Doc, chosen: list[Span], strong: set[tuple[int, int]]) -> list[Span]:
    """A results table's column headings are benchmarks when its rows are models scored in
    them ("| Model | GSM8K | IFEval |" over "| Kestrel-8B | 71.2% | 62.5% |"): a heading the
    recogniser or the small model typed otherwise is a DATASET."""
    text = doc_text(doc)
    if "|" not in text:
        return chosen
    out = list(chosen)
    for header, rows in tables(text):
        heads = [_inside(out, *cells[0]) for cells, _ in rows if cells]
        if not heads or not all(h is not None and h.label_ in ("MODEL", "METHOD")
                                for h in heads):
            continue
        for n, (start, end) in enumerate(header[1:], 1):
            name = _inside(out, start, end)
            scored = any(n < len(c) and any(ch.isdigit() for ch in text[slice(*c[n])])
                         for c, _ in rows)
            if name is not None and scored and name.label_ in MISTAKEN and \
                    (name.start, name.end) not in strong:
                at = out.index(name)
                if _measure(name, text):
                    del out[at]
                else:
                    out[at] = relabel(name, "DATASET")
    return out


def _measure(name: Span, text: str) -> bool:
    """A column's heading that the document also writes in lower case is a measure
    ("| Model | Honesty | Accuracy |" under a page that "evaluates model honesty")."""
    word = name.text.lower()
    return len(name) == 1 and name.text.istitle() and \
        re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def _inside(spans: list[Span], start: int, end: int) -> Span | None:
    """The first span within the character range."""
    return next((s for s in spans if start <= s.start_char and s.end_char <= end), None)


def _trained_model(span: Span, strong: set[tuple[int, int]]) -> Span:
    """A name that is trained, tuned or outperforms is a model, not a dataset ("Alpaca is
    trained on 52K demonstrations": the annotations hold Alpaca the model and Alpaca the
    dataset, and the recogniser may read either)."""
    if span.label_ != "DATASET" or (span.start, span.end) in strong:
        return span
    root, verbs = span.root, words("entities", "model_verbs")
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return span
    head = root.head  # "is trained", or "is fine-tuned" read as "is" + a complement
    if head.lemma_.lower() in verbs or any(
            c.dep_ == "acomp" and c.lemma_.lower() in verbs for c in head.children):
        return relabel(span, "MODEL")
    return span


def _slots(doc: Doc, chosen: list[Span], ons: list[int]) -> list[Token]:
    """Tokens in a benchmark's place: objects of an evaluation or training "on" ("scores 80 on
    MBPP", "trained on HelpSteer2", "and on SEA-Jailbreak"), and their list; the name before
    a dataset noun in that place ("the Flores-200 translation benchmark")."""
    evaluation = words("entities", "evaluation_words")
    training, heads = words("entities", "model_verbs"), words("entities", "dataset_heads")
    metric_tokens = {i for s in chosen if s.label_ == "METRIC" for i in range(s.start, s.end)}
    slots = []
    for token in (doc[i] for i in ons):
        head = token.head  # "evaluated on TruthfulQA and on SEA-Jailbreak": a conjunct
        if token.dep_ == "conj" and head.lower_ == "on":
            head = head.head
        elif token.dep_ not in ("prep", "conj"):
            continue
        before = doc[token.i - 1] if token.i > 0 else head  # "reaches 54.2 on Arena-Hard"
        if any(t.i in metric_tokens or t.like_num for t in (head, before)) \
                or head.lemma_.lower() in evaluation or head.lemma_.lower() in training \
                or head.lower_ in training or (head.dep_ == "dobj" and head.head.lemma_.lower()
                                               in evaluation) \
                or _fronted(token, metric_tokens):  # "beats X on Common Voice"; "On FLEURS, ..."
            slots += [t for t in token.children if t.dep_ == "pobj"]
    dataset_roots = [s.root for s in chosen if s.label_ == "DATASET"]
    found = {t.i: t for t in slots}
    for root in [*slots, *dataset_roots]:
        for t in root.conjuncts:
            found.setdefault(t.i, t)
    for t in list(found.values()):
        if t.lower_ in PARTS:  # "a cleaned version of UltraFeedback"
            found.update((o.i, o) for p in t.children if p.lower_ == "of"
                         for o in p.children if o.dep_ == "pobj")
        elif t.lower_ in heads:  # "the Flores-200 translation benchmark"
            named = [c for c in t.lefts if c.text[:1].isupper() and c.dep_ != "punct"]
            found.update((c.i, c) for c in named[-1:])
    return [t for t in found.values() if t.lemma_.lower() not in INFRASTRUCTURE]


def _fronted(on: Token, metric_tokens: set[int]) -> bool:
    """"On FLEURS, SMoA lowers the word error rate from 14.2% to 11.8%": a sentence opening
    on where its figures were measured."""
    sent = on.sent
    obj = next((c for c in on.children if c.dep_ == "pobj"), None)
    return on.i == sent.start and obj is not None and obj.i + 1 < len(on.doc) and \
        on.doc[obj.i + 1].text == "," and any(i in metric_tokens for i in range(
            sent.start, sent.end))


def _words_of_name(token: Token) -> Span | None:
    """The capitalised words the parser split around a benchmark's head ("on Common Voice
    15"): its compounds before it and a whole number right after it (a version: not a
    score, "on MMLU 57.3%"); ``None`` for one word alone."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].is_title:
        start -= 1
    if end + 1 < len(doc) and doc[end].is_digit and len(doc[end]) <= 3 and \
            doc[end + 1].text not in ("%", "x"):
        end += 1
    if end - start < 2 or not token.is_title:
        return None
    return Span(doc, start, end, label="DATASET")


def _name_shaped(span: Span) -> bool:
    """A benchmark-like name: capitalised, with a digit or a second capital ("MBPP", "PIQA",
    "HelpSteer2", "MATH-500", "ARC-Challenge", words with their version: "Common Voice 15"),
    not a plain word ("Monday") or a number."""
    if len(span) > 1 and all(t.is_title or t.is_digit for t in span):
        return not span[0].like_num and span[-1].is_digit  # not "Political Violence"
    text = span.text
    if not text[:1].isupper() or span[0].like_num or not text.replace("-", "").isalnum():
        return False
    return any(c.isdigit() for c in text) or sum(c.isupper() for c in text) >= 2
