"""Stage 3, build: mentions -> entities -> the knowledge graph; the open/import jobs."""
