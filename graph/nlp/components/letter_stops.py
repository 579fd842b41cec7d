"""The ``threadline_letter_stops`` component (first, before the tagger and the parser): the
full stop after a lettered label ends its sentence.

spaCy's tokenizer keeps a capital letter and the full stop after it together, as an initial
("Carlos E. Jimenez"), so "Fennec Robotics closed a $60 million Series B. The round was led
by Lux Capital." was one sentence, its figure "$60 million Series B." and its round's
investor read in the sentence of the raise. After a word that a letter labels ("Series B.",
"Appendix A.", "Table C."; the lexicon's ``lettered_nouns``) the letter is no initial: its
full stop becomes a token of its own, which the parser ends the sentence at.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from graph.nlp.lexicon import words

_LETTER_STOP = re.compile(r"\b[A-Z]\.")  # a capital letter and a full stop, in the text


@Language.factory("threadline_letter_stops")
class LetterStops:
    """Split "B." into "B" and "." after a lettered noun ("Series", "Appendix")."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not _LETTER_STOP.search(doc.text):  # most documents: no token to look at
            return doc
        nouns = words("layout", "lettered_nouns")
        stops = [t for t in doc if len(t.text) == 2 and t.text[1] == "." and t.text[0].isupper()
                 and t.i > 0 and doc[t.i - 1].lower_ in nouns]
        with doc.retokenize() as retokenizer:
            for token in stops:
                retokenizer.split(token, [token.text[0], "."], heads=[(token, 0), (token, 0)])
        return doc
