"""The sizes and editions of a model share its maker: "Meta recently introduced ... Llama 3"
then "Llama 3 8B" and "Llama 3 70B"; "Code Llama ..., released by Meta" then "The release
also includes two other variants (Code Llama Python and Code Llama Instruct)"; "Salesforce
AI Research today announced CodeTide 2" then "CodeTide 2 32B is built on ..." (GUIDELINES:
DEVELOPED_BY). A text names a family once with its maker and its members by the family's
name and a size or an edition word, without the maker again.

Only a product the sentence giving its maker calls a family (``family_nouns``), and only
what the piece's candidates give a maker (as :meth:`graph.nlp.relation_model.
RelationModel.decide` reads them: a ``reading=``, a phrase of the lexicon's ``rules``, else
the classifier) passes its maker on, and only to a name that
is the family's name followed by nothing but sizes and edition words (``variant_words`` in
``resources/lexicon/relations.json``): "Mistral-7B-OpenOrca" is someone else's fine-tune.

What "we" trained the released model with is the model's too (:func:`trained_release`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from graph.nlp.lexicon import words
from graph.nlp.pairs import Candidate
from graph.nlp.records import DocumentResult, TypedRelation
from graph.nlp.relation_model import shipped_model
from graph.nlp.relations import FIRST_PERSON_PLURAL, UNRESOLVED, WE_WORDS
from graph.nlp.schema_labels import reading_label, rule_label
from graph.taxonomy import predicates

MEMBERS = ("MODEL",)  # what may be a size or an edition of a family
SIZE = re.compile(r"(\d+x)?\d+(\.\d+)?[bmkt]?|v?\d+(\.\d+)*", re.IGNORECASE)  # "8x7B", "70"


def _made(candidates: list[Candidate], text: str, offset: int) -> dict[str, tuple[int, int]]:
    """The casefold names of the piece's products the grammar gives a maker, with the
    maker's span (document offsets)."""
    found: dict[str, tuple[int, int]] = {}
    model = shipped_model()
    for c in candidates:
        label = reading_label(c) or rule_label(c) or \
            (model.predict(c.features, c.a_type, c.b_type)[0] if model is not None else None)
        if label is None or label.rstrip("<") != "DEVELOPED_BY":
            continue
        made, maker = (c.b, c.a) if label.endswith("<") else (c.a, c.b)
        if not _says_family(text[c.sentence[0] - offset:c.sentence[1] - offset]):
            continue
        start, end = made[0] - offset, made[1] - offset
        name = text[start:end].casefold() if 0 <= start < end <= len(text) else ""
        if name and name not in WE_WORDS and text[maker[0] - offset:maker[1] - offset]\
                .casefold() not in WE_WORDS:
            found.setdefault(name, maker)
    return found


def _says_family(sentence: str) -> bool:
    """Whether the sentence stating the maker calls the product a family ("a new family of
    large language models", "an open-weight code model family"): only then are names that
    extend its name its members, not models of their own ("GPT-4 Turbo")."""
    nouns = words("relations", "family_nouns")
    return any(w in nouns for w in re.findall(r"[a-z]+", sentence.casefold()))


def _member_of(name: str, family: str) -> bool:
    """Whether ``name`` is ``family`` followed by sizes and edition words only."""
    if len(name) <= len(family) or not name.startswith(family) or \
            name[len(family)] not in " -":
        return False
    rest = [w for w in re.split(r"[ -]+", name[len(family):]) if w]
    edition = words("relations", "variant_words")
    return bool(rest) and all(SIZE.fullmatch(w) or w in edition for w in rest)


