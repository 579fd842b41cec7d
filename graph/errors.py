"""Every error Threadline raises on purpose, under one base with an exit code.

A :class:`ThreadlineError` carries a message a person can act on (its ``str``) and the exit
code the command line returns for it; the window shows the message in a dialog. The texts
themselves live in :mod:`graph.messages`. This module imports nothing heavy, so the CLI and
the window can catch these before spaCy is loaded.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class ThreadlineError(Exception):
    """Base of Threadline's own errors: ``str(error)`` is the user message."""

    exit_code = EXIT_FAILED

    @property
    def user_message(self) -> str:
        return str(self)


class UsageError(ThreadlineError):
    """The command line was used wrongly (bad option, unwritable output)."""

    exit_code = EXIT_USAGE


class ModelNotFound(UsageError):
    """A spaCy model the user named explicitly is not installed."""


class CorpusError(ThreadlineError):
    """A path given by the user cannot be opened as a corpus at all."""

    def __init__(self, message: str, skipped: list | None = None) -> None:
        super().__init__(message)
        self.skipped = skipped or []


class PathMissing(CorpusError):
    """A path the user named does not exist (a usage error, not a failure of the corpus)."""

    exit_code = EXIT_USAGE


class ExportError(ThreadlineError):
    """A graph file could not be written or read."""


class WorkspaceError(ThreadlineError):
    """A workspace file cannot be used (not a workspace, damaged, or from a newer version)."""


class WorkspaceTooNew(WorkspaceError):
    """The workspace was written by a newer Threadline (its schema is unknown here)."""
class ClusterError(ThreadlineError):
    """Extraction on a Dask cluster failed: Dask missing, no scheduler, another pipeline."""


class PathError(ThreadlineError):
    """No path can be shown between two entities (unknown, the same, or not connected)."""


class GoldError(ThreadlineError):
    """Gold annotations for evaluation cannot be read."""


class Cancelled(ThreadlineError):
    """The user cancelled a job; whatever it was replacing stays as it was."""

    exit_code = EXIT_INTERRUPTED
