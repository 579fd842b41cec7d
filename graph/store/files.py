"""Atomic writing: a failed export never leaves half a file behind.

Every file is written to a temporary file in the target folder, then renamed over the
target only on success.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from graph import messages
from graph.errors import ExportError


@contextmanager
def atomic_path(path: str | os.PathLike):
    """Yield a temporary path beside ``path``; rename it over ``path`` only on success.

    For writers that want a file name (image and SVG writers); see :func:`atomic_write`.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
    except OSError as exc:
        raise ExportError(messages.CANNOT_WRITE.format(path=target, error=exc.strerror)) from exc
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            error = exc.strerror or str(exc)
            raise ExportError(messages.CANNOT_WRITE.format(path=target, error=error)) from exc
        raise


@contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w"):
    """Open a temporary file beside ``path``; rename it over ``path`` only on success."""
    with atomic_path(path) as tmp:
        text = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        with open(tmp, mode, **text) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
