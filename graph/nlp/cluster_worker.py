"""What runs on a Dask worker: the pipeline loaded once (a worker plugin), batches extracted.

This module imports ``distributed`` and is imported only when a scheduler is given
(:mod:`graph.nlp.cluster`), so the core never needs Dask. Workers find it by name, so
Threadline (the same version, so the same pipeline) must be installed on every worker.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace

from distributed import WorkerPlugin, get_worker

from graph.ingest.documents import Document
from graph.nlp.records import DocumentResult, PipelineInfo

PLUGIN_NAME = "threadline-pipeline"


class PipelinePlugin(WorkerPlugin):
    """Loads the spaCy pipeline when registered on a worker, and keeps it for its tasks.

    Registering it again (the next extraction) replaces it; the pipeline itself is cached
    per process (:func:`graph.nlp.pipeline.shared_pipeline`), so only a new model loads anew.
    """

    name = PLUGIN_NAME

    def __init__(self, model: str | None) -> None:
        self.model = model
        self.nlp = None
        self.info: PipelineInfo | None = None
        self.fingerprint = ""
        self.lock = threading.Lock()  # a worker with several threads runs one batch at a time

    def __getstate__(self) -> dict:  # only the model's name travels to the workers
        return {"model": self.model}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["model"])

    async def setup(self, worker) -> None:
        # Loading takes seconds: off the worker's event loop, so it keeps its heartbeats.
        await asyncio.get_running_loop().run_in_executor(None, self._load)

    def _load(self) -> None:
        from graph.nlp.pipeline import extraction_fingerprint, shared_pipeline

        self.nlp, self.info = shared_pipeline(self.model)
        self.fingerprint = extraction_fingerprint(self.model)


def extract_batch(documents: list[Document]) -> tuple[list[DocumentResult], PipelineInfo, str]:
    """Extract ``documents`` with the worker's pipeline (a Dask task).

    Returns the results, the pipeline that made them and its extraction fingerprint, which
    the client compares with its own before keeping anything. The results' documents come
    back without their text (the client has it), so the text crosses the network once.
    """
    from graph.nlp.extract import extract

    plugin = get_worker().plugins[PLUGIN_NAME]
    with plugin.lock:
        results = list(extract(plugin.nlp, documents))
    for result in results:
        result.doc = replace(result.doc, text="")
    return results, plugin.info, plugin.fingerprint
