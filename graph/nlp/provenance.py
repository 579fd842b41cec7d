"""Who made a model, read from how the genre names it: "OpenAI's GPT-3", "o1-mini (OpenAI):
63.6%", "Jamba 1.6 Large, from AI21 Labs,", "the gpt-4-1106-preview model from OpenAI",
"the SWE-Lancer benchmark by OpenAI",
"Sailor2-20B, which was built by Sea AI Lab", "Code Llama is a family of large language models,
released by Meta", "Aya 23, a new family of multilingual language models from Cohere For AI",
"QwQ-32B-Preview (Qwen team, Alibaba Cloud)",
"LLaMA (Meta AI, 2023)" (GUIDELINES: DEVELOPED_BY, "xAI's Grok-1.5"); the object of a
relative clause whose subject is the maker ("Llama 3 8B Instruct, which Meta trained with
...", "DBRX, a mixture-of-experts model that Databricks released"); the maker described by
what it made ("Kairos Labs, the Paris-based startup behind the Meridian models", "Moonshot
AI, the maker of Kimi"); and "its" product where the clause's subject is an organisation
("Hugging Face added an ORPOTrainer to its TRL library").

Each is a fixed arrangement of the organization right next to the thing it made, so it is
read from the tokens between the two, which the parse of a list or a table row often gets
wrong.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from graph.nlp.components.spans import ARTICLES, MARKUP, past_markup
from graph.nlp.lexicon import table, words
from graph.nlp.listed_makers import list_makers, listed_before
from graph.nlp.owned import MADE, owned_products
from graph.nlp.pair_grammar import ANAPHOR
from graph.nlp.relations import WE_WORDS, people_noun
from graph.nlp.use_phrases import FINITE

POSSESSIVE = ("'s", "’s", "'", "’")
FROM = ("from",)
NOUNS = ("model", "models", "family", "series")
KINDS = (*NOUNS, "benchmark", "dataset", "suite", "library", "framework", "method",
         "technique")  # "X benchmark by ORG", "X is a method from ORG"
MADE_NOUNS = (*KINDS, "benchmarks", "datasets", "project", "tool", "toolkit", "platform")
BOTH = ("both", "all")  # "ERNIE 4.5 Turbo and ERNIE X1, both from Baidu"
RELATIVE = ("which", "that")
AUXILIARIES = ("was", "were", "is", "are", "has", "have", "had", "been", "being", "jointly",
               "also", "originally")
ADVERBS = ("first", "concurrently", "independently", "initially")  # "first described by"
COPULAS = ("is", "are", "was", "were")
# what a relative clause's maker did to its object ("which Nexusflow fine-tuned from ...")
TUNED = ("fine-tuned", "finetuned", "fine-tune", "finetune")
DESCRIBED = ("behind", "of")  # "the startup behind X", "the maker of X"
MAKER_NOUNS = ("maker", "makers", "developer", "developers", "creator", "creators", "builder",
               "builders", "author", "authors")
OWN = ("own", "new", "newest", "latest", "flagship", "open", "first")  # "its own X"
CLOSING = (")", ",", "and", ";")  # what may follow the maker in "X (ORG, ORG, 2023)"
# (the tokenizer may keep what follows a closing parenthesis with it: "(Anthropic):")
MARKS = (",", "`", "**", '"')  # what the words between a thing and its maker may hold


@cache
def made_participles() -> frozenset[str]:
    """The participles whose "by" names a maker ("released", "built", "open-sourced"): the
    passive phrases of the lexicon's ``rules`` that give DEVELOPED_BY."""
    return frozenset(phrase.removesuffix(" by") for phrase, label in
                     table("relations", "rules").items()
                     if label == "DEVELOPED_BY" and phrase.endswith(" by"))


