"""Which labels the predicate schema lets a pair of entity types take (GUIDELINES.md,
"Relations"), and the labels the dependency rules and the surface readings give a candidate
pair (:mod:`graph.nlp.pairs`), which the relation classifier
(:mod:`graph.nlp.relation_model`) takes before its own guess."""

from __future__ import annotations

from graph.nlp.lexicon import table, words
from graph.nlp.pairs import Candidate
from graph.schema import SYMMETRIC_PREDICATES, UNDIRECTED_PREDICATES

NONE = "NONE"
_ACTORS = {"MODEL", "METHOD", "PROJECT", "DATASET", "ORG"}
# The types each predicate's source and target may have (GUIDELINES.md, "Relations").
SIGNATURES: dict[str, tuple[set[str], set[str]]] = {
    "DEVELOPED_BY": ({"MODEL", "PROJECT", "METHOD", "DATASET"}, {"ORG"}),
    "PARTNERS_WITH": ({"ORG", "PROJECT"}, {"ORG", "PROJECT"}),
    "OUTPERFORMS": ({"MODEL", "METHOD"}, {"MODEL", "METHOD"}),
    "COMPARED_WITH": ({"MODEL", "METHOD"}, {"MODEL", "METHOD"}),
    "EVALUATED_ON": ({"MODEL", "METHOD"}, {"DATASET"}),
    "BASED_ON": ({"MODEL", "METHOD", "PROJECT", "DATASET"}, {"MODEL", "METHOD"}),
    "USES": (_ACTORS, {"METHOD", "MODEL", "DATASET", "PROJECT"}),
    "HAS_METRIC": (_ACTORS, {"METRIC"}),
    "FUNDS": ({"ORG"}, {"ORG", "PROJECT"}),
}


def rule_label(c: Candidate) -> str | None:
    """What the dependency rules' phrase for the pair says ("released by": DEVELOPED_BY), as
    a label of the pair, when the lexicon's ``rules`` table knows it and the types fit, or
    its ``typed_rules`` table for the pair's types ("use" from a model to a method); or
    the order-free predicate a word on the path between them names ("partnership")."""
    entry = table("relations", "rules").get(c.phrase) if c.phrase else None
    if entry is None and c.phrase and c.context in ("", "list"):  # both ends named, or a list
        # item and the entity the line introducing the list says it of
        subject, obj = (c.a_type, c.b_type) if c.phrase_forward else (c.b_type, c.a_type)
        entry = table("relations", "typed_rules").get(c.phrase, {}).get(f"{subject}>{obj}")
        if entry is None and c.context == "list" and _says_use(c.phrase):
            entry = "USES"  # "vLLM is fast with:", "vLLM seamlessly supports ..., including:"
    if entry is None:
        strong = [f.removeprefix("strong=") for f in c.features if f.startswith("strong=")]
        if len(strong) == 1 and allowed(strong[0], c.a_type, c.b_type):
            return strong[0]  # "A and B announced a partnership": order-free, no phrase
        return None
    predicate, object_first = entry.rstrip("<"), entry.endswith("<")
    if c.phrase.startswith(("available ", "accessible ")) and \
            (c.b_type if c.phrase_forward else c.a_type) == "ORG":
        return NONE  # "available on Hugging Face": a company, not a platform (the Hub) using
        # it; nor its maker (the grammar's reading of the two stands against a guess)
    backward = object_first == c.phrase_forward  # the subject is b, or the object is a
    if predicate in UNDIRECTED_PREDICATES or not backward:
        label = predicate
    else:
        label = f"{predicate}<"
    return label if _grammar_only(label, c) or allowed(label, c.a_type, c.b_type) else None


def _says_use(phrase: str) -> bool:
    """Whether a line introducing a list says its entity uses each item: its verb or its
    last word is a cue of USES ("support", "fast with"; not "used by", "come in")."""
    said = phrase.split()
    return said[0] in words("relations", "USES") or said[-1] in words("relations", "USES")


def _derived(label: str, c: Candidate) -> bool:
    """A benchmark or a tool made from another of its kind, as only the grammar reads it
    ("MathQA-Python, a Python version of the MathQA benchmark", "Optimum is an extension of
    Transformers"; the classifier, which never learnt these, guesses no such pair)."""
    return label.rstrip("<") == "BASED_ON" and c.a_type == c.b_type and \
        c.a_type in ("DATASET", "PROJECT")


RANKED_PRODUCTS = {"MODEL", "METHOD", "PROJECT"}
BOARD_VERBS = {"top", "lead"}  # "Cirrus 4 tops the LMSYS Chatbot Arena": a board, no rival


def _grammar_only(label: str, c: Candidate) -> bool:
    """A pair the schema takes from the grammar only: a derived benchmark or tool
    (:func:`_derived`), a tool ranked against another tool, model or method ("LongMem ...
    outperforms ... models such as MemTRM"; the classifier, which never learnt these, would
    guess many such pairs of products merely named together)."""
    return _derived(label, c) or label.rstrip("<") in ("OUTPERFORMS", "COMPARED_WITH") and \
        "PROJECT" in (c.a_type, c.b_type) and {c.a_type, c.b_type} <= RANKED_PRODUCTS and \
        c.phrase not in BOARD_VERBS


def reading_label(c: Candidate) -> str | None:
    """The label a surface reading of the sentence gives the pair ("A outperforms B": the
    ``reading=`` feature of :mod:`graph.nlp.pairs`), when the types fit."""
    label = next((f.removeprefix("reading=") for f in c.features if f.startswith("reading=")),
                 None)
    return label if label is not None and (
        _grammar_only(label, c) or allowed(label, c.a_type, c.b_type)) else None


def allowed(label: str, a_type: str, b_type: str) -> bool:
    """Whether the schema lets ``label`` link an ``a_type`` and a ``b_type`` entity."""
    if label == NONE:
        return True
    predicate, backward = label.rstrip("<"), label.endswith("<")
    source, target = (b_type, a_type) if backward else (a_type, b_type)
    sources, targets = SIGNATURES[predicate]
    if predicate in SYMMETRIC_PREDICATES:
        return (source in sources and target in targets) or \
            (target in sources and source in targets)
    return source in sources and target in targets
