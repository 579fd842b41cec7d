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


@cache
def _cues() -> frozenset[str]:
    return frozenset(cue for cue, predicate in table("relations", "comparisons").items()
                     if predicate in _SIDES)


def compared_models(doc: Doc, spans: list[Span], strong: set[tuple[int, int]]) -> list[Span]:
    """``spans`` with the benchmarks a comparison with a model names typed MODEL."""
    models = [s for s in spans if s.label_ == "MODEL"]
    found = []
    for span in spans:
        if span.label_ == "DATASET" and (span.start, span.end) not in strong \
                and _after_cue(doc, span.start) and any(
                    m.end <= span.start and m.sent.start == span.sent.start for m in models):
            span = Span(doc, span.start, span.end, label="MODEL", span_id=span.id_)
        found.append(span)
    return found


def _after_cue(doc: Doc, start: int) -> bool:
    """Whether a comparison's cue ends right before ``start`` (an article between them)."""
    end = start - 1 if start > 0 and doc[start - 1].lower_ in ("the", "a", "an") else start
    return any(" ".join(t.lower_ for t in doc[end - n:end]) in _cues()
               for n in range(1, min(_LONGEST, end) + 1))
