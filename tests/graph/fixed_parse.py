"""Parsed spaCy ``Doc`` s written by hand, for tests of rules on fixed parses.

spaCy's own pipeline tests build their Docs from words, heads and dependencies; these
helpers do the same from a small table, so a rule's test never depends on what the
statistical model happens to parse.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

# A blank English pipeline: its vocab and the registered factories, no statistical model.
# (Importing any module of graph.nlp.components registers every factory.)
NLP = spacy.blank("en")


def parse(text: str, table: str) -> Doc:
    """A parsed ``Doc`` of ``text`` from a table, one token a row.

    Columns: index, word, POS, tag, dependency, head (absolute index), entity (IOB),
    and an optional lemma (the lower-case word by default).
    """
    rows = [line.split() for line in table.strip().splitlines()]
    words = [r[1] for r in rows]
    assert [int(r[0]) for r in rows] == list(range(len(rows))), "rows out of order"
    spaces, at = [], 0
    for word in words:
        at = text.index(word, at) + len(word)
        spaces.append(text[at:at + 1] == " ")
    doc = Doc(NLP.vocab, words=words, spaces=spaces, pos=[r[2] for r in rows],
              tags=[r[3] for r in rows], deps=[r[4] for r in rows],
              heads=[int(r[5]) for r in rows], ents=[r[6] for r in rows],
              lemmas=[r[7] if len(r) > 7 else r[1].lower() for r in rows])
    assert doc.text == text
    return doc
