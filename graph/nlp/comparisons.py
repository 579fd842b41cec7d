"""Comparisons read from the words of a sentence, not its parse: "DBRX outperforms Llama 2
70B and Mixtral 8x7B", "o1-1217 reaches 75.7%, ahead of DeepSeek-R1", "Kestrel-8B still
trails Llama 3 8B Instruct", "LLaMA 65B is competitive with Chinchilla-70B and PaLM-540B".

The genre states a comparison with a small set of words ("outperforms", "ahead of", "on
par with", "trails"), right before the models compared, and the small parser often
misattaches the list after them or the clause they open. So a comparison is read from the
surface: the cue (:func:`cue_at`), the models or methods listed right after it (items
joined by commas, "and", "or") and the nearest model or method before it in the same clause
(no ";" or ":" between, no other cue between). Only model and method ends count
(GUIDELINES: OUTPERFORMS, COMPARED_WITH).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from graph.nlp.figures import labelled_figure
from graph.nlp.lexicon import table
from graph.nlp.relations import main_subject
from graph.nlp.title_lines import title_head, title_line
from graph.nlp.use_phrases import CLAUSE_BREAKS, apposed_owner, line_opening, possessor

ENDS = ("MODEL", "METHOD")
# a use ("Mixtral uses a sparse mixture-of-experts architecture") links more kinds of ends
USE_ENDS = ("MODEL", "METHOD", "PROJECT", "DATASET")
USE_GAP = {"is", "was", "are", "were", "also", ",", "which", "that", "has", "have", "been", "be",
           "now", "then", "model", "models", "framework", "method", "approach", "system",
           "first", "further", "additionally", "mainly", "primarily", "largely", "`", "**"}
# words allowed between a cue and the first item it compares with ("the", "models like",
# "the performance of")
FILLER = {"the", "a", "an", "both", "all", "models", "model", "like", "such", "as", "even",
          "much", "larger", "bigger", "other", "previous", "original", "its", "their",
          "prior", "earlier", "strong", "baselines", "baseline", "including", "that", "of",
          "methods", "method", "closed", "open", "proprietary", "popular", "leading", "far",
          "many", "several", "existing", "well", "comparable", "size", "sized", "same",
          "state", "-", "art", "frontier", "top", "best", "most", "systems", "source",
          "performance", "accuracy", "results", "score", "scores", "quality", "plain",
          "vanilla", "standard"}
# words between "on" and the benchmarks it names ("on several reasoning benchmarks like")
BENCH_FILLER = FILLER | {"benchmarks", "benchmark", "tasks", "task", "several", "different",
                         "various", "popular", "common", "standard", "key", "reasoning",
                         "knowledge", "coding", "code", "math", "evaluations", "suites", ","}
LIST_JOINS = {",", "and", "or", "as", "well", "even", "also", "the", "both", "&"}
BETTER = {"better", "stronger", "superior"}  # a result better than another's: a win
HIGHER = {"higher", "greater"}  # ... when what is higher is a result (not "latency")
RESULTS = {"accuracy", "score", "scores", "performance", "quality", "results", "win"}
PRONOUNS = {"it", "they", "which", "who", "that", "this", "these", "we"}
RELATIVES = {"which", "that", "who"}
PUT_IT = [[verb, it] for verb in ("puts", "put", "putting", "places", "placing", "placed")
          for it in ("it", "them")]  # "X reaches 80.6%, which puts it ahead of Y": X's
NEGATIONS = {"not", "n't", "never", "no", "fails", "fail", "failed", "unlike"}


@cache
def cues() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Cue words (lower case, in order) -> the label they give the pair (subject before,
    object after): ``"OUTPERFORMS"``, ``"OUTPERFORMS<"`` (the object beats the subject:
    "trails"), ``"COMPARED_WITH"`` (``resources/lexicon/relations.json``, ``comparisons``);
    indexed by their first word, longest first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, label in table("relations", "comparisons").items():
        words = tuple(phrase.split())
        index.setdefault(words[0], []).append((words, label))
    for found in index.values():
        found.sort(key=lambda entry: -len(entry[0]))
    return index


def cue_at(sent: Span, i: int, known: dict[str, list[tuple[tuple[str, ...], str]]]
           ) -> tuple[int, str] | None:
    """The longest cue starting at token ``i`` of ``sent``: its end and label. A "than" or
    "compared to" after a better result is a win ("achieves better performance than X",
    "superior performance compared to X")."""
    doc = sent.doc
    for phrase, label in known.get(doc[i].lower_, ()):
        end = i + len(phrase)
        if end <= sent.end and all(doc[i + k].lower_ == w for k, w in enumerate(phrase)):
            return end, "OUTPERFORMS" if label == "COMPARED_WITH" and _better(sent, i) else label
    if doc[i].lower_ == "than" and _better(sent, i):
        return i + 1, "OUTPERFORMS"
    return None


def _better(sent: Span, i: int) -> bool:
    """Whether a better result is named right before token ``i`` ("better performance",
    "superior results", "higher accuracy"; not "higher latency")."""
    words = [t.lower_ for t in sent.doc[max(sent.start, i - 2):i]]
    return any(w in BETTER or w in HIGHER and n + 1 < len(words) and words[n + 1] in RESULTS
               for n, w in enumerate(words))


def _items_after(doc, start: int, limit: int, ents: list[Span],
                 kinds: tuple[str, ...] = ENDS, filler: set[str] = FILLER) -> list[Span]:
    """The entities listed right after a cue: the first within a few filler words, and the
    items joined to it by commas, "and", "or"."""
    scored = _scores_for(doc, ents)  # "compared with 58.9% for ReAct and 64.0% for X"
    first = next((e for e in ents if e.start >= start and e.start not in scored), None)
    maker: set[int] = set()  # "ties with xAI's Grok-2": the maker's possessive is no item
    if first is not None and first.label_ == "ORG" and kinds == ENDS and possessor(doc, first):
        maker = set(range(first.start, first.end + 1))
        first = next((e for e in ents if e.start > first.end), None)
    if first is None or first.start > limit or any(
            doc[k].lower_ not in filler and not (kinds == USE_ENDS and doc[k].pos_ == "ADJ")
            for k in range(start, first.start) if k not in maker | scored):  # ("uses a ...")
        return []
    items, figures = [first], _bracketed_figures(doc, ents) | scored
    for e in ents:
        if e.start <= items[-1].start or e.start in figures:
            continue
        if e.label_ == "ORG" and kinds == ENDS and possessor(doc, e):  # "and Cohere For AI's
            maker |= set(range(e.start, e.end + 1))  # Aya Expanse 32B": no item, its maker
            continue
        gap = [t for t in doc[items[-1].end:e.start] if t.i not in figures | maker]
        if len(gap) > 4 or not all(t.lower_ in LIST_JOINS | FILLER for t in gap) \
                or not any(t.lower_ in (",", "and", "or", "&") for t in gap) \
                or any(t.lower_ in ("a", "an") for t in gap) or \
                (_subject(e) or _verb_after(doc, e, ents)) and not _subject(first):
            break  # (", a sparse attention scheme": an apposition, not the next item; "Using
            # Llama 65B, CoVe improves ...": the clause's subject after a fronted phrase;
            # "and Claude 3.5 Sonnet, at 65.0%, beats o1-mini": a new clause's, misparsed)
        items.append(e)
    return [e for e in items if e.label_ in kinds]


def _verb_after(doc, e: Span, ents: list[Span]) -> bool:
    """Whether a finite verb follows ``e`` past commas and its figure ("Claude 3.5 Sonnet,
    at 65.0%, beats"): ``e`` is its subject."""
    figures = {k for m in ents if m.label_ == "METRIC" for k in range(m.start, m.end)}
    i = e.end
    while i < len(doc) and (doc[i].text in (",", "at", "(", ")") or i in figures):
        i += 1
    return i < len(doc) and doc[i].tag_ in ("VBZ", "VBD", "VBP")


def _scores_for(doc, ents: list[Span]) -> set[int]:
    """The tokens of the figures written before "for" and a name, "for" included: "58.9%
    for ReAct"."""
    return {k for e in ents if e.label_ == "METRIC" and e.end + 1 < len(doc)
            and doc[e.end].lower_ == "for" for k in range(e.start, e.end + 1)}


def _bracketed_figures(doc, ents: list[Span]) -> set[int]:
    """The tokens of the figures written in brackets after a name, brackets included:
    "GPT-4o (92.8)"."""
    return {k for e in ents if e.label_ == "METRIC" for k in range(e.start - 1, e.end + 1)
            if e.start > 0 and doc[e.start - 1].text == "(" and e.end < len(doc)
            and doc[e.end].text == ")"}


def _subject(e: Span) -> bool:
    return e.root.dep_ in ("nsubj", "nsubjpass")


def _subject_before(doc, sent: Span, cue: int, ents: list[Span],
                    cue_spans: dict[int, int], kinds: tuple[str, ...] = ENDS) -> Span | None:
    """The nearest model or method before the cue in its clause (no clause break, no other
    cue, no pronoun subject, no negation between). A relative pronoun right after it is
    its own ("Phi-3-mini, which in turn is far ahead of Phi-2"); a cue coordinated with this
    one shares its subject ("Mixtral matches or outperforms Llama 2 70B")."""
    before = [e for e in ents if e.end <= cue and e.label_ in kinds]
    if [t.lower_ for t in doc[cue - 2:cue]] in PUT_IT and \
            (put := next((e for e in reversed(before) if _subject(e)), None)):
        return put  # "X achieves 80.6% on MMLU, which puts it ahead of Y"
    if not before:
        return None
    subject, figures = before[-1], _bracketed_figures(doc, ents)
    between = [t for t in doc[subject.end:cue] if t.i not in figures  # "B (79.8%) and behind C"
               and not any(s <= t.i < end for s, end in cue_spans.items())]
    if any(t.i in cue_spans for t in doc[subject.end:cue]) and \
            not all(t.lower_ in ("or", "and", ",", "even") for t in between[-1:]):
        return None
    for n, t in enumerate(between):
        if t.text.strip() in CLAUSE_BREAKS or "\n" in t.text:
            return None
        if t.lower_ in PRONOUNS and not (t.lower_ in RELATIVES and n <= 2 and all(
                w.lower_ in (",", "model", "method") for w in between[:n])):
            return None
    if any(t.lower_ in NEGATIONS for t in doc[max(subject.end, cue - 3):cue]):
        return None
    prep = subject.root.head
    if kinds == ENDS and subject.root.dep_ == "pobj" and prep.lower_ in ("with", "using", "via") \
            and not any(s <= prep.i < end for s, end in cue_spans.items()):  # ("on par with")
        # "CoT with GPT-4 outperforms X": the instrument's user; "a 74% success rate with
        # GPT-4 compared to 4% for CoT": none
        return next((e for e in before if e.end == prep.i), None)
    if between and between[0].text == "," and (owner := apposed_owner(sent, subject, before)):
        return owner  # "Orion-L, Ferrous Labs' model fine-tuned from Qwen2.5, is on par with"
    if doc[cue].tag_ == "VBG" and doc[cue - 1].text == "," and subject.root.dep_ == "dobj":
        # "it increases FactScore from 55.9 to 71.4, outperforming X": the clause's subject's
        said = main_subject(sent)
        return next((e for e in ents if said is not None and said in e and e.label_ in kinds),
                    subject)
    return subject


def _benchmarks_after(doc, start: int, ents: list[Span]) -> list[Span]:
    """The benchmarks a comparison names right after the models it compares: "outperforms
    DeepSeek-V3 on Arena-Hard and LiveBench", "across different popular benchmarks like MMLU
    and GSM8K" (both sides are evaluated on each), past the margin ("outperforms Phi-3.5-mini
    by 9 points on AIME 2024"); where there is none, the comparison takes the benchmark its
    clause names before it (:func:`_benchmarks_before`)."""
    if start < len(doc) and doc[start].lower_ == "by":
        start = next((e.end for e in ents if e.start == start + 1 and e.label_ == "METRIC"),
                     start)
    if start >= len(doc) or doc[start].lower_ not in ("on", "across"):
        return []
    return _items_after(doc, start + 1, start + 10, ents, ("DATASET",), BENCH_FILLER)


def _benchmarks_before(doc, sent: Span, cue: int, ents: list[Span]) -> list[Span]:
    """The benchmark a comparison's clause names before its cue: "On GPQA Diamond the order
    flips: o1-1217 reaches 75.7%, ahead of DeepSeek-R1"; "- 31.0% on LiveCodeBench, ahead of
    DeepSeek-Coder-V2-Instruct" (a figure on it)."""
    line = cue
    while line > sent.start and "\n" not in doc[line - 1].text and \
            "\n" not in doc[line - 1].whitespace_:
        line -= 1
    first = next((k for k in range(line, cue) if doc[k].text not in CLAUSE_BREAKS
                  and doc[k].text not in ("-", "*", "+")), cue)
    found = []
    for e in ents:
        if e.label_ != "DATASET" or not line <= e.start < cue:
            continue
        before = doc[e.start - 1].lower_ if e.start > line else ""
        fronted = before == "on" and e.start - 1 == first or _set_off(doc, e)  # "On X, ..."
        scored = before == "on" and e.start >= 2 and any(
            m.end == e.start - 1 and m.label_ == "METRIC" for m in ents) and not any(
            t.pos_ == "VERB" for t in doc[e.end:cue])  # "31.0% on X", not "... and performs"
        if (fronted or scored) and not any(t.text == ";" for t in doc[e.end:cue]):
            found.append(e)
    return found


def _set_off(doc, e: Span) -> bool:
    """A benchmark in a phrase set off by a comma before the comparison's clause: "...; on
    MT-Bench, Mistral-ORPO-β is on par with Zephyr-β", "on the X sentiment dataset, A is
    competitive with B"."""
    k = e.start - 1 - (e.start > 1 and doc[e.start - 1].lower_ == "the")
    end = e.end
    while end < len(doc) and doc[end].is_lower and doc[end].pos_ == "NOUN":
        end += 1  # "sentiment dataset"
    return k >= 0 and doc[k].lower_ == "on" and end < len(doc) and doc[end].text == ","


def _evaluated(readings: dict[tuple[int, int], str], ends, benches: list[Span]) -> None:
    """Each compared end EVALUATED_ON each benchmark, keyed in the order they are written."""
    for e in ends:
        for bench in benches:
            if e.start < bench.start:
                readings[(e.start, bench.start)] = "EVALUATED_ON"
            else:
                readings[(bench.start, e.start)] = "EVALUATED_ON<"


def _verb_of(token: Token) -> Token:
    """The verb a cue word belongs to: "stays" for "close" in "stays close to"."""
    for _ in range(2):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    return token


def _antecedent(noun: Token) -> Token:
    """The name a relative clause's noun stands for: "RETRO is an example of a system that
    ...", "Gemma, a family of models that ...": the subject of "is", or the name the noun is
    in apposition to; else the noun itself."""
    while noun.dep_ == "pobj" and noun.head.head.dep_ in ("attr", "appos") and \
            noun.head.lower_ == "of":
        noun = noun.head.head  # "an example of a system", "a family of models"
    if noun.dep_ == "appos":
        return noun.head
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), noun)
    return noun


