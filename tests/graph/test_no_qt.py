"""graph/ never imports Qt: the core runs headless and in the CLI without PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import graph


def test_importing_every_graph_module_loads_no_qt():
    modules = [f"graph.{m.name}" for m in pkgutil.iter_modules(graph.__path__)]
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
            "print(','.join(qt))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert len(modules) >= 10
    assert out.stdout.strip() == ""


def test_the_headless_cli_loads_no_qt():
    code = ("import sys; from app import cli; cli.main(['extract', '--help'])")
    out = subprocess.run([sys.executable, "-c", code + "\n"], capture_output=True, text=True)
    assert "usage: threadline extract" in out.stdout
    check = ("import sys\nfrom app import cli\n"
             "print(any(m.startswith('PySide6') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", check], capture_output=True,
                          text=True).stdout.strip() == "False"
