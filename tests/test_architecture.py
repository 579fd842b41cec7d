"""The architecture of app/ and graph/, checked on the source and by importing it.

Imports are read with :mod:`ast` from every module of both packages, including imports
inside functions (a lazy import is still a dependency) and ``if TYPE_CHECKING`` blocks.

* **Layers.** ``graph`` never imports ``app``. Inside ``graph`` the shared basics (the
  top-level modules) import no stage; each stage imports only the basics and the stages
  before it: ``ingest`` -> ``nlp`` -> ``build``, with ``store`` beside ``nlp`` (it needs
  only ingest's documents) and ``explore`` on ingest alone (the table in
  docs/ARCHITECTURE.md). A new top-level module of ``graph`` must be added to
  :data:`BASICS` to be accepted.
* **No cycles** between modules of app and graph.
* **Confinement.** Only ``graph.nlp`` imports spaCy (or thinc); app modules may reach it
  from inside a function, never at import time. Nothing in graph imports Qt. Both are
  also proven by importing every module in a fresh interpreter and looking at
  ``sys.modules``. ``graph.nlp`` and ``graph.nlp.records`` (imported by build) must load
  without spaCy.
* **Size.** A module has at most :data:`MAX_MODULE_LINES` lines unless its module
  docstring explains why in a sentence containing the words "longer than" (for instance
  "This module is longer than 450 lines because ..."); a function or method has at most
  :data:`MAX_FUNCTION_LINES` lines from ``def`` to its last line, with no exception.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

import graph

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "graph")

BASICS = frozenset({"graph", "graph.errors", "graph.messages", "graph.paths", "graph.taxonomy",
                    "graph.jobs", "graph.events", "graph.schema", "graph.names"})
STAGES = ("ingest", "nlp", "store", "build", "explore")
# Which layers each layer of graph may import; every layer may import itself.
ALLOWED = {
    "basics": set(),
    "ingest": {"basics"},
    "nlp": {"basics", "ingest"},
    "store": {"basics", "ingest", "nlp"},  # the workspace keeps nlp's plain records
    "build": {"basics", "ingest", "nlp", "store"},
    "explore": {"basics", "ingest"},  # files are the CLI's and window's business
}
SPACY = ("spacy", "thinc")
QT = ("PySide6", "shiboken6")
# graph.nlp's own __init__, its plain records and its reading of a text (evidence, passages)
# are imported by build and the window without spaCy.
SPACY_FREE_NLP = ("graph.nlp", "graph.nlp.records", "graph.nlp.reading")

MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 60
EXCUSE = "longer than"


@dataclass(frozen=True)
class Import:
    """One import statement's target, where it is, and whether it runs at import time."""

    module: str  # the importing module
    target: str  # the imported module, resolved to the most specific known module
    line: int
    top_level: bool  # False inside a function body

    def __str__(self) -> str:
        return f"{self.module} imports {self.target} (line {self.line})"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def sources() -> dict[str, tuple[Path, str, ast.Module]]:
    """Every module of the packages with its path, text and tree (parsed once, when first asked)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            found[_module_name(path)] = (path, source, ast.parse(source, str(path)))
    return found


@cache
def modules() -> frozenset[str]:
    return frozenset(sources())


def _resolve(name: str) -> str:
    """The longest known module that ``name`` is or lies in; ``name`` itself if external."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules():
            return candidate
    return name


