"""Formats and the cache: the graph to and from files (GraphML, GEXF, JSON, CSV)."""
