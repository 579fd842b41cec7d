"""How the genre words a use: a cue ("uses", "fine-tuned from", "a version of") right before
the items it names, read from the words (GUIDELINES: USES, BASED_ON).

The parse of such phrases is poor (a capitalised "Uses" read as a noun, the items of a list
hung on the verb), and the genre states them in a small set of words (``use_cues`` in
``resources/lexicon/relations.json``) right before what is used; a training verb's own
prepositions say more ("fine-tuned ... from X": BASED_ON; "with Y", "on dataset Z": USES).
Who the user is, the readers decide: the head of a list item (:mod:`graph.nlp.uses`), the
entity a text discusses, or the subject of the clause (:mod:`graph.nlp.use_clauses`).
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span

from graph.nlp.lexicon import table, words

USED = ("METHOD", "MODEL", "DATASET", "PROJECT")  # what can be used (GUIDELINES: USES)
STANDING = {"it", "this", "they", "these"}  # a subject standing for the line's head
STOPS = {";", ":", "\n", "|", "which", "that", "who", "while", "but", "whereas", "unlike"}
# words between a cue and the first item it names ("a combination of techniques like")
LEAD = {"the", "a", "an", "its", "their", "both", "several", "rounds", "of", "combination",
        "variety", "mix", "number", "set", "techniques", "methods", "models", "model",
        "approaches", "such", "as", "like", "including", "e.g.", "e.g", ",", "(", "our", "own",
        "additional", "external", "mostly", "largely", "only", "then",
        "`", "**", "*"}  # markup around the item: "uses the `pass@k` metric", "**LoRA**"
JOINS = {",", "and", "or", "&", "then", "plus", "(", ")", "followed", "by", "as", "well",
         "finally", "later", "`", "**"}
# a training verb's prepositions: what the model is made from, with, on (GUIDELINES)
TRAINING_PREPS = {"from": "BASED_ON", "with": "USES", "using": "USES", "via": "USES",
                  "on": "USES"}
LOOKAHEAD = 12  # tokens from a cue to the first item it may name
# "uses post-training that includes a combination of SFT, ... and DPO": what a used item's
# relative clause says it is made of is used too
PARTS = {"include", "combine", "comprise"}

CLAUSE_BREAKS = {";", ":", "\n", "|", "(", ")", "—", "–"}
FINITE = ("VBD", "VBZ", "VBP")  # a verb of a clause, which no description holds


@cache
def _cues() -> dict[str, tuple[str, bool]]:
    """Cue phrase (lower case, as written) -> its label and whether it is a training verb."""
    stems = words("relations", "training_stems")
    cues = table("relations", "use_cues") | table("relations", "more_use_cues")
    return {phrase: (label, any(s in phrase for s in stems)) for phrase, label in cues.items()}


@cache
def _first_words() -> frozenset[str]:
    return frozenset(re.split(r"[ -]", phrase)[0] for phrase in _cues())  # "fine"-tuned


def cue_at(doc, i: int, end: int) -> tuple[int, str, bool] | None:
    """The longest cue starting at token ``i``: its end, label, and whether it is a
    training verb."""
    if doc[i].lower_ not in _first_words():
        return None  # (most words open no cue: no span is built for them)
    cues, best = _cues(), None
    for j in range(i + 1, min(end, i + 6) + 1):
        found = cues.get(doc[i:j].text.lower())
        if found is not None:
            best = (j, *found)
    return best


def listed(doc, start: int, end: int, ents: list[Span], kinds=USED) -> list[Span]:
    """The entities listed from ``start``: the first within a few lead words, the rest
    joined to it by commas, "and", "then", or in brackets after an item (an abbreviation)."""
    makers = {k for e in ents if start <= e.start < end and possessor(doc, e)
              for k in range(e.start, e.end + 1)}  # "Meta's" in "from Meta's LLaMA 7B"
    after = [e for e in ents if start <= e.start < end and e.start not in makers
             and e.root.tag_ != "PRP$"]  # "a version of its predecessor, Cirrus 3"
    if not after:
        return []
    lead = [k for k in range(start, after[0].start) if not _wrap(doc, k, end)]
    if after[0].start - start > LOOKAHEAD or any(
            doc[k].lower_ not in LEAD and doc[k].pos_ not in ("ADJ", "NOUN") and k not in makers
            for k in lead) or \
            any(doc[k].pos_ in ("VERB", "AUX") and doc[k].lower_ not in LEAD or
                doc[k].lower_ in STOPS for k in lead):  # ("including" is a verb)
        return []
    items = [after[0]]
    for e in after[1:]:
        gap = _past_acronym([t for t in doc[items[-1].end:e.start] if not _wrap(doc, t.i, end)])
        if len(gap) > 4 or not all(t.lower_ in JOINS for t in gap):
            break
        items.append(e)
    return [e for e in items if e.label_ in kinds and not _modifier(doc, e)]


def _past_acronym(gap: list) -> list:
    """``gap`` without an item's bracketed acronym and the lower-case noun that ends its
    name after it ("chain-of-thought (CoT) prompting and self-consistency", the acronym an
    item of its own or not)."""
    k = 0
    if len(gap) >= 3 and gap[0].text == "(" and gap[2].text == ")":
        k = 3
    elif gap and gap[0].text == ")":
        k = 1
    if not k:
        return gap
    rest = gap[k:]
    return rest[1:] if rest and rest[0].is_lower and rest[0].tag_ in ("NN", "NNS", "VBG") else rest


def _wrap(doc, k: int, end: int) -> bool:
    """A space token that only wraps a line of prose (:func:`wrapped`), or blanks within a
    line (a press release's furniture read as spaces, a run of spaces as written)."""
    return doc[k].is_space and ("\n" not in doc[k].text or wrapped(doc, k, end))


def possessor(doc, ent: Span) -> bool:
    """A maker before its product ("fine-tuned from Meta's LLaMA 7B"): not an item."""
    return ent.end < len(doc) and doc[ent.end].lower_ in ("'s", "’s")


def _modifier(doc, ent: Span) -> bool:
    """A name written into a hyphenated modifier ("ChatGPT-derived Context Word
    Embeddings"): what is used is the thing it modifies, not the name."""
    return ent.end < len(doc) and doc[ent.end].text == "-" and \
        not doc[ent.end - 1].whitespace_ and not doc[ent.end].whitespace_


def trained(doc, prep: int, end: int, ents: list[Span]) -> list[tuple[Span, str]]:
    """What a training verb's preposition at ``prep`` names: the model it starts from
    ("from X", "fine-tuned on LLaMA": BASED_ON), a method, model or tool it is made with
    ("with Y": USES), the data it is made on ("on Z": USES)."""
    word = doc[prep].lower_
    found = []
    start = _past_amount(doc, prep + 1, end, ents) if word == "on" else prep + 1
    for e in listed(doc, start, end, ents):
        if e.label_ == "MODEL" and word in ("from", "on"):
            found.append((e, "BASED_ON"))
        elif word == "on" and e.label_ in ("DATASET", "PROJECT") or \
                word != "on" and TRAINING_PREPS[word] == "USES":
            found.append((e, "USES"))
    return found


SOURCED = {"drawn", "sampled", "taken", "collected", "filtered", "gathered", "selected"}


def _past_amount(doc, start: int, end: int, ents: list[Span]) -> int:
    """Where the data a training verb's "on" names starts, past the amount of it written
    first ("on 1.1 trillion tokens of SlimPajama", "on 14 trillion tokens drawn from
    FineWeb-Edu"); ``start`` when there is no such amount."""
    amount = next((e for e in ents if e.start == start and e.label_ == "METRIC"), None)
    if amount is None:
        return start
    k = amount.end + (amount.end < end and doc[amount.end].lower_ in SOURCED)
    return k + 1 if k < end and doc[k].lower_ in ("of", "from") else start


def _own_subject(verb) -> bool:
    """Whether a verb has a subject of its own ("HyDE generates ..."), not one standing for
    the line's ("This approach leverages ...", "It uses ...")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in STANDING and
               c.lemma_.lower() not in words("relations", "kind_nouns") for c in verb.children)


def _title_cue(doc, i: int) -> tuple[int, str, bool] | None:
    """"Solving AI Tasks with ChatGPT", "NLG Evaluation using GPT-4": in a paper's title
    a model or method after these words is what the paper's system uses."""
    if doc[i].lower_ in words("relations", "title_use_cues") and i > 0 and \
            doc[i - 1].pos_ in ("NOUN", "PROPN"):
        return i + 1, "USES", False
    return None


def readings(doc, start: int, end: int, ents: list[Span], loose: bool = False,
             title: bool = False, training: bool = False, clause: bool = False
             ) -> list[tuple[Span, str]]:
    """``(entity, label)`` for what the words from ``start`` (a verb phrase without its
    subject) say the subject uses or is based on. ``loose``: the subject is the line's
    head ("- NAME: Focuses on rewriting queries using X"), so a verb without a subject of
    its own does not end the reading; ``title``: the line is a paper's title;
    ``training``: the phrase opens with a training verb ("fine-tuned Falcon 2 11B with X":
    its prepositions count); ``clause``: only the phrase's own cue counts, the next verb
    or cue is another clause's, which may have another subject ("X uses A and Y is
    trained with B")."""
    found: list[tuple[Span, str]] = []
    i = start
    while i < end:
        token = doc[i]
        if found and found[-1][1] == "USES" and found[-1][0].end == i and \
                token.lower_ in ("that", "which") and i + 1 < end and \
                doc[i + 1].lemma_.lower() in PARTS:
            found += [(e, "USES") for e in listed(doc, i + 2, end, ents)]
            break
        if token.lower_ in STOPS or clause and i > start and (
                token.pos_ == "VERB" and token.dep_ not in ("amod", "compound") or
                cue_at(doc, i, end) is not None):
            break
        cue = cue_at(doc, i, end) or (_title_cue(doc, i) if title else None)
        if cue is not None:
            stop, label, training = cue
            if training and doc[stop - 1].lower_ in TRAINING_PREPS:
                found += trained(doc, stop - 1, end, ents)  # "Fine-tuned on LLaMA"
            else:
                found += [(e, label) for e in listed(doc, stop, end, ents)]
            i = stop
            continue
        if training and token.lower_ in TRAINING_PREPS:
            found += trained(doc, i, end, ents)
        elif token.pos_ == "VERB" and not training and (not loose or _own_subject(token)):
            break  # another verb: its own statement
        i += 1
    return found


LINE_MARKS = {"-", "*", "+", "•", "**", "__", "`", "_"}  # what opens a line of a list


def line_opening(doc, start: int, end: int) -> int:
    """The first word of a line after its list marks and numbering ("- **", "1.", "2)")."""
    while start < end and (doc[start].text in LINE_MARKS or doc[start].is_space or
                           doc[start].like_num and doc[start + 1:start + 2].text in (".", ")")
                           or doc[start].text in (".", ")") and start > 0
                           and doc[start - 1].like_num):
        start += 1
    return start


def line_end(doc, start: int, end: int, wraps: bool = False) -> int:
    """The first token of the next line after ``start`` (or ``end``); ``wraps``: past the
    line breaks that only wrap a phrase (:func:`wrapped`)."""
    for k in range(start, end):
        if ("\n" in doc[k].text or (k > start and "\n" in doc[k - 1].whitespace_)) and \
                not (wraps and wrapped(doc, k, end)):
            return k
    return end


OPEN_ENDS = {"including", "like", "as", "of", "and", "or", ",", "e.g.", "e.g", "with"}


def wrapped(doc, k: int, end: int) -> bool:
    """Whether the line break at token ``k`` only wraps a phrase, as a README wraps its
    prose at a fixed width ("FastChat supports a wide range of models, including\nLLama 2,
    Vicuna, ..."): one newline, after a word that cannot end a phrase (``OPEN_ENDS``), the
    next line no item of a list, heading or table row."""
    brk = doc[k] if doc[k].is_space else doc[k - 1]
    breaks = brk.text if brk.is_space else brk.whitespace_
    last = brk.i - 1 if brk.is_space else brk.i
    after = brk.i + 1 if brk.is_space else k
    return breaks.count("\n") == 1 and last >= 0 and doc[last].lower_ in OPEN_ENDS and \
        after < end and doc[after].text not in LINE_MARKS and \
        doc[after].text[:1] not in ("#", "|") and line_opening(doc, after, end) == after


def apposed_owner(sent: Span, name: Span, before: list[Span]) -> Span | None:
    """The name opening the clause whose appositive, set off by commas, holds ``name``:
    "Orion-L, Ferrous Labs' model fine-tuned from Qwen2.5-72B-Instruct, is on par with"
    (read from the words: the parser makes "fine-tuned" the verb)."""
    doc = sent.doc
    owner = next((e for e in reversed(before) if e.end < name.start), None)
    if owner is None or doc[owner.end].text != "," or \
            any(t.is_alpha for t in doc[sent.start:owner.start]) or \
            any(t.tag_ in FINITE or t.tag_ == "MD" or t.text in CLAUSE_BREAKS or t.text == ","
                for t in doc[owner.end + 1:name.start]):
        return None
    return owner


CORPUS_NOUNS = {"corpus", "corpora", "crawl", "mix", "mixture", "pretraining", "pre-training"}
EVALUATING = ("evaluat", "test", "benchmark", "scor", "measur", "reach", "achiev", "outperform")
_TRAINING_LOOKBACK = 12  # tokens before a dataset where its training verb is written


def training_data(ent: Span) -> bool:
    """A dataset its sentence names as what something was trained on ("pretrained on 9
    trillion tokens drawn from FineWeb", "instruction tuning on a mix that includes
    ShareGPT4V", "open corpora such as The Pile"), not one it was evaluated on ("fine-tuned
    on X and evaluated on Y")."""
    if ent.label_ != "DATASET":
        return False
    doc, start = ent.doc, max(ent.sent.start, ent.start - _TRAINING_LOOKBACK)
    if ent.end < len(doc) and doc[ent.end].lower_ in CORPUS_NOUNS:
        return True  # "Halden's own Stratus corpus"
    for token in reversed(doc[start:ent.start]):
        word = token.lower_
        if word in (";", ":") or word.startswith(EVALUATING):
            return False
        if word in CORPUS_NOUNS or any(s in word for s in words("relations", "training_stems")):
            return True
    return False
