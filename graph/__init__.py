"""Threadline's non-GUI core, laid out as the pipeline it runs.

Shared basics sit at the top (errors, messages, paths, taxonomy, jobs, events, schema,
names); the stages are subpackages that only import downward::

    ingest -> nlp -> build -> explore      (store: formats and cache, used by build)

Nothing here imports Qt and only ``graph.nlp`` imports spaCy (tests prove both). See
docs/ARCHITECTURE.md.
"""

__version__ = "0.1.0"
