"""Threadline's non-GUI core: corpus, NLP pipeline, resolution, relations, graph model, I/O.

Nothing in this package imports Qt; ``tests/graph/test_no_qt.py`` guards that.
"""

__version__ = "0.1.0"