def _verb_subject(cue: Span, ents: list[Span]) -> Span | None:
    """The entity that is the subject of a use verb, however far before it: "Mixtral 8x7B,
    released in December 2023 under Apache 2.0, uses a sparse mixture-of-experts
    architecture"; or the owner of its subject: "Its architecture relies on multi-query
    attention". Not a participle's noun ("an example using X" has no subject)."""
    verb = next((t for t in cue if t.pos_ == "VERB"), cue[0])
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and (verb.dep_ == "conj" and verb.tag_ == verb.head.tag_ or
                            verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i < verb.head.i):
        # "Perplexity now answers ... and uses Sonar": coordinated verbs share a subject;
        # "Using Codex, PAL achieves ...": a fronted participle's is its clause's
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None or (subject.dep_ == "nsubjpass" and cue[-1].lower_ != "by"):
        return None  # "It can be used like other models": what is used, not its user
    if subject.lower_ in RELATIVES and verb.dep_ == "relcl":
        subject = _antecedent(verb.head)  # "RETRO is ... a system that leverages X"
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    return next((e for e in ents if e.label_ in USE_ENDS + ("ORG",) and (
        subject in e or (owner is not None and owner in e and subject.pos_ == "NOUN"))), None)


def _shared_subject(verb: Token, ents: list[Span]) -> Span | None:
    """The model or method that is the subject of the verb ``verb`` is coordinated with (of
    the copula, for a participle the parse hangs on it: "X is itself fine-tuned from Y and
    outperforms Z")."""
    head = verb.head
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and head.dep_ == "acomp":
        subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
    return None if subject is None else \
        next((e for e in ents if subject in e and e.label_ in ENDS), None)