def variant_candidates(doc, candidates: list[Candidate], offset: int) -> Iterator[Candidate]:
    """A candidate ``(maker, member)`` read as DEVELOPED_BY for each model of the piece
    named as a size or edition of a family whose maker the piece states (see the module's
    notes); the evidence is the member's sentence and says the maker was found by the name
    (``via`` "name")."""
    text = doc.text
    made = _made(candidates, text, offset)
    if not made:
        return
    for ent in doc.ents:
        if ent.label_ not in MEMBERS or "|" in ent.sent.text:
            continue  # (a table row lists checkpoints, not the family's members)
        name = ent.text.casefold()
        family = max((f for f in made if _member_of(name, f)), key=len, default=None)
        if family is None:
            continue
        maker, sent = made[family], ent.sent
        where = (offset + sent.start_char, offset + sent.start_char + len(sent.text.rstrip()))
        yield Candidate(maker, (offset + ent.start_char, offset + ent.end_char), "ORG",
                        ent.label_, "name", ("variant", "reading=DEVELOPED_BY<"), where)


def released_members(result: DocumentResult) -> list[TypedRelation]:
    """The sizes and editions the author's release sentence names are the author's too:
    "Today we're releasing Vela 2 in two sizes, Vela 2 Mini and Vela 2 Max" (the parse
    hangs them on "sizes", not on the verb). Read once "we" is resolved."""
    text, found = result.text, []
    made = {(r.source, r.target) for r in result.relations if r.predicate == "DEVELOPED_BY"}
    for rel in result.relations:
        if rel.predicate != "DEVELOPED_BY" or rel.via != FIRST_PERSON_PLURAL:
            continue
        family = text[rel.source[0]:rel.source[1]].casefold()
        for m in result.mentions:
            member = (m.start, m.end)
            if m.label in MEMBERS and rel.sent_start <= m.start and m.end <= rel.sent_end \
                    and (member, rel.target) not in made \
                    and _member_of(text[m.start:m.end].casefold(), family):
                made.add((member, rel.target))
                found.append(replace(rel, source=member))
    return found


def derived_benchmarks(result: DocumentResult) -> list[TypedRelation]:
    """The benchmark a page is about is BASED_ON each benchmark of the page its name holds
    as a part ("TruthfulQA-Multi" and "TruthfulQA", "RACE-H" and "RACE", "BIG-Bench Hard"
    and "BIG-Bench" on pages titled so: 6 of 6 such pairs of the annotated pages; a name
    that holds another on a page about something else is BASED_ON it for 9 of 28)."""
    if result.subject is None or result.subject[1] != "DATASET":
        return []
    span, _, name = result.subject
    found, seen = [], set()
    for m in result.mentions:
        part = m.text.casefold()
        if m.label != "DATASET" or part in seen or len(part) >= len(name) or \
                not re.search(rf"(?:^|[\s-]){re.escape(part)}(?:$|[\s-])", name):
            continue
        seen.add(part)
        found.append(TypedRelation(result.doc.id, span, (m.start, m.end),
                                   predicates()["BASED_ON"].phrase, m.sent_start, m.sent_end,
                                   via="subject", predicate="BASED_ON"))
    return found


def page_evaluations(result: DocumentResult) -> list[TypedRelation]:
    """On a page about a benchmark, a model with a score of its own in a sentence or a list
    that names no other benchmark was evaluated on the page's ("- Original paper: 8.6%
    pass@1 using gpt-4-1106-preview" on the USACO page; "Current Setup (GPT-4-0613 ...)"
    over "- Interview: 30.00%" on the APPS page)."""
    if result.subject is None or result.subject[1] != "DATASET":
        return []
    span = result.subject[0]
    kinds = {(m.start, m.end): m.label for m in result.mentions}
    benchmarks = [m for m in result.mentions if m.label == "DATASET" and (m.start, m.end) != span]
    evaluated = {r.source for r in result.relations if r.predicate == "EVALUATED_ON"}
    found = []
    for rel in result.relations:
        if rel.predicate != "HAS_METRIC" or kinds.get(rel.source) != "MODEL" or \
                rel.source in evaluated or any(rel.sent_start <= m.start < rel.sent_end
                                               for m in benchmarks):
            continue
        evaluated.add(rel.source)
        found.append(TypedRelation(result.doc.id, rel.source, span,
                                   predicates()["EVALUATED_ON"].phrase, rel.sent_start,
                                   rel.sent_end, via="subject", predicate="EVALUATED_ON"))
    return found


