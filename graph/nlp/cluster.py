"""Extraction on a Dask distributed cluster: ``--scheduler tcp://HOST:8786``.

The documents to extract are sharded into batches of about :data:`BATCH_CHARS` characters
and sent, text and all, to the cluster's workers; each worker loads the pipeline once (a
worker plugin, :mod:`graph.nlp.cluster_worker`) and sends back the same per-document
results a local run makes, which the caller stores and assembles here. Only a few batches
per worker thread are in flight, so memory stays bounded on both sides; closing the job (a
cancel) cancels the batches not yet back.

Dask is an optional extra (``pip install threadline[cluster]``): it is imported only when a
scheduler is given, and its absence is a clear error, not an import failure.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable, Generator, Sequence

from graph import messages
from graph.errors import ClusterError
from graph.ingest.documents import Document
from graph.jobs import Progress
from graph.nlp.records import DocumentResult, PipelineInfo

BATCH_CHARS = 20_000  # about a second of a worker's time: progress moves, all workers busy
IN_FLIGHT_PER_THREAD = 2  # one running, one waiting on the worker
CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler
WORKERS_TIMEOUT = 60.0  # seconds to wait for a cluster without workers to get one
POLL = 0.25  # seconds between progress reports while batches are out: how soon a cancel acts
LOOK = 0.02  # seconds between looks at the batches out


def batches(documents: Sequence[Document], chars: int = BATCH_CHARS) -> list[list[Document]]:
    """``documents`` in order, cut into runs of about ``chars`` characters (one at least)."""
    out: list[list[Document]] = []
    size = chars
    for document in documents:
        if size >= chars:
            out.append([])
            size = 0
        out[-1].append(document)
        size += len(document.text)
    return out


def connect(scheduler: str, timeout: float = CONNECT_TIMEOUT):
    """A ``distributed.Client`` of the scheduler at ``scheduler``.

    Raises
    ------
    ClusterError
        Dask is not installed, or the scheduler cannot be reached within ``timeout`` s.
    """
    try:
        from distributed import Client
    except ImportError as exc:
        frozen = getattr(sys, "frozen", False)
        raise ClusterError(messages.CLUSTER_NOT_IN_PACKAGE if frozen
                           else messages.CLUSTER_NOT_INSTALLED) from exc
    try:
        # Probed first: a Client that fails to connect lingers, and complains when collected.
        asyncio.run(_probe(scheduler, timeout))
        return Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise ClusterError(messages.CLUSTER_UNREACHABLE.format(
            address=scheduler, error=str(exc) or type(exc).__name__)) from exc


async def _probe(scheduler: str, timeout: float) -> None:
    """Open and close a connection to ``scheduler``; raises what the connection raises."""
    from distributed.comm import connect as open_comm

    comm = await open_comm(scheduler, timeout=timeout)
    await comm.close()


def cluster_extraction(documents: Sequence[Document], model: str | None, scheduler: str,
                       fingerprint: str,
                       on_result: Callable[[DocumentResult, PipelineInfo], None],
                       timeout: float = CONNECT_TIMEOUT
                       ) -> Generator[Progress, None, tuple[list[DocumentResult], PipelineInfo]]:
    """Extract ``documents`` on the cluster whose scheduler is at ``scheduler`` (a job).

    Parameters
    ----------
    documents
        The documents to extract (at least one).
    model
        The spaCy pipeline package the workers load (``None``: the best they have).
    scheduler
        The scheduler's address, ``tcp://HOST:8786``.
    fingerprint
        This installation's :func:`graph.nlp.pipeline.extraction_fingerprint`; a worker whose
        pipeline differs fails the job before any of its results is kept.
    on_result
        Called with each result (and the pipeline that made it) as its batch comes back.
    timeout
        Seconds to reach the scheduler.

    Yields progress per document, and every :data:`POLL` s while batches are out; returns
    the results, in the order they came back, and the workers' pipeline.

    Raises
    ------
    ClusterError
        Dask missing, scheduler unreachable, no workers, another pipeline, a failed batch.
    """
    total = len(documents)
    yield Progress(0, total, messages.CLUSTER_CONNECTING.format(address=scheduler))
    client = connect(scheduler, timeout)
    try:
        yield from _wait_for_workers(client, total, scheduler)
        yield Progress(0, total, messages.CLUSTER_LOADING)
        _register_pipeline(client, model, scheduler)
        return (yield from _run_batches(client, documents, scheduler, fingerprint, on_result))
    finally:
        client.close()


def _run_batches(client, documents: Sequence[Document], scheduler: str, fingerprint: str,
                 on_result: Callable[[DocumentResult, PipelineInfo], None]
                 ) -> Generator[Progress, None, tuple[list[DocumentResult], PipelineInfo]]:
    """Keep the workers busy with batches; hand on each result as its batch comes back."""
    from graph.nlp.cluster_worker import extract_batch

    total, words = len(documents), 0
    results, info = [], None
    by_id = {document.id: document for document in documents}
    pending = list(reversed(batches(documents)))
    running: set = set()
    try:
        while pending or running:
            room = IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
            while pending and len(running) < room:
                running.add(client.submit(extract_batch, pending.pop(), pure=False))
            done, running = _finished(running)
            for future in done:
                batch, info = _checked(future, fingerprint, scheduler)
                for result in batch:  # all kept before a cancel can come
                    result.doc = by_id[result.doc.id]  # its text stayed here
                    on_result(result, info)
                for result in batch:
                    results.append(result)
                    words += result.words
                    yield Progress(len(results), total, result.doc.id, words)
            if not done:
                yield Progress(len(results), total, messages.CLUSTER_RUNNING.format(
                    batches=len(running), address=scheduler), words)
        return results, info
    finally:  # a cancel or a failure: the batches still out are of no use
        if running:
            client.cancel(list(running))


def _register_pipeline(client, model: str | None, scheduler: str) -> None:
    """Load the pipeline on every worker, now and on those that join later."""
    from graph.nlp.cluster_worker import PipelinePlugin

    try:
        client.register_plugin(PipelinePlugin(model))
    except Exception as exc:  # the worker's own error, whatever it is (a missing model...)
        raise ClusterError(messages.CLUSTER_FAILED.format(
            address=scheduler, error=f"{type(exc).__name__}: {exc}")) from exc


def _wait_for_workers(client, total: int, scheduler: str) -> Generator[Progress, None, None]:
    deadline = time.monotonic() + WORKERS_TIMEOUT
    while not client.nthreads():
        if time.monotonic() > deadline:
            raise ClusterError(messages.CLUSTER_NO_WORKERS.format(
                address=scheduler, seconds=round(WORKERS_TIMEOUT)))
        yield Progress(0, total, messages.CLUSTER_WAITING.format(address=scheduler))
        time.sleep(POLL)


def _finished(running: set) -> tuple[set, set]:
    """The batches that are back (none after :data:`POLL` s) and those still out."""
    deadline = time.monotonic() + POLL
    while True:
        done = {future for future in running if future.done()}
        if done or time.monotonic() >= deadline:
            return done, running - done
        time.sleep(LOOK)


def _checked(future, fingerprint: str, scheduler: str
             ) -> tuple[list[DocumentResult], PipelineInfo]:
    """A finished batch's results, once it is known that they are what this pipeline makes."""
    try:
        results, info, theirs = future.result()
    except Exception as exc:  # a worker's failure, a lost worker or scheduler
        raise ClusterError(messages.CLUSTER_FAILED.format(
            address=scheduler, error=f"{type(exc).__name__}: {exc}")) from exc
    if theirs != fingerprint:
        raise ClusterError(messages.CLUSTER_OTHER_PIPELINE.format(
            address=scheduler, pipeline=f"{info.label} (spaCy {info.spacy_version})"))
    return results, info