def subjectless_comparisons(sent: Span, ents: list[Span]) -> dict[int, str]:
    """``{entity.start: label}`` for what a sentence, a list item or a clause after a
    semicolon that opens with a comparison compares the entity the text is about with:
    "- Outperforms Llama 2 70B on HumanEval" under "# Kestrel", "A ... model released by
    Meta AI; outperforms GPT-3 on most benchmarks" (the label as :func:`comparison_readings`
    gives it, that entity first); not a fronted phrase before a clause of its own ("Similar
    to the Mistral 7B model, it's possible to ...")."""
    doc, known, found = sent.doc, cues(), {}
    inside = {k for e in ents for k in range(e.start, e.end)}
    openings = {line_opening(doc, sent.start, sent.end), *(t.i + 1 for t in sent if t.text == ";")}
    if (labelled := labelled_figure(sent, ents)) is not None:  # "SWE-bench Verified: 61.4%,"
        bench, figure = labelled  # "ahead of GPT-4.1": evaluated on it, the figure its
        found.update({bench.start: "EVALUATED_ON", figure.start: "HAS_METRIC"})
        openings.add(figure.end + (figure.end < sent.end and doc[figure.end].text == ","))
    for i in openings:
        hit = cue_at(sent, i, known) if i < sent.end and i not in inside else None
        if hit is None or hit[1].rstrip("<") not in ("OUTPERFORMS", "COMPARED_WITH"):
            continue
        items = _items_after(doc, hit[0], hit[0] + 12, ents)
        after = items[-1].end if items else sent.end
        comma = next((t.i for t in doc[after:min(after + 3, sent.end)] if t.text == ","), None)
        if comma is not None and any(t.dep_ in ("nsubj", "nsubjpass", "expl")
                                     for t in doc[comma:sent.end]):
            continue  # ("the Mistral 7B model, it's ...")
        found.update((e.start, hit[1]) for e in items)
        if items:  # and on the benchmarks it names ("... on HumanEval and MBPP")
            found.update((b.start, "EVALUATED_ON") for b in _benchmarks_after(
                doc, items[-1].end, ents))
    return found


