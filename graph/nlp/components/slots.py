"""Names typed by the slot a sentence gives them: organisations that fund, partner, are
acquired or make things (:mod:`~graph.nlp.components.org_roles`) or announce themselves in
a headline (:mod:`~graph.nlp.components.headline`), tools a step is done with
and platforms a model is deployed on (:mod:`~graph.nlp.components.tool_slots`), and names
nothing typed that their list or their verb types (:mod:`~graph.nlp.components.unknown_names`),
names a list item defines (:mod:`~graph.nlp.components.defined_items`), and names the
text defines (:mod:`~graph.nlp.components.definitions`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from graph.nlp.components.compared_names import compared_models
from graph.nlp.components.defined_items import defined_items
from graph.nlp.components.definitions import defined_names
from graph.nlp.components.headline import headline_orgs, page_benchmark
from graph.nlp.components.org_roles import role_orgs
from graph.nlp.components.products import (
    documentation_names,
    hardware_products,
    possessed_products,
)
from graph.nlp.components.title_names import title_words
from graph.nlp.components.tool_slots import install_projects, language_words, tool_projects
from graph.nlp.components.unknown_names import family_names, unknown_names


def slot_types(doc: Doc, spans: list[Span], strong: set[tuple[int, int]],
               nlp: Language | None = None) -> list[Span]:
    """``spans`` (sorted, not overlapping) with the names in an organisation's, a tool's or
    a platform's slot typed so; ``strong``: ``(start, end)`` of the patterns' and shapes'
    spans, which keep their type; ``nlp``: the pipeline (its lemmatizer's words tell a
    lower-case tool's name from a word of the language)."""
    vocabulary = language_words(nlp) if nlp is not None else frozenset()
    spans = title_words(doc, spans, strong, vocabulary)  # a heading's capitals: no name
    spans = hardware_products(doc, spans, strong)  # an investor's slot says "M12" is none
    spans = headline_orgs(doc, role_orgs(doc, spans, strong), strong)
    spans = page_benchmark(doc, spans, strong)  # "# Make Me Pay" over "This evaluation tests"
    spans = install_projects(doc, tool_projects(doc, spans, strong, nlp), strong, vocabulary)
    spans = documentation_names(doc, spans)
    spans = possessed_products(doc, spans, strong)  # "OpenAI's Playground"
    spans = compared_models(doc, family_names(doc, unknown_names(doc, spans), vocabulary), strong)
    spans = defined_items(doc, spans, strong, vocabulary)
    return defined_names(doc, spans, strong, vocabulary)
