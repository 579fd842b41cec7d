"""Sessions: an exploration as JSON, forgiving of damaged records, kept by the workspace."""

from __future__ import annotations

import pytest

from graph.explore.filters import GraphFilter
from graph.explore.session import LAST, Session
from graph.store.workspace import Workspace


def test_a_session_round_trips_through_the_workspace(tmp_path):
    session = Session(visible=["MODEL:claude", "ORG:caf\u00e9"],
                      positions={"MODEL:claude": (1.5, -2.0)}, pinned=["MODEL:claude"],
                      selected=["ORG:caf\u00e9"], scale=1.25, centre=(3.0, 4.0),
                      size_by="degree")
    session.filter_hides(GraphFilter(types=frozenset({"MODEL"}), min_weight=2,
                                     methods=frozenset({"dependency"}), fact_nodes=True),
                         ["MODEL", "ORG"], ["USES"], ["a.txt"])
    assert session.hidden_types == ["ORG"] and session.hidden_predicates == []
    with Workspace(tmp_path / "w.threadline") as store:
        store.save_session(LAST, session.to_json())
        store.save_session("Partners", Session(visible=["ORG:x"]).to_json())
        store.save_session("anthropic", Session().to_json())
        assert store.session_names() == ["anthropic", "Partners"]
        back = Session.from_json(store.session(LAST))
        store.delete_session("Partners")
        assert store.session("Partners") is None and store.session("nothing") is None
    assert back == session


@pytest.mark.parametrize("text", ["", "[]", "{", '{"visible": 3, "positions": {"a": [1]}, '
                                  '"scale": "big", "centre": [1, NaN], "methods": ["x"], '
                                  '"fact_nodes": "yes", "min_weight": -4}'])
def test_a_damaged_session_falls_back_to_defaults(text):
    session = Session.from_json(text)
    assert session.visible == [] and session.positions == {} and session.scale == 0.0
    assert session.centre == (0.0, 0.0) and session.fact_nodes is False
    assert session.min_weight == 0.0
    assert session.methods == ([] if "methods" in text else ["dependency", "cooccurrence"])
