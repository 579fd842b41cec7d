"""Atomic writing: a failed export never leaves half a file behind, nor destroys anything.

Every file is written to a temporary file beside its target, then renamed over the target
only once every file of the export is complete (CSV writes two). Targets are checked
first: a device, pipe, socket or folder is refused, never replaced; a symbolic link is
written through (its final target is replaced, the link stays a link). A replaced file
keeps its permission bits; a new file gets the umask's. Temporaries are named
``.NAME.threadline-<pid>-<random>.tmp``, so ones left by a killed export are recognised
and removed by the next export into the same folder.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from graph import messages
from graph.errors import ExportError
from graph.ingest.readers import SUPPORTED_SUFFIXES

TEMP_MARK = "threadline"
_TEMP_NAME = re.compile(rf"^\..+\.{TEMP_MARK}-(\d+)-[0-9a-f]+\.tmp$")
# A temporary younger than this may belong to a writer in another pid namespace.
STALE_AFTER = 60.0


def _error(path, error: str) -> ExportError:
    return ExportError(messages.CANNOT_WRITE.format(path=path, error=error))


def export_target(path: str | os.PathLike) -> Path:
    """The file an export to ``path`` replaces: ``path`` itself, or its link's final target.

    Nothing is written.

    Raises
    ------
    ExportError
        ``path`` (after following links) exists and is not a regular file: a folder, a
        device such as ``/dev/null``, a pipe or a socket.
    """
    given = Path(path)
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise _error(given, exc.strerror or str(exc)) from exc
    if stat.S_ISDIR(mode):
        raise _error(given, messages.TARGET_IS_FOLDER)
    if not stat.S_ISREG(mode):
        raise _error(given, messages.TARGET_NOT_REGULAR)
    return target


def _pid_alive(pid: int) -> bool:
    if os.name == "nt":
        return True  # os.kill would terminate it there; never remove what may be in use
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def remove_stale_temporaries(folder: str | os.PathLike) -> list[Path]:
    """Remove our temporaries in ``folder`` left by exports that were killed.

    A temporary is stale when the process named in it is gone and it is older than
    :data:`STALE_AFTER` seconds. Returns what was removed; failures are ignored.
    """
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if not match or int(match.group(1)) == os.getpid():
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if (stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_AFTER
                    and not _pid_alive(int(match.group(1)))):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _temporary(target: Path) -> Path:
    """A new empty file beside ``target`` with the mode ``target`` has or would get."""
    folder = target.parent
    try:
        existing = target.stat()
    except OSError:
        existing = None
    while True:
        tmp = folder / f".{target.name}.{TEMP_MARK}-{os.getpid()}-{secrets.token_hex(4)}.tmp"
        try:
            # 0o666 is narrowed by the umask, as for any new file.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            continue
    try:
        if existing is not None:
            os.chmod(fd if os.chmod in os.supports_fd else tmp, stat.S_IMODE(existing.st_mode))
            if hasattr(os, "fchown") and (existing.st_uid, existing.st_gid) != _owner(fd):
                try:
                    os.chown(fd, existing.st_uid, existing.st_gid)
                except OSError:
                    pass  # only root may give a file away; the bits are what matter
    finally:
        os.close(fd)
    return tmp


def _owner(fd: int) -> tuple[int, int]:
    info = os.fstat(fd)
    return info.st_uid, info.st_gid


def _sync_folder(folder: Path) -> None:
    # The renames are durable only once the folder is; not possible everywhere.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_paths(*paths: str | os.PathLike) -> Iterator[list[Path]]:
    """Yield one temporary path per target; rename them all only when all are written.

    A failure while writing any of them leaves every target as it was and no temporary
    behind. The renames come last; only one of them failing (rare: the files are complete
    and beside their targets) can leave the targets before it replaced. Links are written
    through and non-regular targets refused (:func:`export_target`).

    Raises
    ------
    ExportError
        A target is refused, or writing or renaming failed (the message says why).
    """
    given = [Path(p) for p in paths]
    names = ", ".join(str(p) for p in given)
    targets = [export_target(p) for p in given]
    for folder in {t.parent for t in targets}:
        remove_stale_temporaries(folder)
    temps: list[Path] = []
    try:
        for target in targets:
            temps.append(_temporary(target))
        yield temps
        for tmp, target in zip(temps, targets, strict=True):
            os.replace(tmp, target)
        for folder in {t.parent for t in targets}:
            _sync_folder(folder)
    except BaseException as exc:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _error(names, exc.strerror or str(exc)) from exc
        raise


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it over ``path`` only on success.

    For writers that want a file name; see :func:`atomic_paths` for the rules.
    """
    with atomic_paths(path) as (tmp,):
        yield tmp


@contextmanager
def atomic_writes(paths, mode: str = "w") -> Iterator[list]:
    """Open one temporary file per path; rename them over ``paths`` only when all succeed.

    Text files are UTF-8 without newline translation. Each is flushed and synced to disk
    before any is renamed.
    """
    # A lone surrogate (from a file name that is not UTF-8) must not fail the export.
    text = {} if "b" in mode else {"encoding": "utf-8", "newline": "", "errors": "replace"}
    with atomic_paths(*paths) as temps, ExitStack() as stack:
        handles = [stack.enter_context(open(tmp, mode, **text)) for tmp in temps]
        yield handles
        for fh in handles:
            fh.flush()
            os.fsync(fh.fileno())


@contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w"):
    """Open a temporary file beside ``path``; rename it over ``path`` only on success."""
    with atomic_writes([path], mode) as (fh,):
        yield fh


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False


def refuse_inputs(target: str | os.PathLike, inputs: Iterable[str | os.PathLike]) -> None:
    """Refuse an output that is an input file, or a document inside an input folder.

    A graph written as ``notes.txt`` over a document, or as ``graph.md`` into the corpus
    (read back as a document next time), destroys or pollutes the input. Links are
    followed, since writing goes through them (:func:`export_target`).

    Raises
    ------
    ExportError
        ``target`` is, or would join, one of ``inputs``.
    """
    real = Path(os.path.realpath(target))
    for given in inputs:
        source = Path(given).expanduser()
        if source.is_dir():
            inside = real.is_relative_to(Path(os.path.realpath(source)))
            if inside and real.suffix.lower() in SUPPORTED_SUFFIXES:
                raise ExportError(messages.OUTPUT_IN_INPUT.format(path=target, folder=given))
        elif real == Path(os.path.realpath(source)) or _same_file(real, source):
            raise ExportError(messages.OUTPUT_IS_INPUT.format(path=target, input=given))
