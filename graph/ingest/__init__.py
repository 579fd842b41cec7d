"""Stage 1, ingest: files and folders -> documents (one reader per format, by suffix)."""