def _participle_by(words: list[str]) -> bool:
    """"X, released by ORG", "X, which was built by ORG": a relative or appositive clause of
    ``X`` that ends with a maker's participle and "by" right before the organization ("by
    the Allen Institute for AI": its article aside)."""
    words = [w for w in (words[:-1] if words[-1:] and words[-1] in ARTICLES else words)
             if w not in ADVERBS]
    if len(words) < 2 or words[-1] not in ("by", "at") or words[-2] not in made_participles():
        return False  # ("at": "Speculative sampling, developed concurrently at DeepMind")
    rest = words[:-2]
    if rest and rest[0] in RELATIVE:
        rest = rest[1:]
    return all(w in AUXILIARIES for w in rest)


def _without_marks(between: list[str]) -> list[str]:
    """The words between two entities without commas, quotes and Markdown marks."""
    return [w for w in between if w not in MARKS]


def _made_by(made: Span, org: Span, between: list[str], after: str) -> bool:
    """Whether the tokens between ``made`` (written first) and ``org`` say ``org`` made it:
    "X (ORG)", "X (ORG, 2023)", "X, from ORG", "X model from ORG", "X, which was released by
    ORG", "X is a family of models, released by ORG"."""
    if between == ["("]:
        return (after[:1] in CLOSING or after in CLOSING) and _parenthesis_of_makers(org)
    between = _by_people_of(between)
    words = _without_marks(between)
    if between[:1] == [","] and _participle_by(words):
        return True
    if _described_from(between):
        return True
    if between[:1] and between[0] in COPULAS and "," in between:
        # "X is a family of large language models (LLM), released by ORG"
        last = len(between) - 1 - between[::-1].index(",")
        if _participle_by(between[last + 1:]):
            return True
    if words[-1:] and words[-1] in ARTICLES:
        words = words[:-1]  # "Falcon 2 11B, from the Technology Innovation Institute"
    if len(words) == 2 and words[0] in KINDS and words[1] == "by":
        return True  # "the SWE-Lancer benchmark by OpenAI"
    return bool(words) and words[-1] in FROM and \
        all(w in NOUNS or w in BOTH for w in words[:-1]) and len(words) <= 2


PEOPLE_OF = ("at", "from")  # "developed by our colleagues at Cohere"
PEOPLE_DETERMINERS = ("our", "its", "their", "a", "the")


def _by_people_of(between: list[str]) -> list[str]:
    """``between`` with "by (our) researchers at" said as "by": people of an organisation
    made what they made for it ("Command R, the pretrained model developed by our colleagues
    at Cohere")."""
    if len(between) < 3 or between[-1] not in PEOPLE_OF:
        return between
    i = len(between) - 2
    noun = between[i].removesuffix("s")
    if not people_noun(noun):
        return between
    if between[i - 1] in PEOPLE_DETERMINERS:
        i -= 1  # "by our colleagues at"
    return between[:i] if i > 0 and between[i - 1] == "by" else between


def _described_from(between: list[str]) -> bool:
    """"X, a new family of open-weights multilingual language models from ORG", "X is the
    latest model from ORG", "X, the base model released by ORG", "X is a project by ORG",
    "X, a joint effort of ORG and ORG": a description of ``X`` (after a comma or a copula,
    opening with an article, no clause) whose noun of a made thing (a model, benchmark,
    library, project, effort) comes "from" the organization or is made "by" it."""
    if between[:1] == [")"]:
        between = between[1:]  # "Mixture-of-Depths (MoD) is a method from Google DeepMind"
    if between[-1:] and between[-1] in ARTICLES:
        between = between[:-1]  # "HarmBench, the benchmark from the Center for AI Safety"
    if between[-1:] == ["by"] and len(between) > 2 and between[-2] in made_participles():
        between = [*between[:-2], "from"]  # "X, the base model released by ORG"
    elif between[-1:] == ["by"]:
        between = [*between[:-1], "from"]  # "X is a project by ORG"
    elif between[-2:] == ["effort", "of"]:
        between = [*between[:-2], "project", "from"]  # "X, a joint effort of MIT and NVIDIA"
    if len(between) < 4 or between[-1] not in FROM or between[-2] not in MADE_NOUNS:
        return False
    start = 1 if between[0] == "," or between[0] in COPULAS else 0
    return bool(start) and between[start] in ARTICLES and "," not in between[start:] \
        and not any(w in RELATIVE for w in between)


