"""Where a model is made available: "The weights of Aya 23 are available on the Hugging Face
Hub", "the Phi-3 weights are published on the Hugging Face Hub and in Azure AI Studio", "We
have released EvoLLM-JP and EvoVLM-JP on the Hugging Face Hub" (GUIDELINES: USES, the
platform serving the model uses it, as "available on" reads in the lexicon's rules).

The model is what the verb releases, publishes or hosts (or brings "to" a platform: "bring
Gemini models to Galaxy devices"), or what is "available" (or the
name a noun described as available is apposed to: "Amazon Nova, a new generation of
foundation models available exclusively in Amazon Bedrock"), or a model's weights or
checkpoints standing for it ("the weights of X", "the X weights"); the platform is a
product named after "on", "in", "through" or "via" on the same verb, and each item of its
list. Read from the parse of the one sentence.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

HOSTING = {"publish", "host", "release", "upload"}  # lemmas; and the adjective "available"
PLACES = {"on", "in", "through", "via"}
BRINGING = {"bring"}  # "bring Gemini models to Galaxy devices": the model, "to" the platform
DESTINATIONS = {"to"}
STANDS_FOR = {"weight", "checkpoint"}  # lemmas of a model's files
MODELS, PLATFORMS = ("MODEL",), ("PROJECT",)


def hosted_readings(sent: Span, ents: list[Span]) -> dict[tuple[int, int], str]:
    """``{(a.start, b.start): label}`` (``a`` written first) for each model of ``sent`` and
    the platform it is made available on: ``"USES<"`` when the model is written first."""
    by_token = {t.i: e for e in ents for t in e}
    found: dict[tuple[int, int], str] = {}
    for anchor in sent:
        if anchor.lower_ == "available":
            verb = anchor.head if anchor.dep_ == "acomp" else anchor
            things = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if anchor.dep_ in ("acl", "amod"):  # "X, a new generation of models available
                noun = anchor.head  # in Y": the name the noun is apposed to
                things.append(noun.head if noun.dep_ == "appos" else noun)
        elif anchor.pos_ == "VERB" and anchor.lemma_.lower() in HOSTING | BRINGING:
            verb = anchor
            things = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
        else:
            continue
        models = {m for t in things for m in _models(t, by_token)}
        preps = [p for t in (*anchor.children, *verb.children) for p in (t, *t.conjuncts)]
        where = DESTINATIONS if verb.lemma_.lower() in BRINGING else PLACES
        places = {p for prep in preps if prep.lower_ in where  # "on X and in Y"
                  for obj in prep.children if obj.dep_ == "pobj"
                  for p in _listed(obj, by_token, PLATFORMS)}
        for model in models:
            for place in places:
                a, b = sorted((model, place), key=lambda e: e.start)
                found[(a.start, b.start)] = "USES<" if a is model else "USES"
    return found


def _models(token: Token, by_token: dict[int, Span]) -> list[Span]:
    """The models ``token`` names, or whose files it names ("the weights of X", "X weights")."""
    if token.lemma_.lower() in STANDS_FOR:
        named = [c for c in token.children if c.dep_ in ("compound", "poss", "nmod")]
        named += [o for p in token.children if p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj"]
        return [m for t in named for m in _listed(t, by_token, MODELS)]
    return _listed(token, by_token, MODELS)


def _listed(token: Token, by_token: dict[int, Span], types: tuple[str, ...]) -> list[Span]:
    """The entities of ``types`` at ``token`` and at each item of its list."""
    found = []
    for t in (token, *token.conjuncts):
        ent = by_token.get(t.i)
        if ent is not None and ent.label_ in types and ent not in found:
            found.append(ent)
    return found
