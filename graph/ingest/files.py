"""Touching files safely: what may be opened, how much of it is read, how its name is shown.

A corpus is whatever a folder holds, so a "file" may be a named pipe that never ends, a link
to ``/dev/zero``, a link loop, a sparse file of many gigabytes or one that grows while it is
read. :func:`read_bounded` looks before it opens (only regular files, only up to the size
cap) and never reads more than the cap plus one byte. :func:`display_name` turns any file
name, even bytes that are not UTF-8, into text that can be printed and stored.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

from graph import messages


class SizeCap(NamedTuple):
    """A size cap: the environment variable that sets it and its default in megabytes."""

    env: str
    default_mb: float


# Documents of a corpus; a graph file to import (a 15,000-document corpus exports ~80 MB).
FILE_CAP = SizeCap("THREADLINE_MAX_FILE_MB", 50.0)
GRAPH_CAP = SizeCap("THREADLINE_MAX_GRAPH_MB", 1024.0)
MAX_FILE_ENV, DEFAULT_MAX_FILE_MB = FILE_CAP
MEGABYTE = 1024 * 1024
_CHUNK = MEGABYTE

# C0 and C1 controls (tab included: a name has no business holding one); in a name shown
# on a terminal they could move the cursor, recolour text or hide what follows.
_NAME_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def display_name(name: str) -> str:
    """``name`` as valid, printable text: undecodable bytes and control characters become U+FFFD.

    ``os.fsdecode`` keeps bytes that are not UTF-8 as lone surrogates, which cannot be
    encoded, written to a file or hashed as UTF-8; the path itself keeps them, so the file
    still opens, while ids and messages use this form.

    Examples
    --------
    >>> display_name(os.fsdecode(b"caf\\xe9.txt")), display_name("red\\x1b[31m.txt")
    ('caf\ufffd.txt', 'red\ufffd[31m.txt')
    """
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that did not come from os.fsdecode
        raw = name.encode("utf-8", "surrogatepass")
    return _NAME_CONTROLS.sub("\ufffd", raw.decode("utf-8", "replace"))


def max_file_mb(cap: SizeCap = FILE_CAP) -> tuple[float, str | None]:
    """The size cap in megabytes from its environment variable, and a warning if it is bad."""
    raw = os.environ.get(cap.env, "").strip()
    if not raw:
        return cap.default_mb, None
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not (0 < value < math.inf):
        return cap.default_mb, messages.BAD_MAX_FILE_MB.format(
            name=cap.env, value=display_name(raw), default=f"{cap.default_mb:g}")
    return value, None


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.1f}"


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words, or ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return messages.KIND_FOLDER
    if stat.S_ISFIFO(mode):
        return messages.KIND_FIFO
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return messages.KIND_DEVICE
    if stat.S_ISSOCK(mode):
        return messages.KIND_SOCKET
    return messages.KIND_OTHER


def _check(status: os.stat_result, cap_mb: float, env: str) -> None:
    kind = _kind(status.st_mode)
    if kind is not None:
        raise ValueError(messages.NOT_REGULAR_FILE.format(kind=kind))
    if status.st_size > cap_mb * MEGABYTE:
        raise ValueError(messages.FILE_TOO_LARGE.format(
            size=_megabytes(status.st_size), cap=f"{cap_mb:g}", name=env))


def os_error_reason(path: Path, exc: OSError) -> str:
    """Why ``path`` could not be looked at or opened, in words a person can act on."""
    if exc.errno == errno.ELOOP:
        return messages.LINK_LOOP
    if exc.errno == errno.ENOENT:
        try:
            target = os.readlink(path)
        except OSError:
            return messages.FILE_VANISHED
        return messages.LINK_DANGLING.format(target=display_name(target))
    return messages.UNREADABLE_FILE.format(error=exc.strerror or exc)


def read_bounded(path: Path, cap_mb: float | None = None, cap: SizeCap = FILE_CAP) -> bytes:
    """The bytes of the regular file ``path``, at most the size cap.

    Parameters
    ----------
    path
        The file; links are followed.
    cap_mb
        The size cap in megabytes; ``None`` takes it from ``cap``'s environment variable.
    cap
        Which cap applies: documents (:data:`FILE_CAP`) or graph files (:data:`GRAPH_CAP`).

    Raises
    ------
    ValueError
        With the reason: not a regular file (never opened then), over the cap (never read
        then), a link loop or a dangling link, or the system's error.
    """
    env = cap.env
    cap = max_file_mb(cap)[0] if cap_mb is None else cap_mb
    try:
        _check(os.stat(path), cap, env)  # before open: opening a FIFO waits for a writer
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise ValueError(os_error_reason(path, exc)) from exc
    try:
        _check(os.fstat(fd), cap, env)  # the name may now be another file than the one looked at
        data = _read_at_most(fd, int(cap * MEGABYTE) + 1)
    except OSError as exc:
        raise ValueError(messages.UNREADABLE_FILE.format(error=exc.strerror or exc)) from exc
    finally:
        os.close(fd)
    if len(data) > cap * MEGABYTE:
        raise ValueError(messages.FILE_GREW.format(cap=f"{cap:g}", name=env))
    return data


def _read_at_most(fd: int, most: int) -> bytes:
    # A file may grow after fstat or report a false size (/proc), so the cap plus one byte
    # is read to tell, never more; in chunks, as one read(n) would allocate n bytes at once.
    chunks, total = [], 0
    while total < most:
        chunk = os.read(fd, min(_CHUNK, most - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)
