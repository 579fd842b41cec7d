"""Find the data folders (``resources/``, ``seeds/``) wherever Threadline runs from.

One helper for the three ways Threadline is run: a source checkout (or editable install),
an installed copy (data under ``<prefix>/share/threadline``) and the PyInstaller bundle
(data beside the executable in ``sys._MEIPASS``). Never relative to the current directory.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

_MARKER = "resources"


def _candidates() -> list[Path]:
    roots: list[Path] = []
    env = os.environ.get("THREADLINE_DATA")
    if env:
        roots.append(Path(env))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(Path(bundle))
    roots.append(Path(__file__).resolve().parent.parent)  # checkout / editable install
    roots.append(Path(sys.prefix) / "share" / "threadline")  # regular install
    return roots


@cache
def data_root() -> Path:
    """Return the folder that holds ``resources/`` and ``seeds/``.

    Raises
    ------
    FileNotFoundError
        When no candidate holds a ``resources`` folder (a broken install).
    """
    for root in _candidates():
        if (root / _MARKER).is_dir():
            return root
    tried = ", ".join(str(r) for r in _candidates())
    raise FileNotFoundError(f"Threadline's resources folder was not found (looked in {tried})")


def resources_dir() -> Path:
    """The ``resources/`` folder: patterns, taxonomy, icons, style sheets."""
    return data_root() / "resources"


def resource(*parts: str) -> Path:
    """Path of one file inside ``resources/``."""
    return resources_dir().joinpath(*parts)


def seeds_dir() -> Path:
    """The default corpus opened when no other is given."""
    return data_root() / "seeds"


def user_data_dir() -> Path:
    """Per-user data folder, where the folders' workspaces live (``THREADLINE_USER_DATA``
    overrides it; XDG on Linux, the usual places elsewhere)."""
    env = os.environ.get("THREADLINE_USER_DATA")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "threadline"
