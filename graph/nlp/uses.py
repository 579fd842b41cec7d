"""What a model is made with and from, read from the words of a line whose subject is not a
clause's: a list item that names its subject before a colon ("- Mistral-ORPO-α: fine-tuned
with ORPO from Mistral 7B on UltraFeedback", "- Deep Research Agent: Uses Gemini 2.5 Pro
for planning") and a line without a subject about the entity the text is discussing ("-
Post-trained with supervised fine-tuning (SFT), then direct preference optimization (DPO).")
(GUIDELINES: USES, BASED_ON).

The parse of such fragments is poor (a capitalised "Uses" read as a noun, the items of a
list hung on the verb), and the genre states them in a small set of words
(``use_cues`` in ``resources/lexicon/relations.json``) right before what is used; a
training verb's own prepositions say more ("fine-tuned ... from X": BASED_ON; "with Y",
"on dataset Z": USES).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span

from graph.nlp.lexicon import table, words

USED = ("METHOD", "MODEL", "DATASET", "PROJECT")  # what can be used (GUIDELINES: USES)
HEADS = ("MODEL", "METHOD", "PROJECT", "DATASET")  # what a list item may be about
MARKS = {"-", "*", "+", "•", "**", "`", "_"}
STANDING = {"it", "this", "they", "these"}  # a subject standing for the line's head
STOPS = {";", ":", "\n", "|", "which", "that", "who", "while", "but", "whereas", "unlike"}
# words between a cue and the first item it names ("a combination of techniques like")
LEAD = {"the", "a", "an", "its", "their", "both", "several", "rounds", "of", "combination",
        "variety", "mix", "number", "set", "techniques", "methods", "models", "model",
        "approaches", "such", "as", "like", "including", "e.g.", "e.g", ",", "(", "our", "own",
        "additional", "external", "mostly", "largely", "only", "then"}
JOINS = {",", "and", "or", "&", "then", "plus", "(", ")", "followed", "by", "as", "well",
         "finally", "later", "`", "**"}
# a training verb's prepositions: what the model is made from, with, on (GUIDELINES)
TRAINING_PREPS = {"from": "BASED_ON", "with": "USES", "using": "USES", "via": "USES",
                  "on": "USES"}
LOOKAHEAD = 12  # tokens from a cue to the first item it may name


@cache
def _cues() -> dict[str, tuple[str, bool]]:
    """Cue phrase (lower case, as written) -> its label and whether it is a training verb."""
    stems = words("relations", "training_stems")
    return {phrase: (label, any(s in phrase for s in stems))
            for phrase, label in table("relations", "use_cues").items()}


def _cue_at(doc, i: int, end: int) -> tuple[int, str, bool] | None:
    """The longest cue starting at token ``i``: its end, label, and whether it is a
    training verb."""
    cues, best = _cues(), None
    for j in range(i + 1, min(end, i + 6) + 1):
        found = cues.get(doc[i:j].text.lower())
        if found is not None:
            best = (j, *found)
    return best


def _items(doc, start: int, end: int, ents: list[Span], kinds=USED) -> list[Span]:
    """The entities listed from ``start``: the first within a few lead words, the rest
    joined to it by commas, "and", "then", or in brackets after an item (an abbreviation)."""
    after = [e for e in ents if start <= e.start < end]
    if not after or after[0].start - start > LOOKAHEAD or any(
            doc[k].lower_ not in LEAD and doc[k].pos_ not in ("ADJ", "NOUN")
            for k in range(start, after[0].start)) or \
            any(doc[k].pos_ in ("VERB", "AUX") or doc[k].lower_ in STOPS
                for k in range(start, after[0].start)):
        return []
    items = [after[0]]
    for e in after[1:]:
        gap = doc[items[-1].end:e.start]
        if len(gap) > 4 or not all(t.lower_ in JOINS for t in gap):
            break
        items.append(e)
    return [e for e in items if e.label_ in kinds]


def _trained(doc, prep: int, end: int, ents: list[Span]) -> list[tuple[Span, str]]:
    """What a training verb's preposition at ``prep`` names: the model it starts from
    ("from X", "fine-tuned on LLaMA": BASED_ON), a method, model or tool it is made with
    ("with Y": USES), the data it is made on ("on Z": USES)."""
    word = doc[prep].lower_
    found = []
    for e in _items(doc, prep + 1, end, ents):
        if e.label_ == "MODEL" and word in ("from", "on"):
            found.append((e, "BASED_ON"))
        elif word == "on" and e.label_ in ("DATASET", "PROJECT") or \
                word != "on" and TRAINING_PREPS[word] == "USES":
            found.append((e, "USES"))
    return found


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


def _readings(doc, start: int, end: int, ents: list[Span], loose: bool = False,
              title: bool = False) -> list[tuple[Span, str]]:
    """``(entity, label)`` for what the words from ``start`` (a verb phrase without its
    subject) say the subject uses or is based on. ``loose``: the subject is the line's
    head ("- NAME: Focuses on rewriting queries using X"), so a verb without a subject of
    its own does not end the reading; ``title``: the line is a paper's title."""
    found: list[tuple[Span, str]] = []
    i, training = start, False
    while i < end:
        token = doc[i]
        if token.lower_ in STOPS:
            break
        cue = _cue_at(doc, i, end) or (_title_cue(doc, i) if title else None)
        if cue is not None:
            stop, label, training = cue
            if training and doc[stop - 1].lower_ in TRAINING_PREPS:
                found += _trained(doc, stop - 1, end, ents)  # "Fine-tuned on LLaMA"
            else:
                found += [(e, label) for e in _items(doc, stop, end, ents)]
            i = stop
            continue
        if training and token.lower_ in TRAINING_PREPS:
            found += _trained(doc, i, end, ents)
        elif token.pos_ == "VERB" and not training and (not loose or _own_subject(token)):
            break  # another verb: its own statement
        i += 1
    return found


