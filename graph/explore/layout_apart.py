"""A big layout in a process of its own, so the program that asked for it stays responsive.

python-igraph's Fruchterman-Reingold holds the interpreter lock for its whole run (a second
or more at a few thousand nodes), so a layout in a worker *thread* still freezes the GUI
thread for that long. :func:`iter_layout_apart` runs :func:`graph.explore.layout.iter_layout`
in a child process (``spawn``: forking a process that runs Qt threads is not safe) and
passes its progress and result back through a pipe; the caller only waits on the pipe,
which releases the lock. The child runs at a lower priority (:data:`CHILD_NICE`), so the
program waiting for it comes first when both want the processor. Closing the generator (a
cancel, or a newer layout) terminates the child at once, even inside an igraph run.
Starting a child costs about half a second, so only layouts of :data:`APART_MIN_NODES`
nodes or more go apart.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Generator, Iterator

from graph.explore.layout import LayoutProgress, iter_layout

APART_MIN_NODES = 1500
POLL_S = 0.05  # how often the waiting side looks at the pipe (it sleeps in between)
CHILD_NICE = 5  # the child runs at this much lower a priority (where the system has one)


def _child(connection, steps, args, kwargs) -> None:
    if hasattr(os, "nice"):
        # Yield the processor to the program waiting for the result (its window) whenever
        # both want it: on a busy two-core machine the child otherwise took the window's
        # turns, which froze for a quarter of a second at a time.
        os.nice(CHILD_NICE)
    try:
        for step in steps(*args, **kwargs):
            connection.send(step)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        connection.send(RuntimeError(f"{steps.__name__} failed: {exc!r}"))
    finally:
        connection.close()


def iter_apart(steps: Callable[..., Iterator], *args, last, name: str, **kwargs
               ) -> Generator[object, None, object]:
    """The steps of the generator function ``steps(*args, **kwargs)`` (a module-level
    function: it is pickled), run in a child process, while this process waits on a pipe
    without holding the interpreter lock. ``last`` is repeated every :data:`POLL_S` while
    nothing new comes (so the caller can cancel meanwhile); returns the final step.
    Closing the generator terminates the child at once.

    Raises
    ------
    RuntimeError
        ``steps`` failed in the child, or the child died.
    """
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sending, steps, args, kwargs), daemon=True,
                            name=name)
    child.start()
    sending.close()
    try:
        while True:
            if not receiving.poll(POLL_S):
                if not child.is_alive() and not receiving.poll():
                    if child.exitcode == 0:
                        return last
                    raise RuntimeError(f"the {name} process ended without a result")
                yield last  # nothing new: the caller may still cancel meanwhile
                continue
            try:
                step = receiving.recv()
            except EOFError:  # the child closed the pipe: after its last step, or failing
                child.join()
                if child.exitcode == 0:
                    return last
                raise RuntimeError(f"the {name} process ended without a result") from None
            if isinstance(step, BaseException):
                raise step
            last = step
            yield step
    finally:
        if child.is_alive():
            child.terminate()
        child.join()
        receiving.close()


def iter_layout_apart(links, **kwargs) -> Iterator[LayoutProgress]:
    """:func:`graph.explore.layout.iter_layout` in a child process (:func:`iter_apart`): the
    same steps, ending with the one that has the positions.

    Raises
    ------
    RuntimeError
        The layout failed in the child, or the child died.
    """
    for step in iter_apart(iter_layout, links, last=LayoutProgress(0, 1, None),
                           name="threadline-layout", **kwargs):
        yield step
        if step.positions is not None:
            return
    raise RuntimeError("the layout process ended without a layout")
