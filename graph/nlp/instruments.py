"""A result reached with something: "With self-consistency, PaLM 540B reaches 74.4% on
GSM8K", "Kite-7B scores 48.3% with Braided Reasoning", "hybrid search with Corvid-Embed-L
reaches 53.2 nDCG@10", "PAL combined with self-consistency reaches 80.4%", "With GPT-4o as
the backbone, PCA resolves 41.3% of the issues": whoever reaches the result uses what the
"with" names (GUIDELINES: USES). A paper summary and a guide page report most of their
methods and models so, in the sentence that gives the figure.

Read from the parse: the "with" (or "using") hangs on the clause's verb, on its subject, or on
a participle describing the subject ("combined with"); the verb reports a result (``RESULTS``:
"reaches", "solved", "speeds up"; ``result_stems``) with a figure in its clause, or compares
("beats", "outperforms"); what it names comes right after it ("With Sprout-160M, a draft
model distilled from Llama 3.1 70B, TASS ...": not the model the clause names). Not where
the work was done ("Pretraining ran on 768 DGX H100 nodes using Megatron-LM": no result);
not the other side of a comparison ("on par with", "compared with": no verb hosts it). A
software tool's verb needs no result: "LlamaIndex ... embeds them with voyage-3" (the tool
at work uses what it works with; not how it is set up: "installed using pip"), nor does a
model given a working part's role ("tested with GPT-4o and Claude 3.5 Sonnet as backbone
models").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from graph.nlp.lexicon import table, words

ENDS = ("MODEL", "METHOD", "PROJECT")  # who reaches a result, and what it reaches it with
PREPS = {"with", "using"}
SUBJECTS = ("nsubj", "nsubjpass")
CLAUSES = ("advcl", "conj", "xcomp")  # a verb sharing the subject of the verb it hangs on
DESCRIBING = ("acl", "relcl")  # "PAL combined with self-consistency"
# no work of the tool's: a comparison ("competes with"), how it is set up ("installed using pip")
NOT_WORK = ("compet", "compar", "tie", "tying", "rival", "match", "partner", "collaborat",
            "merg", "instal", "download", "import", "cit")  # (beginnings of the verbs)
ROLES = {"backbone", "backbones", "generator", "encoder", "retriever", "embedder", "reranker",
         "planner", "policy"}  # a working part's role ("with GPT-4o as the backbone")
LEAD = 4  # words from the "with" to the first thing it names ("with OpenAI's GPT-4")
# beginnings of verbs reporting a result besides ``result_stems`` ("resolves 41.3% of issues")
RESULTS = ("resolv", "speed", "improv", "boost", "lift", "rais", "cut", "reduc", "stay", "gain",
           "hit", "get", "got", "deliver", "match")


@cache
def _comparison_verbs() -> frozenset[str]:
    """The words that state that one side did better or worse (``comparisons``)."""
    return frozenset(word for word, label in table("relations", "comparisons").items()
                     if label.startswith("OUTPERFORMS"))


def instrument_uses(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): "USES"}`` (``a`` written first; ``"USES<"``: ``b`` uses
    ``a``) for each result the sentence says its subject reached with a model or method."""
    at = {k: e for e in ents for k in range(e.start, e.end)}
    found: dict[tuple[int, int], str] = {}
    for prep in sent:
        if prep.lower_ not in PREPS or prep.i in at:
            continue
        verb, user = _result_clause(prep, at)
        used_ones = _instruments(prep, at)
        if verb is None or user is None or not used_ones or not (
                _reports_result(verb, prep, at) or _tool_at_work(verb, user) or
                _in_role(prep.doc, used_ones[-1].end)):
            continue
        for used in (u for u in used_ones if u is not user and u.text != user.text):
            first, second = sorted((user, used), key=lambda e: e.start)
            found[(first.start, second.start)] = "USES" if first is user else "USES<"
    return found


def _result_clause(prep: Token, at: dict[int, Span]) -> tuple[Token | None, Span | None]:
    """The verb of the clause the "with" belongs to, and the entity that is its subject."""
    host = prep.head
    if host.dep_ in DESCRIBING and host.tag_ == "VBN":  # "PAL combined with ..."
        host = host.head
    if host.pos_ in ("VERB", "AUX"):
        subject = clause_subject(host)
        return host, _named_user(subject, at) if subject is not None else None
    user = at.get(host.i)
    if user is None or user.label_ not in ENDS or host.dep_ not in SUBJECTS:
        return None, None  # "a 74% success rate with GPT-4"
    return host.head, user


def clause_subject(verb: Token) -> Token | None:
    """The subject of the verb, or of the verb it shares its subject with ("..., beating")."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is not None or verb.dep_ not in CLAUSES:
            return subject
        verb = verb.head
    return None


def _named_user(subject: Token, at: dict[int, Span]) -> Span | None:
    """The entity the subject names, or the one in apposition to it ("On MATH, the
    institute's Kite-7B scores", where the parser makes MATH the subject)."""
    for token in (subject, *(c for c in subject.children if c.dep_ == "appos")):
        ent = at.get(token.i)
        if ent is not None and ent.label_ in ENDS:
            return ent
    return None


def _reports_result(verb: Token, prep: Token, at: dict[int, Span]) -> bool:
    """A verb of comparison ("beats", "outperforms"), or of a result with a figure in its
    clause (not inside the "with" phrase)."""
    if verb.lower_ in _comparison_verbs():
        return True
    if not verb.lower_.startswith((*words("relations", "result_stems"), *RESULTS)):
        return False
    inside = range(prep.left_edge.i, prep.right_edge.i + 1)
    return any(t.i not in inside and t.i in at and at[t.i].label_ == "METRIC"
               for t in verb.subtree)


def _tool_at_work(verb: Token, user: Span) -> bool:
    """A software tool doing its work with something ("LlamaIndex ... embeds them with
    voyage-3"): whatever its verb, the tool uses it (``NOT_WORK`` aside)."""
    return user.label_ == "PROJECT" and verb.pos_ == "VERB" and \
        not verb.lower_.startswith(NOT_WORK)


def _in_role(doc, end: int) -> bool:
    """What "with" names is given a working part's role right after it: "tested with GPT-4o
    and Claude 3.5 Sonnet as backbone models", "with GPT-4o as the generator"."""
    after = [t.lower_ for t in doc[end:end + 4]]
    return after[:1] == ["as"] and any(w in ROLES for w in after[1:])


def _instruments(prep: Token, at: dict[int, Span]) -> list[Span]:
    """The models and methods the "with" names, each of a list ("with GPT-3.5, ChatGPT and
    GPT-4"), right after it."""
    noun = next((c for c in prep.children if c.dep_ in ("pobj", "dobj")), None)
    if noun is None:
        return []
    found, listed = [], [noun]
    while listed[-1] is not None:  # each of a list, not what its items' clauses name
        listed.append(next((c for c in listed[-1].children if c.dep_ == "conj"), None))
    for token in listed[:-1]:
        ent = at.get(token.i)
        if ent is not None and ent.label_ in ENDS and ent not in found:
            found.append(ent)
    first = found[0].start if found else prep.i + 1
    gap = prep.doc[prep.i + 1:first]  # "with OpenAI's GPT-4"; not "With Sprout-160M, a
    listed = sorted({at[t.i] for t in gap if t.i in at and at[t.i].label_ in ENDS},  # model"
                    key=lambda e: e.start)  # "with GPT-4o and Claude", the parser's pobj the last
    if listed and all(t.i in at or t.lower_ in ("and", "or", ",") for t in gap):
        return listed + found
    return found if len(gap) <= LEAD and not any(t.is_punct for t in gap) else []

