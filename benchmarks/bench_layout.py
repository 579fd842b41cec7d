"""Layout engine timings on Barabasi-Albert graphs (goal: 1k <= 0.5 s, 10k <= 3 s).

Run: ``.venv/bin/python benchmarks/bench_layout.py``. Also times an incremental step (12
new neighbours of a node of an already laid-out graph), the explorer's common case.
"""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import timings
from graph.explore.layout import layout

GOALS = {1_000: 0.5, 10_000: 3.0}


def best_of(fn, repeat: int) -> float:
    return min(timings(fn, repeat))


def main() -> int:
    failed = False
    for n, goal in GOALS.items():
        g = nx.barabasi_albert_graph(n, 2, seed=1)
        full = best_of(lambda g=g: layout(g), 3 if n <= 1000 else 1)
        positions = layout(g)
        leaf = min(g, key=g.degree)
        grown = g.copy()
        grown.add_edges_from((leaf, f"new{i}") for i in range(12))
        incremental = best_of(lambda grown=grown, p=positions: layout(grown, p), 3)
        ok = full <= goal
        failed |= not ok
        print(f"BA n={n:>6} m={g.number_of_edges():>6}: full {full:6.3f} s (goal <= {goal} s, "
              f"{'ok' if ok else 'MISSED'}), +12 nodes incremental {incremental * 1000:6.1f} ms")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