def _relative_maker(made: Span, org: Span, between: list[str]) -> bool:
    """"X, which ORG trained ...", "X, a mixture-of-experts model that ORG released",
    "X, a sparse attention scheme that ORG developed": ``org`` is the subject of a relative
    clause whose object is ``X`` (or the description of ``X`` right after it), and its verb
    says it made it."""
    doc = made.doc
    words = _without_marks(between)
    if not words or words[-1] not in RELATIVE:
        return False
    if len(words) > 1:  # a description of X: "a ... model that", no verb, after a comma
        described = doc[made.end:org.start - 1]
        if between[0] != "," or words[0] not in ARTICLES or \
                any(t.pos_ in ("VERB", "AUX") or t.text in RELATIVE for t in described[1:-1]):
            return False
    for token in doc[org.end:min(len(doc), org.end + 3)]:
        if token.lower_ in AUXILIARIES or token.pos_ == "ADV":
            continue
        return token.tag_ in ("VBD", "VBN") and (
            token.lower_ in made_participles() or token.lower_ in TUNED) and \
            not (token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "by")
    return False


def _described_maker(between: list[str]) -> bool:
    """"ORG, the Paris-based startup behind the X models", "ORG, the Alibaba-backed maker of
    X", "ORG is the company behind X": ``org`` described (after a comma or a copula, opening
    with an article, no clause) as what stands behind ``X`` or makes it."""
    said = " ".join(_without_marks(between)).replace(" - ", "-").split()  # "start-up"
    while said[-1:] and said[-1] in OWN:
        said = said[:-1]  # "the San Francisco start-up behind the open MPT models"
    if said[-1:] and said[-1] in ARTICLES:
        said = said[:-1]
    if len(said) < 3 or said[-1] not in DESCRIBED or not (
            between[0] == "," or between[0] in COPULAS):
        return False
    start = 1 if said[0] in COPULAS else 0
    noun = said[-2]
    return said[start] in ARTICLES and not any(w in RELATIVE for w in said) and (
        noun in MAKER_NOUNS if said[-1] == "of" else
        noun in words("roles", "org_nouns") or noun in words("roles", "staff_nouns"))


def _its_products(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """"Hugging Face added an ORPOTrainer to its TRL library", "01.AI said its Yi-Lightning
    model now serves ...": a thing written after "its" (and "own", "new" ...) is made by the
    organisation that is the subject of the nearest clause above it with a subject, when no
    other single organisation is named between them (which "its" could mean)."""
    doc = sent.doc
    found: dict[tuple[int, int], str] = {}
    orgs = [e for e in ents if e.label_ == "ORG" and e.kb_id_ != ANAPHOR]  # not "its" itself
    for ent in ents:
        i = ent.start - 1
        while i > sent.start and doc[i].lower_ in OWN:
            i -= 1
        if ent.label_ not in MADE or i < sent.start or doc[i].lower_ != "its":
            continue
        org = _clause_subject(ent, orgs)
        if org is not None and not any(
                org.end <= o.start < ent.start and not o.root.conjuncts for o in orgs):
            found[(org.start, ent.start)] = "DEVELOPED_BY<"
    return found


def _clause_subject(ent: Span, orgs: list[Span]) -> Span | None:
    """The organisation that is the subject of the nearest verb above ``ent`` that has a
    subject outside ``ent``'s own phrase, if that subject is one (written before it)."""
    for verb in ent.root.ancestors:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                    and not (c.left_edge.i <= ent.start and ent.end <= c.right_edge.i + 1)]
        if verb.pos_ in ("VERB", "AUX") and subjects:
            return next((o for o in orgs if o.start <= subjects[0].i < o.end and
                         o.end <= ent.start), None)
    return None


