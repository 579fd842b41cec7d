"""Threadline's domain components for spaCy, one per module, registered with ``@Language.factory``.

* :mod:`~graph.nlp.components.line_breaks` (``threadline_line_breaks``, before the parser):
  a line break after a full stop, or a blank line, starts a sentence;
* :mod:`~graph.nlp.components.entities` (``threadline_entities``, last): ``doc.ents`` with
  Threadline's labels, from the entity ruler, the statistical NER and the rules below.

The rules ``threadline_entities`` applies live beside it: METRIC spans from numbers
(:mod:`~graph.nlp.components.metrics`), METHOD spans from technique nouns
(:mod:`~graph.nlp.components.methods`) and acronyms typed like their expansion
(:mod:`~graph.nlp.components.acronyms`). The words they read are data, in
``resources/lexicon/`` (:mod:`graph.nlp.lexicon`).

Importing this package registers every factory; :mod:`graph.nlp.pipeline` does.
"""

from graph.nlp.components import entities, line_breaks

# The factory modules, imported for their @Language.factory registration.
__all__ = ["entities", "line_breaks"]
