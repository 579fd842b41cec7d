"""The standalone app, tested as built: PyInstaller onedir, run with an empty environment.

Builds the package with packaging/build.py into a temporary folder (the clean build venv
build/venv-package is made on first use and reused while pyproject.toml is unchanged), then
runs the executable from another folder with nothing but PATH and HOME set: ``--version``,
``--self-test``, the window on the default corpus (start-up probe) and a headless extract
whose GraphML must equal the source install's.

To test an existing build instead (e.g. right after ``make package``), point
THREADLINE_PACKAGE_DIR at the onedir folder (dist/threadline).
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"),
                       reason="the packaged app is built and tested on Linux in CI"),
]

ROOT = Path(__file__).resolve().parents[2]
EXE_NAME = "threadline"
SIZE_BUDGET_MB = 250
# Differ between any two runs; everything else in the GraphML must be identical.
VOLATILE_GRAPH_KEYS = {"created"}


def _clean_env(**extra: str) -> dict[str, str]:
    """What `env -i PATH=/usr/bin:/bin HOME=$HOME` leaves: no venv, no PYTHONPATH."""
    return {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root"), **extra}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    prebuilt = os.environ.get("THREADLINE_PACKAGE_DIR")
    if prebuilt:
        return Path(prebuilt).resolve()
    base = tmp_path_factory.mktemp("package")
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(base / "dist"),
         "--work", str(base / "work"), "--no-archive"],
        cwd=ROOT, capture_output=True, text=True, timeout=1500)
    if result.returncode != 0:
        pytest.fail(f"packaging/build.py failed ({result.returncode}):\n"
                    f"{result.stdout[-4000:]}\n{result.stderr[-6000:]}")
    return base / "dist" / EXE_NAME


@pytest.fixture(scope="module")
def manifest(bundle: Path) -> dict:
    """What PyInstaller put in the bundle (written by the spec into the work folder)."""
    for work in (bundle.parent.parent / "work", ROOT / "build" / "package"):
        path = work / "pyinstaller" / EXE_NAME / "bundle-manifest.json"
        if path.is_file() and path.stat().st_mtime >= (bundle / EXE_NAME).stat().st_mtime - 3600:
            return json.loads(path.read_text())
    pytest.skip("no bundle-manifest.json beside this build")


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory) -> Path:
    """A working folder that is neither the checkout nor the bundle."""
    return tmp_path_factory.mktemp("cwd")


def run_app(bundle: Path, args: list[str], cwd: Path, timeout: float = 600,
            **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(bundle / EXE_NAME), *args], cwd=cwd, env=_clean_env(**env),
                          capture_output=True, text=True, timeout=timeout)


def test_version_with_empty_environment(bundle: Path, elsewhere: Path):
    result = run_app(bundle, ["--version"], elsewhere)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("threadline 0.") or "threadline" in result.stdout
    # The statistical English model is inside the bundle, not a rules-only fallback.
    assert "en_core_web_sm" in result.stdout, result.stdout


def test_self_test_passes(bundle: Path, elsewhere: Path):
    result = run_app(bundle, ["--self-test"], elsewhere, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("threadline self-test ok"), result.stdout


def test_window_opens_on_default_corpus(bundle: Path, elsewhere: Path):
    result = run_app(bundle, [], elsewhere, timeout=300, QT_QPA_PLATFORM="offscreen",
                     THREADLINE_STARTUP_PROBE="1")
    assert result.returncode == 0, result.stderr
    shown = [line for line in result.stderr.splitlines() if line.startswith("window-shown ")]
    assert shown, result.stderr
    assert float(shown[0].split()[1]) > 0


def _graph_signature(path: Path):
    g = nx.read_graphml(path, force_multigraph=True)
    nodes = {n: dict(d) for n, d in g.nodes(data=True)}
    edges = sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in
                   g.edges(keys=True, data=True))
    meta = {k: v for k, v in g.graph.items() if k not in VOLATILE_GRAPH_KEYS}
    return nodes, edges, meta


def test_extract_matches_source_install(bundle: Path, elsewhere: Path, tmp_path: Path):
    seeds = ROOT / "seeds"
    packaged, source = tmp_path / "packaged.graphml", tmp_path / "source.graphml"
    result = run_app(bundle, ["extract", str(seeds), "-o", str(packaged), "--no-cache", "-q"],
                     elsewhere, THREADLINE_USER_DATA=str(tmp_path / "cache-packaged"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Wrote" in result.stdout
    env = {k: v for k, v in os.environ.items() if k != "THREADLINE_MODEL"}
    env["THREADLINE_USER_DATA"] = str(tmp_path / "cache-source")
    reference = subprocess.run(
        [sys.executable, "-m", "app.cli", "extract", str(seeds), "-o", str(source),
         "--no-cache", "-q"], cwd=elsewhere, env=env, capture_output=True, text=True,
        timeout=600)
    assert reference.returncode == 0, reference.stderr
    p_nodes, p_edges, p_meta = _graph_signature(packaged)
    s_nodes, s_edges, s_meta = _graph_signature(source)
    assert p_nodes.keys() == s_nodes.keys()
    assert p_nodes == s_nodes
    assert p_edges == s_edges
    assert p_meta == s_meta
    assert len(p_nodes) >= 10


def test_bundle_layout_and_size(bundle: Path):
    internal = bundle / "_internal"
    total = sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file() or p.is_symlink())
    assert total <= SIZE_BUDGET_MB * 1024 * 1024, f"{total / 1024 / 1024:.1f} MB"
    # Data the app reads, beside the code (graph.paths looks in sys._MEIPASS).
    assert (internal / "resources" / "taxonomy.json").is_file()
    assert sorted(p.name for p in (internal / "seeds").iterdir()) == \
        sorted(p.name for p in (ROOT / "seeds").iterdir())
    # The model with its dist-info (spacy.load needs it).
    assert list(internal.glob("en_core_web_sm*.dist-info"))
    assert not list(internal.rglob("libQt6Qml*")) and not list(internal.rglob("*WebEngine*"))
    assert not (internal / "PySide6" / "Qt" / "translations").exists()


def test_english_only_and_no_test_suites(manifest: dict):
    modules = set(manifest["pure"])
    assert "spacy.lang.en" in modules and "graph.nlp.components.entities" in modules
    assert "spacy.lang.de" not in modules and "spacy.lang.fr" not in modules
    assert not any(m.startswith(("spacy.tests", "thinc.tests")) for m in modules)
    qt_modules = {Path(dest).name.split(".")[0] for dest, *_ in manifest["binaries"]
                  if dest.startswith("PySide6/Qt") and ".abi3." in dest}
    assert qt_modules <= {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport"}, qt_modules


def test_licences_shipped(bundle: Path):
    assert "MIT License" in (bundle / "LICENSE").read_text()
    notices = (bundle / "THIRD_PARTY_NOTICES.txt").read_text()
    for name in ("PySide6", "spacy", "en_core_web_sm", "igraph", "networkx", "numpy", "thinc",
                 "pypdf", "tqdm", "Python"):
        assert name.lower() in notices.lower(), name
    assert "LGPL-3.0" in notices and "GPL-2.0-or-later" in notices
    licenses = bundle / "LICENSES"
    assert list(licenses.glob("PySide6_Essentials-*/LGPL-3.0.txt"))
    assert list(licenses.glob("igraph-*/**/LICENSE*"))
    assert list(licenses.glob("spacy-*/**/LICENSE*"))


def test_desktop_entry(bundle: Path):
    desktop = bundle / "share" / "applications" / "threadline.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(desktop, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Icon"] == "threadline"
    assert section["Exec"].startswith("threadline")
    for size in (16, 32, 48, 128, 256, 512):
        assert (bundle / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" /
                "threadline.png").is_file()
    validator = shutil.which("desktop-file-validate")
    if validator:
        result = subprocess.run([validator, str(desktop)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_cluster_extra_is_left_out(bundle: Path, manifest: dict, elsewhere: Path,
                                       tmp_path: Path):
    # Dask stays out of the 250 MB bundle; asking for a cluster says so.
    assert not any(m.split(".")[0] in {"dask", "distributed"} for m in manifest["pure"])
    assert "graph.nlp.cluster" in manifest["pure"]
    result = run_app(bundle, ["extract", str(ROOT / "seeds"), "-o", str(tmp_path / "g.graphml"),
                              "--scheduler", "tcp://127.0.0.1:8786", "-q"], elsewhere,
                     THREADLINE_USER_DATA=str(tmp_path / "data"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "The packaged app cannot extract on a Dask cluster" in result.stderr
