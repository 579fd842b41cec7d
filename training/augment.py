"""Mention-swap copies of the training examples, so that the recogniser reads context and shape.

Trained on the annotated pages alone, the recogniser learned the names it saw: ~.96 on its
own pages, and on names it never saw (our announcements) its PROJECT calls were right 4 times
in 22. Each augmented copy of an example (the originals stay) has its annotated mentions
replaced by other mentions of the same type, so the same context is seen with many names:

- half of the replacements are a form of the same type annotated in ANOTHER training page,
  a CrossNER span of the type, or a string pattern of ``resources/patterns`` (the
  gazetteers the rules use);
- the other half are such a form with its name-like words scrambled (each letter replaced by
  a random letter of the same case, digits, sizes and punctuation kept: "Qwen2.5-7B" ->
  "Tbod2.5-7B"), lower-case words kept ("prompting", "benchmark") and so are the words that
  several forms of the type share ("University", "Bench", "Prompting"): a name nobody has seen,
  with the shape and the telling words of its type.

A form is replaced by one written in the same case ("chain-of-thought prompting" by
"speculative decoding", "ReAct" by "LoRA"); within an example, one form is always replaced by
the same new form. ``missing`` spans and
the rest of the text are kept, their offsets moved. Only the train split is augmented.

Measured and NOT used (``make_data.py --augment`` writes such data; training/README.md has
the figures): the recogniser alone gains on dev (entity F1 .67 -> .80-.84), but in the whole
pipeline it finds more unseen names and types them METHOD or PROJECT ("QwQ-32B-Preview",
"InternVL2.5-78B", "SEA-LION" as METHOD), over the rules' own typing; no variant beat the
shipped recogniser on both dev and test.
"""

from __future__ import annotations

import json
import random
import re
import string
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = ROOT / "resources" / "patterns"
COPIES = 1  # augmented copies per example with at least one span
SCRAMBLED = 0.5  # share of replacements that are scrambled (unseen) names
SWAP_CROSSNER = True  # augment CrossNER's sentences too (their contexts are encyclopaedic)
TELLING = 3  # a word in this many forms of a type tells the type: never scrambled
_WORD = re.compile(r"[A-Za-z]+")
_SMALL_WORDS = {"a", "an", "and", "by", "for", "in", "of", "on", "the", "to", "with"}


def pattern_forms(labels: tuple[str, ...]) -> dict[str, set[str]]:
    """String patterns of the gazetteers, by label (token patterns describe shapes: skipped)."""
    forms: dict[str, set[str]] = defaultdict(set)
    for path in sorted(PATTERNS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            row = json.loads(line)
            if row["label"] in labels and isinstance(row["pattern"], str):
                forms[row["label"]].add(row["pattern"])
    return forms


def mention_pool(examples: list[dict], labels: tuple[str, ...]) -> dict[str, dict[str, set]]:
    """label -> form -> the sources that annotate it (a page never draws its own forms)."""
    pool: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for example in examples:
        for start, end, label in example["spans"]:
            form = example["text"][start:end]
            if "\n" not in form and len(form) <= 60:
                pool[label][form].add(example["source"])
    for label, forms in pattern_forms(labels).items():
        for form in forms:
            pool[label][form].add("resources/patterns")
    pool["telling"] = {label: frozenset(telling_words(pool[label])) for label in labels}
    return pool


def telling_words(forms: dict[str, set]) -> set[str]:
    """Words that several forms of one type share ("University", "Bench"): they tell the
    type, and are never scrambled; a word that is a name alone ("Google", "Llama") is."""
    counts = Counter(w for form in forms for w in set(_WORD.findall(form)))
    return {w for w, n in counts.items() if n >= TELLING and w not in forms}


def scramble(form: str, rng: random.Random, keep: frozenset[str] = frozenset()) -> str:
    """Letters of name-like words replaced by random letters of the same case."""
    def word(match: re.Match) -> str:
        text = match.group()
        if text in keep:
            return text
        after_digit = match.start() and form[match.start() - 1].isdigit()
        if after_digit and len(text) <= 2:  # a size or unit: "7B", "8x22B", "1M"
            return text
        if text.islower() and (len(text) > 3 or text in _SMALL_WORDS):  # "prompting", "of"
            return text
        return "".join(rng.choice(string.ascii_uppercase if c.isupper()
                                  else string.ascii_lowercase) for c in text)
    return _WORD.sub(word, form)


def _replacement(form: str, label: str, source: str, pool: dict, rng: random.Random
                 ) -> str | None:
    """Another form of the type, written in the same case (a lower-case technique phrase
    stands where lower-case phrases stand), or scrambled."""
    choices = sorted(f for f, sources in pool.get(label, {}).items()
                     if sources != {source} and f.islower() == form.islower())
    if not choices:
        return None
    form = rng.choice(choices)
    if rng.random() >= SCRAMBLED:
        return form
    return scramble(form, rng, pool["telling"][label])


def swapped(example: dict, pool: dict, rng: random.Random) -> dict:
    """A copy of ``example`` with every span's form replaced (one new form per old form)."""
    text, source = example["text"], example["source"]
    chosen: dict[tuple[str, str], str] = {}
    edits = []  # (start, end, new text, label or None for a moved `missing` span)
    for start, end, label in example["spans"]:
        key = (text[start:end], label)
        if key not in chosen:
            chosen[key] = _replacement(key[0], label, source, pool, rng) or key[0]
        edits.append((start, end, chosen[key], label))
    edits += [(start, end, text[start:end], None) for start, end in example["missing"]]
    pieces, spans, missing, at, shift = [], [], [], 0, 0
    for start, end, new, label in sorted(edits):
        pieces.append(text[at:start] + new)
        at = end
        new_start = start + shift
        shift += len(new) - (end - start)
        if label is None:
            missing.append([new_start, new_start + len(new)])
        else:
            spans.append([new_start, new_start + len(new), label])
    pieces.append(text[at:])
    return {"text": "".join(pieces), "source": source, "spans": spans, "missing": missing,
            "augmented": True}


def augment(examples: list[dict], labels: tuple[str, ...], seed: int = 0) -> list[dict]:
    """The examples, then ``COPIES`` swapped copies of each one that has a span."""
    rng = random.Random(seed)
    pool = mention_pool(examples, labels)
    copies = [swapped(example, pool, rng) for _ in range(COPIES)
              for example in examples if example["spans"]
              and (SWAP_CROSSNER or not example["source"].startswith("crossner"))]
    return examples + copies
