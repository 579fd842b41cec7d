"""Threadline's domain components for spaCy, one per module, registered with ``@Language.factory``.

* :mod:`~graph.nlp.components.letter_stops` (``threadline_letter_stops``, first): the full
  stop after a lettered label ("Series B.") is a token of its own;
* :mod:`~graph.nlp.components.line_breaks` (``threadline_line_breaks``, before the parser):
  a line break after a full stop, or a blank line, starts a sentence;
* :mod:`~graph.nlp.components.domain` (``threadline_domain_spans``, after the trained
  recogniser ``threadline_domain``): keeps the trained recogniser's spans apart;
* :mod:`~graph.nlp.components.entities` (``threadline_entities``, last): ``doc.ents`` with
  Threadline's labels, from the entity ruler, the trained recogniser, the statistical NER
  and the rules below;
* :mod:`~graph.nlp.components.affiliations` (``threadline_affiliations``, after it): "Researchers
  at Google proposed ..." has the organisation for its subject.

The rules ``threadline_entities`` applies live beside it: METRIC spans from numbers
(:mod:`~graph.nlp.components.metrics`), METHOD spans from technique nouns
(:mod:`~graph.nlp.components.methods`), acronyms typed like their expansion
(:mod:`~graph.nlp.components.acronyms`), DATASET spans from what a model is scored on
(:mod:`~graph.nlp.components.benchmarks`), products told by their nouns and neighbours
(:mod:`~graph.nlp.components.products`), names typed by the kind a list names them as
(:mod:`~graph.nlp.components.kinds`) and by the slot a sentence gives them: investors,
partners and makers as organisations, tools and platforms as projects
(:mod:`~graph.nlp.components.slots`). The words they read are data, in
``resources/lexicon/`` (:mod:`graph.nlp.lexicon`).

Importing this package registers every factory; :mod:`graph.nlp.pipeline` does.
"""

from graph.nlp.components import affiliations, domain, entities, letter_stops, line_breaks

# The factory modules, imported for their @Language.factory registration.
__all__ = ["affiliations", "domain", "entities", "letter_stops", "line_breaks"]
