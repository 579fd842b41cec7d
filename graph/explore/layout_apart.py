"""A big layout in a process of its own, so the program that asked for it stays responsive.

python-igraph's Fruchterman-Reingold holds the interpreter lock for its whole run (a second
or more at a few thousand nodes), so a layout in a worker *thread* still freezes the GUI
thread for that long. :func:`iter_layout_apart` runs :func:`graph.explore.layout.iter_layout`
in a child process (``spawn``: forking a process that runs Qt threads is not safe) and
passes its progress and result back through a pipe; the caller only waits on the pipe,
which releases the lock. Closing the generator (a cancel, or a newer layout) terminates the
child at once, even inside an igraph run. Starting a child costs about half a second, so
only layouts of :data:`APART_MIN_NODES` nodes or more go apart.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator

from graph.explore.layout import LayoutProgress, iter_layout

APART_MIN_NODES = 1500
POLL_S = 0.05  # how often the waiting side looks at the pipe (it sleeps in between)


def _child(connection, links, kwargs) -> None:
    try:
        for step in iter_layout(links, **kwargs):
            connection.send(step)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        connection.send(RuntimeError(f"layout failed: {exc!r}"))
    finally:
        connection.close()


def iter_layout_apart(links, **kwargs) -> Iterator[LayoutProgress]:
    """:func:`graph.explore.layout.iter_layout` in a child process: the same steps, while
    this process waits without holding the interpreter lock (the last step is repeated
    every :data:`POLL_S` while nothing new comes, so the caller can cancel meanwhile).

    Raises
    ------
    RuntimeError
        The layout failed in the child, or the child died.
    """
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sending, links, kwargs), daemon=True,
                            name="threadline-layout")
    child.start()
    sending.close()
    last = LayoutProgress(0, 1, None)
    try:
        while True:
            if not receiving.poll(POLL_S):
                if not child.is_alive() and not receiving.poll():
                    raise RuntimeError("the layout process ended without a layout")
                yield last  # nothing new: the caller may still cancel meanwhile
                continue
            step = receiving.recv()
            if isinstance(step, BaseException):
                raise step
            last = step
            yield step
            if step.positions is not None:
                return
    finally:
        if child.is_alive():
            child.terminate()
        child.join()
        receiving.close()