def _targets(node: ast.Import | ast.ImportFrom, module: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [_resolve(alias.name) for alias in node.names]
    base = node.module or ""
    if node.level:
        is_package = sources()[module][0].name == "__init__.py"
        anchor = module.split(".")[: len(module.split(".")) - node.level + is_package]
        base = ".".join([*anchor, base] if base else anchor)
    # ``from graph.store import workspace`` imports the submodule graph.store.workspace.
    return [_resolve(f"{base}.{alias.name}") if f"{base}.{alias.name}" in modules()
            else _resolve(base) for alias in node.names]


def _imports_of(module: str, tree: ast.Module) -> list[Import]:
    found = []

    def visit(node: ast.AST, top_level: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.extend(Import(module, target, child.lineno, top_level)
                             for target in _targets(child, module))
            inside = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            visit(child, top_level and not inside)

    visit(tree, True)
    return found


@cache
def imports() -> tuple[Import, ...]:
    return tuple(imp for module, (_, _, tree) in sources().items()
                 for imp in _imports_of(module, tree))


def _layer(module: str) -> str | None:
    if module in BASICS:
        return "basics"
    parts = module.split(".")
    if parts[0] == "graph" and len(parts) > 1 and parts[1] in STAGES:
        return parts[1]
    return None


def _in(module: str, roots: tuple[str, ...]) -> bool:
    return any(module == root or module.startswith(root + ".") for root in roots)


def _fail_with(problems: list[str], what: str) -> None:
    assert not problems, f"{what}:\n  " + "\n  ".join(problems)


def test_the_sources_were_found():
    assert {"graph", "graph.nlp", "graph.explore.layout", "app", "app.cli"} <= modules()
    assert any(imp.target == "graph.nlp.records" for imp in imports())  # from-imports resolve


def test_every_graph_module_belongs_to_a_layer():
    unplaced = sorted(m for m in modules() if m.startswith("graph") and _layer(m) is None)
    _fail_with(unplaced, "graph modules in no layer (add new basics to BASICS)")


def test_graph_never_imports_app():
    _fail_with([str(imp) for imp in imports()
                if _in(imp.module, ("graph",)) and _in(imp.target, ("app",))],
               "graph must not depend on the GUI/CLI package")


def test_graph_layers_only_import_downward():
    problems = []
    for imp in imports():
        source, target = _layer(imp.module), _layer(imp.target)
        if source is None or target is None or target == source:
            continue
        if target not in ALLOWED[source]:
            problems.append(f"{imp}: layer {source!r} may only import "
                            f"{sorted(ALLOWED[source]) or 'nothing else'}, not {target!r}")
    _fail_with(problems, "upward or sideways imports inside graph")


def test_no_import_cycles():
    g = nx.DiGraph()
    g.add_nodes_from(modules())
    g.add_edges_from((imp.module, imp.target) for imp in imports()
                     if imp.target in modules() and imp.target != imp.module)
    cycles = sorted(" -> ".join([*c, c[0]]) for c in nx.simple_cycles(g))
    _fail_with(cycles, "import cycles (lazy imports inside functions count too)")


def test_only_graph_nlp_imports_spacy():
    problems = [str(imp) for imp in imports() if _in(imp.target, SPACY)
                and _in(imp.module, ("graph",)) and not _in(imp.module, ("graph.nlp",))]
    problems += [f"{imp} at import time" for imp in imports()
                 if _in(imp.target, SPACY) and _in(imp.module, ("app",)) and imp.top_level]
    problems += [str(imp) for imp in imports()
                 if imp.module in SPACY_FREE_NLP and _in(imp.target, SPACY)]
    _fail_with(problems, "spaCy imported outside graph.nlp's pipeline modules")


def test_graph_never_imports_qt():
    _fail_with([str(imp) for imp in imports()
                if _in(imp.module, ("graph",)) and _in(imp.target, QT)],
               "Qt imported by graph")


def _walked_graph_modules() -> list[str]:
    """Every module of graph as :func:`pkgutil.walk_packages` finds it, recursively.

    Walked here rather than in the fresh interpreter: the walk imports each package to
    look inside it, and ``graph.nlp.components`` loads spaCy.
    """
    walked = ["graph", *(m.name for m in pkgutil.walk_packages(graph.__path__, "graph."))]
    unreached = sorted(m for m in modules() if m.startswith("graph") and m not in walked)
    assert not unreached, f"not reached by pkgutil (a folder without __init__.py?): {unreached}"
    return walked


def _loaded_after_importing(modules: list[str], watched: tuple[str, ...]) -> list[str]:
    """Which of the ``watched`` top-level packages a fresh interpreter holds after
    importing ``modules``."""
    code = (f"import importlib, sys\nfor name in {modules!r}: importlib.import_module(name)\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & " + f"{set(watched)!r}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=False)
    assert out.returncode == 0, out.stderr
    return ast.literal_eval(out.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_importing_every_graph_module_loads_no_qt():
    assert _loaded_after_importing(_walked_graph_modules(), QT) == []


def test_importing_graph_outside_the_nlp_pipeline_loads_no_spacy():
    modules = [m for m in _walked_graph_modules()
               if m in SPACY_FREE_NLP or not _in(m, ("graph.nlp",))]
    assert set(SPACY_FREE_NLP) <= set(modules) and "graph.build.jobs" in modules
    assert _loaded_after_importing(modules, SPACY) == []


def test_the_headless_cli_loads_no_qt():
    code = ("import sys\nfrom app import cli\n"
            "try:\n    cli.main(['extract', '--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'shiboken6'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=False)
    assert "usage: threadline extract" in out.stdout, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def _function_lengths(tree: ast.Module):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name, node.lineno, node.end_lineno - node.lineno + 1


def test_modules_stay_short_or_say_why():
    problems = []
    for path, source, tree in sorted(sources().values()):
        lines = len(source.splitlines())
        docstring = (ast.get_docstring(tree) or "").casefold()
        if lines > MAX_MODULE_LINES and EXCUSE not in docstring:
            problems.append(f"{path.relative_to(ROOT)}: {lines} lines > {MAX_MODULE_LINES}, "
                            f"and its docstring does not say why ('{EXCUSE} ...')")
    _fail_with(problems, "modules too long: split them along a seam or explain")


def test_functions_stay_short():
    problems = [f"{path.relative_to(ROOT)}:{line} {name}(): {length} lines"
                for path, _, tree in sorted(sources().values())
                for name, line, length in _function_lengths(tree)
                if length > MAX_FUNCTION_LINES]
    _fail_with(problems, f"functions over {MAX_FUNCTION_LINES} lines")


def test_no_module_binds_a_top_level_name_twice():
    """A second ``_WORD = ...`` further down a module silently replaces the first for every
    function using it (shouted() once changed what title_line() counted as a word)."""
    problems = []
    for path, _, tree in sorted(sources().values()):
        seen: dict[str, int] = {}
        for node in tree.body:
            for name in _bound_names(node):
                if name in seen:
                    problems.append(f"{path.relative_to(ROOT)}:{node.lineno} {name} "
                                    f"(first bound on line {seen[name]})")
                seen.setdefault(name, node.lineno)
    _fail_with(problems, "module-level names bound twice")


def _bound_names(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    targets = node.targets if isinstance(node, ast.Assign) else \
        [node.target] if isinstance(node, ast.AnnAssign) else []
    return [t.id for t in targets if isinstance(t, ast.Name)]


@pytest.mark.parametrize("source, expected", [
    ("import graph.store.workspace as w", ["graph.store.workspace"]),
    ("from graph.store import workspace", ["graph.store.workspace"]),
    ("from graph.store.workspace import Workspace", ["graph.store.workspace"]),
    ("from graph import __version__, messages", ["graph", "graph.messages"]),
    ("import numpy.linalg", ["numpy.linalg"]),
    ("def f():\n    from . import values", ["graph.store.values"]),
])
def test_imports_are_resolved_to_modules(source, expected):
    imports = _imports_of("graph.store.tables", ast.parse(source))
    assert [imp.target for imp in imports] == expected
    assert [imp.top_level for imp in imports] == ["def" not in source] * len(expected)