def _parenthesis_of_makers(org: Span) -> bool:
    """Whether the parenthesis ``org`` opens holds only organizations and a date ("(Qwen
    team, Alibaba Cloud)", "(Meta AI, 2023)"), not a gloss ("(OpenAI's API, with ...)")."""
    doc = org.doc
    names = {t.i for e in doc.ents if e.label_ in ("ORG", "DATE") for t in e}
    for token in doc[org.end:min(len(doc), org.end + 12)]:
        if token.text.startswith(")"):
            return True
        if token.i not in names and token.text not in (",", "and", ";") and \
                not token.like_num:
            return False
    return False


def _listed_makers(sent: Span, made: Span, ents: list[Span]) -> list[Span]:
    """The organizations after the first of a parenthesis of makers ("Alibaba Cloud" in
    "QwQ-32B-Preview (Qwen team, Alibaba Cloud)")."""
    doc = sent.doc
    if made.end >= len(doc) - 1 or doc[made.end].text != "(":
        return []
    inside = [e for e in ents if e.start > made.end and e.end <= sent.end]
    found = []
    for ent in inside:
        gap = [t.text for t in doc[(found[-1].end if found else made.end + 1):ent.start]]
        if found and gap not in ([","], ["and"], [",", "and"]) or not found and gap:
            break
        if ent.label_ != "ORG":
            break
        found.append(ent)
    return found[1:] if found and _parenthesis_of_makers(found[0]) else []


def _modifies_a_noun(ent: Span) -> bool:
    """"Tencent's mixture-of-experts model": the possessor owns the model, not the method;
    but in "OpenAI's o3 model" the noun says what the name is, and the maker owns it."""
    doc = ent.doc
    end = past_markup(doc, ent.end)
    if end >= len(doc) or doc[end].pos_ not in ("NOUN", "PROPN"):
        return False
    kinds = table("relations", "kind_types").get(doc[end].lemma_.lower(), "")
    return ent.label_ not in kinds.split()


def _names_its_maker(org: Span, made: Span) -> bool:
    """An organisation's name written straight before a name as its first word: "the OpenAI
    gpt-oss model", "Google Gemini 2.5 Pro", "NVIDIA H100 GPUs" (not across a line or a
    table cell)."""
    gap = org.doc.text[org.end_char:made.start_char]
    return gap.isspace() and "\n" not in gap and org.kb_id_ != ANAPHOR  # "its": _its_products


