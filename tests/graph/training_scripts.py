"""The training scripts (``training/*.py``) as modules, for the tests that check the shipped
models against the committed data."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def training_script(name: str) -> ModuleType:
    """``training/<name>.py``, loaded without running it."""
    spec = importlib.util.spec_from_file_location(f"threadline_{name}",
                                                  ROOT / "training" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
