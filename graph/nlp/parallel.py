"""Extraction on every core: documents spread over worker processes.

Each worker process loads the pipeline once (the pool's initializer) and extracts whole
documents with :func:`graph.nlp.extract.extract`, exactly as one process would, so the
results are the same; they come back as plain records (:mod:`graph.nlp.records`) in the
order they finish. Processes are started with ``spawn`` (a fork of a process running Qt
threads is not safe), so a worker costs a few seconds to start: :func:`worth_processes`
says when a set of documents is big enough to gain from them.

At most a few documents per worker are in flight, so memory stays bounded whatever the
corpus size, and closing the generator (a cancel) drops the documents not started and waits
only for those under way.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from graph.ingest.documents import Document
from graph.nlp.records import DocumentResult, PipelineInfo

MIN_CHARS = 300_000  # below this, starting the workers costs more than they save
IN_FLIGHT_PER_WORKER = 4

_nlp = None  # the worker process's pipeline and its description (set by _start_worker)
_info = None


def default_jobs() -> int:
    """The number of processes to use by default: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def worth_processes(documents: Sequence[Document], jobs: int) -> bool:
    """Whether ``documents`` are worth spreading over ``jobs`` processes."""
    return jobs > 1 and len(documents) > 1 and \
        sum(len(d.text) for d in documents) >= MIN_CHARS


def _start_worker(model: str | None) -> None:
    global _nlp, _info
    from graph.nlp.pipeline import shared_pipeline

    _nlp, _info = shared_pipeline(model)


def _extract_one(document: Document) -> tuple[DocumentResult, PipelineInfo]:
    from graph.nlp.extract import extract

    [result] = list(extract(_nlp, [document]))
    return result, _info


def extract_in_processes(documents: Sequence[Document], model: str | None,
                         jobs: int) -> Iterator[tuple[DocumentResult, PipelineInfo]]:
    """Extract ``documents`` in ``jobs`` worker processes; yields each result, with the
    pipeline that made it, as it is done.

    Parameters
    ----------
    documents
        The documents to extract.
    model
        The spaCy pipeline package each worker loads (``None``: the best installed).
    jobs
        The number of worker processes.
    """
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                               initializer=_start_worker, initargs=(model,))
    pending = list(reversed(documents))
    running: set[Future] = set()
    try:
        while pending or running:
            while pending and len(running) < jobs * IN_FLIGHT_PER_WORKER:
                running.add(pool.submit(_extract_one, pending.pop()))
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