def provenance_readings(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): label}`` (``a`` written first) for the pairs the sentence names
    as an organization and what it made: ``"DEVELOPED_BY<"`` for "OpenAI's GPT-3",
    ``"DEVELOPED_BY"`` for "o1-mini (OpenAI)"."""
    doc = sent.doc
    found: dict[tuple[int, int], str] = {}
    named = [e for e in ents if e.text.lower() not in WE_WORDS]  # "by our colleagues at X"
    for a, b in zip(named, named[1:], strict=False):
        between = [t.lower_ for t in doc[a.end:b.start] if t.text not in MARKUP]
        if a.label_ == "ORG" and b.label_ in MADE and len(between) == 1 and \
                between[0] in POSSESSIVE and not _modifies_a_noun(b):
            found[(a.start, b.start)] = "DEVELOPED_BY<"  # "OpenAI's GPT-3"
        elif a.label_ == "ORG" and b.label_ in MADE and _names_its_maker(a, b):
            found[(a.start, b.start)] = "DEVELOPED_BY<"  # "the OpenAI gpt-oss model"
        elif a.label_ == "ORG" and b.label_ in MADE and _maker_verb(between):
            found[(a.start, b.start)] = "DEVELOPED_BY<"  # "Alibaba Cloud open-sourced X"
        elif a.label_ in MADE and b.label_ == "ORG":
            after = doc[b.end].text if b.end < len(doc) else ""
            if between[:3] == ["(", "the", "latter"] and between[3:] in (["from"], ["by"]):
                found[(a.start, b.start)] = "DEVELOPED_BY"  # "GPTQ and AWQ (the latter from
                for other in listed_before(a, ents):  # MIT)": AWQ's maker, not GPTQ's
                    found[(other.start, b.start)] = "NONE"
            elif _made_by(a, b, _past_acronym(a, between), after):
                found[(a.start, b.start)] = "DEVELOPED_BY"
                found |= {(e.start, b.start): "DEVELOPED_BY" for e in ents if e.end == a.start - 1
                          and e.label_ in MADE and doc[e.end].text == "("}  # "X (PAL), from"
                for other in _listed_makers(sent, a, ents):
                    found[(a.start, other.start)] = "DEVELOPED_BY"
                for other in _both_made(a, between, ents):
                    found[(other.start, b.start)] = "DEVELOPED_BY"
    return found | _described_makers(ents) | _its_products(sent, ents) | owned_products(ents) \
        | _joint_makers(ents) | _described_past_modifiers(named) | list_makers(ents)


def _glued(tokens: list) -> list[str]:
    """The words of ``tokens``, those written with a hyphen one word ("fine-tuned")."""
    words: list[str] = []
    for t in tokens:
        glue = words and (t.text == "-" or words[-1].endswith("-")) and \
            not t.doc[t.i - 1].whitespace_
        words[-1:] = [words[-1] + t.lower_] if glue else [*words[-1:], t.lower_]
    return words


def _past_acronym(made: Span, between: list[str]) -> list[str]:
    """``between`` past the bracket closing an acronym ("Program-aided language models
    (PAL), from Carnegie Mellon University"), whose maker is the name's before it too."""
    bracketed = made.start > 0 and made.doc[made.start - 1].text == "("
    return between[1:] if bracketed and between[:1] == [")"] else between


def _described_past_modifiers(named: list[Span]) -> dict[tuple[int, int], str]:
    """"BIPIA, the indirect prompt injection benchmark from Microsoft": a name modifying the
    description's noun does not end it."""
    found: dict[tuple[int, int], str] = {}
    doc = named[0].doc if named else None
    for i, made in enumerate(named):
        j = i + 1
        while j < len(named) and named[j].label_ in MADE and \
                doc[past_markup(doc, named[j].end)].pos_ == "NOUN":  # "the ... benchmark"
            j += 1
        if made.label_ not in MADE or j == i + 1 or j >= len(named) or \
                named[j].label_ != "ORG":
            continue
        between = _glued([t for t in doc[made.end:named[j].start] if t.text not in MARKUP])
        if _described_from(_by_people_of(between)):  # "Gorilla, a LLaMA-7B model fine-tuned
            found[(made.start, named[j].start)] = "DEVELOPED_BY"  # by researchers at X"
    return found


# what organisations do together as one subject ("Mistral AI and NVIDIA released Mistral
# NeMo", "Google DeepMind and the University of Oxford published a study"): a partnership;
# not what co-investors do ("NVIDIA and Databricks Ventures invested")
JOINT_VERBS = {"release", "launch", "publish", "announce", "develop", "build", "run", "conduct",
               "create", "introduce", "unveil", "co-develop", "design", "train"}


def _joint_makers(ents: list[Span]) -> dict[tuple[int, int], str]:
    """Each pair of organisations coordinated as the subject of a maker's verb."""
    orgs = [e for e in ents if e.label_ == "ORG"]
    found: dict[tuple[int, int], str] = {}
    for first in orgs:
        root = first.root
        if root.dep_ not in ("nsubj", "nsubjpass") or \
                root.head.lemma_.lower() not in JOINT_VERBS:
            continue
        listed = [e for e in orgs if e is not first and e.root in root.conjuncts]
        for other in listed:
            found[(first.start, other.start)] = "PARTNERS_WITH"
    return found


# a maker's verb right between an organisation and a name, whatever the parse makes of it
# ("Alibaba Cloud open-sourced Qwen2.5-Max": read as a noun phrase); on the annotated pages
# 14 of 16 such pairs are gold DEVELOPED_BY (the other two name the family's edition)
MAKER_VERBS = {"released", "releases", "launched", "launches", "introduced", "introduces",
               "unveiled", "unveils", "debuted", "debuts", "open-sourced", "open-sources",
               "shipped", "ships"}
VERB_ARTICLES = {"the", "its", "a", "an", "new", "their"}


def _maker_verb(between: list[str]) -> bool:
    """Whether the words between an organisation and a name are a maker's verb (and an
    article): "released", "open-sourced its"."""
    words_ = [w for w in between if w not in VERB_ARTICLES]
    return "".join(words_) in MAKER_VERBS and len(between) - len(words_) <= 1


def _described_makers(ents: list[Span]) -> dict[tuple[int, int], str]:
    """The pairs of :func:`_relative_maker` and :func:`_described_maker`, the names inside a
    description passed over: each organisation with the nearest thing before it that the
    clause it is the subject of says it made ("DBRX, a mixture-of-experts model that
    Databricks released"), and with the first thing after it that its description says it
    made ("Kairos Labs, the Paris-based startup behind the Meridian models")."""
    doc = ents[0].doc if ents else None
    found: dict[tuple[int, int], str] = {}
    for n, org in enumerate(ents):
        if org.label_ != "ORG" or org.kb_id_ == ANAPHOR:
            continue
        for made in reversed(ents[max(0, n - 3):n]):
            between = [t.lower_ for t in doc[made.end:org.start]]
            if made.label_ in MADE and _relative_maker(made, org, between):
                found[(made.start, org.start)] = "DEVELOPED_BY"
                break
        made = next((e for e in ents[n + 1:n + 4] if e.label_ in MADE), None)
        if made is not None and _described_maker([t.lower_ for t in doc[org.end:made.start]]) \
                and not any(t.tag_ in FINITE for t in doc[org.end:made.start]):
            # (not "Verdant Bio, a ... company, today announced a partnership with Cobalt
            # Labs, the lab behind X": a clause, and another's description)
            found[(org.start, made.start)] = "DEVELOPED_BY<"
    return found


def _both_made(made: Span, between: list[str], ents: list[Span]) -> list[Span]:
    """The things listed before ``made`` that "both from ORG" or "all from ORG" also names
    ("ERNIE 4.5 Turbo and ERNIE X1, both from Baidu")."""
    return listed_before(made, ents) if any(w in BOTH for w in between) else []


@cache
def _owning_nouns() -> frozenset[str]:
    """The nouns an organisation written before them still makes, staffs or is: people
    and teams ("Google researchers introduced X"), a company ("the Seattle lab"), a kind
    the other end may be ("an OpenAI model", "the Meta paper")."""
    return frozenset().union(
        words("roles", "staff_nouns"), words("roles", "person_nouns"),
        words("relations", "company_nouns"), table("relations", "kind_types"),
        words("entities", "model_nouns"), words("entities", "product_nouns"),
        words("authors", "author_nouns"), words("relations", "owned_nouns"))


def names_a_thing(org: Span) -> bool:
    """An organisation written before a common noun it neither makes nor staffs: "download
    the weights from Hugging Face repos", "a Hugging Face repo name", "$10 of OpenAI
    credits". It names the noun's thing (where the weights are, whose credits), not a maker
    of what the sentence is about; but not "Google researchers introduced X", "an OpenAI
    model" (:func:`_owning_nouns`), nor "OpenAI's GPT-4" (a possessive)."""
    head = _noun_named_by(org)
    return head is not None and head.pos_ == "NOUN" and not head.ent_type_ and \
        head.lemma_.lower() not in _owning_nouns() and head.lower_ not in _owning_nouns()


def names_its_people(org: Span) -> bool:
    """An organisation before a noun of its people ("former DeepMind researchers"): no funder."""
    head = _noun_named_by(org)
    return head is not None and people_noun(head.lemma_.lower())


def _noun_named_by(org: Span) -> Token | None:
    """The noun after an organisation written as its modifier ("Hugging Face repos")."""
    root = org.root
    return root.head if org.label_ == "ORG" and root.dep_ in ("compound", "nmod", "amod") \
        and root.head.i >= org.end else None
