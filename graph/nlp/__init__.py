"""Stage 2, nlp: documents -> mentions and typed relations, with spaCy.

The only subpackage that imports spaCy (a test walks every other module to prove it).
This ``__init__`` imports nothing, so ``graph.nlp.records`` stays spaCy-free.
"""
