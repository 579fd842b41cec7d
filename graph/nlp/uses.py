"""What a model is made with and from, read from the words of a line whose subject is not a
clause's: a list item that names its subject before a colon ("- Mistral-ORPO-α: fine-tuned
with ORPO from Mistral 7B on UltraFeedback", "- Deep Research Agent: Uses Gemini 2.5 Pro
for planning") and a line without a subject about the entity the text is discussing ("-
Post-trained with supervised fine-tuning (SFT), then direct preference optimization (DPO).")
(GUIDELINES: USES, BASED_ON).

The words of the use are read as :mod:`graph.nlp.use_phrases` says (a cue right before the
items it names); here is who uses them: the line's head, or the entity the text discusses.
:func:`item_uses` also gives what the clauses of the sentence say their subjects use
(:mod:`graph.nlp.use_clauses`), so that the relation classifier's candidates
(:mod:`graph.nlp.pairs`) read both.
"""

from __future__ import annotations

from spacy.tokens import Span

from graph.nlp.instruments import instrument_uses
from graph.nlp.lexicon import words
from graph.nlp.pair_grammar import ANAPHOR
from graph.nlp.use_clauses import clause_uses, examples_after
from graph.nlp.use_phrases import LINE_MARKS, cue_at, line_end, line_opening, readings

HEADS = ("MODEL", "METHOD", "PROJECT", "DATASET")  # what a list item may be about


def _dated(doc, start: int, end: int) -> bool:
    """A line of a list of papers: it ends with a date in brackets ("(March 2023)")."""
    tail = [t for t in doc[start:end] if not t.is_space][-4:]
    return len(tail) >= 3 and tail[-1].text == ")" and tail[-2].like_num and \
        any(t.text == "(" for t in tail[:-2])


def item_uses(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): label}`` (``a`` written first; ``"USES<"``: ``b`` uses ``a``)
    for what a sentence says its entities use or are based on: the head of a line "NAME:
    <what it is made with>" ("- **Nemotron-4-340B-Reward**: a reward model built on
    Nemotron-4-340B-Base"), and the subject of a clause (:mod:`graph.nlp.use_clauses`:
    "Alpaca is a model fine-tuned from LLaMA 7B"); the line's reading first."""
    return instrument_uses(sent, ents) | clause_uses(sent, ents) | _head_uses(sent, ents) | \
        _kinds_built_on(sent, ents)


BUILT_ON = ("MODEL", "PROJECT", "METHOD")  # what a kind of product may be named after


def _kinds_built_on(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(name.start, example.start): "USES<"}`` for the examples of a kind of product
    named after what it is built on ("open source ChatGPT tools, such as ChatGPT-Next-Web,
    chatbox, PromptAppGPT, and ChatGPT-Desktop": each uses ChatGPT)."""
    doc, found = sent.doc, {}
    nouns = words("entities", "kind_nouns_project") | words("relations", "built_on_kinds")
    for name in (e for e in ents if e.label_ in BUILT_ON):
        noun = name.root.head
        if name.root.dep_ not in ("compound", "nmod", "amod") or noun.i < name.end or \
                noun.lower_ not in nouns or noun.i >= sent.end - 2:
            continue
        at = noun.i + 1 + (doc[noun.i + 1].text == ",")
        found |= {(name.start, e.start): "USES<" for e in examples_after(
            doc, at, at + 1, sent.end, ents) if e is not name and e.label_ in BUILT_ON}
    return found


def _head_uses(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(head.start, entity.start): label}`` for a line "NAME: <what it is made with>"."""
    doc = sent.doc
    found: dict[tuple[int, int], str] = {}
    start = sent.start
    while start < sent.end:
        end = line_end(doc, start + 1, sent.end)
        first = line_opening(doc, start, end)
        head = next((e for e in ents if e.start == first), None)
        if head is not None and head.label_ in HEADS:
            k = head.end
            while k < end and (doc[k].text in LINE_MARKS or doc[k].text != ":" and
                               not doc[k - 1].whitespace_):  # "**", a name's tail: "-α"
                k += 1
            said = []
            if k < end and doc[k].text == ":":
                said = readings(doc, k + 1, end, ents, True, _dated(doc, start, end))
            elif _dated(doc, start, end) and k < end and \
                    doc[k].lower_ in words("relations", "title_use_cues"):
                # "- Active Prompting with Chain-of-Thought for Large Language Models
                # (February 2023)": a title naming its system, then what it uses (not
                # "Jailbreaking ChatGPT via Prompt Engineering": the cue's noun is another's)
                said = readings(doc, k, end, ents, True, True)
            for ent, label in said:
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
    first = line_opening(doc, sent.start, sent.end)
    if headed:  # the rest of a line "- **NAME:** Focuses on ... using X" (graph.nlp.discourse)
        end = line_end(doc, first + 1, sent.end)
        title = _dated(doc, first, end)
        return {e.start: label for e, label in readings(doc, first, end, ents, True, title)}
    if first >= sent.end or cue_at(doc, first, sent.end) is None or \
            doc[first].lower_.endswith("ing") or doc[first].lower_ == "use" or \
            first > 0 and doc[first - 1].text == ":":
        return {}  # a title ("- Using GPT-Eliezer against ..."), a list item's rest
    end = line_end(doc, first + 1, sent.end)
    return {e.start: label for e, label in readings(doc, first, end, ents)}


INSTANCE_TYPES = ("MODEL", "METHOD", "PROJECT")  # what may be an example of a method


def instances_of(sent: Span, ents: list[Span]) -> dict[int, str]:
    """``{entity.start: "USES<"}`` for the names a sentence gives as examples of the method
    the text is discussing ("- **Adapters:** Incorporates external adapters ... Examples
    include PRCA, RECOMP, and PKG."; "Notable approaches that leverage this method include
    RETRO and GAR-meets-RAG."): each uses it. The subject is a noun of instances
    (``instance_nouns``) naming nothing itself, the verb "include"."""
    verb = next((t for t in sent if t.lemma_.lower() == "include" and t.pos_ == "VERB"), None)
    if verb is None:
        return {}
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lemma_.lower() not in words("relations", "instance_nouns") \
            or any(e.start <= subject.i < e.end and e.kb_id_ != ANAPHOR for e in ents):
        return {}
    objects = {t.i for t in verb.subtree if t.i > verb.i}
    return {e.start: "USES<" for e in ents
            if e.label_ in INSTANCE_TYPES and e.root.i in objects}