def _line_end(doc, start: int, end: int) -> int:
    for k in range(start, end):
        if "\n" in doc[k].text or (k > start and "\n" in doc[k - 1].whitespace_):
            return k
    return end


def _opening(doc, start: int, end: int) -> int:
    """The first token of a line after its list marks ("- **", "1.")."""
    while start < end and (doc[start].text in MARKS or doc[start].is_space or
                           doc[start].like_num and doc[start + 1:start + 2].text in (".", ")")
                           or doc[start].text in (".", ")") and start > 0
                           and doc[start - 1].like_num):
        start += 1
    return start


def _dated(doc, start: int, end: int) -> bool:
    """A line of a list of papers: it ends with a date in brackets ("(March 2023)")."""
    tail = [t for t in doc[start:end] if not t.is_space][-4:]
    return len(tail) >= 3 and tail[-1].text == ")" and tail[-2].like_num and \
        any(t.text == "(" for t in tail[:-2])


def item_uses(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(head.start, entity.start): label}`` for a line "NAME: <what it is made with>"
    ("- **Nemotron-4-340B-Reward**: a reward model built on Nemotron-4-340B-Base")."""
    doc = sent.doc
    found: dict[tuple[int, int], str] = {}
    start = sent.start
    while start < sent.end:
        end = _line_end(doc, start + 1, sent.end)
        first = _opening(doc, start, end)
        head = next((e for e in ents if e.start == first), None)
        if head is not None and head.label_ in HEADS:
            k = head.end
            while k < end and (doc[k].text in MARKS or doc[k].text != ":" and
                               not doc[k - 1].whitespace_):  # "**", a name's tail: "-α"
                k += 1
            if k < end and doc[k].text == ":":
                title = _dated(doc, start, end)
                for ent, label in _readings(doc, k + 1, end, ents, True, title):
                    if ent is not head and ent.text != head.text:
                        found[(head.start, ent.start)] = label
        start = end
    return found


def subjectless_uses(sent: Span, ents: list[Span], headed: bool = False) -> dict[int, str]:
    """``{entity.start: label}`` for a sentence or list item that opens with a cue, its
    subject the entity the text is about ("Trained on HelpSteer2.", "- Post-trained with
    supervised fine-tuning (SFT), then direct preference optimization (DPO)."); not a
    title opening with a gerund ("- Using GPT-Eliezer against ChatGPT Jailbreaking"), nor
    the rest of a line whose subject is before its colon, unless ``headed``: the sentence
    is that rest (the parser split the line after "NAME:"), read whole."""
    doc = sent.doc
    first = _opening(doc, sent.start, sent.end)
    if headed:  # the rest of a line "- **NAME:** Focuses on ... using X" (graph.nlp.discourse)
        end = _line_end(doc, first + 1, sent.end)
        title = _dated(doc, first, end)
        return {e.start: label for e, label in _readings(doc, first, end, ents, True, title)}
    if first >= sent.end or _cue_at(doc, first, sent.end) is None or \
            doc[first].lower_.endswith("ing") or doc[first].lower_ == "use" or \
            first > 0 and doc[first - 1].text == ":":
        return {}  # a title ("- Using GPT-Eliezer against ..."), a list item's rest
    end = _line_end(doc, first + 1, sent.end)
    return {e.start: label for e, label in _readings(doc, first, end, ents)}
