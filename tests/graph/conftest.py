"""Fixtures for the graph/ tests: the real spaCy pipeline, loaded once per session."""

from __future__ import annotations

import pytest

from graph.nlp.pipeline import shared_pipeline
from graph.nlp.relation_model import shipped_model


@pytest.fixture(scope="session")
def nlp():
    """The statistical Threadline pipeline (tests of the parse need the real model)."""
    nlp, info = shared_pipeline()
    if not info.statistical:
        pytest.skip("the statistical English model is not installed")
    return nlp


@pytest.fixture(scope="session")
def model():
    """The shipped relation classifier (resources/model/relations.json)."""
    found = shipped_model()
    assert found is not None and found.weights
    return found