def comparison_readings(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): label}`` for the pairs (``a`` written first) the sentence
    compares, the label as the relation classifier's (``"OUTPERFORMS<"``: ``b`` beats ``a``).
    """
    known = cues()
    doc = sent.doc
    found: dict[int, tuple[int, str]] = {}
    for t in sent:
        hit = cue_at(sent, t.i, known)
        if hit is not None and not any(s <= t.i < end for s, (end, _) in found.items()):
            found[t.i] = hit
    readings: dict[tuple[int, int], str] = {}
    in_ent = {k for e in ents for k in range(e.start, e.end)}
    said: set[tuple[str, str]] = set()
    compared: dict[int, Span | None] = {}  # an item compared -> the subject it was compared by
    subjects: dict[int, Span] = {}  # the verb of a cue -> its subject
    for cue, (end, label) in sorted(found.items()):
        if cue in in_ent:
            continue  # "Meta Prompting" names a method, "Beat" may be a model's name
        others = {s: e for s, (e, _) in found.items() if s != cue}
        kinds = USE_ENDS if label == "USES" else ENDS
        subject = _subject_before(doc, sent, cue, ents, others, kinds)
        if label != "USES":  # "Goat: Fine-tuned LLaMA Outperforms GPT-4"
            subject = _titled(doc, sent, cue, subject, ents)
        if label == "USES" and subject is not None and not all(
                t.lower_ in USE_GAP for t in doc[subject.end:cue]):
            subject = None  # a use is stated right after its user: "X, which uses Y"
        if label == "USES" and subject is None:
            subject = _verb_subject(doc[cue:end], ents)  # or is its verb's subject
        verb = _verb_of(doc[cue])
        if subject is None and verb.dep_ == "conj":  # "it surpasses X and stays close to Y"
            subject = subjects.get(verb.head.i)
        if subject is not None and verb.dep_ == "conj" and subject.root.dep_ in ("pobj", "dobj"):
            # "X is fine-tuned from Y and outperforms Z": the verbs share X, not the nearer Y
            subject = _shared_subject(verb, ents) or subject
        if subject is not None:
            subjects[verb.i] = subject
        chained = [lab for s, (e, lab) in found.items() if s < cue and cue - e <= 1]
        if "OUTPERFORMS" in chained:  # "matches or outperforms", "outperforms or matches"
            label = "OUTPERFORMS"
        own = subject is not None and any(t.lower_ in RELATIVES for t in doc[subject.end:cue][:3])
        if subject is not None and subject.start in compared and not own:
            # "A beats B and is comparable to C", "surpassing B but trailing C": A's
            subject = compared[subject.start]
        items = _items_after(doc, end, end + 12, ents, kinds)
        if label != "USES" and subject is not None and items:  # "... on MMLU"
            _evaluated(readings, (subject, *items), _benchmarks_after(doc, items[-1].end, ents)
                       or _benchmarks_before(doc, sent, cue, ents))
        for item in items:
            compared.setdefault(item.start, subject)
        for one in [] if subject is None else [*_listed_before(doc, subject, ents), subject]:
            _read(readings, one, items, label, said)
    return readings


def _read(readings: dict[tuple[int, int], str], subject: Span, items: list[Span], label: str,
          said: set[tuple[str, str]]) -> None:
    """The readings of ``subject`` with each item of its cue; ``said``: the pairs of names
    read already in the sentence ("outperforms CoT on Fever and lags behind CoT": the first
    reading)."""
    for item in items:
        names = (subject.text.casefold(), item.text.casefold())
        if names[0] == names[1] or names in said:
            continue
        said.add(names)
        if item.start < subject.start:  # "Using Codex, PAL achieves ...": a fronted
            if (subject.label_, item.label_) == ("METHOD", "MODEL"):  # participle's
                readings[(item.start, subject.start)] = f"{label}<"  # model, a method's
            continue  # ("Using Google AI Studio, Gemini 1.5 Pro allows": the reader's)
        readings[(subject.start, item.start)] = label


def _listed_before(doc, subject: Span, ents: list[Span]) -> list[Span]:
    """The names listed right before a cue's subject with it, of its type ("Instructor and
    Outlines wrap function calling", "Libraries such as A, B and C use X")."""
    found, last = [], subject
    for e in reversed([e for e in ents if e.end <= subject.start]):
        gap = [t.lower_ for t in doc[e.end:last.start]]
        if e.label_ != subject.label_ or not gap or any(w not in (",", "and", "&") for w in gap) \
                or e.root.dep_ in ("pobj", "dobj"):  # (not "... for ERNIE X1, and Yi-Lightning")
            break
        found.insert(0, e)
        last = e
    return found


def _titled(doc, sent: Span, cue: int, subject: Span | None, ents: list[Span]) -> Span | None:
    """The subject of a comparison in a title after its system's name and a colon: that
    system, when the words from the colon to the cue only describe it ("Goat: Fine-tuned
    LLaMA Outperforms GPT-4": Goat, not LLaMA, it was made from); else ``subject``."""
    line = title_line(sent)
    head = title_head(doc, line, ents) if line is not None else None
    if head is None or head.label_ not in ENDS or cue < head.end:
        return subject
    colon = next(k for k in range(head.end, cue) if doc[k].text == ":")
    if subject is None:
        described = doc[colon + 1:cue]
    elif subject.start > colon:
        described = doc[colon + 1:subject.start]
    else:
        return subject
    if not len(described) or any(t.pos_ in ("PRON", "AUX") or t.lower_ in RELATIVES or
                                 t.pos_ == "VERB" and t.dep_ not in ("amod", "compound")
                                 for t in described):
        return subject
    return head
