"""A big layout in a child process: the same layout, and a cancel stops the child at once."""

from __future__ import annotations

import multiprocessing
import time

import networkx as nx
import pytest

from graph.explore.layout import iter_layout
from graph.explore.layout_apart import iter_layout_apart

pytestmark = pytest.mark.slow  # each layout starts a Python process


def _links(n: int) -> list[tuple[str, str, float]]:
    return [(f"n{u}", f"n{v}", 1.0) for u, v in nx.barabasi_albert_graph(n, 2, seed=3).edges]


def test_the_child_gives_the_layout_this_process_gives():
    links = _links(300)
    here = list(iter_layout(links, seed=5))
    apart = list(iter_layout_apart(links, seed=5))
    theirs, ours = apart[-1].positions, here[-1].positions
    assert theirs.keys() == ours.keys()
    assert all(theirs[n] == pytest.approx(ours[n]) for n in ours)
    assert [s.positions for s in apart[:-1]] == [None] * (len(apart) - 1)


def test_closing_it_ends_the_child_at_once():
    steps = iter_layout_apart(_links(30_000), seed=1)  # many seconds of igraph
    next(steps)
    [child] = [p for p in multiprocessing.active_children() if p.name == "threadline-layout"]
    start = time.perf_counter()
    steps.close()
    assert time.perf_counter() - start < 2.0 and not child.is_alive()


def test_a_failure_in_the_child_is_raised_here():
    with pytest.raises((RuntimeError, ValueError), match="edge_length"):
        list(iter_layout_apart(_links(10), edge_length=-1))
