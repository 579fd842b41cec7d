"""Names typed by a comparison: what a model is said to beat, trail or match is a model.

"Vela 2 Mini scores 58.3% on MMMU, better than MiniCPM-V 2.6": the recogniser may read an
unknown name with a release number as a benchmark; after "better than", "outperforms",
"comparable to" or "vs." (``resources/lexicon/relations.json``, ``comparisons``) with a
model named before it in the sentence, it is the other side of the comparison, a model
(GUIDELINES: OUTPERFORMS and COMPARED_WITH join models or methods, never a benchmark). The
patterns' and shapes' names keep their type.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span

from graph.nlp.lexicon import table

_SIDES = ("OUTPERFORMS", "OUTPERFORMS<", "COMPARED_WITH")
_LONGEST = 4  # words of the longest cue ("on a par with")
_JOINS = {",", "and", "or", "&"}


@cache
def _cues() -> frozenset[str]:
    return frozenset(cue for cue, predicate in table("relations", "comparisons").items()
                     if predicate in _SIDES)


def compared_models(doc: Doc, spans: list[Span], strong: set[tuple[int, int]]) -> list[Span]:
    """``spans`` with the benchmarks a comparison with a model names typed MODEL: the names
    listed right after its cue ("outperforms ChatGPT, InstructGPT and PerplexityAI", where
    a list holding one benchmark made the others benchmarks), when a model is named before
    the cue in the sentence or listed with them."""
    found = list(spans)
    for n, span in enumerate(spans):
        if not _after_cue(doc, span.start):
            continue
        listed = _listed(doc, spans, n)
        models = [s for s in spans[:n] if s.label_ == "MODEL" and s.sent.start == span.sent.start]
        if not models and not any(spans[i].label_ == "MODEL" for i in listed):
            continue
        for i in listed:
            s = spans[i]
            if s.label_ == "DATASET" and (s.start, s.end) not in strong:
                found[i] = Span(doc, s.start, s.end, label="MODEL", span_id=s.id_)
    return found


def _listed(doc: Doc, spans: list[Span], first: int) -> list[int]:
    """Indices of ``spans[first]`` and of the names listed after it (only ",", "and",
    "or" between)."""
    listed = [first]
    for i in range(first + 1, len(spans)):
        between = doc[spans[i - 1].end:spans[i].start]
        if not len(between) or any(t.lower_ not in _JOINS for t in between):
            break
        listed.append(i)
    return listed


def _after_cue(doc: Doc, start: int) -> bool:
    """Whether a comparison's cue ends right before ``start`` (an article between them)."""
    end = start - 1 if start > 0 and doc[start - 1].lower_ in ("the", "a", "an") else start
    return any(" ".join(t.lower_ for t in doc[end - n:end]) in _cues()
               for n in range(1, min(_LONGEST, end) + 1))