def trained_release(result: DocumentResult) -> list[TypedRelation]:
    """``result.relations`` with the methods the author of a model's release says "we"
    used given to the model: "Meta is releasing Llama 3.1 405B ... After pre-training, we
    applied several rounds of supervised fine-tuning (SFT)" (GUIDELINES: USES: what a
    model is trained with is the model's). The release is a model the document's opening
    (its first two sentences) says its author made; without one (a research announcement:
    "Using sparse autoencoders, we identified ...", whatever models it names later) "we"
    stays the organisation. Read once "we" is resolved."""
    text, authors = result.text, set(result.authors)
    labels = {(m.start, m.end): m.label for m in result.mentions}
    opening = result.sentences[1][1] if len(result.sentences) > 1 else len(text)
    made = [r for r in result.relations if r.predicate == "DEVELOPED_BY"
            and labels.get(r.source) == "MODEL" and r.sent_end <= opening
            and text[r.target[0]:r.target[1]].casefold() in authors]
    if not made:
        return result.relations
    release = min(made, key=lambda r: r.sent_start).source
    return [replace(r, source=release) if r.via == FIRST_PERSON_PLURAL
            and r.predicate == "USES" and labels.get(r.target) == "METHOD"
            and text[r.source[0]:r.source[1]].casefold() in authors else r
            for r in result.relations]


_DERIVING = ("tune", "distil", "initiali", "version")  # a model made from another
_FAMILY = re.compile(r"[A-Za-z]+")  # a name's first word: "DeepSeek" of "DeepSeek-R1-Distill"
_OPENING_WORDS = 4  # before the model its sentence is about: "The resulting model, X"


def derived_models(result: DocumentResult) -> list[TypedRelation]:
    """DEVELOPED_BY "we" for a model the text makes from another ("Wrangler-7B is Mistral 7B
    fine-tuned on ToolTraj", "DriftLM is a fine-tuned version of Mistral Large 2", "Their
    model, Tern-3B, is fine-tuned from Llama 3.2 3B"), named where its sentence opens, in a
    sentence naming no organisation ("CodeTide 7B, fine-tuned from Llama 3 8B by
    Salesforce"), and no sentence gives it a maker: the authors' (GUIDELINES: each of a
    paper's organisations develops what it proposes; :func:`graph.nlp.authors.resolve_we`
    gives it the paper's affiliations or its author, or drops it where the text names
    neither); not another family's member made from its own ("DeepSeek-R1-Distill-Qwen-7B",
    distilled from DeepSeek-R1), not a rival ("on par with DevPilot-32B, an agent model
    fine-tuned from ...") or models a sentence takes up again ("All three are themselves
    fine-tuned from Mistral 7B"). Read before "we" is resolved."""
    text = result.text
    labels = {(m.start, m.end): m.label for m in result.mentions}
    made = {text[slice(*r.source)].casefold() for r in result.relations
            if r.predicate == "DEVELOPED_BY" and r.source != UNRESOLVED}
    found = []
    for r in result.relations:
        name, opening = text[slice(*r.source)], text[r.sent_start:r.source[0]]
        if r.predicate != "BASED_ON" or labels.get(r.source) != "MODEL" or r.via or \
                name.casefold() in made or len(opening.split()) > _OPENING_WORDS or \
                any(m.label == "ORG" and r.sent_start <= m.start < r.sent_end
                    for m in result.mentions) or \
                not any(w in text[r.sent_start:r.sent_end].lower() for w in _DERIVING):
            continue
        family = _FAMILY.search(text[slice(*r.target)])
        if family is not None and name.startswith(family.group()):
            continue
        made.add(name.casefold())
        found.append(TypedRelation(result.doc.id, r.source, UNRESOLVED, "derived",
                                   r.sent_start, r.sent_end, via=FIRST_PERSON_PLURAL,
                                   predicate="DEVELOPED_BY"))
    return found
