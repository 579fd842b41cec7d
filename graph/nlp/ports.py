"""What a framework implements: "This is an Inspect AI implementation of the GAIA
benchmark", "The Inspect implementation for NIAH", "Inspect's HLE implementation", "a port
of X to Inspect", "This implementation ports the evaluation to Inspect" (GUIDELINES: USES,
the framework uses the benchmark or the tool it implements; not a method: annotators read
no use in "the Triton implementation of FlashAttention").

Read from the words around a cue ("implementation", "port", "ported to"), not from the
parse: the small model reads "to Inspect" as a verb. The framework is a PROJECT written
right before a cue noun, or after "to" or "in" further on ("ported to Inspect",
"implemented in Triton"). What it implements is the entity right after "of" or "for" (past
a determiner or an owner: "of Anthropic's ... framework"), or the name between an owner
and the cue noun ("Inspect's HLE implementation"), or, when the sentence says only "this
implementation" or "the evaluation", what the document is about.

Where a benchmark or a package runs is a tool it uses too: "The evaluation uses a Docker
sandbox environment", "executed in a Docker container", "a Docker-based agent evaluation"
(the page's subject USES the PROJECT written right before "sandbox", "container", "image" or
"-based": :func:`sandbox_readings`, read by :mod:`graph.nlp.page_facts`).
"""

from __future__ import annotations

from spacy.tokens import Span

from graph.nlp.relations import entities_at

CUE_NOUNS = {"implementation", "port", "reimplementation"}
CUE_VERBS = {"port", "implement", "reimplement"}  # lemmas: "ported to", "implemented in"
FRAMEWORKS = ("PROJECT",)
IMPLEMENTED = ("DATASET", "PROJECT")
OWN = {"a", "an", "the", "this", "its", "our", "their"}
THIS = {"this", "the", "our"}  # "this implementation", "the evaluation": the page's own
STANDS_FOR_PAGE = {"implementation", "evaluation", "eval", "benchmark", "port", "it"}
REACH = 8  # tokens from the cue to a later "to" or "in"
RUNS_IN = {"sandbox", "sandboxes", "container", "containers", "image", "images"}


def port_readings(sent: Span, ents: list[Span]
                  ) -> tuple[dict[tuple[int, int], str], dict[int, str]]:
    """``({(a.start, b.start): label}, {framework.start: "USES<"})``: the pairs of
    ``sent`` where a framework implements an entity of the sentence (``"USES"`` when the
    framework is written first), and the frameworks that implement what the document is
    about (the sentence names only "this implementation", "the evaluation")."""
    doc = sent.doc
    starts = {e.start: e for e in ents}
    ends = {e.end: e for e in ents}
    pairs: dict[tuple[int, int], str] = {}
    of_page: dict[int, str] = {}
    for cue in sent:
        lemma = cue.lemma_.lower()
        noun = lemma in CUE_NOUNS and cue.pos_ in ("NOUN", "PROPN")
        if not noun and not (lemma in CUE_VERBS and cue.pos_ == "VERB"):
            continue
        framework, thing = _framework(doc, cue.i, noun, sent.end, starts, ends)
        if framework is None:
            continue
        thing = thing or _object(doc, cue.i, sent.end, starts)
        for each in _with_conjuncts(framework, ents):  # "implemented in LangChain and DSPy"
            if thing is not None and thing.start != each.start and thing.text != each.text:
                a, b = sorted((each, thing), key=lambda e: e.start)
                pairs[(a.start, b.start)] = "USES" if a.start == each.start else "USES<"
            elif thing is None and _speaks_of_page(sent, cue.i):
                of_page[each.start] = "USES<"
    return pairs, of_page


def _with_conjuncts(framework: Span, ents: list[Span]) -> list[Span]:
    """The framework and the frameworks coordinated with it."""
    at = {t.i: e for e in ents for t in e}
    return [e for e in entities_at(framework.root, at) if e.label_ in FRAMEWORKS]


def _framework(doc, i: int, noun: bool, end: int, starts: dict[int, Span],
               ends: dict[int, Span]) -> tuple[Span | None, Span | None]:
    """The framework of the cue at ``i`` and, for "a port of X to Inspect", what the words
    between the cue and the framework name."""
    before = ends.get(i)
    if noun and before is not None:
        owner = ends.get(before.start - 1) \
            if before.start > 0 and doc[before.start - 1].text == "'s" else None
        if owner is not None and owner.label_ in FRAMEWORKS and before.label_ in IMPLEMENTED:
            return owner, before  # "Inspect's HLE implementation"
        if before.label_ in FRAMEWORKS:
            return before, None  # "an Inspect AI implementation"
    for k in range(i + 1, min(end - 1, i + REACH)):
        if doc[k].text in (".", ";", ":") or doc[k].lower_ in ("from", "by"):
            break
        after = starts.get(k + 1)
        if doc[k].lower_ in ("to", "in", "into") and after is not None and \
                after.label_ in FRAMEWORKS:
            return after, _object(doc, i, k, starts)
    return None, None


def _object(doc, i: int, end: int, starts: dict[int, Span]) -> Span | None:
    """The entity right after the cue's "of" or "for" (or a verb's object), past a
    determiner and an owner's name: "of the GAIA benchmark", "of Anthropic's X"."""
    k = i + 1
    if k < end and doc[k].lower_ in ("of", "for"):
        k += 1
    while k < end and doc[k].pos_ != "PUNCT":
        found = starts.get(k)
        if found is not None and found.label_ in IMPLEMENTED:
            return found
        if found is not None and k + len(found) < end and doc[k + len(found)].text == "'s":
            k += len(found) + 1  # an owner: "Anthropic's"
        elif doc[k].lower_ in OWN:
            k += 1
        else:
            return None
    return None


def _speaks_of_page(sent: Span, i: int) -> bool:
    """Whether the sentence's cue at ``i`` is about the page's own implementation: "this
    implementation", "ports the evaluation", "this Inspect eval", "it was ported"."""
    doc = sent.doc
    window = doc[max(sent.start, i - 6):min(sent.end, i + 4)]
    return any(t.lower_ == "it" or t.lower_ in STANDS_FOR_PAGE and t.i > sent.start and
               doc[t.i - 1].lower_ in THIS for t in window) or \
        any(t.lower_ in ("this", "our") for t in doc[max(sent.start, i - 3):i])


def sandbox_readings(sent: Span, ents: list[Span]) -> dict[int, str]:
    """``{project.start: "USES"}`` for each project of ``sent`` that something runs in ("a
    Docker sandbox", "Docker containers", "a Docker-based agent evaluation"): what the
    document is about uses it."""
    doc = sent.doc
    found = {}
    for e in ents:
        after = [t.lower_ for t in doc[e.end:min(e.end + 2, sent.end)]]
        if e.label_ in FRAMEWORKS and after and (after[0] in RUNS_IN or after == ["-", "based"]):
            found[e.start] = "USES"
    return found
