"""The relation classifier: an averaged perceptron over the features of :mod:`graph.nlp.pairs`.

It reads a candidate pair ``(a, b)`` (``a`` written first, or the title entity) and says
which predicate links them and in which direction: ``"USES"`` is ``a`` USES ``b``,
``"USES<"`` is ``b`` USES ``a``, ``"NONE"`` is no relation. Only predicates whose ends have
the types the schema allows (:data:`SIGNATURES`) are considered, and a predicate must beat
"no relation" by the model's ``margin`` (set by cross-validation for precision). The
predicates in ``grammar_only`` are never the classifier's alone: cross-validation found its
own guesses for them wrong more often than the grammar's readings ("A outperforms B", "X,
fine-tuned from Y") leave them missed.

A linear model over sparse string features is small (a JSON file), trains in seconds on
this machine and costs microseconds per pair, next to the parse it reads; ``make train``
rebuilds it (``training/train_relations.py``).
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path

from graph.nlp.lexicon import table, words
from graph.nlp.pairs import Candidate
from graph.nlp.relations import EXAMPLE_PREPS
from graph.nlp.schema_labels import NONE, allowed, reading_label, rule_label
from graph.paths import resource
from graph.schema import PREDICATES, SYMMETRIC_PREDICATES

MODEL_FILE = ("model", "relations.json")  # under resources/
def _scored_on(candidates: Sequence[Candidate], chosen: list[tuple[Candidate, str]]
               ) -> list[tuple[Candidate, str]]:
    """EVALUATED_ON for each pair the grammar reads as "A ... on benchmark B" (the
    ``scored_on`` feature of :mod:`graph.nlp.pairs`) that has no predicate yet."""
    taken = {(c.a, c.b) for c, _ in chosen}
    out = []
    for c in candidates:
        if "scored_on" in c.features and (c.a, c.b) not in taken:
            label = "EVALUATED_ON" if c.b_type == "DATASET" else "EVALUATED_ON<"
            if allowed(label, c.a_type, c.b_type):
                out.append((c, label))
    return out


def _as_read(chosen: list[tuple[Candidate, str]], read: dict[frozenset, set[str]],
             name: Callable[[tuple[int, int]], object] = lambda span: span
             ) -> list[tuple[Candidate, str]]:
    """``chosen`` without a guess for two ends the grammar reads otherwise in another
    mention ("The model ... LongDocs-CN" EVALUATED_ON where "it was trained on LongDocs-CN"),
    or for two names (``name``) it does anywhere, for makers (Snowflake no maker of a model
    "available in Snowflake Cortex AI"; but "Microsoft invested" where it "agreed a
    partnership": the other predicates hold together)."""
    return [(c, label) for c, label in chosen if label.rstrip("<") in read.get(
        frozenset((name(c.a), name(c.b))), {label.rstrip("<")})]


def _maker(chosen: tuple[Candidate, str]) -> bool:
    return chosen[1].rstrip("<") == "DEVELOPED_BY"


def _coordinated_makers(candidates: Sequence[Candidate], chosen: list[tuple[Candidate, str]]
                  ) -> list[tuple[Candidate, str]]:
    """DEVELOPED_BY from what a maker made to each organisation listed with the maker
    ("introduced by researchers at Tsinghua University and Zhipu AI": the classifier is
    sure of the first, less of the second, which the list puts in the same place), also
    where the first was found for what the page is about ("The work was done by ...")."""
    listed = {frozenset((c.a, c.b)) for c in candidates if "coordinated" in c.features
              and c.a_type == c.b_type == "ORG" and not c.context}
    made = {(c.a if label == "DEVELOPED_BY" else c.b, c.b if label == "DEVELOPED_BY" else c.a)
            for c, label in chosen if label.rstrip("<") == "DEVELOPED_BY"}
    taken = {frozenset((c.a, c.b)) for c, _ in chosen}
    out = []
    for c in candidates:
        if frozenset((c.a, c.b)) in taken or \
                (c.a_type == "ORG") == (c.b_type == "ORG"):
            continue  # one organisation and what it may have made
        thing, org = (c.a, c.b) if c.b_type == "ORG" else (c.b, c.a)
        if any(t == thing and frozenset((maker, org)) in listed for t, maker in made):
            label = "DEVELOPED_BY" if c.b_type == "ORG" else "DEVELOPED_BY<"
            if allowed(label, c.a_type, c.b_type):
                out.append((c, label))
    return out


VETOES = ("poss_other", "coordinated", "line_break", "measured_on", "org_modifier",
          "org_size")  # see predict()


def _vetoed(features: Sequence[str]) -> bool:
    return any(f in VETOES for f in features)


def _unsupported(label: str, c: Candidate, grammar: str | None) -> bool:
    """A label the pair's words do not bear out: FUNDS guessed without money ("We worked with
    testers including Carlyle") or of an organisation naming its people ("founded by former
    DeepMind researchers"), DEVELOPED_BY of a technique describing the noun of the model
    its maker made ("a ... mixture-of-experts model", ``method_modifier`` of pairs.py), a
    guess for a pair the rules' phrase says is funded, by ends that cannot be ("The study was
    funded by NSF", the study read as a model: no maker), a guess for a pair the phrase
    denies ("SetFit doesn't require large-scale models like T0"), a maker guessed for what a
    clause says of the maker's product ("Brightwave's assistant, which runs on Claude"), a
    benchmark guessed for a dataset named as training data ("pretrained on 9 trillion tokens
    drawn from FineWeb")."""
    said = table("relations", "rules").get(c.phrase, "") if c.phrase and not grammar else ""
    maker = label.rstrip("<") == "DEVELOPED_BY"
    guess_unsupported = label.startswith("FUNDS") and (
        "money" not in c.features or "org_people" in c.features) or \
        c.phrase.startswith("not ") or maker and "poss_clause" in c.features
    trained = label.rstrip("<") == "EVALUATED_ON" and "training_data" in c.features
    return not grammar and (guess_unsupported or trained) or \
        maker and "method_modifier" in c.features or \
        said.startswith("FUNDS") and not label.startswith(("FUNDS", "HAS_METRIC"))


def _owned_figures(candidates: Sequence[Candidate], done: dict[tuple[int, int], object]
                   ) -> list[tuple[Candidate, str]]:
    """HAS_METRIC for each figure not in ``done`` from what the grammar says it is a fact
    of (pairs.py: ``owner``, ``orphan_figure``), marking it done. An entity of the sentence
    only: "It"/subjectless figures attached to the text's topic were right for 1 in 7 in
    cross-validation, so those are left to the score; an "It" of the sentence is as good
    as a name ("It has 3.1 billion parameters")."""
    found = []
    for c in candidates:
        want = "HAS_METRIC" if c.b_type == "METRIC" else "HAS_METRIC<"
        if (("owner" in c.features and (not c.context or _anaphoric(c))) or
                "orphan_figure" in c.features) and "org_size" not in c.features \
                and not _trained_org(want, c):
            metric = c.b if c.b_type == "METRIC" else c.a
            # one owner per figure, but each of a set the figure is stated of: the twins of
            # one candidate a plural end gave ("Both support ... a 64K-token context": one
            # per model, :mod:`graph.nlp.discourse`)
            twin = (c.sentence, c.features, c.context)
            if (metric not in done or done[metric] == twin) and \
                    allowed(want, c.a_type, c.b_type):
                found.append((c, want))
                done[metric] = twin
    return found


def _trained_org(label: str, c: Candidate) -> bool:
    """An organisation said to use or measure what a training verb names: the trainer, not
    the trained ("The team trained it on 500 billion tokens with knowledge distillation":
    the model uses the method and has the figure; GUIDELINES: USES "is trained with")."""
    user = c.b_type if label.endswith("<") else c.a_type
    if user != "ORG" or label.rstrip("<") not in ("USES", "HAS_METRIC"):
        return False
    verbs = [f.rpartition("|")[2] if f.startswith("tprep=") else f.removeprefix("lca=")
             for f in c.features if f.startswith(("lca=", "tprep="))]
    return any(v.startswith(tuple(words("relations", "training_stems"))) for v in verbs)


def _funded_first(label: str, c: Candidate) -> str:
    """The classifier's FUNDS, learnt either way round (GUIDELINES: FUNDS*), read as the
    genre writes funding news: the second end funds the first ("X closed a round led by Y,
    with Z"; the page's company as a context end is the first, :mod:`graph.nlp.pairs`),
    unless the second is an "it" or "the company" standing for the company the text is
    about ("Halvorsen Ventures also put money into the round": feature ``b=it``). The
    grammar's readings keep their own direction ("Y invests in X")."""
    if label != "FUNDS":
        return label
    return "FUNDS" if "b=it" in c.features else "FUNDS<"


def _anaphoric(c: Candidate) -> bool:
    """Whether an end of the pair is an "it" or "the model" of the sentence
    (:mod:`graph.nlp.anaphora`)."""
    return "a=it" in c.features or "b=it" in c.features


def classes() -> list[str]:
    """``NONE``, each predicate forward, and each asymmetric one backward (``"P<"``)."""
    return [NONE, *PREDICATES, *(f"{p}<" for p in PREDICATES if p not in SYMMETRIC_PREDICATES)]


class RelationModel:
    """Weights per feature and class; ``margin`` is how much a predicate must beat NONE."""

    def __init__(self, weights: dict[str, dict[str, float]] | None = None,
                 margin: float = 0.0, meta: dict | None = None,
                 metric_floor: float | None = None,
                 grammar_only: Iterable[str] = ()) -> None:
        self.weights = weights or {}
        self.margin = margin
        self.grammar_only = frozenset(grammar_only)
        self.metric_floor = metric_floor
        self.meta = meta or {}
        self.classes = classes()

    def scores(self, features: Iterable[str]) -> dict[str, float]:
        totals: dict[str, float] = defaultdict(float)
        for f in features:
            for label, w in self.weights.get(f, {}).items():
                totals[label] += w
        return totals

    def predict(self, features: Sequence[str], a_type: str, b_type: str
                ) -> tuple[str, float]:
        """The best allowed label and how far it beats NONE (``(NONE, 0.0)`` when nothing)."""
        if _vetoed(features):
            # "Phi-2 outperforms Google's Gemini Nano 2": Google is not Phi-2's; two items of
            # one list ("partnered with AWS, Apple, Cisco") are not related to each other, nor
            # two items of a list or two rows of a table the parser took for one sentence
            # (the dependency rules' phrases and order-free cues still are, :meth:`decide`);
            # nor a benchmark the figure right before it was measured on ("51.7% on MATH");
            # nor an organisation naming a common noun's thing ("from Hugging Face repos")
            return NONE, 0.0
        best, gain = self._best(features, a_type, b_type)
        if best == NONE or gain <= self.margin or best.rstrip("<") in self.grammar_only:
            return NONE, 0.0
        return best, gain

    def decide(self, candidates: Sequence[Candidate],
               name: Callable[[tuple[int, int]], object] = lambda span: span
               ) -> list[tuple[Candidate, str]]:
        """The candidates of one document that are relations, with their labels.

        A pair the dependency rules read with a phrase of the lexicon's ``rules`` ("X,
        released by Y") takes that phrase's predicate. Any other pair is a relation when
        the classifier's predicate beats NONE by the margin, unless the grammar reads the
        same two names (``name``: what names a span) otherwise elsewhere. A metric is a
        fact of something (GUIDELINES: HAS_METRIC), so each metric none of its pairs
        passed for gets HAS_METRIC from the entity the grammar makes it a fact of (the
        pair marked ``owner``, :func:`graph.nlp.pairs.metric_owner`), else from its
        best-scoring partner, when that partner scores above ``metric_floor`` (``None``:
        no such attachment), unless it counts the examples named after it ("14 models,
        including GPT-4o, ...").
        """
        chosen: list[tuple[Candidate, str]] = []
        best: dict[tuple[int, int], tuple[float, Candidate, str]] = {}
        counts: set[tuple[int, int]] = set()  # metrics counting the examples after them
        read: dict[frozenset, set[str]] = {}  # two ends -> what the grammar says links them
        named: dict[frozenset, set[str]] = {}  # the same, by the two ends' names
        for c in candidates:
            grammar = reading_label(c) or rule_label(c)
            label = grammar or _funded_first(self.predict(c.features, c.a_type, c.b_type)[0], c)
            if _unsupported(label, c, grammar) or _trained_org(label, c):
                label = NONE
            if grammar:
                read.setdefault(frozenset((c.a, c.b)), set()).add(grammar.rstrip("<"))
                named.setdefault(frozenset((name(c.a), name(c.b))), set()).add(
                    grammar.rstrip("<"))
            if label != NONE:
                chosen.append((c, label))
            if self.metric_floor is None or (c.a_type == "METRIC") == (c.b_type == "METRIC"):
                continue
            want = "HAS_METRIC" if c.b_type == "METRIC" else "HAS_METRIC<"
            if c.phrase in EXAMPLE_PREPS:  # "14 models, including GPT-4o, ...": it counts
                counts.add(c.b if c.b_type == "METRIC" else c.a)  # them, is none's fact
            if not allowed(want, c.a_type, c.b_type) or "measured_on" in c.features or \
                    "org_size" in c.features or _trained_org(want, c):
                continue
            totals = self.scores(c.features)
            score = totals.get(want, 0.0) - totals.get(NONE, 0.0)
            metric = c.b if c.b_type == "METRIC" else c.a
            if score > self.metric_floor and score > best.get(metric, (score - 1,))[0]:
                best[metric] = (score, c, want)
        chosen = _as_read(chosen, read)
        chosen = [x for x in chosen if not _maker(x)] + \
            _as_read([x for x in chosen if _maker(x)], named, name)
        done: dict[tuple[int, int], object] = {
            c.b if label == "HAS_METRIC" else c.a: None for c, label in chosen
            if label.startswith("HAS_METRIC")}
        chosen += _owned_figures(candidates, done)
        chosen += [(c, want) for metric, (_, c, want) in best.items()
                   if metric not in done and metric not in counts]
        return chosen + _scored_on(candidates, chosen) + \
            _as_read(_coordinated_makers(candidates, chosen), named, name)

    def best_guess(self, candidates: Sequence[Candidate]) -> tuple[float, Candidate, str] | None:
        """The likeliest relation among the candidates, however far below the margin: the
        allowed predicate that comes closest to beating NONE, of those the classifier may
        guess (not the grammar's alone: ``grammar_only``)."""
        best = None
        for c in candidates:
            if "orphan_figure" in c.features or _vetoed(c.features):
                continue  # decided by the grammar alone (:meth:`decide`)
            totals = self.scores(c.features)
            none = totals.get(NONE, 0.0)
            for label in self.classes[1:]:
                gain = totals.get(label, 0.0) - none
                if (best is None or gain > best[0]) and allowed(label, c.a_type, c.b_type) \
                        and label.rstrip("<") not in self.grammar_only \
                        and not _unsupported(label, c, None):
                    best = (gain, c, label)
        return best

    # -- training ------------------------------------------------------------------------
    @classmethod
    def train(cls, examples: list[tuple[Sequence[str], str, str, str]], epochs: int = 12,
              seed: int = 0) -> RelationModel:
        """Averaged perceptron over ``(features, a_type, b_type, gold label)`` examples."""
        model = cls()
        weights: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        totals: dict[tuple[str, str], float] = defaultdict(float)
        stamps: dict[tuple[str, str], int] = defaultdict(int)
        step = 0
        order = list(range(len(examples)))
        rng = random.Random(seed)

        def update(feature: str, label: str, delta: float) -> None:
            key = (feature, label)
            totals[key] += (step - stamps[key]) * weights[feature][label]
            stamps[key] = step
            weights[feature][label] += delta

        for _ in range(epochs):
            rng.shuffle(order)
            for n in order:
                features, a_type, b_type, gold = examples[n]
                step += 1
                model.weights = weights
                guess, _ = model._best(features, a_type, b_type)
                if guess != gold:
                    for f in features:
                        update(f, gold, 1.0)
                        update(f, guess, -1.0)
        averaged: dict[str, dict[str, float]] = {}
        for feature, row in weights.items():
            kept = {}
            for label, w in row.items():
                key = (feature, label)
                total = totals[key] + (step - stamps[key]) * w
                value = round(total / step, 1)  # (a tenth is fine next to margins of 20+,
                # and keeps the shipped file, and the bundle, small)
                if value:
                    kept[label] = value
            if kept:
                averaged[feature] = kept
        return cls(averaged)

    def _best(self, features: Sequence[str], a_type: str, b_type: str) -> tuple[str, float]:
        """The best label the types allow, and its score less NONE's."""
        totals = self.scores(features)
        none = totals.get(NONE, 0.0)
        best, best_score = NONE, none
        for label in self.classes[1:]:
            score = totals.get(label, 0.0)
            if score > best_score and allowed(label, a_type, b_type):
                best, best_score = label, score
        return best, best_score - none

    # -- files ---------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        """Write the model as compact JSON: each feature's weights as a flat list of class
        indices and values (``[0, 1.5, 7, -1.5]``: NONE 1.5, USES -1.5), whole values as
        integers (the shipped file, and the bundle, stay small)."""
        index = {label: n for n, label in enumerate(self.classes)}
        rows = {feature: [x for label, w in sorted(row.items(), key=lambda i: index[i[0]])
                          for x in (index[label], int(w) if w == int(w) else w)]
                for feature, row in self.weights.items()}
        data = {"meta": self.meta, "margin": self.margin, "metric_floor": self.metric_floor,
                "grammar_only": sorted(self.grammar_only), "classes": self.classes,
                "rows": rows}
        path.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n",
                        encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> RelationModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = data.get("weights")
        if weights is None:  # the compact form of save()
            classes = data["classes"]
            weights = {feature: {classes[int(flat[n])]: float(flat[n + 1])
                                 for n in range(0, len(flat), 2)}
                       for feature, flat in data["rows"].items()}
        return cls(weights, float(data.get("margin", 0.0)), data.get("meta", {}),
                   data.get("metric_floor"), data.get("grammar_only", ()))


@cache
def shipped_model() -> RelationModel | None:
    """The classifier shipped in ``resources/model/relations.json`` (``None`` without it)."""
    path = resource(*MODEL_FILE)
    return RelationModel.load(path) if path.is_file() else None


def label_predicate(label: str) -> tuple[str, bool]:
    """``("USES", True)`` for ``"USES<"``: the predicate, and whether ``b`` is its source."""
    return label.rstrip("<"), label.endswith("<")
